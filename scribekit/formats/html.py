"""Interactive HTML transcript: one self-contained file (inline style and script, no
network request), every word a ``<span class="w">`` carrying its start and end in
seconds (``data-s``, ``data-e``).

With ``media``, an audio or video player: clicking a word (or a timestamp) seeks there,
the word being spoken is highlighted during playback, and a search box marks the
matches. Without JavaScript the page is a plain, readable transcript.

Line numbers (``line_numbers=N``): a page reflows, so lines a reader could cite must be
fixed by the writer. With line numbers, each turn's text is broken into lines of at most
72 columns (between words, as the txt writer's ``wrap``; a Han, kana or Hangul character
counts two columns; a word longer than that is a line of its own), each line a block with
its number in a gutter on the side the turn starts (left, right in a right-to-left turn).
A turn's timestamp and speaker line is a line too; the title and header are not counted.
Every Nth line shows its number; the numbers run on through the page (a page has no pages:
``line_numbers_restart`` changes nothing). The numbers are CSS generated content, so
copying the text does not copy them. On a screen narrower than a line, the line wraps under
itself and keeps its one number.
"""
from __future__ import annotations

import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

from ..model import Transcript
from ..segmentation.timing import check_range
from ..timecode import MAX_MS, format_clock
from . import describe
from ._document import (
    Block,
    DocumentOptions,
    blocks,
    clean_text,
    document_title,
    header_fields,
    reporting,
    shows_header,
)

FORMAT = describe(__name__, name="html", title="Interactive HTML transcript, one self-contained file",
                  extensions=("html", "htm"), kind="document", priority=110)


@dataclass(frozen=True)
class HtmlOptions(DocumentOptions):
    """An interactive transcript shows who speaks and when unless told not to."""

    timestamps: bool = field(default=True, metadata=DocumentOptions.__dataclass_fields__["timestamps"].metadata)
    speakers: bool = field(default=True, metadata=DocumentOptions.__dataclass_fields__["speakers"].metadata)
    media: str | None = field(default=None, metadata={
        "help": "audio or video file for the player, as the page will reach it (a path relative to the HTML file)"})


Options = HtmlOptions

_VIDEO = (".mp4", ".m4v", ".webm", ".ogv", ".mov", ".mkv")

_STYLE = """
:root{--fg:#1b1b1b;--muted:#6a6a6a;--accent:#0b57d0;--now:#ff9f43;--hl:#fff3a3;--found:#b7e1ff}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);
max-width:46rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 .75rem;color:var(--muted);font-size:.9rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.bar{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd;z-index:1}
.bar audio,.bar video{display:block;width:100%}
.bar video{max-height:30vh;background:#000}
@media (max-height:30rem){.bar{position:static}}
.search{display:flex;gap:.5rem;align-items:center;margin-top:.4rem}
.search[hidden]{display:none}
.search input{flex:1;font:inherit;padding:.25rem .5rem}
.search output{color:var(--muted);font-size:.9rem;min-width:6rem}
.turn{margin:1rem 0}
.head{margin:0;color:var(--muted);font-size:.9rem}
.speaker{color:var(--fg);font-weight:700}
.text{margin:.1rem 0}
.ts,.mark{color:var(--muted);font-variant-numeric:tabular-nums;text-decoration:none}
mark.hl{background:var(--hl);color:inherit}
.low{text-decoration:underline dotted #b03a00;text-underline-offset:.2em}
.comment{color:var(--accent);font-size:.9rem}
.player .w,.player .ts{cursor:pointer}
.player .w:hover{background:#eee}
.w.now{background:var(--now);border-radius:2px;box-shadow:0 0 0 2px var(--now)}
.w.found{background:var(--found)}
.w.found.current{outline:2px solid var(--accent)}
@media print{.bar{display:none}body{max-width:none;padding:0;font-size:11pt}.turn{break-inside:avoid}
.w.now,.w.found{background:none;box-shadow:none;outline:none}mark.hl{print-color-adjust:exact}}
"""

_LINE_STYLE = """.numbered .line{display:block;padding-inline-start:3.5rem}
.numbered .line[data-n]::before{content:attr(data-n);display:inline-block;width:2.5rem;margin-inline:-3.5rem 1rem;
text-align:end;color:var(--muted);font-size:.85rem;font-weight:400;font-variant-numeric:tabular-nums;
user-select:none}
"""
_LINE_COLUMNS = 72
"""The columns of a numbered line (as a monospaced text would count them)."""

_SCRIPT = r"""
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var media = document.getElementById("media");
  if (media) root.classList.add("player");
  var words = Array.prototype.slice.call(document.querySelectorAll(".w"));
  var timed = words.slice().sort(function (a, b) {
    return parseFloat(a.getAttribute("data-s")) - parseFloat(b.getAttribute("data-s"));
  });
  var starts = timed.map(function (w) { return parseFloat(w.getAttribute("data-s")); });
  var ends = timed.map(function (w) { return parseFloat(w.getAttribute("data-e")); });
  var current = null;

  function at(time) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= time) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    // the word stays lit through a short pause after it, until the next one starts
    return found >= 0 && time < Math.max(ends[found] + 2, starts[found] + 0.05) ? found : -1;
  }
  function show(follow) {
    if (!media) return;
    var index = at(media.currentTime);
    var word = index >= 0 ? timed[index] : null;
    if (word === current) return;
    if (current) current.classList.remove("now");
    current = word;
    if (!word) return;
    word.classList.add("now");
    if (follow) {
      var box = word.getBoundingClientRect();
      if (box.top < 80 || box.bottom > window.innerHeight) word.scrollIntoView({block: "center"});
    }
  }
  if (media) {
    var tick = function () { show(true); if (!media.paused) window.requestAnimationFrame(tick); };
    media.addEventListener("play", tick);
    media.addEventListener("timeupdate", function () { show(!media.paused); });
    media.addEventListener("seeked", function () { show(false); });
  }
  document.getElementById("transcript").addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-s]") : null;
    if (!target || !media) return;
    event.preventDefault();
    media.currentTime = parseFloat(target.getAttribute("data-s"));
    show(false);
  });

  var box = document.getElementById("search");
  var count = document.getElementById("hits");
  if (!box) return;
  box.parentNode.hidden = false;
  // case and accents do not count: "zurich" finds "Zürich" and "ZÜRICH" finds "zurich"
  var marks = new RegExp("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f" +
                         "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670]", "g");
  function fold(s) {
    s = s.toUpperCase().toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(marks, "").normalize("NFC") : s;
  }
  var text = "", offsets = [];
  words.forEach(function (w) {
    if (text) text += " ";
    offsets.push(text.length);
    text += fold(w.textContent);
  });
  var hits = [], position = -1;
  function clear() {
    hits.forEach(function (hit) { hit.forEach(function (i) { words[i].classList.remove("found", "current"); }); });
    hits = []; position = -1;
  }
  function wordAt(offset) {
    var lo = 0, hi = offsets.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (offsets[mid] <= offset) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function search() {
    clear();
    var query = fold(box.value).trim().replace(/\s+/g, " ");
    if (!query) { count.textContent = ""; return; }
    var from = 0, index;
    while ((index = text.indexOf(query, from)) >= 0 && hits.length < 10000) {
      var first = wordAt(index), last = wordAt(index + query.length - 1), hit = [];
      for (var i = first; i <= last; i++) { words[i].classList.add("found"); hit.push(i); }
      hits.push(hit);
      from = index + query.length;
    }
    count.textContent = hits.length === 1 ? "1 match" : hits.length + " matches";
  }
  function next(step) {
    if (!hits.length) return;
    if (position >= 0) hits[position].forEach(function (i) { words[i].classList.remove("current"); });
    position = (position + step + hits.length) % hits.length;
    hits[position].forEach(function (i) { words[i].classList.add("current"); });
    words[hits[position][0]].scrollIntoView({block: "center"});
  }
  box.addEventListener("input", search);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); next(event.shiftKey ? -1 : 1); }
  });
})();
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _seconds(ms: int) -> str:
    if not -MAX_MS <= ms <= MAX_MS:  # a transcript built in Python may hold any int
        check_range(ms, ms, "HTML")
    return f"{ms / 1000:.3f}"


_THOUSANDTHS = [f"{n:03d}" for n in range(1000)]
"""A time's decimals: for whole milliseconds from 0 up, f"{ms // 1000}.{_THOUSANDTHS[ms % 1000]}" is
_seconds(ms), in a third of the time (no float made and rounded)."""
_CLASSES = {(False, False): "w", (True, False): "w hl", (False, True): "w low", (True, True): "w hl low"}


class _Numbering:
    """The line numbers of a page: every ``every``-th line's shows."""

    def __init__(self, every: int) -> None:
        self.every = every
        self.count = 0

    def attribute(self) -> str:
        """The next line's ``data-n`` attribute (its number, when shown)."""
        self.count += 1
        return f' data-n="{self.count}"' if self.count % self.every == 0 else ""


def _columns(text: str) -> int:
    """How many columns ``text`` takes (a wide character two, a combining mark none)."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _line_breaks(block: Block, columns: int) -> set[tuple[int, int]]:
    """Where the turn's numbered lines start after its first: (run, token) of the word, token -1
    for a run's interval timestamp. A word and the comments closing on it stay on one line."""
    breaks: set[tuple[int, int]] = set()
    used = 0
    for r, (mark, tokens) in enumerate(block.runs):
        units: list[tuple[int, bool, int]] = []
        if mark is not None:
            units.append((-1, used > 0, 10))  # [hh:mm:ss]
        for i, token in enumerate(tokens):
            width = _columns(token.text) + sum(2 + _columns(c) + 1 for c in token.comments)
            units.append((i, token.space or (i == 0 and used > 0), width))
        for i, space, width in units:
            gap = 1 if space and used else 0
            if used and used + gap + width > columns:
                breaks.add((r, i))
                used = width
            else:
                used += gap + width
    return breaks


def _turn(block: Block, options: DocumentOptions, player: bool, escaped: dict[str, str] | None = None,
          numbering: _Numbering | None = None) -> str:
    """The turn's section; ``escaped``: the words escaped so far in this document (most recur);
    ``numbering``: the page's line numbers, when it has them."""
    if escaped is None:
        escaped = {}
    breaks = _line_breaks(block, _LINE_COLUMNS) if numbering is not None else None
    out = [f'<section class="turn" dir="{block.direction}">']
    head = []
    if options.timestamps:  # a link to the time with a player, else just the time (no jump to the top)
        tag = 'a class="ts" href="#"' if player else 'span class="ts"'
        head.append(f'<{tag} data-s="{_seconds(block.start)}">{format_clock(block.start)}</{tag[:tag.index(" ")]}>')
    if options.speakers and block.speaker:
        head.append(f'<b class="speaker" dir="auto">{_e(block.speaker)}</b>')
    if head:
        if numbering is not None:
            out.append(f'<p class="head line"{numbering.attribute()}>' + " ".join(head) + "</p>")
        else:
            out.append('<p class="head">' + " ".join(head) + "</p>")
    parts: list[str] = []
    first_line = f'<span class="line"{numbering.attribute()}>' if numbering is not None else ""
    in_mark = False
    for r, (mark, tokens) in enumerate(block.runs):
        if mark is not None:
            if in_mark:
                parts.append("</mark>")
                in_mark = False
            if breaks and (r, -1) in breaks and numbering is not None:
                parts.append(f'</span><span class="line"{numbering.attribute()}>')
            elif parts:
                parts.append(" ")
            parts.append(f'<span class="mark">[{format_clock(mark)}]</span>')
        for i, token in enumerate(tokens):  # once a word of the document: _seconds and _e inlined
            highlighted = token.highlighted
            if breaks and (r, i) in breaks and numbering is not None:
                if in_mark:
                    parts.append("</mark>")
                    in_mark = False
                parts.append(f'</span><span class="line"{numbering.attribute()}>')
            else:
                if in_mark and not highlighted:
                    parts.append("</mark>")
                    in_mark = False
                if token.space or (i == 0 and parts):
                    parts.append(" ")
            if highlighted and not in_mark:
                parts.append('<mark class="hl">')
                in_mark = True
            start, end = token.start, token.end
            text = escaped.get(token.text)
            if text is None:
                text = escaped[token.text] = _e(token.text)
            if type(start) is int and type(end) is int and 0 <= start <= MAX_MS and 0 <= end <= MAX_MS:
                parts.append(f'<span class="{_CLASSES[highlighted, token.low]}" data-s="{start // 1000}.'
                             f'{_THOUSANDTHS[start % 1000]}" data-e="{end // 1000}.{_THOUSANDTHS[end % 1000]}">'
                             f"{text}</span>")
            else:
                parts.append(f'<span class="{_CLASSES[highlighted, token.low]}" data-s="{_seconds(start)}" '
                             f'data-e="{_seconds(end)}">{text}</span>')
            if token.comments and in_mark:
                parts.append("</mark>")
                in_mark = False
            for comment in token.comments:
                parts.append(f' <span class="comment" dir="auto">[{_e(comment)}]</span>')
    if in_mark:
        parts.append("</mark>")
    if numbering is not None:
        out.append('<p class="text">' + first_line + "".join(parts) + "</span></p></section>")
        return "".join(out)
    out.append('<p class="text">' + "".join(parts) + "</p></section>")
    return "".join(out)


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def media_url(media: str) -> str:
    """The player's address: a URL (``https://...``) as it is, a file name (the ``media``
    option's meaning) as the relative URL that reaches it, ``#``, ``?`` and ``%`` included."""
    if _URL.match(media):
        return quote(media, safe="/:@!$&'()*+,;=-._~%#?", errors="replace")
    path = media.replace(os.sep, "/") if os.sep != "/" else media
    try:
        url = quote(path, safe="/", errors="surrogateescape")  # a name that is not UTF-8 keeps its bytes
    except UnicodeEncodeError:
        url = quote(clean_text(path), safe="/")
    return url  # ":" is quoted too, so that "a:b.mp3" does not read as a URL scheme


def _player(media: str) -> str:
    address = media.lower().split("?", 1)[0].split("#", 1)[0] if _URL.match(media) else media.lower()
    tag = "video" if address.endswith(_VIDEO) else "audio"
    return f'<{tag} id="media" controls preload="metadata" src="{_e(media_url(media))}"></{tag}>'


@reporting
def write(transcript: Transcript, options: DocumentOptions | None = None) -> str:
    options = options or HtmlOptions()
    media = getattr(options, "media", None)
    title = document_title(transcript, options)
    language = (transcript.metadata.language or "").strip()
    lang_attr = f' lang="{_e(language)}"' if language and language.replace("-", "").isalnum() else ""
    out = [
        f"<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; media-src * data: blob: file: filesystem:\">\n",
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="scribekit">\n',
        f"<title>{_e(title)}</title>\n<style>{_STYLE + _LINE_STYLE if options.line_numbers else _STYLE}</style>\n"
        "</head>\n<body>\n",
    ]
    if shows_header(options):
        out.append(f'<header><h1 dir="auto">{_e(title)}</h1><dl class="meta">')
        out += [f'<dt>{_e(label)}</dt><dd dir="auto">{_e(value)}</dd>' for label, value in header_fields(transcript)]
        out.append("</dl></header>\n")
    out.append('<div class="bar">')
    if media:
        out.append(_player(media))
    out.append('<div class="search" hidden><input id="search" type="search" placeholder="Search the transcript" '
               'aria-label="Search the transcript" autocomplete="off"><output id="hits" aria-live="polite"></output>'
               "</div></div>\n")
    numbering = _Numbering(options.line_numbers) if options.line_numbers else None
    out.append('<main id="transcript" class="numbered">\n' if numbering else '<main id="transcript">\n')
    escaped: dict[str, str] = {}
    for block in blocks(transcript, options):
        out.append(_turn(block, options, bool(media), escaped, numbering))
        out.append("\n")
    out.append(f"</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(out)

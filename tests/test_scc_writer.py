"""SCC writer: the bytes (parity, doubled codes, the loading-time rule) checked on what we write, and
what we write decoded by three independent programs (ffmpeg's scc demuxer and CEA-608 decoder,
ttconv's SCC reader, pycaption's SCCReader) with the same text and times, for the sample transcripts
and for any transcript the property tests draw.

How each decoder reads a timecode label (measured; they differ, our labels do not):

- ttconv counts frames at 29.97 with drop-frame arithmetic, and times each code word by its own
  frame: its times are the true ones, so ours must be within a frame of the cues';
- ffmpeg reads ``HH:MM:SS;FF`` as HH:MM:SS plus 33 ms a frame, with no drop-frame arithmetic, and
  times a whole line by its label; pycaption reads a drop-frame label as clock time (frames /30)
  and a non-drop-frame one as 1.001 times that. Their times are compared with that reading of our
  labels, within a frame (a drop-frame label runs up to 2 frames from the clock within a minute).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scribekit
from scribekit import Cue, Metadata, OptionError, ScribekitWarning, Transcript, WriteError
from scribekit.formats.scc import codes
from scribekit.formats.scc import writer as scc
from scribekit.markup import strip_tags

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_TRANSCRIPTS = [SAMPLES / "amberscript" / "interview.json", SAMPLES / "subtitles" / "interview.srt",
                      SAMPLES / "asr" / "interview.whisperx.json"]
FRAME = 1001 / 30  # ms
RATE = scc.RATE
EOC, EDM, RCL, AOF = (codes.with_parity(a) << 8 | codes.with_parity(b)
                      for a, b in (codes.control(name, 1) for name in ("EOC", "EDM", "RCL", "AOF")))


# --- our output, parsed --------------------------------------------------------------------------

class Line(NamedTuple):
    label: str
    frame: int
    words: list[int]


def write(cues: list[Cue], **options: Any) -> tuple[str, list[str]]:
    """The writer on ``cues`` and the messages of the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = scc.write_cues(cues, Transcript(cues=cues), scc.Options(**options))
    return text, [str(w.message) for w in caught if issubclass(w.category, ScribekitWarning)]


def lines_of(text: str, drop: bool = True) -> list[Line]:
    rows = text.split("\n")
    assert rows[0] == "Scenarist_SCC V1.0" and rows[1] == ""
    out = []
    for row in rows[2:]:
        if not row:
            continue
        label, _, words = row.partition("\t")
        assert re.fullmatch(r"\d\d:\d\d:\d\d[;:]\d\d", label) and (";" in label) == drop, label
        assert re.fullmatch(r"[0-9a-f]{4}( [0-9a-f]{4})*", words), words
        out.append(Line(label, RATE.parse(label, drop), [int(w, 16) for w in words.split()]))
    assert text.endswith("\n")
    return out


def stream(lines: list[Line]) -> list[tuple[int, int]]:
    """(frame, word) of every word sent: a word takes a frame; lines never overlap."""
    sent: list[tuple[int, int]] = []
    for line in lines:
        assert not sent or line.frame > sent[-1][0], f"{line.label} starts before the previous line ends"
        sent.extend((line.frame + i, word) for i, word in enumerate(line.words))
    return sent


def check_bytes(lines: list[Line]) -> None:
    """Odd parity on every byte; every code sent twice in a row (a repeat of the same code after an
    AOF pair, so that no decoder takes it for the second copy)."""
    words = [word for line in lines for word in line.words]
    for word in words:
        assert codes.parity_ok(word >> 8) and codes.parity_ok(word & 0xFF), f"{word:04x}"
    index = 0
    while index < len(words):
        word = words[index]
        if scc.is_code(f"{word:04x}"):
            assert index + 1 < len(words) and words[index + 1] == word, f"{word:04x} at word {index} is not doubled"
            assert index + 2 >= len(words) or words[index + 2] != word or word == AOF
            index += 2
        else:
            index += 1


def shown_times(lines: list[Line]) -> list[tuple[int, int | None]]:
    """(frame of the EOC, frame of what takes it off: the next EOC or an EDM) of every caption."""
    events = [(frame, word) for frame, word in stream(lines) if word in (EOC, EDM)]
    shown: list[tuple[int, int | None]] = []
    last = None
    for frame, word in events:
        if last == (frame - 1, word):
            last = (frame, word)
            continue  # the second of a pair
        last = (frame, word)
        if word == EOC:
            if shown and shown[-1][1] is None:
                shown[-1] = (shown[-1][0], frame)
            shown.append((frame, None))
        elif shown and shown[-1][1] is None:
            shown[-1] = (shown[-1][0], frame)
    return shown


def check_loading(lines: list[Line]) -> None:
    """Each caption's bytes come after the previous caption's EOC and before its own: from an RCL on,
    everything up to the next EOC (less the previous caption's EDM) loads the same caption."""
    sent = stream(lines)
    loading = False
    for _frame, word in sent:
        if word == RCL:
            loading = True
        elif word == EOC:
            loading = False
        elif not loading:
            assert word in (EOC, EDM), f"{word:04x} sent outside a caption's loading"


# --- the decoders ------------------------------------------------------------------------------

class Decoded(NamedTuple):
    start: float  # ms
    end: float
    rows: tuple[str, ...]


def label_ms(label: str, frame_ms: float, scale: float = 1.0) -> float:
    hours, minutes, seconds, frames = (int(n) for n in re.split("[:;]", label))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 * scale + frames * frame_ms * scale


def _rows(text: str) -> tuple[str, ...]:
    # "\\h" stays: these decoders give the text as it is (only ffmpeg's ASS has hard spaces, ``_ass_rows``)
    text = re.sub(r"</?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\an\d\}", "", text).replace("\u00a0", " ")
    return tuple(" ".join(row.split()) for row in text.split("\n") if row.strip())


_SRT_TIMING = re.compile(r"(\d+:\d\d:\d\d[,.]\d+) --> (\d+:\d\d:\d\d[,.]\d+)")


def _srt(text: str) -> list[Decoded]:
    """ffmpeg's SRT, cue by cue from its timing lines: a caption's text may hold a blank line (a row
    ffmpeg reads as ASS's ``\\N``), so blank lines do not part the cues; the line before a timing
    line is the next cue's number."""
    lines = text.strip().split("\n")
    timings = [index for index, line in enumerate(lines) if _SRT_TIMING.fullmatch(line.strip())]
    out = []
    for k, index in enumerate(timings):
        match = _SRT_TIMING.fullmatch(lines[index].strip())
        assert match is not None
        start, end = (label_ms(t.replace(",", ":").replace(".", ":"), 1) for t in match.groups())
        last = timings[k + 1] - 1 if k + 1 < len(timings) else len(lines)
        out.append(Decoded(start, end, _rows("\n".join(lines[index + 1:last]))))
    return out


def ttconv_decode(text: str) -> list[Decoded]:
    from ttconv.scc.reader import to_model
    from ttconv.srt.writer import from_model

    logging_off()
    return _srt(from_model(to_model(text)))


def pycaption_decode(text: str) -> list[Decoded]:
    from pycaption import SCCReader

    captions = SCCReader().read(text)
    return [Decoded(c.start / 1000, c.end / 1000, _rows(c.get_text())) for c in captions.get_captions("en-US")]


def _ass_rows(text: str) -> str:
    """ASS text as one string, rows apart by ``\\N`` (ffmpeg leaves a backslash of the text unescaped,
    so a row holding ``\\N`` cannot be told from two rows: compared as one string)."""
    text = text.replace("\\h", " ").replace("\u00a0", " ")
    return "\\N".join(" ".join(row.split()) for row in text.split("\\N")).strip()


def our_decode(text: str) -> list[Decoded]:
    """scribekit's own SCC reader (docs/formats.md §15.1) on what its writer wrote."""
    transcript = scribekit.loads(text, format="scc")
    assert transcript.cues is not None
    return [Decoded(cue.start, cue.end, _rows(cue.text)) for cue in transcript.cues]


def ffmpeg_decode(text: str, folder: Path, *, srt: bool = False) -> list[Decoded]:
    """ffmpeg's captions, read from the ASS it writes (its SRT conversion loses a "{" that its CEA-608
    decoder leaves unescaped, taking it for an override block), or from its SRT (its ASS muxer runs
    two roll-up states of the same start together)."""
    source, target = folder / "x.scc", folder / "x.ass"
    source.write_text(text, encoding="ascii")
    if srt:
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "scc", "-i", str(source), str(folder / "x.srt")],
                       check=True)
        return _srt((folder / "x.srt").read_text(encoding="utf-8"))
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "scc", "-i", str(source), str(target)], check=True)
    out = []
    for line in target.read_text(encoding="utf-8").splitlines():
        if line.startswith("Dialogue:"):
            fields = line.split(",", 9)
            start, end = (label_ms(t.replace(".", ":"), 10) for t in fields[1:3])
            body = re.sub(r"\{\\(?:an\d|pos\([^)]*\)|[iub][01]|c&H[0-9A-Fa-f]+&)\}", "", fields[9])
            out.append(Decoded(start, end, (_ass_rows(body),)))
    srt = folder / "x.srt"  # the command as a user would run it: the same captions, the same times
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "scc", "-i", str(source), str(srt)], check=True)
    from_srt = _srt(srt.read_text(encoding="utf-8"))
    assert len(from_srt) == len(out)
    assert all(abs(a.start - b.start) <= 10 and abs(a.end - b.end) <= 10 for a, b in zip(from_srt, out, strict=True))
    return out


def logging_off() -> None:
    import logging

    logging.getLogger().setLevel(logging.ERROR)


needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None,
                                  reason="ffmpeg is not installed (apt-get install ffmpeg; .ci/run does)")

# Characters the decoders show differently from one another (measured on every character of the three
# sets): ffmpeg shows the basic set's apostrophe as ’ and the extended ‘ ’ • — as ´ ‘ · -; ttconv the
# extended ^ | — and the box corners as ʌ ┃ ━ ┏ ┓ ┗ ┛; ffmpeg and ttconv swap | and ¦; pycaption leaves █
# out; the transparent space is a space (so not drawn: a row of it alone shows nothing). Text is compared
# with each such family folded to one character; accents and every other character are compared as they are.
FOLD = str.maketrans({**dict.fromkeys("’‘´", "'"), **dict.fromkeys("—━", "-"), "·": "•", **dict.fromkeys("¦┃", "|"),
                      "ʌ": "^", "┏": "┌", "┓": "┐", "┗": "└", "┛": "┘", "█": None, "\u00a0": " "})
COMPARED = "".join(sorted((set(codes.BASIC) | set(codes.SPECIAL) | set(codes.EXTENDED)) - {" ", "\u00a0", "<", "█"}))


def expected_rows(cue: Cue) -> tuple[str, ...]:
    """The cue's rows as the writer lays them out (a row too wide re-wrapped), which hold the cue's
    text, every character of it, in order."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        rows = scc.caption_rows(cue.lines, 1, scc._Problems())
    texts = tuple(" ".join("".join(char for char, _ in row).split()) for row in rows)
    assert "".join("".join(texts).split()) == "".join(strip_tags("".join(cue.lines)).split())
    return texts


def check_decoded(name: str, decoded: list[Decoded], cues: list[Cue], lines: list[Line],
                  time_of: Callable[[int, str], float], drop: bool = True) -> None:
    """``decoded`` holds one caption per cue, with its rows, shown and cleared within a frame of when
    our EOC and EDM are sent (``time_of(frame, label)`` is how the decoder reads a time)."""
    shown = shown_times(lines)
    texts = [tuple(" ".join(row.translate(FOLD).split()) for row in expected_rows(cue)) for cue in cues]
    found = [tuple(" ".join(row.translate(FOLD).split()) for row in d.rows) for d in decoded]
    if name == "ffmpeg":  # one string a caption (``_ass_rows``)
        texts = [(_ass_rows("\\N".join(rows)),) for rows in texts]
        found = [(_ass_rows("\\N".join(rows)),) for rows in found]
    if name == "pycaption" and found != texts:
        # pycaption shows no space for a mid-row code before an extended character (taking it for
        # punctuation): the same text, a space less
        assert [[row.replace(" ", "") for row in rows] for rows in found] == \
            [[row.replace(" ", "") for row in rows] for rows in texts], name
    else:
        assert found == texts, name
    labels = {line.frame: line.label for line in lines}
    for index, (d, (on, off)) in enumerate(zip(decoded, shown, strict=True)):
        assert off is not None
        assert abs(d.start - time_of(on, labels.get(on, ""))) <= FRAME + 1, (name, index, d, on)
        following = shown[index + 1][0] if index + 1 < len(shown) else None
        end_ok = abs(d.end - time_of(off, labels.get(off, ""))) <= FRAME + 1
        if name == "pycaption" and following is not None and not end_ok:
            # pycaption ends a caption at the next one's EOC when that one was loaded while it showed
            # and comes a few frames after its EDM
            end_ok = abs(d.end - time_of(following, labels.get(following, ""))) <= FRAME + 1 and \
                following - off < 10
        assert end_ok, (name, index, d, off)


def ttconv_time(frame: int, label: str) -> float:
    return RATE.ms(frame)


def run_all(cues: list[Cue], folder: Path | None, **options: Any) -> str:
    """Write ``cues``, check the bytes and the loading rule, and decode with every program."""
    text, _ = write(cues, **options)
    drop = options.get("drop_frame", True) is not False
    lines = lines_of(text, drop)
    check_bytes(lines)
    check_loading(lines)
    check_decoded("ttconv", ttconv_decode(text), cues, lines, ttconv_time)
    check_decoded("scribekit", our_decode(text), cues, lines, ttconv_time)
    read_back = scribekit.loads(text, format="scc").cues or []
    assert [(c.style or {}).get("position") for c in read_back] == [(c.style or {}).get("position") for c in cues]
    pycaption_time = (lambda f, label: label_ms(label, 1000 / 30)) if drop else \
        (lambda f, label: label_ms(label, 1000 / 30, 1.001))
    check_decoded("pycaption", pycaption_decode(text), cues, lines, _by_label(lines, pycaption_time, drop))
    if folder is not None and shutil.which("ffmpeg"):
        check_decoded("ffmpeg", ffmpeg_decode(text, folder), cues, lines,
                      _by_label(lines, lambda f, label: label_ms(label, 33), drop))
    return text


def _by_label(lines: list[Line], read: Callable[[int, str], float], drop: bool) -> Callable[[int, str], float]:
    """A decoder's time for a frame: the label of the line the frame is in, read the decoder's way, plus
    the words before it in that line (ttconv and pycaption count them; ffmpeg times a line by its label,
    and our EOC and EDM always open a line)."""
    starts = sorted(line.frame for line in lines)

    def time_of(frame: int, label: str) -> float:
        line_start = max(start for start in starts if start <= frame)
        own = RATE.format(line_start, drop_frame=drop)
        return read(line_start, own) + (frame - line_start) * 1000 / 30

    return time_of


# --- the sample transcripts ----------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLE_TRANSCRIPTS, ids=lambda p: p.name)
@needs_ffmpeg
def test_the_samples_are_decoded_alike_by_ffmpeg_ttconv_and_pycaption(path: Path, tmp_path: Path) -> None:
    transcript = scribekit.load(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)  # a cue at 0 s starts later: nothing before it
        cues = scribekit.segmentation.cues_for(transcript, defaults=scc.segment_defaults(None))
    assert cues
    text = run_all(cues, tmp_path, start_timecode="00:59:50;00")
    assert text.count("942f 942f") == len(cues)


def test_the_samples_through_the_registry_use_the_cea_608_limits() -> None:
    transcript = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = str(scribekit.dumps(transcript, "scc"))
    messages = [str(w.message) for w in caught]
    assert any("longer than a row (32 characters)" in m for m in messages)  # the segmenter, at 32
    assert any("re-wrapped in cue" in m for m in messages)  # the writer cuts that word into rows
    assert any("cue(s) start later" in m and ": cue 1 by" in m for m in messages)  # the first, at 0 s
    assert text.startswith("Scenarist_SCC V1.0\n\n00:00:00;00\t9420 9420 94ae 94ae ")
    with pytest.warns(ScribekitWarning, match="longer than a row"):  # a URL of 61 characters
        cues = scribekit.segmentation.cues_for(transcript, profile="cea-608")
    assert all(len(strip_tags(line)) <= 32 or " " not in line for cue in cues for line in cue.lines)
    assert all(len(cue.lines) <= 2 for cue in cues)


# --- properties ---------------------------------------------------------------------------------

_words = st.text(alphabet=COMPARED, min_size=1, max_size=8)


@st.composite
def _row(draw: st.DrawFn) -> str:
    words = draw(st.lists(_words, min_size=1, max_size=6))
    while len(" ".join(words)) > scc.COLUMNS:
        words.pop()
        if len(words) == 1:
            words[0] = words[0][:scc.COLUMNS]
    italic = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    return " ".join(f"<i>{w}</i>" if i else w for w, i in zip(words, italic, strict=True))


@st.composite
def captions(draw: st.DrawFn) -> list[Cue]:
    """1 to 5 cues of 1 to 4 rows, some at the top, with gaps from none to a second (a short gap forces
    the next caption to be loaded while this one shows, or to start later)."""
    cues = []
    at = draw(st.integers(0, 3000))
    for _ in range(draw(st.integers(1, 5))):
        at += draw(st.sampled_from([0, 33, 67, 100, 200, 500, 1000]))
        duration = draw(st.integers(200, 4000))
        rows = draw(st.lists(_row(), min_size=1, max_size=4))
        top = draw(st.booleans())
        speaker = draw(st.sampled_from([None, "a", "b", "c", "d", "e"]))
        cues.append(Cue(at, at + duration, rows, speaker=speaker, style={"position": "top"} if top else None))
        at += duration
    return cues


@pytest.mark.slow
@needs_ffmpeg
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(cues=captions(), drop=st.booleans(), colours=st.booleans())
def test_any_captions_are_decoded_alike_by_ffmpeg_ttconv_and_pycaption(cues: list[Cue], drop: bool, colours: bool,
                                                                       tmp_path: Path) -> None:
    run_all(cues, tmp_path, drop_frame=drop, speaker_colours=colours)


@settings(max_examples=60, deadline=None)
@given(captions())
def test_every_caption_is_loaded_in_time_or_the_warning_names_it(cues: list[Cue]) -> None:
    text, messages = write(cues)
    lines = lines_of(text)
    check_bytes(lines)
    check_loading(lines)
    shown = shown_times(lines)
    assert len(shown) == len(cues)
    late = [(number, on - RATE.frames(cue.start))
            for number, (cue, (on, _)) in enumerate(zip(cues, shown, strict=True), 1) if on != RATE.frames(cue.start)]
    assert all(frames > 0 for _, frames in late), "a caption is never shown early"
    for index, (on, off) in enumerate(shown):  # cleared at the cue's end frame (2 frames after its EOC at least)
        expected = max(RATE.frames(cues[index].end), on + 2)
        following = shown[index + 1][0] if index + 1 < len(shown) else None
        # or replaced by the next caption: one that starts before it ends, or in the frame after (no room
        # for an EDM between)
        assert off == expected or (off == following and off <= expected + 1), (index, on, off, expected)
    moved = [m for m in messages if "start later" in m]
    if not late:
        assert not moved
        return
    assert len(moved) == 1 and moved[0].startswith(f"{len(late)} cue(s) start later")
    for number, frames in late[:5]:
        assert f"cue {number} by {frames} frame" in moved[0]


def test_a_caption_too_big_to_load_in_the_gap_starts_later_by_what_it_lacks() -> None:
    first = Cue(0, 300, ["Short."])
    second = Cue(400, 4000, ["A second caption long enough to", "need more frames than the gap"])
    text, messages = write([first, second], start_timecode="01:00:00;00")
    hour = RATE.parse("01:00:00;00", True)
    shown = [(on - hour, off - hour if off is not None else None) for on, off in shown_times(lines_of(text))]
    assert shown[0] == (0, RATE.frames(300))
    # the second caption: RCL ENM, 2 rows of PAC (+TO) and text: more words than the 3 frames of the gap
    assert shown[1][0] > RATE.frames(400)
    assert len(messages) == 1 and messages[0].startswith("1 cue(s) start later") and "cue 2 by" in messages[0]


def test_a_start_timecode_leaves_room_to_load_the_first_caption_before_it() -> None:
    cue = Cue(0, 2000, ["The first words", "at the very start"])
    text, messages = write([cue], start_timecode="01:00:00;00")
    assert not messages
    lines = lines_of(text)
    assert lines[0].label < "01:00:00;00" and lines[1].label == "01:00:00;00"
    assert lines[1].words[:2] == [EOC, EOC]
    text, messages = write([cue])
    assert len(messages) == 1 and "cue 1 by" in messages[0]


# --- layout ------------------------------------------------------------------------------------

def test_pop_on_bytes_of_one_caption() -> None:
    text, _ = write([Cue(1000, 2000, ["AB"])])
    lines = lines_of(text)
    # RCL RCL ENM ENM, PAC row 15 indent 12 + TO3 (column 15 centres two characters), "AB", EOC at 1 s, EDM at 2 s
    assert [f"{w:04x}" for w in lines[0].words] == ["9420", "9420", "94ae", "94ae", "9476", "9476", "9723", "9723",
                                                   "c1c2"]
    assert lines[1] == Line("00:00:01;00", 30, [EOC, EOC])
    assert lines[2] == Line("00:00:02;00", 60, [EDM, EDM])
    assert lines[0].frame + len(lines[0].words) == 30


def test_rows_are_at_the_bottom_or_the_top() -> None:
    def pac_rows(cue: Cue) -> list[int]:
        text, _ = write([cue])
        found = [codes.decode_pac((w >> 8) & 0x7F, w & 0x7F) for line in lines_of(text) for w in line.words]
        return sorted({pac.row for pac in found if pac is not None})

    assert pac_rows(Cue(0, 5000, ["one"])) == [15]
    assert pac_rows(Cue(0, 5000, ["one", "two"])) == [14, 15]
    assert pac_rows(Cue(0, 5000, ["one", "two", "three", "four"])) == [12, 13, 14, 15]
    assert pac_rows(Cue(0, 5000, ["one", "two"], style={"position": "top"})) == [1, 2]
    assert pac_rows(Cue(0, 5000, ["{\\an8}one", "two"])) == [1, 2]  # an SRT cue placed at the top
    assert pac_rows(Cue(0, 5000, ["one"], style={"vtt_settings": "line:0"})) == [1]


def test_italics_and_colours_change_at_the_space_between_words() -> None:
    text, _ = write([Cue(0, 5000, ["<i>Hello</i> world"])])
    words = [w for line in lines_of(text) for w in line.words]
    italic = codes.with_parity(0x11) << 8 | codes.with_parity(0x2E)
    white = codes.with_parity(0x11) << 8 | codes.with_parity(0x20)
    assert words.count(italic) == 2 and words.count(white) == 2
    assert words.index(white) > words.index(italic)
    # a long row starting in italics takes its italics from the PAC (indent 0), not from a column
    long_row = "<i>" + "x" * 32 + "</i>"
    text, _ = write([Cue(0, 5000, [long_row])])
    pacs = [codes.decode_pac((w >> 8) & 0x7F, w & 0x7F) for line in lines_of(text) for w in line.words]
    assert any(p is not None and p.italic for p in pacs)


def test_speaker_colours_follow_the_bbc_order() -> None:
    cues = [Cue(i * 3000 + 1000, i * 3000 + 3000, [f"Speaker {i}"], speaker=f"S{i % 5}") for i in range(6)]
    text, _ = write(cues, speaker_colours=True)
    words = [w for line in lines_of(text) for w in line.words]
    colours = [codes.decode_mid_row((w >> 8) & 0x7F, w & 0x7F) for w in words]
    seen = [c[0] for c in colours if c is not None]
    assert seen == ["yellow"] * 2 + ["cyan"] * 2 + ["green"] * 2  # S0 white, S1 to S3, S4 white, S0 white
    assert [d.rows for d in ttconv_decode(text)] == [(f"Speaker {i}",) for i in range(6)]
    from ttconv.scc.reader import to_model
    from ttconv.srt.writer import from_model

    shown = re.findall(r'color="(#[0-9a-f]{6})', from_model(to_model(text)))
    assert shown == ["#ffff00", "#00ffff", "#008000"]  # ttconv's yellow, cyan and green (CSS green)


@needs_ffmpeg
def test_ffmpeg_shows_the_speaker_colours(tmp_path: Path) -> None:
    cues = [Cue(i * 3000 + 1000, i * 3000 + 3000, [f"Speaker {i}"], speaker=f"S{i % 5}") for i in range(6)]
    text, _ = write(cues, speaker_colours=True)
    (tmp_path / "x.scc").write_text(text, encoding="ascii")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "scc", "-i", str(tmp_path / "x.scc"),
                    str(tmp_path / "x.srt")], check=True)
    assert re.findall(r'color="(#[0-9a-f]{6})"', (tmp_path / "x.srt").read_text(encoding="utf-8")) == \
        ["#ffff00", "#00ffff", "#00ff00"]


def test_special_and_extended_characters_and_their_fallbacks() -> None:
    text, _ = write([Cue(0, 5000, ["½ ♪♪ Ärger ¡Sí!"])])
    words = [f"{w:04x}" for line in lines_of(text) for w in line.words]
    joined = " ".join(words)
    assert "9132 9132" in joined  # ½
    assert "9137 9137 94a2 94a2 9137 9137" in joined  # ♪♪: an AOF between, or decoders show one
    assert "20c1 13b0 13b0" in joined  # " A", then Ä which replaces the A
    assert [d.rows for d in ttconv_decode(text)] == [("½ ♪♪ Ärger ¡Sí!",)]
    assert [d.rows for d in pycaption_decode(text)] == [("½ ♪♪ Ärger ¡Sí!",)]


def test_characters_608_lacks_are_written_close_with_one_warning_or_refused() -> None:
    text, messages = write([Cue(3000, 5000, ["Œuvre… “quoted” – fine"]), Cue(6000, 8000, ["œ again ā"])])
    assert [d.rows for d in ttconv_decode(text)] == [("OEuvre... “quoted” - fine",), ("oe again a",)]
    assert len(messages) == 1 and "'œ' -> 'oe' in cue 2" in messages[0] and "'…' -> '...' in cue 1" in messages[0]
    with pytest.raises(WriteError, match=r"no character close to 'П' \(U\+041F\) in cue 1"):
        write([Cue(0, 3000, ["Привет"])])
    assert all(ch in scc._WRITABLE for close in scc._CLOSE.values() for ch in close)


def test_rows_too_wide_are_rewrapped_and_too_many_refused() -> None:
    text, messages = write([Cue(3000, 5000, ["This row is much longer than the thirty-two columns"])])
    assert messages == ["rows longer than the 32 columns of a caption row re-wrapped in cue 1"]
    assert [d.rows for d in ttconv_decode(text)] == [("This row is much longer than the", "thirty-two columns")]
    with pytest.raises(WriteError, match="at most 4 rows of 32 characters: cue 1 has 5"):
        write([Cue(0, 4000, ["a", "b", "c", "d", "e"])])


def test_non_drop_frame_channel_2_and_roll_up() -> None:
    text, _ = write([Cue(1000, 2000, ["AB"])], drop_frame=False, scc_channel=2)
    lines = lines_of(text, drop=False)
    assert [f"{w:04x}" for w in lines[0].words][:4] == ["1c20", "1c20", "1cae", "1cae"]  # RCL, ENM on CC2
    assert lines[1].label == "00:00:01:00"
    text, _ = write([Cue(1000, 3000, ["first row", "second row"]), Cue(4000, 6000, ["third"])], scc_mode="roll-up")
    words = [f"{w:04x}" for line in lines_of(text) for w in line.words]
    assert words[:4] == ["9425", "9425", "94ad", "94ad"] and words[4] == words[5]  # RU2, CR, PAC row 15
    pac = codes.decode_pac(int(words[4][:2], 16) & 0x7F, int(words[4][2:], 16) & 0x7F)
    assert pac is not None and pac.row == 15
    assert "9420" not in words and "942f" not in words
    decoded = ttconv_decode(text)
    assert [row for d in decoded for row in d.rows if row] and "third" in decoded[-1].rows


def test_options_are_checked() -> None:
    with pytest.raises(OptionError, match="29.97 frames a second, not 25"):
        scc.Options(fps=25)
    assert scc.Options(fps=29.97).drop
    with pytest.raises(OptionError, match="field 2"):
        scc.Options(scc_channel=3)
    with pytest.raises(OptionError, match="pop-on or roll-up"):
        scc.Options(scc_mode="paint-on")
    with pytest.raises(OptionError, match="start_timecode"):
        scc.Options(start_timecode="01:00:00;00", drop_frame=False)


def test_profiles() -> None:
    from scribekit.segmentation import profile

    assert profile("cea-608").limits == {"max_chars_per_row": 32, "max_rows": 2}
    assert profile("dcmp").limits == {"max_chars_per_row": 32, "max_rows": 2, "max_wpm": 160.0, "min_duration": 2.0}
    transcript = scribekit.load(SAMPLES / "amberscript" / "interview.json")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cues = scribekit.segmentation.cues_for(transcript, profile="dcmp")
    assert any("min-duration" in str(w.message) for w in caught)  # 2 s, soft
    assert all(len(strip_tags(line)) <= 32 or " " not in line for cue in cues for line in cue.lines)


def test_an_empty_transcript_is_a_header() -> None:
    text, messages = write([])
    assert text == "Scenarist_SCC V1.0\n" and not messages
    assert Metadata  # the model's metadata is not written: SCC has no header fields


@needs_ffmpeg
def test_roll_up_rows_are_shown_in_order_by_every_decoder(tmp_path: Path) -> None:
    cues = [Cue(1000, 3000, ["first row", "second row"]), Cue(3000, 5000, ["third row"]),
            Cue(7000, 9000, ["<i>fourth</i> row", "fifth row", "sixth row"]), Cue(9500, 11000, ["seventh ♪ Ä"])]
    text, messages = write(cues, scc_mode="roll-up")
    assert not messages
    lines = lines_of(text)
    check_bytes(lines)
    words = [f"{w:04x}" for line in lines for w in line.words]
    assert words.count("9426") == 2 * 7 and "9420" not in words  # RU3 (the tallest cue has 3 rows) before each row
    expected = [" ".join(strip_tags(row).split()) for cue in cues for row in cue.lines]
    starts = {" ".join(strip_tags(cue.lines[0]).split()): cue.start for cue in cues}
    for name, decoded in (("ttconv", ttconv_decode(text)), ("pycaption", pycaption_decode(text)),
                          ("ffmpeg", ffmpeg_decode(text, tmp_path, srt=True)), ("scribekit", our_decode(text))):
        appeared: dict[str, float] = {}
        for caption in decoded:
            for row in caption.rows:
                appeared.setdefault(row, caption.start)
        assert list(appeared) == expected, name
        for row, start in starts.items():  # a row shows as its bytes come, from the cue's start
            # ffmpeg reads 33 ms a frame; the others show a row from its CR or as its text comes
            assert -FRAME <= appeared[row] - start <= 10 * FRAME, (name, row, appeared[row])
        assert max(c.end for c in decoded) == pytest.approx(11000, abs=FRAME + 1), name


@settings(max_examples=40, deadline=None)
@given(captions())
def test_roll_up_bytes_for_any_captions(cues: list[Cue]) -> None:
    text, _ = write(cues, scc_mode="roll-up")
    lines = lines_of(text)
    check_bytes(lines)
    sent = [word for _, word in stream(lines)]  # lines in order, never overlapping
    window = max(2, *(len(cue.lines) for cue in cues))
    ru = codes.with_parity(0x14) << 8 | codes.with_parity(0x23 + window)  # RU2 is 0x25
    assert sent.count(ru) == 2 * sum(len(cue.lines) for cue in cues) and RCL not in sent and EOC not in sent
    last = [row.translate(FOLD) for d in ttconv_decode(text) for row in d.rows][-1]
    assert last == " ".join(expected_rows(cues[-1])[-1].translate(FOLD).split())  # the last row shown last


def test_times_out_of_range_overlaps_and_broken_text_are_repaired_with_a_warning_each() -> None:
    text, messages = write([Cue(-500, 200, ["a"]), Cue(1000, 2000, ["b"])])
    assert any("negative time written with 0" in m for m in messages)
    # past the last timecode: refused, naming the cues (clamped, they would pile up on one label and
    # their loading and clearing codes run past 23:59:59;29)
    for late in ([Cue(1000, 2000, ["a"]), Cue(10**11, 10**11 + 1000, ["b"]), Cue(10**11 + 2000, 10**11 + 3000, ["c"])],
                 [Cue(86_390_000, 86_401_000, ["a"])]):
        with pytest.raises(WriteError, match=r"times past 23:59:59;27, .* in cues? 2, 3|in cue 1"):
            write(late)
    text, messages = write([Cue(86_390_000, 86_399_000, ["a"])])  # the last seconds of the day fit
    assert lines_of(text)[-1].label <= "23:59:59;29"
    text, messages = write([Cue(1000, 5000, ["a"]), Cue(2000, 3000, ["b"]), Cue(2000, 3000, ["c"])])
    assert any(m.startswith("2 cue(s) overlapping the next one end where it starts") for m in messages)
    assert [d.rows for d in ttconv_decode(text)] == [("a",), ("b",), ("c",)]
    text, messages = write([Cue(1000, 2000, ["a\ud800b", "x\x1by"])])
    assert [d.rows for d in ttconv_decode(text)] == [("a?b", "xy")]
    assert any("'\ufffd' -> '?'" in m for m in messages) and any("control character" in m for m in messages)
    text, messages = write([Cue(1000, 2000, ["", "<i></i>", "  "])])
    assert text == "Scenarist_SCC V1.0\n" and not messages  # a cue with no text shows nothing


_styled_line = st.lists(st.tuples(st.sampled_from(["", " ", "  "]), _words, st.sampled_from(["", " "]),
                                  st.sampled_from(["", "i", "u", "iu"])), min_size=1, max_size=5).map(
    lambda runs: "".join(text if not tags else "".join(f"<{t}>" for t in tags) + text +
                         "".join(f"</{t}>" for t in reversed(tags))
                         for text, tags in ((before + word[:6] + after, tags) for before, word, after, tags in runs)))


@settings(max_examples=300, deadline=None)
@given(st.lists(_styled_line, min_size=1, max_size=4), st.booleans(), st.sampled_from(["white", "yellow"]))
def test_styled_rows_a_run_at_a_time_are_the_same_words_as_a_cell_at_a_time(lines: list[str], top: bool,
                                                                              colour: str) -> None:
    runs = scc.run_rows(lines)
    if runs is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        cells = scc.caption_rows(lines, 1, scc._Problems())
    for roll_up in (0, 3):
        assert scc._caption_words(runs, top, 1, colour, roll_up) == scc._caption_words(cells, top, 1, colour, roll_up)

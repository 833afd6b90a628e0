"""HTML transcript: self-contained, every word timed, escaped, and working in a real
headless Chromium (Debian's chromium driven by playwright; skipped when either is missing)."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import pytest

from scribekit import Highlight, ScribekitWarning, Segment, Speaker, Transcript, Word, dumps, load

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "amberscript" / "interview.json"


def _transcript() -> Transcript:
    words = [Word("Hello", 500, 900, 0.99), Word("<script>alert(1)</script>", 1000, 1800, 0.4),
             Word("&amp;", 1900, 2100), Word("\u202eevil\u0007", 2200, 2500), Word("world.", 2600, 3000)]
    second = [Word("שלום", 3500, 3900), Word("עולם", 4000, 4400), Word("again", 4500, 5000)]
    return Transcript(segments=[Segment("a", words), Segment("b", second)],
                      speakers=[Speaker("a", "Ana <b>"), Speaker("b", "Dov")],
                      highlights=[Highlight(1900, 2500, "a <note>")])


def _words(page_html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<span class="w[^"]*" data-s="([\d.]+)" data-e="([\d.]+)">([^<]*)</span>', page_html)


def test_every_word_is_a_span_with_its_start_and_end() -> None:
    transcript = load(SAMPLE)
    page = dumps(transcript, "html")
    assert isinstance(page, str)
    spans = _words(page)
    assert [s[2] for s in spans] == [w.text for w in transcript.words]
    assert [(float(s[0]), float(s[1])) for s in spans] == [(w.start / 1000, w.end / 1000) for w in transcript.words]


def test_self_contained_no_outside_reference() -> None:
    page = dumps(load(SAMPLE), "html", media="interview.mp3", speakers=True, timestamps=True)
    assert isinstance(page, str)
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert 'src="interview.mp3"' in page and "<audio" in page
    assert "Content-Security-Policy" in page


def test_markup_in_the_transcript_is_shown_as_text() -> None:
    with pytest.warns(ScribekitWarning, match="cannot show"):
        page = dumps(_transcript(), "html", speakers=True, highlights=True, comments=True)
    assert isinstance(page, str)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page and "Ana &lt;b&gt;" in page and "[a &lt;note&gt;]" in page
    assert "\u202e" not in page and "\u0007" not in page
    assert page.count("<script>") == 1


@pytest.mark.filterwarnings("ignore:characters a document cannot show")
def test_options_mean_what_they_mean_elsewhere() -> None:
    page = dumps(_transcript(), "html", timestamps=True, speakers=True, low_confidence=0.5, highlights=True,
                 timestamps_every=2)
    assert isinstance(page, str)
    assert ">00:00:00</span>" in page and ">00:00:03</span>" in page  # no player: the times are no links
    assert '<b class="speaker" dir="auto">Dov</b>' in page
    assert '<span class="w low"' in page
    marked = re.findall(r'<mark class="hl">(.*?)</mark>', page)
    assert [[s[2] for s in _words(m)] for m in marked] == [["&amp;amp;"], ["evil"]]  # the [00:00:02] mark between
    whole = str(dumps(_transcript(), "html", highlights=True))
    assert [[s[2] for s in _words(m)] for m in re.findall(r'<mark class="hl">(.*?)</mark>', whole)] == [
        ["&amp;amp;", "evil"]]
    assert '<span class="mark">[00:00:02]</span>' in page
    assert '<section class="turn" dir="rtl">' in page
    only = dumps(_transcript(), "html", highlights_only=True)
    assert isinstance(only, str)
    assert [s[2] for s in _words(only)] == ["&amp;amp;", "evil"]


def _silence_wav(path: Path, seconds: float) -> None:
    rate = 8000
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack("<h", 0) * int(rate * seconds))




def _open(browser, tmp_path: Path, transcript: Transcript, **options):  # type: ignore[no-untyped-def]
    _silence_wav(tmp_path / "talk.wav", 60)
    page_file = tmp_path / "talk.html"
    page_file.write_text(str(dumps(transcript, "html", media="talk.wav", **options)), encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    page.wait_for_function("() => document.getElementById('media').readyState >= 1")
    return page, requests, errors, page_file


def test_in_chromium_clicking_a_word_seeks_and_playback_highlights_it(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    transcript = load(SAMPLE)
    page, requests, errors, page_file = _open(browser, tmp_path, transcript, speakers=True, timestamps=True)
    target = transcript.words[20]
    page.click(f'.w[data-s="{target.start / 1000:.3f}"]')
    assert page.evaluate("document.getElementById('media').currentTime") == pytest.approx(target.start / 1000, abs=0.01)
    assert page.inner_text(".w.now") == target.text
    page.click(".ts >> nth=2")
    third_turn = [s for s in transcript.segments if s.words][2]
    assert page.evaluate("document.getElementById('media').currentTime") == pytest.approx(third_turn.start / 1000,
                                                                                          abs=0.01)
    # playback moves the highlight along with the media
    later = transcript.words[40]
    page.evaluate(f"var m = document.getElementById('media'); m.currentTime = {later.start / 1000 + 0.01}; m.play()")
    page.wait_for_function("t => document.getElementById('media').currentTime > t", arg=later.start / 1000 + 0.3)
    spoken = page.evaluate("document.getElementById('media').currentTime")
    page.evaluate("document.getElementById('media').pause()")
    page.wait_for_timeout(100)
    now = page.evaluate("""() => { const w = document.querySelector('.w.now');
        return w ? [parseFloat(w.dataset.s), parseFloat(w.dataset.e)] : null }""")
    assert now is not None and now[0] >= later.start / 1000 and now[0] <= spoken + 0.5
    assert errors == []
    allowed = {page_file.as_uri(), (tmp_path / "talk.wav").as_uri()}
    assert set(requests) <= allowed, set(requests) - allowed


def test_in_chromium_search_marks_the_matches(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, _, errors, _ = _open(browser, tmp_path, load(SAMPLE))
    assert page.is_visible("#search")
    page.fill("#search", "thank you")
    assert page.inner_text("#hits") == "2 matches"
    assert page.eval_on_selector_all(".w.found", "ws => ws.map(w => w.textContent)") == ["Thank", "you", "Thank",
                                                                                         "you."]
    page.press("#search", "Enter")
    assert page.eval_on_selector_all(".w.current", "ws => ws.map(w => w.textContent)") == ["Thank", "you"]
    page.fill("#search", "")
    assert page.eval_on_selector_all(".w.found", "ws => ws.length") == 0
    assert errors == []


def test_in_chromium_script_in_the_transcript_stays_text(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.warns(ScribekitWarning, match="cannot show"):
        page, requests, errors, _ = _open(browser, tmp_path, _transcript(), speakers=True, comments=True,
                                          highlights=True)
    assert page.evaluate("typeof window.alertCalled") == "undefined"
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_timeout(200)
    assert dialogs == []
    assert "<script>alert(1)</script>" in page.inner_text("#transcript")
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert errors == []


def test_readable_without_javascript(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    transcript = load(SAMPLE)
    page_file = tmp_path / "plain.html"
    page_file.write_text(str(dumps(transcript, "html", speakers=True)), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_file.as_uri())
    text = page.inner_text("#transcript")
    assert " ".join(text.split()).count("Thank you for coming all the way from Zürich.") == 1
    assert not page.is_visible("#search")
    context.close()


def test_speaker_turns_and_timestamps_show_unless_turned_off() -> None:
    transcript = load(SAMPLE)
    page = str(dumps(transcript, "html", media="interview.mp3"))
    assert page.count('class="speaker"') == len(transcript.segments)
    assert page.count('class="ts"') >= len(transcript.segments)
    plain = str(dumps(transcript, "html", speakers=False, timestamps=False))
    assert 'class="speaker"' not in plain and 'class="ts"' not in plain


def test_media_file_names_become_relative_urls() -> None:
    from scribekit.formats.html import media_url

    assert media_url("interview.mp3") == "interview.mp3"
    assert media_url("take #1?.mp4") == "take%20%231%3F.mp4"
    assert media_url("100% real/ä.wav") == "100%25%20real/%C3%A4.wav"
    assert media_url("a:b.mp3") == "a%3Ab.mp3"  # not a URL scheme
    assert media_url("\udcffname.mp3") == "%FFname.mp3"  # a file name that is not UTF-8 keeps its bytes
    assert media_url("https://example.org/a%20b.mp3?t=1#x") == "https://example.org/a%20b.mp3?t=1#x"
    page = str(dumps(load(SAMPLE), "html", media="take #1?.MP4"))
    assert '<video id="media" controls preload="metadata" src="take%20%231%3F.mp4">' in page.replace(".MP4", ".mp4")


def test_in_chromium_the_player_reaches_a_file_named_with_hash_question_and_percent(  # type: ignore[no-untyped-def]
        browser, tmp_path: Path) -> None:
    name = "take #1? 100%.wav"
    _silence_wav(tmp_path / name, 5)
    page_file = tmp_path / "talk.html"
    page_file.write_text(str(dumps(load(SAMPLE), "html", media=name)), encoding="utf-8")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_function("() => { const m = document.getElementById('media'); return m.readyState >= 1 || m.error }")
    assert page.evaluate("document.getElementById('media').error") is None
    assert page.evaluate("document.getElementById('media').duration") == pytest.approx(5, abs=0.1)


def _long(turns: int = 60) -> Transcript:
    segments = [Segment("a", [Word(w, n * 4000 + k * 500, n * 4000 + k * 500 + 400)
                              for k, w in enumerate("one more sentence of the long talk here".split())])
                for n in range(turns)]
    return Transcript(segments=segments, speakers=[Speaker("a", "Ana")])


def test_without_media_a_timestamp_is_no_link() -> None:
    page = str(dumps(_long(2), "html"))
    assert 'href="#"' not in page and '<span class="ts" data-s="4.000">00:00:04</span>' in page
    with_media = str(dumps(_long(2), "html", media="talk.wav"))
    assert '<a class="ts" href="#" data-s="4.000">00:00:04</a>' in with_media


def test_in_chromium_clicking_a_timestamp_without_media_keeps_the_place(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "plain.html"
    page_file.write_text(str(dumps(_long(), "html")), encoding="utf-8")
    page = browser.new_page(viewport={"width": 800, "height": 600})
    page.goto(page_file.as_uri())
    page.evaluate("document.querySelectorAll('.ts')[40].scrollIntoView({block: 'center'})")
    before = page.evaluate("window.scrollY")
    assert before > 1000
    page.click(".ts >> nth=40")
    page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") == before and page.evaluate("location.hash") == ""


def test_in_chromium_search_ignores_accents_and_case_both_ways(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = [Word(w, i * 500, i * 500 + 400) for i, w in enumerate(
        "Zürich, zurich ZURICH Straße STRASSE שָׁלוֹם שלום İstanbul".split())]
    page, _, errors, _ = _open(browser, tmp_path, Transcript(segments=[Segment(None, words)]))
    for query, found in (("Zurich", 3), ("zürich", 3), ("ZÜRICH", 3), ("strasse", 2), ("straße", 2), ("שלום", 2),
                         ("istanbul", 1)):
        page.fill("#search", query)
        assert page.inner_text("#hits") == f"{found} matches" if found > 1 else "1 match", query
    page.fill("#search", "ZURICH, Zürich")
    assert page.eval_on_selector_all(".w.found", "ws => ws.map(w => w.textContent)") == ["Zürich,", "zurich"]
    assert errors == []


def test_in_chromium_print_leaves_out_the_player_and_the_search_box(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, _, errors, _ = _open(browser, tmp_path, load(SAMPLE))
    assert page.is_visible("#media") and page.is_visible("#search")
    page.emulate_media(media="print")
    assert not page.is_visible("#media") and not page.is_visible("#search")
    assert page.is_visible("#transcript") and "Zürich" in page.inner_text("#transcript")
    assert errors == []


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844), (844, 390)])
def test_in_chromium_the_sticky_video_leaves_most_of_the_page_readable(  # type: ignore[no-untyped-def]
        browser, tmp_path: Path, width: int, height: int) -> None:
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg; .ci/run does)")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=black:s=640x360:d=1:r=5", "-c:v",
                    "libvpx", "-b:v", "50k", str(tmp_path / "talk.webm")], check=True, timeout=60)
    page_file = tmp_path / "video.html"
    page_file.write_text(str(dumps(_long(), "html", media="talk.webm")), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(page_file.as_uri())
    page.wait_for_function("() => document.getElementById('media').readyState >= 1")  # its size known
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_timeout(50)
    box = page.evaluate("(() => { const r = document.querySelector('.bar').getBoundingClientRect();"
                        " return [Math.max(r.top, 0), Math.max(r.bottom, 0)] })()")
    assert box[1] - box[0] <= 0.4 * height, box


def test_the_title_of_a_page_from_a_subtitle_file_is_its_name(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scribekit.cli import cli

    source = tmp_path / "board meeting.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello there\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "html", "-o", str(tmp_path / "out.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<title>board meeting</title>" in page and ">board meeting</h1>" in page
    assert "<title>board meeting</title>" in str(dumps(load(source), "html"))


def test_interval_timestamps_do_not_repeat_the_turns_own() -> None:
    page = str(dumps(_long(3), "html", timestamps_every=2))
    assert '<span class="mark">[00:00:00]</span>' not in page and '<span class="mark">[00:00:02]</span>' in page
    assert '<span class="mark">[00:00:04]</span>' not in page  # the second turn starts at 4 s: its own says it
    bare = str(dumps(_long(3), "html", timestamps_every=2, timestamps=False))
    assert '<span class="mark">[00:00:00]</span>' in bare and '<span class="mark">[00:00:04]</span>' in bare

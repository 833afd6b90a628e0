"""Word-level outputs: the segmenter's cues carry their words, and the writers that show them."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import time
import warnings
import wave
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import segment_limits

import scribekit
from scribekit import Cue, ScribekitWarning, Segment, SegmentOptions, Transcript, Word, segment
from scribekit.formats import _words
from scribekit.segmentation import word_segments

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(
    [*ROOT.glob("samples/amberscript/*"), *ROOT.glob("samples/happyscribe/*.json"),
     *ROOT.glob("samples/languages/*.json"), *ROOT.glob("samples/subtitles/*"), *ROOT.glob("tests/data/asr/*/*.json")])


def _quiet(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScribekitWarning)
        return function(*args, **kwargs)


def _check_turn(cues: list[Cue], turn: Segment) -> None:
    """The cues' words, in cue order, are the turn's words with text: the same Word objects, or for a
    word a cut falls inside, pieces of it whose texts join to its text and whose times run from its
    start to its end without a gap."""
    expected = [word for word in turn.words if word.text.strip()]
    pending: list[Word] = []
    seen: list[Word] = []
    for cue in cues:
        assert cue.words is not None and cue.words
        for word in cue.words:
            source = expected[len(seen)]
            if word is source:
                assert not pending
                seen.append(word)
                continue
            pending.append(word)
            text = "".join(piece.text for piece in pending)
            assert source.text.strip().startswith(text)
            if text == source.text.strip():
                assert pending[0].start == source.start
                assert pending[-1].end == max(source.end, source.start)
                for before, after in zip(pending, pending[1:]):
                    assert before.start <= before.end == after.start <= after.end
                assert all(piece.sound == source.sound for piece in pending)
                seen.append(source)
                pending = []
    assert not pending
    assert len(seen) == len(expected)


def _check_cue_words(segments: list[Segment], options: SegmentOptions) -> None:
    """Each turn's cues carry its words in order; cut together, the turns' cues carry them all."""
    for turn in segments:
        _check_turn(_quiet(segment, [turn], options), turn)
    cues = _quiet(segment, segments, options)
    whole = [word for turn in segments for word in turn.words if word.text.strip()]
    kept = {id(word) for cue in cues for word in cue.words or []}
    assert all(id(word) in kept for word in whole if word.text.isascii())
    assert sorted("".join(word.text.strip() for cue in cues for word in cue.words or [])) \
        == sorted("".join(word.text.strip() for word in whole))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_every_sample_cuts_into_cues_that_carry_its_words(path: Path) -> None:
    try:
        transcript = _quiet(scribekit.load, path)
    except scribekit.ReadError as error:  # a fixture whose reader another part is still writing
        pytest.skip(f"no reader reads {path.name} yet: {error}")
    for options in (SegmentOptions(), SegmentOptions(max_chars_per_row=12, max_rows=1)):
        _check_cue_words(word_segments(transcript), options)


def test_a_han_word_cut_by_a_cue_is_shared_in_pieces_with_consistent_times() -> None:
    text = "我们今天讨论字幕的制作方法以及专业字幕员如何断句这是一个很重要的问题"
    words = [Word("好", 0, 500), Word(text, 500, 12_500, confidence=0.9), Word("吧", 12_500, 13_000)]
    cues = _quiet(segment, [Segment(None, words)], SegmentOptions(max_chars_per_row=10, max_rows=1))
    assert len(cues) > 2
    _check_turn(cues, Segment(None, words))
    pieces = [word for cue in cues for word in cue.words or [] if word.text not in ("好", "吧")]
    assert all(piece.confidence == 0.9 for piece in pieces)


def test_cues_read_from_a_subtitle_file_have_no_words() -> None:
    transcript = scribekit.loads("1\n00:00:01,000 --> 00:00:02,000\nHello there\n", "srt")
    assert transcript.cues is not None and transcript.cues[0].words is None
    assert Cue(0, 1, ["a"], words=[Word("a", 0, 1)]) == Cue(0, 1, ["a"])  # words take no part in comparing


word_text = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12).map(lambda w: w + ","),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    st.text(alphabet="我们今天讨论字幕的制作方法以及专业", min_size=1, max_size=30),
    st.sampled_from(["(laughter)", "[music]", " ", ""]),
)


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    """Provider-like turns: overlapping and zero-length words, long pauses, Han words, sounds, empty words."""
    segments = []
    t = draw(st.integers(0, 5000))
    for _ in range(draw(st.integers(1, 5))):
        words = []
        for _ in range(draw(st.integers(1, 30))):
            text = draw(word_text)
            duration = draw(st.sampled_from([0, 1, 120, 400, 1500]))
            start = max(t - draw(st.sampled_from([0, 0, 0, 50, 300])), 0)
            words.append(Word(text, start, start + duration, sound=text.startswith(("(", "["))))
            t += duration + draw(st.sampled_from([0, 0, 40, 300, 2500]))
        segments.append(Segment(draw(st.sampled_from(["a", "b", None])), words))
    return Transcript(segments=segments)


@settings(max_examples=150, deadline=None)
@given(transcripts(), segment_limits)
def test_any_transcript_cuts_into_cues_that_carry_its_words(transcript: Transcript, options: SegmentOptions) -> None:
    _check_cue_words(transcript.segments, options)


# --- karaoke ASS --------------------------------------------------------------------------------

DEEPGRAM = ROOT / "tests" / "data" / "asr" / "deepgram" / "dg_transcription.json"
_SYLLABLE = re.compile(r"\{\\(kf?)(\d+)\}([^{]*)")


def _syllables(text: str) -> list[tuple[str, int, str]]:
    """(tag, centiseconds, text) of each karaoke syllable of an event's text (\\N kept in the text)."""
    found = _SYLLABLE.findall(text)
    assert "".join(f"{{\\{tag}{cs}}}{piece}" for tag, cs, piece in found) == text
    return [(tag, int(cs), piece) for tag, cs, piece in found]


def _check_karaoke(ass: str, cues: list[Cue], tag: str) -> None:
    pysubs2 = pytest.importorskip("pysubs2")
    events = [event for event in pysubs2.SSAFile.from_string(ass) if not event.is_comment]
    assert len(events) == len(cues)
    for event, cue in zip(events, cues):
        syllables = _syllables(event.text)
        assert abs(sum(cs for _, cs, _ in syllables) * 10 - (event.end - event.start)) <= 10
        assert abs(event.start - cue.start) <= 5 and abs(event.end - max(cue.end, cue.start)) <= 5
        words = _words.cue_words(cue)
        at = event.start
        sung = []
        for kind, cs, piece in syllables:
            if piece.replace("\\N", "").strip():
                assert kind == tag
                sung.append((at, at + cs * 10))
            else:
                assert kind == "k"  # a silence: no text
            at += cs * 10
        assert len(sung) == len(words)
        for k, (word, (start, end)) in enumerate(zip(words, sung)):
            until = word.end if k + 1 == len(words) else min(word.end, words[k + 1].start)
            assert abs(start - word.start) <= 10 and abs(end - max(until, word.start)) <= 10


@pytest.mark.parametrize("fill", [False, True])
def test_karaoke_ass_reads_back_in_pysubs2_with_every_word_timed(fill: bool) -> None:
    transcript = _quiet(scribekit.load, DEEPGRAM)
    ass = _quiet(scribekit.dumps, transcript, "ass", **{"karaoke_fill" if fill else "karaoke": True})
    _check_karaoke(ass, _quiet(segment, transcript), "kf" if fill else "k")
    assert "PlayResX: 1920" in ass and "Style: Default,Arial,54," in ass


def test_plain_ass_is_unchanged_without_karaoke() -> None:
    from scribekit.formats import _pysubs2

    transcript = _quiet(scribekit.load, DEEPGRAM)
    assert _quiet(scribekit.dumps, transcript, "ass") == _pysubs2.write_cues(_quiet(segment, transcript),
                                                                             transcript, "ass")


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (apt-get install ffmpeg): "
                    "the karaoke ASS is rendered through its subtitles filter, which is libass")
@pytest.mark.parametrize("option", ["karaoke", "karaoke_fill"])
def test_karaoke_ass_renders_with_libass(option: str, tmp_path: Path) -> None:
    words = [Word("我们今天讨论字幕", 0, 900), Word("(laughter)", 1000, 1500, sound=True), Word("{\\an8}x", 1500, 1900)]
    files = {"asr.ass": _quiet(scribekit.dumps, _quiet(scribekit.load, DEEPGRAM), "ass", **{option: True}),
             "odd.ass": _quiet(scribekit.dumps, Transcript(segments=[Segment("a", words)]), "ass", **{option: True})}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i",
                               "color=size=320x240:duration=2", "-vf", f"subtitles={name}", "-frames:v", "1", "-y",
                               "frame.png"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "frame.png").stat().st_size > 0


def test_karaoke_escapes_ass_markup_with_one_warning() -> None:
    words = [Word("{\\an8}a", 0, 500), Word("b}\\N", 500, 900)]
    with pytest.warns(ScribekitWarning, match="fullwidth") as caught:
        ass = str(scribekit.dumps(Transcript(segments=[Segment(None, words)]), "ass", karaoke=True))
    assert len([w for w in caught if "fullwidth" in str(w.message)]) == 1
    event = ass.splitlines()[-1]
    assert "\uff5b\uff3can8\uff5da" in event and "\\an8" not in event


# --- WebVTT inline word timestamps ------------------------------------------------------------------

_STAMP = re.compile(r"<(\d\d):(\d\d):(\d\d)\.(\d\d\d)>")


def _stamps(text: str) -> list[int]:
    return [((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms) for h, m, s, ms in _STAMP.findall(text)]


def _check_word_timestamps(vtt: str, cues: list[Cue]) -> None:
    """Every cue's timestamps strictly increase inside its time; one per word after the first, but
    for words starting with the one before; the text without them is the cue's."""
    read = scribekit.loads(vtt, "vtt")
    assert read.cues is not None and len(read.cues) == len(cues)
    blocks = vtt.split("\n\n")[1:]
    assert len(blocks) == len(cues)
    for block, cue, back in zip(blocks, cues, read.cues):
        timing, text = block.split("\n", 1)
        stamps = _stamps(text)
        low = max(cue.start, 0)
        for before, after in zip([low, *stamps], [*stamps, max(cue.end, cue.start)]):
            assert before < after or (after == max(cue.end, cue.start) and before == low and not stamps)
        words = _words.cue_words(cue)
        assert len(stamps) == len({w.start for w in words[1:] if cue.start < w.start < cue.end})
        assert back.lines == cue.lines  # our reader drops the timestamps


def test_vtt_word_timestamps_strictly_increase_and_read_back() -> None:
    transcript = _quiet(scribekit.load, DEEPGRAM)
    vtt = str(_quiet(scribekit.dumps, transcript, "vtt", word_timestamps=True))
    assert "<00:00:00.320>As" in vtt
    _check_word_timestamps(vtt, _quiet(segment, transcript))


def test_word_timestamps_and_highlight_words_are_one_or_the_other() -> None:
    with pytest.raises(scribekit.OptionError, match="one of them"):
        scribekit.dumps(_quiet(scribekit.load, DEEPGRAM), "vtt", word_timestamps=True, highlight_words=True)






_TRACK_PAGE = """<!doctype html><meta charset="utf-8">
<video id="media" src="silence.wav"><track id="track" kind="subtitles" src="words.vtt" default></video>"""
_CUES = """() => Array.from(document.getElementById('track').track.cues).map(cue => {
  const stamps = [];
  const walk = node => { for (const child of node.childNodes) {
    if (child.nodeType === Node.PROCESSING_INSTRUCTION_NODE && child.target === 'timestamp') stamps.push(child.data);
    walk(child); } };
  const html = cue.getCueAsHTML();
  walk(html);
  return [cue.startTime, cue.endTime, html.textContent, stamps];
})"""


def test_in_chromium_every_cue_with_word_timestamps_comes_back(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = [Word("我们今天讨论字幕的制作方法以及专业字幕员", 0, 6000), Word("Tom", 6000, 6400),
             Word("&", 6400, 6500), Word("<x>", 6500, 6900), Word("again.", 6900, 7300)]
    transcript = _quiet(scribekit.load, DEEPGRAM)
    transcript.segments.append(Segment("z", [Word(w.text, w.start + 30_000, w.end + 30_000) for w in words]))
    cues = _quiet(segment, transcript, SegmentOptions(max_chars_per_row=20))
    (tmp_path / "words.vtt").write_text(str(_quiet(scribekit.dumps, transcript, "vtt", word_timestamps=True,
                                                   max_chars_per_row=20)), encoding="utf-8")
    with wave.open(str(tmp_path / "silence.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000)
    (tmp_path / "page.html").write_text(_TRACK_PAGE, encoding="utf-8")
    page = browser.new_page()
    page.goto((tmp_path / "page.html").as_uri())
    page.evaluate("() => { document.getElementById('track').track.mode = 'hidden'; }")
    page.wait_for_function("() => document.getElementById('track').readyState === 2", timeout=20_000)
    got = page.evaluate(_CUES)
    assert len(got) == len(cues)
    for (start, end, text, stamps), cue in zip(got, cues):
        assert round(start * 1000) == cue.start and round(end * 1000) == cue.end
        assert text == "\n".join(cue.lines)
        times = [_stamps(f"<{stamp}>")[0] for stamp in stamps]
        assert times == sorted(set(times)) and all(cue.start < t < cue.end for t in times)
        assert len(times) == len({w.start for w in _words.cue_words(cue)[1:] if cue.start < w.start < cue.end})


# --- highlighted words ------------------------------------------------------------------------------

def _check_highlight(cue: Cue) -> None:
    """The cue once per spoken word (but words of no time of their own), its text with that word
    underlined, the times from the cue's start to its end without a gap or an overlap."""
    group = _words.highlight_cues([cue])
    words = _words.cue_words(cue)
    spoken = [w.text for w in words if not w.sound]
    if not spoken or _words.align(cue.lines, words) is None:
        assert group == [cue]
        return
    assert 1 <= len(group) <= len(spoken)
    assert group[0].start == cue.start and group[-1].end == max(cue.end, cue.start)
    for before, after in zip(group, group[1:]):
        assert before.end == after.start and before.start < before.end
    text_of_cue = "\n".join(cue.lines)
    for shown in group:
        text = "\n".join(shown.lines)
        assert text.count("<u>") == text.count("</u>") == 1 + text_of_cue.count("<u>")
        first = text.index("<u>")
        assert text[:first] + text[first + 3:].replace("</u>", "", 1) == text_of_cue
        assert text[first + 3:text.index("</u>", first)].replace("\n", "") in spoken


def test_highlight_words_in_srt_and_vtt_one_cue_per_spoken_word() -> None:
    transcript = _quiet(scribekit.load, DEEPGRAM)
    cues = _quiet(segment, transcript)
    for fmt in ("srt", "vtt"):
        written = scribekit.loads(str(_quiet(scribekit.dumps, transcript, fmt, highlight_words=True)), fmt)
        assert written.cues is not None and len(written.cues) == sum(len(c.words or []) for c in cues)
    for cue in cues:
        _check_highlight(cue)
    srt = str(_quiet(scribekit.dumps, transcript, "srt", highlight_words=True))
    assert srt.startswith("1\n00:00:00,080 --> 00:00:00,320\n<u>Yeah.</u> As as much as,\nit's worth celebrating,\n")


def test_a_sound_word_is_not_highlighted_and_a_cue_of_sounds_stays_as_it_is() -> None:
    words = [Word("Hello", 0, 400), Word("(laughter)", 400, 1000, sound=True), Word("there", 1000, 1400)]
    cue = Cue(0, 1500, ["Hello (laughter) there"], words=words)
    sounds = Cue(2000, 3000, ["[music]"], words=[Word("[music]", 2000, 3000, sound=True)])
    out = _words.highlight_cues([cue, sounds])
    assert [(c.start, c.end, c.lines) for c in out] == [
        (0, 1000, ["<u>Hello</u> (laughter) there"]), (1000, 1500, ["Hello (laughter) <u>there</u>"]),
        (2000, 3000, ["[music]"])]


def test_cues_read_from_a_subtitle_file_get_their_words_shared_out() -> None:
    srt = "1\n00:00:01,000 --> 00:00:03,000\n<i>Hello</i> there\nworld\n"
    out = str(scribekit.dumps(scribekit.loads(srt, "srt"), "srt", highlight_words=True))
    assert out.count("\n\n") == 2 and "<i><u>Hello</u></i> there" in out and "<u>world</u>" in out
    vtt = str(scribekit.dumps(scribekit.loads(srt, "srt"), "vtt", word_timestamps=True))
    assert "<i>Hello</i> <00:00:01.666>there\n<00:00:02.333>world" in vtt


# --- N words a cue --------------------------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(transcripts(), segment_limits, st.integers(1, 4))
def test_words_per_cue_holds_with_the_other_limits(transcript: Transcript, options: SegmentOptions,
                                                   count: int) -> None:
    options = dataclasses.replace(options, words_per_cue=count)
    cues = _quiet(segment, transcript.segments, options)
    _check_cue_words(transcript.segments, options)
    for cue in cues:
        assert cue.words is not None and len(cue.words) <= count
        assert 1 <= len(cue.lines) <= options.max_rows
        assert all(len(line) <= options.max_chars_per_row or " " not in line for line in cue.lines)
        limit = options.max_duration_ms(len(cue.lines))
        assert limit is None or cue.end - cue.start <= limit


def test_one_word_cues_from_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scribekit.cli import cli

    result = CliRunner().invoke(cli, ["convert", str(DEEPGRAM), "--to", "srt", "--words-per-cue", "1", "-o", "-"])
    assert result.exit_code == 0, result.output
    texts = [block.split("\n")[2:] for block in result.stdout.strip().split("\n\n")]
    assert all(len(text) == 1 and len(text[0].split()) == 1 for text in texts) and len(texts) == 62
    bad = CliRunner().invoke(cli, ["convert", str(DEEPGRAM), "--to", "srt", "--words-per-cue", "0", "-o", "-"])
    assert bad.exit_code != 0 and "words-per-cue must be at least 1" in bad.output
    assert "Traceback" not in bad.output


# --- the timing invariants on any transcript -----------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(transcripts(), segment_limits, st.booleans())
def test_any_transcript_times_its_words_in_every_word_level_output(transcript: Transcript, options: SegmentOptions,
                                                                   fill: bool) -> None:
    from scribekit.formats import ass, lrc, srt, vtt

    cues = _quiet(segment, transcript.segments, options)
    _check_karaoke(_quiet(ass.write_cues, cues, transcript, ass.Options(karaoke=True, karaoke_fill=fill)), cues,
                   "kf" if fill else "k")
    _check_word_timestamps(_quiet(vtt.write_cues, cues, transcript, vtt.Options(word_timestamps=True)), cues)
    for cue in cues:
        _check_highlight(cue)
    shown = _words.highlight_cues(cues)
    for module in (srt, vtt):
        assert _quiet(module.write_cues, cues, transcript, module.Options(highlight_words=True)) == \
            _quiet(module.write_cues, shown, transcript, module.Options())
    _check_lrc(_quiet(lrc.write_cues, cues, transcript), cues)


# --- LRC ----------------------------------------------------------------------------------------------

def _check_lrc(text: str, cues: list[Cue]) -> None:
    """Read back: a line per cue at its start (to the centisecond), and its words at their times."""
    if not any(_words.cue_words(c) for c in cues):
        assert not text.strip()  # nothing to show: an empty file, which no reader takes for lyrics
        return
    read = scribekit.loads(text, "lrc")
    assert read.cues is not None and len(read.cues) == len([c for c in cues if _words.cue_words(c)])
    shown = [c for c in cues if _words.cue_words(c)]
    for back, cue in zip(read.cues, shown):
        assert abs(back.start - max(cue.start, 0)) <= 5
        words = _words.cue_words(cue)
        assert back.words is not None
        assert [w.text for w in back.words] == [" ".join(w.text.split()) for w in words]
        for got, word in zip(back.words, words):
            assert abs(got.start - word.start) <= 5


def test_lrc_round_trip_keeps_lines_and_word_times() -> None:
    transcript = _quiet(scribekit.load, DEEPGRAM)
    transcript.metadata.language = "en"
    text = str(_quiet(scribekit.dumps, transcript, "lrc"))
    assert text.startswith("[la:en]\n[length:00:25.44]\n[00:00.08]<00:00.08>Yeah. <00:00.32>As<00:00.82> ")
    assert scribekit.formats.detect(text.encode()).name == "lrc"
    _check_lrc(text, _quiet(segment, transcript))
    back = scribekit.loads(text, "lrc")
    for got, word in zip(back.words, transcript.words):
        assert got.text == word.text and abs(got.start - word.start) <= 5 and abs(got.end - word.end) <= 5
    assert back.metadata.language == "en"


def test_lrc_reads_plain_and_repeated_lines_offsets_and_headers() -> None:
    text = ("[ti:Song]\n[ar:Someone]\n[offset:+500]\n[length:00:20.00]\n"
            "[00:01.00][00:10.00]Hello there\n[00:04.50]<00:04.50>Good <00:05.00>bye<00:05.60>\n[00:06.00]\n")
    transcript = scribekit.loads(text, "lrc")
    assert transcript.cues is not None
    assert [(c.start, c.end, c.lines) for c in transcript.cues] == [
        (500, 4000, ["Hello there"]), (4000, 5100, ["Good bye"]), (9500, 19500, ["Hello there"])]
    assert [(w.text, w.start, w.end) for w in transcript.words[2:4]] == [("Good", 4000, 4500), ("bye", 4500, 5100)]
    assert transcript.metadata.extra["lrc_tags"]["ti"] == "Song"


def test_lrc_detection_claims_lrc_alone() -> None:
    for path in SAMPLES + sorted(ROOT.glob("samples/**/*.srt")) + sorted(ROOT.glob("samples/**/*.vtt")):
        try:
            found = _quiet(scribekit.formats.detect, path.read_bytes(), path.name).name
        except scribekit.ScribekitError:
            continue
        assert found != "lrc", path
    assert not scribekit.formats.get("lrc").module.sniff("[Script Info]\nTitle: x\n")
    assert not scribekit.formats.get("lrc").module.sniff("[00:00.000 --> 00:05.000] whisper text\n")


@pytest.mark.parametrize("text, message", [
    ("[ti:x]\n", "no timed lyric line"),
    ("[00:61.00]bad seconds\n", "61 seconds"),
    ("[00:01.00]<00:01.20>a <00:61.00>b\n", "61 seconds"),
    ("[offset:99999999999]\n[00:01.00]x\n", "offset"),
])
def test_lrc_bad_input_is_a_read_error(text: str, message: str) -> None:
    with pytest.raises(scribekit.ReadError, match=message):
        _quiet(scribekit.loads, text, "lrc")


def test_words_per_cue_takes_linear_time() -> None:
    words = [Word(("hello", "world,", "the", "question.", "a")[k % 5], k * 300, k * 300 + 250) for k in range(20_000)]
    started = time.perf_counter()
    cues = _quiet(segment, [Segment(None, words)], SegmentOptions(words_per_cue=3))
    assert time.perf_counter() - started < 5
    assert all(len(cue.words or []) <= 3 for cue in cues) and sum(len(cue.words or []) for cue in cues) == 20_000

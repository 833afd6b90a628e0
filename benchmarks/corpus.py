#!/usr/bin/env python3
"""Large, realistic-looking inputs for the benchmarks and the output-stability test, deterministically.

    python benchmarks/corpus.py amberscript --words 100000 > big.amberscript.json
    python benchmarks/corpus.py happyscribe --words 100000 > big.happyscribe.json
    python benchmarks/corpus.py srt --cues 100000 > big.srt
    python benchmarks/corpus.py vtt --cues 100000 > big.vtt
    python benchmarks/corpus.py srt-dir --cues 200 --files 1000 --out DIR

Exactly the number of words, cues or files asked for; the same arguments always give the same
bytes (the text is made from a fixed vocabulary by a seeded ``random.Random``, times are whole
milliseconds). Speech runs at about 2.6 words a second with pauses between sentences; three
speakers take turns every few sentences; confidences vary. Cues have one or two rows of up to
about 40 characters. The tree of ``srt-dir`` is season1/ ... season7/, episodeNNNNN.srt, each
file its own seed. Importable too (``words``, ``cues``, ``amberscript``, ``happyscribe``,
``subtitles``, ``srt_dir``); standard library only.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

VOCAB = tuple((
    "the of and to a in is it you that he was for on are with as I his they be at one have this from or had "
    "by hot word but what some we can out other were all there when up use your how said an each she which do "
    "their time if will way about many then them write would like so these her long make thing see him two has "
    "look more day could go come did number sound no most people my over know water than call first who may "
    "down side been now find any new work part take get place made live where after back little only round man "
    "year came show every good me give our under name very through just form sentence great think say help low "
    "line differ turn cause much mean before move right boy old too same tell does set three want air well also "
    "play small end put home read hand port large spell add even land here must big high such follow act why "
    "ask men change went light kind off need house picture try us again animal point mother world near build "
    "self earth father head stand own page should country found answer school grow study still learn plant "
    "cover food sun four between state keep eye never last let thought city tree cross farm hard start might "
    "story saw far sea draw left late run don't while press close night real life few north Amsterdam "
    "Rotterdam Maria Jansen Sophie Pieter München café naïve São Paulo Zürich").split())
COMMAS = ("", "", "", "", "", "", "", "", "", "", ",")
ENDS = (".", ".", ".", "?", "!")
PAUSES_MS = (150, 300, 500, 900, 1600)
SPEAKERS = 3
KINDS = ("amberscript", "happyscribe", "srt", "vtt", "srt-dir")

Word = tuple[int, str, int, int, float]
"""(speaker index from 0, text, start ms, end ms, confidence)."""


def words(count: int, seed: int = 7) -> Iterator[Word]:
    """Exactly ``count`` words: sentences of 4 to 22 words, a speaker's turn 2 to 6 sentences."""
    rnd = random.Random(seed)
    now, speaker, sentences_left, made = 400, 0, rnd.randint(2, 6), 0
    while made < count:
        length = rnd.randint(4, 22)
        for k in range(length):
            if made == count:
                return
            text = rnd.choice(VOCAB)
            if k == 0:
                text = text[:1].upper() + text[1:]
            text += ENDS[rnd.randrange(len(ENDS))] if k == length - 1 else rnd.choice(COMMAS)
            duration = 120 + 45 * len(text) + rnd.randrange(100)
            yield speaker, text, now, now + duration, round(0.55 + rnd.randrange(46) / 100, 2)
            now += duration + rnd.choice((0, 20, 50, 80))
            made += 1
        now += rnd.choice(PAUSES_MS)
        sentences_left -= 1
        if sentences_left == 0:
            speaker = (speaker + 1) % SPEAKERS
            sentences_left = rnd.randint(2, 6)


Cue = tuple[int, int, list[str]]
"""(start ms, end ms, rows)."""


def cues(count: int, seed: int = 7, width: int = 40) -> list[Cue]:
    """Exactly ``count`` cues cut from an endless word stream: rows of up to ``width`` characters (a
    longer word takes a row of its own), two rows a cue, a cue also ending at a speaker's turn."""
    out: list[Cue] = []
    rows: list[str] = []
    row = ""
    start = end = 0
    last_speaker = None
    for speaker, text, word_start, word_end, _ in words(sys.maxsize, seed):
        if len(out) == count:
            break
        turn = last_speaker is not None and speaker != last_speaker
        if row and (turn or len(row) + 1 + len(text) > width):
            rows.append(row)
            row = ""
            if turn or len(rows) == 2:
                out.append((start, end, rows))
                rows = []
        if not row and not rows:
            start = word_start
        row = f"{row} {text}" if row else text
        end = word_end
        last_speaker = speaker
    return out


def _stamp(ms: int, separator: str) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{separator}{ms % 1000:03d}"


def subtitles(count: int, vtt: bool = False, seed: int = 7) -> str:
    """An SRT (or WebVTT) file of exactly ``count`` numbered cues."""
    separator = "." if vtt else ","
    parts = ["WEBVTT\n\n"] if vtt else []
    for number, (start, end, rows) in enumerate(cues(count, seed), 1):
        parts.append(f"{number}\n{_stamp(start, separator)} --> {_stamp(end, separator)}\n" + "\n".join(rows)
                     + "\n\n")
    return "".join(parts)


def _seconds(ms: int) -> float:
    return round(ms / 1000, 3)


def amberscript(count: int, seed: int = 7) -> dict[str, object]:
    """An Amberscript JSON export of exactly ``count`` words, a segment a speaker's turn."""
    segments: list[dict[str, object]] = []
    current: list[dict[str, object]] = []
    last = None
    for speaker, text, start, end, confidence in words(count, seed):
        if speaker != last:
            current = []
            segments.append({"speaker": f"spk{speaker + 1}", "words": current})
            last = speaker
        current.append({"start": _seconds(start), "end": _seconds(end), "duration": _seconds(end - start),
                        "text": text, "conf": confidence, "pristine": True})
    return {"id": "bench", "recordId": "bench", "filename": "bench.mp3", "startTimeOffset": 0.0,
            "speakers": [{"spkid": f"spk{k}", "name": f"Speaker {k}"} for k in range(1, SPEAKERS + 1)],
            "segments": segments, "highlights": []}


def happyscribe(count: int, seed: int = 7) -> list[dict[str, object]]:
    """A HappyScribe JSON export of exactly ``count`` words, a block a speaker's turn (words after the
    first of a block begin with a space, as the service writes them)."""
    blocks: list[dict[str, object]] = []
    current: list[dict[str, object]] = []
    last = None
    for speaker, text, start, end, confidence in words(count, seed):
        if speaker != last:
            current = []
            blocks.append({"speaker": f"Speaker {speaker + 1}", "speaker_number": speaker + 1,
                           "data_start": _seconds(start), "data_end": _seconds(end), "words": current})
            last = speaker
        current.append({"text": f" {text}" if current else text, "type": "word", "data_start": _seconds(start),
                        "data_end": _seconds(end), "confidence": confidence})
        blocks[-1]["data_end"] = _seconds(end)
    return blocks


def srt_dir(out: Path, files: int, count: int) -> list[Path]:
    """``files`` SRT files of ``count`` cues each under ``out`` (season1/ ... season7/), file k from seed k."""
    made = []
    for k in range(files):
        folder = out / f"season{k % 7 + 1}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"episode{k:05d}.srt"
        path.write_text(subtitles(count, seed=k), encoding="utf-8", newline="\n")
        made.append(path)
    return made


def text(kind: str, words_count: int = 100_000, cues_count: int = 100_000) -> str:
    """The file of one kind (not ``srt-dir``) as text."""
    if kind == "amberscript":
        return json.dumps(amberscript(words_count), ensure_ascii=False)
    if kind == "happyscribe":
        return json.dumps(happyscribe(words_count), ensure_ascii=False)
    if kind in ("srt", "vtt"):
        return subtitles(cues_count, vtt=kind == "vtt")
    raise ValueError(f"unknown kind {kind!r}")


def write(kind: str, path: Path, *, words_count: int = 100_000, cues_count: int = 100_000,
          files: int = 1000) -> Path:
    """The corpus of ``kind`` at ``path`` (a folder for ``srt-dir``)."""
    if kind == "srt-dir":
        srt_dir(path, files, cues_count)
    else:
        path.write_text(text(kind, words_count, cues_count), encoding="utf-8", newline="\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--cues", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--out", help="the folder of srt-dir, or a file instead of standard output")
    args = parser.parse_args()
    for name in ("words", "cues", "files"):
        if getattr(args, name) < 0:
            parser.error(f"--{name} cannot be negative")
    if args.kind == "srt-dir":
        if not args.out:
            parser.error("srt-dir needs --out")
        srt_dir(Path(args.out), args.files, args.cues)
    elif args.out:
        write(args.kind, Path(args.out), words_count=args.words, cues_count=args.cues)
    else:
        sys.stdout.buffer.write(text(args.kind, args.words, args.cues).encode("utf-8"))


if __name__ == "__main__":
    main()

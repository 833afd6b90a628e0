"""Operations on transcripts, as pure functions: each takes a transcript and returns a new one,
leaving its argument as it was (the words themselves are shared, not copied, when they do not
change).

- ``rename_speakers``: give speakers names (``{"A": "Anna"}``), by id or by current name;
- ``parse_speaker_names``: ``"A=Anna,B=Ben"`` (the command line's ``--speaker-names``) as a mapping;
- ``drop_sounds``: the transcript without its non-speech events (``Word.sound``);
- ``sounds_apart``: speaker turns cut where speech and sound events meet, so that no cue mixes them.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from operator import attrgetter

from .errors import OptionError
from .model import Segment, Speaker, Transcript

__all__ = ["drop_sounds", "parse_speaker_names", "rename_speakers", "sounds_apart"]


def _speaker_ids(transcript: Transcript) -> list[str]:
    """Every speaker id of ``transcript``, in order: its speakers, then ids its turns (or its cues, for
    one read from a subtitle file) use without a speaker of their own."""
    ids = [speaker.id for speaker in transcript.speakers]
    known = set(ids)
    for item in [*transcript.segments, *(transcript.cues or ())]:
        if item.speaker is not None and item.speaker not in known:
            known.add(item.speaker)
            ids.append(item.speaker)
    return ids


def rename_speakers(transcript: Transcript, names: Mapping[str, str]) -> Transcript:
    """``transcript`` with its speakers named as ``names`` says: a key is a speaker's id (``"A"``,
    ``"spk_0"``, ``"0"``) or its current name (``"Speaker A"``); an id wins over a name. The ids,
    the turns and the words stay as they are; only the names change.

    A key that names no speaker of the transcript, two keys for one speaker, or an empty name is
    an :class:`~scribekit.errors.OptionError` (the message lists the speakers there are).
    """
    ids = _speaker_ids(transcript)
    current = {speaker.id: speaker.name for speaker in transcript.speakers}
    by_name: dict[str, str] = {}
    for speaker_id in ids:
        by_name.setdefault(current.get(speaker_id, speaker_id), speaker_id)
    chosen: dict[str, str] = {}
    given_as: dict[str, str] = {}
    for key, name in names.items():
        if not isinstance(key, str) or not isinstance(name, str):
            raise OptionError(f"speaker_names: {key!r}={name!r}: ids and names must be strings")
        key = key.strip()
        if not name.strip():
            raise OptionError(f"speaker_names: an empty name for {key!r}")
        found = key if key in current or key in ids else by_name.get(key)
        if found is None:
            raise OptionError(f"speaker_names: no speaker {key!r} in the transcript",
                              hint=_listing(ids, current))
        speaker_id = found
        if speaker_id in chosen:
            raise OptionError(f"speaker_names: speaker {speaker_id!r} is named twice "
                              f"(as {given_as[speaker_id]!r} and {key!r})")
        chosen[speaker_id] = name.strip()
        given_as[speaker_id] = key
    speakers = [Speaker(s.id, chosen.get(s.id, s.name)) for s in transcript.speakers]
    speakers += [Speaker(i, chosen[i]) for i in ids if i not in current and i in chosen]
    return dataclasses.replace(transcript, speakers=speakers)


def _listing(ids: list[str], current: dict[str, str]) -> str:
    if not ids:
        return "the transcript has no speakers"
    shown = [i if current.get(i, i) == i else f"{i} ({current[i]})" for i in ids[:20]]
    more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
    return "its speakers: " + ", ".join(shown) + more


def parse_speaker_names(text: str) -> dict[str, str]:
    """``"A=Anna,B=Ben"`` as ``{"A": "Anna", "B": "Ben"}``: entries are separated by commas, and the
    first ``=`` of an entry separates the id (or current name) from the new name, so a name may
    hold ``=``; a comma inside a name is written ``\\,`` (and a backslash ``\\\\``). Spaces around
    ids and names are dropped. An entry without ``=``, an empty id or name, or one id given twice
    is an :class:`~scribekit.errors.OptionError`."""
    entries: list[str] = []
    piece: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            piece.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            entries.append("".join(piece))
            piece = []
        else:
            piece.append(ch)
    if escaped:
        piece.append("\\")
    entries.append("".join(piece))
    names: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        key, equals, name = entry.partition("=")
        key, name = key.strip(), name.strip()
        where = f"speaker_names: entry {number} ({entry.strip()!r})" if entry.strip() else \
            f"speaker_names: entry {number}"
        if not equals:
            raise OptionError(f"{where} is not ID=NAME", hint='e.g. "A=Anna,B=Ben"')
        if not key:
            raise OptionError(f"{where} has no speaker id before '='")
        if not name:
            raise OptionError(f"{where} has an empty name")
        if key in names:
            raise OptionError(f"speaker_names: speaker {key!r} is named twice")
        names[key] = name
    return names


def drop_sounds(transcript: Transcript) -> Transcript:
    """``transcript`` without its sound events (words marked ``sound``); turns left empty go too,
    and every other word stays, in order, with its times. A transcript without sound events is
    returned as it is."""
    if not any(word.sound for segment in transcript.segments for word in segment.words):
        return transcript
    segments = []
    for segment in transcript.segments:
        words = [word for word in segment.words if not word.sound]
        if len(words) == len(segment.words):
            segments.append(segment)
        elif words:
            segments.append(Segment(segment.speaker, words))
    return dataclasses.replace(transcript, segments=segments)


def sounds_apart(segments: list[Segment]) -> list[Segment]:
    """The turns of ``segments``, each cut where its words go from speech to sound events or back
    (same speaker), so that the segmenter, which never lets a cue cross a turn, gives sound events
    cues of their own. Turns of one kind are kept as they are, and when every turn is, the list
    given is returned (the same object)."""
    if not any(map(_mixed, segments)):
        return segments
    out: list[Segment] = []
    for segment in segments:
        words = segment.words
        if not _mixed(segment):
            out.append(segment)
            continue
        current: Segment | None = None
        for word in words:
            if current is None or current.words[-1].sound != word.sound:
                current = Segment(segment.speaker, [])
                out.append(current)
            current.words.append(word)
    return out


def _mixed(segment: Segment) -> bool:
    sounds: int = sum(map(_SOUND, segment.words))  # no Python step per word: the segmenter asks of every turn
    return 0 < sounds < len(segment.words)


_SOUND = attrgetter("sound")

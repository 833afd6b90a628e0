"""Speaker abbreviations: ``I`` for the interviewer, ``B1``, ``B2``, ... for the others, or a mapping."""
from __future__ import annotations

from ..errors import OptionError
from ..model import Segment, Speaker

__all__ = ["abbreviated_speakers", "parse_abbreviations"]


def parse_abbreviations(value: str) -> list[tuple[str, str]] | None:
    """``"auto"``: None; ``"Interviewer=I, Anna=B1"``: ``[("Interviewer", "I"), ("Anna", "B1")]``.
    An entry without ``=``, with nothing on a side of it, or a speaker named twice is an
    :class:`~scribekit.errors.OptionError` naming the entry."""
    if not isinstance(value, str):
        raise OptionError(f"speaker_abbreviations must be 'auto' or a mapping such as 'Interviewer=I,Anna=B1', "
                          f"not {value!r}")
    if value.strip().lower() == "auto":
        return None
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entry in value.split(","):
        name, equals, abbreviation = entry.partition("=")
        name, abbreviation = name.strip(), abbreviation.strip()
        if not entry.strip():
            raise OptionError(f"speaker_abbreviations {value!r} has an empty entry",
                              hint="entries are separated by commas: 'Interviewer=I,Anna=B1'")
        if not equals or not name or not abbreviation or "=" in abbreviation:
            raise OptionError(f"speaker_abbreviations entry {entry.strip()!r} is not NAME=ABBREVIATION",
                              hint="for example 'Interviewer=I,Anna=B1' (a speaker's name or id, = and what "
                                   "to show), or 'auto'")
        if name in seen:
            raise OptionError(f"speaker_abbreviations names {name!r} twice (entry {entry.strip()!r})")
        seen.add(name)
        pairs.append((name, abbreviation))
    return pairs


def abbreviated_speakers(speakers: list[Speaker], segments: list[Segment], value: str) -> list[Speaker]:
    """``speakers`` with the names ``value`` gives them (``"auto"`` or a mapping, as
    :func:`parse_abbreviations` reads it): with ``auto`` the first to speak is ``I``, the others
    ``B1``, ``B2``, ... in the order of their first turn (``B`` when there is one other). A mapping's
    entry names a speaker by name or, failing that, by id; a speaker it leaves out keeps its name,
    and an entry no speaker answers to is reported with a warning."""
    pairs = parse_abbreviations(value)
    order: list[str] = []
    for segment in segments:
        if segment.words and segment.speaker is not None and segment.speaker not in order:
            order.append(segment.speaker)
    known = {speaker.id for speaker in speakers}
    if pairs is None:
        others = order[1:]
        names = {speaker_id: ("I" if n == 0 else "B" if len(others) == 1 else f"B{n}")
                 for n, speaker_id in enumerate(order)}
    else:
        order += [s.speaker for s in segments if s.speaker is not None and s.speaker not in order]
        names = _mapped(speakers, order, pairs)
    out = [Speaker(s.id, names[s.id]) if s.id in names and names[s.id] != s.name else s for s in speakers]
    out += [Speaker(speaker_id, names[speaker_id]) for speaker_id in dict.fromkeys(order)
            if speaker_id not in known and speaker_id in names]
    return out


def _mapped(speakers: list[Speaker], order: list[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    by_name: dict[str, list[str]] = {}
    for speaker in speakers:
        by_name.setdefault(speaker.name.strip() if isinstance(speaker.name, str) else "", []).append(speaker.id)
    ids = {speaker.id for speaker in speakers} | set(order)
    names: dict[str, str] = {}
    unknown = []
    for name, abbreviation in pairs:
        matched = by_name.get(name) or ([name] if name in ids else [])
        if not matched:
            unknown.append(name)
        for speaker_id in matched:
            names.setdefault(speaker_id, abbreviation)
    if unknown:
        from ..errors import warn

        warn(f"speaker_abbreviations: no speaker named {', '.join(map(repr, unknown))} in this transcript "
             "(left as it is)")
    return names

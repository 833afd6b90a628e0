"""Transcription conventions researchers name in their methods sections (pause markers, marks
for inaudible words, clean or verbatim transcripts, speaker abbreviations), applied to a
transcript before a document or research format writes it.

Every document writer (txt, docx, pdf, html) and the research formats (maxqda, nvivo, atlasti,
qdpx) take the options of :class:`~scribekit.formats._document.ConventionOptions`::

    scribekit.dumps(transcript, "docx", conventions="dresing-pehl", speaker_abbreviations="auto")
    scribekit.conventions.apply(transcript, ConventionOptions(clean=True))   # the transcript as shown

**Pauses** (``conventions=``): a mark between two words of one speaker turn, from the silence
between them (a Word spanning the gap, without confidence). Never between turns, never for a
silence under 0.1 s (:data:`~scribekit.conventions.marks.PAUSE_FLOOR_MS`: recognisers leave gaps
of a few tens of ms between fluent words). Where clean dropped words, the silence is the sum of
the silences around them (the time of the filler itself is speech, not pause). A transcript read
from a subtitle file has no word timing inside a cue (its words' times are shared out by
characters): its pauses are the silences between cues only.

- ``dresing-pehl``: the graded form of Dresing & Pehl's Praxisbuch (6th edition, as quoted by the
  theses that cite it): ``(.)`` about one second, ``(..)`` two, ``(...)`` three, ``(N)`` more than
  three; whole seconds rounded down, so 1.0-1.999 s is ``(.)``, 2.4 s ``(..)``, 3.9 s ``(...)``,
  4.0 s ``(4)``, 12.7 s ``(12)``, and under 1 s nothing. (The 8th edition's simple rules mark only
  pauses from 3 s on, with ``(...)``.)
- ``gat2`` (Selting et al. 2009, GAT 2): ``(.)`` micro-pause up to 0.2 s, ``(-)`` over 0.2 up to
  0.5 s, ``(--)`` up to 0.8 s, ``(---)`` up to 1.0 s, over 1.0 s the measured seconds with one
  decimal (``(1.3)``; rounded half up, so 1.02 s is ``(1.0)``).
- ``jefferson-lite`` (Jefferson 2004): ``(.)`` under 0.2 s, from 0.2 s the silence in tenths of a
  second (``(0.2)``, ``(1.5)``; rounded half up).

**Inaudible** (``inaudible=``, a confidence from 0 to 1): each run of consecutive words whose
confidence is below it becomes one mark spanning the run; the punctuation the run's last word
ended with stays after it. ``(inaudible hh:mm:ss)`` (the run's start), under ``dresing-pehl``
``(unv. #hh:mm:ss-t#)`` (the f4/f5 time stamp), under ``gat2`` and ``jefferson-lite`` ``( )``
(GAT 2's "unintelligible passage", Jefferson's "no hearing could be achieved"). Words without a
confidence and sound events are never marked.

**Clean** (``clean=True``; ``False`` is verbatim; None is the convention's default: verbatim, but
clean under ``dresing-pehl``, whose simple rules in the 8th edition (2018) leave fillers out).
In each speaker turn, first fillers, then false starts are dropped:

- a filler is a word of the language's list (``data/<code>.json`` over ``data/generic.json``;
  ``en``, ``de``, ``fr``, ``es``, ``nl``, ``it``, ``pt``), compared lower-cased, without the
  punctuation around it, a repeated letter counting once (``Ummm,`` is ``um``). The lists hold
  hesitation and back-channel sounds only (um, uh, äh, ähm, euh, hm, mhm, ...): words that are
  words of content too (like, so, well, ja, genau, ne, also, ben, este, tipo) are never dropped.
  A turn of nothing but fillers stays (an answer such as ``Mhm.``), and a filler right after a
  number stays (``5 mm``). The language is ``language=``, else the transcript's, else guessed from its words; for
  one without a list (or none), the generic list, with a warning.
- a false start is a broken-off word: a word ending in ``-`` or ``/`` before another word of the
  turn (``th- the``, ``Sor/ Gedanken``), but not before a coordinator (``Vor- und Nachteile``,
  ``pre- and post-war``) nor after a digit (``1990- 2000``); a word ending in a dash ``—``/``–``
  only when the next word starts with it (``go— going``, ``I— I``): recognisers write a dash
  after a whole word where a sentence breaks off, and clean transcripts keep broken sentences.
- a stutter is the same word twice in a row with no punctuation between (``I I think``, ``the
  the``): the first goes. Not a stutter: ``very, very`` (punctuation: a deliberate repetition),
  and a word the language lists as repeated by grammar or for emphasis (``that that``, ``had had``,
  ``die die``, ``nous nous``), of which three in a row become two.

A dropped word's sentence-final punctuation moves to the word before it (``home, um.`` is
``home.``), its opening punctuation to the word after it (a pair it opens and closes itself,
``(um)`` or ``¿eh?``, goes with it), and where it began a sentence with a capital, the word after
it gets the capital (``Um, so we`` is ``So we``).

Dresing & Pehl's simple rules list ``ja``, ``genau``, ``ne`` and ``aha`` among the back-channel
sounds not transcribed; as they are words of content too, which word lists cannot tell apart,
clean keeps them and drops only the sounds (``hm``, ``mhm``, ``äh``, ``ähm``, ...).

**Speaker abbreviations** (``speaker_abbreviations=``): ``auto``: the first to speak is ``I``, the
others ``B1``, ``B2``, ... in the order of their first turn (``B`` when there is one other); or a
mapping ``"Interviewer=I,Anna=B1"`` by speaker name or id (a speaker it leaves out keeps its name).

What no option asks for is left as it is: the words not changed are the same objects, and with
no option at all the transcript itself comes back.
"""
from __future__ import annotations

import dataclasses

from ..formats._document import ConventionOptions
from ..model import Segment, Transcript, Word
from .clean import LanguageData, clean_words, language_data
from .marks import mark_inaudible, with_pauses

__all__ = ["apply", "cleans"]


def cleans(options: ConventionOptions) -> bool:
    """Whether ``options`` ask for a clean transcript (``clean``, else the convention's default)."""
    if options.clean is not None:
        return bool(options.clean)
    return options.conventions == "dresing-pehl"


def apply(transcript: Transcript, options: ConventionOptions) -> Transcript:
    """``transcript`` as ``options`` ask: the words and speakers the document shows (fillers and
    false starts dropped under clean, pause marks and inaudible marks as words, speaker names
    abbreviated). The transcript given is not changed; with nothing asked, it is returned."""
    clean = cleans(options)
    convention = options.conventions
    threshold = options.inaudible
    if not (clean or convention or threshold is not None or options.speaker_abbreviations):
        return transcript
    from ..segmentation import word_segments

    segments = word_segments(transcript)
    from_cues = not transcript.segments and transcript.cues is not None
    new_segments = segments
    if clean or convention or threshold is not None:
        data = None
        if clean:
            from ..operations import language_of

            language = language_of(transcript, transcript.cues if from_cues else None, options.language)
            data = language_data(language)
            if not data.own and any(segment.words for segment in segments):
                from ..errors import warn

                said = (f"no filler list for the language {language!r}" if language
                        else "the transcript does not say its language (and its words do not tell)")
                warn(f"clean: {said}: only the sounds of any language (hm, mhm, äh, ähm, ...) are dropped as "
                     "fillers")
        new_segments = [_turn(segment, data, convention, threshold, from_cues) for segment in segments]
        if all(new is old for new, old in zip(new_segments, segments)):
            new_segments = segments
    speakers = transcript.speakers
    if options.speaker_abbreviations:
        from .speakers import abbreviated_speakers

        speakers = abbreviated_speakers(transcript.speakers, segments, options.speaker_abbreviations)
    if new_segments is segments and speakers is transcript.speakers:
        return transcript
    return dataclasses.replace(transcript, speakers=speakers,
                               segments=transcript.segments if new_segments is segments else new_segments)


def _turn(segment: Segment, data: LanguageData | None, convention: str | None, threshold: float | None,
          from_cues: bool = False) -> Segment:
    """One speaker turn as the options ask; ``from_cues``: its words were made from cues, whose
    times inside a cue are shared out by characters, so that only a cue's end tells a silence."""
    words = segment.words
    if not words:
        return segment
    silence = [0] + [max(0, b.start - a.end) if a.cue_end or not from_cues else 0 for a, b in zip(words, words[1:])]
    out: list[Word] = words
    if data is not None:
        out, silence = clean_words(out, data, silence)
    if threshold is not None:
        out, silence = mark_inaudible(out, silence, threshold, convention)
    if convention:
        out = with_pauses(out, silence, convention)
    if len(out) == len(words) and all(a is b for a, b in zip(out, words)):
        return segment
    return Segment(segment.speaker, out)

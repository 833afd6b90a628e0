"""Reading TTML documents: TTML1 and DFXP, and the profiles built on them (IMSC 1.x, EBU-TT-D,
Netflix TTML, Apple iTT). Facts: docs/formats.md §14.1.

A document is read as TTML's semantics present it. Every element's time interval follows
from its ``begin``, ``end`` and ``dur``, its time container (``par``, the default, or ``seq``)
and its parent's interval; an element without an end lasts as long as its content (text lasts
indefinitely, so a ``p`` of text lasts as long as its parent). Each ``p`` becomes cues: one
when its content does not change while it is shown, else one for each stretch in which it
does not (timed spans in a ``p``, words added one by one, give one cue per step, each holding
the text shown then). Content shown without end (an untimed document) ends ten seconds after
the last time the document names, where ttconv's SRT conversion ends it as well.

Text: ``<br/>`` and (with ``xml:space="preserve"``) line feeds break lines; white space is
collapsed and trimmed at line ends otherwise (TTML1 §7.2.3). Italic, bold and underline come
from ``tts:fontStyle``, ``tts:fontWeight`` and ``tts:textDecoration``, specified on the element,
through referenced (and chained) styles, or inherited from the region, body, div, p and spans.
Ruby text follows its base in full-width parentheses. A cue is placed at the top (``style
{"position": "top"}``) when its region sits in the upper part of the picture. Speakers come
from ``ttm:agent`` (the agent's ``ttm:name`` when the head declares one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ...errors import ReadError, warn
from ...model import Cue, Metadata, Speaker, Transcript
from ...timecode import checked_ms
from . import times as _times
from .times import Time, Timing

if TYPE_CHECKING:
    from lxml import etree

NAMESPACES = ("http://www.w3.org/ns/ttml", "http://www.w3.org/2006/10/ttaf1", "http://www.w3.org/2006/04/ttaf1")
"""The namespaces of a ``tt`` root: TTML1 (and IMSC, EBU-TT-D, iTT), and the two DFXP drafts."""
XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_ID = f"{{{XML_NS}}}id"
_XML_LANG = f"{{{XML_NS}}}lang"
_XML_SPACE = f"{{{XML_NS}}}space"
_STYLING = tuple(f"{{{ns}#styling}}" for ns in NAMESPACES) + ("{http://www.w3.org/2006/04/ttaf1#style}",)
_PARAMETER = tuple(f"{{{ns}#parameter}}" for ns in NAMESPACES)
_METADATA = tuple(f"{ns}#metadata" for ns in NAMESPACES)

MAX_TAGS = 3_000_000
"""The most XML tags a document may have (a subtitle document of 100,000 cues has a few hundred thousand)."""
MAX_DEPTH = 100
"""The deepest nesting of content elements read (real documents nest a handful)."""
MAX_STEPS = 250_000
"""The most (time step x timed part) a single ``p`` may take to read (words added one by one take a few dozen)."""
INDEFINITE_TAIL = 10_000
"""Milliseconds content without an end is shown after the last time the document names."""
_INSTANT = Fraction(1, 1000)
"""What a p of no duration lasts while its content is collected (a microsecond: its cue rounds to none)."""

_HEAD = 4000
_SNIFF_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?tt[\s>/]")
_MARKUP_ORDER = ("i", "b", "u")
_INHERITED = ("fontStyle", "fontWeight", "textDecoration")
_NO_STYLE = ("", "", "")
"""The inherited styles (as in _INHERITED) where nothing is specified."""
_NONE: dict[str, str] = {}
_AGENT_ATTRIBUTES = tuple(f"{{{ns}#metadata}}agent" for ns in NAMESPACES)
_LENGTH = re.compile(r"([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(%|px|c|rh|rw|em)\Z")
_LWSP = re.compile(r"[\t\r\n ]+")

# Element kinds.
_BODY, _DIV, _P, _SPAN, _BR, _SET = "body", "div", "p", "span", "br", "set"
_MIXED = (_P, _SPAN)
_RUBY_CONTAINERS = ("container", "baseContainer", "textContainer")


def sniff(text: str) -> bool:
    """A ``tt`` root in the TTML (or a DFXP) namespace, from the first few thousand characters."""
    head = text[:_HEAD]
    if "tt" not in head or not any(ns in head for ns in NAMESPACES):
        return False
    at = 0
    while True:  # skip the declaration, comments, processing instructions and a doctype
        at = head.find("<", at)
        if at < 0 or at + 1 >= len(head):
            return False
        if head.startswith("<!--", at):
            end = head.find("-->", at)
            if end < 0:
                return False
            at = end + 3
        elif head[at + 1] in "?!":
            end = head.find(">", at)
            if end < 0:
                return False
            at = end + 1
        else:
            return _SNIFF_ROOT.match(head, at) is not None


class _Node:
    """A content element with its interval (ms, exact; ``end`` None: indefinite), its attributes,
    and its content: its text, then each child element (a node, None when it is not content) with
    the text after it (text only for the elements that hold it: p and span in a par container)."""

    __slots__ = ("kind", "begin", "end", "seq", "attrib", "text", "parts", "number")

    def __init__(self, kind: str, begin: Time, seq: bool, attrib: dict[str, str], text: str | None,
                 number: int) -> None:
        self.number = number
        """Of a p, its number in the document (1 for the first)."""
        self.kind = kind
        self.begin = begin
        self.end: Time | None = None
        self.seq = seq
        self.attrib = attrib
        self.text = text
        self.parts: list[tuple[_Node | None, str | None]] = []


@dataclass
class _Region:
    """A region of the layout: whether it sits at the top, when it is active, its styles (which the
    content in it inherits), whether it is hidden (``tts:display="none"``)."""

    top: bool
    begin: Time
    end: Time | None
    styles: dict[str, str]
    hidden: bool


class _Run:
    """Text of a ``p`` (None: a line break) with what it depends on: its interval, styling flags,
    white space handling, region and speaker."""

    __slots__ = ("begin", "end", "text", "flags", "preserve", "region", "agent")

    def __init__(self, begin: Time, end: Time | None, text: str | None, flags: tuple[str, ...], preserve: bool,
                 region: str | None, agent: str | None = None) -> None:
        self.begin = begin
        self.end = end
        self.text = text
        self.flags = flags
        self.preserve = preserve
        self.region = region
        self.agent = agent


@dataclass
class _Pending:
    """A cue being read, with its exact times (``end`` None: shown without end)."""

    start: Time
    end: Time | None
    order: int
    cue: Cue


class _Reader:
    """One document: its timing parameters, styles, regions and agents (from the head), then its
    cues (``read``: the body timed, then walked)."""

    def __init__(self, root: etree._Element, namespace: str) -> None:
        self.root = root
        self.ns = namespace
        self.tags = {_tag(namespace, kind): kind for kind in (_BODY, _DIV, _P, _SPAN, _BR, _SET)}
        parameters = {name.split("}", 1)[1]: value for name, value in root.attrib.items()
                      if name.startswith(_PARAMETER)}
        self.timing: Timing = _times.timing_of(parameters)
        self.cell_rows = _cell_rows(parameters.get("cellResolution"))
        self.root_height = _pixels_height(_styles_of(root.attrib).get("extent"))
        self.unplaced: set[int] = set()
        """The paragraphs with text in no region (not shown: the document declares regions)."""
        self.flags: dict[tuple[tuple[str, str, str], str | None], tuple[str, ...]] = {}
        self.styles = self._style_table()
        self.regions = self._region_table()
        self.agents = self._agents()
        self.latest: Time = max([0, *(time for region in self.regions.values()
                                      for time in (region.begin, region.end) if time is not None)])
        """The last time the document names (content shown without end ends INDEFINITE_TAIL after it)."""
        self.cues: list[_Pending] = []
        self.paragraph = 0

    # --- head ----------------------------------------------------------------------------

    def _style_table(self) -> dict[str, dict[str, str]]:
        """Every ``style`` of the head by its xml:id, its chained styles resolved."""
        raw: dict[str, Any] = {}
        for element in self.root.iter(_tag(self.ns, "style")):
            identifier = element.get(_XML_ID)
            if identifier:
                raw[identifier] = element
        resolved: dict[str, dict[str, str]] = {}

        visiting: set[str] = set()

        def resolve(identifier: str) -> dict[str, str]:
            """A style's properties, those of the styles it references beneath its own (a style
            referencing itself, directly or not, or chained beyond MAX_DEPTH adds nothing more)."""
            if identifier in resolved:
                return resolved[identifier]
            element = raw.get(identifier)
            if element is None or identifier in visiting or len(visiting) > MAX_DEPTH:
                return {}
            visiting.add(identifier)
            properties: dict[str, str] = {}
            for reference in (element.get("style") or "").split():
                properties.update(resolve(reference))
            properties.update(_styles_of(element.attrib))
            visiting.discard(identifier)
            resolved[identifier] = properties
            return properties

        for identifier in raw:
            resolve(identifier)
        return resolved

    def _specified(self, attrib: dict[str, str]) -> dict[str, str]:
        """The style properties specified by an element's attributes: referenced styles (later ones
        win), then its own."""
        references = attrib.get("style")
        if not references:
            return _styles_of(attrib)
        properties: dict[str, str] = {}
        for reference in references.split():
            properties.update(self.styles.get(reference, _NONE))
        properties.update(_styles_of(attrib))
        return properties

    def _region_table(self) -> dict[str, _Region]:
        regions: dict[str, _Region] = {}
        for element in self.root.iter(_tag(self.ns, "region")):
            identifier = element.get(_XML_ID)
            if not identifier:
                continue
            properties = self._specified(dict(element.items()))
            for nested in element:
                if nested.tag == _tag(self.ns, "style"):
                    properties = {**_styles_of(nested.attrib), **properties}
            begin, end = self._region_interval(element, identifier)
            regions[identifier] = _Region(self._top(properties), begin, end, properties,
                                          properties.get("display", "").strip() == "none")
        return regions

    def _region_interval(self, element: Any, identifier: str) -> tuple[Time, Time | None]:
        where = f"region {identifier!r}"
        attrib = dict(element.items())
        begin = self._time(attrib["begin"], f"{where}: begin") if "begin" in attrib else 0
        end = self._explicit_end(attrib, 0, begin, where)
        return begin, end

    def _top(self, properties: dict[str, str]) -> bool:
        """Whether a region with these styles sits in the upper part of the picture."""
        extent = properties.get("extent", "").split()
        height = self._fraction(extent[1]) if len(extent) == 2 else (1.0 if not extent or extent == ["auto"]
                                                                    else None)
        origin = properties.get("origin", "").split()
        y: float | None
        if len(origin) == 2:
            y = self._fraction(origin[1])
        elif "position" in properties and height is not None:
            y = _position_y(properties["position"].split(), height, self._fraction)
        else:
            y = 0.0 if height == 1.0 else None
        if y is None or height is None:
            return False
        if y + height / 2 < 0.5:
            return True
        return properties.get("displayAlign", "").strip() == "before" and y < 0.5

    def _fraction(self, length: str) -> float | None:
        """A vertical length as a fraction of the picture's height (None: not one scribekit can place)."""
        found = _LENGTH.match(length.strip())
        if found is None:
            return None
        number, unit = float(found.group(1)), found.group(2)
        if unit in ("%", "rh"):
            return number / 100
        if unit == "c":
            return number / self.cell_rows
        if unit == "px" and self.root_height:
            return number / self.root_height
        return None

    def _agents(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for namespace in _METADATA:
            for agent in self.root.iter(f"{{{namespace}}}agent"):
                identifier = agent.get(_XML_ID)
                if not identifier:
                    continue
                name = next((" ".join((child.text or "").split()) for child in agent
                             if child.tag == f"{{{namespace}}}name" and (child.text or "").strip()), "")
                names[identifier] = name or identifier
        return names

    # --- timing --------------------------------------------------------------------------

    def _time(self, value: str, where: str) -> Time:
        return _times.parse(value, self.timing, where)

    def _explicit_end(self, attrib: dict[str, str], sync: Time, begin: Time, where: str) -> Time | None:
        """The end ``end`` and ``dur`` give (the earlier of the two), None when neither is there."""
        end_value, dur_value = attrib.get("end"), attrib.get("dur")
        end = self._time(end_value, f"{where}: end") + sync if end_value is not None else None
        if dur_value is not None:
            by_dur = begin + self._time(dur_value, f"{where}: dur")
            end = by_dur if end is None else min(end, by_dur)
        return end

    def _timed(self, element: Any, kind: str, sync: Time, in_seq: bool, depth: int, number: list[int]) -> _Node:
        """``element``'s node and its descendants', with their intervals (TTML1 §10.4)."""
        if depth > MAX_DEPTH:
            raise ReadError(f"content nested more than {MAX_DEPTH} elements deep (a document nests a handful)")
        if kind == _P:
            number[0] += 1
        items = element.items()
        attrib = dict(items) if items else _NONE
        begin = sync
        container = None
        if items:
            where = f"p {number[0]}" if kind == _P else f"{kind} in p {number[0]}" if number[0] else kind
            begin_value = attrib.get("begin")
            if begin_value is not None:
                begin = sync + self._time(begin_value, f"{where}: begin")
            container = attrib.get("timeContainer")
            if container is not None:
                container = container.strip()
                if container not in ("par", "seq"):
                    raise ReadError(f"{where}: timeContainer {container[:30]!r} is neither par nor seq")
        seq = container == "seq"
        mixed = kind in _MIXED and not seq
        node = _Node(kind, begin, seq, attrib, element.text if mixed else None, number[0])
        implicit: Time | None = begin
        if kind in (_BR, _SET) and not in_seq:
            implicit = None  # a br (a set) in a par container lasts as long as its parent
        elif node.text is not None:
            implicit = None  # text: an anonymous span, indefinite in a par container
        child_sync: Time | None = begin
        tags = self.tags
        parts = node.parts
        for child in element:
            tail = child.tail if mixed else None
            if tail is not None:
                implicit = None
            child_kind = tags.get(child.tag)  # None: metadata, foreign elements, comments (their tails are text)
            if child_kind is None or child_kind == _BODY or child_sync is None:
                if tail is not None:  # after a child without end in a seq container, the rest never begin
                    parts.append((None, tail))
                continue
            child_node = self._timed(child, child_kind, child_sync if seq else begin, seq, depth + 1, number)
            parts.append((child_node, tail))
            if seq:
                child_sync = implicit = child_node.end
            elif implicit is not None:
                implicit = None if child_node.end is None else max(implicit, child_node.end)
        if items and ("end" in attrib or "dur" in attrib):
            where = f"p {number[0]}" if kind == _P else f"{kind} in p {number[0]}" if number[0] else kind
            node.end = self._explicit_end(attrib, sync, begin, where)
        else:
            node.end = implicit
        return node

    # --- content -------------------------------------------------------------------------

    def read(self) -> list[Cue]:
        body = next((child for child in self.root if child.tag == _tag(self.ns, "body")), None)
        if body is None:
            return []
        tree = self._timed(body, _BODY, 0, False, 0, [0])
        self._collect(tree, 0, None, _NO_STYLE, None, False, None, self.root.get(_XML_SPACE) == "preserve", None)
        if self.unplaced:
            first = min(self.unplaced)
            warn(f"{len(self.unplaced)} paragraph(s) left out, the first p {first}: text in no region the head "
                 "declares, which TTML does not show (give it a region= of the head's layout)")
        tail = self.latest + INDEFINITE_TAIL
        cues = []
        for pending in sorted(self.cues, key=lambda pending: (pending.start, pending.order)):
            cue = pending.cue
            cue.start = checked_ms(_times.to_ms(pending.start), "a cue's start")
            cue.end = checked_ms(_times.to_ms(tail if pending.end is None else pending.end), "a cue's end")
            cues.append(cue)
        return cues

    def _collect(self, node: _Node, parent_begin: Time, parent_end: Time | None, inherited: tuple[str, str, str],
                 region: str | None, conflict: bool, agent: str | None, preserve: bool,
                 runs: list[_Run] | None) -> None:
        """Walk ``node`` within its parent's interval: the runs of text of each ``p``, then its cues."""
        begin = node.begin if node.begin > parent_begin else parent_begin
        end = node.end if parent_end is None else parent_end if node.end is None or node.end > parent_end \
            else node.end
        if end is not None and end <= begin:
            instant = node.kind == _P and node.end == node.begin == begin
            if not instant or parent_end is not None and parent_end < begin:
                return
            end = begin + _INSTANT  # a p of no duration: a cue of none (TTML shows nothing of it), its text kept
        if begin > self.latest:
            self.latest = begin
        if end is not None and end > self.latest:
            self.latest = end
        kind = node.kind
        attrib = node.attrib
        ruby = ""
        if attrib:
            specified = self._specified(attrib)
            if specified:
                if specified.get("display", "").strip() == "none":
                    return
                if any(name in specified for name in _INHERITED):
                    decoration = specified.get("textDecoration")
                    inherited = (specified.get("fontStyle", inherited[0]), specified.get("fontWeight", inherited[1]),
                                 inherited[2] if decoration is None else _decoration(inherited[2], decoration))
                if kind == _SPAN:
                    ruby = specified.get("ruby", "").strip()
                    if ruby == "delimiter":
                        return
            own_region = attrib.get("region")
            if own_region is not None:
                own_region = own_region.strip()
                if region is not None and own_region != region:
                    conflict = True
                region = own_region
            for name in _AGENT_ATTRIBUTES:
                agents = attrib.get(name)
                if agents and agents.split():
                    agent = agents.split()[0]
            space = attrib.get(_XML_SPACE)
            if space is not None:
                preserve = space.strip() == "preserve"
        if kind == _BR:
            if runs is not None:
                runs.append(_Run(begin, end, None, (), preserve, region))
            return
        if kind == _SET:
            return
        if kind == _P:
            runs = []
            self.paragraph = node.number
        mixed = runs is not None and kind in _MIXED and not node.seq
        target = None if conflict else region
        flags: tuple[str, ...] = ()
        if mixed and runs is not None:
            key = (inherited, region)
            flags = self.flags.get(key)  # type: ignore[assignment]
            if flags is None:
                flags = self.flags[key] = _flags(inherited, self.regions.get(region or ""))
            if ruby == "text":
                runs.append(_Run(begin, end, "\uff08", flags, True, target, agent))
            text = node.text
            if text is not None and not (ruby in _RUBY_CONTAINERS and text.isspace()):
                runs.append(_Run(begin, end, text, flags, preserve, target, agent))
        for child, tail in node.parts:
            if child is not None:
                if mixed and runs is not None and child.kind == _BR and not child.attrib:
                    runs.append(_Run(begin, end, None, (), preserve, region))  # a br lasts as its parent
                else:
                    self._collect(child, begin, end, inherited, region, conflict, agent, preserve, runs)
            if mixed and runs is not None and tail is not None and not (ruby in _RUBY_CONTAINERS and tail.isspace()):
                runs.append(_Run(begin, end, tail, flags, preserve, target, agent))
        if mixed and runs is not None and ruby == "text":
            runs.append(_Run(begin, end, "\uff09", flags, True, target, agent))
        if kind == _P and runs is not None:
            if any(run.text is not None and not run.text.isspace() for run in runs):
                self._paragraph_cues(runs, begin, end)
            elif not self.regions or target is not None and target in self.regions and not self.regions[target].hidden:
                self._add(begin, end, [], self.agents.get(agent, agent) if agent else None, target)  # a p of no text

    def _paragraph_cues(self, runs: list[_Run], begin: Time, end: Time | None) -> None:
        """The cues of one ``p``: one for each stretch of time its text (in each region) stays the same."""
        regions = self.regions
        shown = []
        steady = True  # every run shown as long as the p: one cue (per region)
        for run in runs:
            if run.region is None or run.region not in regions:  # no region, or one the head does not declare
                if regions:
                    if run.text is not None and not run.text.isspace():
                        self.unplaced.add(self.paragraph)
                    continue  # content in no region is not presented when the document has regions
            else:
                region = regions[run.region]
                if region.hidden:
                    continue
                clipped = _clipped(run, region)
                if clipped is None:
                    continue
                run = clipped
            if steady and (run.begin != begin or run.end != end):
                steady = False
            shown.append(run)
        if not shown:
            return
        agents = {run.agent for run in shown if run.text is not None and not run.text.isspace()}
        agent = agents.pop() if len(agents) == 1 else None
        speaker = self.agents.get(agent, agent) if agent else None
        if steady and all(run.region == shown[0].region for run in shown):
            lines = _lines(shown)
            if lines:
                self._add(begin, end, lines, speaker, shown[0].region)
            return
        changes = {begin}
        for run in shown:
            changes.add(run.begin)
            if run.end is not None and (end is None or run.end < end):
                changes.add(run.end)
        if len(changes) * len(shown) > MAX_STEPS:
            raise ReadError(f"p {self.paragraph}: {len(shown)} timed parts at {len(changes)} times, more than "
                            "scribekit reads in one paragraph")
        order = sorted(changes)
        open_cues: dict[str | None, _Pending] = {}
        for index, at in enumerate(order):
            until = order[index + 1] if index + 1 < len(order) else end
            by_region: dict[str | None, list[_Run]] = {}
            for run in shown:
                if run.begin <= at and (run.end is None or run.end > at):
                    by_region.setdefault(run.region, []).append(run)
            still: dict[str | None, _Pending] = {}
            for region_id, region_runs in by_region.items():
                lines = _lines(region_runs)
                if not lines:
                    continue
                previous = open_cues.get(region_id)
                if previous is not None and previous.cue.lines == lines:
                    previous.end = until
                    still[region_id] = previous
                else:
                    still[region_id] = self._add(at, until, lines, speaker, region_id)
            open_cues = still

    def _add(self, start: Time, end: Time | None, lines: list[str], speaker: str | None,
             region_id: str | None) -> _Pending:
        region = self.regions.get(region_id) if region_id is not None else None
        cue = Cue(0, 0, lines, speaker, style={"position": "top"} if region is not None and region.top else None)
        pending = _Pending(start, end, len(self.cues), cue)
        self.cues.append(pending)
        return pending


def _clipped(run: _Run, region: _Region) -> _Run | None:
    """``run`` within its region's active interval (None: never shown)."""
    if region.begin == 0 and region.end is None:
        return run
    begin = max(run.begin, region.begin)
    end = region.end if run.end is None else run.end if region.end is None else min(run.end, region.end)
    if end is not None and end <= begin:
        return None
    return _Run(begin, end, run.text, run.flags, run.preserve, run.region, run.agent)


def _decoration(inherited: str, specified: str) -> str:
    """``tts:textDecoration`` specified on an element beneath an inherited one: ``none`` clears,
    ``underline`` and ``noUnderline`` set and clear underlining, the rest keeps what is inherited."""
    tokens = specified.split()
    if "none" in tokens:
        return "none"
    underline = "underline" in inherited.split()
    if "underline" in tokens:
        underline = True
    if "noUnderline" in tokens:
        underline = False
    return "underline" if underline else "noUnderline" if inherited or "noUnderline" in tokens else ""


def _flags(inherited: tuple[str, str, str], region: _Region | None) -> tuple[str, ...]:
    """The markup of text with these inherited styles (the region's styles beneath them)."""
    def value(name: str) -> str:
        given = inherited[_INHERITED.index(name)]
        if given:
            return given.strip()
        if region is not None:
            return region.styles.get(name, "").strip()
        return ""

    flags = []
    if value("fontStyle") in ("italic", "oblique"):
        flags.append("i")
    if value("fontWeight") == "bold":
        flags.append("b")
    decoration = value("textDecoration").split()
    if "underline" in decoration:
        flags.append("u")
    return tuple(flags)


def _lines(runs: list[_Run]) -> list[str]:
    """The lines of text the runs show, white space handled as TTML1 §7.2.3 says (collapsed, and
    dropped at the ends of lines; kept with ``xml:space="preserve"``, whose line feeds break lines),
    with markup added."""
    lines: list[list[list[Any]]] = [[]]  # a line: [text, flags, preserve] pieces
    for run in runs:
        if run.text is None:
            lines.append([])
        elif run.preserve:
            for number, part in enumerate(run.text.split("\n")):
                if number:
                    lines.append([])
                if part:
                    lines[-1].append([part, run.flags, True])
        else:
            collapsed = _LWSP.sub(" ", run.text)
            if collapsed:
                lines[-1].append([collapsed, run.flags, False])
    out = []
    for line in lines:
        after_space = True
        for piece in line:
            if not piece[2] and after_space and piece[0][:1] == " ":
                piece[0] = piece[0][1:]
            if piece[0]:
                after_space = piece[0][-1] in " \t\r\n"
        text = _markup(line)
        if text:
            out.append(text)
    return out


def _markup(line: list[list[Any]]) -> str:
    """One line's pieces (``[text, flags, preserve]``, changed in place) as text with <i>, <b>,
    <u>, white space trimmed at both ends."""
    first, last = 0, len(line)
    while first < last and not line[first][0].strip():
        first += 1
    while last > first and not line[last - 1][0].strip():
        last -= 1
    if first == last:
        return ""
    if last - first == 1 and not line[first][1]:
        return str(line[first][0]).strip()
    line = line[first:last]
    line[0][0] = line[0][0].lstrip()
    line[-1][0] = line[-1][0].rstrip()
    if not any(piece[1] for piece in line):
        return "".join(piece[0] for piece in line)
    merged: list[list[Any]] = []
    for text, flags, _ in line:
        if merged and (merged[-1][1] == flags or text.isspace()):  # spaces take the markup before them
            merged[-1][0] += text
        elif text:
            merged.append([text, flags])
    out = []
    stack: list[str] = []
    pending = ""  # spaces that ended the previous piece: outside the tags that change after it
    for text, flags in merged:
        wanted = [tag for tag in _MARKUP_ORDER if tag in flags]
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        while len(stack) > keep:
            out.append(f"</{stack.pop()}>")
        stripped = text.strip(" ")
        out.append(pending + text[:len(text) - len(text.lstrip(" "))])
        for tag in wanted[keep:]:
            out.append(f"<{tag}>")
            stack.append(tag)
        out.append(stripped)
        pending = text[len(text.rstrip(" ")):] if stripped else ""
    while stack:
        out.append(f"</{stack.pop()}>")
    return "".join(out)


def _position_y(tokens: list[str], height: float, fraction: Any) -> float | None:
    """The top of a region placed by ``tts:position`` (TTML2), as a fraction of the picture."""
    room = 1.0 - height
    if not tokens:
        return None
    for index, token in enumerate(tokens):
        if token in ("top", "bottom"):
            offset = 0.0
            if index + 1 < len(tokens) and _LENGTH.match(tokens[index + 1]):
                offset = fraction(tokens[index + 1]) or 0.0
            return offset if token == "top" else room - offset
    lengths = [token for token in tokens if _LENGTH.match(token)]
    if len(tokens) == 2 and _LENGTH.match(tokens[1]) and tokens[1].endswith("%"):
        return float(tokens[1][:-1]) / 100 * room
    if len(tokens) == 2 and len(lengths) == 2:
        return fraction(tokens[1])  # type: ignore[no-any-return]
    return room / 2


def _styles_of(attrib: Any) -> dict[str, str]:
    """The ``tts:`` attributes among an element's attributes, by local name."""
    found = {}
    for name, value in attrib.items():
        if name[0] == "{" and name.startswith(_STYLING):
            found[name.split("}", 1)[1]] = value
    return found


def _cell_rows(value: str | None) -> int:
    if value:
        parts = value.split()
        if len(parts) == 2 and parts[1].isdigit() and len(parts[1]) < 10 and int(parts[1]) > 0:
            return int(parts[1])
    return 15


def _pixels_height(extent: str | None) -> float | None:
    if extent:
        parts = extent.split()
        if len(parts) == 2 and parts[1].endswith("px"):
            try:
                height = float(parts[1][:-2])
            except ValueError:
                return None
            return height if height > 0 else None
    return None


def _tag(namespace: str, name: str) -> str:
    """An element's tag in ``namespace`` ("": a document that declares none, read all the same)."""
    return f"{{{namespace}}}{name}" if namespace else name


def _root(text: str) -> tuple[etree._Element, str]:
    from .._xml import parse

    tags = text.count("<")
    if tags > MAX_TAGS:
        raise ReadError(f"a TTML document of {tags} tags, more than the {MAX_TAGS} scribekit reads",
                        hint="a subtitle document of 100,000 cues has a few hundred thousand")
    root = parse(text, "a TTML document")
    tag = root.tag if isinstance(root.tag, str) else ""
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local != "tt" or namespace not in (*NAMESPACES, ""):
        shown = tag if len(tag) <= 60 else tag[:50] + "..."
        raise ReadError(f"not a TTML document: the root element is {shown!r}, not tt in the TTML namespace",
                        hint=f"TTML's namespace is {NAMESPACES[0]}")
    return root, namespace


def read(text: str) -> Transcript:
    root, namespace = _root(text)
    reader = _Reader(root, namespace)
    cues = reader.read()
    if not any(cue.lines for cue in cues) and _pictures(root):
        raise ReadError("an IMSC Image Profile document: its subtitles are pictures (smpte:backgroundImage, "
                        "image), which scribekit does not read", hint="scribekit reads text subtitles")
    speakers: list[Speaker] = []
    seen = set()
    for cue in cues:
        if cue.speaker is not None and cue.speaker not in seen:
            seen.add(cue.speaker)
            speakers.append(Speaker(cue.speaker, cue.speaker))
    language = (root.get(_XML_LANG) or "").strip() or None
    return Transcript(cues=cues, speakers=speakers, metadata=Metadata(language=language, source="ttml"))


def _pictures(root: Any) -> bool:
    """Whether the document shows pictures: divs with ``smpte:backgroundImage``, TTML2 ``image``."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.endswith("}image") or any(name.endswith("}backgroundImage") for name in element.attrib):
            return True
    return False


_IMSC_PROFILES = (("imsc1.3/text", "IMSC 1.3 Text Profile"), ("imsc1.2/text", "IMSC 1.2 Text Profile"),
                  ("imsc1.1/text", "IMSC 1.1 Text Profile"), ("imsc1.1/image", "IMSC 1.1 Image Profile"),
                  ("imsc1/text", "IMSC 1.0.1 Text Profile"), ("imsc1/image", "IMSC 1.0.1 Image Profile"))


def describe_file(data: bytes) -> list[tuple[str, str]]:
    """What ``scribekit info`` shows of a TTML document: the profile it declares (or looks
    like), its time base and frame rate, languages, paragraphs and regions."""
    from ...textio import decode

    root, namespace = _root(decode(data))
    parameters = {name.split("}", 1)[1]: value for name, value in root.attrib.items()
                  if name.startswith(_PARAMETER)}
    timing = _times.timing_of(parameters)
    rows = [("profile", _profile(root, namespace, parameters, timing)),
            ("time base", timing.time_base)]
    if timing.frame_rate_given or timing.time_base == "smpte":
        rows.append(("frame rate", timing.describe()))
    if "tickRate" in parameters:
        rows.append(("tick rate", str(timing.tick_rate)))
    languages: list[str] = []
    for element in root.iter():
        language = element.get(_XML_LANG) if isinstance(element.tag, str) else None
        if language and language.strip() and language.strip() not in languages:
            languages.append(language.strip())
    rows.append(("languages", ", ".join(languages[:10]) + (" ..." if len(languages) > 10 else "") or "none given"))
    rows.append(("paragraphs (p)", str(sum(1 for _ in root.iter(_tag(namespace, "p"))))))
    reader = _Reader(root, namespace)
    if reader.regions:
        shown = [f"{identifier} ({'top' if region.top else 'bottom'})"
                 for identifier, region in list(reader.regions.items())[:10]]
        rows.append(("regions", ", ".join(shown) + (" ..." if len(reader.regions) > 10 else "")))
    else:
        rows.append(("regions", "none (the default region)"))
    return rows


def _profile(root: Any, namespace: str, parameters: dict[str, str], timing: Timing) -> str:
    declared = " ".join(parameters.get(name, "") for name in ("profile", "contentProfiles"))
    standards = " ".join((element.text or "") for element in root.iter()
                         if isinstance(element.tag, str) and element.tag.endswith("}conformsToStandard"))
    claims = f"{declared} {standards}"
    namespaces = " ".join(uri for uri in root.nsmap.values() if uri)
    found = [title for marker, title in _IMSC_PROFILES if marker in claims]
    if "urn:ebu:tt:distribution" in claims or (not declared.strip() and "urn:ebu:tt:" in namespaces):
        found.insert(0, "EBU-TT-D (EBU Tech 3380)")
    if found:
        return "; ".join(found)  # a document may claim several (EBU-TT-D and IMSC 1.0.1 Text Profile)
    if "netflix" in claims.lower():
        return "Netflix TTML"
    if "apple" in namespaces.lower() or "itunes" in namespaces.lower():
        return "Apple iTT"
    if not namespace:
        return "TTML without its namespace"
    if namespace != NAMESPACES[0]:
        return f"DFXP draft ({namespace})"
    if timing.time_base == "smpte" and timing.frame_rate_given:
        return "iTT-like (TTML1, SMPTE timecodes at a frame rate)"
    if "tickRate" in parameters and timing.frame_rate_given:
        return "Netflix-like (TTML1, ticks at a frame rate)"
    return "TTML1"


__all__ = ["NAMESPACES", "describe_file", "read", "sniff"]

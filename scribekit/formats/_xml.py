"""XML from files: parsed without entities, DTDs or network access, every problem a ReadError."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ReadError

if TYPE_CHECKING:
    from lxml import etree

_DECLARATION = re.compile(r"^(\s*)<\?xml\b[^>]*\?>")
_DOCTYPE = re.compile(r"<!DOCTYPE\b")
_ENTITY = re.compile(r"<!ENTITY\b")
_ENTITIES_REFUSED = "the XML declares entities, which scribekit refuses to expand"
_OPEN_DECLARATION = re.compile(r"<\?xml[ \t\r\n?]")
_HEAD = 1000
"""Characters an XML declaration must end within (a real one takes a few dozen)."""


def refuse_entities(text: str, what: str) -> None:
    """ReadError when ``text`` declares entities: refused before any XML parser sees them (no
    expansion, no amplification up to a parser's limit, no fetch)."""
    doctype = _DOCTYPE.search(text)
    entity = _ENTITY.search(text, doctype.end()) if doctype else None
    if entity is not None:
        raise ReadError(_ENTITIES_REFUSED, line=text.count("\n", 0, entity.start()) + 1,
                        hint=f"{what} has none; this file may be an attack")


def parse(text: str, what: str) -> etree._Element:
    """The root element of ``text``; ``what`` names what the file should be (for the hint)."""
    from lxml import etree

    hint = f"{what} has none; this file may be an attack"
    refuse_entities(text, what)
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    if _OPEN_DECLARATION.match(head) and "?>" not in head:  # libxml2 is slow on whitespace inside one
        raise ReadError(f"the XML declaration is not closed by '?>' within its first {_HEAD} characters", line=1,
                        hint=f"{what} starts with a short <?xml ... ?>")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    # lxml refuses str input that carries an encoding declaration; the text is decoded already.
    body = _DECLARATION.sub(r"\1", text.lstrip("\ufeff"), count=1)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        raise ReadError(f"not well-formed XML: {_short(str(exc.msg))}", line=line or None) from None
    except (ValueError, etree.LxmlError) as exc:
        raise ReadError(f"not readable XML: {_short(str(exc))}") from None
    if root is None:
        raise ReadError("empty XML document")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ReadError(_ENTITIES_REFUSED, hint=hint)
    return root


def _short(message: str) -> str:
    """libxml2's message, which quotes names from the file, cut to a line."""
    return message if len(message) <= 200 else message[:200] + "..."

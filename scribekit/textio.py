"""Bytes to text: byte-order mark, then UTF-8, then charset detection."""
from __future__ import annotations

import codecs
import re

from .errors import ReadError, warn

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_PREFERRED = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "iso8859_15",
              "latin_1", "iso8859_2", "mac_roman")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte of ASCII text."""
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.6 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, codec: str) -> str | None:
    """``data`` as UTF-16 text without a BOM, or None when it is not valid UTF-16. An odd last
    byte (half a character: a cut file) is dropped with a warning."""
    odd = len(data) % 2
    try:
        text = data[:len(data) - odd].decode(codec)
    except UnicodeDecodeError:
        return None
    if odd:
        warn(f"{codec} text of an odd number of bytes (cut short?); its last byte was dropped")
    return text


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode ``data``; ``encoding`` (any Python codec name) overrides detection.

    Raises ReadError for binary data or text whose encoding cannot be told.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise ReadError(f"unknown encoding {encoding!r}",
                            hint="give a Python codec name such as utf-8, cp1252, latin-1") from None
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid {encoding} at byte {exc.start}",
                            hint="check encoding=") from None
        except (UnicodeError, ValueError, TypeError) as exc:  # codecs that are no text encodings
            raise ReadError(f"cannot decode as {encoding!r}: {str(exc)[:100]}", hint="check encoding=") from None
        return text[1:] if text.startswith("\ufeff") else text
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {codec} byte-order mark but is not valid {codec} "
                                f"at byte {exc.start + len(bom)}", hint="pass encoding=") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            codec16 = _utf16_without_bom(data)
            decoded = _decode_utf16(data, codec16) if codec16 else None
            if decoded is not None:
                return decoded
            nuls = text.count("\x00")
            controls = sum(1 for ch in text[:100_000] if ch < " " and ch not in "\t\n\r\f")
            if controls > min(len(text), 100_000) // 20:
                raise ReadError("binary data (NUL bytes), not a text file")
            warn(f"replaced {nuls} NUL character(s) with U+FFFD, as browsers do")
            text = text.replace("\x00", "\ufffd")
        return text
    codec16 = _utf16_without_bom(data)
    decoded = _decode_utf16(data, codec16) if codec16 else None
    if decoded is not None:
        return decoded
    if b"\x00" in data[:4096]:
        raise ReadError("binary data (NUL bytes), not a text file")
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is not None:
        # Small files often fit several code pages equally well (no mess in any of them, the
        # language guess mere noise); take the most common one.
        tied = [m for m in matches if m.chaos <= best.chaos]
        best = min(tied, key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED
                   else len(_PREFERRED))
    if best is None:
        raise ReadError("cannot tell the text encoding", hint="pass encoding=, e.g. encoding=cp1252")
    warn(f"not UTF-8; decoded as {best.encoding} (detected); pass encoding= to choose another")
    return str(best)


_BLANK_LINE = re.compile(r"\n[ \t\f\v]+(?=\n)")


def cue_file_lines(text: str) -> list[str]:
    """The lines of a decoded cue file as the SRT-like readers take them: a byte-order mark
    dropped, CR LF and lone CR read as LF, and lines of white space alone as blank lines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if " \n" in text or "\t\n" in text or "\v" in text or "\f" in text:
        text = _BLANK_LINE.sub("\n", text)
    return text.split("\n")

"""Hostile inputs of the STL, zip and huge-times part: STL headers with code page 850 superscripts,
a subtitle of hundreds of extension blocks, zips whose one export is damaged in each way a zip can
be (corrupt LZMA, a zip version or method Python lacks, no name, encrypted, sizes understated or
of hundreds of MB), and words of hundreds of thousands of characters (CJK, Latin with one Han)."""
from __future__ import annotations

import io
import json
import random
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TTI = struct.Struct("<BHBB4B4BBBB112s")
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3".encode("cp850")


def _export(word: str = "Hello") -> bytes:
    return json.dumps([{"speaker": "A", "speaker_number": 1, "data_start": 1.0, "data_end": 2.0,
                        "words": [{"text": word, "type": "word", "data_start": 1.0, "data_end": 2.0}]}],
                      ensure_ascii=False).encode()


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(zipfile.ZipInfo(name) if name == "" else name, body)
    return buffer.getvalue()


def _patched(data: bytes, central: int, local: int, value: bytes) -> bytes:
    out = bytearray(data)
    for magic, offset in ((b"PK\x01\x02", central), (b"PK\x03\x04", local)):
        where = out.find(magic)
        while where >= 0:
            out[where + offset:where + offset + len(value)] = value
            where = out.find(magic, where + 4)
    return bytes(out)


def superscript_header() -> bytes:
    data = bytearray((ROOT / "samples" / "stl" / "interview.stl").read_bytes())
    data[238:243] = b"0" + _SUPERSCRIPTS + b"0"  # TNB
    data[224:230] = _SUPERSCRIPTS * 2  # CD
    data[256:264] = b"00" + _SUPERSCRIPTS * 2  # TCP
    return bytes(data)


def many_extension_blocks() -> bytes:
    """One subtitle of 400 blocks, whose extension block numbers run into the reserved ones."""
    header = (ROOT / "samples" / "stl" / "interview.stl").read_bytes()[:1024]
    blocks = [_TTI.pack(0, 1, 0xFF if n == 399 else n % 0xFF, 0, 0, 0, 1, 0, 0, 0, 5, 0, 22, 2, 0,
                        f"word{n:04d} ".encode().ljust(112, b"\x8f")) for n in range(400)]
    return header[:238] + b"00400" + header[243:] + b"".join(blocks)


def corrupt_lzma() -> bytes:
    data = bytearray(_zip({"export.json": _export(random.Random(3).randbytes(3000).hex())}, zipfile.ZIP_LZMA))
    start = data.index(b"export.json") + 1000
    data[start:start + 40] = bytes(40)
    return bytes(data)


def member_understating_its_size() -> bytes:
    body = _export("x" * 60_000)
    return _zip({"export.json": body}).replace(len(body).to_bytes(4, "little"), (100).to_bytes(4, "little"))


def member_of_300_mb() -> bytes:
    body = _export()
    return _zip({"export.json": body}).replace(len(body).to_bytes(4, "little"), (300 << 20).to_bytes(4, "little"))


CASES: dict[str, Callable[[], bytes]] = {
    "stlzip-superscript-header.stl": superscript_header,
    "stlzip-400-extension-blocks.stl": many_extension_blocks,
    "stlzip-corrupt-lzma.zip": corrupt_lzma,
    "stlzip-zip-version-9.9.zip": lambda: _patched(_zip({"export.json": _export()}), 6, 4, b"\x63\x00"),
    "stlzip-compression-method-99.zip": lambda: _patched(_zip({"export.json": _export()}), 10, 8, b"\x63\x00"),
    "stlzip-encrypted-member.zip": lambda: _patched(_zip({"export.json": _export()}), 8, 6, b"\x01"),
    "stlzip-empty-member-name.zip": lambda: _zip({"": _export()}),
    "stlzip-understated-size.zip": member_understating_its_size,
    "stlzip-300-mb-member.zip": member_of_300_mb,
    "stlzip-cjk-word-of-100k-characters.json": lambda: _export("漢" * 100_000),
    "stlzip-latin-word-with-one-han.json": lambda: _export("a" * 300_000 + "漢"),
    "stlzip-cjk-word-in-a-zip.zip": lambda: _zip({"export.json": _export("字" * 100_000)}),
}

"""Zips of HappyScribe exports on hostile input: corrupt LZMA data, unsupported versions and
compression methods, members without a name or encrypted, sizes that headers understate, too much
in all, two exports of the same name in different folders; the provider download's extraction
alike; and a seeded mutation loop over the reader (SCRIBEKIT_FUZZ_ZIP=N runs N inputs instead of 300)."""
from __future__ import annotations

import io
import json
import os
import random
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import scribekit
from scribekit import ReadError, ScribekitError, ScribekitWarning
from scribekit.cli import cli
from scribekit.fetch.archive import extract
from scribekit.formats import _zip, happyscribe_json

SAMPLE_ZIP = Path(__file__).resolve().parent.parent / "samples" / "happyscribe" / "exports.zip"
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"


def export(word: str = "Hello") -> bytes:
    return json.dumps([{"speaker": "A", "speaker_number": 1, "data_start": 1.0, "data_end": 2.0,
                        "words": [{"text": word, "type": "word", "data_start": 1.0, "data_end": 2.0}]}]).encode()


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(zipfile.ZipInfo(name) if name == "" else name, body)
    return buffer.getvalue()


def patch_headers(data: bytes, offset_in_central: int, offset_in_local: int | None, value: bytes) -> bytes:
    """``value`` written at the given offsets of every central directory entry and local header."""
    out = bytearray(data)
    for magic, offset in ((CENTRAL, offset_in_central), (LOCAL, offset_in_local)):
        if offset is None:
            continue
        where = out.find(magic)
        while where >= 0:
            out[where + offset:where + offset + len(value)] = value
            where = out.find(magic, where + 4)
    return bytes(out)


def refused(data: bytes, match: str) -> str:
    with pytest.raises(ReadError, match=match) as info:
        scribekit.loads_all(data, format="happyscribe-json")
    assert "\n" not in str(info.value) and len(str(info.value)) < 400
    return str(info.value)


def test_corrupt_lzma_data_names_the_member() -> None:
    data = bytearray(make_zip({"good.json": export(), "bad.json": export(random.Random(1).randbytes(3000).hex())},
                              zipfile.ZIP_LZMA))
    start = data.index(b"bad.json") + len("bad.json") + 1000
    data[start:start + 40] = bytes(40)
    refused(bytes(data), "bad.json: corrupt or unreadable zip member")


def test_an_unsupported_zip_version_names_the_member() -> None:
    data = patch_headers(make_zip({"a.json": export()}), 6, 4, (99).to_bytes(2, "little"))  # version 9.9
    refused(data, r"a.json: the zip member needs a newer zip version than scribekit reads \(zip file version 9.9\)")


def test_an_unsupported_compression_method_names_the_member() -> None:
    data = patch_headers(make_zip({"a.json": export()}), 10, 8, (99).to_bytes(2, "little"))  # AES
    refused(data, "a.json: the zip member uses compression method 99")


def test_a_member_without_a_name_is_refused() -> None:
    refused(make_zip({"a.json": export(), "": export()}), "has no name")


def test_an_encrypted_member_is_refused() -> None:
    data = patch_headers(make_zip({"a.json": export()}), 8, 6, b"\x01")
    refused(data, "a.json: the zip member is encrypted")


def test_a_header_that_understates_the_size_is_caught_while_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(happyscribe_json, "MAX_MEMBER_BYTES", 10_000)
    body = b"[" + b" " * 50_000 + b"]"
    data = make_zip({"liar.json": body})
    real = len(body).to_bytes(4, "little")
    assert data.count(real) == 2
    lying = data.replace(real, (5_000).to_bytes(4, "little"))  # under the limit, so the headers pass
    message = refused(lying, "liar.json")
    assert "corrupt" in message or "inflates past" in message


def test_the_members_together_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_zip, "MAX_TOTAL_BYTES", 10_000)
    padded = export() + b" " * 6_000
    refused(make_zip({"a.json": padded, "b.json": padded}), r"hold 12\d\d\d bytes uncompressed, over the limit")


def test_a_member_of_hundreds_of_megabytes_is_refused_from_its_header() -> None:
    data = make_zip({"big.json": export()})
    real = len(export()).to_bytes(4, "little")
    huge = data.replace(real, (300 << 20).to_bytes(4, "little"))
    refused(huge, "over the limit of 209715200")


def test_two_exports_of_the_same_name_get_names_with_their_folders(tmp_path: Path) -> None:
    data = make_zip({"a/x.json": export("A"), "b/x.json": export("B"), "c/y.json": export("C")})
    transcripts = scribekit.loads_all(data, format="happyscribe-json")
    assert [t.metadata.filename for t in transcripts] == ["a-x.json", "b-x.json", "c/y.json"]
    source = tmp_path / "exports.zip"
    source.write_bytes(data)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "srt", "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "exports"  # several transcripts of one input: a folder named after it
    assert sorted(path.name for path in folder.iterdir()) == ["a-x.srt", "b-x.srt", "y.srt"]
    assert "B" in (folder / "b-x.srt").read_text(encoding="utf-8")


def test_names_that_still_collide_are_an_error_before_anything_is_written(tmp_path: Path) -> None:
    data = make_zip({"a/x.json": export("A"), "b/x.json": export("B"), "a-X.json": export("C")})
    refused(data, "whose outputs would have the same name")
    source = tmp_path / "exports.zip"
    source.write_bytes(data)
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "srt", "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_extracting_a_download_with_a_corrupt_member_writes_nothing(tmp_path: Path) -> None:
    data = bytearray(make_zip({"a.txt": b"fine", "b.txt": random.Random(1).randbytes(5000)}, zipfile.ZIP_LZMA))
    start = data.index(b"b.txt") + len("b.txt") + 2000
    data[start:start + 40] = bytes(40)
    with pytest.raises(ReadError, match="b.txt: corrupt or unreadable"):
        extract(bytes(data), tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(ReadError):
        extract(make_zip({"": b"x"}), tmp_path / "out")


def _mutations(count: int, seed: int = 13) -> list[bytes]:
    rng = random.Random(seed)
    seeds = [SAMPLE_ZIP.read_bytes(), make_zip({"a/x.json": export(), "b/x.json": export()}, zipfile.ZIP_LZMA),
             make_zip({"one.json": export("Grüße")}, zipfile.ZIP_BZIP2), make_zip({"s.json": export()}, 0)]
    out = []
    for _ in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            if not data:
                break
            where = rng.randrange(len(data))
            kind = rng.randrange(5)
            if kind == 0:
                data[where] = rng.randrange(256)
            elif kind == 1:  # a header field: sizes, versions, methods, flags, name lengths
                magic = rng.choice((CENTRAL, LOCAL))
                found = data.find(magic, rng.randrange(len(data)))
                if found >= 0:
                    field = found + rng.randrange(4, 46)
                    data[field:field + 2] = rng.randrange(65536).to_bytes(2, "little")
            elif kind == 2:
                data[where:where + rng.randint(1, 200)] = b""
            elif kind == 3:
                data[where:where] = data[where:where + rng.randint(1, 300)] * rng.randint(1, 3)
            else:
                data[where:where + 4] = rng.choice((b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x00\x00\x00\x10"))
        out.append(bytes(data))
    return out


def test_the_reader_reads_or_refuses_every_mutation() -> None:
    count = int(os.environ.get("SCRIBEKIT_FUZZ_ZIP", "300"))
    outcomes = {"read": 0, "refused": 0}
    for data in _mutations(count):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScribekitWarning)
            try:
                transcripts = scribekit.loads_all(data, format="happyscribe-json")
            except ReadError:
                outcomes["refused"] += 1
                continue
            outcomes["read"] += 1
            for transcript in transcripts:
                try:
                    scribekit.dumps(transcript, "srt")
                except ScribekitError:
                    pass
    assert sum(outcomes.values()) == count and outcomes["read"] and outcomes["refused"]


def test_a_stream_longer_than_its_header_is_cut_off_while_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's zipfile stops at the size the header says (then the CRC fails); should a member yield
    more anyway, the reading stops at the limit instead of holding it all."""
    archive = zipfile.ZipFile(io.BytesIO(make_zip({"a.json": export()})))
    info = archive.infolist()[0]
    class Endless(io.RawIOBase):
        given = 0

        def read(self, size: int = -1) -> bytes:
            Endless.given += size
            return b" " * size

    monkeypatch.setattr(archive, "open", lambda *_: Endless())
    with pytest.raises(ReadError, match=r"a.json: the zip member inflates past 2097152 bytes although its header"):
        _zip.read_member(archive, info, _zip.Budget(), 2 << 20)
    assert Endless.given <= (3 << 20)


def test_extracting_a_mutated_download_writes_it_whole_or_nothing(tmp_path: Path) -> None:
    for number, data in enumerate(_mutations(int(os.environ.get("SCRIBEKIT_FUZZ_ZIP", "300")) // 3, seed=5)):
        folder = tmp_path / str(number)
        try:
            written = extract(data, folder)
        except (ReadError, scribekit.WriteError):
            assert not folder.exists() or not any(folder.rglob("*"))
            continue
        assert all(path.is_file() for path in written)

"""Files people hand to the wrong tool: an Office document where a transcript was expected."""
from __future__ import annotations

from pathlib import Path

import scribekit

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "amberscript" / "interview.json"


def _docx() -> bytes:
    data = scribekit.dumps(scribekit.load(SAMPLE), "docx")
    assert isinstance(data, bytes)
    return data


CASES = {"office-our-own-transcript.docx": _docx}

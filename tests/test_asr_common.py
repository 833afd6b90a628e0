"""What the speech-recognition readers share: language tags, confidences, speaker ids."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scribekit.formats._asr import language_tag, speaker_id, unit_confidence


@pytest.mark.parametrize(("given_value", "tag"), [
    ("english", "en"), ("English", "en"), ("eng", "en"), ("en", "en"), ("en_us", "en-US"), ("en-GB", "en-GB"),
    ("pt-BR", "pt-BR"), ("ger", "de"), ("deu", "de"), ("zh-hant-tw", "zh-Hant-TW"), ("catalan", "ca"),
    ("norwegian bokmål", "nb"), (" french ", "fr"), ("xx yy", None), ("", None), (None, None), (3, None),
])
def test_language_tags(given_value: object, tag: str | None) -> None:
    assert language_tag(given_value) == tag


@given(st.one_of(st.none(), st.booleans(), st.text(), st.integers(), st.floats(allow_nan=True)))
def test_confidences_are_none_or_within_0_and_1(value: object) -> None:
    for log in (False, True):
        confidence = unit_confidence(value, log=log)
        assert confidence is None or 0.0 <= confidence <= 1.0


def test_confidences() -> None:
    assert unit_confidence(0.25) == 0.25 and unit_confidence(1.5) == 1.0 and unit_confidence(-2) == 0.0
    assert unit_confidence(math.log(0.5), log=True) == pytest.approx(0.5)
    assert unit_confidence(0.3, log=True) == 1.0  # a log-probability above 0 is rounding noise
    assert unit_confidence(True) is None and unit_confidence("0.5") is None and unit_confidence(math.nan) is None


def test_speaker_ids() -> None:
    assert [speaker_id(v) for v in ("A", "spk_0", 0, 2.0, " S1 ", "", None, True, 2.5)] == \
        ["A", "spk_0", "0", "2", "S1", None, None, None, None]

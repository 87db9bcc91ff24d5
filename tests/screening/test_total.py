"""Screening and matching are total: any text, in any script, gives a result, never an error.

Generated names (hypothesis) mix every Unicode category with the characters that once broke
the analysis: a lone Hangul vowel sign (``ᆢ``) read as no Latin letters at all and left an empty
word, which the typo search then indexed into.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dualuse.regime.load import load_regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import default_screener
from dualuse.screening.pairwise import match_names

SNAP = snapshot(load_regime(), dt.date(2026, 3, 2))
SCREENER = default_screener()
TRICKY = list("ᆢᅡᄀyIdﾝ&-\u202a\x1b\u0300\u3099ー々三菱重工業ミツビシ Co.,Ltd株式会社한국 Ωαб١٢")
NAMES = st.text(st.characters(codec="utf-8"), max_size=40) | st.text(
    alphabet=st.sampled_from(TRICKY), max_size=30
)
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def test_a_lone_vowel_sign_is_screened() -> None:
    result = SCREENER.run("ᆢ", SNAP)
    assert not result.matches


@QUICK
@given(NAMES)
def test_any_name_is_screened(name: str) -> None:
    result = SCREENER.run(name, SNAP)
    assert all(0.0 <= m.score <= 1.0 for m in result.matches)


@QUICK
@given(NAMES, NAMES)
def test_any_pair_is_scored(a: str, b: str) -> None:
    assert 0.0 <= match_names(a, b).score <= 1.0

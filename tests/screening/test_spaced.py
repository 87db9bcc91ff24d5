"""One word of a name written apart in the other (Abdulqader / Abdul Qader), beside words that
match on their own.

All names here are synthetic (made up for these tests, in the shapes sanctions lists and
company registers write them).
"""

from __future__ import annotations

import pytest

from dualuse.screening import ListedParty, ScreeningIndex, analyse, match_names
from dualuse.screening.score import spaced_runs


def test_runs_of_two_or_three_words_are_joined_longest_first() -> None:
    assert spaced_runs(("abdul", "qader", "hamid")) == (
        ("abdulqaderhamid", 0, 3),
        ("abdulqader", 0, 2),
        ("qaderhamid", 1, 3),
    )


def test_a_run_is_keyed_as_one_word_would_be() -> None:
    # Wade-Giles fu hsing written as one word, fuhsing, is read fusing (a vowel's h plain)
    assert spaced_runs(("fu", "hsing")) == (("fusing", 0, 2),)


def test_runs_skip_business_words_numbers_and_short_joins() -> None:
    assert spaced_runs(("kum", "song", "3")) == (("kumsong", 0, 2),)
    assert spaced_runs(("orvel", "#trading")) == ()
    assert spaced_runs(("i", "a", "c")) == ()  # three letters: initials, not a word


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("AL-MARZI, Abdul Qader", "AL-MARZI, Abdulqader"),
        ("Lin Shu-yi", "Lin Shuyi"),
        ("OSAL SHIPPING LIMITED", "O-SAL SHIPPING COMPANY LTD"),
        ("TORVEN HALBACH 3", "TORVENHALBACH 3"),
    ],
)
def test_a_word_written_apart_matches_beside_other_words(a: str, b: str) -> None:
    assert match_names(a, b).match
    assert match_names(b, a).match
    assert any(p.how == "spaced" for p in match_names(a, b).comparison.pairs)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("AL-MARZI, Abdul Qader", "AL-MARZI, Abdulkarim"),  # a different given name
        ("TORVEN HALBACH 3", "TORVENHALBACH 5"),  # another number
    ],
)
def test_other_words_still_count(a: str, b: str) -> None:
    assert not match_names(a, b).match


def test_screen_finds_a_word_written_apart_by_its_run() -> None:
    # a place word on one side only, so the whole name joined up differs, and no near misses
    # kept: the listed form is a candidate only when the query's run, looked up joined up,
    # counts in its bound
    from dualuse.screening.config import Limits, ScreeningConfig

    config = ScreeningConfig(limits=Limits(max_candidates=0))
    listed = ["Torvenhalbach Orvel Marsk", "Orvel Marsk Brennet", "Lin Shu yi Orvel"]
    idx = ScreeningIndex(
        [ListedParty(id=f"P{i}", list="test", names=(n,)) for i, n in enumerate(listed)],
        config=config,
    )
    query = "Torven Halbach Orvel Marsk Tokyo"
    hits = {s.entry.name: s.comparison.score for s in idx.search(analyse(query))}
    assert hits.get(listed[0]) == match_names(query, listed[0], idx).score >= 0.8
    # a listed run is filed joined up, for a query word that is the run
    assert [idx.forms[f].name for f in idx.spaced["linshuyi"]] == [listed[2]]

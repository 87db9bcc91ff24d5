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


def test_screen_finds_a_word_written_apart_either_way() -> None:
    listed = ["AL-MARZI, Abdulqader", "Lin Shu yi", "AL-MARZI, Abdul Karim"]
    idx = ScreeningIndex(
        [ListedParty(id=f"P{i}", list="test", names=(n,)) for i, n in enumerate(listed)]
    )
    for query, want in (("AL-MARZI, Abdul Qader", listed[0]), ("Lin Shuyi", listed[1])):
        hits = {s.entry.name: s.comparison.score for s in idx.search(analyse(query))}
        assert hits.get(want) == match_names(query, want, idx).score >= 0.8

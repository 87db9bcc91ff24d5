"""Compare two names directly, scored exactly as screening scores a listed name.

``match_names(a, b)`` treats ``b`` as a listed name: the readings of ``a`` (and ``a`` with its
glued words cut) are compared with the readings of ``b`` (and its acronym variants), with
the word weights of the screening index (words common in the lists count less), the same
rules on which readings compare, and the same scorer. The score ``match`` gives a pair is
the score ``screen`` gives the listed name; a test holds the two to that on every pair of
the evaluation sets.
"""

from __future__ import annotations

from dataclasses import dataclass

from dualuse.screening.analyse import analyse
from dualuse.screening.annotations import names_of
from dualuse.screening.index import ScreeningIndex, direct, rank
from dualuse.screening.score import Comparison, describe


@dataclass(frozen=True)
class PairResult:
    score: float
    match: bool
    exact: bool
    explanation: str
    comparison: Comparison | None

    def as_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 4),
            "match": self.match,
            "exact": self.exact,
            "explanation": self.explanation,
        }


def default_index() -> ScreeningIndex:
    """The screening index of the bundled regime's lists (the weights ``screen`` uses)."""
    from dualuse.regime import load_regime
    from dualuse.screening import default_screener

    return default_screener().index(load_regime())


def match_names(name1: str, name2: str, index: ScreeningIndex | None = None) -> PairResult:
    """Score ``name1`` against ``name2`` (treated as the listed name); each name by its first
    ``limits.max_name_chars`` characters, as screening reads a name."""
    idx = index or default_index()
    most = idx.config.limits.max_name_chars
    name1, name2 = name1[:most], name2[:most]
    best = None
    for variant in names_of(name1):
        # the whole text, and each name its annotations give (formerly, f/k/a, c/o ...)
        got = idx.pair(analyse(variant), name2)
        if got is not None and (best is None or rank(got) > rank(best)):
            best = got
    if best is None:
        return PairResult(0.0, False, False, "no comparable words in one of the names", None)
    c = best.comparison
    threshold = idx.config.threshold
    exact = c.exact and direct(best.query_form, best.entry.form)
    text = describe(c, threshold)
    if c.exact and not exact:
        text = text.replace("exact after normalisation", f"score {c.score:.2f} (a lossy reading)")
    where = f"{best.query_form.kind} reading vs {best.entry.form.kind} reading"
    if best.entry.note:
        where += f" ({best.entry.note})"
    return PairResult(c.score, c.score >= threshold, exact, f"{where}: {text}", c)


__all__ = ["PairResult", "default_index", "match_names"]

"""Compare two names directly, with the screening scorer and the default threshold.

Every reading of one name is compared with every reading of the other; words keep their
table weights (there is no list to say which words are common).
"""

from __future__ import annotations

from dataclasses import dataclass

from dualuse.screening.analyse import Analysis, Form, analyse
from dualuse.screening.config import DEFAULT_CONFIG, ScreeningConfig
from dualuse.screening.score import Comparison, Side, compare, describe


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


def _side(f: Form, a: Analysis) -> Side:
    return Side(f.tokens, f.weights, f.surfaces, a.legal, f.corrected)


def match_names(name1: str, name2: str, config: ScreeningConfig = DEFAULT_CONFIG) -> PairResult:
    """Score ``name1`` against ``name2`` (treated as the listed name)."""
    a, b = analyse(name1), analyse(name2)
    best: tuple[float, bool, Comparison, Form, Form] | None = None
    for qf in a.forms:
        for lf in b.forms:
            c = compare(_side(qf, a), _side(lf, b), config)
            exact = c.exact and qf.kind in ("latin", "han")
            if best is None or (c.score, exact) > (best[0], best[1]):
                best = (c.score, exact, c, qf, lf)
    if best is None:
        return PairResult(0.0, False, False, "no comparable words in one of the names", None)
    score, exact, c, qf, lf = best
    text = f"{qf.kind} reading vs {lf.kind} reading: {describe(c, config.threshold)}"
    return PairResult(score, score >= config.threshold, exact, text, c)


__all__ = ["PairResult", "match_names"]

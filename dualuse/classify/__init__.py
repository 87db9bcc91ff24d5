"""Item classification: control codes, HS codes, descriptions and technical parameters."""

from dualuse.classify.codes import CodeClassifier
from dualuse.classify.combined import CombinedClassifier
from dualuse.classify.terms import TermClassifier


def default_classifier() -> CombinedClassifier:
    """The classifier the engine uses unless told otherwise."""
    return CombinedClassifier([CodeClassifier(), TermClassifier()])


__all__ = ["CodeClassifier", "CombinedClassifier", "TermClassifier", "default_classifier"]

"""Item classification: control codes, HS codes, descriptions and technical parameters.

:func:`classify_query` is the pure entry point; :class:`Classifier` plugs it into the
engine (``dualuse.engine.ports.ItemClassifier``).
"""

from dualuse.classify.classifier import (
    Candidate,
    Classifier,
    Excluded,
    Query,
    Result,
    classify_query,
)
from dualuse.classify.combined import CombinedClassifier
from dualuse.classify.parameters import evaluate_parameters


def default_classifier() -> Classifier:
    """The classifier the engine uses unless told otherwise."""
    return Classifier()


__all__ = [
    "Candidate",
    "Classifier",
    "CombinedClassifier",
    "Excluded",
    "Query",
    "Result",
    "classify_query",
    "default_classifier",
    "evaluate_parameters",
]

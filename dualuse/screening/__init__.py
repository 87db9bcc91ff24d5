"""Party screening against the entity lists."""

from dualuse.screening.exact import ExactScreener, exact_key


def default_screener() -> ExactScreener:
    """The screener the engine uses unless told otherwise."""
    return ExactScreener()


__all__ = ["ExactScreener", "default_screener", "exact_key"]

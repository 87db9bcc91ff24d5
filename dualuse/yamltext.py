"""Parse trusted YAML resources shipped with the package.

``yaml.safe_load`` with PyYAML's C parser when it is available: the same safe constructor
and results, several times faster, which matters because the term tables are read on every
run. (Regime data files use the strict, line-aware loader in ``dualuse.regime.yamlfile``.)
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | bytes | IO[str]) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader (C or Python)

"""A strict YAML reader that remembers where every mapping and list came from.

Regime files are edited by hand, so a mistake must be reported with its file and line.
PyYAML's safe loader silently keeps the last of two duplicate keys and forgets line numbers;
this loader refuses duplicates and attaches the line of each mapping and sequence.
Dates stay strings: the models parse them, so a malformed date is reported like any field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dualuse.errors import RegimeDataError


class LineDict(dict[str, Any]):
    """A mapping that knows the line (1-based) where it starts in its file."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows the line (1-based) where it starts in its file."""

    line: int = 0


class _Loader(yaml.SafeLoader):
    """Safe loader with line-aware containers, no implicit dates, no duplicate keys."""


# Keep ISO dates as text: the models validate them and report bad ones with a line number.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A key that appears twice in one mapping."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise DuplicateKeyError(
                "while constructing a mapping",
                node.start_mark,
                f"duplicate key {key!r}",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path, display_name: str | None = None) -> Any:
    """Parse one YAML file; a syntax error or duplicate key becomes a RegimeDataError."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RegimeDataError([(name, None, "(file)", f"not UTF-8: {exc}")]) from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise RegimeDataError([(name, line, "(syntax)", str(exc.problem))]) from exc
    except yaml.YAMLError as exc:
        raise RegimeDataError([(name, None, "(syntax)", str(exc))]) from exc


def line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest node on ``loc`` that has one (for error messages)."""
    best: int | None = getattr(data, "line", None) or None
    node = data
    for part in loc:
        if isinstance(node, LineDict) and isinstance(part, str):
            if part in node.key_lines:
                best = node.key_lines[part]
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        line = getattr(node, "line", None)
        if line:
            best = line
    return best

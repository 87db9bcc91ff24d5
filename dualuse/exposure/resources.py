"""The exposure analysis's data: materials vocabulary, scenarios and macro inputs (YAML).

Facts live in data, each with its sources, so that a reader can check every number and a user
can add a scenario without touching code. Loading is strict: unknown keys are errors, every
fact needs a source, and a problem names the file.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dualuse.errors import DualuseError
from dualuse.exposure.macro import INPUT_NAMES, MacroInputs, PublishedPoint
from dualuse.regime.model import HistoryEntry, parse_iso_date
from dualuse.yamltext import load_yaml


class ExposureDataError(DualuseError):
    """An invalid scenario, materials or macro file."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(_Strict):
    value: float
    basis: str | None = None
    sources: list[str] = Field(min_length=1)


class Material(_Strict):
    group: str
    symbol: str | None = None
    names: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)  # other regime tags that mean this material
    measure: str | None = None
    china_share_jp: Sourced | None = None
    note: str | None = None


class Fallback(_Strict):
    notice: str
    history: dict[dt.date, HistoryEntry]
    sources: list[str] = Field(min_length=1)

    @field_validator("history", mode="before")
    @classmethod
    def _dates(cls, v: Any) -> Any:
        return {parse_iso_date(k): e for k, e in v.items()} if isinstance(v, dict) else v


class ContentRule(_Strict):
    """A rule on foreign-made parts that contain China-origin materials (Ann. 2025/61)."""

    measure: str
    title: str
    materials: list[str]
    sources: list[str] = Field(min_length=1)


class Materials(_Strict):
    description: str
    groups: dict[str, str]
    materials: dict[str, Material]
    fallback: dict[str, Fallback] = Field(default_factory=dict)
    content_rules: list[ContentRule] = Field(default_factory=list)


class Fact(_Strict):
    text: str
    sources: list[str] = Field(min_length=1)


class Assumption(_Strict):
    key: str
    text: str


class Scope(_Strict):
    groups: list[str] = Field(default_factory=list)
    controlled: bool = False


class Scenario(_Strict):
    """A disruption to apply to every part: what stops, from when, for how long."""

    name: str
    title: str
    kind: Literal["licence_delay", "stop", "rule_return"]
    summary: str
    scope: Scope = Field(default_factory=Scope)
    start: dt.date | None = None
    duration_days: int | None = Field(default=None, ge=0)
    review_working_days: float = Field(default=45, ge=0)
    watch_list_review_working_days: float = Field(default=90, ge=0)
    calendar_days_per_working_day: float = Field(default=1.4, gt=0)
    returns_on: dt.date | None = None
    measures: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(min_length=1)
    assumptions: list[Assumption] = Field(default_factory=list)

    @field_validator("start", "returns_on", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        return None if v is None else parse_iso_date(v)

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.kind == "stop" and self.duration_days is None:
            raise ValueError("a stop scenario needs duration_days")
        if self.kind == "rule_return" and self.returns_on is None:
            raise ValueError("a rule_return scenario needs returns_on")
        if self.kind == "rule_return" and not self.measures:
            raise ValueError("a rule_return scenario needs the measures that come back")
        return self


class MacroInput(_Strict):
    value: float
    unit: str
    label: str
    sources: list[str] = Field(default_factory=list)
    note: str | None = None
    assumption: str | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Self:
        if not self.sources and not self.assumption:
            raise ValueError("an input needs sources or an explicit assumption")
        return self


class MacroPoint(_Strict):
    label: str
    months: float
    loss: float
    gdp_share: float
    sources: list[str] = Field(min_length=1)
    note: str | None = None


class MacroFile(_Strict):
    name: str
    title: str
    currency: str
    inputs: dict[str, MacroInput]
    published: list[MacroPoint] = Field(min_length=1)
    others: list[MacroPoint] = Field(default_factory=list)

    @model_validator(mode="after")
    def _all_inputs(self) -> Self:
        missing = sorted(set(INPUT_NAMES) - set(self.inputs))
        extra = sorted(set(self.inputs) - set(INPUT_NAMES))
        if missing or extra:
            raise ValueError(f"inputs: missing {missing or 'none'}, unknown {extra or 'none'}")
        return self

    def model_inputs(self) -> MacroInputs:
        return MacroInputs(**{k: v.value for k, v in self.inputs.items()})

    def points(self) -> list[PublishedPoint]:
        return [
            PublishedPoint(p.label, p.months, p.loss, p.gdp_share, tuple(p.sources))
            for p in self.published
        ]


def data_dir() -> Path:
    return Path(str(resources.files("dualuse") / "resources" / "exposure"))


def _load(path: Path, model: type[_Strict]) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            raw = load_yaml(fh)
    except OSError as exc:
        raise ExposureDataError(f"{path}: cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ExposureDataError(f"{path}: not valid YAML ({exc})") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise ExposureDataError(f"{path}: {where}: {first['msg']}") from None


@lru_cache(maxsize=4)
def load_materials(path: Path | None = None) -> Materials:
    result: Materials = _load(path or data_dir() / "materials.yaml", Materials)
    for key, mat in result.materials.items():
        if mat.group not in result.groups:
            raise ExposureDataError(f"materials.yaml: {key}: unknown group {mat.group!r}")
    return result


def scenario_names() -> list[str]:
    return sorted(p.stem for p in (data_dir() / "scenarios").glob("*.yaml"))


def load_scenario(name: str) -> Scenario:
    """A bundled scenario by name, or a scenario file by path."""
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = data_dir() / "scenarios" / f"{name}.yaml"
        if not path.exists():
            raise ExposureDataError(
                f"unknown scenario {name!r}; bundled: {', '.join(scenario_names())} "
                "(or give a path to a scenario .yaml file)"
            )
    scenario: Scenario = _load(path, Scenario)
    return scenario


def load_scenarios() -> list[Scenario]:
    return [load_scenario(n) for n in scenario_names()]


def load_macro(name: str = "japan-rare-earths") -> MacroFile:
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = data_dir() / "macro" / f"{name}.yaml"
    macro: MacroFile = _load(path, MacroFile)
    return macro

"""The loader refuses bad regime data and says where: one tiny bad directory per rule.

The directories under ``invalid/`` are synthetic test data; each breaks exactly one rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dualuse.errors import RegimeDataError
from dualuse.regime import load_regime

HERE = Path(__file__).parent
EXPECTED: dict[str, list[str]] = json.loads((HERE / "invalid" / "EXPECTED.json").read_text())


def test_the_valid_base_loads() -> None:
    regime = load_regime(HERE / "valid", cache=False)
    assert set(regime.measures) == {"m1"}
    assert regime.origins["m1"].file == "measures/m.yaml"
    assert regime.origins["m1"].line == 2


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_invalid_data_is_refused_with_file_line_and_reason(case: str) -> None:
    file, words = EXPECTED[case]
    with pytest.raises(RegimeDataError) as info:
        load_regime(HERE / "invalid" / case, cache=False)
    problems = info.value.problems
    assert any(p[0].startswith(file) and (words in p[3] or words in p[2]) for p in problems), (
        problems
    )
    assert all(p[1] is None or p[1] >= 1 for p in problems)
    # the message names the file and line
    first = next(p for p in problems if p[0].startswith(file))
    assert f"{first[0]}:{first[1] if first[1] is not None else '?'}" in str(info.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "notices").mkdir()
    (tmp_path / "measures").mkdir()
    (tmp_path / "notices" / "n.yaml").write_text(
        (HERE / "valid" / "notices" / "n.yaml").read_text()
    )
    bad = (HERE / "valid" / "measures" / "m.yaml").read_text()
    (tmp_path / "measures" / "a.yaml").write_text(bad.replace("notice: n1", "notice: zz"))
    (tmp_path / "measures" / "b.yaml").write_text(
        bad.replace("id: m1", "id: m2").replace('2099-01-01": {status', '2099-02-30": {status')
    )
    with pytest.raises(RegimeDataError) as info:
        load_regime(tmp_path, cache=False)
    files = {p[0] for p in info.value.problems}
    assert files == {"measures/a.yaml", "measures/b.yaml"}


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(RegimeDataError):
        load_regime(tmp_path / "nope", cache=False)

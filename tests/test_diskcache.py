"""The disk cache of built objects: reused when nothing changed, rebuilt when anything did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dualuse import diskcache
from dualuse.regime.load import load_regime
from dualuse.screening.screener import forget_indexes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("DUALUSE_CACHE_DIR", str(where))
    monkeypatch.delenv("DUALUSE_CACHE", raising=False)
    forget_indexes()  # indexes kept by this process would hide the disk cache
    return where


def counting_build(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_second_load_does_not_build(cache: Path) -> None:
    calls, build = counting_build({"a": [1, 2]})
    assert diskcache.load_or_build("thing", ["x"], build) == {"a": [1, 2]}
    assert diskcache.load_or_build("thing", ["x"], build) == {"a": [1, 2]}
    assert len(calls) == 1
    assert len(list(cache.glob("thing-*.pickle"))) == 1


def test_other_inputs_rebuild_and_replace_the_old_entry(cache: Path) -> None:
    calls, build = counting_build(1)
    diskcache.load_or_build("thing", ["x"], build)
    diskcache.load_or_build("thing", ["y"], build)
    assert len(calls) == 2
    assert len(list(cache.glob("thing-*.pickle"))) == 1


def test_a_corrupt_entry_is_rebuilt(cache: Path) -> None:
    calls, build = counting_build("fresh")
    diskcache.load_or_build("thing", ["x"], build)
    entry = next(cache.glob("thing-*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert diskcache.load_or_build("thing", ["x"], build) == "fresh"
    assert len(calls) == 2


def test_off_means_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUALUSE_CACHE", "off")
    calls, build = counting_build(3)
    diskcache.load_or_build("thing", ["x"], build)
    diskcache.load_or_build("thing", ["x"], build)
    assert len(calls) == 2 and not cache.exists()


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("DUALUSE_CACHE_DIR", str(blocker / "cache"))
    calls, build = counting_build(4)
    assert diskcache.load_or_build("thing", ["x"], build) == 4
    assert diskcache.load_or_build("thing", ["x"], build) == 4
    assert len(calls) == 2


def test_an_edited_regime_file_is_never_served_stale(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "regime"
    shutil.copytree(ROOT / "dualuse" / "regimes" / "cn", data)
    first = load_regime(data, cache=True)
    notice_file = next((data / "notices").rglob("*.yaml"))
    text = notice_file.read_text("utf-8")
    assert "title_en:" in text
    notice_file.write_text(text.replace("title_en:", "title_en: EDITED", 1), "utf-8")
    from dualuse.regime import load as load_module

    load_module._CACHE.clear()  # the in-process cache; the disk cache is what is tested
    second = load_regime(data, cache=True)
    assert second.fingerprint != first.fingerprint
    titles = [n.title_en for n in second.notices.values()]
    assert any(t and t.startswith("EDITED") for t in titles)


def test_a_screening_index_from_the_cache_screens_like_a_fresh_one(cache: Path) -> None:
    import datetime as dt
    import json

    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import Screener

    regime = load_regime()
    snap = snapshot(regime, dt.date(2026, 11, 23))
    fresh = Screener()
    built = fresh.index(regime)
    assert len(list(cache.glob("screening-index-*.pickle"))) == 1
    assert Screener().index(regime) is built  # kept in this process: not read again
    forget_indexes()
    loaded = Screener().index(regime)
    assert loaded is not built  # read back from the disk, not shared in memory
    pairs = (ROOT / "tests" / "screening" / "eval" / "pairs.jsonl").read_text("utf-8")
    queries = [json.loads(line)["query"] for line in pairs.splitlines()[::7]]
    second = Screener()
    for q in queries:
        assert second.run(q, snap).as_dict() == fresh.run(q, snap).as_dict(), q


def test_an_index_with_imported_lists_is_keyed_by_their_parties(cache: Path) -> None:
    import datetime as dt

    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import Screener
    from dualuse.screening.lists.open import read_list

    regime = load_regime()
    snap = snapshot(regime, dt.date(2026, 11, 23))
    data = ROOT / "tests" / "screening" / "data"
    ftm = read_list(str(data / "ftm.jsonl"))
    fresh = Screener([ftm])
    fresh.index(regime)
    assert len(list(cache.glob("screening-index-lists-*.pickle"))) == 1
    loaded = Screener([ftm])
    names = [p.names[0] for p in ftm.parties if p.names][:20]
    for q in names:
        assert loaded.run(q, snap).as_dict() == fresh.run(q, snap).as_dict(), q
    # another list: another key (the entry for the first list is replaced, never reused)
    fewer = type(ftm)(ftm.label, ftm.source, ftm.parties[1:])
    dropped = ftm.parties[0]
    other = Screener([fewer])
    assert any(m.party.id == dropped.id for m in fresh.run(dropped.names[0], snap).matches)
    assert all(m.party.id != dropped.id for m in other.run(dropped.names[0], snap).matches)


def test_a_new_entry_replaces_only_entries_of_its_own_name(cache: Path) -> None:
    """ "screening-index" must not delete "screening-index-lists" entries, nor the reverse."""
    diskcache.load_or_build("screening-index-lists", ["x"], lambda: 1)
    diskcache.load_or_build("screening-index", ["x"], lambda: 2)
    diskcache.load_or_build("screening-index", ["y"], lambda: 3)
    assert len(list(cache.glob("screening-index-lists-*.pickle"))) == 1
    plain = [p for p in cache.glob("screening-index-*.pickle") if "-lists-" not in p.name]
    assert len(plain) == 1

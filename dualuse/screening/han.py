"""Han characters to one form: simplified Chinese, whatever the source script.

Japanese shinjitai (発, 気, 広), kyujitai and traditional Chinese (發, 氣, 廣) and simplified
Chinese (发, 气, 广) fold to one character, so 三菱重工航空發動機, 三菱重工航空発動機 and
三菱重工航空发动机 compare equal. The tables are OpenCC's (shipped with
opencc-python-reimplemented): ``JPVariants`` read backwards gives shinjitai -> traditional,
then ``TSCharacters`` gives traditional -> simplified. The fold is character by character,
so a folded string lines up with its source.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path


def _dictionary_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "dictionary"


def _read_pairs(name: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in (_dictionary_dir() / name).read_text("utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            out.append((key, values.split()))
    return out


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    shin_to_trad: dict[str, str] = {}
    for trad, shins in _read_pairs("JPVariants.txt"):
        for shin in shins:
            if len(shin) == 1 and len(trad) == 1:
                shin_to_trad.setdefault(shin, trad)
    trad_to_simp = {
        k: v[0] for k, v in _read_pairs("TSCharacters.txt") if len(k) == 1 and len(v[0]) == 1
    }
    return shin_to_trad, trad_to_simp


@lru_cache(maxsize=32768)
def fold_char(ch: str) -> str:
    """One Han character in simplified form (others unchanged)."""
    shin_to_trad, trad_to_simp = _tables()
    trad = shin_to_trad.get(ch, ch)
    return trad_to_simp.get(trad, trad_to_simp.get(ch, trad))


class _FoldTable(dict[int, str]):
    """Code point -> folded character for :meth:`str.translate`, filled in as characters
    are first seen (so the fold of a whole string runs in C)."""

    def __missing__(self, code: int) -> str:
        ch = self[code] = fold_char(chr(code))
        return ch


_FOLD_TABLE = _FoldTable()


def fold_han(text: str) -> str:
    """Fold every Han character of ``text``; same length as the input."""
    return text.translate(_FOLD_TABLE)


@cache
def _simp_to_trad() -> dict[str, str]:
    return {k: v[0] for k, v in _read_pairs("STCharacters.txt") if len(k) == 1 and len(v[0]) == 1}


@lru_cache(maxsize=16384)
def to_traditional(text: str) -> str:
    """Simplified to traditional, character by character (OpenCC ``STCharacters``).

    The Japanese reader knows traditional forms (as kyujitai) but not simplified ones, so
    Chinese text is shown to it in traditional characters.
    """
    table = _simp_to_trad()
    return "".join(table.get(c, c) for c in text)


__all__ = ["fold_char", "fold_han", "to_traditional"]

"""Display text is cut by grapheme, never inside a character, and marked without markup
leaking in."""

from __future__ import annotations

import pytest

from dualuse.web.text import ELLIPSIS, graphemes, highlight, truncate

FAMILY = "👨\u200d👩\u200d👧"
FLAG = "🇯🇵"


def test_graphemes_keep_clusters_whole() -> None:
    assert graphemes(f"{FAMILY}東京{FLAG}e\u0301") == [FAMILY, "東", "京", FLAG, "e\u0301"]
    assert graphemes("ab\r\nc") == ["a", "b", "\r\n", "c"]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("三菱重工航空发动机株式会社", 5, "三菱重工" + ELLIPSIS),
        ("三菱重工", 4, "三菱重工"),
        (f"{FAMILY}{FAMILY}{FAMILY}", 2, FAMILY + ELLIPSIS),
        (f"日本{FLAG}{FLAG}", 3, f"日本{ELLIPSIS}"),
        ("Ame\u0301lie Poulain", 4, "Ame\u0301" + ELLIPSIS),
        ("ｻﾝﾌﾟﾙ株式会社", 3, "ｻﾝ" + ELLIPSIS),
        ("short", 10, "short"),
        ("anything", 0, ""),
    ],
)
def test_truncate_by_grapheme(text: str, limit: int, expected: str) -> None:
    out = truncate(text, limit)
    assert out == expected
    assert len(graphemes(out)) <= limit
    # the kept part is a prefix made of whole graphemes of the original
    kept = out.removesuffix(ELLIPSIS)
    assert text.startswith(kept) and graphemes(kept) == graphemes(text)[: len(graphemes(kept))]
    out.encode("utf-8")  # never a lone surrogate or half a character


def test_truncate_every_length_of_mixed_text_is_whole_graphemes() -> None:
    text = f"三菱{FAMILY}重工e\u0301{FLAG}ｶﾞ한국어"
    parts = graphemes(text)
    for n in range(1, len(parts) + 2):
        kept = truncate(text, n).removesuffix(ELLIPSIS)
        assert kept in ("".join(parts[:i]) for i in range(len(parts) + 1))


def test_highlight_marks_words_and_escapes_the_rest() -> None:
    assert highlight("MHI Aero <b>Engines</b>", ["mhi", "engines"]) == (
        "<mark>MHI</mark> Aero &lt;b&gt;<mark>Engines</mark>&lt;/b&gt;"
    )
    assert highlight("三菱重工航空发动机", ["三菱", "发动机"]) == (
        "<mark>三菱</mark>重工航空<mark>发动机</mark>"
    )
    assert highlight("<script>", []) == "&lt;script&gt;"

from __future__ import annotations

from dualuse.classify.codes import ControlCodeIndex, normalise_code


def test_normalise() -> None:
    assert normalise_code(" 1c905 .b ") == "1C905.B"


def test_parent_covers_children_and_children_fall_back_to_parent() -> None:
    idx = ControlCodeIndex([("x", "1C905.a"), ("y", "1C905.b"), ("z", "1C117.c")])
    assert sorted(idx.lookup("1c905")) == [("x", "covers"), ("y", "covers")]
    assert idx.lookup("1C905.b") == [("y", "equal")]
    assert idx.lookup("1C905.b.2") == [("y", "parent")]
    assert idx.lookup("9Z999") == []

"""Parts-list input: per-row errors that name row and field, and unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dualuse.errors import InputFileError
from dualuse.exposure.bom import Part, RowError, read_bom

from .conftest import run_cli

HEADER = (
    "part,description,hs_code,supplier,supplier_country,origin_country,annual_spend,currency,"
    "stock_days,alt_lead_days,product_line,line_revenue\n"
)


def write(tmp_path: Path, body: str, name: str = "bom.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (",no part id,,,,,,,,,,", "part", "required"),
        ("P1,x,12ab,,,,,,,,,", "hs_code", "HS code"),
        ("P1,x,,,XX,,,,,,,", "supplier_country", "ISO 3166"),
        ("P1,x,,,,,,,-5,,,", "stock_days", "negative"),
        ("P1,x,,,,,,,ten,,,", "stock_days", "not a number"),
        ("P1,x,,,,,,YEN,,,,", "currency", "ISO 4217"),
        ("P1,x,,,,,,,,,,1e999", "line_revenue", "finite"),
    ],
)
def test_bad_field_is_reported_with_row_and_field(
    tmp_path: Path, row: str, field: str, words: str
) -> None:
    path = write(tmp_path, "GOOD,ok,,,JP,JP,1,JPY,10,,L,100\n" + row + "\n")
    parts, errors = read_bom(str(path))
    assert [p.part for p in parts] == ["GOOD"]
    (err,) = errors
    assert (err.row, err.field) == (2, field)
    assert words in err.message


def test_numbers_accept_thousands_separators_and_empty_alt_means_none(tmp_path: Path) -> None:
    path = write(tmp_path, 'P1,x,8505.11,S,CN,CN,"1,200,000",jpy,30,,L,"60,000"\n')
    (part,), errors = read_bom(str(path))
    assert not errors
    assert isinstance(part, Part)
    assert part.annual_spend == 1_200_000
    assert part.currency == "JPY"
    assert part.hs_code == "850511"
    assert part.alt_lead_days is None
    assert part.line_revenue == 60_000


def test_repeated_part_on_the_same_line_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "P1,x,,,,,,,,,L,1\nP1,x,,,,,,,,,L,1\nP1,x,,,,,,,,,M,1\n")
    parts, errors = read_bom(str(path))
    assert len(parts) == 2
    assert errors == [RowError(2, "part", errors[0].message, "P1")]
    assert "already listed" in errors[0].message


def test_unreadable_files_raise(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not found"):
        read_bom(str(tmp_path / "missing.csv"))
    other = tmp_path / "bom.txt"
    other.write_text("part\nP1\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="unknown file format"):
        read_bom(str(other))
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        "part,description\nP1,caf\xe9\n".encode("latin-1").replace(b"part", b"p\xe9rt")
    )
    with pytest.raises(InputFileError, match="UTF-8"):
        read_bom(str(latin))


def test_cli_reports_bad_rows_in_place_and_exits_0(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "MAG,NdFeB magnet with dysprosium,8505111000,S,CN,CN,1,JPY,10,,L,365000\n"
        "BAD,x,,,ZZ,,,,,,L,1\n"
        "CU,copper wire,,,JP,JP,1,JPY,10,,L,365000\n",
    )
    res = run_cli("exposure", str(path), "--as-of", "2026-03-01", "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["part"] for x in lines] == ["MAG", "BAD", "CU"]
    assert lines[1]["error"] == {
        "row": 2,
        "field": "supplier_country",
        "message": "'ZZ' is not an ISO 3166-1 alpha-2 country code",
    }
    assert lines[0]["controlled"] is True and lines[2]["controlled"] is False


def test_cli_exits_2_on_an_unreadable_file(tmp_path: Path) -> None:
    res = run_cli("exposure", str(tmp_path / "nope.csv"), "--format", "jsonl")
    assert res.returncode == 2
    assert res.stdout == ""
    assert "nope.csv" in res.stderr and "Traceback" not in res.stderr


def test_excel_jsonl_and_parquet_read_like_csv(tmp_path: Path, example: Path) -> None:
    import openpyxl
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts, errors = read_bom(str(example))
    assert not errors and len(parts) >= 20
    rows = [
        {k: v for k, v in zip(HEADER.strip().split(","), line.split(","), strict=True)}
        for line in ["P1,GaN wafer,3818009001,S,CN,CN,1,JPY,10,,L,100"]
    ]
    jl = tmp_path / "b.jsonl"
    jl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "b.parquet")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(rows[0]))
    ws.append([10 if k == "stock_days" else v for k, v in rows[0].items()])
    wb.save(tmp_path / "b.xlsx")
    for name in ("b.jsonl", "b.parquet", "b.xlsx"):
        (part,), errs = read_bom(str(tmp_path / name))
        assert not errs, name
        assert part.hs_code == "3818009001" and part.stock_days == 10, name

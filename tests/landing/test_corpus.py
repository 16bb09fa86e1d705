"""The bad-input corpus: what real exports do wrong, each with its exact outcome.

Every case is a folder under `corpus/` (see corpus/README.md): landing files (byte for
byte what a sender would drop) and `case.json` with what must happen, step by step: the
file-level errors (file, problem, fix), the account of every file (rows read, loaded,
rejected), every rejected row with its column and reason, and, for table-level cases, the
quality rules that fail. Whatever a case expects, every case also proves that nothing was
lost: each record of each loaded file is either a raw row or a reject, never both,
never neither.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from equipath.landing.contract import TABLES, TABLES_BY_NAME
from equipath.landing.load import load_table
from equipath.landing.pseudonymise import Pseudonymiser
from equipath.landing.reader import LandingFileError

CORPUS = Path(__file__).parent / "corpus"
SHARED = CORPUS / "_shared"
LOADED_AT = datetime(2026, 1, 2, 3, 4, 5)
KEY = b"corpus-test-key-0123456789abcdef"


def case_names() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def copy_tree(source: Path, landing: Path) -> set[str]:
    """Copy a folder of landing files over the landing folder; returns what it wrote."""
    written = set()
    for path in sorted(source.rglob("*")):
        if path.is_file():
            relative = path.relative_to(source)
            target = landing / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.add(relative.as_posix())
    return written


def load_everything(con: duckdb.DuckDBPyConnection, landing: Path) -> list[dict]:
    """Load every table as a build does; a file-level error stops only its own table."""
    pseudonymiser = Pseudonymiser(KEY)
    errors = []
    for table in TABLES:
        try:
            load_table(con, table, landing, pseudonymiser, LOADED_AT)
        except LandingFileError as exc:
            errors.append(
                {"table": table.name, "file": exc.file, "problem": exc.problem, "fix": exc.fix}
            )
    return errors


def accounting(con: duckdb.DuckDBPyConnection, files: set[str]) -> list[list]:
    rows = con.execute(
        "select source_file, status, encoding, rows_read, rows_loaded, rows_rejected "
        "from raw._load_accounting order by source_file"
    ).fetchall()
    return [list(r) for r in rows if r[0] in files]


def rejects(con: duckdb.DuckDBPyConnection, files: set[str]) -> list[list]:
    rows = con.execute(
        "select source_file, row_number, column_name, reason_code, reason from raw._rejects "
        "order by source_file, row_number, column_name nulls first, reason_code"
    ).fetchall()
    return [list(r) for r in rows if r[0] in files]


def loaded_rows(con: duckdb.DuckDBPyConnection, spec: dict) -> list[list]:
    """Chosen columns of a raw table, in file and row order: what exactly was kept."""
    columns = ", ".join(spec["columns"])
    return [
        list(r)
        for r in con.execute(
            f"select {columns} from raw.{spec['table']} order by _source_file, _row_number"
        ).fetchall()
    ]


def record_numbers(path: Path, encoding: str) -> set[int]:
    """Row numbers of a file's records, read independently of the loader (header = 1)."""
    python_encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    with path.open(encoding=python_encoding, newline="") as fh:
        return {number for number, fields in enumerate(csv.reader(fh), start=1) if fields} - {1}


def assert_nothing_lost(con: duckdb.DuckDBPyConnection, landing: Path) -> None:
    """rows read = loaded + rejected, and each record is exactly one of the two."""
    for source_file, table, status, encoding, read, loaded, rejected in con.execute(
        "select source_file, table_name, status, encoding, rows_read, rows_loaded, "
        "rows_rejected from raw._load_accounting"
    ).fetchall():
        kept = {
            r[0]
            for r in con.execute(
                f"select _row_number from raw.{table} where _source_file = ?", [source_file]
            ).fetchall()
        }
        refused = {
            r[0]
            for r in con.execute(
                "select distinct row_number from raw._rejects where source_file = ?",
                [source_file],
            ).fetchall()
        }
        if status != "loaded":
            assert (read, loaded, rejected, kept, refused) == (0, 0, 0, set(), set())
            continue
        assert read == loaded + rejected, source_file
        assert (len(kept), len(refused)) == (loaded, rejected), source_file
        assert not kept & refused, source_file
        assert kept | refused == record_numbers(landing / source_file, encoding), source_file


def quality_failures(
    con: duckdb.DuckDBPyConnection, landing: Path, spec: dict, docs: Path
) -> dict[str, list[list]]:
    from expectations.runner import run_suite

    as_of = date.fromisoformat(spec["as_of"])
    failures = {}
    for suite in spec["suites"]:
        outcome = run_suite(con, suite, as_of, landing=landing, docs=docs, run_name="corpus")
        failures[suite] = [
            [o.rule, o.severity, o.unexpected_count, o.failing_rows, o.observed_value]
            for o in outcome.outcomes
            if not o.success
        ]
    return failures


@pytest.mark.parametrize("case", case_names())
def test_corpus_case(case: str, tmp_path: Path) -> None:
    folder = CORPUS / case
    spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    landing = tmp_path / "landing"
    landing.mkdir()
    if spec.get("shared_catalog", False):
        copy_tree(SHARED, landing)
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        case_files: set[str] = set()
        for step in spec["steps"]:
            case_files |= copy_tree(folder / step["files"], landing)
            for relative in step.get("remove", []):
                (landing / relative).unlink()
            expect = step["expect"]
            assert load_everything(con, landing) == expect.get("errors", [])
            assert accounting(con, case_files) == expect.get("accounting", [])
            assert rejects(con, case_files) == expect.get("rejects", [])
            assert_nothing_lost(con, landing)
            if "loaded" in expect:
                assert loaded_rows(con, expect["loaded"]) == expect["loaded"]["rows"]
            if "quality" in expect:
                failures = quality_failures(con, landing, expect["quality"], tmp_path / "docs")
                assert failures == expect["quality"]["failed"]
    finally:
        con.close()


def test_corpus_has_at_least_thirty_cases() -> None:
    assert len(case_names()) >= 30


def test_one_bad_row_in_the_middle_of_100k_rows(tmp_path: Path) -> None:
    """A big export with one broken row: that row is rejected, the other 99,999 load."""
    landing = tmp_path / "landing"
    (landing / "wages").mkdir(parents=True)
    path = landing / "wages" / "wages_2025Q3.csv"
    bad_row = 50_002  # header = 1, so the 50,001st record
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("ssn,year,quarter,employer_fein,naics_code,wages\n")
        for i in range(100_000):
            row_number = i + 2
            wages = "-125.00" if row_number == bad_row else f"{1000 + i % 9000}.{i % 100:02d}"
            fh.write(f"{100000000 + i},2025,3,{123456789 - i % 50},6113,{wages}\n")
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    try:
        result = load_table(con, TABLES_BY_NAME["wages"], landing, Pseudonymiser(KEY), LOADED_AT)
        assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (100_000, 99_999, 1)
        assert rejects(con, {"wages/wages_2025Q3.csv"}) == [
            [
                "wages/wages_2025Q3.csv",
                bad_row,
                "wages",
                "negative_value",
                "wages '-125.00' is below the allowed minimum 0",
            ]
        ]
        assert_nothing_lost(con, landing)
    finally:
        con.close()

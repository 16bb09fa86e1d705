"""The sample-export generator: deterministic, contract-shaped, honest about its rejects.

Every check reads the CSV files back independently of the generator's own bookkeeping,
so a summary that drifts from what is on disk fails here.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from equipath.generator import GenerationSummary, generate
from equipath.landing.contract import TABLES, Table

STUDENTS = 5000
SEED = 7
EXPORT = date(2026, 10, 1)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary]:
    out = tmp_path_factory.mktemp("landing")
    return out, generate(out, students=STUDENTS, seed=SEED)


def _files(root: Path, table: Table) -> list[Path]:
    return sorted((root / table.folder).glob(table.pattern))


def _read(root: Path, table: Table) -> pd.DataFrame:
    """All files of a table, headers normalised the way the contract says a loader must."""
    frames = []
    for path in _files(root, table):
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        df.columns = [c.strip().lower() for c in df.columns]
        df["_file"] = path.name
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def _dates(values: pd.Series) -> pd.Series:
    iso = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    return iso.fillna(pd.to_datetime(values, format="%m/%d/%Y", errors="coerce"))


def _bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.csv")}


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(run, tmp_path):
    root, _ = run
    again = tmp_path / "again"
    generate(again, students=STUDENTS, seed=SEED)
    first, second = _bytes(root), _bytes(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []

    other = tmp_path / "other"
    generate(other, students=STUDENTS, seed=SEED + 1)
    third = _bytes(other)
    changed = [name for name in first if name in third and first[name] != third[name]]
    assert len(changed) > len(first) // 2  # the catalog stays, the people do not


def test_every_contract_table_has_files_with_exactly_its_columns(run):
    root, _ = run
    for table in TABLES:
        files = _files(root, table)
        assert files, f"no file for {table.name}"
        for path in files:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                header = next(csv.reader(fh))
            assert sorted(h.strip().lower() for h in header) == sorted(table.column_names), path


def test_summary_counts_are_the_rows_on_disk_and_serialise_to_json(run):
    root, summary = run
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*.csv")}
    assert set(summary.files) == on_disk
    for relpath, rows in summary.files.items():
        with (root / relpath).open(encoding="utf-8-sig", newline="") as fh:
            assert sum(1 for _ in csv.reader(fh)) - 1 == rows, relpath
    data = json.loads(json.dumps(asdict(summary)))
    assert data["planted_rejects"].keys() == {t.name for t in TABLES}
    assert data["seconds"] > 0


def test_planted_wage_rejects_match_an_independent_recount(run):
    root, summary = run
    wages = _read(root, next(t for t in TABLES if t.name == "wages"))
    digits = wages["ssn"].str.replace(r"\D", "", regex=True)
    broken = (
        (pd.to_numeric(wages["wages"]) < 0) | (wages["quarter"] == "5") | (digits.str.len() == 8)
    )
    assert broken.sum() == summary.planted_rejects["wages"] > 0
    assert not ((digits.str.len() != 9) & ~broken).any()


def test_rejects_are_planted_in_the_busy_tables_at_a_small_rate(run):
    _, summary = run
    for name in ("students", "enrollments", "wages", "hires", "course_results"):
        assert summary.planted_rejects[name] >= 1, name
        assert summary.planted_rejects[name] <= 0.006 * summary.rows_by_table[name], name
    assert summary.planted_rejects["programs"] == 0


def test_keys_are_unique_across_files(run):
    root, _ = run
    for table in TABLES:
        if not table.key:
            continue
        df = _read(root, table)
        keys = df[list(table.key)].apply(lambda col: col.str.strip())
        if "ssn" in keys:
            keys["ssn"] = keys["ssn"].str.replace("-", "")
        keys = keys[(keys != "").all(axis=1)]  # blank keys are planted rejects
        assert not keys.duplicated().any(), table.name


def test_nothing_is_dated_after_the_export_date(run):
    root, _ = run
    for table in TABLES:
        for column in (c.name for c in table.columns if c.kind == "date"):
            values = _dates(_read(root, table)[column])
            assert values.max() <= pd.Timestamp(EXPORT), (table.name, column)


def test_wage_files_stop_at_the_last_landed_quarter(run):
    root, summary = run
    names = sorted(p.name for p in (root / "wages").glob("wages_*.csv"))
    assert summary.last_wage_quarter == "2026Q1"
    assert names[0] == "wages_2017Q1.csv"
    assert names[-1] == "wages_2026Q1.csv"
    assert len(names) == 37


def test_planted_low_income_completion_gap_shows_in_the_raw_files(run):
    root, _ = run
    tables = {t.name: t for t in TABLES}
    students = _read(root, tables["students"])
    students["updated"] = _dates(students["updated_at"])
    students = students[students["student_id"].ne("") & students["updated"].notna()]
    students["low_income"] = students["low_income"].str.strip().str.upper()
    known = students[students["low_income"].isin(["Y", "N"])].reset_index()
    latest = known.sort_values(["updated", "_file", "index"]).groupby("student_id").last()

    enrollments = _read(root, tables["enrollments"])
    enrollments["entry"] = _dates(enrollments["entry_date"])
    first = enrollments.sort_values("entry").groupby("student_id").head(1)
    exited = first[first["exit_status"].isin(["completed", "withdrawn", "transferred"])]
    exited = exited.join(latest["low_income"], on="student_id", how="inner")
    share = exited.groupby("low_income")["exit_status"].apply(lambda s: (s == "completed").mean())
    gap = share["Y"] - share["N"]
    assert -0.17 < gap < -0.07, f"planted -0.12, found {gap:+.3f}"


def test_the_project_loader_rejects_exactly_the_planted_rows(run):
    duckdb = pytest.importorskip("duckdb")
    from datetime import datetime

    from equipath.landing.load import load_table
    from equipath.landing.pseudonymise import Pseudonymiser

    root, summary = run
    con = duckdb.connect()
    pseudonymiser = Pseudonymiser(b"generator-test-key-0123456789")
    rejected = {}
    for table in TABLES:
        result = load_table(con, table, root, pseudonymiser, datetime(2026, 10, 2))
        rejected[table.name] = result.rows_rejected
    assert rejected == summary.planted_rejects


def test_a_later_export_date_moves_the_wage_lag(tmp_path):
    summary = generate(tmp_path, students=50, seed=1, export_date=date(2025, 7, 1))
    assert summary.last_wage_quarter == "2024Q4"
    assert "wages/wages_2024Q4.csv" in summary.files
    assert "wages/wages_2025Q1.csv" not in summary.files


def test_the_documented_tolerated_mess_is_there(run):
    root, _ = run
    first_line = {
        p.relative_to(root).as_posix(): p.read_bytes().split(b"\n", 1)[0]
        for p in root.rglob("*.csv")
    }
    assert first_line["sis/students_2025.csv"].startswith(b"STUDENT_ID,SSN,")
    assert first_line["employer/hires_2022.csv"].startswith(b" Employer_Id , Record_Id ,")
    assert first_line["sis/enrollments_2024.csv"].startswith(b"student_id,program_id,")
    assert first_line["survey/responses.csv"].startswith(b"\xef\xbb\xbfresponse_id,")
    for relpath in ("sis/enrollments_2021.csv", "employer/hires_2023.csv"):
        df = pd.read_csv(root / relpath, dtype=str, keep_default_na=False)
        date_column = "entry_date" if "enrollments" in relpath else "hire_date"
        us = df[date_column].str.fullmatch(r"\d{2}/\d{2}/\d{4}")
        assert us.mean() > 0.95, relpath
    students = _read(root, next(t for t in TABLES if t.name == "students"))
    assert students["ssn"].str.fullmatch(r"\d{3}-\d{2}-\d{4}").any()
    assert students["low_income"].isin(["y", "n"]).any()
    assert students["first_name"].str.contains("é").any()
    assert students.duplicated("student_id").any()  # repeated snapshots

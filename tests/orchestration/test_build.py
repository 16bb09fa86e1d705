"""A whole build on generated data, through Dagster and dbt, checked end to end."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from equipath.cli import main
from equipath.landing.contract import TABLES

pytestmark = pytest.mark.slow


def _query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_build_prints_one_line_a_step_and_a_summary(built_warehouse):
    """At 10k students the console shows each step once and where things went: ≤ 40 lines."""
    lines = built_warehouse.console.splitlines()
    assert len(lines) <= 40, built_warehouse.console
    assert lines[0].startswith("equipath build · landing ")
    loads = [line.split()[1] for line in lines if line.startswith("  load ")]
    assert loads and sorted(loads) == sorted(t.name for t in TABLES)
    for table in TABLES:
        (line,) = [x for x in lines if x.startswith(f"  load     {table.name} ")]
        read, loaded, rejected = (
            int(n.replace(",", "")) for n in re.findall(r"([\d,]+) (?:read|loaded|rejected)", line)
        )
        assert read == loaded + rejected, line
        planted = built_warehouse.landing.summary.planted_rejects.get(table.name, 0)
        assert rejected == planted, line
    assert any(x.startswith("  quality  13 table checks, ") for x in lines)
    assert any(re.match(r"  dbt      \d+ models, \d+ seeds, .*: all passed", x) for x in lines)
    assert any(x.startswith("  publish  internal, public and ") for x in lines)
    assert re.search(
        r"public cells: [\d,]+ shown \([\d,]+ coded\), [\d,]+ withheld", "\n".join(lines)
    )
    assert any(re.match(r"Built in \d+\.\d s\.", x) for x in lines)
    assert f"  warehouse  {built_warehouse.warehouse}" in lines
    planted = sum(built_warehouse.landing.summary.planted_rejects.values())
    assert any(x.startswith(f"  rejects    {planted:,} rows in ") for x in lines)
    log = built_warehouse.warehouse.with_name("warehouse.build.log")
    assert any(x.startswith("  log ") and x.endswith(log.name) for x in lines)
    # the full log holds what the console does not: Dagster's events and dbt's own lines
    text = log.read_text()
    assert "RUN_SUCCESS" in text
    assert re.search(r"\d+ of \d+ OK created sql table model marts.outcome_metrics", text)
    # nothing from libraries the build does not use (pyspark is installed beside it)
    assert "Warning" not in built_warehouse.console
    assert "PySpark does not yet fully support pandas" not in text


def test_load_accounting_balances_for_every_landing_file(built_warehouse):
    rows = _query(
        built_warehouse.warehouse,
        "select source_file, status, rows_read, rows_loaded, rows_rejected "
        "from raw._load_accounting",
    )
    landed = sorted(
        p.relative_to(built_warehouse.landing.path).as_posix()
        for p in built_warehouse.landing.path.rglob("*.csv")
    )
    assert sorted(r[0] for r in rows) == landed
    for source_file, status, read, loaded, rejected in rows:
        assert status == "loaded", source_file
        assert read == loaded + rejected, source_file
        assert read == built_warehouse.landing.summary.files[source_file], source_file


def test_rejects_are_exactly_the_planted_contract_breaks(built_warehouse):
    by_table = dict(
        _query(
            built_warehouse.warehouse,
            "select table_name, count(distinct source_file || ':' || row_number) "
            "from raw._rejects group by 1",
        )
    )
    planted = {k: v for k, v in built_warehouse.landing.summary.planted_rejects.items() if v}
    assert by_table == planted
    blank_reasons = _query(
        built_warehouse.warehouse,
        "select count(*) from raw._rejects where coalesce(reason, '') = '' "
        "or coalesce(reason_code, '') = ''",
    )
    assert blank_reasons == [(0,)]


def _landing_identifiers(landing: Path) -> tuple[set[str], set[str], set[str]]:
    ssns, emails, names = set(), set(), set()
    for path in landing.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
                for column in ("ssn",):
                    digits = re.sub(r"\D", "", row.get(column, ""))
                    if len(digits) == 9:
                        ssns.add(digits)
                for column in ("email", "employee_email"):
                    if "@" in row.get(column, ""):
                        emails.add(row[column].strip().lower())
                for column in ("last_name",):
                    if len(row.get(column, "").strip()) >= 4:
                        names.add(row[column].strip().lower())
    return ssns, emails, names


def test_no_clear_identifier_anywhere_in_the_warehouse(built_warehouse):
    ssns, emails, names = _landing_identifiers(built_warehouse.landing.path)
    assert len(ssns) > 500 and len(emails) > 500 and len(names) > 50
    con = duckdb.connect(str(built_warehouse.warehouse), read_only=True)
    try:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' and table_schema not in ('information_schema')"
        ).fetchall()
        seen: set[str] = set()
        for schema, table, column in columns:
            values = con.execute(
                f'select distinct lower("{column}") from "{schema}"."{table}" '
                f'where "{column}" is not null'
            ).fetchall()
            for (value,) in values:
                seen.add(value)
                seen.update(re.findall(r"\d{3}-?\d{2}-?\d{4}", value))
    finally:
        con.close()
    digits_seen = {re.sub(r"\D", "", v) for v in seen if re.fullmatch(r"[\d-]{9,11}", v)}
    assert not (ssns & digits_seen)
    assert not any("@" in v and v in emails for v in seen)
    assert not (names & seen)


def test_staging_models_hold_every_loaded_row(built_warehouse):
    pairs = {
        "students": "stg_sis__students",
        "enrollments": "stg_sis__enrollments",
        "wages": "stg_wages__wage_records",
        "hires": "stg_employer__hires",
        "lms_users": "stg_lms__users",
    }
    for raw, staging in pairs.items():
        (raw_count,) = _query(built_warehouse.warehouse, f"select count(*) from raw.{raw}")[0]
        (stg_count,) = _query(built_warehouse.warehouse, f"select count(*) from staging.{staging}")[
            0
        ]
        assert raw_count == stg_count > 0, raw


def test_published_internal_file_is_marked_and_has_no_identifiers(built_warehouse):
    """Its table list is checked with the other tiers' in tests/privacy/test_published_tiers."""
    path = built_warehouse.published / "internal.duckdb"
    (notice,) = _query(path, "select notice from _publication")[0]
    assert notice == "internal — do not redistribute"
    columns = {r[0] for r in _query(path, "select column_name from information_schema.columns")}
    assert not columns & {"sis_student_id", "ssn_key", "email_key", "birth_date", "zip_code"}


def test_export_load_accounting_and_rejects(built_warehouse, tmp_path):
    out = tmp_path / "load_accounting.csv"
    assert (
        main(
            [
                "export",
                "load_accounting",
                "--warehouse",
                str(built_warehouse.warehouse),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["file", "table", "status", "rows_read", "rows_loaded", "rows_rejected"]
    assert all(int(r["rows_read"]) == int(r["rows_loaded"]) + int(r["rows_rejected"]) for r in rows)
    out = tmp_path / "rejects.csv"
    assert (
        main(
            ["export", "rejects", "--warehouse", str(built_warehouse.warehouse), "--out", str(out)]
        )
        == 0
    )
    with out.open(newline="") as fh:
        rejects = list(csv.DictReader(fh))
    assert list(rejects[0]) == ["file", "table", "row", "column", "reason_code", "reason"]
    assert len(rejects) >= sum(built_warehouse.landing.summary.planted_rejects.values())

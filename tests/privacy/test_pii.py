"""No tier file holds anything about a person: no identifier, no birth date, no name from
the input, no key, no table at the grain of people (PRIVACY.md rule 7)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

SSN = re.compile(r"(?<!\d)\d{3}-?\d{2}-?\d{4}(?!\d)")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
DATE = re.compile(r"(?<!\d)(19|20)\d{2}-\d{2}-\d{2}|(?<!\d)\d{1,2}/\d{1,2}/(19|20)\d{2}")
HEX_KEY = re.compile(r"\b[0-9a-f]{32,}\b")
PERSON_COLUMNS = re.compile(
    r"student|enrollment_id|enrolment|ssn|email|birth|first_name|last_name|zip|_key$|"
    r"person|user_id|placement_id|response_id|employee"
)
#: METRICS.md's group labels: a last name such as "White" may equal one, and is not a leak
VOCABULARY = {
    "u.s. nonresident",
    "hispanic or latino",
    "race and ethnicity unknown",
    "two or more races",
    "american indian or alaska native",
    "asian",
    "black or african american",
    "native hawaiian or other pacific islander",
    "white",
    "female",
    "male",
    "another sex",
    "unknown",
    "under 20",
    "yes",
    "no",
    "online",
    "in_person",
    "hybrid",
    "work_based",
    "all",
}
#: build metadata, not about anyone: the as_of date and the publication time and id; in the
#: internal file's data-quality tables, when files were loaded and rules checked
METADATA = {
    ("_publication", "as_of"),
    ("_publication", "published_at"),
    ("_publication", "publication_id"),
}
INTERNAL_METADATA = {
    ("landing_freshness", "first_loaded_at"),
    ("landing_freshness", "last_loaded_at"),
    ("landing_freshness", "freshness_checked_at"),
    ("quality_results", "checked_at"),
    ("quality_results", "as_of"),
}
#: the columns that make a row an aggregate cell
AGGREGATE_KEYS = (
    "metric_id",
    "cohort_year",
    "program_id",
    "dimension",
    "group_value",
    "from_program_id",
    "to_program_id",
)


def tier_files(published: Path) -> list[Path]:
    return sorted(p for p in published.rglob("*.duckdb") if not p.name.startswith("."))


def landing_people(landing: Path) -> tuple[set[str], set[str], set[str], set[str]]:
    """SSNs (digits), emails, names (≥ 4 letters) and birth dates of the input files."""
    ssns, emails, names, births = set(), set(), set(), set()
    for path in landing.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                digits = re.sub(r"\D", "", row.get("ssn", ""))
                if len(digits) == 9:
                    ssns.add(digits)
                for column in ("email", "employee_email"):
                    if "@" in row.get(column, ""):
                        emails.add(row[column].lower())
                for column in (
                    "first_name",
                    "last_name",
                    "employee_first_name",
                    "employee_last_name",
                ):
                    if len(row.get(column, "")) >= 4:
                        names.add(row[column].lower())
                for column in ("birth_date", "employee_birth_date"):
                    if row.get(column):
                        births.add(row[column])
    return ssns, emails, names, births


def test_tier_files_hold_no_person_and_no_identifier(built_warehouse):
    ssns, emails, names, births = landing_people(built_warehouse.landing.path)
    assert len(ssns) > 500 and len(emails) > 500 and len(names) > 50 and len(births) > 500
    students = (
        duckdb.connect(str(built_warehouse.warehouse), read_only=True)
        .execute("select count(distinct sis_student_id) from staging.stg_sis__students")
        .fetchone()[0]
    )
    files = tier_files(built_warehouse.published)
    assert len(files) >= 3
    problems: list[str] = []
    for path in files:
        con = duckdb.connect(str(path), read_only=True)
        try:
            columns = con.execute(
                "select table_name, column_name, data_type from information_schema.columns"
            ).fetchall()
            tables = {t for t, _, _ in columns}
            for table in tables:
                names_of = [c for t, c, _ in columns if t == table]
                for column in names_of:
                    if PERSON_COLUMNS.search(column.lower()):
                        problems.append(f"{path.name}: {table}.{column} names a person's field")
                keys = [c for c in names_of if c in AGGREGATE_KEYS]
                rows = con.execute(f'select count(*) from "{table}"').fetchone()[0]
                if keys:
                    distinct = con.execute(
                        f'select count(*) from (select distinct {", ".join(keys)} from "{table}")'
                    ).fetchone()[0]
                    extra = [c for c in names_of if c in ("days_since_exit",)]
                    if not extra and distinct != rows:
                        problems.append(f"{path.name}: {table} is not one row per aggregate key")
                elif rows >= students // 2:
                    problems.append(f"{path.name}: {table} has {rows} rows and no aggregate key")
            for table, column, data_type in columns:
                if (table, column) in METADATA:
                    continue
                if path.name == "internal.duckdb" and (table, column) in INTERNAL_METADATA:
                    continue
                if data_type in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
                    problems.append(f"{path.name}: {table}.{column} is a date finer than a year")
                    continue
                if data_type != "VARCHAR":
                    continue
                values = {
                    v
                    for (v,) in con.execute(
                        f'select distinct "{column}" from "{table}" where "{column}" is not null'
                    ).fetchall()
                }
                for value in values:
                    lower = value.lower()
                    where = f"{path.name}: {table}.{column} = {value[:40]!r}"
                    if SSN.search(value) and re.sub(r"\D", "", SSN.search(value).group()) in ssns:
                        problems.append(f"{where} holds an input SSN")
                    if EMAIL.search(value):
                        problems.append(f"{where} holds an email address")
                    if DATE.search(value) or value in births:
                        problems.append(f"{where} holds a date")
                    if HEX_KEY.search(lower):
                        problems.append(f"{where} holds a key")
                    if (lower in names and lower not in VOCABULARY) or lower in emails:
                        problems.append(f"{where} is a name or email from the input")
        finally:
            con.close()
    assert not problems, problems[:20]

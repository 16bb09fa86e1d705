"""The dbt project parses cleanly, and seeds + staging build and type a tiny raw schema.

The building tests share one warehouse (module fixture): hand-made, already normalised rows
are written to every raw table exactly as the loader would, then `dbt build` runs seeds,
staging models and every data test once. Each dbt call gets its own target and log paths
in a temporary directory, so parallel runs never collide.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from equipath.landing.contract import TABLES_BY_NAME
from equipath.landing.schema import all_ddl

REPO = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO / "dbt_project"
SEEDS_DIR = REPO / "seeds"
DBT = Path(sys.executable).with_name("dbt")

LOADED_AT = dt.datetime(2025, 6, 1, 12, 0, 0)


def run_dbt(*args: str, warehouse: Path, work: Path) -> subprocess.CompletedProcess[str]:
    """Run the venv's dbt on our project with private target/log paths; JSON log lines."""
    env = {
        **os.environ,
        "EQUIPATH_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    cmd = [
        str(DBT),
        "--log-format",
        "json",
        "--no-use-colors",
        *args,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)


def log_events(stdout: str) -> list[dict]:
    events = []
    for line in stdout.splitlines():
        if line.startswith("{"):
            events.append(json.loads(line))
    return events


def key(value: str) -> str:
    """A stand-in for the loader's HMAC key of a direct identifier."""
    return hashlib.sha256(f"test-key:{value}".encode()).hexdigest()


# Raw rows as the loader writes them, one CSV block a table: `_source_file` first, then the
# table's raw value columns. Values are already normalised; an empty field is a blank (null);
# `KEY(x)` stands for the loader's keyed hash of the direct identifier x. Row numbers are
# assigned per file from 2 (the header is row 1).
RAW_CSV: dict[str, str] = {
    "programs": """
_source_file,program_id,program_name,credential_type,cip_code,target_soc_codes,nominal_weeks,stacks_into,funder_ids,employer_partner_ids
catalog/programs.csv,P-MC-NET,Networking Fundamentals,microcredential,11.0901,15-1231,8,P-CERT-IT,F-WIOA;F-STATE,E-ACME
catalog/programs.csv,P-CERT-IT,IT Support Certificate,certificate,11.1006,15-1232;15-1231,16,,F-WIOA,
catalog/programs.csv,P-APP-ELEC,Electrician Apprenticeship,apprenticeship,46.0302,47-2111,104,,,E-ACME;E-VOLT
""",  # noqa: E501 (one CSV record a line)
    "funders": """
_source_file,funder_id,funder_name,report_email,report_frequency
catalog/funders.csv,F-WIOA,Regional Workforce Board,reports@workforce.example.org,quarterly
catalog/funders.csv,F-STATE,State Skills Fund,,annual
""",
    "employers": """
_source_file,employer_id,employer_name,fein,naics_code,size_band
catalog/employers.csv,E-ACME,Acme Health,123456789,622110,250+
catalog/employers.csv,E-VOLT,Volt Electric,987654321,238210,1-49
""",
    "students": """
_source_file,student_id,ssn_key,first_name_key,last_name_key,birth_date,email_key,sex,hispanic_latino,race_american_indian_alaska_native,race_asian,race_black,race_native_hawaiian_pacific_islander,race_white,nonresident,first_generation,low_income,veteran,disability,english_learner,zip_code,updated_at
sis/students_2024.csv,S001,KEY(123450001),KEY(ana),KEY(lopez),2001-03-14,KEY(ana@example.edu),F,N,N,Y,N,N,N,N,Y,U,N,N,N,94110,2024-08-01
sis/students_2024.csv,S002,KEY(123450002),KEY(ben),KEY(okafor),1999-07-02,,M,,N,N,,N,Y,N,N,Y,Y,U,N,,2024-08-01
sis/students_2025.csv,S001,KEY(123450001),KEY(ana),KEY(lopez),2001-03-14,KEY(ana@example.edu),,N,N,Y,N,N,N,N,Y,Y,N,N,N,94110,2025-01-10
""",
    "enrollments": """
_source_file,enrollment_id,student_id,program_id,entry_date,exit_date,exit_status,modality
sis/enrollments_2024fall.csv,EN-1,S001,P-MC-NET,2024-09-03,2024-10-29,completed,online
sis/enrollments_2024fall.csv,EN-2,S001,P-CERT-IT,2024-11-04,,active,hybrid
sis/enrollments_2024fall.csv,EN-3,S002,P-APP-ELEC,2023-01-09,2024-12-20,withdrawn,work_based
""",
    "credential_awards": """
_source_file,award_id,student_id,program_id,award_date,credential_name,badge_url
sis/credential_awards.csv,AW-1,S001,P-MC-NET,2024-10-30,Networking Fundamentals,https://badges.example.edu/assertions/aw-1
""",
    "lms_users": """
_source_file,lms_user_id,sis_student_id,email_key
lms/users.csv,U100,S001,KEY(ana@example.edu)
lms/users.csv,U200,,KEY(ben@example.com)
""",
    "course_results": """
_source_file,lms_user_id,course_id,program_id,first_activity_at,last_activity_at,minutes_active,final_score
lms/course_results.csv,U100,NET101,P-MC-NET,2024-09-03,2024-10-25,1260,91.5
lms/course_results.csv,U200,IT110,P-CERT-IT,2024-11-05,,30,
""",
    "assessments": """
_source_file,lms_user_id,course_id,program_id,competency_id,assessed_at,score,passed
lms/assessments.csv,U100,NET101,P-MC-NET,C-SUBNET,2024-10-01,88,Y
lms/assessments.csv,U100,NET101,P-MC-NET,C-ROUTING,2024-10-15,62.5,N
""",
    "hires": """
_source_file,employer_id,record_id,employee_email_key,first_name_key,last_name_key,birth_date,hire_date,separation_date,job_title,soc_code,hourly_wage,weekly_hours,placement_type
employer/hires_acme.csv,E-ACME,R-1,KEY(ana@example.edu),KEY(ana),KEY(lopez),2001-03-14,2024-11-18,,IT Support Specialist,15-1232,24.75,40,job
employer/hires_volt.csv,E-VOLT,R-1,,KEY(ben),KEY(okafor),1999-07-02,2023-02-01,2024-06-30,Apprentice Electrician,47-2111,18.5,37.5,apprenticeship
""",  # noqa: E501 (one CSV record a line)
    "wages": """
_source_file,ssn_key,year,quarter,employer_fein,naics_code,wages
wages/wages_2025Q1.csv,KEY(123450001),2025,1,123456789,622110,12873.42
wages/wages_2025Q2.csv,KEY(123450001),2025,2,123456789,622110,13105.9
wages/wages_2025Q2.csv,KEY(123450002),2025,2,987654321,,0
""",
    "survey_responses": """
_source_file,response_id,student_id,program_id,survey_type,responded_at,satisfaction,readiness,would_recommend
survey/responses_exit.csv,SR-1,S001,P-MC-NET,exit,2024-11-01,5,4,Y
survey/responses_followup.csv,SR-2,S002,P-APP-ELEC,followup,2025-03-01,,,
""",
}


def raw_rows(table: str) -> list[dict[str, str | None]]:
    """RAW_CSV[table] as dicts: blank -> None, KEY(x) -> key(x)."""
    rows = []
    for record in csv.DictReader(io.StringIO(RAW_CSV[table].strip())):
        row: dict[str, str | None] = {}
        for column, value in record.items():
            match = re.fullmatch(r"KEY\((.*)\)", value)
            row[column] = key(match[1]) if match else (value or None)
        rows.append(row)
    return rows


STAGING_OF_RAW = {
    "programs": "stg_catalog__programs",
    "funders": "stg_catalog__funders",
    "employers": "stg_catalog__employers",
    "students": "stg_sis__students",
    "enrollments": "stg_sis__enrollments",
    "credential_awards": "stg_sis__credential_awards",
    "lms_users": "stg_lms__users",
    "course_results": "stg_lms__course_results",
    "assessments": "stg_lms__assessments",
    "hires": "stg_employer__hires",
    "wages": "stg_wages__wage_records",
    "survey_responses": "stg_survey__responses",
}

METRIC_IDS = {
    "completion_rate",
    "credential_attainment_rate",
    "employment_rate_q2",
    "employment_rate_q4",
    "median_earnings_q2",
    "median_earnings_q2_real",
    "retention_same_employer",
    "living_wage_rate",
    "median_earnings_change_real",
    "placement_rate_180d",
    "km_placement_180d",
    "km_median_days_to_employment",
    "job_retention_180d",
    "in_field_rate",
    "skill_gain_rate",
    "stack_rate_365d",
    "survey_response_rate",
    "satisfaction_top2_rate",
    "readiness_top2_rate",
}


def write_raw(path: Path) -> None:
    """Create the raw schema with the loader's DDL and insert RAW_CSV with lineage."""
    con = duckdb.connect(str(path))
    try:
        for stmt in all_ddl():
            con.execute(stmt)
        for table in RAW_CSV:
            columns = ["_source_file", *TABLES_BY_NAME[table].raw_column_names]
            lineage = ["_file_checksum", "_row_number", "_loaded_at"]
            insert = (
                f"insert into raw.{table} ({', '.join(columns + lineage)})"
                f" values ({', '.join('?' for _ in columns + lineage)})"
            )
            row_numbers: dict[str, int] = {}
            for row in raw_rows(table):
                assert list(row) == columns, table
                source_file = row["_source_file"]
                row_numbers[source_file] = row_numbers.get(source_file, 1) + 1
                checksum = hashlib.sha256(source_file.encode()).hexdigest()
                params = [*row.values(), checksum, row_numbers[source_file], LOADED_AT]
                con.execute(insert, params)
    finally:
        con.close()


def test_dbt_parse_has_no_warnings(tmp_path: Path) -> None:
    result = run_dbt("parse", warehouse=tmp_path / "unused.duckdb", work=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [e["info"]["msg"] for e in log_events(result.stdout) if e["info"]["level"] == "warn"]
    assert warnings == []
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    models = {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert {m for m in models if m.startswith("stg_")} == set(STAGING_OF_RAW.values())
    sources = {(s["source_name"], s["name"]) for s in manifest["sources"].values()}
    assert sources == {("raw", t) for t in [*TABLES_BY_NAME, "_load_accounting", "_rejects"]}
    seeds = {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "seed"}
    assert seeds == {p.stem for p in SEEDS_DIR.glob("*.csv")}
    # Every model and seed, and each of their columns, is documented (project-wide rule).
    for node in manifest["nodes"].values():
        if node["resource_type"] in ("model", "seed"):
            assert node["description"].strip(), node["name"]
            assert node["columns"], node["name"]
            for column in node["columns"].values():
                assert column["description"].strip(), (node["name"], column["name"])


def test_seed_files_are_consistent() -> None:
    cpi = (SEEDS_DIR / "cpi_u_annual.csv").read_text()
    assert cpi.splitlines()[0] == "year,cpi_u"
    years = [line.split(",")[0] for line in cpi.splitlines()[1:]]
    assert years == [str(year) for year in range(2015, 2025)]
    with (SEEDS_DIR / "metric_definitions.csv").open(newline="") as f:
        metrics = list(csv.DictReader(f))
    assert {m["metric_id"] for m in metrics} == METRIC_IDS
    assert all(m["definition"].strip() and m["label"].strip() for m in metrics)
    assert {m["metric_id"] for m in metrics if m["kind"] == "km"} == {
        "km_placement_180d",
        "km_median_days_to_employment",
    }
    assert {m["metric_id"] for m in metrics if m["cohort_basis"] == "entry"} == {
        "completion_rate",
        "skill_gain_rate",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict]]:
    """One warehouse: raw rows written, then `dbt build` of the seeds, the source tests and
    the staging models with their tests (later layers are built by tests/orchestration)."""
    work = tmp_path_factory.mktemp("dbt_build")
    warehouse = work / "warehouse.duckdb"
    write_raw(warehouse)
    selection = [
        "--select",
        "resource_type:seed",
        "source:raw",
        "staging",
        "--indirect-selection",
        "cautious",
    ]
    result = run_dbt("build", *selection, warehouse=warehouse, work=work)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr
    return warehouse, work, log_events(result.stdout)


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_build_passes_every_test_without_warnings(built) -> None:
    _warehouse, work, events = built
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"]: r["status"] for r in results}
    assert all(s in ("success", "pass") for s in statuses.values()), statuses
    assert sum(u.startswith("test.") for u in statuses) > 100
    assert sum(u.startswith("seed.") for u in statuses) == len(list(SEEDS_DIR.glob("*.csv")))
    assert [e["info"]["msg"] for e in events if e["info"]["level"] == "warn"] == []


@pytest.mark.slow
def test_staging_row_counts_equal_raw(built) -> None:
    warehouse, _work, _events = built
    for raw_table, model in STAGING_OF_RAW.items():
        (n_raw,) = query(warehouse, f"select count(*) from raw.{raw_table}")[0]
        (n_stg,) = query(warehouse, f"select count(*) from staging.{model}")[0]
        assert n_stg == n_raw == len(raw_rows(raw_table)), model


@pytest.mark.slow
def test_staging_column_types(built) -> None:
    warehouse, _work, _events = built
    types = dict(
        ((table, column), data_type)
        for table, column, data_type in query(
            warehouse,
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'staging'",
        )
    )
    expected = {
        ("stg_sis__students", "sis_student_id"): "VARCHAR",
        ("stg_sis__students", "birth_date"): "DATE",
        ("stg_sis__students", "updated_date"): "DATE",
        ("stg_sis__students", "is_race_asian"): "BOOLEAN",
        ("stg_sis__students", "is_nonresident"): "BOOLEAN",
        ("stg_sis__students", "low_income_code"): "VARCHAR",
        ("stg_sis__students", "source_row_number"): "INTEGER",
        ("stg_sis__students", "loaded_at"): "TIMESTAMP",
        ("stg_catalog__programs", "nominal_weeks"): "INTEGER",
        ("stg_sis__enrollments", "exit_date"): "DATE",
        ("stg_lms__course_results", "minutes_active"): "INTEGER",
        ("stg_lms__course_results", "final_score"): "DECIMAL(18,2)",
        ("stg_lms__assessments", "score"): "DECIMAL(18,2)",
        ("stg_lms__assessments", "is_passed"): "BOOLEAN",
        ("stg_employer__hires", "hourly_wage_usd"): "DECIMAL(10,2)",
        ("stg_wages__wage_records", "wage_year"): "INTEGER",
        ("stg_wages__wage_records", "wage_quarter"): "INTEGER",
        ("stg_wages__wage_records", "wages_usd"): "DECIMAL(18,2)",
        ("stg_survey__responses", "satisfaction"): "INTEGER",
    }
    assert {k: types.get(k) for k in expected} == expected
    # No staging model exposes a raw column name with a leading underscore (lineage renamed,
    # `_extra_columns` dropped).
    assert not [k for k in types if k[1].startswith("_")]


@pytest.mark.slow
def test_students_are_renamed_and_typed(built) -> None:
    warehouse, _work, _events = built
    rows = query(
        warehouse,
        "select sis_student_id, source_file, source_row_number, birth_date, updated_date,"
        " sex_code, hispanic_latino_code, is_race_asian, is_race_black, is_race_white,"
        " is_nonresident, low_income_code, disability_code, ssn_key"
        " from staging.stg_sis__students order by source_file, source_row_number",
    )
    assert rows == [
        ("S001", "sis/students_2024.csv", 2, dt.date(2001, 3, 14), dt.date(2024, 8, 1),
         "F", "N", True, False, False, False, "U", "N", key("123450001")),
        ("S002", "sis/students_2024.csv", 3, dt.date(1999, 7, 2), dt.date(2024, 8, 1),
         "M", "U", False, None, True, False, "Y", "U", key("123450002")),
        ("S001", "sis/students_2025.csv", 2, dt.date(2001, 3, 14), dt.date(2025, 1, 10),
         "U", "N", True, False, False, False, "Y", "N", key("123450001")),
    ]  # fmt: skip


@pytest.mark.slow
def test_other_staging_values(built) -> None:
    warehouse, _work, _events = built
    assert query(
        warehouse,
        "select ssn_key, wage_year, wage_quarter, employer_fein, wages_usd"
        " from staging.stg_wages__wage_records order by wage_quarter, employer_fein",
    ) == [
        (key("123450001"), 2025, 1, "123456789", Decimal("12873.42")),
        (key("123450001"), 2025, 2, "123456789", Decimal("13105.90")),
        (key("123450002"), 2025, 2, "987654321", Decimal("0.00")),
    ]
    assert query(
        warehouse,
        "select sis_enrollment_id, sis_student_id, entry_date, exit_date, exit_status"
        " from staging.stg_sis__enrollments order by sis_enrollment_id",
    ) == [
        ("EN-1", "S001", dt.date(2024, 9, 3), dt.date(2024, 10, 29), "completed"),
        ("EN-2", "S001", dt.date(2024, 11, 4), None, "active"),
        ("EN-3", "S002", dt.date(2023, 1, 9), dt.date(2024, 12, 20), "withdrawn"),
    ]
    assert query(
        warehouse,
        "select lms_competency_id, assessed_date, score, is_passed"
        " from staging.stg_lms__assessments order by assessed_date",
    ) == [
        ("C-SUBNET", dt.date(2024, 10, 1), Decimal("88.00"), True),
        ("C-ROUTING", dt.date(2024, 10, 15), Decimal("62.50"), False),
    ]
    assert query(
        warehouse,
        "select employer_id, employer_record_id, hire_date, separation_date, hourly_wage_usd,"
        " weekly_hours, placement_type from staging.stg_employer__hires order by employer_id",
    ) == [
        ("E-ACME", "R-1", dt.date(2024, 11, 18), None, Decimal("24.75"), Decimal("40.00"), "job"),
        ("E-VOLT", "R-1", dt.date(2023, 2, 1), dt.date(2024, 6, 30), Decimal("18.50"),
         Decimal("37.50"), "apprenticeship"),
    ]  # fmt: skip
    assert query(
        warehouse,
        "select survey_response_id, responded_date, satisfaction, readiness,"
        " would_recommend_code from staging.stg_survey__responses order by survey_response_id",
    ) == [
        ("SR-1", dt.date(2024, 11, 1), 5, 4, "Y"),
        ("SR-2", dt.date(2025, 3, 1), None, None, "U"),
    ]
    assert query(
        warehouse,
        "select program_id, nominal_weeks, stacks_into_program_id"
        " from staging.stg_catalog__programs order by program_id",
    ) == [("P-APP-ELEC", 104, None), ("P-CERT-IT", 16, None), ("P-MC-NET", 8, "P-CERT-IT")]
    assert query(
        warehouse,
        "select employer_id, employer_fein from staging.stg_catalog__employers"
        " order by employer_id",
    ) == [("E-ACME", "123456789"), ("E-VOLT", "987654321")]


@pytest.mark.slow
def test_seeds_land_in_reference_schema(built) -> None:
    warehouse, _work, _events = built
    assert query(warehouse, "select year, cpi_u from reference.cpi_u_annual where year = 2024") == [
        (2024, Decimal("313.689"))
    ]
    assert query(warehouse, "select count(*) from reference.metric_definitions") == [(19,)]
    assert query(
        warehouse, "select label from reference.ipeds_race_ethnicity order by sort_order"
    ) == [
        ("U.S. Nonresident",), ("Hispanic or Latino",), ("American Indian or Alaska Native",),
        ("Asian",), ("Black or African American",),
        ("Native Hawaiian or Other Pacific Islander",), ("White",), ("Two or more races",),
        ("Race and ethnicity unknown",),
    ]  # fmt: skip
    assert query(
        warehouse,
        "select label, min_age_years, max_age_years from reference.age_bands order by sort_order",
    ) == [
        ("Under 20", 0, 19), ("20-24", 20, 24), ("25-34", 25, 34), ("35-44", 35, 44),
        ("45-54", 45, 54), ("55+", 55, None), ("Unknown", None, None),
    ]  # fmt: skip
    assert query(warehouse, "select count(*), min(year), max(year) from reference.living_wage") == [
        (11, 2015, 2025)
    ]


@pytest.mark.slow
def test_primary_key_test_catches_a_duplicate(built, tmp_path: Path) -> None:
    """The generic composite-key test fails when a key repeats (here a re-exported hire)."""
    warehouse, _work, _events = built
    copy = tmp_path / "dup.duckdb"
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute(
            "insert into raw.hires select * replace ('employer/hires_acme_again.csv' as"
            " _source_file) from raw.hires where employer_id = 'E-ACME'"
        )
    finally:
        con.close()
    result = run_dbt(
        "test",
        "--select",
        "stg_employer__hires,test_name:unique_combination_of_columns",
        warehouse=copy,
        work=tmp_path,
    )
    assert result.returncode == 1, result.stdout[-5000:]
    failed = [
        e["data"]["node_info"]["node_name"]
        for e in log_events(result.stdout)
        if e["info"]["name"] == "LogTestResult" and e["data"]["status"] == "fail"
    ]
    assert len(failed) == 1
    assert failed[0].startswith("unique_combination_of_columns_stg_employer__hires")

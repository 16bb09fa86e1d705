"""Loader behaviour on small hand-made files, with exact counts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from equipath.landing.contract import ENROLLMENTS, PROGRAMS, STUDENTS, WAGES
from equipath.landing.load import load_table
from equipath.landing.pseudonymise import Pseudonymiser
from equipath.landing.reader import LandingFileError

LOADED_AT = datetime(2026, 1, 2, 3, 4, 5)
PROGRAMS_CSV = (
    "program_id,program_name,credential_type,cip_code,target_soc_codes,nominal_weeks,"
    "stacks_into,funder_ids,employer_partner_ids\n"
    "P1,IT Support,microcredential,11.1006,15-1232,8,P2,F1,E1\n"
    "P2,Cybersecurity,certificate,11.1003,15-1212;15-1299,30,,F1;F2,\n"
)
WAGES_HEADER = "ssn,year,quarter,employer_fein,naics_code,wages\n"


def write(landing: Path, relative: str, text: str | bytes) -> Path:
    path = landing / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


@pytest.fixture
def con(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


@pytest.fixture
def ps() -> Pseudonymiser:
    return Pseudonymiser(b"test-key-0123456789abcdef")


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    root = tmp_path / "landing"
    write(root, "catalog/programs.csv", PROGRAMS_CSV)
    return root


def accounting(con) -> list[tuple]:
    return con.execute(
        "select source_file, status, rows_read, rows_loaded, rows_rejected "
        "from raw._load_accounting order by source_file"
    ).fetchall()


def rejects(con) -> list[tuple]:
    return con.execute(
        "select source_file, row_number, column_name, reason_code from raw._rejects "
        "order by source_file, row_number, column_name"
    ).fetchall()


def test_bom_case_order_us_dates_and_extra_columns(con, landing, ps):
    write(
        landing,
        "sis/enrollments_2024.csv",
        "\ufeff Program_ID ,ENROLLMENT_ID,student_id,Entry_Date,exit_date,exit_status,"
        "modality,Advisor\n"
        "P1,E1,S1,01/15/2024,03/10/2024,completed,online,Smith\n"
        "P2,E2,S2,2024-02-01,,ACTIVE,Hybrid,\n",
    )
    load_table(con, PROGRAMS, landing, ps, LOADED_AT)
    result = load_table(con, ENROLLMENTS, landing, ps, LOADED_AT)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 2, 0)
    rows = con.execute(
        "select enrollment_id, program_id, entry_date, exit_date, exit_status, modality, "
        "_row_number, _extra_columns from raw.enrollments order by enrollment_id"
    ).fetchall()
    assert rows == [
        ("E1", "P1", "2024-01-15", "2024-03-10", "completed", "online", 2, '{"Advisor": "Smith"}'),
        ("E2", "P2", "2024-02-01", None, "active", "hybrid", 3, '{"Advisor": ""}'),
    ]


def test_bad_rows_go_to_rejects_and_counts_balance(con, landing, ps):
    write(
        landing,
        "sis/enrollments_2024.csv",
        "enrollment_id,student_id,program_id,entry_date,exit_date,exit_status,modality\n"
        "E1,S1,P1,2024-01-15,2024-03-10,completed,online\n"  # row 2: good
        "E2,S2,P9,2024-01-15,,active,online\n"  # row 3: unknown program
        "E3,S3,P1,2024-01-15,2023-12-01,completed,online\n"  # row 4: exit before entry
        "E4,S4,P1,2024-02-30,,active,online\n"  # row 5: not a date
        "E5,S5,P1,2024-01-15,,active\n"  # row 6: ragged
        "E1,S1,P1,2024-01-15,2024-03-10,completed,online\n"  # row 7: identical duplicate
        "E1,S1,P2,2024-01-15,2024-03-10,completed,online\n"  # row 8: conflicting duplicate
        ",S6,P1,2024-01-15,,active,online\n"  # row 9: blank key
        "E6,S6,P1,2024-01-15,2024-05-01,active,online\n"  # row 10: active with exit date
        "E7,S7,P1,2024-01-15,,completed,yes\n",  # row 11: two problems in one row
    )
    load_table(con, PROGRAMS, landing, ps, LOADED_AT)
    result = load_table(con, ENROLLMENTS, landing, ps, LOADED_AT)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (10, 1, 9)
    assert rejects(con) == [
        ("sis/enrollments_2024.csv", 3, "program_id", "unknown_program_id"),
        ("sis/enrollments_2024.csv", 4, "exit_date", "exit_before_entry"),
        ("sis/enrollments_2024.csv", 5, "entry_date", "bad_date"),
        ("sis/enrollments_2024.csv", 6, None, "field_count"),
        ("sis/enrollments_2024.csv", 7, "enrollment_id", "duplicate_row"),
        ("sis/enrollments_2024.csv", 8, "enrollment_id", "duplicate_key"),
        ("sis/enrollments_2024.csv", 9, "enrollment_id", "missing_required"),
        ("sis/enrollments_2024.csv", 10, "exit_status", "active_with_exit_date"),
        ("sis/enrollments_2024.csv", 11, "modality", "bad_code"),
    ]
    assert ("sis/enrollments_2024.csv", "loaded", 10, 1, 9) in accounting(con)
    reason = con.execute("select reason from raw._rejects where row_number = 8").fetchone()[0]
    assert "row 2 of sis/enrollments_2024.csv" in reason


def test_same_bytes_twice_load_once_and_unchanged_files_are_skipped(con, tmp_path, ps):
    landing = tmp_path / "landing"
    body = WAGES_HEADER + "123-45-6789,2024,3,123456789,6113,5000.00\n"
    write(landing, "wages/wages_2024Q3.csv", body)
    write(landing, "wages/wages_2024Q3_copy.csv", body)
    load_table(con, WAGES, landing, ps, LOADED_AT)
    assert accounting(con) == [
        ("wages/wages_2024Q3.csv", "loaded", 1, 1, 0),
        ("wages/wages_2024Q3_copy.csv", "duplicate_of:wages/wages_2024Q3.csv", 0, 0, 0),
    ]
    again = load_table(con, WAGES, landing, ps, LOADED_AT)
    assert [f.status for f in again.files] == [
        "unchanged",
        "duplicate_of:wages/wages_2024Q3.csv",
    ]
    assert con.execute("select count(*) from raw.wages").fetchone()[0] == 1


def test_corrected_redelivery_replaces_old_rows_and_rejects(con, tmp_path, ps):
    landing = tmp_path / "landing"
    write(
        landing,
        "wages/wages_2024Q3.csv",
        WAGES_HEADER
        + "123456789,2024,3,123456789,6113,5000.00\n"
        + "987654321,2024,3,123456789,6113,-10\n",
    )
    load_table(con, WAGES, landing, ps, LOADED_AT)
    assert accounting(con) == [("wages/wages_2024Q3.csv", "loaded", 2, 1, 1)]
    write(
        landing,
        "wages/wages_2024Q3.csv",
        WAGES_HEADER
        + "123456789,2024,3,123456789,6113,5100.00\n"
        + "987654321,2024,3,123456789,6113,10.00\n"
        + "111223333,2024,3,123456789,,700\n",
    )
    load_table(con, WAGES, landing, ps, LOADED_AT)
    assert accounting(con) == [("wages/wages_2024Q3.csv", "loaded", 3, 3, 0)]
    assert rejects(con) == []
    assert con.execute("select sum(cast(wages as decimal(18,2))) from raw.wages").fetchone()[
        0
    ] == pytest.approx(5810.00)


def test_wage_row_checks(con, tmp_path, ps):
    landing = tmp_path / "landing"
    write(
        landing,
        "wages/wages_2024Q3.csv",
        WAGES_HEADER
        + "12345678,2024,3,123456789,6113,5000\n"  # 8-digit SSN
        + "123456789,2024,5,123456789,6113,5000\n"  # quarter 5
        + "123456789,2024,3,123456789,6113,-1\n"  # negative
        + "123456789,2024,3,12345678,6113,1\n"  # 8-digit FEIN
        + "123456789,2024,3,123456789,6113,$1000\n",  # currency sign
    )
    result = load_table(con, WAGES, landing, ps, LOADED_AT)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (5, 0, 5)
    assert [r[3] for r in rejects(con)] == [
        "bad_ssn",
        "out_of_range",
        "negative_value",
        "bad_format",
        "bad_number",
    ]
    ssn_reason = con.execute(
        "select reason from raw._rejects where reason_code = 'bad_ssn'"
    ).fetchone()[0]
    assert ssn_reason == (
        "ssn must be 9 digits (dashes allowed); this one has 8 digits (value not shown)"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (
            b"ssn;year;quarter;employer_fein;naics_code;wages\n1;2;3;4;5;6\n",
            "separated by semicolons",
        ),
        (b"ssn,year,quarter,wages\n123456789,2024,3,1\n", "employer_fein"),
        (b"PK\x03\x04\x00\x00binary", "NUL bytes"),
    ],
)
def test_unusable_files_fail_with_file_problem_and_fix(con, tmp_path, ps, content, problem):
    landing = tmp_path / "landing"
    write(landing, "wages/wages_2024Q3.csv", content)
    with pytest.raises(LandingFileError) as info:
        load_table(con, WAGES, landing, ps, LOADED_AT)
    message = str(info.value)
    assert message.startswith("wages/wages_2024Q3.csv: ")
    assert problem in message
    assert "Fix: " in message
    assert con.execute("select count(*) from raw._load_accounting").fetchone()[0] == 0


def test_latin1_file_is_read_as_windows_1252(con, tmp_path, ps):
    landing = tmp_path / "landing"
    header = (
        "student_id,ssn,first_name,last_name,birth_date,email,sex,hispanic_latino,"
        "race_american_indian_alaska_native,race_asian,race_black,"
        "race_native_hawaiian_pacific_islander,race_white,nonresident,first_generation,"
        "low_income,veteran,disability,english_learner,zip_code,updated_at\n"
    )
    row = "S1,,José,Müller,2000-01-01,,F,Y,N,N,N,N,N,N,U,y,N,N,N,94110,2025-01-01\n"
    write(landing, "sis/students.csv", (header + row).encode("cp1252"))
    result = load_table(con, STUDENTS, landing, ps, LOADED_AT)
    assert result.files[0].encoding == "cp1252"
    assert result.rows_loaded == 1
    first_key, low_income = con.execute(
        "select first_name_key, low_income from raw.students"
    ).fetchone()
    assert first_key == ps.name("jose")
    assert low_income == "Y"


def test_failed_file_rolls_back_the_whole_table(con, tmp_path, ps):
    landing = tmp_path / "landing"
    write(landing, "wages/wages_2024Q2.csv", WAGES_HEADER + "123456789,2024,2,123456789,,1\n")
    write(
        landing,
        "wages/wages_2024Q3.csv",
        WAGES_HEADER + '123456789,2024,3,123456789,,"1\n',  # unterminated quote
    )
    with pytest.raises(LandingFileError, match=r"wages/wages_2024Q3\.csv"):
        load_table(con, WAGES, landing, ps, LOADED_AT)
    assert con.execute("select count(*) from raw.wages").fetchone()[0] == 0

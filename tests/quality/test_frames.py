"""What the suites look at: deterministic profiles, and never an identifier of a person."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from equipath.landing.contract import TABLES
from equipath.landing.load import ensure_raw_schema, load_table
from equipath.landing.pseudonymise import Pseudonymiser
from expectations.frames import (
    FRAMES,
    file_period,
    last_ended_quarter,
    newest_file,
    quarter_label,
    unclaimed_hint,
)
from expectations.results import write_results
from expectations.runner import read_frames, run_suite, suite_names

AS_OF = date(2026, 10, 1)
#: Columns that would name a person, or carry a key of a direct identifier.
IDENTIFYING = {"student_id", "sis_student_id", "lms_user_id", "record_id", "birth_date"}


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("wages/wages_2025Q3.csv", (2025, 3)),
        ("sis/students_2026.csv", (2026, 0)),
        ("sis/enrollments_2024fall.csv", (2024, 4)),
        ("sis/enrollments_2025-spring.csv", (2025, 2)),
        ("employer/hires_2025_11.csv", (2025, 4)),
        ("lms/users.csv", None),
        ("wages/wages_20250930.csv", None),  # a date, not a period: not guessed
    ],
)
def test_file_period(name, period):
    assert file_period(name) == period


def test_newest_file_is_by_period_then_name_never_by_clock():
    names = ["sis/enrollments_2025spring.csv", "sis/enrollments_2024fall.csv", "sis/extra.csv"]
    assert newest_file(names) == "sis/enrollments_2025spring.csv"
    assert newest_file(["lms/users_b.csv", "lms/users_a.csv"]) == "lms/users_b.csv"
    assert newest_file([]) is None


@pytest.mark.parametrize(
    ("as_of", "quarter"),
    [
        (date(2026, 10, 1), "2026Q3"),
        (date(2026, 9, 30), "2026Q3"),
        (date(2026, 9, 29), "2026Q2"),
        (date(2026, 12, 31), "2026Q4"),
        (date(2026, 1, 1), "2025Q4"),
    ],
)
def test_last_ended_quarter(as_of, quarter):
    assert quarter_label(last_ended_quarter(as_of)) == quarter


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("grades.csv", "files belong in a source folder"),
        ("SIS/students.csv", "folder names are lower case: move it to sis/"),
        ("misc/a.csv", "'misc/' is not a source folder"),
        ("sis/old/students.csv", "not from its sub-folders"),
        ("sis/students.xlsx", "only .csv files are loaded"),
        ("wages/ui_2025Q3.csv", "expected wages*.csv"),
    ],
)
def test_unclaimed_hint(path, hint):
    assert hint in unclaimed_hint(Path(path))


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory, generated_landing):
    """The session's generated landing set, loaded without Dagster (seconds, not a build)."""
    path = tmp_path_factory.mktemp("quality") / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    ensure_raw_schema(con)
    pseudonymiser = Pseudonymiser(b"frames-test-key-0123456789abcdef")
    for table in TABLES:
        load_table(con, table, generated_landing.path, pseudonymiser, datetime(2026, 10, 2))
    yield con, generated_landing.path
    con.close()


def test_frames_carry_no_identifier(small_warehouse):
    con, _ = small_warehouse
    for (table, frame_name), frame in FRAMES.items():
        if frame_name == "schema":
            continue  # no rows: the column names of the raw table itself
        columns = set(frame.build(con, table, AS_OF).columns)
        assert not {c for c in columns if c.endswith("_key")}, (table, frame_name)
        assert not columns & IDENTIFYING, (table, frame_name)


def test_frames_are_deterministic(small_warehouse):
    con, landing = small_warehouse
    for name in suite_names():
        first = read_frames(con, name, AS_OF, landing=landing)
        second = read_frames(con, name, AS_OF, landing=landing)
        for frame_name, data in first.frames.items():
            assert data.equals(second.frames[frame_name]), (name, frame_name)


def test_generated_data_passes_every_error_rule(small_warehouse, tmp_path):
    """The sample exports are realistic, so no blocking rule may fire on them (the
    session build would stop), and their results identify nobody."""
    con, landing = small_warehouse
    for name in suite_names():
        outcome = run_suite(con, name, AS_OF, landing=landing, docs=tmp_path / "docs")
        assert not outcome.failed("error"), outcome.summary()
        assert outcome.outcomes
        write_results(
            con,
            outcome,
            run_id="frames-test",
            check_name="quality_suite",
            as_of=AS_OF,
            checked_at=datetime(2026, 10, 2),
        )
    assert (tmp_path / "docs" / "index.html").is_file()
    rows = con.execute(
        "select count(*), count(distinct table_name) from quality.quality_results "
        "where run_id = 'frames-test'"
    ).fetchone()
    assert rows[1] == len(suite_names())


def test_writing_results_twice_replaces_them(small_warehouse, tmp_path):
    con, _ = small_warehouse
    outcome = run_suite(con, "wages", AS_OF, docs=tmp_path / "docs")
    for _ in range(2):
        write_results(
            con,
            outcome,
            run_id="twice",
            check_name="quality_suite",
            as_of=AS_OF,
            checked_at=datetime(2026, 10, 2),
        )
    (count,) = con.execute(
        "select count(*) from quality.quality_results where run_id = 'twice'"
    ).fetchone()
    assert count == len(outcome.outcomes)

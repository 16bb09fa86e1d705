"""The mess real exports carry, and the few rows that break the contract on purpose.

Two different things live here, and the difference matters to the loader:

* **Tolerated mess** (file styles below): US dates, header case and padding, column
  order, a byte-order mark. The contract accepts all of it; a loader that rejects any of
  these rows is wrong.
* **Planted rejects** (`RejectPlanter`): a small, exactly counted share of rows that each
  break exactly one row-level rule. A planted row is an *extra* row with a fresh key (or a
  blank one), never a change to a good row, so the good data stays whole and no planted
  row can also collide with a good row's key.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from equipath.generator.catalog import RESERVED_FEIN_PREFIX
from equipath.landing.contract import TABLES_BY_NAME


@dataclass(frozen=True)
class FileStyle:
    """How one landing file is written (all allowed by the contract)."""

    us_dates: bool = False  # every date column as MM/DD/YYYY
    header: str = "plain"  # plain | upper | padded_title
    order: tuple[str, ...] | None = None  # column order, when not the contract's
    bom: bool = False  # UTF-8 byte-order mark, as Excel writes "CSV UTF-8"


def file_styles(first_year: int, export_year: int) -> dict[str, FileStyle]:
    """The files that deviate from the plain contract shape (every other file is plain)."""
    return {
        f"sis/students_{export_year - 1}.csv": FileStyle(header="upper"),
        f"sis/enrollments_{first_year + 2}.csv": FileStyle(us_dates=True),
        f"sis/enrollments_{first_year + 5}.csv": FileStyle(
            order=(
                "student_id",
                "program_id",
                "enrollment_id",
                "exit_status",
                "modality",
                "entry_date",
                "exit_date",
            )
        ),
        f"employer/hires_{first_year + 3}.csv": FileStyle(header="padded_title"),
        f"employer/hires_{first_year + 4}.csv": FileStyle(us_dates=True),
        "survey/responses.csv": FileStyle(bom=True),
    }


def header_labels(columns: tuple[str, ...], style: str) -> list[str]:
    if style == "upper":
        return [c.upper() for c in columns]
    if style == "padded_title":
        return [f" {c.title()} " for c in columns]
    return list(columns)


# ------------------------------------------------------------------ planted rejects

#: A planted row follows every n-th good row of the table (first one after row `OFFSET`),
#: about 0.1-0.5% of rows; small runs still get at least one per busy table.
PLANT_EVERY = {
    "students": 300,
    "enrollments": 250,
    "credential_awards": 300,
    "lms_users": 400,
    "course_results": 400,
    "assessments": 600,
    "hires": 250,
    "wages": 800,
    "survey_responses": 300,
}
OFFSET = 3
RESERVED_FEIN = f"{RESERVED_FEIN_PREFIX}0000017"
UNKNOWN_PROGRAM = "RETIRED-CERT"
UNKNOWN_EMPLOYER = "E99"

Row = list
Breaker = Callable[[random.Random, Row], Row]


def _ix(table: str, column: str) -> int:
    return TABLES_BY_NAME[table].column_names.index(column)


def _impossible_date(rng: random.Random) -> str:
    """Text in a date column that is no calendar date in either accepted format."""
    year = rng.randint(2019, 2025)
    return rng.choice((f"{year}-02-30", f"13/45/{year}", f"{year}-13-01", f"{year}/06/15"))


def _set(table: str, column: str, value: str | Callable[[random.Random, Row], str]) -> Breaker:
    """Put a value that breaks `column`'s own rule (and nothing else) into the row."""
    i = _ix(table, column)

    def fn(rng: random.Random, row: Row) -> Row:
        row[i] = value(rng, row) if callable(value) else value
        return row

    return fn


def _fresh(table: str, column: str, then: Breaker) -> Breaker:
    """Give the row a key no good row has, then break it."""
    i = _ix(table, column)

    def fn(rng: random.Random, row: Row) -> Row:
        row[i] = f"{row[i]}X"
        return then(rng, row)

    return fn


def _exit_before_entry(rng: random.Random, row: Row) -> Row:
    entry = row[_ix("enrollments", "entry_date")]
    row[_ix("enrollments", "exit_date")] = entry - rng.randint(1, 30)
    row[_ix("enrollments", "exit_status")] = "completed"
    return row


def _bad_status(rng: random.Random, row: Row) -> Row:
    # An unknown status needs an exit date, or "active iff blank exit_date" breaks too.
    row[_ix("enrollments", "exit_status")] = "graduated"
    exit_ = _ix("enrollments", "exit_date")
    if row[exit_] is None:
        row[exit_] = row[_ix("enrollments", "entry_date")]
    return row


def _separation_before_hire(rng: random.Random, row: Row) -> Row:
    row[_ix("hires", "separation_date")] = row[_ix("hires", "hire_date")] - rng.randint(1, 60)
    return row


def _ssn_8_digits(rng: random.Random, row: Row) -> Row:
    digits = "".join(ch for ch in row[0] if ch.isdigit()) or f"{rng.randrange(10**9):09d}"
    row[0] = digits[:8]
    return row


def _negative_wage(rng: random.Random, row: Row) -> Row:
    row[_ix("wages", "employer_fein")] = RESERVED_FEIN
    row[_ix("wages", "wages")] = f"-{row[_ix('wages', 'wages')]}"
    return row


def _eight_digit_student_ssn(rng: random.Random, row: Row) -> Row:
    row[1] = f"{rng.randrange(10**8):08d}"
    return row


#: Per table, the kinds of break, used in turn. Each breaks exactly one rule.
BREAKERS: dict[str, tuple[tuple[str, Breaker], ...]] = {
    "students": (
        ("bad_date birth_date", _set("students", "birth_date", lambda r, row: "1990-02-30")),
        ("bad_ssn 8 digits", _eight_digit_student_ssn),
        ("bad_code low_income 'yes'", _set("students", "low_income", "yes")),
        ("bad_format zip_code 4 digits", _set("students", "zip_code", "9370")),
        ("missing_required student_id", _set("students", "student_id", "")),
        ("missing_required updated_at", _set("students", "updated_at", "")),
    ),
    "enrollments": (
        ("unknown program_id", _fresh("enrollments", "enrollment_id",
                                      _set("enrollments", "program_id", UNKNOWN_PROGRAM))),
        ("exit_before_entry", _fresh("enrollments", "enrollment_id", _exit_before_entry)),
        ("bad_date entry_date", _fresh("enrollments", "enrollment_id",
                                       _set("enrollments", "entry_date",
                                            lambda r, row: _impossible_date(r)))),
        ("bad_code exit_status", _fresh("enrollments", "enrollment_id", _bad_status)),
        ("missing_required student_id", _fresh("enrollments", "enrollment_id",
                                               _set("enrollments", "student_id", ""))),
    ),
    "credential_awards": (
        ("bad_date award_date", _fresh("credential_awards", "award_id",
                                       _set("credential_awards", "award_date",
                                            lambda r, row: _impossible_date(r)))),
        ("unknown program_id", _fresh("credential_awards", "award_id",
                                      _set("credential_awards", "program_id", UNKNOWN_PROGRAM))),
        ("missing_required award_id", _set("credential_awards", "award_id", "")),
    ),
    "lms_users": (("missing_required lms_user_id", _set("lms_users", "lms_user_id", "")),),
    "course_results": (
        ("unknown program_id", _fresh("course_results", "course_id",
                                      _set("course_results", "program_id", UNKNOWN_PROGRAM))),
        ("out_of_range final_score", _fresh("course_results", "course_id",
                                            _set("course_results", "final_score", "104.5"))),
        ("negative minutes_active", _fresh("course_results", "course_id",
                                           _set("course_results", "minutes_active", "-15"))),
        ("missing_required lms_user_id", _set("course_results", "lms_user_id", "")),
    ),
    "assessments": (
        ("bad_code passed 'yes'", _fresh("assessments", "competency_id",
                                         _set("assessments", "passed", "yes"))),
        ("out_of_range score", _fresh("assessments", "competency_id",
                                      _set("assessments", "score", "120"))),
        ("bad_date assessed_at", _fresh("assessments", "competency_id",
                                        _set("assessments", "assessed_at",
                                             lambda r, row: _impossible_date(r)))),
        ("missing_required competency_id", _set("assessments", "competency_id", "")),
    ),
    "hires": (
        ("unknown employer_id", _fresh("hires", "record_id",
                                       _set("hires", "employer_id", UNKNOWN_EMPLOYER))),
        ("bad_date hire_date", _fresh("hires", "record_id",
                                      _set("hires", "hire_date",
                                           lambda r, row: _impossible_date(r)))),
        ("separation_before_hire", _fresh("hires", "record_id", _separation_before_hire)),
        ("bad_code placement_type", _fresh("hires", "record_id",
                                           _set("hires", "placement_type", "full-time"))),
        ("out_of_range weekly_hours", _fresh("hires", "record_id",
                                             _set("hires", "weekly_hours", "95"))),
        ("negative hourly_wage", _fresh("hires", "record_id",
                                        _set("hires", "hourly_wage", "-18.50"))),
        ("missing_required record_id", _set("hires", "record_id", "")),
    ),
    "wages": (
        ("negative wages", _negative_wage),
        ("out_of_range quarter 5", _set("wages", "quarter", "5")),
        ("bad_ssn 8 digits", _ssn_8_digits),
    ),
    "survey_responses": (
        ("out_of_range satisfaction", _fresh("survey_responses", "response_id",
                                             _set("survey_responses", "satisfaction", "7"))),
        ("bad_code survey_type", _fresh("survey_responses", "response_id",
                                        _set("survey_responses", "survey_type", "exit survey"))),
        ("bad_date responded_at", _fresh("survey_responses", "response_id",
                                         _set("survey_responses", "responded_at",
                                              lambda r, row: _impossible_date(r)))),
        ("bad_code would_recommend", _fresh("survey_responses", "response_id",
                                            _set("survey_responses", "would_recommend",
                                                 "maybe"))),
    ),
}  # fmt: skip


class RejectPlanter:
    """Decides after each good row whether a planted bad row follows, and counts them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.good = dict.fromkeys(PLANT_EVERY, 0)
        self.planted: dict[str, int] = dict.fromkeys(TABLES_BY_NAME, 0)
        self.by_kind: dict[str, int] = {}

    def after(self, table: str, row: Row) -> Row | None:
        every = PLANT_EVERY.get(table)
        if every is None:
            return None
        n = self.good[table] = self.good[table] + 1
        if n % every != OFFSET % every:
            return None
        kinds = BREAKERS[table]
        kind, breaker = kinds[self.planted[table] % len(kinds)]
        self.planted[table] += 1
        key = f"{table}: {kind}"
        self.by_kind[key] = self.by_kind.get(key, 0) + 1
        return breaker(self.rng, list(row))

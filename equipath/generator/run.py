"""`generate`: a whole landing folder from (students, seed, export_date), streamed.

Learners are simulated one at a time from one seeded random stream and their rows go
straight to the open files, so the output is byte-identical for the same inputs and
memory does not grow with the number of learners.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from equipath.generator import catalog
from equipath.generator.dates import Calendar, last_landed_quarter, quarter_index, quarter_label
from equipath.generator.journeys import Journeys, draw_first_entry, term_starts
from equipath.generator.labour import LabourMarket
from equipath.generator.learning import Lms
from equipath.generator.mess import RejectPlanter, file_styles
from equipath.generator.people import draw_person, snapshot_rows
from equipath.generator.surveys import Surveys
from equipath.generator.writers import OutputFiles
from equipath.landing.contract import TABLES

DEFAULT_EXPORT_DATE = date(2026, 10, 1)
HISTORY_YEARS = 7  # first entries from 1 January, seven years before the export year
WAGE_HISTORY_QUARTERS = 8  # wage files start two years before the earliest entry


@dataclass
class GenerationSummary:
    """What one run wrote; `dataclasses.asdict` of it is plain JSON."""

    files: dict[str, int]  # path relative to out_dir -> data rows (header excluded)
    planted_rejects: dict[str, int]  # raw table name -> rows written to break the contract
    seconds: float
    students: int = 0
    seed: int = 0
    export_date: str = ""
    last_wage_quarter: str = ""  # newest wages_YYYYQn.csv written (the wage lag)
    rows_by_table: dict[str, int] = field(default_factory=dict)
    planted_reject_kinds: dict[str, int] = field(default_factory=dict)


def _clear_previous_output(out_dir: Path) -> None:
    """Remove landing files an earlier run left (only names the contract would load)."""
    for table in TABLES:
        folder = out_dir / table.folder
        if folder.is_dir():
            for path in folder.glob(table.pattern):
                if path.is_file():
                    path.unlink()


def generate(
    out_dir: Path,
    students: int,
    seed: int,
    export_date: date = DEFAULT_EXPORT_DATE,
) -> GenerationSummary:
    """Write a realistic landing folder for `students` learners as exported on `export_date`.

    Deterministic: the same arguments give byte-identical files. Contract files matching
    the landing patterns under `out_dir` are replaced.
    """
    if students < 1:
        raise ValueError("students must be at least 1")
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous_output(out_dir)

    rng = random.Random(seed)
    cal = Calendar(export_date)
    export = export_date.toordinal()
    first_year = export_date.year - HISTORY_YEARS
    last_year = export_date.year
    first_wage_q = quarter_index(date(first_year, 1, 1)) - WAGE_HISTORY_QUARTERS
    last_wage_q = last_landed_quarter(export_date)
    entry_lo = date(first_year, 1, 7).toordinal()
    entry_hi = export - 21
    snap_old = date(last_year - 1, 6, 30).toordinal()
    snap_new = export - 16

    planter = RejectPlanter(random.Random(f"{seed}:rejects"))
    out = OutputFiles(out_dir, cal, file_styles(first_year, last_year), planter)
    for relpath, table in (
        ("catalog/programs.csv", "programs"),
        ("catalog/funders.csv", "funders"),
        ("catalog/employers.csv", "employers"),
        ("sis/credential_awards.csv", "credential_awards"),
        ("lms/users.csv", "lms_users"),
        ("lms/course_results.csv", "course_results"),
        ("lms/assessments.csv", "assessments"),
        ("survey/responses.csv", "survey_responses"),
    ):
        out.open(relpath, table)
    student_files = (f"sis/students_{last_year - 1}.csv", f"sis/students_{last_year}.csv")
    for relpath in student_files:
        out.open(relpath, "students")
    enrollment_files = {y: f"sis/enrollments_{y}.csv" for y in range(first_year, last_year + 1)}
    hire_files = {y: f"employer/hires_{y}.csv" for y in range(first_year, last_year + 1)}
    wage_files = {
        q: f"wages/wages_{quarter_label(q)}.csv" for q in range(first_wage_q, last_wage_q + 1)
    }
    for relpath in enrollment_files.values():
        out.open(relpath, "enrollments")
    for relpath in hire_files.values():
        out.open(relpath, "hires")
    for relpath in wage_files.values():
        out.open(relpath, "wages")

    out.write_many("catalog/programs.csv", catalog.program_rows())
    out.write_many("catalog/funders.csv", catalog.funder_rows())
    out.write_many("catalog/employers.csv", catalog.employer_rows())

    terms = term_starts(first_year, last_year)
    ssn_offset = rng.randrange(10**9)
    journeys = Journeys(export)
    labour = LabourMarket(
        rng, cal, export, first_wage_q, last_wage_q, quarter_index(date(first_year - 1, 1, 1))
    )
    lms = Lms(cal, export)
    surveys = Surveys(export)

    for idx in range(students):
        first_entry = draw_first_entry(rng, entry_lo, entry_hi, terms)
        person = draw_person(rng, idx, first_entry, ssn_offset)
        parts = journeys.participations(rng, person)
        awards = journeys.awards(rng, person, parts)

        for snapshot, row in snapshot_rows(rng, person, parts[-1].entry, snap_old, snap_new):
            out.write(student_files[snapshot], row)
        for p in parts:
            out.write(
                enrollment_files[cal.year(p.entry)],
                [p.enrollment_id, person.student_id, p.program.program_id, p.entry, p.exit,
                 p.status, p.modality],
            )  # fmt: skip
        for a in awards:
            out.write(
                "sis/credential_awards.csv",
                [a.award_id, person.student_id, a.program.program_id, a.award_date,
                 a.program.credential_name, a.badge_url],
            )  # fmt: skip

        user = lms.user_row(rng, person)
        if user is not None:
            out.write("lms/users.csv", user)
            course_rows, assessment_rows = lms.results(rng, user[0], parts)
            out.write_many("lms/course_results.csv", course_rows)
            out.write_many("lms/assessments.csv", assessment_rows)

        spells, internships, first_q = labour.spells(rng, person, parts)
        for q, row in labour.wage_rows(rng, person, spells, first_q):
            out.write(wage_files[q], row)
        for row in labour.hire_rows(rng, person, spells, internships):
            year = min(max(cal.year(row[6]), first_year), last_year)
            out.write(hire_files[year], row)

        out.write_many("survey/responses.csv", surveys.rows(rng, person.student_id, parts))

    files = out.close()
    by_table: dict[str, int] = {}
    for relpath, count in files.items():
        table = out.table_of(relpath)
        by_table[table] = by_table.get(table, 0) + count
    return GenerationSummary(
        files=files,
        planted_rejects=dict(planter.planted),
        seconds=round(time.perf_counter() - started, 3),
        students=students,
        seed=seed,
        export_date=export_date.isoformat(),
        last_wage_quarter=quarter_label(last_wage_q),
        rows_by_table=by_table,
        planted_reject_kinds=dict(sorted(planter.by_kind.items())),
    )

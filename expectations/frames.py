"""The DataFrames the suites validate, read from the warehouse's `raw` schema.

A suite states rules; a frame is what a rule is stated about. The loader has already
decided about every single row (rejected or kept), so the frames here are either the kept
rows of one table (only the columns a rule needs, typed) or a small table-level profile:
one row a landing file, a wage quarter, a catalog program, a student. DuckDB does the
reading and the grouping; Great Expectations judges the result. Frames never carry a
direct identifier or a key of one (SSN, name, email): a rule that needs one gets a 0/1
column computed from it instead, so nothing in a frame, a result or the data docs can
name a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from equipath.landing.contract import TABLES, TABLES_BY_NAME, Table
from equipath.landing.load import discover_files
from equipath.landing.schema import EXTRA_COLUMN, LINEAGE_COLUMNS, RAW_SCHEMA

ROW_INDEX = ("_source_file", "_row_number")
#: Pseudo-table of the landing-folder inventory (files no contract table claims).
LANDING = "landing"

Builder = Callable[[duckdb.DuckDBPyConnection, str, date], pd.DataFrame]


@dataclass(frozen=True)
class Frame:
    """How to read one frame, and how its failing rows are named in results.

    `index_columns` name a failing row (a file and row number, a quarter, a program).
    `aggregate` frames hold counts and shares, never a person's row, so a failing value
    may be quoted next to its key; the values of a rows frame are never quoted.
    `detail_columns`, when given, are quoted instead of the failing value (the hint of an
    unclaimed landing file says more than its empty `claimed_by`).
    """

    name: str
    build: Builder
    index_columns: tuple[str, ...] = ()
    aggregate: bool = True
    detail_columns: tuple[str, ...] = ()


def _date(column: str) -> str:
    return f"try_cast({column} as date) as {column}"


def _rows_sql(table: str, *columns: str) -> str:
    cols = ", ".join(("_source_file", "_row_number", *columns))
    return f"select {cols} from {RAW_SCHEMA}.{table} order by _source_file, _row_number"


def _known_student(column: str = "student_id") -> str:
    return (
        f"cast(coalesce({column} in (select student_id from {RAW_SCHEMA}.students), false) "
        "as integer) as is_known_student"
    )


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    frame = con.execute(sql, params or []).df()
    if "_source_file" in frame.columns:
        frame["_source_file"] = frame["_source_file"].astype("category")
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            # GX compares datetime64[ns] columns vectorised, any other unit row by row
            # (DuckDB hands dates over in microseconds): seconds at a million rows.
            frame[column] = frame[column].astype("datetime64[ns]")
    return frame


# ------------------------------------------------------------------ frames every table has


def schema_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """No rows, only the raw table's columns: what schema rules look at."""
    return con.execute(f"select * from {RAW_SCHEMA}.{table} limit 0").df()


def files_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """One row a landing file of the table: its account and the extra columns it carried.

    Extra columns are listed by name only (never their values), sorted, so the same
    files give the same text.
    """
    return _query(
        con,
        f"""
        with extras as (
            select _source_file as source_file,
                   string_agg(distinct extra_column, ', ' order by extra_column)
                       as extra_columns
            from (
                select _source_file, unnest(json_keys(_extra_columns)) as extra_column
                from {RAW_SCHEMA}.{table}
                where _extra_columns is not null
            )
            group by 1
        )
        select a.source_file, a.status, a.rows_read, a.rows_loaded, a.rows_rejected,
               case when a.status = 'loaded' and a.rows_read > 0
                    then a.rows_rejected / a.rows_read end as reject_share,
               e.extra_columns
        from {RAW_SCHEMA}._load_accounting a
        left join extras e using (source_file)
        where a.table_name = ?
        order by a.source_file
        """,
        [table],
    )


#: The event date whose newest value says how fresh a table is (tables without one are
#: reported by their newest file only).
FRESHNESS_DATE: dict[str, str] = {
    "students": "updated_at",
    "enrollments": "entry_date",
    "credential_awards": "award_date",
    "course_results": "last_activity_at",
    "assessments": "assessed_at",
    "hires": "hire_date",
    "survey_responses": "responded_at",
}

_PERIOD = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:[-_ ]?(q[1-4]|spring|summer|fall|autumn|winter|0[1-9]|1[0-2]))?"
    r"(?!\d)",
    re.IGNORECASE,
)
_SUB_PERIOD_ORDER = {
    "winter": 1,
    "spring": 2,
    "summer": 3,
    "fall": 4,
    "autumn": 4,
    "q1": 1,
    "q2": 2,
    "q3": 3,
    "q4": 4,
}


def file_period(name: str) -> tuple[int, int] | None:
    """The period a file name states (`wages_2025Q3` → (2025, 3), `students_2026` →
    (2026, 0)); None when it states none. Months count as twelfths, quarters and
    terms as quarters: only the order within a year matters."""
    found = _PERIOD.findall(Path(name).stem)
    if not found:
        return None
    year, sub = found[-1]
    sub = sub.lower()
    if not sub:
        return int(year), 0
    if sub.isdigit():
        return int(year), (int(sub) + 2) // 3
    return int(year), _SUB_PERIOD_ORDER[sub]


def newest_file(names: list[str]) -> str | None:
    """The newest landed file by the period in its name, then by name.

    Deterministic for the same files, unlike modification or load times, which change
    when the same files are copied or loaded again."""
    if not names:
        return None
    return max(names, key=lambda n: (file_period(n) is not None, file_period(n) or (0, 0), n))


def _quarter_index(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def last_ended_quarter(as_of: date) -> int:
    """Quarter index of the last calendar quarter that ended on or before as_of."""
    index = _quarter_index(as_of)
    first_month = (index % 4) * 3 + 1
    starts_next = (
        date(as_of.year + 1, 1, 1) if first_month == 10 else date(as_of.year, first_month + 3, 1)
    )
    ends_today = (starts_next.toordinal() - 1) == as_of.toordinal()
    return index if ends_today else index - 1


def quarter_label(index: int) -> str:
    return f"{index // 4}Q{index % 4 + 1}"


def freshness_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """One row: the table's newest file and newest record, and how far behind as_of.

    For wages the lag is counted in quarters: the last quarter that ended on or before
    as_of minus the newest quarter with at least one loaded wage row (a quarter with no
    landed wage row is unknown, so it cannot count as landed).
    """
    files = [
        r[0]
        for r in con.execute(
            f"select source_file from {RAW_SCHEMA}._load_accounting "
            "where table_name = ? and status = 'loaded'",
            [table],
        ).fetchall()
    ]
    row: dict[str, object] = {
        "table_name": table,
        "loaded_files": len(files),
        "newest_file": newest_file(files),
    }
    column = FRESHNESS_DATE.get(table)
    if column is not None:
        (newest,) = con.execute(
            f"select max(try_cast({column} as date)) from {RAW_SCHEMA}.{table}"
        ).fetchone()
        row["newest_record_date"] = newest.isoformat() if newest else None
        row["days_since_newest_record"] = (
            float((as_of - newest).days) if newest is not None else None
        )
    if table == "wages":
        (latest,) = con.execute(
            f"select max(cast(year as integer) * 4 + cast(quarter as integer) - 1) "
            f"from {RAW_SCHEMA}.wages"
        ).fetchone()
        row["latest_wage_quarter"] = quarter_label(latest) if latest is not None else None
        row["last_ended_quarter"] = quarter_label(last_ended_quarter(as_of))
        row["wage_lag_quarters"] = (
            float(last_ended_quarter(as_of) - latest) if latest is not None else None
        )
    return pd.DataFrame([row])


# ------------------------------------------------------------------ table-specific frames


def _rows(*columns: str) -> Builder:
    def build(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
        return _query(con, _rows_sql(table, *columns))

    return build


def program_links_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """One row a funder or partner-employer id named by a program's id list."""
    return _query(
        con,
        f"""
        select _source_file, _row_number, program_id,
               trim(unnest(string_split(funder_ids, ';'))) as funder_id,
               null::varchar as employer_id
        from {RAW_SCHEMA}.programs where funder_ids is not null
        union all
        select _source_file, _row_number, program_id, null,
               trim(unnest(string_split(employer_partner_ids, ';')))
        from {RAW_SCHEMA}.programs where employer_partner_ids is not null
        order by _source_file, _row_number, funder_id nulls last, employer_id
        """,
    )


def students_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """One row a student (all snapshot rows together), as 0/1 flags only, in no order
    that could identify one (no index: a failing student is never named).

    Race/ethnicity follows METRICS.md's IPEDS rule: known when any row says nonresident,
    Hispanic or Latino, or sets a race flag; unknown otherwise.
    """
    known = " or ".join(
        f"{c} = 'Y'"
        for c in (
            "nonresident",
            "hispanic_latino",
            "race_american_indian_alaska_native",
            "race_asian",
            "race_black",
            "race_native_hawaiian_pacific_islander",
            "race_white",
        )
    )
    return _query(
        con,
        f"""
        select cast(bool_or(ssn_key is not null) as integer) as has_ssn,
               cast(not coalesce(bool_or({known}), false) as integer)
                   as is_race_ethnicity_unknown
        from {RAW_SCHEMA}.students
        group by student_id
        order by student_id
        """,
    )


def enrollments_rows_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    return _query(
        con,
        _rows_sql(
            "enrollments",
            "program_id",
            _date("entry_date"),
            _date("exit_date"),
            _known_student(),
        ),
    )


def catalog_programs_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """One row a catalog program, with how many loaded participations name it."""
    return _query(
        con,
        f"""
        select p.program_id, count(e.program_id) as enrollments
        from {RAW_SCHEMA}.programs p
        left join {RAW_SCHEMA}.enrollments e using (program_id)
        group by p.program_id
        order by p.program_id
        """,
    )


def lms_users_rows_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """Whether each LMS user links to a student: by sis_student_id, else by email key."""
    return _query(
        con,
        f"""
        select _source_file, _row_number,
               cast(coalesce(
                   sis_student_id in (select student_id from {RAW_SCHEMA}.students)
                   or email_key in (select email_key from {RAW_SCHEMA}.students
                                    where email_key is not null),
                   false) as integer) as is_linked_to_student
        from {RAW_SCHEMA}.lms_users
        order by _source_file, _row_number
        """,
    )


def wage_quarters_frame(con: duckdb.DuckDBPyConnection, table: str, as_of: date) -> pd.DataFrame:
    """One row a calendar quarter from the first to the newest landed wage quarter.

    A quarter inside that span with no row shows `wage_rows = 0` (a missing delivery).
    `ratio_to_previous` compares a quarter's rows with the quarter before; it is left
    empty when either quarter has no row, so a gap is reported once, as a gap.
    """
    return _query(
        con,
        f"""
        with students as (
            select distinct ssn_key from {RAW_SCHEMA}.students where ssn_key is not null
        ),
        by_quarter as (
            select cast(year as integer) * 4 + cast(quarter as integer) - 1 as qi,
                   count(*) as wage_rows,
                   median(cast(wages as double)) as median_wages_usd,
                   avg(cast(s.ssn_key is not null as double)) as share_linked_to_student
            from {RAW_SCHEMA}.wages w
            left join students s using (ssn_key)
            group by 1
        ),
        spine as (
            select range as qi
            from range((select min(qi) from by_quarter), (select max(qi) + 1 from by_quarter))
        ),
        filled as (
            select s.qi, coalesce(b.wage_rows, 0) as wage_rows, b.median_wages_usd,
                   b.share_linked_to_student
            from spine s left join by_quarter b using (qi)
        )
        select cast(qi // 4 as varchar) || 'Q' || cast(qi % 4 + 1 as varchar) as year_quarter,
               make_date(cast(qi // 4 as integer), cast((qi % 4) * 3 + 1 as integer), 1)
                   as quarter_start,
               wage_rows,
               lag(wage_rows) over (order by qi) as previous_wage_rows,
               case when wage_rows > 0 and lag(wage_rows) over (order by qi) > 0
                    then wage_rows / lag(wage_rows) over (order by qi) end
                   as ratio_to_previous,
               median_wages_usd,
               share_linked_to_student
        from filled
        order by qi
        """,
    )


INVENTORY = Frame(
    "inventory", lambda *_: pd.DataFrame(), ("path",), aggregate=True, detail_columns=("hint",)
)


def landing_inventory_frame(landing: Path) -> pd.DataFrame:
    """One row a file in the landing folder, with the contract table that claims it.

    A file no table claims is never loaded; the hint says the likely reason, so a stray
    or misnamed delivery is reported instead of silently ignored.
    """
    claimed: dict[Path, str] = {}
    for table in TABLES:
        for path in discover_files(landing, table):
            claimed[path] = table.name
    rows = []
    for path in sorted(p for p in landing.rglob("*") if p.is_file()):
        relative = path.relative_to(landing)
        if any(part.startswith(".") for part in relative.parts):
            continue  # hidden files (.DS_Store, editors' swap files) are not deliveries
        table = claimed.get(path)
        rows.append(
            {
                "path": relative.as_posix(),
                "claimed_by": table,
                "hint": None if table else unclaimed_hint(relative),
            }
        )
    return pd.DataFrame(rows, columns=["path", "claimed_by", "hint"])


def unclaimed_hint(relative: Path) -> str:
    """Why a landing file matches no contract table, in words its sender can act on."""
    folders = {t.folder for t in TABLES}
    parts = relative.parts
    if len(parts) == 1:
        return "files belong in a source folder: " + ", ".join(sorted(folders))
    folder, name = parts[0], parts[-1]
    if folder not in folders:
        if folder.lower() in folders:
            return f"folder names are lower case: move it to {folder.lower()}/"
        return f"'{folder}/' is not a source folder; use one of {', '.join(sorted(folders))}"
    if len(parts) > 2:
        return f"files are read from {folder}/ itself, not from its sub-folders"
    suffix = Path(name).suffix.lower()
    if suffix != ".csv":
        return f"only .csv files are loaded; export '{name}' as CSV UTF-8"
    expected = ", ".join(t.pattern for t in TABLES if t.folder == folder)
    return f"no {folder} table has a name like this; expected {expected}"


FRAMES: dict[tuple[str, str], Frame] = {}
for _table in TABLES:
    FRAMES[(_table.name, "schema")] = Frame("schema", schema_frame)
    FRAMES[(_table.name, "files")] = Frame("files", files_frame, ("source_file",))
    FRAMES[(_table.name, "freshness")] = Frame("freshness", freshness_frame, ("table_name",))

_ROWS: dict[str, Builder] = {
    "programs": _rows("program_id", "stacks_into"),
    "funders": _rows("funder_id"),
    "employers": _rows("employer_id"),
    "students": _rows(_date("updated_at")),
    "enrollments": enrollments_rows_frame,
    "credential_awards": _rows("program_id", _date("award_date"), _known_student()),
    "lms_users": lms_users_rows_frame,
    "course_results": _rows("program_id", _date("last_activity_at")),
    "assessments": _rows("program_id", _date("assessed_at")),
    "hires": _rows("employer_id", _date("hire_date")),
    "survey_responses": _rows("program_id", _date("responded_at"), _known_student()),
}
for _name, _build in _ROWS.items():
    FRAMES[(_name, "rows")] = Frame("rows", _build, ROW_INDEX, aggregate=False)
FRAMES[("programs", "links")] = Frame("links", program_links_frame, ROW_INDEX)
FRAMES[("students", "students")] = Frame("students", students_frame)
FRAMES[("enrollments", "programs")] = Frame("programs", catalog_programs_frame, ("program_id",))
FRAMES[("wages", "quarters")] = Frame("quarters", wage_quarters_frame, ("year_quarter",))


#: Raw tables a suite's frames read besides its own table and the catalog ids: a check
#: must run after them (Dagster `additional_deps`).
READS: dict[str, tuple[str, ...]] = {
    "programs": ("funders", "employers"),
    "enrollments": ("programs", "students"),
    "credential_awards": ("programs", "students"),
    "lms_users": ("students",),
    "course_results": ("programs",),
    "assessments": ("programs",),
    "hires": ("employers",),
    "wages": ("students",),
    "survey_responses": ("programs", "students"),
}


def raw_columns(table: Table) -> list[str]:
    """Every column the raw table must have, in order: lineage, contract, extras."""
    return [
        *(name for name, _ in LINEAGE_COLUMNS),
        *table.raw_column_names,
        EXTRA_COLUMN[0],
    ]


CATALOG_ID_SETS = (("program", "programs"), ("funder", "funders"), ("employer", "employers"))


def catalog_ids(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The catalog's ids as they are now: the value sets of the reference rules."""
    return {
        f"{name}_ids": [
            r[0]
            for r in con.execute(
                f"select distinct {TABLES_BY_NAME[table].key[0]} from {RAW_SCHEMA}.{table} "
                "order by 1"
            ).fetchall()
        ]
        for name, table in CATALOG_ID_SETS
    }

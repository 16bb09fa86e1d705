"""Short parameterised SELECTs over one published tier file, opened read-only.

A dashboard process never opens the warehouse: the pipeline holds DuckDB's single writer
lock on it. Tier files are replaced by an atomic rename, so each query opens the file
afresh (an in-memory DuckDB that ATTACHes the file read-only, then closes) and sees either
the old or the new publication, never a mix; a session reading while a rebuild publishes
keeps answering from whichever file the path named when it opened it.

Paths come from `dashboards.auth.tier_file_for` (pages call it through `dashboards.ui`);
this module never builds a tier path itself. Results are cached by Streamlit keyed on the
file's version (inode, mtime, size), so a new publication is read on the next rerun.
Filters are SQL parameters: pages never load a whole table to filter it in pandas.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ALL_PROGRAMS = "ALL"
BASELINE_DIMENSION = "all"

_QUERIES: dict[str, Callable[..., Any]] = {}


def file_version(path: Path) -> str:
    """Cache key of a published file: a new publication is a new inode and mtime."""
    stat = path.stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A private in-memory DuckDB with the tier file attached read-only as the default.

    ATTACH rather than `duckdb.connect(path)`: DuckDB caches database instances per path
    within a process, which would keep serving a file that was renamed over."""
    if not path.exists():
        raise FileNotFoundError(f"no published file at {path}")
    con = duckdb.connect(config={"threads": 1})
    try:
        literal = str(path).replace("'", "''")
        con.execute(f"attach '{literal}' as tier (read_only)")
        con.execute("use tier")
    except Exception:
        con.close()
        raise
    return con


def read(path: Path, sql: str, params: list | tuple | None = None) -> pd.DataFrame:
    """Run one SELECT on the tier file and close it again."""
    con = _connect(path)
    try:
        return con.execute(sql, list(params or [])).df()
    finally:
        con.close()


def _cached_call(name: str, path: str, version: str, args: tuple) -> Any:
    return _QUERIES[name](Path(path), *args)


_streamlit_cached: Callable[..., Any] | None = None


def _cache() -> Callable[..., Any]:
    """`st.cache_data` around the dispatcher, made on first use (tests import without it)."""
    global _streamlit_cached
    if _streamlit_cached is None:
        import streamlit as st

        _streamlit_cached = st.cache_data(show_spinner=False, max_entries=2048, ttl=3600)(
            _cached_call
        )
    return _streamlit_cached


def cached(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a query on (query, file, file version, arguments); `.uncached` bypasses it."""
    _QUERIES[fn.__name__] = fn

    @functools.wraps(fn)
    def wrapper(path: Path, *args: Any) -> Any:
        return _cache()(fn.__name__, str(path), file_version(path), tuple(args))

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper


# --- every tier --------------------------------------------------------------------------


@cached
def has_table(path: Path, table: str) -> bool:
    """Whether the file has a table (pages degrade gracefully when one is not published)."""
    frame = read(
        path,
        "select count(*) as n from duckdb_tables() where database_name = 'tier' and table_name = ?",
        [table],
    )
    return bool(frame.n.iloc[0])


@cached
def publication(path: Path) -> pd.DataFrame:
    """The file's publication record: tier, as_of, when, and its redistribution notice."""
    return read(
        path,
        "select tier, cast(as_of as varchar) as as_of, published_at, notice, publication_id "
        "from _publication",
    )


@cached
def metric_definitions(path: Path) -> pd.DataFrame:
    """Metrics that have published cells in this file, with their plain-language definition."""
    return read(
        path,
        "select d.metric_id, d.label, d.kind, d.cohort_basis, d.unit, d.definition "
        "from metric_definitions d "
        "where exists (select 1 from published_metrics m where m.metric_id = d.metric_id) "
        "order by d.sort_order",
    )


@cached
def programs(path: Path) -> pd.DataFrame:
    """Programs of this file (a funder file holds only the funder's programs)."""
    return read(path, "select program_id, program_name, credential_type from programs order by 1")


@cached
def cohorts(path: Path, metric_id: str) -> list[int]:
    """Cohort years with a cell of the metric, newest last."""
    frame = read(
        path,
        "select distinct cohort_year from published_metrics where metric_id = ? order by 1",
        [metric_id],
    )
    return [int(y) for y in frame.cohort_year]


@cached
def dimensions(path: Path, metric_id: str) -> dict[str, str]:
    """Disaggregation dimensions of the metric (except the `all` baseline) → their labels,
    in the published order (labels and order come from the tier file: `dim_subgroups`)."""
    frame = read(
        path,
        "select distinct dimension, dimension_label, dimension_sort from published_metrics "
        "where metric_id = ? and dimension <> 'all' order by dimension_sort, dimension",
        [metric_id],
    )
    return dict(zip(frame.dimension, frame.dimension_label, strict=True))


_METRIC_COLUMNS = (
    "m.metric_id, m.cohort_year, m.program_id, coalesce(p.program_name, 'All programs') "
    "as program_name, m.dimension, m.group_value, m.group_label, m.value, m.value_low, "
    "m.value_high, "
    "m.display, m.n_rounded, m.status"
)


def _metric_columns(path: Path) -> str:
    """Internal files add the exact counts and the Wilson interval."""
    extra = ", m.numerator, m.denominator, m.ci_low, m.ci_high"
    return _METRIC_COLUMNS + (extra if _has_wilson(path) else "")


@cached
def _has_wilson(path: Path) -> bool:
    frame = read(
        path,
        "select count(*) as n from duckdb_columns() where database_name = 'tier' "
        "and table_name = 'published_metrics' and column_name = 'ci_low'",
    )
    return bool(frame.n.iloc[0])


@cached
def headline(path: Path, metric_id: str, cohort_year: int) -> pd.DataFrame:
    """One cell per program (and ALL first) of a metric and cohort, whole-population rows."""
    return read(
        path,
        f"select {_metric_columns(path)} from published_metrics m "
        "left join programs p using (program_id) "
        "where m.metric_id = ? and m.cohort_year = ? and m.dimension = 'all' "
        "order by (m.program_id = 'ALL') desc, program_name",
        [metric_id, cohort_year],
    )


@cached
def trend(path: Path, metric_id: str, program_id: str, dimension: str) -> pd.DataFrame:
    """A program's cells across cohorts: the baseline and every group of a dimension."""
    return read(
        path,
        f"select {_metric_columns(path)} from published_metrics m "
        "left join programs p using (program_id) "
        "where m.metric_id = ? and m.program_id = ? and m.dimension in ('all', ?) "
        "order by m.cohort_year, (m.dimension = 'all') desc, m.group_sort",
        [metric_id, program_id, dimension],
    )


@cached
def breakdown(
    path: Path, metric_id: str, cohort_year: int, program_id: str, dimension: str
) -> pd.DataFrame:
    """The groups of one dimension beside the `All` baseline (baseline first)."""
    return read(
        path,
        f"select {_metric_columns(path)} from published_metrics m "
        "left join programs p using (program_id) "
        "where m.metric_id = ? and m.cohort_year = ? and m.program_id = ? "
        "and m.dimension in ('all', ?) "
        "order by (m.dimension = 'all') desc, m.group_sort",
        [metric_id, cohort_year, program_id, dimension],
    )


_GAP_COLUMNS = (
    "metric_id, cohort_year, program_id, dimension, group_value, rate, n, reference_rate, "
    "reference_n, ppg1, moe, di_flag, successes_needed_no_di, successes_needed_parity, "
    "index_80, flag_80, basis"
)


@cached
def gaps(
    path: Path, metric_id: str, cohort_year: int, program_id: str, dimension: str
) -> pd.DataFrame:
    """PPG-1 gaps of each group of a dimension (METRICS.md equity section)."""
    return read(
        path,
        f"select {_GAP_COLUMNS} from published_equity_gaps where metric_id = ? "
        "and cohort_year = ? and program_id = ? and dimension = ? order by group_sort",
        [metric_id, cohort_year, program_id, dimension],
    )


@cached
def gap_trend(
    path: Path, metric_id: str, program_id: str, dimension: str, group_value: str
) -> pd.DataFrame:
    """One group's gap across cohorts."""
    return read(
        path,
        f"select {_GAP_COLUMNS} from published_equity_gaps where metric_id = ? "
        "and program_id = ? and dimension = ? and group_value = ? order by cohort_year",
        [metric_id, program_id, dimension, group_value],
    )


@cached
def gap_groups(path: Path, metric_id: str, program_id: str, dimension: str) -> list[str]:
    """Groups that have a gap in some cohort (the choices of the gap-trend view)."""
    frame = read(
        path,
        "select distinct group_value from published_equity_gaps where metric_id = ? "
        "and program_id = ? and dimension = ? order by 1",
        [metric_id, program_id, dimension],
    )
    return list(frame.group_value)


# --- internal only -----------------------------------------------------------------------


@cached
def km_curve(path: Path, cohort_year: int, program_id: str, dimension: str) -> pd.DataFrame:
    """Kaplan–Meier points of time to employment by group (internal tier)."""
    return read(
        path,
        "select cohort_year, program_id, dimension, group_value, days_since_exit, at_risk, "
        "events, censored, survival from km_curve where cohort_year = ? and program_id = ? "
        "and dimension in ('all', ?) order by group_value, days_since_exit",
        [cohort_year, program_id, dimension],
    )


@cached
def km_cohorts(path: Path) -> list[int]:
    frame = read(path, "select distinct cohort_year from km_curve order by 1")
    return [int(y) for y in frame.cohort_year]


@cached
def table(path: Path, name: str) -> pd.DataFrame:
    """A small reporting table whole (load_summary, quality tables): a few dozen rows.

    Only names in `REPORT_TABLES` are accepted: table names cannot be SQL parameters."""
    if name not in REPORT_TABLES:
        raise ValueError(f"'{name}' is not a reporting table")
    return read(path, f"select * from {name} order by all")


REPORT_TABLES = (
    "load_summary",
    "warehouse_overview",
    "quality_results",
    "rejects_by_reason",
    "identity_match_report",
    "landing_freshness",
)


# --- pathways (every tier, once published) ------------------------------------------------


@cached
def pathway_cohorts(path: Path) -> list[int]:
    frame = read(path, "select distinct cohort_year from published_pathways order by 1")
    return [int(y) for y in frame.cohort_year]


@cached
def pathways(path: Path, cohort_year: int) -> pd.DataFrame:
    """Program → next program (or '(none)') → employed in Q2, one row a link."""
    return read(
        path,
        "select w.cohort_year, w.from_program_id, w.to_program_id, w.stackers, "
        "w.stackers_status, w.employed_q2_rate, w.employed_q2_display, w.employed_q2_status "
        "from published_pathways w where w.cohort_year = ? "
        "order by w.from_program_id, w.to_program_id",
        [cohort_year],
    )

"""Quality verdicts kept in the warehouse: `quality.quality_results`, one row an expectation
per suite run.

A schema of its own, not `raw`: raw holds what landed and dbt's sources read it; these
rows are about the build. No value of a checked row is kept, only counts, aggregate
observations (a share, a median, a lag) and `file:row` names of a few failing rows, so the
table can be shown to whoever may see the load report.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pyarrow as pa

from expectations.runner import SuiteOutcome

QUALITY_SCHEMA = "quality"

RESULTS_DDL = f"""
create table if not exists {QUALITY_SCHEMA}.quality_results (
    run_id            varchar not null,   -- the Dagster run (or the caller's run name)
    checked_at        timestamp not null,
    as_of             date not null,
    table_name        varchar not null,   -- contract table, or 'landing'
    check_name        varchar not null,   -- the asset check that ran the rule
    frame             varchar not null,   -- what the rule looked at (expectations/frames.py)
    rule              varchar not null,   -- meta.rule of the expectation
    expectation_type  varchar not null,
    column_name       varchar,
    severity          varchar not null,   -- error (blocks) | warning (reports)
    success           boolean not null,
    element_count     bigint,
    unexpected_count  bigint,
    observed_value    varchar,            -- aggregates only: share, median, lag, columns
    failing_rows      varchar,            -- a few `file:row`, or profile keys with values
    why               varchar not null,
    fix               varchar not null,
    primary key (run_id, table_name, rule)
)
"""

COLUMNS = (
    "run_id",
    "checked_at",
    "as_of",
    "table_name",
    "check_name",
    "frame",
    "rule",
    "expectation_type",
    "column_name",
    "severity",
    "success",
    "element_count",
    "unexpected_count",
    "observed_value",
    "failing_rows",
    "why",
    "fix",
)


def ensure_quality_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the quality schema and its table if this warehouse has none yet."""
    con.execute(f"create schema if not exists {QUALITY_SCHEMA}")
    con.execute(RESULTS_DDL)


def write_results(
    con: duckdb.DuckDBPyConnection,
    outcome: SuiteOutcome,
    *,
    run_id: str,
    check_name: str,
    as_of: date,
    checked_at: datetime,
) -> int:
    """Replace this run's rows of the suite's rules with the outcome; returns rows written.

    Replacing (not appending) makes a re-executed check in the same run idempotent.
    """
    ensure_quality_schema(con)
    rows = outcome.outcomes
    rules = [o.rule for o in rows]
    con.begin()
    try:
        if rules:
            con.execute(
                f"delete from {QUALITY_SCHEMA}.quality_results "
                "where run_id = ? and table_name = ? and list_contains(?, rule)",
                [run_id, outcome.name, rules],
            )
        if rows:
            incoming = pa.table(  # noqa: F841 - read by DuckDB's replacement scan
                {
                    "run_id": pa.array([run_id] * len(rows), pa.string()),
                    "checked_at": pa.array([checked_at] * len(rows), pa.timestamp("us")),
                    "as_of": pa.array([as_of] * len(rows), pa.date32()),
                    "table_name": pa.array([o.table_name for o in rows], pa.string()),
                    "check_name": pa.array([check_name] * len(rows), pa.string()),
                    "frame": pa.array([o.frame for o in rows], pa.string()),
                    "rule": pa.array(rules, pa.string()),
                    "expectation_type": pa.array([o.expectation_type for o in rows], pa.string()),
                    "column_name": pa.array([o.column_name for o in rows], pa.string()),
                    "severity": pa.array([o.severity for o in rows], pa.string()),
                    "success": pa.array([o.success for o in rows], pa.bool_()),
                    "element_count": pa.array([o.element_count for o in rows], pa.int64()),
                    "unexpected_count": pa.array([o.unexpected_count for o in rows], pa.int64()),
                    "observed_value": pa.array([o.observed_value for o in rows], pa.string()),
                    "failing_rows": pa.array([o.failing_rows for o in rows], pa.string()),
                    "why": pa.array([o.why for o in rows], pa.string()),
                    "fix": pa.array([o.fix for o in rows], pa.string()),
                }
            )
            con.execute(
                f"insert into {QUALITY_SCHEMA}.quality_results ({', '.join(COLUMNS)}) "
                f"select {', '.join(COLUMNS)} from incoming"
            )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(rows)

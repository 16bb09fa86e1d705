"""`equipath export`: published tables as CSV, in a fixed column and row order.

Same inputs and as_of → the same bytes, so a funder or auditor can diff two exports.
The warehouse is opened read-only and never while a build writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb


class ExportError(RuntimeError):
    """An export that cannot be written, with what to do about it."""


@dataclass(frozen=True)
class Export:
    """One exportable table: the SELECT that defines its documented columns and order."""

    description: str
    sql: str


EXPORTS: dict[str, Export] = {
    "load_accounting": Export(
        "One row per landing file: rows read = rows loaded + rows rejected.",
        """
        select source_file as file, table_name as "table", status,
               rows_read, rows_loaded, rows_rejected
        from raw._load_accounting
        order by table_name, source_file
        """,
    ),
    "rejects": Export(
        "One row per broken rule of a rejected landing row (no identifier in clear).",
        """
        select source_file as file, table_name as "table", row_number as "row",
               column_name as "column", reason_code, reason
        from raw._rejects
        order by table_name, source_file, row_number, column_name nulls first, reason_code
        """,
    ),
    "outcome_metrics": Export(
        "Every metric × cohort_year × program_id × dimension × group_value (METRICS.md).",
        """
        select metric_id, cohort_year, program_id, dimension, group_value,
               numerator, denominator, value, ci_low, ci_high
        from marts.outcome_metrics
        order by metric_id, cohort_year, program_id, dimension, group_value
        """,
    ),
    "equity_gaps": Export(
        "PPG-1 disproportionate impact and the 80% index per rate cell (METRICS.md).",
        """
        select metric_id, cohort_year, program_id, dimension, group_value,
               rate, n, reference_rate, ppg1, moe, di_flag,
               successes_needed_no_di, successes_needed_parity, index_80, flag_80
        from marts.equity_gaps
        order by metric_id, cohort_year, program_id, dimension, group_value
        """,
    ),
    "identity_match_report": Export(
        "Per source: records linked to a SIS student, unlinked and ambiguous.",
        """
        select source, records, linked, unlinked, ambiguous
        from marts.identity_match_report
        order by source
        """,
    ),
}


def export_table(name: str, warehouse: Path, out: Path) -> int:
    """Write `name` to `out` as CSV; returns the number of data rows."""
    if name not in EXPORTS:
        raise ExportError(f"unknown table '{name}'; choose one of {', '.join(sorted(EXPORTS))}")
    if not warehouse.exists():
        raise ExportError(f"warehouse {warehouse} does not exist: run `equipath build` first")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException as exc:
        raise ExportError(
            f"cannot open {warehouse} read-only ({exc}); a build is probably writing it — "
            "retry when it has finished"
        ) from exc
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        sql = EXPORTS[name].sql.strip()
        con.execute(f"copy ({sql}) to '{out}' (header, delimiter ',')")
        return con.execute(f"select count(*) from ({sql})").fetchone()[0]
    finally:
        con.close()

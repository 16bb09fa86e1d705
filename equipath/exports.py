"""`equipath export`: published tables as CSV, in a fixed column and row order.

Same inputs and as_of → the same bytes, so a funder or auditor can diff two exports.
Warehouse tables are read from the warehouse, opened read-only (never while a build
writes it); `published_*` tables from one tier file, so a public or funder export holds
what that tier publishes and nothing more.
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
               rate, n, reference_rate, reference_n, ppg1, moe, di_flag,
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


#: a withheld figure in a CSV: PRIVACY.md rule 6 — never 0, never blank
WITHHELD = "—"


def _shown(column: str) -> str:
    return f"coalesce(cast({column} as varchar), '{WITHHELD}') as {column}"


#: tables of a published tier file (not the warehouse): what a tier's reader may take away
TIER_EXPORTS: dict[str, Export] = {
    "published_metrics": Export(
        "Every metric cell as the tier publishes it: rounded or exact value, the interval "
        "a reader can infer, display text, rounded count, status (reason code).",
        f"""
        select metric_id, cohort_year, program_id, dimension, group_value,
               {_shown("value")}, {_shown("value_low")}, {_shown("value_high")},
               display, {_shown("n_rounded")}, status
        from published_metrics
        order by metric_id, cohort_year, program_id, dimension, group_value
        """,
    ),
    "published_equity_gaps": Export(
        "Equity gaps as the tier publishes them (public/funder: from published figures).",
        """
        select metric_id, cohort_year, program_id, dimension, group_value,
               rate, n, reference_rate, reference_n, ppg1, moe, di_flag,
               successes_needed_no_di, successes_needed_parity, index_80, flag_80, basis
        from published_equity_gaps
        order by metric_id, cohort_year, program_id, dimension, group_value
        """,
    ),
}

TIERS = ("internal", "public", "funder")


def tier_file(published: Path, tier: str, funder: str | None = None) -> Path:
    """The file of a tier in the published folder."""
    if tier not in TIERS:
        raise ExportError(f"unknown tier '{tier}'; choose one of {', '.join(TIERS)}")
    if tier == "funder":
        if not funder:
            raise ExportError("--tier funder needs --funder FUNDER_ID")
        return published / "funders" / f"{funder}.duckdb"
    if funder:
        raise ExportError("--funder goes with --tier funder only")
    return published / f"{tier}.duckdb"


def _copy(source: Path, sql: str, out: Path, missing: str) -> int:
    if not source.exists():
        raise ExportError(missing)
    try:
        con = duckdb.connect(str(source), read_only=True)
    except duckdb.IOException as exc:
        raise ExportError(
            f"cannot open {source} read-only ({exc}); a build is probably writing it — "
            "retry when it has finished"
        ) from exc
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        sql = sql.strip()
        con.execute(f"copy ({sql}) to '{out}' (header, delimiter ',')")
        return con.execute(f"select count(*) from ({sql})").fetchone()[0]
    finally:
        con.close()


def export_table(
    name: str,
    warehouse: Path,
    out: Path,
    *,
    tier: str | None = None,
    funder: str | None = None,
    published: Path | None = None,
) -> int:
    """Write `name` to `out` as CSV; returns the number of data rows.

    Warehouse tables come from the warehouse; `published_*` tables from one tier's file
    (default `public`), never from the warehouse, so an export carries exactly what that
    tier's readers see.
    """
    if name in TIER_EXPORTS:
        folder = published if published is not None else warehouse.parent / "published"
        source = tier_file(folder, tier or "public", funder)
        return _copy(
            source,
            TIER_EXPORTS[name].sql,
            out,
            f"tier file {source} does not exist: run `equipath build` or `equipath publish`",
        )
    if name not in EXPORTS:
        choices = ", ".join(sorted([*EXPORTS, *TIER_EXPORTS]))
        raise ExportError(f"unknown table '{name}'; choose one of {choices}")
    if tier or funder:
        raise ExportError(f"'{name}' is a warehouse table: --tier/--funder do not apply")
    return _copy(
        warehouse,
        EXPORTS[name].sql,
        out,
        f"warehouse {warehouse} does not exist: run `equipath build` first",
    )

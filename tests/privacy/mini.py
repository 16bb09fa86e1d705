"""A slice of the session warehouse holding only what publishing reads, for tests that
publish several times (a full 10k publication takes minutes on two cores)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

#: every warehouse relation publishing reads, and the rows of it a slice keeps
_SLICED = (
    "marts.outcome_metrics",
    "marts.outcome_cell_maturity",
)


def slice_warehouse(source: Path, target: Path, cohort_year: int, metrics: Sequence[str]) -> Path:
    """Copy every relation publishing reads from `source`, keeping one cohort and the
    given metrics of the per-metric marts; the other relations whole."""
    from orchestration.assets.publish import SOURCES

    metric_list = ", ".join(f"'{m}'" for m in metrics)
    con = duckdb.connect(str(target))
    try:
        con.execute(f"attach '{source}' as source (read_only)")
        for relation in sorted(set(SOURCES.values())):
            schema = relation.split(".")[0]
            con.execute(f"create schema if not exists {schema}")
            where = ""
            if relation in _SLICED or relation == "marts.equity_gaps":
                where = f"where cohort_year = {cohort_year} and metric_id in ({metric_list})"
            elif relation == "marts.km_time_to_employment":
                where = f"where cohort_year = {cohort_year}"
            con.execute(f"create table {relation} as select * from source.{relation} {where}")
    finally:
        con.close()
    return target

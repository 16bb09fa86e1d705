"""Share of not-yet-observable cells per metric in a built warehouse (closing-note figure).

A cell (metric × cohort_year × program_id × dimension × group_value) is immature when its
cohort has units but none of them has a closed outcome window on as_of.

    python scripts/immature_cells.py data/demo/warehouse.duckdb
"""

from __future__ import annotations

import sys

import duckdb

SQL = """
select
    metric_id,
    count(*) as cells,
    sum(case when is_not_yet_observable then 1 else 0 end) as immature_cells,
    round(100.0 * sum(case when is_not_yet_observable then 1 else 0 end) / count(*), 1)
        as immature_pct,
    round(100.0 * sum(cohort_units - mature_units) / sum(cohort_units), 1)
        as immature_units_pct
from marts.outcome_cell_maturity
group by metric_id
order by metric_id
"""


def main(path: str) -> int:
    con = duckdb.connect(path, read_only=True)
    try:
        rows = con.execute(SQL).fetchall()
    finally:
        con.close()
    print("| metric | cells | immature cells | immature % | immature units % |")
    print("|---|---:|---:|---:|---:|")
    for metric, cells, immature, pct, units_pct in rows:
        print(f"| {metric} | {cells:,} | {immature:,} | {pct} | {units_pct} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "data/demo/warehouse.duckdb"))

"""The audit of PRIVACY.md rule 4 over published files, as one reader sees them.

A reader holds some tier files (the public file; or the public file and one funder's).
The audit rebuilds, from those files alone, every figure that reader sees — each row's
`value_low`/`value_high` and `n_rounded` — and runs the attack of `attack.py` on every
withheld numerator. Only the true numerators come from the warehouse (the attacker's
target, which the files must not reveal). Nothing of the suppression's internal state is
used: what is checked is what was written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from equipath.disclosure import rules
from equipath.disclosure.attack import MetricCells, ReaderLP, Seen, Verdict, cap_for
from equipath.disclosure.parallel import run_all
from equipath.disclosure.partitions import LINKS, families
from equipath.disclosure.tiers import KEY_COLUMNS, PUBLIC_KINDS


@dataclass
class AuditReport:
    """What one reader's files allow: every withheld numerator checked, the failures."""

    files: list[Path]
    withheld_numerators: int = 0
    failures: dict[tuple, Verdict] = field(default_factory=dict)
    problems: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def read_figures(files: Sequence[Path]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The union of the `published_metrics` rows of `files` (opened read-only), and the
    metric kinds from their `metric_definitions`. Two files that show the same cell must
    show it identically (a funder file is a subset of the public file)."""
    frames, kinds = [], {}
    for path in files:
        con = duckdb.connect(str(path), read_only=True)
        try:
            frames.append(con.execute("select * from published_metrics").df())
            kinds.update(
                dict(con.execute("select metric_id, kind from metric_definitions").fetchall())
            )
        finally:
            con.close()
    union = pd.concat(frames, ignore_index=True)
    columns = ["value_low", "value_high", "n_rounded", "status"]
    distinct = union.drop_duplicates(subset=[*KEY_COLUMNS, *columns])
    clashes = distinct[distinct.duplicated(subset=KEY_COLUMNS, keep=False)]
    if len(clashes):
        raise ValueError(
            f"files disagree on {len(clashes)} cells, e.g. {clashes.iloc[0].to_dict()}"
        )
    return distinct.reset_index(drop=True), kinds


def truths_from_warehouse(warehouse: Path) -> dict[tuple, tuple[int | None, int]]:
    """(metric, cohort, program, dimension, group) → (numerator, denominator)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "select metric_id, cohort_year, program_id, dimension, group_value, numerator, "
            "denominator from marts.outcome_metrics"
        ).fetchall()
    finally:
        con.close()
    return {
        (m, int(c), p, d, g): (None if x is None else int(x), int(n))
        for m, c, p, d, g, x, n in rows
    }


def audit(
    figures: pd.DataFrame,
    kinds: Mapping[str, str],
    truths: Mapping[tuple, tuple[int | None, int]],
    files: Iterable[Path] = (),
    *,
    workers: int | None = None,
) -> AuditReport:
    """Rule 4 for every withheld numerator of `figures` (rows of `published_metrics`).

    A published cell with no warehouse row is a zero (a linked metric's empty group,
    shown `n<10`): its truth is (0, 0).
    """
    report = AuditReport(list(files))
    rows = figures[figures.status.ne(rules.NOT_YET_OBSERVABLE)]
    cells: dict[tuple[int, str], dict] = defaultdict(dict)
    for row in rows.itertuples(index=False):
        if kinds.get(row.metric_id) not in PUBLIC_KINDS:
            continue
        key = (row.program_id, row.dimension, row.group_value)
        if row.status in rules.SHOWN:
            seen = Seen(int(row.n_rounded))
            if kinds[row.metric_id] == "rate":
                seen = Seen(int(row.n_rounded), float(row.value_low), float(row.value_high))
        elif row.status in rules.WITHHELD:
            seen = None
        else:
            raise ValueError(f"unknown status {row.status!r}")
        cells[(int(row.cohort_year), row.metric_id)][key] = seen

    jobs = []
    for cohort in sorted({c for c, _ in cells}):
        for family in families(m for m, k in kinds.items() if k in PUBLIC_KINDS):
            present = [m for m in family if (cohort, m) in cells]
            if not present:
                continue
            view = [MetricCells(m, kinds[m] == "rate", dict(cells[(cohort, m)])) for m in present]
            census = {
                (m, key): truths.get((m, cohort, *key), (0 if kinds[m] == "rate" else None, 0))
                for m in present
                for key in cells[(cohort, m)]
            }
            targets = {
                (m, key): census[(m, key)][0]
                for m in present
                if kinds[m] == "rate"
                for key, seen in cells[(cohort, m)].items()
                if seen is None
            }
            report.problems += 1
            report.withheld_numerators += len(targets)
            if targets:
                jobs.append((cohort, view, census, targets))
    for cohort, failures in run_all(_attack, jobs, workers=workers, size=lambda j: len(j[3])):
        for (metric, key), verdict in failures.items():
            report.failures[(metric, cohort, *key)] = verdict
    return report


def _attack(job: tuple) -> tuple[int, dict]:
    """One cohort × family: the verdicts that fail."""
    cohort, view, census, targets = job
    lp = ReaderLP(view, cap_for(max(n for _, n in census.values())), LINKS)
    verdicts = lp.check(targets, exhaustive=True, census=census)
    return cohort, {cell: v for cell, v in verdicts.items() if not v.protected}


def audit_files(
    files: Sequence[Path], warehouse: Path, *, workers: int | None = None
) -> AuditReport:
    """Rule 4 for the reader who holds `files`, against the warehouse's true numerators."""
    figures, kinds = read_figures(files)
    return audit(figures, kinds, truths_from_warehouse(warehouse), files, workers=workers)

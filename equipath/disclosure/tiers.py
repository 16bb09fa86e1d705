"""The published tables of each tier, from the outcome marts (PRIVACY.md "Tiers").

No metric is computed here: the warehouse has already aggregated everything. This module
only decides what each reader may see of those aggregates.

* internal — every cell exactly as the marts hold it (plus numerators, Wilson bounds and
  the Kaplan–Meier metrics), `not_yet_observable` cells marked;
* public — rules 1–6: `protect` per cohort_year × family of linked metrics;
* funder — the public rows of the funder's programs and of `ALL` (nothing else, nothing
  finer), so a funder learns nothing the public file does not already tell.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from equipath.disclosure import rules
from equipath.disclosure.parallel import run_all
from equipath.disclosure.partitions import (
    ALL_DIMENSION,
    ALL_PROGRAMS,
    COVERING_DIMENSIONS,
    MATURITY_GROUPS,
    families,
)
from equipath.disclosure.suppression import (
    Protection,
    TrueCell,
    naive_suppression,
    protect,
)

#: metric kinds the public and funder tiers publish; Kaplan–Meier estimates stay internal
PUBLIC_KINDS = frozenset({"rate", "median"})

KEY_COLUMNS = ["metric_id", "cohort_year", "program_id", "dimension", "group_value"]
METRIC_COLUMNS = [
    *KEY_COLUMNS,
    "value",
    "value_low",
    "value_high",
    "display",
    "n_rounded",
    "status",
]
#: the internal tier adds the exact figures behind each row
INTERNAL_EXTRA_COLUMNS = ["numerator", "denominator", "ci_low", "ci_high"]
GAP_COLUMNS = [
    *KEY_COLUMNS,
    "rate",
    "n",
    "reference_rate",
    "reference_n",
    "ppg1",
    "moe",
    "di_flag",
    "successes_needed_no_di",
    "successes_needed_parity",
    "index_80",
    "flag_80",
    "basis",
]


#: what the tier files carry from `marts.dim_subgroups` beside each group (after
#: `group_value`), so that dashboards and reports need no label dictionary of their own
LABEL_COLUMNS = ["dimension_label", "dimension_sort", "group_label", "group_sort"]


def with_labels(frame: pd.DataFrame, subgroups: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the labels and sort orders of its (dimension, group_value) inserted
    after `group_value`. Every published group is in `dim_subgroups`; a group that is not
    is an error (a seed is missing a code), never a blank label."""
    lookup = subgroups[["dimension", "group_value", *LABEL_COLUMNS]]
    merged = frame.merge(lookup, on=["dimension", "group_value"], how="left", validate="m:1")
    missing = merged[merged.group_label.isna()][["dimension", "group_value"]].drop_duplicates()
    if len(missing):
        raise ValueError(f"groups missing from dim_subgroups: {missing.to_dict('records')}")
    for column in ("dimension_sort", "group_sort"):
        merged[column] = merged[column].astype("int64")
    at = list(frame.columns).index("group_value") + 1
    order = [*frame.columns[:at], *LABEL_COLUMNS, *frame.columns[at:]]
    return merged[order]


@dataclass
class Definitions:
    """`reference.metric_definitions`: kind (rate | median | km) and unit per metric."""

    kind: dict[str, str]
    unit: dict[str, str]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Definitions:
        return cls(
            dict(zip(frame.metric_id, frame.kind, strict=True)),
            dict(zip(frame.metric_id, frame.unit, strict=True)),
        )


@dataclass
class DisclosureStats:
    """What public disclosure withheld and what it cost (for the logs and the bench)."""

    by_status: Counter = field(default_factory=Counter)
    problems: int = 0
    rounds: int = 0
    lp_solves: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        statuses = ", ".join(f"{k} {v:,}" for k, v in sorted(self.by_status.items()))
        return (
            f"{statuses}; {self.problems} problems, {self.rounds} rounds, "
            f"{self.lp_solves:,} LP solves, {self.seconds:.1f} s"
        )


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def public_metrics(
    outcomes: pd.DataFrame,
    immature: pd.DataFrame,
    definitions: Definitions,
    *,
    naive: bool = False,
    workers: int | None = None,
) -> tuple[pd.DataFrame, DisclosureStats]:
    """`published_metrics` of the public tier, and what it withheld.

    `outcomes` is `marts.outcome_metrics`; `immature` the `not_yet_observable` cells of
    `marts.outcome_cell_maturity` (key columns). `naive=True` uses the textbook
    complementary rule instead of the LP-checked one (for comparison only: it does not
    satisfy rule 4). Problems (cohort_year × family) run on `workers` processes (default
    EQUIPATH_PUBLISH_WORKERS, else 2).

    Within a family of linked metrics, a key present in one metric but absent from another
    (a zero denominator) gets an `n<10` row there: a missing row would tell the reader the
    count is exactly 0, and a link (e.g. living-wage earners ≤ Q2 earners) would pass that
    zero on to a withheld numerator.
    """
    started = time.monotonic()
    stats = DisclosureStats()
    kinds = definitions.kind
    public = outcomes[outcomes.metric_id.map(kinds).isin(PUBLIC_KINDS)]
    cells: dict[tuple[int, str], dict] = defaultdict(dict)
    for row in public.itertuples(index=False):
        cells[(int(row.cohort_year), row.metric_id)][
            (row.program_id, row.dimension, row.group_value)
        ] = TrueCell(_int(row.numerator), int(row.denominator), _float(row.value))
    immature_public = immature[immature.metric_id.map(kinds).isin(PUBLIC_KINDS)]
    immature_keys = {
        (row.metric_id, int(row.cohort_year), row.program_id, row.dimension, row.group_value)
        for row in immature_public.itertuples(index=False)
    }
    for group in MATURITY_GROUPS:
        mature = {(c, *k) for (c, m), ks in cells.items() if m in group for k in ks}
        immature_keys = {
            i for i in immature_keys if not (i[0] in group and (i[1], *i[2:]) in mature)
        }

    problems: list[tuple[int, dict]] = []
    cohorts = sorted({cohort for cohort, _ in cells})
    for cohort in cohorts:
        for family in families(m for m, k in kinds.items() if k in PUBLIC_KINDS):
            problem = {m: dict(cells[(cohort, m)]) for m in family if (cohort, m) in cells}
            if not problem:
                continue
            if len(problem) > 1:
                universe = set().union(*problem.values())
                for metric, metric_cells in problem.items():
                    for key in universe - set(metric_cells):
                        if (metric, cohort, *key) not in immature_keys:
                            numerator = 0 if kinds[metric] == "rate" else None
                            metric_cells[key] = TrueCell(numerator, 0, None)
            problems.append((cohort, problem))
    stats.problems = len(problems)

    records: list[tuple] = []
    for cohort, protection in _solve_all(problems, kinds, naive=naive, workers=workers):
        stats.rounds += protection.rounds
        stats.lp_solves += protection.lp_solves
        for (metric, key), figure in protection.figures.items():
            records.append((metric, cohort, *key, *_figure_columns(figure)))

    not_yet = rules.withheld(rules.NOT_YET_OBSERVABLE)
    for metric, cohort, program, dimension, group in sorted(immature_keys):
        records.append((metric, cohort, program, dimension, group, *_figure_columns(not_yet)))
    frame = _frame(records, METRIC_COLUMNS)
    stats.by_status.update(frame.status.value_counts().to_dict())
    stats.seconds = time.monotonic() - started
    return frame, stats


def _protect_one(job: tuple) -> tuple[int, Protection]:
    cohort, problem, kinds, naive = job
    if naive:
        return cohort, Protection(naive_suppression(problem, kinds))
    return cohort, protect(problem, kinds)


def _solve_all(
    problems: list[tuple[int, dict]], kinds: Mapping[str, str], *, naive: bool, workers: int | None
) -> list[tuple[int, Protection]]:
    """Each problem's protection, in input order."""
    jobs = [(cohort, problem, dict(kinds), naive) for cohort, problem in problems]
    return run_all(
        _protect_one, jobs, workers=workers, size=lambda job: sum(len(c) for c in job[1].values())
    )


def _figure_columns(figure: rules.Figure) -> tuple:
    return (
        figure.value,
        figure.low,
        figure.high,
        figure.display,
        figure.n_rounded,
        figure.status,
    )


def _frame(records: Iterable[tuple], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(records), columns=columns)
    frame["cohort_year"] = frame["cohort_year"].astype("int64")
    for column in ("value", "value_low", "value_high"):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    if "n_rounded" in frame:
        frame["n_rounded"] = frame["n_rounded"].astype("Int64")
    return frame.sort_values(KEY_COLUMNS, kind="stable").reset_index(drop=True)


def internal_metrics(
    outcomes: pd.DataFrame, immature: pd.DataFrame, definitions: Definitions
) -> pd.DataFrame:
    """`published_metrics` of the internal tier: exact, every metric, nothing withheld
    except what does not exist yet (`not_yet_observable`)."""
    records = []
    for row in outcomes.itertuples(index=False):
        value = _float(row.value)
        kind, unit = definitions.kind[row.metric_id], definitions.unit[row.metric_id]
        records.append(
            (
                row.metric_id,
                int(row.cohort_year),
                row.program_id,
                row.dimension,
                row.group_value,
                value,
                value,
                value,
                rules.exact_display(kind, unit, value),
                int(row.denominator),
                rules.PUBLISHED,
                _int(row.numerator),
                int(row.denominator),
                _float(row.ci_low),
                _float(row.ci_high),
            )
        )
    for row in immature.itertuples(index=False):
        records.append(
            (
                row.metric_id,
                int(row.cohort_year),
                row.program_id,
                row.dimension,
                row.group_value,
                None,
                None,
                None,
                rules.WITHHELD_DISPLAY,
                None,
                rules.NOT_YET_OBSERVABLE,
                None,
                None,
                None,
                None,
            )
        )
    frame = _frame(records, [*METRIC_COLUMNS, *INTERNAL_EXTRA_COLUMNS])
    for column in ("numerator", "denominator"):
        frame[column] = frame[column].astype("Int64")
    return frame


def internal_equity_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """`marts.equity_gaps` as it is, marked as computed from exact counts."""
    frame = gaps.copy()
    frame["basis"] = "exact"
    frame["cohort_year"] = frame["cohort_year"].astype("int64")
    return frame[GAP_COLUMNS].sort_values(KEY_COLUMNS, kind="stable").reset_index(drop=True)


def public_equity_gaps(metrics: pd.DataFrame, definitions: Definitions) -> pd.DataFrame:
    """METRICS.md's equity gaps recomputed from a tier's published figures only.

    A row is published when its inputs are: the group's cell is shown and so is "everyone
    else" — the `all` cell (everyone else = all − group; every dimension of METRICS.md
    covers everyone) or, for a dimension not known to cover everyone, every other group.
    Each rate enters as the middle of its published interval and each count as its
    rounded value, so every figure here is one a reader could compute from the file: the
    rows add no information, which is why they need no disclosure control of their own.
    `reference_n` is the all cell's rounded count minus the group's (a multiple of 5, like
    every published count). `successes_needed_*` are counts of people that rounded inputs
    cannot support; they are null here (exact in internal).
    """
    rates = metrics[
        metrics.metric_id.map(definitions.kind).eq("rate")
        & metrics.status.isin(rules.SHOWN | rules.WITHHELD)
    ].copy()
    rates["shown"] = rates.status.isin(rules.SHOWN)
    rates["mid"] = (rates.value_low + rates.value_high) / 2
    rates["n_est"] = rates.n_rounded.astype("float64")
    rates["x_est"] = rates.mid * rates.n_est
    cell = ["metric_id", "cohort_year", "program_id"]
    totals = rates[rates.dimension.eq(ALL_DIMENSION)][[*cell, "shown", "x_est", "n_est"]]
    totals = totals.rename(columns={"shown": "all_shown", "x_est": "all_x", "n_est": "all_n"})
    groups = rates[rates.dimension.ne(ALL_DIMENSION)]
    per_dimension = groups.groupby([*cell, "dimension"], sort=False).agg(
        every_shown=("shown", "all"),
        dim_x=("x_est", "sum"),
        dim_n=("n_est", "sum"),
    )
    best_shown = (
        groups[groups.shown & groups.n_est.ge(rules.MIN_N)]
        .groupby([*cell, "dimension"])["mid"]
        .max()
        .rename("best_rate")
    )
    frame = groups.merge(totals, on=cell, how="left").merge(
        per_dimension.join(best_shown, how="left"),
        left_on=[*cell, "dimension"],
        right_index=True,
        how="left",
    )
    is_open = ~frame.dimension.isin(COVERING_DIMENSIONS)
    inputs_shown = frame.shown & np.where(is_open, frame.every_shown, frame.all_shown.eq(True))
    frame = frame[inputs_shown].copy()
    is_open = ~frame.dimension.isin(COVERING_DIMENSIONS)
    other_x = np.where(is_open, frame.dim_x, frame.all_x) - frame.x_est
    other_n = np.where(is_open, frame.dim_n, frame.all_n) - frame.n_est
    with np.errstate(divide="ignore", invalid="ignore"):
        reference = np.where(other_n > 0, np.clip(other_x / other_n, 0.0, 1.0), np.nan)
    frame["rate"] = frame.value
    frame["n"] = frame.n_rounded.astype("Int64")
    frame["reference_rate"] = np.round(reference, 2)
    frame["reference_n"] = pd.array(np.maximum(other_n, 0).round(), dtype="Int64")
    frame["ppg1"] = np.round(frame.mid - frame.reference_rate, 4)
    frame["moe"] = np.maximum(1.96 * np.sqrt(0.25 / frame.n_est), 0.03)
    frame["di_flag"] = (
        (frame.n_est >= rules.MIN_N)
        & (frame.reference_n >= rules.MIN_N).fillna(False).astype(bool)
        & (frame.ppg1 <= -frame.moe).fillna(False)
    )
    frame["successes_needed_no_di"] = pd.array([None] * len(frame), dtype="Int64")
    frame["successes_needed_parity"] = pd.array([None] * len(frame), dtype="Int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        index = np.where(frame.best_rate > 0, frame.mid / frame.best_rate, np.nan)
    frame["index_80"] = np.round(index, 4)
    frame["flag_80"] = frame.index_80.lt(0.8).fillna(False).astype(bool)
    frame["basis"] = "published figures"
    frame["di_flag"] = frame.di_flag.astype(bool)
    return frame[GAP_COLUMNS].sort_values(KEY_COLUMNS, kind="stable").reset_index(drop=True)


def funder_view(frame: pd.DataFrame, programs: Iterable[str]) -> pd.DataFrame:
    """PRIVACY.md: "the public tier's cells for the programs it funds and `ALL`"."""
    keep = {ALL_PROGRAMS, *programs}
    return frame[frame.program_id.isin(keep)].reset_index(drop=True)


def funder_programs(programs: pd.DataFrame, funders: Iterable[str]) -> dict[str, list[str]]:
    """funder_id → the programs whose `;`-separated `funder_ids` name it. Every funder of
    the catalog gets an entry, possibly empty (its file then holds `ALL` only); an id that
    is not in the funder catalog gets no file."""
    result: dict[str, list[str]] = {str(f): [] for f in funders}
    for row in programs.itertuples(index=False):
        listed = "" if row.funder_ids is None or pd.isna(row.funder_ids) else row.funder_ids
        for funder in str(listed).split(";"):
            if funder.strip() in result:
                result[funder.strip()].append(row.program_id)
    return {f: sorted(p) for f, p in sorted(result.items())}

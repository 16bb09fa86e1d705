"""`published_pathways`: the stackable-progression flows of `marts.pathway_flows`, per tier.

Each cohort × from-program has two flows — its `stacks_into` program and `(none)` — whose
counts are the `stack_rate_365d` cell's numerator and denominator minus numerator
(`program_id = from_program_id`, dimension `all`). That cell is already published in
`published_metrics`, so the flows are not new cells of their own: they are two more
figures about a published cell, and the risk is that they tighten what a reader infers
about it and, through the partitions it belongs to, about the withheld cells around it.

Public and funder tiers therefore publish a flow's count only when

1. the stack-rate cell is shown (its flows are withheld, with the cell's status, when it
   is `n<10`, `complementary` or `not_yet_observable`: two flows of ±2.5 would give its
   numerator to within ±2.5 and its count to within ±5);
2. the flow itself has n ≥ 10 (rule 1), rounded to 5 (rule 3);
3. the rule-4 attack of `attack.py` on every withheld `stack_rate_365d` cell of the
   cohort, with the flow counts added to what the reader sees (`x ∈ [S − 2.5, S + 2.5]`,
   `n − x ∈ [M − 2.5, M + 2.5]`), still reaches x + 2 and max(0, x − 2); where it does
   not, the flows of the programs concerned are withheld (`complementary`; every
   program's, when only `ALL` cells are exposed) and the attack is run again — until no
   withheld cell is exposed, which withholding all flows guarantees (the view is then
   the public file's own, which suppression made safe).

The employment rate of a flow (Q2 after the flow's last exit) is a rate of its own with
no published total: rules 1–2 (`rules.rate_figure`) and no count; it is withheld wherever
the flow's count is withheld for rule 4, so a withheld flow shows nothing but its reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import csr_array, vstack

from equipath.disclosure import rules
from equipath.disclosure.attack import (
    COUNT_HALF_WIDTH,
    REACH,
    TOLERANCE,
    MetricCells,
    ReaderLP,
    Seen,
    cap_for,
)
from equipath.disclosure.partitions import ALL_DIMENSION, ALL_GROUP, ALL_PROGRAMS

STACK_METRIC = "stack_rate_365d"
NO_STACK = "(none)"
#: joint solves (every pending numerator pushed at once) before cells are tried one by one
JOINT_SOLVES = 3

COLUMNS = [
    "cohort_year",
    "from_program_id",
    "to_program_id",
    "stackers",
    "stackers_status",
    "employed_q2_rate",
    "employed_q2_display",
    "employed_q2_status",
]

Flow = tuple[int, str, str]
"""(cohort_year, from_program_id, to_program_id)."""


def _frame(records: Iterable[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(records), columns=COLUMNS)
    frame["cohort_year"] = frame["cohort_year"].astype("int64")
    frame["stackers"] = frame["stackers"].astype("Int64")
    frame["employed_q2_rate"] = frame["employed_q2_rate"].astype("float64")
    return frame.sort_values(COLUMNS[:3], kind="stable").reset_index(drop=True)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def internal_pathways(flows: pd.DataFrame) -> pd.DataFrame:
    """The internal tier: exact counts and rates (`marts.pathway_flows` as it is)."""
    records = []
    for row in flows.itertuples(index=False):
        if bool(row.is_not_yet_observable):
            nyo = rules.NOT_YET_OBSERVABLE
            flow = (row.cohort_year, row.from_program_id, row.to_program_id)
            records.append((*flow, None, nyo, None, rules.WITHHELD_DISPLAY, nyo))
            continue
        denominator = _int(row.employed_q2_denominator) or 0
        if denominator > 0:
            rate = float(row.employed_q2_numerator) / denominator
            employed = (rate, rules.exact_display("rate", "fraction", rate), rules.PUBLISHED)
        else:
            employed = (None, rules.WITHHELD_DISPLAY, rules.NOT_YET_OBSERVABLE)
        records.append(
            (
                row.cohort_year,
                row.from_program_id,
                row.to_program_id,
                int(row.stackers),
                rules.PUBLISHED,
                *employed,
            )
        )
    return _frame(records)


def public_pathways(
    flows: pd.DataFrame,
    public_metrics: pd.DataFrame,
    truths: Mapping[tuple[int, str, str, str], tuple[int, int]],
) -> pd.DataFrame:
    """The public tier's flows (see the module docstring for the rules).

    `public_metrics` is the public `published_metrics`; `truths` maps (cohort_year,
    program_id, dimension, group_value) to the true `stack_rate_365d` (numerator,
    denominator) (the attack's targets, from `marts.outcome_metrics`).
    """
    stack = public_metrics[public_metrics.metric_id.eq(STACK_METRIC)]
    cell_status = {
        (int(r.cohort_year), r.program_id): r.status
        for r in stack[stack.dimension.eq(ALL_DIMENSION)].itertuples(index=False)
    }
    flow_rows = {
        (int(r.cohort_year), r.from_program_id, r.to_program_id): r
        for r in flows.itertuples(index=False)
    }

    # rules 1–3 and the stack cell's own status
    status: dict[Flow, str] = {}
    for flow, row in flow_rows.items():
        cohort, program, _ = flow
        cell = cell_status.get((cohort, program), rules.NOT_YET_OBSERVABLE)
        if bool(row.is_not_yet_observable) or cell == rules.NOT_YET_OBSERVABLE:
            status[flow] = rules.NOT_YET_OBSERVABLE
        elif cell not in rules.SHOWN:
            status[flow] = cell
        elif int(row.stackers) < rules.MIN_N:
            status[flow] = rules.SMALL_CELL
        else:
            status[flow] = rules.PUBLISHED

    # rule 4 with the flows added to the reader's view, cohort by cohort
    for cohort in sorted({c for c, _, _ in flow_rows}):
        while True:
            shown = {
                f: round_flow(int(flow_rows[f].stackers))
                for f in flow_rows
                if f[0] == cohort and status[f] == rules.PUBLISHED
            }
            failing = exposed_cells(stack[stack.cohort_year.eq(cohort)], shown, truths, cohort)
            if not failing:
                break
            # the programs of the exposed cells first; an exposed `ALL` cell alone (its
            # programs' flows together pin it) withholds every flow of the cohort
            programs = {p for p, _, _ in failing} - {ALL_PROGRAMS}
            if not programs:
                programs = {p for _, p, _ in shown}
            for flow in shown:
                if flow[1] in programs:
                    status[flow] = rules.COMPLEMENTARY

    records = []
    for flow, row in sorted(flow_rows.items()):
        state = status[flow]
        if state == rules.PUBLISHED:
            count = round_flow(int(row.stackers))
            denominator = _int(row.employed_q2_denominator) or 0
            if denominator > 0:
                figure = rules.rate_figure(int(row.employed_q2_numerator), denominator)
            else:
                figure = rules.withheld(rules.NOT_YET_OBSERVABLE)
            employed = (figure.value, figure.display, figure.status)
        elif state == rules.SMALL_CELL:
            # the flow's count is withheld; its employment rate has a smaller denominator
            count = None
            employed = (None, rules.WITHHELD_DISPLAY, rules.SMALL_CELL)
        else:
            count = None
            employed = (None, rules.WITHHELD_DISPLAY, state)
        records.append((*flow, count, state, *employed))
    return _frame(records)


def round_flow(count: int) -> int:
    """Rule 3 for a flow count (the same rounding as every published count)."""
    return rules.round_count(count)


def exposed_cells(
    stack: pd.DataFrame,
    shown_flows: Mapping[Flow, int],
    truths: Mapping[tuple[int, str, str, str], tuple[int, int]],
    cohort: int,
) -> set[tuple[str, str, str]]:
    """The withheld `stack_rate_365d` cells of one cohort that a reader of `stack` (that
    cohort's public rows) and of `shown_flows` (flow → rounded count) can pin closer than
    rule 4 allows: the attack's feasible set (`ReaderLP`, exactly as the audit builds it)
    with one more pair of rows per shown flow."""
    cells: dict[tuple[str, str, str], Seen | None] = {}
    for row in stack.itertuples(index=False):
        key = (row.program_id, row.dimension, row.group_value)
        if row.status in rules.SHOWN:
            cells[key] = Seen(int(row.n_rounded), float(row.value_low), float(row.value_high))
        elif row.status in rules.WITHHELD:
            cells[key] = None
    targets = {
        key: truths.get((cohort, *key), (0, 0))[0] for key, seen in cells.items() if seen is None
    }
    if not targets or not shown_flows:
        return set()
    largest = max(n for _, n in truths.values()) if truths else 0
    lp = ReaderLP([MetricCells(STACK_METRIC, True, cells)], cap_for(largest), ())

    # a shown flow S of program P: S − 2.5 ≤ x_P ≤ S + 2.5 (stacked) or
    # S − 2.5 ≤ n_P − x_P ≤ S + 2.5 ((none))
    extra_rows: list[dict[int, float]] = []
    extra_rhs: list[float] = []
    for (_, program, to_program), count in shown_flows.items():
        key = (program, ALL_DIMENSION, ALL_GROUP)
        x = lp.index[(STACK_METRIC, key, "x")]
        n = lp.index[(STACK_METRIC, key, "n")]
        terms = {x: 1.0} if to_program != NO_STACK else {n: 1.0, x: -1.0}
        extra_rows.append(terms)
        extra_rhs.append(count + COUNT_HALF_WIDTH)
        extra_rows.append({v: -c for v, c in terms.items()})
        extra_rhs.append(-(count - COUNT_HALF_WIDTH))
    solver = lp._solver  # the attack's own rows, bounds and right-hand sides
    a_ub = vstack([lp.a_ub, _rows(extra_rows, lp.size)]).tocsr()
    b_ub = np.concatenate([solver.b_ub, np.array(extra_rhs)])
    bounds = solver.bounds

    def solve(cost: np.ndarray) -> np.ndarray:
        result = linprog(
            cost,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=lp.a_eq if lp.a_eq.shape[0] else None,
            b_eq=solver.b_eq if lp.a_eq.shape[0] else None,
            bounds=bounds,
            method="highs",
        )
        if result.status != 0:
            raise RuntimeError(f"pathways attack LP failed: {result.message}")
        return result.x

    variables = {key: lp.index[(STACK_METRIC, key, "x")] for key in targets}
    goals = {
        +1.0: {k: truth + REACH for k, truth in targets.items()},  # reach up
        -1.0: {k: max(0.0, truth - REACH) for k, truth in targets.items()},  # reach down
    }
    failing: set[tuple[str, str, str]] = set()
    for direction, goal in goals.items():
        pending = dict(goal)
        # any consistent point that reaches a goal proves it: push all pending at once
        for _ in range(JOINT_SOLVES):
            if not pending:
                break
            cost = np.zeros(lp.size)
            for key in pending:
                cost[variables[key]] = -direction
            point = solve(cost)
            pending = {
                k: g
                for k, g in pending.items()
                if direction * (point[variables[k]] - g) < -TOLERANCE
            }
        for key, target in pending.items():
            cost = np.zeros(lp.size)
            cost[variables[key]] = -direction
            best = solve(cost)[variables[key]]
            if direction * (best - target) < -TOLERANCE:
                failing.add(key)
    return failing


def _rows(rows: list[dict[int, float]], size: int) -> csr_array:
    data, cols, indptr = [], [], [0]
    for row in rows:
        for col, value in sorted(row.items()):
            cols.append(col)
            data.append(value)
        indptr.append(len(cols))
    return csr_array((data, cols, indptr), shape=(len(rows), size))


def funder_pathways(frame: pd.DataFrame, programs: Iterable[str]) -> pd.DataFrame:
    """A funder's flows: those that start in one of its programs (PRIVACY.md: the public
    tier's cells for the programs it funds)."""
    return frame[frame.from_program_id.isin(set(programs))].reset_index(drop=True)

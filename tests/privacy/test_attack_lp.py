"""The attack's LP against a plain one written out here, on random small tables: the same
intervals, and `check` (with its shortcuts: relaxations, restrictions, joint solves)
reaching the same verdicts as the exact intervals."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import linprog

from equipath.disclosure import rules
from equipath.disclosure.attack import REACH, MetricCells, ReaderLP, Seen
from equipath.disclosure.partitions import build_partitions

PROGRAMS = ("P1", "P2", "P3")
DIMENSIONS = {
    "sex": ("F", "M"),
    "age_band": ("Under 20", "20-24", "25-34"),
    "modality": ("online", "hybrid", "Unknown"),
    # not a METRICS.md dimension: build_partitions treats it as open (groups add up to at
    # most the total), which keeps the remainder constraints under test
    "campus": ("North", "South"),
}


def random_table(rng: random.Random) -> dict:
    """Participation-level draws aggregated into every cell (so all sums hold exactly)."""
    people = []
    for program in PROGRAMS:
        for _ in range(rng.choice([6, 15, 40, 90])):
            person = {"program": program, "success": rng.random() < rng.choice([0.05, 0.5, 0.9])}
            for dimension, groups in DIMENSIONS.items():
                person[dimension] = rng.choice(groups)
            if rng.random() < 0.1:
                person["campus"] = None  # no campus: in no group of an open dimension
            people.append(person)
    cells: dict = {}
    for person in people:
        for program in (person["program"], "ALL"):
            keys = [(program, "all", "All")]
            keys += [(program, d, person[d]) for d in DIMENSIONS if person[d] is not None]
            for key in keys:
                x, n = cells.get(key, (0, 0))
                cells[key] = (x + person["success"], n + 1)
    return cells


def plain_interval(cells: dict, shown: dict, target, cap: float) -> tuple[float, float]:
    """min and max of the target's numerator, every constraint written out by hand (every
    variable at most `cap`, as in the attack: far above any true count)."""
    keys = sorted(cells)
    index = {k: i for i, k in enumerate(keys)}
    size = 2 * len(keys)
    x = lambda k: 2 * index[k]  # noqa: E731
    n = lambda k: 2 * index[k] + 1  # noqa: E731
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    bounds = [(0, cap)] * size
    remainders = []
    for key in keys:
        row = np.zeros(size)
        row[x(key)], row[n(key)] = 1, -1
        a_ub.append(row), b_ub.append(0)
        if key in shown:
            figure = shown[key]
            bounds[n(key)] = (figure.n_rounded - 2.5, figure.n_rounded + 2.5)
            row = np.zeros(size)
            row[x(key)], row[n(key)] = 1, -figure.high
            a_ub.append(row), b_ub.append(0)
            row = np.zeros(size)
            row[x(key)], row[n(key)] = -1, figure.low
            a_ub.append(row), b_ub.append(0)
    for partition in build_partitions(keys):
        for part in (x, n):
            row = np.zeros(size)
            for k in partition.parts:
                row[part(k)] += 1
            row[part(partition.total)] -= 1
            if partition.covering:
                a_eq.append(row), b_eq.append(0)
            else:  # parts ≤ total, and the rest is a cell with 0 ≤ x ≤ n
                a_ub.append(row), b_ub.append(0)
                remainders.append(partition)
    for partition in remainders:  # (total − parts).x ≤ (total − parts).n
        row = np.zeros(size)
        for k in partition.parts:
            row[x(k)] -= 1
            row[n(k)] += 1
        row[x(partition.total)] += 1
        row[n(partition.total)] -= 1
        a_ub.append(row), b_ub.append(0)
    c = np.zeros(size)
    out = []
    for sign in (1, -1):
        c[:] = 0
        c[x(target)] = sign
        result = linprog(c, A_ub=np.array(a_ub), b_ub=b_ub, A_eq=np.array(a_eq), b_eq=b_eq,
                         bounds=bounds, method="highs")  # fmt: skip
        assert result.status == 0, result.message
        out.append(result.x[x(target)])
    return out[0], out[1]


@pytest.mark.parametrize("seed", range(10))
def test_the_attack_lp_is_the_plain_lp(seed):
    rng = random.Random(seed)
    cells = random_table(rng)
    figures = {k: rules.rate_figure(*v) for k, v in cells.items()}
    # withhold some shown cells too, as complementary suppression would
    for key in rng.sample(sorted(cells), k=len(cells) // 6):
        figures[key] = rules.withheld(rules.COMPLEMENTARY)
    shown = {k: f for k, f in figures.items() if f.status in rules.SHOWN}
    view = MetricCells(
        "r",
        True,
        {k: Seen(f.n_rounded, f.low, f.high) if k in shown else None for k, f in figures.items()},
    )
    cap = 10 * max(n for _, n in cells.values()) + 100
    lp = ReaderLP([view], cap, links=())
    targets = {("r", k): cells[k][0] for k in cells if k not in shown}
    assert targets
    exact = {}
    for cell in sorted(targets):
        plain = plain_interval(cells, shown, cell[1], cap)
        ours = lp.interval(cell)
        assert ours == pytest.approx(plain, abs=1e-6), cell
        exact[cell] = plain
    census = {("r", k): v for k, v in cells.items()}
    fresh = ReaderLP([view], cap, links=())
    verdicts = fresh.check(targets, census=census)
    for cell, verdict in verdicts.items():
        low, high = exact[cell]
        truth = targets[cell]
        expected = high >= truth + REACH - 1e-6 and low <= max(0, truth - REACH) + 1e-6
        assert verdict.protected == expected, (cell, truth, exact[cell], verdict)

"""PRIVACY.md rule 4: complementary suppression until the LP attack narrows nothing.

One problem is one cohort_year × one family of linked metrics (`partitions.families`):
partitions and links never join cells of different cohorts or unlinked metrics, so these
problems are independent and small (a few thousand LP variables).

The loop: run the attack (`attack.ReaderLP.check`) over every withheld numerator; for the
cells whose interval is still too narrow, withhold more shown cells among those whose
figures bind their optima (the LP's non-zero duals name them), cheapest per failing cell
helped — cost is the denominator, the number of people whose outcome is hidden (a greedy
weighted set cover, `_choose`); repeat until every withheld numerator reaches x ± 2.

It always ends: each round withholds at least one more cell, and with every cell withheld
the attack has no figure left to narrow anything.

`naive_suppression` is the textbook rule ("withhold the next smallest in every margin
that has exactly one withheld cell"), kept to compare with (scripts/bench_publish.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from equipath.disclosure import rules
from equipath.disclosure.attack import CellId, MetricCells, ReaderLP, Seen, Verdict, cap_for
from equipath.disclosure.partitions import LINKS, TWINS, Link, build_partitions


@dataclass(frozen=True)
class TrueCell:
    """One cell of `marts.outcome_metrics` as the warehouse knows it."""

    numerator: int | None  # None for medians
    denominator: int
    value: float | None


@dataclass
class Protection:
    """The outcome for one problem: every cell's figure, and how much work it took."""

    figures: dict[CellId, rules.Figure]
    rounds: int = 0
    lp_solves: int = 0


def primary_figure(kind: str, cell: TrueCell) -> rules.Figure:
    """Rules 1, 2, 3 and 5 for one cell."""
    if kind == "rate":
        if cell.numerator is None:
            raise ValueError("a rate cell needs its numerator")
        return rules.rate_figure(cell.numerator, cell.denominator)
    if kind == "median":
        return rules.median_figure(cell.value, cell.denominator)
    raise ValueError(f"metric kind '{kind}' is not published outside the internal tier")


def reader_view(
    cells: Mapping[str, Mapping], kinds: Mapping[str, str], figures: Mapping[CellId, rules.Figure]
) -> list[MetricCells]:
    """What a reader of these figures sees, in the attack's terms."""
    view = []
    for metric, metric_cells in sorted(cells.items()):
        seen: dict = {}
        for key in metric_cells:
            figure = figures[(metric, key)]
            if figure.status not in rules.SHOWN:
                seen[key] = None
            elif kinds[metric] == "rate":
                seen[key] = Seen(figure.n_rounded, figure.low, figure.high)
            else:
                seen[key] = Seen(figure.n_rounded)
        view.append(MetricCells(metric, kinds[metric] == "rate", seen))
    return view


def attack_cap(cells: Mapping[str, Mapping[object, TrueCell]]) -> float:
    """An upper bound on every variable that no true count reaches."""
    return cap_for(max((c.denominator for m in cells.values() for c in m.values()), default=0))


def protect(
    cells: Mapping[str, Mapping[object, TrueCell]],
    kinds: Mapping[str, str],
    links: tuple[Link, ...] = LINKS,
    max_rounds: int = 10_000,
) -> Protection:
    """Rules 1–5 for one cohort_year × family: every cell's figure, rule 4 satisfied.

    `cells[metric][key]` holds the true cells; `kinds[metric]` is `rate` or `median`.
    A twin metric (`partitions.TWINS`: the same denominators cell for cell) is left out
    of the LP and withheld exactly where its original is, for the same reason.
    """
    twins = {t: o for t, o in TWINS.items() if t in cells and o in cells}
    if twins:
        protection = protect(
            {m: c for m, c in cells.items() if m not in twins}, kinds, links, max_rounds
        )
        for twin, original in twins.items():
            for key, cell in cells[twin].items():
                source = protection.figures.get((original, key))
                if source is None or cells[original][key].denominator != cell.denominator:
                    raise ValueError(f"{twin} and {original} differ at {key}: not twins")
                protection.figures[(twin, key)] = (
                    rules.withheld(source.status)
                    if source.status in rules.WITHHELD
                    else primary_figure(kinds[twin], cell)
                )
        return protection
    figures = {
        (metric, key): primary_figure(kinds[metric], cell)
        for metric, metric_cells in cells.items()
        for key, cell in metric_cells.items()
    }
    protection = Protection(figures)
    truths = {
        cell: cells[cell[0]][cell[1]].numerator
        for cell, figure in figures.items()
        if figure.status in rules.WITHHELD and kinds[cell[0]] == "rate"
    }
    if not truths:
        return protection
    up: set[CellId] = set()
    down: set[CellId] = set()
    census = {
        (metric, key): (cell.numerator, cell.denominator)
        for metric, metric_cells in cells.items()
        for key, cell in metric_cells.items()
    }
    lp = ReaderLP(reader_view(cells, kinds, figures), attack_cap(cells), links)
    exhaustive = False
    for _ in range(max_rounds):
        protection.rounds += 1
        verdicts = lp.check(truths, up, down, exhaustive=exhaustive, census=census)
        protection.lp_solves = lp.solves + lp.restricted_solves + lp.screen_solves
        failing = {c: v for c, v in verdicts.items() if v.failed}
        if not failing:
            if exhaustive:
                return protection
            exhaustive = True  # cheap checks found nothing more: ask the full LP
            continue
        exhaustive = False
        for cell in _choose(failing, cells, figures, kinds):
            figures[cell] = rules.withheld(rules.COMPLEMENTARY)
            lp.withhold(cell)
            if kinds[cell[0]] == "rate":
                truths[cell] = cells[cell[0]][cell[1]].numerator
    raise RuntimeError(f"complementary suppression did not converge in {max_rounds} rounds")


def _choose(
    failing: Mapping[CellId, Verdict],
    cells: Mapping[str, Mapping[object, TrueCell]],
    figures: Mapping[CellId, rules.Figure],
    kinds: Mapping[str, str],
) -> list[CellId]:
    """Cells to withhold next: a greedy weighted set cover of the failing cells.

    Each failing cell can be helped by any shown cell whose figures bind its optimum (its
    blockers). A cell that blocks several failing cells at once — the fourth corner of a
    rectangle — is worth more than the smallest one that blocks a single cell, so the
    pick minimises denominator per failing cell covered; covered cells wait for the next
    check instead of getting a cell of their own.
    """

    def cost(cell: CellId) -> int:
        return cells[cell[0]][cell[1]].denominator

    helps: dict[CellId, set[CellId]] = {}
    for cell, verdict in failing.items():
        candidates = {b for b in verdict.blockers if figures[b].status in rules.SHOWN}
        if not candidates:
            candidates = _shown_neighbours(cell, cells, figures)
        if not candidates:  # pragma: no cover - a withheld cell always has a shown neighbour
            raise RuntimeError(f"{cell}: too narrow and nothing left to withhold")
        for candidate in candidates:
            helps.setdefault(candidate, set()).add(cell)

    chosen: list[CellId] = []
    uncovered = set(failing)
    while uncovered:
        best = min(
            (c for c in helps if helps[c] & uncovered),
            key=lambda c: (cost(c) / len(helps[c] & uncovered), cost(c), c),
        )
        chosen.append(best)
        uncovered -= helps[best]
    return chosen


def _shown_neighbours(
    cell: CellId, cells: Mapping[str, Mapping], figures: Mapping[CellId, rules.Figure]
) -> set[CellId]:
    """Shown cells that share a partition with `cell`, or its key in a linked metric
    (fallback when no dual binds)."""
    metric, key = cell
    found: set[CellId] = {
        (m, key) for m in cells if key in cells[m] and figures[(m, key)].status in rules.SHOWN
    }
    for partition in build_partitions(cells[metric]):
        members = (*partition.parts, partition.total)
        if key in members:
            found |= {(metric, k) for k in members if figures[(metric, k)].status in rules.SHOWN}
    return found


def naive_suppression(
    cells: Mapping[str, Mapping[object, TrueCell]], kinds: Mapping[str, str]
) -> dict[CellId, rules.Figure]:
    """The textbook rule, for comparison only: in every partition (of each metric on its
    own) with exactly one withheld part, withhold the shown part with the smallest
    denominator; repeat until no partition has a lone withheld part."""
    figures = {
        (metric, key): primary_figure(kinds[metric], cell)
        for metric, metric_cells in cells.items()
        for key, cell in metric_cells.items()
    }
    partitions = {metric: build_partitions(mc) for metric, mc in cells.items()}
    changed = True
    while changed:
        changed = False
        for metric, metric_partitions in sorted(partitions.items()):
            for partition in metric_partitions:
                withheld = [
                    k for k in partition.parts if figures[(metric, k)].status in rules.WITHHELD
                ]
                shown = [k for k in partition.parts if figures[(metric, k)].status in rules.SHOWN]
                if len(withheld) == 1 and shown:
                    smallest = min(shown, key=lambda k: (cells[metric][k].denominator, k))
                    figures[(metric, smallest)] = rules.withheld(rules.COMPLEMENTARY)
                    changed = True
    return figures

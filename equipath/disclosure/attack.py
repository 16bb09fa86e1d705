"""The linear-programming attack of PRIVACY.md rule 4, used by suppression and by the audit.

A reader who sees every figure of the public file (or of the public file and one funder's
file) looks for the numerators and denominators consistent with all of it. Over
non-negative reals, for each metric × cohort_year (and the metrics linked to it by
definition, `partitions.LINKS`):

* a shown rate with interval [lo, hi] (its rounding or top/bottom-coding interval):
  `lo·n ≤ x ≤ hi·n` — linear in (x, n) jointly;
* a shown count N (rounded to 5): `N − 2.5 ≤ n ≤ N + 2.5`;
* every partition: Σ parts = total, for numerators and for denominators (≤ for an open
  dimension, through a non-negative remainder);
* every cell: `0 ≤ x ≤ n`; every link of `LINKS`.

For a withheld cell with true numerator x the attack minimises and maximises its numerator;
the cell is protected when the maximum reaches x + 2 and the minimum max(0, x − 2).

What the attack deliberately leaves out, as rule 4 does: reason codes (`n<10` would add
`n ≤ 9`, which would make rule 4 impossible for x ≥ 8) and integrality (rule 4 asks for
reals). Both are discussed in the README's "Publishing and disclosure control".

Speed (`ReaderLP.check`): proving a cell protected only needs *one* consistent point that
reaches the goal, and every LP solution is such a point for every cell at once; a point
of a *restriction* (some cells pinned at the truth) is one too. Proving a cell exposed
needs the LP's optimum — or the optimum of a *relaxation* (only the partitions around the
cell): if even that falls short, the full LP does too. So most cells are settled on
small LPs, and the full LP gets joint solves (many numerators pushed at once) and the few
cells left. Withholding more cells only removes constraints, so certificates and passed
relaxations stay valid while suppression grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, vstack

from equipath.disclosure.partitions import (
    ALL_DIMENSION,
    LINKS,
    RACE,
    RACE_X_SEX,
    SEX,
    Key,
    Link,
    Partition,
    build_partitions,
)

#: a rounded count N means n ∈ [N − 2.5, N + 2.5] (rule 3)
COUNT_HALF_WIDTH = 2.5
#: rule 4: a withheld numerator must be able to move this far either way
REACH = 2.0
#: solver tolerance when comparing an optimum with a goal
TOLERANCE = 1e-6
#: joint solves (all pending numerators pushed at once) before cells are tried one by one
JOINT_SOLVES = 3
FULL_JOINT_SOLVES = 8
#: restrictions with more variables than this only get joint solves
SINGLES_UP_TO = 600
#: a restriction with more than this share of the full LP's variables is hardly cheaper
#: than the full LP and is skipped (its cells go to the full LP)
LARGEST_RESTRICTION = 0.9
#: LPs with more variables than this start with the interior-point method (a cold
#: simplex start on a few thousand variables takes tens of thousands of pivots)
IPM_FIRST_ABOVE = 1500

CellId = tuple[str, Key]
"""(metric_id, (program_id, dimension, group_value))."""


@dataclass(frozen=True)
class Seen:
    """What a reader sees of one shown cell: its rounded count and, for rates, the interval
    of its rate. A withheld cell is `None` in a `MetricCells.cells` mapping."""

    count: int
    rate_low: float | None = None
    rate_high: float | None = None


@dataclass(frozen=True)
class Fixed:
    """A cell pinned at its true values: only in the certifying restrictions of
    `ReaderLP.restricted`, never in a reader's view."""

    numerator: int | None
    denominator: int


@dataclass
class MetricCells:
    """The present cells of one metric in one cohort_year, as a reader sees them."""

    metric_id: str
    has_numerator: bool
    cells: dict[Key, Seen | Fixed | None]


REACHED = "reached"
SHORT = "short"
UNKNOWN = "unknown"


@dataclass
class Verdict:
    """Rule 4 for one withheld numerator, per direction: `reached` (a consistent point
    reaches the goal), `short` (the LP optimum, or a relaxation's, falls short) or
    `unknown` (not asked yet). `low`/`high` are the least and greatest numerator found so
    far: exact when short on the full LP, a relaxation's bound when short on one, and the
    witness's value when reached."""

    truth: int
    low: float | None = None
    high: float | None = None
    up: str = UNKNOWN
    down: str = UNKNOWN
    blockers: set[CellId] = field(default_factory=set)

    @property
    def protected(self) -> bool:
        return self.up == REACHED and self.down == REACHED

    @property
    def failed(self) -> bool:
        return SHORT in (self.up, self.down)


class ReaderLP:
    """The feasible set of one reader for one cohort_year and one family of metrics."""

    def __init__(
        self,
        metrics: Sequence[MetricCells],
        cap: float,
        links: Sequence[Link] = LINKS,
        partitions: Mapping[str, Sequence[Partition]] | None = None,
    ) -> None:
        """`cap` bounds every variable from above; it must exceed every true count (it keeps
        the LPs bounded; an honest point stays feasible). `partitions` default to every
        partition of each metric's cells; a neighbourhood passes only complete ones."""
        self.metrics = {
            m.metric_id: MetricCells(m.metric_id, m.has_numerator, dict(m.cells)) for m in metrics
        }
        self.links = tuple(links)
        self.partitions = {
            m: list(partitions[m]) if partitions is not None else build_partitions(mc.cells)
            for m, mc in self.metrics.items()
        }
        self.cap = float(cap)
        Name = tuple[str, Key, str]  # (metric, key, "x" | "n")

        # what every name is: free within bounds (and whose published count says so), or
        # pinned (a restriction's constant; a linked cell that has no row is 0)
        bounds: dict[Name, tuple[float, float]] = {}
        pinned: dict[Name, float] = {}
        count_of: dict[Name, tuple[CellId, float, float]] = {}
        for m, metric in sorted(self.metrics.items()):
            for key, seen in metric.cells.items():
                parts = ("x", "n") if metric.has_numerator else ("n",)
                if isinstance(seen, Fixed):
                    pinned[(m, key, "n")] = float(seen.denominator)
                    if metric.has_numerator:
                        pinned[(m, key, "x")] = float(seen.numerator or 0)
                    continue
                for part in parts:
                    bounds[(m, key, part)] = (0.0, self.cap)
                if isinstance(seen, Seen):
                    lo = max(0.0, seen.count - COUNT_HALF_WIDTH)
                    hi = min(self.cap, seen.count + COUNT_HALF_WIDTH)
                    bounds[(m, key, "n")] = (lo, hi)
                    count_of[(m, key, "n")] = ((m, key), lo, hi)

        # an equality link makes two names one variable (fewer columns and rows)
        alias: dict[Name, Name] = {}

        def find(name: Name) -> Name:
            root = name
            while root in alias:
                root = alias[root]
            while name in alias and alias[name] != root:  # path compression
                alias[name], name = root, alias[name]
            return root

        for link in self.links:
            (lm, lp), (rm, rp) = link.left, link.right
            if link.relation != "=" or lm not in self.metrics or rm not in self.metrics:
                continue
            for key in set(self.metrics[lm].cells) | set(self.metrics[rm].cells):
                left, right = (lm, key, lp), (rm, key, rp)
                for name in (left, right):
                    if name not in bounds and name not in pinned:
                        pinned[name] = 0.0  # no row: a zero count
                a, b = find(left), find(right)
                if a != b:
                    alias[max(a, b)] = min(a, b)  # roots never alias themselves

        classes: dict[Name, list[Name]] = {}
        for name in [*bounds, *pinned]:
            classes.setdefault(find(name), []).append(name)

        self.index: dict[Name, int] = {}
        constants: dict[Name, float] = {}
        lower: list[float] = []
        upper: list[float] = []
        #: variable → the shown counts that bound it: (cell, low, high)
        self.count_owners: dict[int, list[tuple[CellId, float, float]]] = {}
        for _root, names in sorted(classes.items()):
            fixed = [pinned[n] for n in names if n in pinned]
            if fixed:
                for name in names:
                    constants[name] = fixed[0]
                continue
            lo = max(bounds[n][0] for n in names)
            hi = min(bounds[n][1] for n in names)
            var = len(lower)
            lower.append(lo)
            upper.append(max(lo, hi))
            for name in names:
                self.index[name] = var
                if name in count_of:
                    self.count_owners.setdefault(var, []).append(count_of[name])

        Row = tuple[dict[int, float], float]  # Σ coefficient·variable (≤ or =) constant
        ub_rows: list[Row] = []
        self.ub_owner: list[CellId | None] = []
        eq_rows: list[Row] = []
        seen_rows: set[tuple] = set()

        def row_of(terms: Iterable[tuple[Name, float]]) -> Row | None:
            """A linear row over cells; pinned cells become constants on the right."""
            coefficients: dict[int, float] = {}
            rhs = 0.0
            for name, coefficient in terms:
                if name in self.index:
                    var = self.index[name]
                    coefficients[var] = coefficients.get(var, 0.0) + coefficient
                elif name in constants:
                    rhs -= coefficient * constants[name]
            coefficients = {v: c for v, c in coefficients.items() if c != 0.0}
            return (coefficients, rhs) if coefficients else None

        def add(rows: list[Row], row: Row | None, owner: CellId | None = None) -> None:
            if row is None:
                return
            signature = (rows is eq_rows, tuple(sorted(row[0].items())), row[1])
            if signature in seen_rows:
                return
            seen_rows.add(signature)
            rows.append(row)
            if rows is ub_rows:
                self.ub_owner.append(owner)

        for m, metric in sorted(self.metrics.items()):
            if metric.has_numerator:
                for key, seen in sorted(metric.cells.items()):
                    if isinstance(seen, Fixed):
                        continue
                    x, n = (m, key, "x"), (m, key, "n")
                    add(ub_rows, row_of([(x, 1.0), (n, -1.0)]))
                    if isinstance(seen, Seen):
                        if seen.rate_low is None or seen.rate_high is None:
                            raise ValueError(f"{m} {key}: a shown rate needs its interval")
                        add(ub_rows, row_of([(x, 1.0), (n, -seen.rate_high)]), (m, key))
                        if seen.rate_low > 0:
                            add(ub_rows, row_of([(x, -1.0), (n, seen.rate_low)]), (m, key))

            parts = ("x", "n") if metric.has_numerator else ("n",)
            for partition in self.partitions[m]:
                tag = (partition.total[0], partition.parts[0][1], "\x00remainder")
                if not partition.covering:
                    for part in parts:
                        self.index[(m, tag, part)] = len(lower)
                        lower.append(0.0)
                        upper.append(self.cap)
                    if metric.has_numerator:
                        add(ub_rows, row_of([((m, tag, "x"), 1.0), ((m, tag, "n"), -1.0)]))
                for part in parts:
                    terms = [((m, k, part), 1.0) for k in partition.parts]
                    terms.append(((m, partition.total, part), -1.0))
                    if not partition.covering:
                        terms.append(((m, tag, part), 1.0))
                    add(eq_rows, row_of(terms))

        for link in self.links:
            (lm, lp), (rm, rp) = link.left, link.right
            if link.relation == "=" or lm not in self.metrics or rm not in self.metrics:
                continue
            if link.relation != "<=":  # pragma: no cover - LINKS are declared in code
                raise ValueError(f"unknown relation {link.relation}")
            for key in sorted(set(self.metrics[lm].cells) | set(self.metrics[rm].cells)):
                # a cell with no row is a zero count: its term is simply absent
                add(ub_rows, row_of([((lm, key, lp), 1.0), ((rm, key, rp), -1.0)]))

        self.size = len(lower)
        self.a_ub = _matrix([r for r, _ in ub_rows], self.size)
        self.a_eq = _matrix([r for r, _ in eq_rows], self.size)
        self._solver = _Solver(
            self.a_ub,
            np.array([b for _, b in ub_rows], dtype=float),
            self.a_eq,
            np.array([b for _, b in eq_rows], dtype=float),
            np.column_stack([np.array(lower), np.array(upper)]),
        )
        self._member_of: dict[CellId, list[Partition]] | None = None
        #: LP solves spent on restrictions and neighbourhoods (`solves` counts the full LP)
        self.restricted_solves = 0
        self.screen_solves = 0
        # what earlier checks already know; both stay true as cells are withheld
        self._restricted_tried: dict[tuple[str, float], tuple[int, frozenset]] = {}
        self._restrictions: dict[str, tuple[set[Key], ReaderLP]] = {}
        self._block_version: dict[str, int] = {}
        self._screen_passed: dict[float, set[CellId]] = {}

    @property
    def solves(self) -> int:
        return self._solver.solves

    def numerator(self, cell: CellId) -> int:
        return self.index[(cell[0], cell[1], "x")]

    def withhold(self, cell: CellId) -> None:
        """The reader no longer sees `cell`'s figures: drop its rate rows and count bounds.

        Only constraints go, so the previous optimal basis stays feasible and the next
        solve starts warm; certificates found before stay valid.
        """
        rows = [i for i, owner in enumerate(self.ub_owner) if owner == cell]
        for row in rows:
            self.ub_owner[row] = None
        count = self.index[(cell[0], cell[1], "n")]
        owners = [o for o in self.count_owners.get(count, []) if o[0] != cell]
        self.count_owners[count] = owners
        bounds = (
            max((o[1] for o in owners), default=0.0),
            min((o[2] for o in owners), default=self.cap),
        )
        self.metrics[cell[0]].cells[cell[1]] = None
        self._solver.relax(rows, count, bounds)
        for block, (keys, restriction) in self._restrictions.items():
            if cell[1] in keys:
                restriction.withhold(cell)
                self._block_version[block] += 1

    def interval(self, cell: CellId) -> tuple[float, float]:
        """The exact least and greatest numerator of `cell` a reader can infer."""
        var = self.numerator(cell)
        low = self._solver.solve({var: 1.0}).x[var]
        high = self._solver.solve({var: -1.0}).x[var]
        return float(low), float(high)

    def blockers(self, solution: _Solution) -> set[CellId]:
        """Shown cells whose published figures bind at this optimum: withholding one of
        them is what can widen the interval."""
        found: set[CellId] = set()
        for row in np.flatnonzero(np.abs(solution.ub_duals) > 1e-9):
            owner = self.ub_owner[row]
            if owner is not None:
                found.add(owner)
        for var in np.flatnonzero(np.abs(solution.col_duals) > 1e-9):
            for owner, _, _ in self.count_owners.get(int(var), []):
                found.add(owner)
        return found

    def _members(self) -> dict[CellId, list[Partition]]:
        if self._member_of is None:
            self._member_of = {}
            for m, partitions in self.partitions.items():
                for partition in partitions:
                    for key in (*partition.parts, partition.total):
                        self._member_of.setdefault((m, key), []).append(partition)
        return self._member_of

    def restricted(
        self, free: set[CellId], census: Mapping[CellId, tuple[int | None, int]]
    ) -> ReaderLP:
        """A restriction of this LP: only the `free` cells may move; every other cell is
        pinned at its true values (`census`: cell → (numerator, denominator)). A point of
        the restriction, completed with the truth everywhere else, satisfies every
        constraint of the full LP (the truth satisfies them all), so whatever a
        restriction reaches, the reader can reach: it certifies, it never condemns.
        """
        # only the partitions that hold a free cell matter (the others hold pinned cells
        # only, which the truth satisfies), and only the cells of those partitions; every
        # metric of a key comes along, so the links of the view stay whole
        keys = {key for _, key in free}
        touching = {
            m: [p for p in self.partitions[m] if p.total in keys or any(k in keys for k in p.parts)]
            for m in self.metrics
        }
        for partitions in touching.values():
            for partition in partitions:
                keys.update(partition.parts)
                keys.add(partition.total)
        view = [
            MetricCells(
                m,
                mc.has_numerator,
                {
                    k: mc.cells[k] if (m, k) in free else Fixed(*census[(m, k)])
                    for k in keys
                    if k in mc.cells
                },
            )
            for m, mc in sorted(self.metrics.items())
        ]
        return ReaderLP(view, self.cap, self.links, touching)

    def _block_keys(self, block: str) -> set[Key]:
        return {k for mc in self.metrics.values() for k in mc.cells if block_of(k) == block}

    def _restriction(self, block: str, census) -> ReaderLP:
        """The (persistent, warm) restriction of a block; `withhold` keeps it current."""
        if block not in self._restrictions:
            keys = self._block_keys(block)
            free = {(m, k) for m, mc in self.metrics.items() for k in mc.cells if k in keys}
            self._restrictions[block] = (keys, self.restricted(free, census))
            self._block_version[block] = 0
        return self._restrictions[block][1]

    def neighbourhood(self, cell: CellId) -> ReaderLP:
        """A relaxation of this LP around `cell`: every partition that holds `cell`'s key
        (in any metric of the family), all cells of those keys, and only the partitions
        that lie wholly inside. Each of its constraints is one of the full LP's, so its
        interval contains the full one: too narrow here means too narrow for the reader.
        """
        members = self._members()
        keys = {cell[1]}
        for m in self.metrics:
            for partition in members.get((m, cell[1]), []):
                keys.update(partition.parts)
                keys.add(partition.total)
        view = [
            MetricCells(
                m,
                mc.has_numerator,
                {k: mc.cells[k] for k in keys if k in mc.cells},
            )
            for m, mc in sorted(self.metrics.items())
        ]
        complete = {
            mc.metric_id: [
                p
                for p in self.partitions[mc.metric_id]
                if p.total in mc.cells and all(k in mc.cells for k in p.parts)
            ]
            for mc in view
        }
        return ReaderLP(view, self.cap, self.links, complete)

    def check(
        self,
        truths: Mapping[CellId, int],
        certified_up: set[CellId] | None = None,
        certified_down: set[CellId] | None = None,
        *,
        exhaustive: bool = True,
        census: Mapping[CellId, tuple[int | None, int]] | None = None,
    ) -> dict[CellId, Verdict]:
        """Rule 4 for each withheld numerator in `truths` (cell → true numerator).

        `certified_up`/`certified_down` hold cells already proven in that direction by an
        earlier, tighter reader (they are updated in place with new certificates).

        With a `census` (every cell's true numerator and denominator), cells are first
        certified on small restrictions (`restricted`) of their block — the cells of their
        dimension (race, sex and race × sex together) across programs, everything else
        pinned at the truth — which settles most of them in milliseconds.

        Each cell not certified by a joint solve is then tried on its neighbourhood: when
        even that relaxation falls short, the full LP is not needed to know it fails. Only
        `exhaustive` checks then ask the full LP about the cells the relaxation could not
        decide; the others stay `unknown` (suppression defers them until the cheap checks
        find nothing more, when most are certified by joint solves anyway).
        """
        up = certified_up if certified_up is not None else set()
        down = certified_down if certified_down is not None else set()
        goal_up = {c: x + REACH for c, x in truths.items()}
        goal_down = {c: max(0.0, x - REACH) for c, x in truths.items()}
        verdicts = {cell: Verdict(x) for cell, x in truths.items()}
        for cell, verdict in verdicts.items():
            if cell in up:
                verdict.up, verdict.high = REACHED, goal_up[cell]
            if cell in down:
                verdict.down, verdict.low = REACHED, goal_down[cell]

        def harvest(value_of, only: Iterable[CellId] | None = None) -> None:
            """Record every goal that a consistent point reaches."""
            for cell in verdicts if only is None else only:
                verdict = verdicts[cell]
                value = float(value_of(cell))
                if cell not in up and value >= goal_up[cell] - TOLERANCE:
                    up.add(cell)
                    verdict.up, verdict.high = REACHED, value
                if cell not in down and value <= goal_down[cell] + TOLERANCE:
                    down.add(cell)
                    verdict.down, verdict.low = REACHED, value

        def short(cell: CellId, sign: float, value: float, blockers: set[CellId]) -> None:
            verdict = verdicts[cell]
            if sign < 0:
                verdict.up, verdict.high = SHORT, value
            else:
                verdict.down, verdict.low = SHORT, value
            verdict.blockers |= blockers

        def falls_short(cell: CellId, sign: float, value: float) -> bool:
            if sign < 0:
                return value < goal_up[cell] - TOLERANCE
            return value > goal_down[cell] + TOLERANCE

        def push(lp: ReaderLP, cells: Sequence[CellId], sign: float, done: set[CellId]) -> None:
            """Certify what a few joint solves on `lp` can, then each cell on its own."""
            for _ in range(JOINT_SOLVES):
                pending = [c for c in cells if c not in done]
                if len(pending) < 2:
                    break
                before = len(done)
                point = lp._solver.solve({lp.numerator(c): sign for c in pending}).x
                harvest(lambda cell, point=point: point[lp.numerator(cell)], only=cells)
                if len(done) - before < max(1, len(pending) // 10):
                    break
            if lp.size > SINGLES_UP_TO:
                return  # one by one here costs nearly what the full LP's joint solves do
            for cell in cells:
                if cell not in done:
                    var = lp.numerator(cell)
                    point = lp._solver.solve({var: sign}).x
                    harvest(lambda c, point=point: point[lp.numerator(c)], only=cells)

        directions = ((-1.0, up, "up"), (1.0, down, "down"))

        def open_cells(done: set[CellId], direction: str) -> list[CellId]:
            """Cells neither certified nor known to fall short in this direction."""
            return [c for c in truths if c not in done and getattr(verdicts[c], direction) != SHORT]

        # 1. screen: a relaxation around the cell; short there means short for the reader
        neighbourhoods: dict[Key, ReaderLP] = {}
        for sign, done, direction in directions:
            passed = self._screen_passed.setdefault(sign, set())
            for cell in open_cells(done, direction):
                if cell in passed:  # a relaxation that reached stays reached
                    continue
                if cell[1] not in neighbourhoods:  # the same for every metric of a key
                    neighbourhoods[cell[1]] = self.neighbourhood(cell)
                local = neighbourhoods[cell[1]]
                var = local.numerator(cell)
                result = local._solver.solve({var: sign})
                value = float(result.x[var])
                if falls_short(cell, sign, value):
                    short(cell, sign, value, local.blockers(result))
                else:
                    passed.add(cell)
        self.screen_solves += sum(n.solves for n in neighbourhoods.values())

        # 2. certify on restrictions: each cell's dimension block across programs (race,
        # sex and race × sex as one), everything else pinned at the truth. On generated
        # data this settles most cells; narrower blocks (one program with ALL) settled
        # few and are not tried. `all` cells have no block (every partition meets them).
        # Only when asked to decide everything: while suppression still grows, the screen
        # alone finds what to withhold next.
        if census is not None and exhaustive:
            for sign, done, direction in directions:
                blocks: dict[str, list[CellId]] = {}
                for cell in open_cells(done, direction):
                    block = block_of(cell[1])
                    if block is not None:
                        blocks.setdefault(block, []).append(cell)
                for block, cells in sorted(blocks.items()):
                    local = self._restriction(block, census)
                    if local.size > LARGEST_RESTRICTION * self.size:
                        continue  # nearly the full LP: leave these cells to it
                    version = self._block_version[block]
                    tried = self._restricted_tried.setdefault((block, sign), (-1, frozenset()))
                    if tried[0] == version and tried[1].issuperset(cells):
                        continue  # nothing changed since this block last tried them
                    self._restricted_tried[(block, sign)] = (version, frozenset(cells))
                    before = local.solves
                    push(local, cells, sign, done)
                    self.restricted_solves += local.solves - before

        # 3. the full LP, for what neither settled
        if exhaustive:
            # joint solves that push some numerators up and others down: within a partition
            # whose total barely moves, half can go up while half go down, where all
            # going up is impossible. Directions alternate per cell and per solve.
            for attempt in range(FULL_JOINT_SOLVES):
                objective: dict[int, float] = {}
                for i, cell in enumerate(sorted(truths)):
                    wants = [
                        sign
                        for sign, done, direction in directions
                        if cell not in done and getattr(verdicts[cell], direction) != SHORT
                    ]
                    if wants:
                        objective[self.numerator(cell)] = wants[(i + attempt) % len(wants)]
                if len(objective) < 2:
                    break
                before = len(up) + len(down)
                point = self._solver.solve(objective, interior=True).x
                harvest(lambda cell, point=point: point[self.numerator(cell)])
                if len(up) + len(down) - before < max(1, len(objective) // 10):
                    break
        for sign, done, direction in directions:
            if not exhaustive:
                break
            for cell in open_cells(done, direction):
                if cell in done:  # certified meanwhile by another cell's solve
                    continue
                var = self.numerator(cell)
                result = self._solver.solve({var: sign})
                harvest(lambda c, point=result.x: point[self.numerator(c)])
                if cell not in done:
                    short(cell, sign, float(result.x[var]), self.blockers(result))
        return verdicts


def cap_for(largest_count: float) -> float:
    """An upper bound for every variable, far above any true count (keeps LPs bounded)."""
    return 10.0 * largest_count + 100.0


def block_of(key: Key) -> str | None:
    """The block a cell is certified in: its dimension, with race, sex and race × sex as
    one (their partitions join them); `all` cells have none (every partition meets them)."""
    dimension = key[1]
    if dimension == ALL_DIMENSION:
        return None
    if dimension in (RACE, SEX, RACE_X_SEX):
        return RACE_X_SEX
    return dimension


def _matrix(rows: Iterable[dict[int, float]], width: int) -> csr_array:
    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for row in rows:
        for col, value in sorted(row.items()):
            if value != 0.0:
                cols.append(col)
                data.append(value)
        indptr.append(len(cols))
    return csr_array(
        (np.array(data, dtype=float), np.array(cols, dtype=np.int64), np.array(indptr)),
        shape=(len(indptr) - 1, width),
    )


@dataclass
class _Solution:
    x: np.ndarray
    ub_duals: np.ndarray
    col_duals: np.ndarray


class _Solver:
    """HiGHS with warm starts: the feasible set stays, only the objective changes.

    Primal simplex restarts from the previous optimal basis after a cost change (a few
    dozen iterations instead of ~1,000 from scratch), about ten times faster than calling
    `scipy.optimize.linprog` afresh. The HiGHS bindings come from `highspy` when installed,
    else the copy SciPy ships (`scipy.optimize._highspy`, SciPy ≥ 1.15); without either,
    or when HiGHS reports anything but an optimum, `linprog` (also HiGHS) solves cold.
    """

    def __init__(
        self,
        a_ub: csr_array,
        b_ub: np.ndarray,
        a_eq: csr_array,
        b_eq: np.ndarray,
        bounds: np.ndarray,
    ) -> None:
        self.a_ub, self.a_eq, self.bounds = a_ub, a_eq, bounds.copy()
        self.b_ub, self.b_eq = b_ub, b_eq
        self.row_active = np.ones(a_ub.shape[0], dtype=bool)
        self.size = bounds.shape[0]
        self.solves = 0
        self._costed: list[int] = []
        self._highs = self._warm_solver()

    def _warm_solver(self):
        core = _highs_bindings()
        if core is None:
            return None
        matrix = vstack([self.a_ub, self.a_eq]).tocsc()
        n_ub = self.a_ub.shape[0]
        lp = core.HighsLp()
        lp.num_col_ = self.size
        lp.num_row_ = matrix.shape[0]
        lp.col_cost_ = np.zeros(self.size)
        lp.col_lower_ = self.bounds[:, 0].copy()
        lp.col_upper_ = self.bounds[:, 1].copy()
        lp.row_lower_ = np.concatenate([np.full(n_ub, -core.kHighsInf), self.b_eq])
        lp.row_upper_ = np.concatenate([self.b_ub, self.b_eq])
        lp.a_matrix_.format_ = core.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        lp.a_matrix_.num_col_ = self.size
        lp.a_matrix_.num_row_ = matrix.shape[0]
        highs = core._Highs() if hasattr(core, "_Highs") else core.Highs()
        for option, value in (
            ("output_flag", False),
            ("presolve", "off"),  # presolve would discard the warm basis
            ("simplex_strategy", 1),  # dual for the first, cold solve (switched below)
            ("threads", 1),
        ):
            highs.setOptionValue(option, value)
        if self.size > IPM_FIRST_ABOVE:
            highs.setOptionValue("solver", "ipm")  # crossover leaves a basis to warm-start
        highs.passModel(lp)
        self._optimal = core.HighsModelStatus.kOptimal
        self._infinity = core.kHighsInf
        return highs

    def relax(self, rows: Sequence[int], var: int, bounds: tuple[float, float]) -> None:
        """Drop inequality rows (by index) and widen one variable's bounds."""
        for row in rows:
            self.row_active[row] = False
        self.bounds[var] = bounds
        if self._highs is not None:
            for row in rows:
                self._highs.changeRowBounds(row, -self._infinity, self._infinity)
            self._highs.changeColBounds(var, *bounds)

    def solve(self, objective: Mapping[int, float], *, interior: bool = False) -> _Solution:
        """Minimise Σ objective[v]·v over the feasible set. `interior` asks for the
        interior-point method (then crossover, which leaves a basis to warm-start from):
        faster than simplex when the objective changes on hundreds of variables at once."""
        self.solves += 1
        if self._highs is not None:
            for var in self._costed:
                self._highs.changeColCost(var, 0.0)
            for var, weight in objective.items():
                self._highs.changeColCost(var, float(weight))
            self._costed = list(objective)
            if interior and self.size > IPM_FIRST_ABOVE:
                self._highs.setOptionValue("solver", "ipm")
            self._highs.run()
            # primal simplex from here on: after a change of objective the optimal basis
            # stays primal feasible, so each solve starts warm
            self._highs.setOptionValue("simplex_strategy", 4)
            self._highs.setOptionValue("solver", "simplex")
            if self._highs.getModelStatus() == self._optimal:
                solution = self._highs.getSolution()
                rows = np.asarray(solution.row_dual)
                return _Solution(
                    np.asarray(solution.col_value),
                    rows[: self.a_ub.shape[0]],
                    np.asarray(solution.col_dual),
                )
        return self._cold(objective)

    def _cold(self, objective: Mapping[int, float]) -> _Solution:
        c = np.zeros(self.size)
        for var, weight in objective.items():
            c[var] = weight
        active = np.flatnonzero(self.row_active)
        a_ub = self.a_ub[active]
        has_ub, has_eq = a_ub.shape[0] > 0, self.a_eq.shape[0] > 0
        result = linprog(
            c,
            A_ub=a_ub if has_ub else None,
            b_ub=self.b_ub[active] if has_ub else None,
            A_eq=self.a_eq if has_eq else None,
            b_eq=self.b_eq if has_eq else None,
            bounds=self.bounds,
            method="highs",
        )
        if result.status != 0:
            raise RuntimeError(f"the attack LP failed: {result.message}")
        ub_duals = np.zeros(self.a_ub.shape[0])
        if has_ub:
            ub_duals[active] = result.ineqlin.marginals
        return _Solution(result.x, ub_duals, result.lower.marginals + result.upper.marginals)


def _highs_bindings():
    """The HiGHS Python bindings, or None (then every LP goes through `linprog`)."""
    try:
        import highspy

        return highspy
    except ImportError:
        pass
    try:
        from scipy.optimize._highspy import _core

        return _core
    except ImportError:  # pragma: no cover - SciPy < 1.15
        return None

"""Which published cells add up to which: the additive structure a reader can exploit.

Within one metric × cohort_year, a cell is keyed by (program_id, dimension, group_value).
METRICS.md makes these sums exact (on the mature units that `outcome_metrics` counts):

* **groups of a dimension within `all`** — for one program (or `ALL`), the groups of a
  dimension add up to the `all` / `All` cell, both numerators and denominators. Every
  dimension of METRICS.md covers everyone (a blank modality is the group `Unknown`), so
  these sums are exact; a dimension the attack does not know is treated as open (its
  groups add up to *at most* the total, with an unpublished remainder).
* **programs within `ALL`** — `ALL` is the union of the program cells of the same
  dimension and group, for every metric (the placement metrics count a placement in two
  participations twice in `ALL`, so their sums hold too).
* **race × sex** — the `race_ethnicity_x_sex` cells `<race> / <sex>` add up to the race
  cell within each race and to the sex cell within each sex.

A cell with no row has a zero denominator (METRICS.md: "a group with a zero denominator has
no row"); a `not_yet_observable` cell has no mature unit. Both contribute exactly zero to
every sum, which a reader knows, so neither is a variable of the attack.

Besides sums within one metric, some metrics' counts are other metrics' numerators (or
bound them) by definition — a reader who has read METRICS.md knows this. `LINKS` lists the
ones that expose a numerator; metrics joined by a link are protected together
(`families`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ALL_PROGRAMS = "ALL"
ALL_DIMENSION = "all"
ALL_GROUP = "All"
RACE = "race_ethnicity"
SEX = "sex"
RACE_X_SEX = "race_ethnicity_x_sex"
RACE_X_SEX_SEPARATOR = " / "

#: the dimensions of METRICS.md, whose groups cover everyone; any other dimension is
#: treated as open (a valid inequality whatever it holds)
COVERING_DIMENSIONS = frozenset(
    {
        RACE,
        SEX,
        "age_band",
        "first_generation",
        "low_income",
        "veteran",
        "disability",
        "english_learner",
        "modality",
        RACE_X_SEX,
    }
)

Key = tuple[str, str, str]
"""(program_id, dimension, group_value) of a cell within one metric × cohort_year."""


@dataclass(frozen=True)
class Partition:
    """`parts` add up to `total` (exactly when `covering`, else to at most `total`)."""

    total: Key
    parts: tuple[Key, ...]
    covering: bool
    kind: str  # groups | programs | race_within_sex | sex_within_race


def total_key(program_id: str) -> Key:
    return (program_id, ALL_DIMENSION, ALL_GROUP)


def split_race_x_sex(group_value: str) -> tuple[str, str]:
    """`Black or African American / Female` → (race, sex)."""
    race, _, sex = group_value.rpartition(RACE_X_SEX_SEPARATOR)
    if not race:
        raise ValueError(f"'{group_value}' is not a '<race> / <sex>' group")
    return race, sex


def build_partitions(keys: Iterable[Key]) -> list[Partition]:
    """Every additive relation among the present cells of one metric × cohort_year."""
    present = set(keys)
    by_program_dimension: dict[tuple[str, str], list[Key]] = defaultdict(list)
    by_dimension_group: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key in sorted(present):
        program, dimension, group = key
        by_program_dimension[(program, dimension)].append(key)
        if program != ALL_PROGRAMS:
            by_dimension_group[(dimension, group)].append(key)

    partitions: list[Partition] = []
    for (program, dimension), parts in sorted(by_program_dimension.items()):
        total = total_key(program)
        if dimension in (ALL_DIMENSION, RACE_X_SEX) or total not in present:
            continue
        covering = dimension in COVERING_DIMENSIONS
        partitions.append(Partition(total, tuple(parts), covering, "groups"))

    for (program, dimension), parts in sorted(by_program_dimension.items()):
        if dimension != RACE_X_SEX:
            continue
        by_race: dict[str, list[Key]] = defaultdict(list)
        by_sex: dict[str, list[Key]] = defaultdict(list)
        for key in parts:
            race, sex = split_race_x_sex(key[2])
            by_race[race].append(key)
            by_sex[sex].append(key)
        for race, members in sorted(by_race.items()):
            total = (program, RACE, race)
            if total in present:
                partitions.append(Partition(total, tuple(members), True, "sex_within_race"))
        for sex, members in sorted(by_sex.items()):
            total = (program, SEX, sex)
            if total in present:
                partitions.append(Partition(total, tuple(members), True, "race_within_sex"))

    for (dimension, group), parts in sorted(by_dimension_group.items()):
        total = (ALL_PROGRAMS, dimension, group)
        if total in present:
            partitions.append(Partition(total, tuple(parts), True, "programs"))
    return partitions


@dataclass(frozen=True)
class Link:
    """For every cell key: `left` `relation` `right`, where each side is (metric_id, part)
    and part is `x` (numerator) or `n` (denominator); a missing cell counts as 0."""

    left: tuple[str, str]
    relation: str  # "=" or "<="
    right: tuple[str, str]
    why: str


LINKS: tuple[Link, ...] = (
    Link(
        ("survey_response_rate", "x"),
        "=",
        ("satisfaction_top2_rate", "n"),
        "top-2 rates count the exiters who answered: the response rate's numerator",
    ),
    Link(
        ("survey_response_rate", "x"),
        "=",
        ("readiness_top2_rate", "n"),
        "same units as satisfaction_top2_rate",
    ),
    Link(
        ("employment_rate_q2", "n"),
        "=",
        ("living_wage_rate", "n"),
        "both count exiters whose Q2 after exit is observable",
    ),
    Link(
        ("median_earnings_q2", "n"),
        "=",
        ("median_earnings_q2_real", "n"),
        "the same earners, in nominal and real dollars",
    ),
    Link(
        ("median_earnings_q2", "n"),
        "<=",
        ("employment_rate_q2", "x"),
        "UI wages > 0 in an observable Q2 after exit is employment in Q2",
    ),
    Link(
        ("living_wage_rate", "x"),
        "<=",
        ("median_earnings_q2", "n"),
        "reaching the (positive) living wage needs wages > 0 in Q2",
    ),
)

#: Relations left out on purpose (second order: they bound a count that bounds a
#: numerator): retention_same_employer's and median_earnings_change_real's counts are at
#: most median_earnings_q2's. See README "Publishing and disclosure control".


#: twin → original: metrics with the same units, so the same denominators cell for cell
#: (nominal and real dollars of the same earners). Suppression decides the original and
#: withholds the twin wherever the original is withheld; the audit checks both.
TWINS: dict[str, str] = {"median_earnings_q2_real": "median_earnings_q2"}


#: metrics whose units mature together (the same observability rule on the same exiters).
#: Where one of them has mature units in a cell, an "immature" cell of another only means
#: that none of its own units qualified (e.g. nobody had Q2 wages): the public tier shows
#: it as the zero it is (`n<10`), because `not_yet_observable` would tell a reader that
#: the count is exactly 0 and a link would pass that on to a withheld numerator.
MATURITY_GROUPS: tuple[frozenset[str], ...] = (
    frozenset(
        {"employment_rate_q2", "living_wage_rate", "median_earnings_q2", "median_earnings_q2_real"}
    ),
    frozenset({"survey_response_rate", "satisfaction_top2_rate", "readiness_top2_rate"}),
)


def families(metric_ids: Iterable[str], links: Sequence[Link] = LINKS) -> list[tuple[str, ...]]:
    """Metrics joined by links, as connected groups; each group is protected together."""
    metrics = sorted(set(metric_ids))
    parent = {m: m for m in metrics}

    def find(m: str) -> str:
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for link in links:
        a, b = link.left[0], link.right[0]
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for m in metrics:
        groups[find(m)].append(m)
    return sorted(tuple(sorted(g)) for g in groups.values())

"""PRIVACY.md rules 1–3, 5 and 6 for one cell: what a public or funder reader may see.

Every function here looks at one cell only. Rule 4 (complementary suppression) needs the
whole table and lives in `suppression.py`; the figures produced here are exactly what its
linear-programming attack (`attack.py`) is allowed to use, so the interval a cell
publishes (`low`, `high`) is the interval the attack assumes — one definition for both.

Arithmetic on rates is done in integers (numerator, denominator) so that a rate on a
rounding or coding boundary is classified the same way on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: status codes of a published cell (PRIVACY.md rules 1, 2, 4, 6)
PUBLISHED = "published"
TOP_CODED = "top_coded"
BOTTOM_CODED = "bottom_coded"
SMALL_CELL = "n<10"
COMPLEMENTARY = "complementary"
NOT_YET_OBSERVABLE = "not_yet_observable"

#: statuses that show a value and a count; every other status withholds both
SHOWN = frozenset({PUBLISHED, TOP_CODED, BOTTOM_CODED})
WITHHELD = frozenset({SMALL_CELL, COMPLEMENTARY})

#: what a withheld cell displays (rule 6: never 0, never blank)
WITHHELD_DISPLAY = "—"

#: rule 1 and rule 5: the least denominator of a published rate or median
MIN_N = 10

#: rule 2: (least denominator, coding threshold in whole percent), widest band first
CODING_BANDS: tuple[tuple[int, int], ...] = ((300, 1), (100, 2), (40, 5), (20, 10), (10, 20))

#: rule 3: counts are published rounded to this step
COUNT_STEP = 5

#: rule 5: medians are published rounded to this many dollars
MEDIAN_STEP = 100


@dataclass(frozen=True)
class Figure:
    """What one shown cell publishes, and the interval a reader infers from it.

    `value` is the rounded rate (a fraction) or median; for a coded rate it is the coding
    bound (0.95 for `≥95%`) and `low`/`high` are the coding interval ([0.95, 1]).
    """

    status: str
    value: float | None
    low: float | None
    high: float | None
    display: str
    n_rounded: int | None


def withheld(status: str) -> Figure:
    """A cell that shows nothing but its reason code."""
    return Figure(status, None, None, None, WITHHELD_DISPLAY, None)


def round_count(n: int) -> int:
    """Rule 3: nearest multiple of 5, halves up (a reader infers n ∈ [N − 2.5, N + 2.5])."""
    return ((2 * n + COUNT_STEP) // (2 * COUNT_STEP)) * COUNT_STEP


def coding_threshold(n: int) -> int:
    """Rule 2: the top/bottom-coding threshold, in whole percent, for a denominator n ≥ 10."""
    for least, percent in CODING_BANDS:
        if n >= least:
            return percent
    raise ValueError(f"no coding band for n = {n}: cells with n < {MIN_N} are suppressed")


def rate_figure(numerator: int, denominator: int) -> Figure:
    """Rules 1–3 for a rate x / n.

    Coded when the exact rate is at or beyond the band's threshold (x/n ≤ t or x/n ≥ 1 − t,
    compared in integers); otherwise rounded half-up to a whole percent, whose interval is
    [r − 0.5%, r + 0.5%] clipped to [0, 1].
    """
    x, n = numerator, denominator
    if not 0 <= x <= n:
        raise ValueError(f"numerator {x} outside [0, {n}]")
    if n < MIN_N:
        return withheld(SMALL_CELL)
    n_rounded = round_count(n)
    t = coding_threshold(n)
    if 100 * x <= t * n:
        return Figure(BOTTOM_CODED, t / 100, 0.0, t / 100, f"≤{t}%", n_rounded)
    if 100 * x >= (100 - t) * n:
        top = (100 - t) / 100
        return Figure(TOP_CODED, top, top, 1.0, f"≥{100 - t}%", n_rounded)
    percent = (200 * x + n) // (2 * n)  # floor(100·x/n + 1/2)
    low = max(0.0, (percent - 0.5) / 100)
    high = min(1.0, (percent + 0.5) / 100)
    return Figure(PUBLISHED, percent / 100, low, high, f"{percent}%", n_rounded)


def format_dollars(amount: float) -> str:
    """`$8,400`, `-$1,200`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.0f}"


def median_figure(value: float | None, denominator: int) -> Figure:
    """Rule 5: a median needs n ≥ 10 and is rounded half-up to the nearest $100."""
    if denominator < MIN_N:
        return withheld(SMALL_CELL)
    if value is None:
        return Figure(PUBLISHED, None, None, None, WITHHELD_DISPLAY, round_count(denominator))
    rounded = float(math.floor(value / MEDIAN_STEP + 0.5) * MEDIAN_STEP)
    return Figure(
        PUBLISHED,
        rounded,
        rounded - MEDIAN_STEP / 2,
        rounded + MEDIAN_STEP / 2,
        format_dollars(rounded),
        round_count(denominator),
    )


def exact_display(kind: str, unit: str, value: float | None) -> str:
    """Internal tier: the exact value, formatted for a person (internal is not rounded)."""
    if value is None:
        return "not reached" if unit == "days" else WITHHELD_DISPLAY
    if unit == "days":
        return f"{value:,.0f} days"
    if kind == "median" or unit.startswith("usd"):
        return f"{'-' if value < 0 else ''}${abs(value):,.2f}"
    return f"{100 * value:.1f}%"

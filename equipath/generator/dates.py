"""Dates as day ordinals, and the calendar quarters the wage files are cut by.

The simulation moves millions of dates around; plain `int` ordinals are cheap to add and
compare, and one lookup table per run turns them into text or quarters without building a
`date` object per value.
"""

from __future__ import annotations

from datetime import date, timedelta

#: Years of calendar kept before the export year: back to the birth of a 65-year-old
#: learner whose first entry is seven years before the export.
YEARS_BACK = 80

#: UI wage records for a quarter land about six months after the quarter ends.
WAGE_LAG_MONTHS = 6


def quarter_index(d: date) -> int:
    """A quarter as one integer (year * 4 + quarter - 1) so quarters add like numbers."""
    return d.year * 4 + (d.month - 1) // 3


def quarter_label(q: int) -> str:
    """`2026Q1`: the suffix of the wage file holding that quarter."""
    return f"{q // 4}Q{q % 4 + 1}"


def quarter_start(q: int) -> date:
    return date(q // 4, (q % 4) * 3 + 1, 1)


def quarter_end(q: int) -> date:
    return quarter_start(q + 1) - timedelta(days=1)


def last_landed_quarter(export_date: date) -> int:
    """The latest quarter whose wage file has landed by `export_date`.

    Real UI wage records arrive about six months after a quarter ends, so the newest
    quarters are *unknown*, never zero: a quarter has landed once six months have passed
    since its end. With export_date 2026-10-01 that is 2026Q1 (ended 2026-03-31); 2026Q2
    ended three months before the export and has not landed.
    """
    months = export_date.year * 12 + export_date.month - 1 - WAGE_LAG_MONTHS
    return (months // 12) * 4 + (months % 12) // 3 - 1


class Calendar:
    """Per-run lookup tables: ordinal → ISO text, US text and quarter index."""

    def __init__(self, export_date: date) -> None:
        first = date(export_date.year - YEARS_BACK, 1, 1)
        self.base = first.toordinal()
        self.first_year = first.year
        last = export_date + timedelta(days=3 * 366)
        size = last.toordinal() - self.base + 1
        iso: list[str] = []
        us: list[str] = []
        quarters: list[int] = []
        d = first
        one = timedelta(days=1)
        for _ in range(size):
            iso.append(d.isoformat())
            us.append(f"{d.month:02d}/{d.day:02d}/{d.year}")
            quarters.append(d.year * 4 + (d.month - 1) // 3)
            d += one
        self._iso = iso
        self._us = us
        self._quarter = quarters

    def iso(self, ordinal: int) -> str:
        return self._iso[ordinal - self.base]

    def us(self, ordinal: int) -> str:
        return self._us[ordinal - self.base]

    def quarter(self, ordinal: int) -> int:
        return self._quarter[ordinal - self.base]

    def year(self, ordinal: int) -> int:
        return self._quarter[ordinal - self.base] // 4

    def month(self, ordinal: int) -> int:
        return int(self._iso[ordinal - self.base][5:7])

    @staticmethod
    def quarter_first_day(q: int) -> int:
        return quarter_start(q).toordinal()

    @staticmethod
    def quarter_last_day(q: int) -> int:
        return quarter_end(q).toordinal()


def whole_years(birth: int, on: int) -> int:
    """Age in whole years on a day, both given as ordinals (METRICS.md: age at entry)."""
    b = date.fromordinal(birth)
    d = date.fromordinal(on)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

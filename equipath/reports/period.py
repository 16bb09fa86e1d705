"""Report periods (`2025Q3`, `2025`) and which cohort each metric shows in one.

A tier file holds every cohort year as of the publication's `as_of`. A report for a period
shows, for each metric, the latest *complete* cohort year (a calendar year that had ended
by the period's end) whose headline cell (all programs, everyone) is published as of
`as_of`, against the cohort year before it. A period that ends after `as_of` is refused:
the data cannot speak for a time it has not reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

FREQUENCIES = ("quarterly", "annual")

_QUARTER = re.compile(r"^(?P<year>\d{4})Q(?P<quarter>[1-4])$")
_YEAR = re.compile(r"^(?P<year>\d{4})$")


class PeriodError(ValueError):
    """A period that is malformed or that the publication cannot report on."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a calendar quarter or a calendar year."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2025Q3` is the third quarter of 2025; `2025` the calendar year."""
        value = text.strip().upper()
        if match := _QUARTER.match(value):
            return cls(int(match["year"]), int(match["quarter"]))
        if match := _YEAR.match(value):
            return cls(int(match["year"]))
        raise PeriodError(f"period '{text}' is neither a quarter like 2025Q3 nor a year like 2025")

    @property
    def frequency(self) -> str:
        return "annual" if self.quarter is None else "quarterly"

    @property
    def start(self) -> date:
        month = 1 if self.quarter is None else 3 * self.quarter - 2
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}Q{self.quarter}"

    @property
    def title(self) -> str:
        """How a person says it: "Q3 2025 (July–September)" or "Calendar year 2025"."""
        if self.quarter is None:
            return f"Calendar year {self.year}"
        months = ("January–March", "April–June", "July–September", "October–December")
        return f"Q{self.quarter} {self.year} ({months[self.quarter - 1]})"

    @property
    def last_complete_cohort(self) -> int:
        """The latest calendar year (cohort year) that had ended by the period's end."""
        return self.year if self.end.month == 12 else self.year - 1

    def __str__(self) -> str:
        return self.label


def check_reportable(period: Period, as_of: date) -> None:
    """Refuse a period the publication has not reached yet."""
    if period.end > as_of:
        raise PeriodError(
            f"period {period.label} ends on {period.end.isoformat()}, after the publication's "
            f"as_of {as_of.isoformat()}: its outcomes are not observable yet. Report on a "
            f"period ending on or before {as_of.isoformat()} (the latest is "
            f"{current_period(period.frequency, as_of).label}), or build with a later --as-of."
        )


def current_period(frequency: str, as_of: date) -> Period:
    """The latest period of that frequency that had ended on or before `as_of`."""
    if frequency == "annual":
        return Period(as_of.year if as_of >= date(as_of.year, 12, 31) else as_of.year - 1)
    if frequency != "quarterly":
        raise PeriodError(f"report frequency '{frequency}' is not one of {', '.join(FREQUENCIES)}")
    candidate = Period(as_of.year, 4)
    while candidate.end > as_of:
        quarter = candidate.quarter or 4
        candidate = (
            Period(candidate.year - 1, 4) if quarter == 1 else Period(candidate.year, quarter - 1)
        )
    return candidate

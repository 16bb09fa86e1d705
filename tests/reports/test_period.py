"""Report periods: parsing, ends, the cohort a period may show, and refusing the future."""

from __future__ import annotations

from datetime import date

import pytest

from equipath.reports.period import Period, PeriodError, check_reportable, current_period


@pytest.mark.parametrize(
    ("text", "start", "end", "last_cohort"),
    [
        ("2025Q1", date(2025, 1, 1), date(2025, 3, 31), 2024),
        ("2025Q2", date(2025, 4, 1), date(2025, 6, 30), 2024),
        ("2025q3", date(2025, 7, 1), date(2025, 9, 30), 2024),
        ("2025Q4", date(2025, 10, 1), date(2025, 12, 31), 2025),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), 2025),
    ],
)
def test_periods(text, start, end, last_cohort):
    period = Period.parse(text)
    assert (period.start, period.end, period.last_complete_cohort) == (start, end, last_cohort)
    assert period.frequency == ("annual" if len(text) == 4 else "quarterly")


@pytest.mark.parametrize("text", ["2025Q5", "25Q1", "2025-Q3", "", "Q3 2025"])
def test_malformed_periods_are_refused(text):
    with pytest.raises(PeriodError, match="neither a quarter"):
        Period.parse(text)


def test_a_period_ending_after_as_of_is_refused():
    check_reportable(Period.parse("2026Q3"), date(2026, 10, 1))
    check_reportable(Period.parse("2026Q3"), date(2026, 9, 30))
    with pytest.raises(PeriodError, match=r"2026Q4 ends on 2026-12-31, after .* as_of 2026-10-01"):
        check_reportable(Period.parse("2026Q4"), date(2026, 10, 1))
    with pytest.raises(PeriodError, match="latest is 2025"):
        check_reportable(Period.parse("2026"), date(2026, 10, 1))


@pytest.mark.parametrize(
    ("frequency", "as_of", "expected"),
    [
        ("quarterly", date(2026, 10, 1), "2026Q3"),
        ("quarterly", date(2026, 9, 29), "2026Q2"),
        ("quarterly", date(2026, 1, 1), "2025Q4"),
        ("quarterly", date(2026, 3, 31), "2026Q1"),
        ("annual", date(2026, 10, 1), "2025"),
        ("annual", date(2026, 12, 31), "2026"),
    ],
)
def test_current_period(frequency, as_of, expected):
    assert current_period(frequency, as_of).label == expected


def test_unknown_frequency():
    with pytest.raises(PeriodError, match="monthly"):
        current_period("monthly", date(2026, 1, 1))

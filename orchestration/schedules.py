"""Report schedules: one per report frequency of `funders.csv`.

A quarter's wage records land weeks after it ends, so the quarterly schedule runs
`EQUIPATH_WAGE_LAG_DAYS` (default 45) plus `EQUIPATH_REPORT_GRACE_DAYS` (default 7) days
after each quarter end; the annual one the same delay after 31 December. Each tick
builds the warehouse from the landing folder with as_of = the tick's date, publishes,
and renders the reports of that frequency's funders for the period just ended
(`build_and_report` job). The as_of travels in run config, so a tick's run is
reproducible from its config alone.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from dagster import (
    DefaultScheduleStatus,
    RunRequest,
    ScheduleDefinition,
    ScheduleEvaluationContext,
    SkipReason,
    schedule,
)

from equipath.reports.period import current_period
from orchestration.assets.reports import REPORTS_OP
from orchestration.paths import ENV_LANDING

REPORT_JOB = "build_and_report"
ENV_WAGE_LAG_DAYS = "EQUIPATH_WAGE_LAG_DAYS"
ENV_GRACE_DAYS = "EQUIPATH_REPORT_GRACE_DAYS"
DEFAULT_WAGE_LAG_DAYS = 45
DEFAULT_GRACE_DAYS = 7
RUN_HOUR = 6
TIMEZONE = "UTC"


def delay_days() -> int:
    """Days from a period's end to its report: the wage lag plus a grace period."""
    lag = int(os.environ.get(ENV_WAGE_LAG_DAYS) or DEFAULT_WAGE_LAG_DAYS)
    grace = int(os.environ.get(ENV_GRACE_DAYS) or DEFAULT_GRACE_DAYS)
    return lag + grace


def _cron(day: date) -> str:
    return f"0 {RUN_HOUR} {day.day} {day.month} *"


def quarterly_crons(delay: int) -> list[str]:
    """One cron a quarter: quarter end + delay (computed in a common year; a delay that
    crosses 29 February lands a day later in leap years, which does not matter here)."""
    ends = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)]
    return sorted({_cron(end + timedelta(days=delay)) for end in ends})


def annual_cron(delay: int) -> str:
    return _cron(date(2025, 12, 31) + timedelta(days=delay))


def report_run_request(frequency: str, as_of: date) -> RunRequest | SkipReason:
    """Build with as_of = the tick's date and report the period of `frequency` just ended."""
    if not os.environ.get(ENV_LANDING):
        return SkipReason(f"{ENV_LANDING} is not set: no landing folder to build from")
    period = current_period(frequency, as_of)
    return RunRequest(
        run_key=f"{frequency}-{period.label}-{as_of.isoformat()}",
        run_config={
            "resources": {"settings": {"config": {"as_of": as_of.isoformat()}}},
            "ops": {REPORTS_OP: {"config": {"frequency": frequency, "period": period.label}}},
        },
        tags={"equipath/frequency": frequency, "equipath/period": period.label},
    )


def _make(frequency: str, cron: str | list[str]) -> ScheduleDefinition:
    @schedule(
        name=f"{frequency}_funder_reports",
        job_name=REPORT_JOB,
        cron_schedule=cron,
        execution_timezone=TIMEZONE,
        default_status=DefaultScheduleStatus.STOPPED,
        description=(
            f"Build, publish and render the reports of the funders whose report_frequency is "
            f"'{frequency}', {delay_days()} days ({ENV_WAGE_LAG_DAYS} + {ENV_GRACE_DAYS}) after "
            "each period's end."
        ),
    )
    def _schedule(context: ScheduleEvaluationContext):
        return report_run_request(frequency, context.scheduled_execution_time.date())

    return _schedule


quarterly_reports = _make("quarterly", quarterly_crons(delay_days()))
annual_reports = _make("annual", annual_cron(delay_days()))

schedules = [quarterly_reports, annual_reports]

"""Many reports in one go (the CLI's `--all`, the Dagster schedules): one warm browser
for every chart, every funder rendered even when another one's delivery fails, and the
failures handed back so the caller can exit non-zero or fail the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from equipath.reports.charts import warm_browser
from equipath.reports.content import Funder, funder_file, published_funders
from equipath.reports.delivery import LOG_NAME, Delivery, DeliveryError, SmtpSettings, deliver
from equipath.reports.period import Period, current_period
from equipath.reports.render import FORMATS, Rendered, render_report


@dataclass
class BatchOutcome:
    rendered: list[Rendered] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.failures


def publication_as_of(published: Path, funder_id: str) -> date:
    con = duckdb.connect(str(funder_file(published, funder_id)), read_only=True)
    try:
        return con.execute("select cast(as_of as date) from _publication").fetchone()[0]
    finally:
        con.close()


def plan(
    published: Path,
    catalog: dict[str, Funder],
    frequency: str | None = None,
    period: Period | None = None,
    funders: list[str] | None = None,
) -> list[tuple[str, Period]]:
    """Which (funder, period) reports to make.

    Every published funder (or `funders`), restricted to one report frequency when given;
    the period is `period` or, per funder, the latest one of its frequency ended by the
    publication's as_of. A funder missing from the catalog reports quarterly."""
    chosen = []
    for funder_id in funders or published_funders(published):
        info = catalog.get(funder_id) or Funder(funder_id, funder_id)
        if frequency is not None and info.report_frequency != frequency:
            continue
        chosen.append(
            (
                funder_id,
                period
                or current_period(info.report_frequency, publication_as_of(published, funder_id)),
            )
        )
    return chosen


def run_reports(
    published: Path,
    outbox: Path,
    jobs: list[tuple[str, Period]],
    catalog: dict[str, Funder],
    formats: tuple[str, ...] = FORMATS,
    smtp: SmtpSettings | None = None,
) -> BatchOutcome:
    """Render every report, then deliver the PDFs when SMTP is configured."""
    outcome = BatchOutcome()
    with warm_browser():
        for funder_id, period in jobs:
            outcome.rendered.append(
                render_report(published, funder_id, period, outbox, formats, catalog)
            )
    if smtp is None:
        return outcome
    for rendered in outcome.rendered:
        if rendered.pdf is None:
            outcome.failures.append(
                f"{rendered.funder.funder_id} {rendered.period.label}: delivery needs the PDF "
                "(drop --format html)"
            )
            continue
        try:
            outcome.deliveries.append(
                deliver(rendered.funder, rendered.period, rendered.pdf, smtp, outbox / LOG_NAME)
            )
        except DeliveryError as exc:
            outcome.failures.append(str(exc))
    return outcome

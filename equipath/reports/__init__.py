"""Scheduled funder reports: content from a funder's tier file, HTML and PDF from one
template, an outbox, and e-mail delivery with a delivery log."""

from equipath.reports.content import Funder, ReportError, build_report, read_catalog
from equipath.reports.period import Period, PeriodError, current_period
from equipath.reports.render import Rendered, default_outbox, render_report

__all__ = [
    "Funder",
    "Period",
    "PeriodError",
    "Rendered",
    "ReportError",
    "build_report",
    "current_period",
    "default_outbox",
    "read_catalog",
    "render_report",
]

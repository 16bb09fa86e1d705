"""One Jinja2 template → self-contained HTML and, through WeasyPrint, PDF; and the outbox.

Both formats come from the same HTML string, so they cannot disagree. Nothing rendered
depends on the time of rendering: the PDF's created/modified dates are the publication's
as_of (WeasyPrint reads them from the `dcterms.*` meta tags), charts carry fixed ids.

The outbox holds `<outbox>/<funder_id>/<period>/report.html`, `report.pdf` and
`data.csv`; each file is written under a temporary name and renamed into place, so a
reader (or the mailer) never sees half a report.
"""

from __future__ import annotations

import csv
import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from equipath.reports.charts import Chart, report_charts
from equipath.reports.content import (
    STATUS_LEGEND,
    Funder,
    Report,
    build_report,
    format_percent,
)
from equipath.reports.period import Period

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "pdf")
ENV_OUTBOX = "EQUIPATH_OUTBOX"

CSV_COLUMNS = [
    "section",
    "metric_id",
    "cohort_year",
    "program_id",
    "dimension",
    "group_value",
    "value",
    "display",
    "n_rounded",
    "status",
    "reference_rate",
    "ppg1",
    "moe",
    "di_flag",
]


def _points(value: float) -> str:
    points = round(value * 100)
    return f"{'−' if points < 0 else '+' if points > 0 else '±'}{abs(points)} pts"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.globals.update(legend=STATUS_LEGEND, pct=format_percent, pts=_points)
    return env


def render_html(report: Report, charts: list[Chart]) -> str:
    return environment().get_template("report.html.j2").render(report=report, charts=charts)


def render_pdf(html: str) -> bytes:
    """WeasyPrint from the same HTML; metadata dates come from its dcterms meta tags."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
        pdf_identifier=b"equipath-report", uncompressed_pdf=False
    )


def data_csv(report: Report) -> bytes:
    """The rows the report shows, status included, then its equity gaps."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in report.shown:
        writer.writerow(
            [
                "metrics",
                c.metric_id,
                c.cohort_year,
                c.program_id,
                c.dimension,
                c.group_value,
                "" if c.value is None else repr(c.value),
                c.display,
                "" if c.n_rounded is None else c.n_rounded,
                c.status,
                "",
                "",
                "",
                "",
            ]
        )
    for g in report.gaps:
        writer.writerow(
            [
                "equity_gaps",
                g.metric.metric_id,
                g.cohort_year,
                g.program_id,
                g.dimension,
                g.group_value,
                repr(g.rate),
                format_percent(g.rate),
                g.n,
                "published",
                repr(g.reference_rate),
                repr(g.ppg1),
                repr(g.moe),
                str(g.di_flag).lower(),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def default_outbox(published: Path) -> Path:
    """EQUIPATH_OUTBOX, else `reports/` beside the published folder (data/demo/reports)."""
    explicit = os.environ.get(ENV_OUTBOX)
    return Path(explicit).resolve() if explicit else published.resolve().parent / "reports"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


@dataclass
class Rendered:
    """One funder's report for one period, as written to the outbox."""

    funder: Funder
    period: Period
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    report: Report | None = None

    @property
    def pdf(self) -> Path | None:
        return self.files.get("pdf")


def render_report(
    published: Path,
    funder_id: str,
    period: Period,
    outbox: Path,
    formats: tuple[str, ...] = FORMATS,
    catalog: dict[str, Funder] | None = None,
) -> Rendered:
    """Assemble, render and write one report; the data file is always written."""
    started = time.perf_counter()
    report = build_report(published, funder_id, period, catalog)
    charts = report_charts(report)
    html = render_html(report, charts)
    html_seconds = time.perf_counter() - started
    folder = outbox / funder_id / period.label
    rendered = Rendered(report.funder, period, folder, report=report)
    rendered.seconds["html"] = html_seconds
    if "html" in formats:
        write_atomic(folder / "report.html", html.encode("utf-8"))
        rendered.files["html"] = folder / "report.html"
    if "pdf" in formats:
        pdf_started = time.perf_counter()
        pdf = render_pdf(html)
        rendered.seconds["pdf"] = time.perf_counter() - pdf_started
        write_atomic(folder / "report.pdf", pdf)
        rendered.files["pdf"] = folder / "report.pdf"
    write_atomic(folder / "data.csv", data_csv(report))
    rendered.files["csv"] = folder / "data.csv"
    return rendered

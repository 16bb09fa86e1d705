"""Static charts for reports: plotly figures rendered to SVG by kaleido (Debian chromium).

Figures are pure functions of the report content, so they are unit-tested without a
browser. Rendering goes through one Chromium started once (`warm_browser`, see
`svg_renderer` for why not kaleido's own server) and kept for every chart of every
report in the process: starting Chromium costs seconds, a chart on a warm browser a few
hundred milliseconds.

Plotly names each SVG's clip paths with a random id; `stable_svg` replaces it with the
chart's fixed id so that the same report renders to the same bytes.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import plotly.graph_objects as go

from equipath.reports.content import (
    EARNINGS,
    TIME_LABELS,
    TIME_TO_EMPLOYMENT,
    Cell,
    Program,
    Report,
)
from equipath.reports.svg_renderer import SvgRenderer

WIDTH = 760
HEIGHT = 360
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
#: colour-blind-safe (Okabe–Ito) colours, one a series
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")

_UID = re.compile(rb'id="defs-([0-9a-zA-Z]+)"')


@dataclass(frozen=True)
class Chart:
    """A rendered chart: a fixed id, its alt text and an inline data URI."""

    chart_id: str
    title: str
    alt: str
    data_uri: str
    #: the withheld bars, each with its reason ("ECE-MC, Q2 after exit: — n<10")
    withheld: tuple[str, ...] = ()


def _bar_text(cell: Cell | None) -> str:
    """The label of a bar: the published display, or `—` (the reason goes in the notes)."""
    if cell is None or cell.withheld:
        return "—"
    return cell.display


def _reason(cell: Cell | None) -> str:
    if cell is None:
        return "— no cell"
    return cell.display if cell.has_value else f"— {cell.status}"


def _bar_value(cell: Cell | None, floor: float) -> float:
    """A withheld cell gets a hairline bar (`floor`) so that its `—` label is drawn."""
    if cell is not None and cell.has_value and cell.value is not None:
        return cell.value
    return floor


def _withheld(series: str, programs: list[Program], cells: list[Cell | None]) -> list[str]:
    return [
        f"{p.program_id}, {series}: {_reason(c)}"
        for p, c in zip(programs, cells, strict=True)
        if c is None or c.withheld
    ]


def _outcome(program: Program, metric_id: str, prior: bool = False) -> Cell | None:
    for row in program.outcomes:
        if row.metric.metric_id == metric_id:
            return row.prior if prior else row.current
    return None


def _layout(fig: go.Figure, title: str, y_title: str, tickformat: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        width=WIDTH,
        height=HEIGHT,
        barmode="group",
        template="simple_white",
        font={"family": FONT, "size": 12, "color": "#1a1a1a"},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        margin={"l": 60, "r": 20, "t": 50, "b": 80},
        yaxis={"title": y_title, "tickformat": tickformat, "rangemode": "tozero"},
    )
    fig.update_traces(textposition="outside", cliponaxis=False, textfont={"size": 10})
    return fig


def time_to_employment_figure(report: Report) -> tuple[go.Figure, str, list[str]]:
    """Placement within 180 days, employment in Q2 and Q4 after exit, per program."""
    by_id = {m.metric_id: m for m in report.metrics}
    programs = [*report.programs, report.institution]
    fig = go.Figure()
    alt: list[str] = []
    withheld: list[str] = []
    for colour, metric_id in zip(COLOURS, TIME_TO_EMPLOYMENT, strict=False):
        metric = by_id.get(metric_id)
        if metric is None or metric.cohort is None:
            continue
        cells = [_outcome(p, metric_id) for p in programs]
        name = f"{TIME_LABELS[metric_id]} ({metric.cohort} cohort)"
        fig.add_bar(
            name=name,
            x=[p.program_id for p in programs],
            y=[_bar_value(c, 0.004) for c in cells],
            text=[_bar_text(c) for c in cells],
            marker_color=colour,
        )
        alt.append(
            f"{name}: "
            + ", ".join(
                f"{p.program_id} {_reason(c)}" for p, c in zip(programs, cells, strict=True)
            )
        )
        withheld += _withheld(name, programs, cells)
    _layout(fig, "Employment over time after exit, by program", "share of exiters", ".0%")
    fig.update_yaxes(range=[0, 1.1])
    description = (
        "Grouped bar chart of the share employed at three points after exit, by program "
        "(ALL = every program of the institution). " + "; ".join(alt) + "."
    )
    return fig, description, withheld


def earnings_figure(report: Report) -> tuple[go.Figure, str, list[str]]:
    """Median nominal earnings in the 2nd quarter after exit: report cohort vs prior."""
    by_id = {m.metric_id: m for m in report.metrics}
    metric = by_id.get(EARNINGS[0])
    programs = [*report.programs, report.institution]
    fig = go.Figure()
    alt: list[str] = []
    withheld: list[str] = []
    if metric is not None and metric.cohort is not None:
        values = [
            c.value
            for p in programs
            for c in (_outcome(p, metric.metric_id), _outcome(p, metric.metric_id, prior=True))
            if c is not None and c.has_value and c.value is not None
        ]
        floor = 0.004 * max(values, default=1.0)
        for colour, prior in zip(COLOURS[:2], (True, False), strict=True):
            cohort = metric.prior if prior else metric.cohort
            cells = [_outcome(p, metric.metric_id, prior=prior) for p in programs]
            fig.add_bar(
                name=f"{cohort} cohort",
                x=[p.program_id for p in programs],
                y=[_bar_value(c, floor) for c in cells],
                text=[_bar_text(c) for c in cells],
                marker_color=colour,
            )
            alt.append(
                f"{cohort} cohort: "
                + ", ".join(
                    f"{p.program_id} {_reason(c)}" for p, c in zip(programs, cells, strict=True)
                )
            )
            withheld += _withheld(f"{cohort} cohort", programs, cells)
    _layout(fig, "Median earnings in the 2nd quarter after exit (nominal)", "US dollars", "$,.0f")
    description = (
        "Grouped bar chart of median quarterly earnings in the second quarter after exit, "
        "by program, report cohort against the prior cohort. " + "; ".join(alt) + "."
    )
    return fig, description, withheld


def stable_svg(svg: bytes, chart_id: str) -> bytes:
    """Replace plotly's random per-render id with the chart's fixed id."""
    match = _UID.search(svg)
    if match is None:
        return svg
    return svg.replace(match.group(1), chart_id.encode())


_renderer: SvgRenderer | None = None


@contextmanager
def warm_browser() -> Iterator[None]:
    """One Chromium for every chart rendered inside the block (nested blocks share it)."""
    global _renderer
    if _renderer is not None:
        yield
        return
    _renderer = SvgRenderer(WIDTH, HEIGHT)  # starts with the first chart
    try:
        yield
    finally:
        renderer, _renderer = _renderer, None
        renderer.close()


def render_svg(fig: go.Figure, chart_id: str) -> bytes:
    """The figure as SVG bytes with a fixed id (warm when inside `warm_browser`)."""
    with warm_browser():
        assert _renderer is not None
        svg = _renderer.svg(fig.to_dict())
    return stable_svg(svg, chart_id)


def report_charts(report: Report) -> list[Chart]:
    charts = []
    for chart_id, build in (("tte", time_to_employment_figure), ("earn", earnings_figure)):
        fig, alt, withheld = build(report)
        svg = render_svg(fig, chart_id)
        charts.append(
            Chart(
                chart_id=chart_id,
                title=fig.layout.title.text,
                alt=alt,
                data_uri="data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
                withheld=tuple(withheld),
            )
        )
    return charts

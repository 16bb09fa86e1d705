"""The outcome and equity views shared by the Public, Equity gaps and Funder pages.

Each view is filters → one `queries` call → one `charts` figure → its table and download.
The tier file (`path`) is the page's, from `ui.tier_path`; views never choose a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards import charts, queries, ui

#: columns of a metric table, in reading order (the ones present are shown)
METRIC_TABLE = [
    "cohort_year",
    "program_id",
    "program_name",
    "dimension",
    "group_value",
    "group_label",
    "display",
    "status",
    "value",
    "value_low",
    "value_high",
    "n_rounded",
    "numerator",
    "denominator",
    "ci_low",
    "ci_high",
]


@dataclass(frozen=True)
class Selection:
    """What the filters chose."""

    metric_id: str
    label: str
    unit: str
    cohort_year: int
    program_id: str
    program_name: str
    dimension: str
    dimension_label: str


def metric_table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[[c for c in METRIC_TABLE if c in frame.columns]]


def filters(path: Path, key: str, kinds: tuple[str, ...] = ("rate", "median")) -> Selection:
    """Metric, cohort, program and dimension pickers, the metric's definition beside them."""
    definitions = queries.metric_definitions(path)
    definitions = definitions[definitions.kind.isin(kinds)]
    if definitions.empty:
        st.info("This file publishes no metric of this kind.")
        st.stop()
    by_id = definitions.set_index("metric_id")
    left, right = st.columns([3, 2])
    with left:
        metric_id = st.selectbox(
            "Metric",
            list(by_id.index),
            format_func=lambda m: str(by_id.loc[m, "label"]),
            key=f"{key}_metric",
        )
        cohorts = queries.cohorts(path, metric_id)
        program_rows = queries.programs(path)
        program_names = {"ALL": "All programs", **dict(program_rows.values[:, :2])}
        c1, c2, c3 = st.columns(3)
        cohort = c1.selectbox(
            "Cohort year",
            cohorts,
            index=max(0, len(cohorts) - 1 - _latest_mature(cohorts)),
            key=f"{key}_cohort",
        )
        program_id = c2.selectbox(
            "Program",
            list(program_names),
            format_func=lambda p: program_names[p],
            key=f"{key}_program",
        )
        dims = queries.dimensions(path, metric_id)
        choices = list(dims)
        dimension = c3.selectbox(
            "Compare groups by",
            choices,
            index=choices.index("race_ethnicity") if "race_ethnicity" in choices else 0,
            format_func=lambda d: dims.get(d, d),
            key=f"{key}_dimension",
        )
    row = by_id.loc[metric_id]
    with right:
        basis = "entry" if row.cohort_basis == "entry" else "exit"
        st.markdown(f"**{row.label}** — {row.definition}")
        st.caption(
            f"Cohorts are years of {basis}. `—` marks a withheld cell; its reason is in Status."
        )
    return Selection(
        metric_id=metric_id,
        label=str(row.label),
        unit=str(row.unit),
        cohort_year=int(cohort),
        program_id=str(program_id),
        program_name=program_names[program_id],
        dimension=str(dimension),
        dimension_label=dims.get(dimension, str(dimension)),
    )


def _latest_mature(cohorts: list[int]) -> int:
    """Default to a recent cohort that is not the newest two (those are mostly immature)."""
    return 2 if len(cohorts) > 3 else 0


def headline_view(path: Path, sel: Selection, key: str) -> None:
    st.subheader(f"{sel.label} by program, cohort {sel.cohort_year}")
    frame = queries.headline(path, sel.metric_id, sel.cohort_year)
    chart = charts.value_bars(
        frame, "program_name", f"{sel.label} by program, cohort {sel.cohort_year}", sel.unit
    )
    ui.show_chart(chart, metric_table(frame), f"{sel.label} by program", f"{key}_headline")


def breakdown_view(path: Path, sel: Selection, key: str, metric_id: str | None = None) -> None:
    """Groups of the chosen dimension against the All baseline (Wilson bars if internal)."""
    metric_id = metric_id or sel.metric_id
    label, unit = _label_unit(path, metric_id)
    dim = sel.dimension_label
    title = f"{label} by {dim.lower()}, {sel.program_name}, cohort {sel.cohort_year}"
    st.subheader(title)
    frame = queries.breakdown(path, metric_id, sel.cohort_year, sel.program_id, sel.dimension)
    chart = charts.breakdown_bars(frame, title, unit)
    ui.show_chart(chart, metric_table(frame), title, f"{key}_breakdown_{metric_id}")


def trend_view(path: Path, sel: Selection, key: str) -> None:
    dim = sel.dimension_label
    title = f"{sel.label} across cohorts by {dim.lower()}, {sel.program_name}"
    st.subheader(title)
    frame = queries.trend(path, sel.metric_id, sel.program_id, sel.dimension)
    chart = charts.trend_lines(frame, "group_value", title, sel.unit)
    ui.show_chart(chart, metric_table(frame), title, f"{key}_trend")


def gap_view(path: Path, sel: Selection, key: str) -> pd.DataFrame:
    """PPG-1 gaps with MOE, DI flags and successes needed."""
    dim = sel.dimension_label
    title = f"Equity gaps (PPG-1) in {sel.label.lower()} by {dim.lower()}, {sel.program_name}"
    title += f", cohort {sel.cohort_year}"
    st.subheader(title)
    frame = queries.gaps(path, sel.metric_id, sel.cohort_year, sel.program_id, sel.dimension)
    if frame.empty:
        st.info(
            "No gap is published for this choice (the metric is not a rate, "
            "or its cells are withheld)."
        )
        return frame
    st.caption(
        "PPG-1 compares each group with everyone else. A group is flagged for disproportionate "
        "impact (DI) when its gap is below minus the margin of error; 'successes needed' is how "
        "many more successes would clear the flag."
    )
    ui.show_chart(charts.gap_bars(frame, title), frame, title, f"{key}_gaps")
    return frame


def gap_trend_view(path: Path, sel: Selection, key: str) -> None:
    groups = queries.gap_groups(path, sel.metric_id, sel.program_id, sel.dimension)
    if not groups:
        return
    group = st.selectbox("Group for the gap trend", groups, key=f"{key}_gap_group")
    title = f"Gap of {group} in {sel.label.lower()} across cohorts, {sel.program_name}"
    st.subheader(title)
    frame = queries.gap_trend(path, sel.metric_id, sel.program_id, sel.dimension, group)
    ui.show_chart(charts.gap_trend(frame, title), frame, title, f"{key}_gap_trend")


def km_view(path: Path, sel: Selection, key: str) -> None:
    dim = sel.dimension_label
    title = f"Time to employment by {dim.lower()} (Kaplan–Meier), {sel.program_name}"
    title += f", exit cohort {sel.cohort_year}"
    st.subheader(title)
    frame = queries.km_curve(path, sel.cohort_year, sel.program_id, sel.dimension)
    if frame.empty:
        st.info("No Kaplan–Meier curve for this cohort and program.")
        return
    ui.show_chart(charts.km_curves(frame, title), frame, title, f"{key}_km")


def earnings_view(path: Path, sel: Selection, key: str) -> None:
    medians = queries.metric_definitions(path)
    medians = medians[medians.kind == "median"]
    if medians.empty:
        return
    by_id = medians.set_index("metric_id")
    metric_id = st.selectbox(
        "Earnings measure",
        list(by_id.index),
        format_func=lambda m: str(by_id.loc[m, "label"]),
        key=f"{key}_earnings_metric",
    )
    breakdown_view(path, sel, f"{key}_earnings", metric_id=metric_id)


def _label_unit(path: Path, metric_id: str) -> tuple[str, str]:
    defs = queries.metric_definitions(path).set_index("metric_id")
    return str(defs.loc[metric_id, "label"]), str(defs.loc[metric_id, "unit"])

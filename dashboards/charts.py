"""Pure DataFrame → plotly Figure, each with a text alternative; no Streamlit, no queries.

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies); meaning is never carried by colour alone: withheld cells are labelled `—`
with their reason, DI-flagged gaps carry a "DI" label and a different marker pattern.
Every function returns a `Chart`: the figure and a sentence or two that says what it shows
(pages print it under the chart; the figure's table is shown beside it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

#: Okabe & Ito (2008), minus yellow (too pale on white for thin lines and text)
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last)
)
BASELINE_COLOUR = "#000000"
FLAG_COLOUR = "#D55E00"
NO_FLAG_COLOUR = "#0072B2"
WITHHELD = "—"

FONT = {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"}


@dataclass(frozen=True)
class Chart:
    """A figure and its text alternative."""

    figure: go.Figure
    alt_text: str


def colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def format_value(value: float | None, unit: str) -> str:
    """A value the way the tier files display it (used for axis ticks and alt text)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return WITHHELD
    if unit == "fraction":
        return f"{value * 100:.0f}%"
    if unit.startswith("usd"):
        return f"${value:,.0f}"
    if unit == "days":
        return f"{value:,.0f} days"
    return f"{value:,.2f}"


def _axis(unit: str) -> dict:
    if unit == "fraction":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    if unit.startswith("usd"):
        return {"tickprefix": "$", "tickformat": ",.0f", "rangemode": "tozero"}
    return {"rangemode": "tozero"}


def _layout(fig: go.Figure, title: str, **kwargs: object) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font=FONT,
        colorway=list(OKABE_ITO),
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        **kwargs,
    )
    fig.update_xaxes(showgrid=True, gridcolor="#e5e5e5", automargin=True)
    fig.update_yaxes(showgrid=True, gridcolor="#e5e5e5", automargin=True)
    return fig


def _cell_text(row: pd.Series) -> str:
    """`42%` for a published cell, `— (n<10)` for a withheld one."""
    if pd.isna(row["value"]):
        return f"{WITHHELD} ({row['status']})"
    return str(row["display"])


def _listing(labels: pd.Series, texts: pd.Series, limit: int = 12) -> str:
    items = [f"{label} {text}" for label, text in zip(labels, texts, strict=True)]
    more = len(items) - limit
    return "; ".join(items[:limit]) + (f"; and {more} more (see the table)" if more > 0 else "")


def value_bars(frame: pd.DataFrame, label_column: str, title: str, unit: str) -> Chart:
    """Horizontal bars of published cells; withheld cells keep their row, labelled `—`.

    `frame` has `value`, `display`, `status` and the label column (e.g. program_name)."""
    frame = frame.reset_index(drop=True)
    texts = frame.apply(_cell_text, axis=1) if len(frame) else pd.Series(dtype=str)
    labels = frame[label_column].astype(str)
    fig = go.Figure(
        go.Bar(
            x=frame["value"].astype("float64").fillna(0.0),
            y=labels,
            orientation="h",
            text=texts,
            textposition="outside",
            cliponaxis=False,
            marker_color=colour(0),
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    _layout(fig, title, height=max(260, 40 * len(frame) + 120))
    fig.update_xaxes(**_axis(unit))
    fig.update_yaxes(autorange="reversed")
    withheld = int(frame["value"].isna().sum())
    alt = f"Bar chart: {title}. {_listing(labels, texts)}." + (
        f" {withheld} cell(s) withheld, shown as {WITHHELD} with the reason." if withheld else ""
    )
    return Chart(fig, alt)


def breakdown_bars(frame: pd.DataFrame, title: str, unit: str) -> Chart:
    """Groups of a dimension against the `All` baseline (a dashed line), Wilson bars if any.

    `frame` is `queries.breakdown`: the baseline row (dimension `all`) and the group rows."""
    base = frame[frame["dimension"] == "all"]
    groups = frame[frame["dimension"] != "all"].reset_index(drop=True)
    texts = groups.apply(_cell_text, axis=1) if len(groups) else pd.Series(dtype=str)
    error = None
    if "ci_low" in groups and groups["ci_low"].notna().any():
        error = {
            "type": "data",
            "symmetric": False,
            "array": (groups["ci_high"] - groups["value"]).astype("float64").fillna(0.0),
            "arrayminus": (groups["value"] - groups["ci_low"]).astype("float64").fillna(0.0),
            "color": "#444444",
        }
    fig = go.Figure(
        go.Bar(
            x=groups["group_value"].astype(str),
            y=groups["value"].astype("float64").fillna(0.0),
            text=texts,
            textposition="outside",
            cliponaxis=False,
            marker_color=colour(0),
            error_y=error,
            name="Group",
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    baseline_text = ""
    if len(base) and pd.notna(base["value"].iloc[0]):
        value = float(base["value"].iloc[0])
        fig.add_hline(
            y=value,
            line_dash="dash",
            line_color=BASELINE_COLOUR,
            annotation_text=f"All: {base['display'].iloc[0]}",
            annotation_position="top left",
        )
        baseline_text = f" The All baseline is {base['display'].iloc[0]}."
    elif len(base):
        baseline_text = f" The All baseline is withheld ({base['status'].iloc[0]})."
    _layout(fig, title, height=420)
    fig.update_yaxes(**_axis(unit))
    alt = f"Bar chart: {title}.{baseline_text} {_listing(groups['group_value'], texts)}."
    if error is not None:
        alt += " Error bars are 95% Wilson intervals."
    return Chart(fig, alt)


def trend_lines(frame: pd.DataFrame, series_column: str, title: str, unit: str) -> Chart:
    """One line a series across cohorts; withheld cohorts are gaps in the line."""
    fig = go.Figure()
    parts = []
    for i, (name, part) in enumerate(frame.groupby(series_column, sort=False)):
        part = part.sort_values("cohort_year")
        fig.add_trace(
            go.Scatter(
                x=part["cohort_year"],
                y=part["value"].astype("float64"),
                mode="lines+markers",
                name=str(name),
                line={"color": colour(i), "width": 3 if name == "All" else 2},
                marker={"symbol": i % 20, "size": 8},
                text=part.apply(_cell_text, axis=1),
                hovertemplate=f"{name} %{{x}}: %{{text}}<extra></extra>",
            )
        )
        values = ", ".join(
            f"{int(y)} {t}"
            for y, t in zip(part["cohort_year"], part.apply(_cell_text, axis=1), strict=True)
        )
        parts.append(f"{name}: {values}")
    _layout(fig, title, height=420)
    fig.update_xaxes(dtick=1, title="Cohort year")
    fig.update_yaxes(**_axis(unit))
    shown = "; ".join(parts[:8]) + ("; more in the table" if len(parts) > 8 else "")
    return Chart(fig, f"Line chart: {title}. {shown}.")


def gap_bars(frame: pd.DataFrame, title: str) -> Chart:
    """PPG-1 gap of each group with its margin of error; DI-flagged groups stand out.

    Negative gaps are below the reference; labels give "successes needed" to close DI."""
    frame = frame.reset_index(drop=True)
    flagged = frame["di_flag"].fillna(False).astype(bool)
    labels = [f"{gap * 100:+.1f} pts" for gap in frame["ppg1"]]
    fig = go.Figure(
        go.Bar(
            x=frame["ppg1"].astype("float64"),
            # the gap and the flag are in the tick label, clear of the whiskers
            y=[
                f"{g} ({label})" + (f" · DI, needs {int(n)}" if f else "")
                for g, label, f, n in zip(
                    frame["group_value"],
                    labels,
                    flagged,
                    frame["successes_needed_no_di"].fillna(0),
                    strict=True,
                )
            ],
            orientation="h",
            error_x={"type": "data", "array": frame["moe"].astype("float64"), "color": "#444"},
            marker={
                "color": [FLAG_COLOUR if f else NO_FLAG_COLOUR for f in flagged],
                "pattern": {"shape": ["x" if f else "" for f in flagged]},
            },
            text=labels,
            textposition="none",
            hovertemplate="%{y}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color=BASELINE_COLOUR)
    _layout(fig, title, height=max(280, 40 * len(frame) + 140))
    fig.update_xaxes(tickformat="+.0%", title="PPG-1: group rate minus the rest's rate")
    fig.update_yaxes(autorange="reversed")
    flagged_groups = [
        f"{g} ({p * 100:+.1f} points, {int(n)} more successes needed)"
        for g, p, n, f in zip(
            frame["group_value"],
            frame["ppg1"],
            frame["successes_needed_no_di"].fillna(0),
            flagged,
            strict=True,
        )
        if f
    ]
    alt = f"Bar chart: {title}. {len(frame)} groups; bars are PPG-1 gaps with margins of error."
    alt += (
        " Disproportionate impact flagged for " + "; ".join(flagged_groups) + "."
        if flagged_groups
        else " No group is flagged for disproportionate impact."
    )
    return Chart(fig, alt)


def gap_trend(frame: pd.DataFrame, title: str) -> Chart:
    """A group's PPG-1 gap across cohorts with its margin of error."""
    frame = frame.sort_values("cohort_year")
    flagged = frame["di_flag"].fillna(False).astype(bool)
    fig = go.Figure(
        go.Scatter(
            x=frame["cohort_year"],
            y=frame["ppg1"].astype("float64"),
            error_y={"type": "data", "array": frame["moe"].astype("float64"), "color": "#444"},
            mode="lines+markers",
            line={"color": colour(0)},
            marker={
                "size": 11,
                "color": [FLAG_COLOUR if f else NO_FLAG_COLOUR for f in flagged],
                "symbol": ["diamond" if f else "circle" for f in flagged],
            },
            hovertemplate="%{x}: %{y:+.1%}<extra></extra>",
            name="PPG-1",
        )
    )
    fig.add_hline(y=0, line_color=BASELINE_COLOUR)
    _layout(fig, title, height=380)
    fig.update_xaxes(dtick=1, title="Cohort year")
    fig.update_yaxes(tickformat="+.0%", title="PPG-1")
    points = ", ".join(
        f"{int(y)} {p * 100:+.1f} points" + (" (DI)" if f else "")
        for y, p, f in zip(frame["cohort_year"], frame["ppg1"], flagged, strict=True)
    )
    return Chart(fig, f"Line chart: {title}. {points or 'no cohorts'}.")


def km_curves(frame: pd.DataFrame, title: str) -> Chart:
    """Kaplan–Meier share employed by days since exit (1 − survival), a step line a group."""
    fig = go.Figure()
    parts = []
    for i, (group, part) in enumerate(frame.groupby("group_value", sort=True)):
        part = part.sort_values("days_since_exit")
        employed = 1.0 - part["survival"].astype("float64")
        fig.add_trace(
            go.Scatter(
                x=part["days_since_exit"],
                y=employed,
                mode="lines",
                line={"shape": "hv", "color": colour(i), "width": 3 if group == "All" else 2},
                name=str(group),
                hovertemplate=f"{group} day %{{x}}: %{{y:.0%}} employed<extra></extra>",
            )
        )
        within = part[part["days_since_exit"] <= 180]
        at_180 = 1.0 - float(within["survival"].iloc[-1]) if len(within) else 0.0
        parts.append(f"{group} {at_180 * 100:.0f}% by day 180")
    _layout(fig, title, height=420)
    fig.update_xaxes(title="Days since exit", rangemode="tozero")
    fig.update_yaxes(title="Share employed (Kaplan–Meier)", tickformat=".0%", range=[0, 1])
    return Chart(fig, f"Step chart: {title}. " + "; ".join(parts) + ".")


def _node_label(program_id: str, names: dict[str, str]) -> str:
    if program_id == "(none)":
        return "no further program"
    return names.get(program_id, program_id)


def pathway_sankey(frame: pd.DataFrame, title: str, names: dict[str, str] | None = None) -> Chart:
    """Program → the program it stacks into (or did not stack) → employed in Q2.

    `frame` follows `published_pathways`. Links of withheld cells (stackers null) are left
    out of the diagram and named in the text alternative; the second stage splits each
    middle node by the published employment rate (links with a withheld rate go to
    "Employment withheld")."""
    names = names or {}
    nodes: list[str] = []
    index: dict[str, int] = {}

    def node(key: str, label: str) -> int:
        if key not in index:
            index[key] = len(nodes)
            nodes.append(label)
        return index[key]

    sources, targets, values, colours = [], [], [], []
    withheld = []
    outcome: dict[str, dict[str, float]] = {}
    for row in frame.itertuples():
        from_label = _node_label(row.from_program_id, names)
        if pd.isna(row.stackers):
            withheld.append(f"{from_label} to {row.to_program_id} ({row.stackers_status})")
            continue
        if row.to_program_id == "(none)":
            mid_key, mid_label = "mid:(none)", "Did not stack"
        else:
            mid_key = f"mid:{row.to_program_id}"
            mid_label = "→ " + _node_label(row.to_program_id, names)
        a = node(f"from:{row.from_program_id}", from_label)
        b = node(mid_key, mid_label)
        sources.append(a)
        targets.append(b)
        values.append(float(row.stackers))
        colours.append("rgba(0,114,178,0.35)")
        split = outcome.setdefault(mid_key, {"employed": 0.0, "not": 0.0, "unknown": 0.0})
        if pd.isna(row.employed_q2_rate):
            split["unknown"] += float(row.stackers)
        else:
            split["employed"] += float(row.stackers) * float(row.employed_q2_rate)
            split["not"] += float(row.stackers) * (1.0 - float(row.employed_q2_rate))
    ends = {
        "employed": ("Employed in Q2", "rgba(0,158,115,0.45)"),
        "not": ("Not employed in Q2", "rgba(213,94,0,0.35)"),
        "unknown": ("Employment withheld", "rgba(120,120,120,0.3)"),
    }
    for mid_key, split in outcome.items():
        for kind, amount in split.items():
            if amount > 0:
                sources.append(index[mid_key])
                targets.append(node(f"end:{kind}", ends[kind][0]))
                values.append(round(amount, 1))
                colours.append(ends[kind][1])
    fig = go.Figure(
        go.Sankey(
            node={
                "label": nodes,
                "pad": 18,
                "thickness": 16,
                "color": [colour(i) for i in range(len(nodes))],
                "line": {"color": "#333", "width": 0.5},
            },
            link={"source": sources, "target": targets, "value": values, "color": colours},
        )
    )
    _layout(fig, title, height=max(420, 28 * len(nodes) + 120))
    flows = [
        f"{_node_label(r.from_program_id, names)} to "
        f"{_node_label(r.to_program_id, names)}: {int(r.stackers)} completers, "
        f"{r.employed_q2_display} employed in Q2"
        for r in frame.itertuples()
        if pd.notna(r.stackers)
    ]
    alt = f"Flow diagram: {title}. " + ("; ".join(flows[:15]) or "no published flows") + "."
    if len(flows) > 15:
        alt += f" {len(flows) - 15} more flows in the table."
    if withheld:
        alt += " Withheld: " + "; ".join(withheld) + "."
    return Chart(fig, alt)


def count_bars(frame: pd.DataFrame, label_column: str, value_column: str, title: str) -> Chart:
    """Plain horizontal count bars (rejects by reason, records by source)."""
    frame = frame.reset_index(drop=True)
    labels = frame[label_column].astype(str)
    fig = go.Figure(
        go.Bar(
            x=frame[value_column],
            y=labels,
            orientation="h",
            marker_color=colour(0),
            text=[f"{int(v):,}" for v in frame[value_column]],
            textposition="outside",
            cliponaxis=False,
        )
    )
    _layout(fig, title, height=max(240, 34 * len(frame) + 120))
    fig.update_yaxes(autorange="reversed")
    texts = pd.Series([f"{int(v):,}" for v in frame[value_column]], dtype=str)
    return Chart(fig, f"Bar chart: {title}. {_listing(labels, texts)}.")


def rate_bars(frame: pd.DataFrame, label_column: str, rate_column: str, title: str) -> Chart:
    """Horizontal bars of shares (identity match rates)."""
    frame = frame.reset_index(drop=True)
    labels = frame[label_column].astype(str)
    texts = pd.Series([format_value(v, "fraction") for v in frame[rate_column]], dtype=str)
    fig = go.Figure(
        go.Bar(
            x=frame[rate_column],
            y=labels,
            orientation="h",
            marker_color=colour(2),
            text=texts,
            textposition="outside",
            cliponaxis=False,
        )
    )
    _layout(fig, title, height=max(240, 34 * len(frame) + 120))
    fig.update_xaxes(tickformat=".0%", range=[0, 1.08])
    fig.update_yaxes(autorange="reversed")
    return Chart(fig, f"Bar chart: {title}. {_listing(labels, texts)}.")

"""Charts are pure functions: traces, values, text alternatives and the palette."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboards import charts

NAN = float("nan")


def metric_rows(rows):
    return pd.DataFrame(
        rows, columns=["program_name", "dimension", "group_value", "value", "display", "status"]
    )


def test_palette_is_okabe_ito():
    assert set(charts.OKABE_ITO) == {
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
    }  # fmt: skip
    assert charts.OKABE_ITO[-1] == "#F0E442"  # the pale yellow is used last


def test_value_bars_withheld_cells_are_labelled_not_zero():
    frame = metric_rows(
        [
            ("All programs", "all", "All", 0.62, "62%", "published"),
            ("Welding", "all", "All", NAN, "—", "n<10"),
            ("Nursing", "all", "All", 0.95, "≥95%", "top_coded"),
        ]
    )
    chart = charts.value_bars(frame, "program_name", "Completion rate", "fraction")
    (bar,) = chart.figure.data
    assert list(bar.y) == ["All programs", "Welding", "Nursing"]
    assert list(bar.text) == ["62%", "— (n<10)", "≥95%"]
    assert bar.marker.color == charts.OKABE_ITO[0]
    assert "Welding — (n<10)" in chart.alt_text
    assert "1 cell(s) withheld" in chart.alt_text
    assert chart.figure.layout.xaxis.tickformat == ".0%"


def test_breakdown_bars_baseline_and_wilson_intervals():
    frame = metric_rows(
        [
            ("All programs", "all", "All", 0.5, "50%", "published"),
            ("All programs", "sex", "Female", 0.6, "60%", "published"),
            ("All programs", "sex", "Male", 0.4, "40%", "published"),
        ]
    )
    frame["ci_low"] = [0.45, 0.5, 0.3]
    frame["ci_high"] = [0.55, 0.7, 0.52]
    chart = charts.breakdown_bars(frame, "By sex", "fraction")
    (bar,) = chart.figure.data
    assert list(bar.x) == ["Female", "Male"]
    assert list(bar.y) == [0.6, 0.4]
    assert list(bar.error_y.array) == pytest.approx([0.1, 0.12])
    assert list(bar.error_y.arrayminus) == pytest.approx([0.1, 0.1])
    (line,) = chart.figure.layout.shapes
    assert line.y0 == line.y1 == 0.5
    assert "The All baseline is 50%" in chart.alt_text
    assert "Wilson" in chart.alt_text


def test_breakdown_without_intervals_has_no_error_bars():
    frame = metric_rows(
        [
            ("All programs", "all", "All", NAN, "—", "n<10"),
            ("All programs", "sex", "Female", 0.6, "60%", "published"),
        ]
    )
    chart = charts.breakdown_bars(frame, "By sex", "fraction")
    assert chart.figure.data[0].error_y.array is None
    assert "baseline is withheld (n<10)" in chart.alt_text
    assert not chart.figure.layout.shapes


def test_trend_lines_one_trace_per_group_with_gaps_for_withheld():
    frame = pd.DataFrame(
        {
            "cohort_year": [2020, 2021, 2020, 2021],
            "group_value": ["All", "All", "Veteran", "Veteran"],
            "value": [0.5, 0.55, NAN, 0.7],
            "display": ["50%", "55%", "—", "70%"],
            "status": ["published", "published", "n<10", "published"],
        }
    )
    chart = charts.trend_lines(frame, "group_value", "Trend", "fraction")
    assert [t.name for t in chart.figure.data] == ["All", "Veteran"]
    veteran = chart.figure.data[1]
    assert math.isnan(veteran.y[0]) and veteran.y[1] == 0.7
    assert chart.figure.data[0].line.color == charts.OKABE_ITO[0]
    assert chart.figure.data[1].line.color == charts.OKABE_ITO[1]
    assert "Veteran: 2020 — (n<10), 2021 70%" in chart.alt_text


def gap_rows():
    return pd.DataFrame(
        {
            "group_value": ["A", "B"],
            "ppg1": [-0.2, 0.05],
            "moe": [0.1, 0.08],
            "di_flag": [True, False],
            "successes_needed_no_di": [3, 0],
            "cohort_year": [2021, 2022],
        }
    )


def test_gap_bars_flag_by_colour_and_pattern_and_text():
    chart = charts.gap_bars(gap_rows(), "Gaps")
    (bar,) = chart.figure.data
    assert list(bar.x) == [-0.2, 0.05]
    assert list(bar.error_x.array) == [0.1, 0.08]
    assert list(bar.marker.color) == [charts.FLAG_COLOUR, charts.NO_FLAG_COLOUR]
    assert list(bar.marker.pattern.shape) == ["x", ""]
    assert list(bar.text) == ["-20.0 pts", "+5.0 pts"]
    assert list(bar.y) == ["A (-20.0 pts) · DI, needs 3", "B (+5.0 pts)"]
    assert "A (-20.0 points, 3 more successes needed)" in chart.alt_text


def test_gap_trend_points_and_alt():
    chart = charts.gap_trend(gap_rows(), "Trend of A")
    (line,) = chart.figure.data
    assert list(line.x) == [2021, 2022]
    assert list(line.marker.symbol) == ["diamond", "circle"]
    assert "2021 -20.0 points (DI), 2022 +5.0 points" in chart.alt_text


def test_km_curves_plot_share_employed_as_steps():
    frame = pd.DataFrame(
        {
            "group_value": ["All", "All", "All", "X", "X"],
            "days_since_exit": [0, 90, 200, 0, 30],
            "survival": [0.9, 0.6, 0.5, 1.0, 0.75],
        }
    )
    chart = charts.km_curves(frame, "KM")
    all_trace, x_trace = chart.figure.data
    assert all_trace.line.shape == "hv"
    assert list(all_trace.y) == pytest.approx([0.1, 0.4, 0.5])
    assert list(x_trace.y) == pytest.approx([0.0, 0.25])
    assert "All 40% by day 180; X 25% by day 180" in chart.alt_text


def pathway_rows():
    return pd.DataFrame(
        {
            "cohort_year": [2022] * 4,
            "from_program_id": ["CNA", "CNA", "LPN", "WLD"],
            "to_program_id": ["LPN", "(none)", "(none)", "(none)"],
            "stackers": [20, 80, 40, None],
            "stackers_status": ["published", "published", "published", "n<10"],
            "employed_q2_rate": [0.5, 0.75, None, None],
            "employed_q2_display": ["50%", "75%", "—", "—"],
            "employed_q2_status": ["published", "published", "n<10", "n<10"],
        }
    )


def test_sankey_nodes_links_and_withheld():
    names = {"CNA": "Nursing Assistant", "LPN": "Practical Nurse"}
    chart = charts.pathway_sankey(pathway_rows(), "Pathways 2022", names)
    (sankey,) = chart.figure.data
    labels = list(sankey.node.label)
    assert labels[:3] == ["Nursing Assistant", "→ Practical Nurse", "Did not stack"]
    links = {
        (labels[s], labels[t]): v
        for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=True)
    }
    assert links == {
        ("Nursing Assistant", "→ Practical Nurse"): 20,
        ("Nursing Assistant", "Did not stack"): 80,
        ("Practical Nurse", "Did not stack"): 40,
        ("→ Practical Nurse", "Employed in Q2"): 10,
        ("→ Practical Nurse", "Not employed in Q2"): 10,
        ("Did not stack", "Employed in Q2"): 60,
        ("Did not stack", "Not employed in Q2"): 20,
        ("Did not stack", "Employment withheld"): 40,
    }
    assert "Nursing Assistant to Practical Nurse: 20 completers, 50% employed in Q2" in (
        chart.alt_text
    )
    assert "Withheld: WLD to (none) (n<10)" in chart.alt_text


def test_sankey_of_nothing_says_so():
    chart = charts.pathway_sankey(pathway_rows().iloc[0:0], "Empty")
    assert "no published flows" in chart.alt_text


def test_count_and_rate_bars():
    frame = pd.DataFrame({"reason": ["bad_ssn", "bad_code"], "n": [50, 7], "rate": [0.9, 1.0]})
    counts = charts.count_bars(frame, "reason", "n", "Rejects")
    assert list(counts.figure.data[0].text) == ["50", "7"]
    assert "bad_ssn 50; bad_code 7" in counts.alt_text
    rates = charts.rate_bars(frame, "reason", "rate", "Match")
    assert list(rates.figure.data[0].text) == ["90%", "100%"]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(0.425, "fraction", "42%"), (8400.0, "usd_nominal", "$8,400"), (None, "fraction", "—"),
     (NAN, "usd_real", "—"), (12.0, "days", "12 days")],
)  # fmt: skip
def test_format_value(value, unit, text):
    assert charts.format_value(value, unit) == text

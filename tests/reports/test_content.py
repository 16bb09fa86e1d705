"""Every number a funder report shows is the funder tier file's own published figure.

The expectations are read from the tier file with plain SQL here, independently of the
report code: which cohort each metric shows (the latest complete cohort year whose
all-programs cell is published), which rows appear, and their displays and statuses.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

from equipath.reports import Period, current_period, render_report
from equipath.reports.charts import warm_browser
from tests.reports.helpers import parse

pytestmark = pytest.mark.slow

FUNDER = "F1"
VALUE = ("published", "top_coded", "bottom_coded")
GROUP_DIMENSIONS = {
    "age_band",
    "sex",
    "race_ethnicity",
    "low_income",
    "first_generation",
    "english_learner",
    "veteran",
    "disability",
    "modality",
}


def tier(published: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(published / "funders" / f"{FUNDER}.duckdb"), read_only=True)


@pytest.fixture(scope="module")
def rendered(published_tiers, tmp_path_factory):
    con = tier(published_tiers)
    as_of = con.execute("select cast(as_of as date) from _publication").fetchone()[0]
    con.close()
    period = current_period("quarterly", as_of)
    outbox = tmp_path_factory.mktemp("outbox")
    with warm_browser():
        result = render_report(published_tiers, FUNDER, period, outbox)
    return result, period


@pytest.fixture(scope="module")
def expected(published_tiers, rendered):
    """The tier rows the report must show, chosen by SQL."""
    _, period = rendered
    con = tier(published_tiers)
    try:
        cohorts = dict(
            con.execute(
                "select metric_id, max(cohort_year) from published_metrics "
                "where program_id = 'ALL' and dimension = 'all' and status in "
                "('published', 'top_coded', 'bottom_coded') and cohort_year <= ? group by 1",
                [period.last_complete_cohort],
            ).fetchall()
        )
        rows = con.execute(
            "select metric_id, cohort_year, program_id, dimension, group_value, value, display, "
            "n_rounded, status from published_metrics"
        ).fetchall()
        gaps = con.execute(
            "select metric_id, cohort_year, program_id, dimension, group_value, rate, "
            "reference_rate, ppg1, moe, n from published_equity_gaps "
            "where di_flag and program_id <> 'ALL'"
        ).fetchall()
    finally:
        con.close()
    index = {"|".join(map(str, r[:5])): r for r in rows}
    outcome_refs = {
        key
        for key, r in index.items()
        if r[3] == "all" and r[0] in cohorts and r[1] in (cohorts[r[0]], cohorts[r[0]] - 1)
    }
    group_refs = {
        key
        for key, r in index.items()
        if r[0] == "employment_rate_q2"
        and r[1] == cohorts["employment_rate_q2"]
        and r[2] != "ALL"
        and r[3] in GROUP_DIMENSIONS
    }
    flagged = [g for g in gaps if g[0] in cohorts and g[1] == cohorts[g[0]]]
    return {"index": index, "refs": outcome_refs | group_refs, "gaps": flagged}


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def _pts(value: float) -> str:
    points = round(value * 100)
    return f"{'−' if points < 0 else '+' if points > 0 else '±'}{abs(points)} pts"


def test_every_cell_is_the_published_figure(rendered, expected):
    result, _ = rendered
    cells = parse(result.files["html"].read_text()).cells
    index = expected["index"]
    displays = [c for c in cells if c.field == "display"]
    assert displays, "the report shows no metric cells"
    for cell in displays:
        _, _, _, _, _, _, display, _, status = index[cell.ref]
        assert cell.status == status, cell.ref
        if status in VALUE:
            assert cell.text == display, cell.ref
        else:
            assert display == "—"
            assert cell.text == f"— {status}", cell.ref
    for cell in (c for c in cells if c.field == "n_rounded"):
        assert cell.text == f"{index[cell.ref][7]:,}", cell.ref
    # exactly the rows of the chosen cohorts: none missing, none extra
    assert {c.ref for c in displays} == expected["refs"]


def test_withheld_cells_render_as_a_dash_with_their_reason(rendered, expected):
    result, _ = rendered
    cells = [c for c in parse(result.files["html"].read_text()).cells if c.field == "display"]
    withheld = [c for c in cells if expected["index"][c.ref][8] not in VALUE]
    assert {c.status for c in withheld} >= {"n<10"}, "the sample has withheld cells to show"
    for cell in withheld:
        assert cell.text == f"— {expected['index'][cell.ref][8]}"
        assert not any(ch.isdigit() for ch in cell.text.replace("n<10", ""))


def test_equity_gaps_are_the_widest_published_flagged_gaps(rendered, expected):
    result, _ = rendered
    cells = [c for c in parse(result.files["html"].read_text()).cells if c.field != "display"]
    by_ref: dict[str, dict[str, str]] = {}
    for cell in cells:
        if cell.field in ("rate", "reference_rate", "ppg1", "moe", "n"):
            by_ref.setdefault(cell.ref, {})[cell.field] = cell.text
    gaps = {"|".join(map(str, g[:5])): g for g in expected["gaps"]}
    assert by_ref, "the sample has flagged gaps"
    for ref, shown in by_ref.items():
        _, _, _, _, _, rate, reference, ppg1, moe, n = gaps[ref]
        assert shown == {
            "rate": _pct(rate),
            "reference_rate": _pct(reference),
            "ppg1": _pts(ppg1),
            "moe": _pts(moe),
            "n": f"{n:,}",
        }, ref
    widest = sorted(round(g[7], 6) for g in expected["gaps"])[: len(by_ref)]
    assert sorted(round(gaps[ref][7], 6) for ref in by_ref) == widest


def test_data_csv_holds_the_shown_rows_with_status(rendered, expected):
    result, _ = rendered
    rows = list(csv.DictReader(io.StringIO(result.files["csv"].read_text())))
    metric_rows = [r for r in rows if r["section"] == "metrics"]
    index = expected["index"]
    keys = [
        "|".join(
            [r["metric_id"], r["cohort_year"], r["program_id"], r["dimension"], r["group_value"]]
        )
        for r in metric_rows
    ]
    assert set(keys) == expected["refs"]
    for key, row in zip(keys, metric_rows, strict=True):
        _, _, _, _, _, value, display, n, status = index[key]
        assert (row["display"], row["status"]) == (display, status)
        assert row["n_rounded"] == ("" if n is None else str(n))
        assert row["value"] == ("" if status not in VALUE else repr(value))


def test_summary_states_headline_figures_as_published(rendered, expected):
    result, _ = rendered
    report = result.report
    metric = next(m for m in report.metrics if m.metric_id == "employment_rate_q2")
    program = report.programs[0]
    ref = f"employment_rate_q2|{metric.cohort}|{program.program_id}|all|All"
    display, status = expected["index"][ref][6], expected["index"][ref][8]
    sentence = next(s for s in report.summary if s.startswith(metric.label))
    assert f"{metric.cohort} exit cohort against {metric.cohort - 1}" in sentence
    shown = display if status in VALUE else f"— ({status})"
    assert f"{program.program_name} {shown}" in sentence


def test_period_after_as_of_is_refused(published_tiers, tmp_path):
    from equipath.reports import PeriodError

    con = tier(published_tiers)
    as_of = con.execute("select cast(as_of as date) from _publication").fetchone()[0]
    con.close()
    with pytest.raises(PeriodError, match="after the publication's as_of"):
        render_report(published_tiers, FUNDER, Period(as_of.year + 1), tmp_path)
    assert not any(tmp_path.iterdir())

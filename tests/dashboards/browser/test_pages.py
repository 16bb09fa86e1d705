"""Every page in a real browser: loads without an exception, a filter change re-renders
it, and a CSV download holds exactly the tier file's rows (withheld cells `—` with their
status, never 0)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.dashboards.browser.conftest import (
    PAGES,
    choose,
    exceptions,
    go_to,
    nav_titles,
    open_app,
    sign_in,
    wait_idle,
)

pytestmark = pytest.mark.slow

WITHHELD = "—"


def tier(path: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


def download(page, name_pattern: str) -> pd.DataFrame:
    button = page.get_by_role("button", name=re.compile(name_pattern))
    with page.expect_download() as info:
        button.first.click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    wait_idle(page)  # a download reruns the script
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def assert_page_ok(page) -> None:
    assert exceptions(page) == []
    assert page.locator('[data-testid="stPlotlyChart"], [data-testid="stMetric"]').count() > 0


def test_anonymous_sees_public_pages_only(page, streamlit_server):
    open_app(page, streamlit_server)
    assert nav_titles(page) == ["Public outcomes", "Pathways"]
    assert page.locator("h1").first.inner_text() == "Public outcomes"
    assert_page_ok(page)
    go_to(page, "Pathways")
    assert_page_ok(page)


def test_admin_loads_every_page(page, streamlit_server):
    sign_in(page, streamlit_server, "admin")
    assert nav_titles(page) == list(PAGES)
    for title in PAGES:
        go_to(page, title)
        assert_page_ok(page)


def test_data_team_sees_quality_and_equity(page, streamlit_server):
    sign_in(page, streamlit_server, "data")
    assert nav_titles(page) == ["Public outcomes", "Equity gaps", "Pathways", "Data quality"]
    go_to(page, "Data quality")
    assert_page_ok(page)


def _check_metric_csv(csv: pd.DataFrame, rows: pd.DataFrame) -> None:
    """The downloaded rows are the tier file's rows for that selection (the groups and the
    All baseline), cell for cell."""
    assert len(csv) == len(rows) > 0
    merged = csv.merge(
        rows.astype({"cohort_year": str}),
        on=["cohort_year", "program_id", "dimension", "group_value"],
        suffixes=("", "_tier"),
        validate="one_to_one",
    )
    assert len(merged) == len(rows)
    assert (merged.display == merged.display_tier).all()
    assert (merged.status == merged.status_tier).all()
    withheld = merged[merged.value_tier.isna()]
    assert (withheld.display == WITHHELD).all()
    assert (withheld.value == "").all() and (withheld.n_rounded == "").all()
    assert (withheld.status != "published").all()
    shown = merged[merged.value_tier.notna()]
    assert (shown.value.astype(float) - shown.value_tier).abs().max() < 1e-9
    assert (shown.n_rounded.astype(int) == shown.n_rounded_tier.astype(int)).all()


def test_public_filter_change_and_csv_match_the_tier_file(page, streamlit_server):
    public = streamlit_server.published / "public.duckdb"
    open_app(page, streamlit_server)
    heading = page.locator("h3").filter(has_text="by race and ethnicity, All programs, cohort")
    cohort = int(re.search(r"cohort (\d{4})", heading.first.inner_text()).group(1))
    headline = page.locator("h3").filter(has_text=" by program, cohort ").first.inner_text()
    definitions = tier(public, "select metric_id, label from metric_definitions")
    label = headline.split(" by program, cohort ")[0].strip()
    metric_id = definitions.set_index("label").metric_id[label]
    query = (
        "select cohort_year, program_id, dimension, group_value, display, status, value, "
        "n_rounded from published_metrics where metric_id = ? and cohort_year = ? "
        "and program_id = 'ALL' and dimension in (?, 'all')"
    )
    csv = download(page, r"^Download .* by race and ethnicity, All programs, cohort \d+ as CSV$")
    _check_metric_csv(csv, tier(public, query, [metric_id, cohort, "race_ethnicity"]))

    choose(page, "Compare groups by", "Sex")
    assert page.locator("h3").filter(has_text="by sex, All programs").count() == 2
    assert (
        page.locator("h3").filter(has_text="by race and ethnicity, All programs, cohort").count()
        == 0
    )
    csv = download(page, r"^Download .* by sex, All programs, cohort \d+ as CSV$")
    _check_metric_csv(csv, tier(public, query, [metric_id, cohort, "sex"]))
    assert exceptions(page) == []


def test_pathways_filter_and_csv_match_the_tier_file(page, streamlit_server):
    public = streamlit_server.published / "public.duckdb"
    open_app(page, streamlit_server)
    go_to(page, "Pathways")
    cohorts = tier(public, "select distinct cohort_year from published_pathways order by 1")
    cohort = int(cohorts.cohort_year.iloc[0])
    choose(page, "Exit cohort", str(cohort))
    page.locator("h3").filter(has_text=f"the {cohort} exit cohort").wait_for()
    wait_idle(page)
    csv = download(page, rf"^Download .*{cohort} exit cohort.* as CSV$")
    rows = tier(public, "select * from published_pathways where cohort_year = ?", [cohort])
    key = ["from_program_id", "to_program_id"]
    merged = csv.merge(rows, on=key, suffixes=("", "_tier"), validate="one_to_one")
    assert len(merged) == len(rows) == len(csv) > 0
    assert (merged.stackers_status == merged.stackers_status_tier).all()
    assert (merged.employed_q2_display == merged.employed_q2_display_tier).all()
    withheld = merged[merged.stackers_tier.isna()]
    assert (withheld.stackers == "").all()
    assert (withheld.employed_q2_display == WITHHELD).all()
    shown = merged[merged.stackers_tier.notna()]
    assert (shown.stackers.astype(int) == shown.stackers_tier.astype(int)).all()
    assert exceptions(page) == []

"""Every page and every filter through Streamlit's AppTest, against the published files.

Numbers are checked against the tier file read here with DuckDB, independently of
`dashboards.queries`. Needs the published folder (`published_tiers`): slow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import auth, queries

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"

pytestmark = pytest.mark.slow


def sql(path: Path, query: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(query, params or []).df()
    finally:
        con.close()


def start(published: Path, monkeypatch, user: auth.User | None = None, page: str | None = None):
    monkeypatch.setenv("EQUIPATH_PUBLISHED", str(published))
    app = AppTest.from_file(str(APP), default_timeout=180)
    if user is not None:
        app.session_state["equipath_user"] = {
            "name": user.name,
            "role": user.role,
            "funder_id": user.funder_id,
        }
    app.run()
    if page is not None:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def cells(frame: pd.DataFrame, key: list[str]) -> dict:
    """{key tuple: (display, status, value or None)} of a metric table."""
    out = {}
    for row in frame.to_dict("records"):
        value = row["value"]
        out[tuple(row[k] for k in key)] = (
            row["display"],
            row["status"],
            None if pd.isna(value) else round(float(value), 9),
        )
    return out


def downloads(app) -> list[str]:
    return [e.proto.label for e in app.get("download_button")]


TITLES = {
    "pages/equity.py": "Equity gaps",
    "pages/funder.py": "Funder outcomes",
    "pages/quality.py": "Data quality",
}


def assert_unreachable(app, page: str) -> None:
    """The page is not in the session's navigation: asking for it shows the default page."""
    try:
        app.switch_page(page).run()
    except ValueError as exc:  # AppTest knows only the pages navigation registered
        assert "Could not find a navigation page" in str(exc)
        return
    assert not app.exception
    titles = [t.value for t in app.title]
    assert not any(t.startswith(TITLES[page]) for t in titles), titles


ADMIN = auth.User("admin", "admin")
DATA = auth.User("data", "data_team")
F1 = auth.User("f1", "funder", "F1")


# --- Public outcomes ------------------------------------------------------------------------


def check_public_tables(app, public: Path) -> None:
    metric = app.selectbox(key="public_metric").value
    cohort = app.selectbox(key="public_cohort").value
    program = app.selectbox(key="public_program").value
    dimension = app.selectbox(key="public_dimension").value
    headline, breakdown, trend = (d.value for d in app.dataframe)

    expected = sql(
        public,
        "select program_id, display, status, value from published_metrics where metric_id = ? "
        "and cohort_year = ? and dimension = 'all'",
        [metric, cohort],
    )
    assert cells(headline, ["program_id"]) == cells(expected, ["program_id"])
    assert headline.program_id.iloc[0] == "ALL"

    expected = sql(
        public,
        "select dimension, group_value, display, status, value from published_metrics "
        "where metric_id = ? and cohort_year = ? and program_id = ? and dimension in ('all', ?)",
        [metric, cohort, program, dimension],
    )
    key = ["dimension", "group_value"]
    assert cells(breakdown, key) == cells(expected, key)
    assert len(expected) > 1

    expected = sql(
        public,
        "select cohort_year, dimension, group_value, display, status, value "
        "from published_metrics where metric_id = ? and program_id = ? "
        "and dimension in ('all', ?)",
        [metric, program, dimension],
    )
    key = ["cohort_year", "dimension", "group_value"]
    assert cells(trend, key) == cells(expected, key)
    # withheld cells are empty with their reason, never 0
    for frame in (headline, breakdown, trend):
        withheld = frame[frame.display == "—"]
        assert withheld.value.isna().all()
        assert (withheld.status != "published").all()
    assert len(downloads(app)) == 3


def test_public_page_is_the_default_and_matches_the_public_file(published_tiers, monkeypatch):
    public = published_tiers / "public.duckdb"
    app = start(published_tiers, monkeypatch)
    assert [t.value for t in app.title] == ["Public outcomes"]
    (notice,) = sql(public, "select notice from _publication").notice
    assert notice in app.caption[0].value
    definition = sql(
        public, "select definition from metric_definitions where metric_id = 'completion_rate'"
    ).definition[0]
    assert any(definition in m.value for m in app.markdown)
    # anonymous sessions have no sign-in-only pages
    check_public_tables(app, public)
    # metric choices are the public file's metrics, no Kaplan–Meier ones
    options = app.selectbox(key="public_metric").options
    expected = sql(
        public,
        "select label from metric_definitions where kind in ('rate', 'median') "
        "and metric_id in (select metric_id from published_metrics) order by sort_order",
    ).label
    assert options == list(expected)
    for page in ("pages/equity.py", "pages/funder.py", "pages/quality.py"):
        assert_unreachable(app, page)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("public_metric", "median_earnings_q2"),
        ("public_cohort", 2021),
        ("public_program", "CNA-CERT"),
        ("public_dimension", "race_ethnicity_x_sex"),
    ],
)
def test_every_public_filter(published_tiers, monkeypatch, key, value):
    app = start(published_tiers, monkeypatch)
    app.selectbox(key=key).set_value(value).run()
    assert not app.exception
    assert app.selectbox(key=key).value == value
    check_public_tables(app, published_tiers / "public.duckdb")


# --- Equity gaps ----------------------------------------------------------------------------


def check_equity(app, internal: Path) -> None:
    metric = app.selectbox(key="equity_metric").value
    cohort = app.selectbox(key="equity_cohort").value
    program = app.selectbox(key="equity_program").value
    dimension = app.selectbox(key="equity_dimension").value
    frames = [d.value for d in app.dataframe]
    gaps, rates, gap_trend, km, earnings = frames
    expected = sql(
        internal,
        "select group_value, ppg1, moe, di_flag, successes_needed_no_di from "
        "published_equity_gaps where metric_id = ? and cohort_year = ? and program_id = ? "
        "and dimension = ? order by group_value",
        [metric, cohort, program, dimension],
    )
    assert len(expected) > 0
    shown = gaps[expected.columns].sort_values("group_value").reset_index(drop=True)
    pd.testing.assert_frame_equal(shown, expected, check_dtype=False)

    expected = sql(
        internal,
        "select dimension, group_value, numerator, denominator, ci_low, ci_high "
        "from published_metrics where metric_id = ? and cohort_year = ? and program_id = ? "
        "and dimension in ('all', ?) order by dimension = 'all' desc, group_sort",
        [metric, cohort, program, dimension],
    )
    pd.testing.assert_frame_equal(
        rates[expected.columns].reset_index(drop=True), expected, check_dtype=False
    )

    group = app.selectbox(key="equity_gap_group").value
    expected = sql(
        internal,
        "select cohort_year, ppg1, moe from published_equity_gaps where metric_id = ? "
        "and program_id = ? and dimension = ? and group_value = ? order by cohort_year",
        [metric, program, dimension, group],
    )
    pd.testing.assert_frame_equal(
        gap_trend[expected.columns].reset_index(drop=True), expected, check_dtype=False
    )

    expected = sql(
        internal,
        "select group_value, days_since_exit, survival from km_curve where cohort_year = ? "
        "and program_id = ? and dimension in ('all', ?) order by group_value, days_since_exit",
        [cohort, program, dimension],
    )
    pd.testing.assert_frame_equal(
        km[expected.columns].reset_index(drop=True), expected, check_dtype=False
    )

    earnings_metric = app.selectbox(key="equity_earnings_metric").value
    expected = sql(
        internal,
        "select group_value, value, display, status from published_metrics where metric_id = ? "
        "and cohort_year = ? and program_id = ? and dimension in ('all', ?)",
        [earnings_metric, cohort, program, dimension],
    )
    assert cells(earnings, ["group_value"]) == cells(expected, ["group_value"])
    assert len(downloads(app)) == 5


def test_equity_page_reads_the_internal_file(published_tiers, monkeypatch):
    app = start(published_tiers, monkeypatch, ADMIN, "pages/equity.py")
    assert [t.value for t in app.title] == ["Equity gaps"]
    assert "internal — do not redistribute" in app.caption[0].value
    check_equity(app, published_tiers / "internal.duckdb")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("equity_metric", "employment_rate_q2"),
        ("equity_cohort", 2021),
        ("equity_program", "CNA-CERT"),
        ("equity_dimension", "race_ethnicity_x_sex"),
        ("equity_gap_group", "White"),
        ("equity_earnings_metric", "median_earnings_q2_real"),
    ],
)
def test_every_equity_filter(published_tiers, monkeypatch, key, value):
    app = start(published_tiers, monkeypatch, DATA, "pages/equity.py")
    app.selectbox(key=key).set_value(value).run()
    assert not app.exception
    assert app.selectbox(key=key).value == value
    check_equity(app, published_tiers / "internal.duckdb")


# --- Funder ---------------------------------------------------------------------------------


def test_funder_page_shows_only_its_own_file(published_tiers, monkeypatch):
    own = published_tiers / "funders" / "F1.duckdb"
    app = start(published_tiers, monkeypatch, F1, "pages/funder.py")
    assert [t.value for t in app.title] == ["Funder outcomes — F1"]
    programs = sql(own, "select program_id from programs order by 1").program_id
    assert app.selectbox(key="funder_program").options[1:] == [
        n for n in sql(own, "select program_name from programs order by program_id").program_name
    ]
    assert len(programs) < len(sql(published_tiers / "public.duckdb", "select * from programs"))
    metric = app.selectbox(key="funder_metric").value
    cohort = app.selectbox(key="funder_cohort").value
    headline = app.dataframe[0].value
    expected = sql(
        own,
        "select program_id, display, status, value from published_metrics where metric_id = ? "
        "and cohort_year = ? and dimension = 'all'",
        [metric, cohort],
    )
    assert cells(headline, ["program_id"]) == cells(expected, ["program_id"])
    for page in ("pages/equity.py", "pages/quality.py"):
        assert_unreachable(app, page)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("funder_metric", "employment_rate_q4"),
        ("funder_cohort", 2022),
        ("funder_dimension", "sex"),
    ],
)
def test_every_funder_filter(published_tiers, monkeypatch, key, value):
    own = published_tiers / "funders" / "F1.duckdb"
    app = start(published_tiers, monkeypatch, F1, "pages/funder.py")
    app.selectbox(key=key).set_value(value).run()
    assert not app.exception
    metric = app.selectbox(key="funder_metric").value
    cohort = app.selectbox(key="funder_cohort").value
    dimension = app.selectbox(key="funder_dimension").value
    breakdown = app.dataframe[1].value
    expected = sql(
        own,
        "select dimension, group_value, display, status, value from published_metrics "
        "where metric_id = ? and cohort_year = ? and program_id = 'ALL' "
        "and dimension in ('all', ?)",
        [metric, cohort, dimension],
    )
    assert cells(breakdown, ["dimension", "group_value"]) == cells(
        expected, ["dimension", "group_value"]
    )


def test_funder_program_filter_and_admin_funder_pick(published_tiers, monkeypatch):
    app = start(published_tiers, monkeypatch, ADMIN, "pages/funder.py")
    app.selectbox(key="funder_pick").set_value("F2").run()
    assert [t.value for t in app.title] == ["Funder outcomes — F2"]
    own = published_tiers / "funders" / "F2.duckdb"
    program = sql(own, "select program_id from programs order by 1").program_id[0]
    app.selectbox(key="funder_program").set_value(program).run()
    trend = app.dataframe[2].value
    assert set(trend.program_id) == {program}
    expected = sql(
        own,
        "select count(*) as n from published_metrics where metric_id = ? and program_id = ? "
        "and dimension in ('all', ?)",
        [
            app.selectbox(key="funder_metric").value,
            program,
            app.selectbox(key="funder_dimension").value,
        ],
    ).n[0]
    assert len(trend) == expected


# --- Pathways -------------------------------------------------------------------------------


def test_pathways_page(published_tiers, monkeypatch):
    public = published_tiers / "public.duckdb"
    app = start(published_tiers, monkeypatch, page="pages/pathways.py")
    assert [t.value for t in app.title] == ["Pathways"]
    has = sql(
        public, "select count(*) as n from duckdb_tables() where table_name = 'published_pathways'"
    ).n[0]
    if not has:
        assert "No pathway data published" in app.info[0].value
        return
    cohorts = sql(public, "select distinct cohort_year from published_pathways order by 1")
    cohort = int(cohorts.cohort_year.iloc[0])
    app.selectbox(key="pathways_cohort").set_value(cohort).run()
    shown = app.dataframe[0].value
    expected = sql(
        public,
        "select from_program_id, to_program_id, stackers, stackers_status from "
        "published_pathways where cohort_year = ? order by 1, 2",
        [cohort],
    )
    pd.testing.assert_frame_equal(
        shown[expected.columns].reset_index(drop=True), expected, check_dtype=False
    )
    assert len(downloads(app)) == 1


def test_pathways_without_the_table_says_so(published_tiers, monkeypatch, tmp_path):
    shutil.copy(published_tiers / "public.duckdb", tmp_path / "public.duckdb")
    con = duckdb.connect(str(tmp_path / "public.duckdb"))
    con.execute("drop table if exists published_pathways")
    con.close()
    app = start(tmp_path, monkeypatch, page="pages/pathways.py")
    assert "No pathway data published" in app.info[0].value


# --- Data quality ---------------------------------------------------------------------------


def shown_tables(app) -> list[pd.DataFrame]:
    return [d.value.reset_index(drop=True) for d in app.dataframe]


def test_quality_page(published_tiers, monkeypatch):
    internal = published_tiers / "internal.duckdb"
    app = start(published_tiers, monkeypatch, DATA, "pages/quality.py")
    assert [t.value for t in app.title] == ["Data quality"]
    shown = {m.label: m.value for m in app.metric}
    overview = sql(internal, "select label, value from warehouse_overview")
    for label, value in zip(overview.label, overview.value, strict=True):
        assert shown[label] == f"{value:,.0f}"
    links = " ".join(m.value for m in app.markdown)
    for text in ("Dagster UI", "dbt docs", "data docs", "http://127.0.0.1:3000"):
        assert text in links
    tables = shown_tables(app)
    captions = " ".join(c.value for c in app.caption)
    load = sql(internal, "select * from load_summary order by all")
    assert any(t.equals(load) for t in tables)

    present = set(sql(internal, "select table_name from duckdb_tables()").table_name)
    missing = {"quality_results", "rejects_by_reason", "identity_match_report"} - present
    infos = " ".join(i.value for i in app.info)
    for table in missing:  # an older publication: the page says so instead of failing
        assert f"`{table}`" in infos
    if "rejects_by_reason" in present:
        rejects = sql(internal, "select * from rejects_by_reason order by all")
        assert any(t.equals(rejects) for t in tables)
        by_reason = sql(
            internal,
            "select reason_code, sum(rejected_rows) as n from rejects_by_reason group by 1",
        )
        for reason, n in zip(by_reason.reason_code, by_reason.n, strict=True):
            assert f"{reason} {int(n):,}" in captions
    if "identity_match_report" in present:
        matches = sql(internal, "select * from identity_match_report")
        for source, linked, records in zip(
            matches.source, matches.linked, matches.records, strict=True
        ):
            assert f"{source} {linked / records * 100:.0f}%" in captions
    if "quality_results" in present:
        results = sql(internal, "select success, severity from quality_results")
        if len(results):
            failed = results[~results.success]
            assert shown["Expectations checked"] == f"{len(results):,}"
            assert shown["Errors failed"] == f"{(failed.severity == 'error').sum():,}"
            assert shown["Warnings failed"] == f"{(failed.severity == 'warning').sum():,}"
    if "landing_freshness" in present:
        fresh = sql(internal, "select * from landing_freshness order by all")
        assert any(t.equals(fresh) for t in tables)


# --- sign-in and isolation ------------------------------------------------------------------


def test_sign_in_form_and_sign_out(published_tiers, monkeypatch, tmp_path):
    users = tmp_path / "users.toml"
    auth.add_user(users, "alice", "admin", "pw-alice", iterations=1000)
    monkeypatch.setenv("EQUIPATH_DASHBOARD_USERS", str(users))
    app = start(published_tiers, monkeypatch, page="pages/signin.py")
    assert [t.value for t in app.title] == ["Sign in"]
    app.text_input(key="sign_in_username").input("alice")
    app.text_input(key="sign_in_password").input("wrong")
    app.button[0].click().run()
    assert app.error[0].value == "Unknown user name or wrong password."
    assert "equipath_user" not in app.session_state
    app.text_input(key="sign_in_password").input("pw-alice")
    app.button[0].click().run()
    assert not app.exception
    assert app.session_state["equipath_user"]["role"] == "admin"
    assert [t.value for t in app.title] == ["Account"]
    app.switch_page("pages/equity.py").run()
    assert [t.value for t in app.title] == ["Equity gaps"]


def test_sign_out(published_tiers, monkeypatch):
    app = start(published_tiers, monkeypatch, ADMIN, "pages/signin.py")
    assert any("Signed in as" in m.value for m in app.sidebar.markdown)
    assert [t.value for t in app.title] == ["Account"]
    app.button(key="sign_out").click().run()
    assert "equipath_user" not in app.session_state
    assert_unreachable(app, "pages/equity.py")


def opened_files(published: Path, monkeypatch, user: auth.User | None, pages: list[str]):
    """Every tier file the pages asked for (each query goes through file_version)."""
    seen: set[Path] = set()
    original = queries.file_version

    def spy(path: Path) -> str:
        seen.add(Path(path).resolve())
        return original(path)

    monkeypatch.setattr(queries, "file_version", spy)
    app = start(published, monkeypatch, user)
    for page in pages:
        app.switch_page(page).run()
        assert not app.exception
    return {p.relative_to(published.resolve()).as_posix() for p in seen}


def test_a_funder_session_never_opens_another_file(published_tiers, monkeypatch):
    opened = opened_files(
        published_tiers,
        monkeypatch,
        F1,
        ["pages/public.py", "pages/funder.py", "pages/pathways.py"],
    )
    assert opened == {"public.duckdb", "funders/F1.duckdb"}


def test_a_public_session_opens_only_the_public_file(published_tiers, monkeypatch):
    opened = opened_files(
        published_tiers, monkeypatch, None, ["pages/public.py", "pages/pathways.py"]
    )
    assert opened == {"public.duckdb"}


def test_the_data_team_never_opens_funder_files(published_tiers, monkeypatch):
    opened = opened_files(
        published_tiers,
        monkeypatch,
        DATA,
        ["pages/public.py", "pages/equity.py", "pages/pathways.py", "pages/quality.py"],
    )
    assert opened == {"public.duckdb", "internal.duckdb"}


def test_single_sign_on_is_offered_when_configured(published_tiers, monkeypatch):
    monkeypatch.setenv("EQUIPATH_PUBLISHED", str(published_tiers))
    app = AppTest.from_file(str(APP), default_timeout=180)
    app.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    app.run()
    app.switch_page("pages/signin.py").run()
    assert not app.exception
    assert [b.label for b in app.button] == ["Sign in", "Sign in with single sign-on"]

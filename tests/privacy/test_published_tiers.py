"""The tier files of the session's 10k build: shape, subsets, and the rule-4 attack of
every reader (the public; the public with each funder's file)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from equipath.disclosure import rules
from equipath.disclosure.audit import audit, read_figures, truths_from_warehouse
from equipath.disclosure.tiers import KEY_COLUMNS, PUBLIC_KINDS

pytestmark = pytest.mark.slow


def query(path: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def funder_files(published: Path) -> list[Path]:
    return sorted((published / "funders").glob("*.duckdb"))


def test_one_file_per_tier_and_funder(built_warehouse):
    published = built_warehouse.published
    funders = query(built_warehouse.warehouse, "select funder_id from staging.stg_catalog__funders")
    assert [p.stem for p in funder_files(published)] == sorted(funders.funder_id)
    tables = lambda p: set(query(p, "select table_name from information_schema.tables").table_name)  # noqa: E731
    assert tables(published / "internal.duckdb") == {
        "load_summary",
        "warehouse_overview",
        "published_metrics",
        "published_equity_gaps",
        "km_curve",
        "metric_definitions",
        "programs",
        "published_pathways",
        "quality_results",
        "rejects_by_reason",
        "identity_match_report",
        "landing_freshness",
        "_publication",
    }
    public_tables = {
        "published_metrics",
        "published_equity_gaps",
        "metric_definitions",
        "programs",
        "published_pathways",
        "_publication",
    }
    assert tables(published / "public.duckdb") == public_tables
    for path in funder_files(published):
        assert tables(path) == public_tables
    ids = {
        query(p, "select publication_id from _publication").publication_id[0]
        for p in [
            published / "internal.duckdb",
            published / "public.duckdb",
            *funder_files(published),
        ]
    }
    assert len(ids) == 1  # one publication


def test_internal_is_exact_and_marked(built_warehouse):
    path = built_warehouse.published / "internal.duckdb"
    assert query(path, "select notice from _publication").notice[0] == (
        "internal — do not redistribute"
    )
    internal = query(path, "select * from published_metrics where status = 'published'")
    exact = query(built_warehouse.warehouse, "select * from marts.outcome_metrics")
    merged = internal.merge(exact, on=KEY_COLUMNS, suffixes=("", "_mart"))
    assert len(merged) == len(exact) == len(internal)
    assert (merged.denominator == merged.denominator_mart).all()
    assert merged.value.fillna(-1).equals(merged.value_mart.fillna(-1))


def test_public_has_one_row_per_cell_and_obeys_rules_1_to_3(built_warehouse):
    public = query(built_warehouse.published / "public.duckdb", "select * from published_metrics")
    assert not public.duplicated(KEY_COLUMNS).any()
    kinds = dict(
        query(
            built_warehouse.warehouse, "select metric_id, kind from reference.metric_definitions"
        ).itertuples(index=False, name=None)
    )
    assert set(public.metric_id.map(kinds)) == set(PUBLIC_KINDS)  # KM stays internal
    cells = query(
        built_warehouse.warehouse,
        "select metric_id, cohort_year, program_id, dimension, group_value "
        "from marts.outcome_cell_maturity",
    )
    cells = cells[cells.metric_id.map(kinds).isin(PUBLIC_KINDS)]
    have = set(map(tuple, public[KEY_COLUMNS].itertuples(index=False)))
    assert set(map(tuple, cells.itertuples(index=False))) <= have  # every cell has its row

    shown = public[public.status.isin(rules.SHOWN)]
    assert (shown.n_rounded >= 10).all() and (shown.n_rounded % 5 == 0).all()
    assert (shown.value_low <= shown.value_high).all()
    rates = shown[shown.metric_id.map(kinds).eq("rate")]
    published = rates[rates.status.eq(rules.PUBLISHED)]
    assert ((published.value * 100).round(9) % 1 == 0).all()  # whole percent
    assert published.display.str.fullmatch(r"\d{1,2}%").all()
    coded = rates[rates.status.isin([rules.TOP_CODED, rules.BOTTOM_CODED])]
    assert coded.display.str.fullmatch(r"[≤≥]\d{1,2}%").all()
    medians = shown[shown.metric_id.map(kinds).eq("median")]
    assert (medians.value % 100 == 0).all()
    assert medians.display.str.fullmatch(r"-?\$[\d,]+").all()

    hidden = public[~public.status.isin(rules.SHOWN)]
    assert set(hidden.status) <= {rules.SMALL_CELL, rules.COMPLEMENTARY, rules.NOT_YET_OBSERVABLE}
    assert (hidden.display == "—").all()
    assert hidden[["value", "value_low", "value_high", "n_rounded"]].isna().all().all()
    for status in (rules.SMALL_CELL, rules.COMPLEMENTARY, rules.NOT_YET_OBSERVABLE):
        assert (public.status == status).any(), status
    assert "numerator" not in public.columns


def test_funder_files_are_the_public_cells_of_their_programs(built_warehouse):
    published = built_warehouse.published
    public = query(published / "public.duckdb", "select * from published_metrics")
    programs = query(
        built_warehouse.warehouse, "select program_id, funder_ids from marts.dim_programs"
    )
    for path in funder_files(published):
        funded = {
            p.program_id
            for p in programs.itertuples()
            if path.stem in str(p.funder_ids or "").split(";")
        }
        funder = query(path, "select * from published_metrics")
        assert set(funder.program_id) == funded | {"ALL"}, path.stem
        expected = public[public.program_id.isin(funded | {"ALL"})]
        pd.testing.assert_frame_equal(
            funder.sort_values(KEY_COLUMNS).reset_index(drop=True),
            expected.sort_values(KEY_COLUMNS).reset_index(drop=True),
        )


def test_public_equity_gaps_only_where_their_inputs_are_published(built_warehouse):
    path = built_warehouse.published / "public.duckdb"
    gaps = query(path, "select * from published_equity_gaps")
    metrics = query(path, "select * from published_metrics")
    assert len(gaps) > 0 and set(gaps.basis) == {"published figures"}
    shown = set(
        map(tuple, metrics[metrics.status.isin(rules.SHOWN)][KEY_COLUMNS].itertuples(index=False))
    )
    for row in gaps[KEY_COLUMNS].itertuples(index=False):
        assert tuple(row) in shown
        assert (row.metric_id, row.cohort_year, row.program_id, "all", "All") in shown
    assert gaps.successes_needed_no_di.isna().all()  # counts of people: internal only


@pytest.fixture(scope="module")
def warehouse_truths(built_warehouse):
    return truths_from_warehouse(built_warehouse.warehouse)


@pytest.fixture(scope="module")
def public_audit(built_warehouse, warehouse_truths):
    figures, kinds = read_figures([built_warehouse.published / "public.duckdb"])
    return figures, audit(figures, kinds, warehouse_truths)


def test_the_rule_4_attack_on_the_public_file_narrows_nothing(public_audit):
    _, report = public_audit
    assert report.withheld_numerators > 1000
    assert report.passed, list(report.failures.items())[:5]


def test_the_rule_4_attack_on_public_plus_each_funder_narrows_nothing(
    built_warehouse, public_audit, warehouse_truths
):
    public_figures, public_report = public_audit
    for path in funder_files(built_warehouse.published):
        figures, kinds = read_figures([built_warehouse.published / "public.duckdb", path])
        if (
            figures.sort_values(KEY_COLUMNS)
            .reset_index(drop=True)
            .equals(public_figures.sort_values(KEY_COLUMNS).reset_index(drop=True))
        ):
            # the funder's file adds no figure the public file lacks: same LP, same verdicts
            report = public_report
        else:  # pragma: no cover - funder tiers are public subsets today
            report = audit(figures, kinds, warehouse_truths)
        assert report.passed, (path.stem, list(report.failures.items())[:5])

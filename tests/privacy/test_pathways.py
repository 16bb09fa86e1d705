"""`published_pathways` in every tier, against flows recomputed here from the warehouse's
staging tables (pandas, not the dbt model), and the rule-4 attack with the flows added.

By default the session build; EQUIPATH_TEST_PUBLISHED may point at a published folder whose
parent holds the warehouse it was published from (e.g. a copy of the 10k sample after
`equipath publish`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from equipath.disclosure import pathways, rules

pytestmark = pytest.mark.slow

AS_OF = pd.Timestamp("2026-10-01")
COLUMNS = {
    "cohort_year": "BIGINT",
    "from_program_id": "VARCHAR",
    "to_program_id": "VARCHAR",
    "stackers": "BIGINT",
    "stackers_status": "VARCHAR",
    "employed_q2_rate": "DOUBLE",
    "employed_q2_display": "VARCHAR",
    "employed_q2_status": "VARCHAR",
}
FLOW = ["cohort_year", "from_program_id", "to_program_id"]


@dataclass
class Build:
    warehouse: Path
    published: Path


@pytest.fixture(scope="module")
def build(request) -> Build:
    override = os.environ.get("EQUIPATH_TEST_PUBLISHED")
    if override and (Path(override).parent / "warehouse.duckdb").exists():
        return Build(Path(override).parent / "warehouse.duckdb", Path(override))
    built = request.getfixturevalue("built_warehouse")
    return Build(built.warehouse, built.published)


def query(path: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def tier_files(published: Path) -> list[Path]:
    return [
        published / "internal.duckdb",
        published / "public.duckdb",
        *sorted((published / "funders").glob("*.duckdb")),
    ]


@pytest.fixture(scope="module")
def expected(build) -> pd.DataFrame:
    """The flows by METRICS.md, from staging enrollments and the catalog: completers with
    exit + 365 days ≤ as_of of a program that stacks into another; stacked when they
    entered that program from their entry to exit + 365 days. Employment in Q2 after an
    exit is read per participation from `int_participation_outcomes` (its own rule, tested
    elsewhere); which exit counts (the first to-program entry for stackers, the
    from-program exit otherwise) is decided here."""
    enrollments = query(
        build.warehouse,
        "select sis_enrollment_id, sis_student_id, program_id, entry_date, exit_date, "
        "exit_status from staging.stg_sis__enrollments",
    )
    for column in ("entry_date", "exit_date"):
        enrollments[column] = pd.to_datetime(enrollments[column])
    enrollments = enrollments[enrollments.entry_date <= AS_OF]
    stacks = query(
        build.warehouse,
        "select program_id, stacks_into_program_id from staging.stg_catalog__programs "
        "where stacks_into_program_id is not null",
    )
    employment = query(
        build.warehouse,
        "select sis_enrollment_id, is_q2_after_exit_observable as observable, "
        "is_employed_q2_after_exit as employed from intermediate.int_participation_outcomes",
    ).set_index("sis_enrollment_id")

    exited = enrollments.exit_date <= AS_OF
    completers = enrollments[exited & enrollments.exit_status.eq("completed")].merge(
        stacks, on="program_id"
    )
    completers = completers[completers.exit_date + pd.Timedelta(days=365) <= AS_OF].copy()
    later = enrollments.rename(
        columns={
            "program_id": "stacks_into_program_id",
            "sis_enrollment_id": "next_id",
            "entry_date": "next_entry",
        }
    )[["sis_student_id", "stacks_into_program_id", "next_id", "next_entry"]]
    pairs = completers.merge(later, on=["sis_student_id", "stacks_into_program_id"])
    pairs = pairs[
        (pairs.next_entry >= pairs.entry_date)
        & (pairs.next_entry <= pairs.exit_date + pd.Timedelta(days=365))
    ].sort_values(["sis_enrollment_id", "next_entry", "next_id"])
    first = pairs.drop_duplicates("sis_enrollment_id").set_index("sis_enrollment_id").next_id
    completers["stacked"] = completers.sis_enrollment_id.isin(first.index)
    completers["last_exit_id"] = completers.sis_enrollment_id.map(first).fillna(
        completers.sis_enrollment_id
    )
    completers["to_program_id"] = completers.stacks_into_program_id.where(
        completers.stacked, "(none)"
    )
    completers["cohort_year"] = completers.exit_date.dt.year
    last = employment.reindex(completers.last_exit_id)
    completers["observable"] = last.observable.fillna(False).astype(bool).to_numpy()
    completers["employed"] = (
        completers.observable & last.employed.fillna(False).astype(bool).to_numpy()
    )
    flows = (
        completers.groupby(["cohort_year", "program_id", "to_program_id"])
        .agg(
            stackers=("sis_enrollment_id", "size"),
            q2_n=("observable", "sum"),
            q2_x=("employed", "sum"),
        )
        .reset_index()
        .rename(columns={"program_id": "from_program_id"})
    )
    return flows


def test_every_tier_has_the_published_shape(build):
    for path in tier_files(build.published):
        described = query(path, "describe published_pathways")
        assert dict(zip(described.column_name, described.column_type, strict=True)) == COLUMNS
        table = query(path, "select * from published_pathways")
        assert not table.duplicated(FLOW).any(), path
        withheld = table[table.stackers.isna()]
        assert (withheld.stackers_status != rules.PUBLISHED).all()
        assert withheld.employed_q2_display.eq(rules.WITHHELD_DISPLAY).all()
        assert table.employed_q2_display.notna().all() and table.employed_q2_status.notna().all()


def test_internal_flows_are_exact(build, expected):
    internal = query(build.published / "internal.duckdb", "select * from published_pathways")
    observable = internal[internal.stackers_status.eq(rules.PUBLISHED)]
    merged = observable.merge(expected, on=FLOW, how="left")
    # every non-empty flow recomputed here is published, and nothing else is non-empty
    assert merged.stackers_y.fillna(0).astype(int).tolist() == merged.stackers_x.tolist()
    assert len(expected) == int(observable.stackers.gt(0).sum())
    rated = merged[merged.q2_n.fillna(0).gt(0)]
    assert (rated.employed_q2_rate - rated.q2_x / rated.q2_n).abs().max() < 1e-12
    assert rated.employed_q2_status.eq(rules.PUBLISHED).all()
    unrated = merged[merged.q2_n.fillna(0).eq(0)]
    assert unrated.employed_q2_status.eq(rules.NOT_YET_OBSERVABLE).all()
    # the 2026 exit cohort has no completer 365 days past exit on 2026-10-01
    assert (
        internal[internal.cohort_year.eq(2026)].stackers_status.eq(rules.NOT_YET_OBSERVABLE).all()
    )


def test_flows_add_up_to_the_stack_rate(build):
    internal = query(build.published / "internal.duckdb", "select * from published_pathways")
    metrics = query(
        build.published / "internal.duckdb",
        "select cohort_year, program_id as from_program_id, numerator, denominator "
        "from published_metrics where metric_id = 'stack_rate_365d' and dimension = 'all' "
        "and program_id <> 'ALL' and status = 'published'",
    )
    shown = internal[internal.stackers_status.eq(rules.PUBLISHED)].copy()
    shown["stacked"] = shown.stackers.where(shown.to_program_id.ne("(none)"), 0)
    sums = shown.groupby(["cohort_year", "from_program_id"])[["stacked", "stackers"]].sum()
    merged = metrics.merge(sums.reset_index(), on=["cohort_year", "from_program_id"])
    assert len(merged) == len(metrics) == len(sums) > 0
    assert (merged.stacked == merged.numerator).all()
    assert (merged.stackers == merged.denominator).all()


def test_public_flows_follow_rules_1_to_3(build, expected):
    public = query(build.published / "public.duckdb", "select * from published_pathways")
    stack = query(
        build.published / "public.duckdb",
        "select cohort_year, program_id as from_program_id, status as cell_status "
        "from published_metrics where metric_id = 'stack_rate_365d' and dimension = 'all'",
    )
    merged = public.merge(expected, on=FLOW, how="left", suffixes=("", "_true")).merge(
        stack, on=["cohort_year", "from_program_id"], how="left"
    )
    merged["true_count"] = merged.stackers_true.fillna(0).astype(int)
    shown = merged[merged.stackers_status.eq(rules.PUBLISHED)]
    assert len(shown) > 0
    assert shown.cell_status.isin(rules.SHOWN).all()
    assert shown.true_count.ge(rules.MIN_N).all()
    assert (shown.stackers == [((2 * n + 5) // 10) * 5 for n in shown.true_count]).all()
    for row in shown.itertuples():
        if row.q2_n > 0:
            figure = rules.rate_figure(int(row.q2_x), int(row.q2_n))
            assert (row.employed_q2_display, row.employed_q2_status) == (
                figure.display,
                figure.status,
            )
            assert row.employed_q2_rate == figure.value or figure.value is None
        else:
            assert row.employed_q2_status == rules.NOT_YET_OBSERVABLE
    small = merged[merged.stackers_status.eq(rules.SMALL_CELL)]
    assert small.true_count.lt(rules.MIN_N).all()
    # a flow of a withheld stack cell is withheld with that cell's reason
    hidden_cell = merged[merged.cell_status.isin(rules.WITHHELD)]
    assert hidden_cell.stackers.isna().all()
    assert (hidden_cell.stackers_status == hidden_cell.cell_status).all()
    assert (hidden_cell.employed_q2_status == hidden_cell.cell_status).all()


def test_funder_files_hold_the_public_flows_of_their_programs(build):
    public = query(build.published / "public.duckdb", "select * from published_pathways")
    programs = query(build.warehouse, "select program_id, funder_ids from marts.dim_programs")
    for path in sorted((build.published / "funders").glob("*.duckdb")):
        funded = {
            p for p, ids in programs.itertuples(index=False) if path.stem in str(ids).split(";")
        }
        mine = query(path, "select * from published_pathways")
        expected = public[public.from_program_id.isin(funded)]
        pd.testing.assert_frame_equal(
            mine.sort_values(FLOW).reset_index(drop=True),
            expected.sort_values(FLOW).reset_index(drop=True),
        )


def _stack_truths(warehouse: Path) -> dict:
    rows = query(
        warehouse,
        "select cohort_year, program_id, dimension, group_value, numerator, denominator "
        "from marts.outcome_metrics where metric_id = 'stack_rate_365d'",
    )
    return {(int(c), p, d, g): (int(x), int(n)) for c, p, d, g, x, n in rows.to_numpy()}


def test_rule_4_holds_with_the_flows_and_extra_withholding_was_needed(build):
    """Read back from the public file: with the published flows added to what a reader
    sees, no withheld stack_rate_365d cell is pinned closer than ±2; and every flow
    withheld `complementary` although its stack cell is shown was needed — showing them
    too (the flows rules 1–3 allow) exposes a cell of that cohort."""
    public_path = build.published / "public.duckdb"
    metrics = query(public_path, "select * from published_metrics")
    stack = metrics[metrics.metric_id.eq(pathways.STACK_METRIC)]
    flows = query(public_path, "select * from published_pathways")
    exact = query(build.published / "internal.duckdb", "select * from published_pathways")
    exact = exact.set_index(FLOW).stackers
    truths = _stack_truths(build.warehouse)
    cell_shown = {
        (int(r.cohort_year), r.program_id)
        for r in stack[stack.dimension.eq("all")].itertuples()
        if r.status in rules.SHOWN
    }
    for cohort in sorted(flows.cohort_year.unique()):
        of_cohort = flows[flows.cohort_year.eq(cohort)]
        shown = {
            (int(cohort), r.from_program_id, r.to_program_id): int(r.stackers)
            for r in of_cohort[of_cohort.stackers_status.eq(rules.PUBLISHED)].itertuples()
        }
        cells = stack[stack.cohort_year.eq(cohort)]
        assert pathways.exposed_cells(cells, shown, truths, int(cohort)) == set()
        extra = of_cohort[
            of_cohort.stackers_status.eq(rules.COMPLEMENTARY)
            & of_cohort.from_program_id.map(lambda p, c=int(cohort): (c, p) in cell_shown)
        ]
        more = dict(shown)
        for r in extra.itertuples():
            count = int(exact[(int(cohort), r.from_program_id, r.to_program_id)])
            if count >= rules.MIN_N:
                more[(int(cohort), r.from_program_id, r.to_program_id)] = rules.round_count(count)
        if len(more) > len(shown):
            assert pathways.exposed_cells(cells, more, truths, int(cohort)), cohort

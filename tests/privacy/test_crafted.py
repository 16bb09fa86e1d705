"""Small tables whose right suppression is worked out by hand (or, for a 2-D table, by
trying every smaller set), run through the same code that publishes."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from equipath.disclosure import rules
from equipath.disclosure.attack import ReaderLP
from equipath.disclosure.audit import audit, read_figures
from equipath.disclosure.partitions import build_partitions, families
from equipath.disclosure.suppression import (
    TrueCell,
    attack_cap,
    naive_suppression,
    primary_figure,
    protect,
    reader_view,
)
from equipath.disclosure.tiers import Definitions, public_metrics
from equipath.publishing import TierFile, publish_tiers

RATE = {"r": "rate"}


def table(rows: dict[tuple[str, str, str], tuple[int, int]], metric: str = "r") -> dict:
    return {metric: {key: TrueCell(x, n, None) for key, (x, n) in rows.items()}}


def interval(cells: dict, kinds: dict, figures: dict, cell) -> tuple[float, float]:
    lp = ReaderLP(reader_view(cells, kinds, figures), attack_cap(cells))
    return lp.interval(cell)


def primaries(cells: dict, kinds: dict) -> dict:
    return {(m, k): primary_figure(kinds[m], c) for m, mc in cells.items() for k, c in mc.items()}


def withheld(figures: dict) -> set:
    return {cell for cell, f in figures.items() if f.status in rules.WITHHELD}


def protected(cells: dict, kinds: dict, figures: dict) -> bool:
    lp = ReaderLP(reader_view(cells, kinds, figures), attack_cap(cells))
    truths = {c: cells[c[0]][c[1]].numerator for c in withheld(figures) if kinds[c[0]] == "rate"}
    return all(v.protected for v in lp.check(truths).values())


def test_rounding_alone_can_protect_a_lone_small_cell():
    """All = 40/100 (40% → [0.395, 0.405], n ∈ [97.5, 102.5]); Female = 38/95 (40%,
    n ∈ [92.5, 97.5]); Male = 2/5 is n<10. By hand: max x_M = 0.405·102.5 − 0.395·92.5
    = 4.975 ≥ 2 + 2, and x_M can be 0 (n_M = 0): protected without any other cell."""
    cells = table(
        {
            ("ALL", "all", "All"): (40, 100),
            ("ALL", "sex", "Female"): (38, 95),
            ("ALL", "sex", "Male"): (2, 5),
        }
    )
    figures = primaries(cells, RATE)
    low, high = interval(cells, RATE, figures, ("r", ("ALL", "sex", "Male")))
    assert low == pytest.approx(0.0, abs=1e-7)
    assert high == pytest.approx(4.975)
    assert withheld(protect(cells, RATE).figures) == {("r", ("ALL", "sex", "Male"))}


def test_a_near_zero_partition_must_be_withheld_whole():
    """All = 4/156 (3% → [0.025, 0.035], n ∈ [152.5, 157.5]); Female = 4/150 (3%,
    n ∈ [147.5, 152.5]); Male = 0/6 is n<10. By hand: max x_M = 0.035·157.5 − 0.025·147.5
    = 1.825 < 0 + 2, so Male is exposed. Withholding Female (the cheaper blocker) leaves
    x_F ≤ x_All ≤ 5.5125 < 4 + 2, so All has to go as well: all three withheld."""
    cells = table(
        {
            ("ALL", "all", "All"): (4, 156),
            ("ALL", "sex", "Female"): (4, 150),
            ("ALL", "sex", "Male"): (0, 6),
        }
    )
    figures = primaries(cells, RATE)
    assert interval(cells, RATE, figures, ("r", ("ALL", "sex", "Male")))[1] == pytest.approx(1.825)
    result = protect(cells, RATE).figures
    assert {c: f.status for c, f in result.items()} == {
        ("r", ("ALL", "all", "All")): rules.COMPLEMENTARY,
        ("r", ("ALL", "sex", "Female")): rules.COMPLEMENTARY,
        ("r", ("ALL", "sex", "Male")): rules.SMALL_CELL,
    }
    assert all(f.display == "—" and f.n_rounded is None for f in result.values())


RECTANGLE = {
    ("P1", "all", "All"): (11, 35),
    ("P1", "sex", "F"): (9, 30),
    ("P1", "sex", "M"): (2, 5),
    ("P2", "all", "All"): (18, 60),
    ("P2", "sex", "F"): (12, 40),
    ("P2", "sex", "M"): (6, 20),
    ("ALL", "all", "All"): (29, 95),
    ("ALL", "sex", "F"): (21, 70),
    ("ALL", "sex", "M"): (8, 25),
}


def test_a_two_way_table_gets_the_classic_rectangle():
    """Programs × sex with margins; (P1, M) = 2/5 is small. No set of one or two more
    cells protects it (tried exhaustively); the cheapest sets of three include the
    rectangle (P1,F), (P2,F), (P2,M), which is what suppression picks."""
    cells = table(RECTANGLE)
    base = primaries(cells, RATE)
    shown = [c for c, f in base.items() if f.status in rules.SHOWN]

    def works(extra) -> bool:
        figures = dict(base)
        figures.update({c: rules.withheld(rules.COMPLEMENTARY) for c in extra})
        return protected(cells, RATE, figures)

    assert not any(works(s) for size in (0, 1, 2) for s in itertools.combinations(shown, size))
    rectangle = {("r", ("P1", "sex", "F")), ("r", ("P2", "sex", "F")), ("r", ("P2", "sex", "M"))}
    assert works(rectangle)
    chosen = withheld(protect(cells, RATE).figures) - {("r", ("P1", "sex", "M"))}
    assert chosen == rectangle


def test_the_naive_rule_can_leave_a_cell_exposed():
    """The same 2-D table near 3%: the naive rectangle leaves (P1, F) = 4/150 bounded by
    its row total, x ≤ 0.035·157.5 = 5.5125 < 4 + 2. The LP-checked suppression goes on."""
    cells = table(
        {
            ("P1", "all", "All"): (4, 156),
            ("P1", "sex", "F"): (4, 150),
            ("P1", "sex", "M"): (0, 6),
            ("P2", "all", "All"): (10, 250),
            ("P2", "sex", "F"): (6, 130),
            ("P2", "sex", "M"): (4, 120),
            ("ALL", "all", "All"): (14, 406),
            ("ALL", "sex", "F"): (10, 280),
            ("ALL", "sex", "M"): (4, 126),
        }
    )
    naive = naive_suppression(cells, RATE)
    assert withheld(naive) == {
        ("r", ("P1", "sex", "M")),
        ("r", ("P1", "sex", "F")),
        ("r", ("P2", "sex", "F")),
        ("r", ("P2", "sex", "M")),
    }
    assert interval(cells, RATE, naive, ("r", ("P1", "sex", "F")))[1] == pytest.approx(5.5125)
    assert not protected(cells, RATE, naive)
    assert protected(cells, RATE, protect(cells, RATE).figures)


LINKED = {"survey_response_rate": "rate", "satisfaction_top2_rate": "rate"}


def linked_cells() -> dict:
    return {
        "survey_response_rate": {
            ("ALL", "all", "All"): TrueCell(302, 1000, None),
            ("ALL", "sex", "F"): TrueCell(298, 992, None),
            ("ALL", "sex", "M"): TrueCell(4, 8, None),
        },
        "satisfaction_top2_rate": {
            ("ALL", "all", "All"): TrueCell(200, 302, None),
            ("ALL", "sex", "F"): TrueCell(197, 298, None),
            ("ALL", "sex", "M"): TrueCell(3, 4, None),
        },
    }


def test_a_linked_count_exposes_a_numerator_and_is_withheld():
    """The responders are satisfaction's denominator. Response rates alone leave
    x_M ≤ 0.305·1002.5 − 0.295·987.5 = 14.45; satisfaction's counts (300 and 300, from
    302 and 298) give x_M = n_S,All − n_S,F ≤ 302.5 − 297.5 = 5 < 4 + 2."""
    cells = linked_cells()
    assert families(LINKED) == [("satisfaction_top2_rate", "survey_response_rate")]
    figures = primaries(cells, LINKED)
    target = ("survey_response_rate", ("ALL", "sex", "M"))
    assert interval(cells, LINKED, figures, target)[1] == pytest.approx(5.0)
    alone = {"survey_response_rate": cells["survey_response_rate"]}
    assert interval(alone, LINKED, figures, target)[1] == pytest.approx(14.45)
    result = protect(cells, LINKED).figures
    assert result[("satisfaction_top2_rate", ("ALL", "sex", "F"))].status == rules.COMPLEMENTARY
    assert protected(cells, LINKED, result)


def test_modality_covers_everyone_and_an_unknown_dimension_is_open():
    keys = [
        ("ALL", "all", "All"),
        ("ALL", "modality", "online"),
        ("ALL", "modality", "Unknown"),
        ("ALL", "sex", "F"),
        ("ALL", "campus", "North"),
    ]
    partitions = {p.parts[0][1]: p for p in build_partitions(keys)}
    assert partitions["modality"].covering  # a blank modality is the group Unknown
    assert partitions["sex"].covering
    assert not partitions["campus"].covering


def outcomes_frame(rows: dict, metric: str, cohort: int = 2024) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (metric, cohort, p, d, g, x, n, x / n if n else None, None, None)
            for (p, d, g), (x, n) in rows.items()
        ],
        columns=[
            "metric_id",
            "cohort_year",
            "program_id",
            "dimension",
            "group_value",
            "numerator",
            "denominator",
            "value",
            "ci_low",
            "ci_high",
        ],
    )


DEFINITIONS = Definitions({"r": "rate", "m": "median"}, {"r": "fraction", "m": "usd_nominal"})


def test_immature_cells_publish_nothing_and_are_not_suppressed_numerators():
    outcomes = outcomes_frame(RECTANGLE, "r")
    immature = pd.DataFrame(
        [("r", 2025, "ALL", "all", "All")],
        columns=["metric_id", "cohort_year", "program_id", "dimension", "group_value"],
    )
    frame, stats = public_metrics(outcomes, immature, DEFINITIONS, workers=1)
    row = frame[frame.cohort_year.eq(2025)].iloc[0]
    assert (row.status, row.display) == (rules.NOT_YET_OBSERVABLE, "—")
    assert pd.isna(row.value) and pd.isna(row.n_rounded)
    assert stats.by_status[rules.NOT_YET_OBSERVABLE] == 1
    report = audit(frame, DEFINITIONS.kind, truths(outcomes), workers=1)
    assert report.passed and report.withheld_numerators == 4  # the rectangle, not 2025


def truths(outcomes: pd.DataFrame) -> dict:
    return {
        (r.metric_id, r.cohort_year, r.program_id, r.dimension, r.group_value): (
            r.numerator,
            r.denominator,
        )
        for r in outcomes.itertuples(index=False)
    }


def test_the_audit_reads_only_the_files_and_catches_a_lone_withheld_cell(tmp_path):
    outcomes = outcomes_frame(RECTANGLE, "r")
    none = pd.DataFrame(
        columns=["metric_id", "cohort_year", "program_id", "dimension", "group_value"]
    )
    good, _ = public_metrics(outcomes, none, DEFINITIONS, workers=1)
    bad = good.copy()
    complementary = bad.status.eq(rules.COMPLEMENTARY)
    assert complementary.sum() == 3
    # show the complementary cells again, as a publisher without rule 4 would
    for i in bad.index[complementary]:
        key = tuple(bad.loc[i, ["program_id", "dimension", "group_value"]])
        figure = rules.rate_figure(*RECTANGLE[key])
        bad.loc[i, ["value", "value_low", "value_high", "display", "n_rounded", "status"]] = [
            figure.value,
            figure.low,
            figure.high,
            figure.display,
            figure.n_rounded,
            figure.status,
        ]
    definitions = pd.DataFrame({"metric_id": ["r"], "kind": ["rate"]})
    files = []
    for name, frame in (("good", good), ("bad", bad)):
        path = tmp_path / f"{name}.duckdb"
        publish_tiers(
            _memory(),
            [
                TierFile(
                    path,
                    "public",
                    "test",
                    {"published_metrics": frame, "metric_definitions": definitions},
                )
            ],
            as_of="2026-10-01",
        )
        files.append(path)
    warehouse_truths = truths(outcomes)
    good_figures, kinds = read_figures([files[0]])
    assert audit(good_figures, kinds, warehouse_truths, workers=1).passed
    bad_figures, kinds = read_figures([files[1]])
    report = audit(bad_figures, kinds, warehouse_truths, workers=1)
    assert set(report.failures) == {("r", 2024, "P1", "sex", "M")}
    with pytest.raises(ValueError, match="disagree"):
        read_figures(files)


def _memory():
    import duckdb

    return duckdb.connect()

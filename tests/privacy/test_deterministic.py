"""Same warehouse, same as_of → the same published rows, in every tier file.

Funders and the public receive these numbers; two publications of the same inputs must not
differ by one suppressed cell (the greedy choice of complementary cells breaks ties by key,
and the LP solver is run single-threaded per problem)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.privacy.mini import slice_warehouse

#: a linked pair (employment Q2 and its Q2 earners' median) and completion
METRICS = ("completion_rate", "employment_rate_q2", "median_earnings_q2")


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables order by 1"
            ).fetchall()
        ]
        return {
            name: con.execute(
                "select tier, as_of, notice from _publication"
                if name == "_publication"
                else f"select * from {name}"
            ).fetchall()
            for name in names
        }
    finally:
        con.close()


@pytest.mark.slow
def test_two_publications_of_the_same_warehouse_hold_the_same_rows(built_warehouse, tmp_path):
    from orchestration.assets.publish import publish_warehouse

    mini = slice_warehouse(built_warehouse.warehouse, tmp_path / "mini.duckdb", 2023, METRICS)
    first = publish_warehouse(mini, tmp_path / "first", "2026-10-01")
    second = publish_warehouse(mini, tmp_path / "second", "2026-10-01")
    assert first.stats.by_status == second.stats.by_status
    files = sorted(
        p.relative_to(tmp_path / "first") for p in (tmp_path / "first").rglob("*.duckdb")
    )
    assert [str(f) for f in files] == [
        "funders/F1.duckdb",
        "funders/F2.duckdb",
        "funders/F3.duckdb",
        "internal.duckdb",
        "public.duckdb",
    ]
    for name in files:
        assert _tables(tmp_path / "first" / name) == _tables(tmp_path / "second" / name), name
    # the slice is not trivial: complementary suppression had work to do
    assert first.stats.by_status["complementary"] > 0
    assert first.stats.by_status["n<10"] > 0

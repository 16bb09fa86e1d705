"""`equipath export published_metrics --tier …`: what a tier's reader takes away."""

from __future__ import annotations

import csv

import duckdb
import pytest

from equipath.cli import main


def test_funder_tier_needs_a_funder(tmp_path, capsys):
    code = main(
        [
            "export",
            "published_metrics",
            "--tier",
            "funder",
            "--warehouse",
            str(tmp_path / "w.duckdb"),
            "--out",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code == 1
    assert "--funder" in capsys.readouterr().err


def test_warehouse_tables_take_no_tier(tmp_path, capsys):
    code = main(
        [
            "export",
            "outcome_metrics",
            "--tier",
            "public",
            "--warehouse",
            str(tmp_path / "w.duckdb"),
            "--out",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code == 1
    assert "warehouse table" in capsys.readouterr().err


def test_a_missing_tier_file_says_what_to_run(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("EQUIPATH_PUBLISHED", raising=False)
    code = main(
        [
            "export",
            "published_metrics",
            "--warehouse",
            str(tmp_path / "w.duckdb"),
            "--out",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code == 1
    assert "equipath publish" in capsys.readouterr().err


@pytest.mark.slow
def test_export_published_metrics_of_the_public_tier(built_warehouse, tmp_path, monkeypatch):
    monkeypatch.delenv("EQUIPATH_PUBLISHED", raising=False)
    out = tmp_path / "public.csv"
    args = ["--warehouse", str(built_warehouse.warehouse), "--out", str(out)]
    assert main(["export", "published_metrics", "--tier", "public", *args]) == 0
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "metric_id",
        "cohort_year",
        "program_id",
        "dimension",
        "group_value",
        "value",
        "value_low",
        "value_high",
        "display",
        "n_rounded",
        "status",
    ]
    con = duckdb.connect(str(built_warehouse.published / "public.duckdb"), read_only=True)
    try:
        assert len(rows) == con.execute("select count(*) from published_metrics").fetchone()[0]
    finally:
        con.close()
    hidden = [r for r in rows if r["status"] in ("n<10", "complementary", "not_yet_observable")]
    assert hidden and all(
        r["value"] == r["n_rounded"] == r["display"] == "—" for r in hidden
    )  # rule 6: never 0, never blank
    assert all(r["value"] not in ("", "0") for r in rows)

    again = tmp_path / "again.csv"
    assert (
        main(
            [
                "export",
                "published_metrics",
                "--warehouse",
                str(built_warehouse.warehouse),
                "--out",
                str(again),
            ]
        )
        == 0
    )
    assert again.read_bytes() == out.read_bytes()  # public is the default tier

    funder = next((built_warehouse.published / "funders").glob("*.duckdb")).stem
    funder_out = tmp_path / "funder.csv"
    assert (
        main(
            [
                "export",
                "published_metrics",
                "--tier",
                "funder",
                "--funder",
                funder,
                "--warehouse",
                str(built_warehouse.warehouse),
                "--out",
                str(funder_out),
            ]
        )
        == 0
    )
    with funder_out.open(newline="", encoding="utf-8") as fh:
        funder_rows = {tuple(r.values()) for r in csv.DictReader(fh)}
    assert funder_rows and funder_rows <= {tuple(r.values()) for r in rows}

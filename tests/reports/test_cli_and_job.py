"""`equipath report` and the Dagster reports asset, on the published tier files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboards.server import free_port
from equipath.cli import main

pytestmark = pytest.mark.slow

CATALOG = (
    "funder_id,funder_name,report_email,report_frequency\n"
    "F1,Central Valley Board,f1@funder.example.org,quarterly\n"
    "F2,Manufacturing Fund,f2@funder.example.org,annual\n"
    "F3,Healthcare Foundation,f3@funder.example.org,quarterly\n"
)


@pytest.fixture
def landing(tmp_path) -> Path:
    folder = tmp_path / "landing"
    (folder / "catalog").mkdir(parents=True)
    (folder / "catalog" / "funders.csv").write_text(CATALOG)
    return folder


def test_report_all_leaves_one_report_per_funder(published_tiers, landing, tmp_path, capsys):
    import duckdb

    outbox = tmp_path / "outbox"
    code = main(
        [
            "report",
            "--all",
            "--published",
            str(published_tiers),
            "--landing",
            str(landing),
            "--outbox",
            str(outbox),
            "--format",
            "html",
        ]
    )
    assert code == 0, capsys.readouterr().err
    con = duckdb.connect(str(published_tiers / "funders" / "F1.duckdb"), read_only=True)
    as_of = con.execute("select cast(as_of as date) from _publication").fetchone()[0]
    con.close()
    quarter = f"{as_of.year}Q{(as_of.month - 1) // 3}" if as_of.month > 3 else None
    assert quarter is not None  # the fixtures publish as of 2026-10-01
    expected = {f"F1/{quarter}", f"F2/{as_of.year - 1}", f"F3/{quarter}"}
    found = {str(p.parent.relative_to(outbox)) for p in outbox.glob("*/*/report.html")}
    assert found == expected
    assert not list(outbox.glob("*/*/report.pdf"))  # --format html
    assert "Central Valley Board" in (outbox / f"F1/{quarter}/report.html").read_text()


def test_report_refuses_a_future_period(published_tiers, tmp_path, capsys):
    published = str(published_tiers)
    arguments = ["report", "--funder", "F1", "--period", "2099Q1", "--published", published]
    code = main([*arguments, "--outbox", str(tmp_path)])
    assert code == 1
    assert "after the publication's as_of" in capsys.readouterr().err


def test_report_unknown_funder(published_tiers, tmp_path, capsys):
    code = main(["report", "--funder", "F99", "--published", str(published_tiers)])
    assert code == 1
    assert "no tier file for funder F99" in capsys.readouterr().err


def test_dagster_reports_asset_renders_and_fails_loudly_on_delivery(
    published_tiers, landing, tmp_path, monkeypatch
):
    """The reports asset of the one graph, alone: rendered into the outbox; then with an
    SMTP server that refuses, the run fails and the log has the failed row."""
    from dagster import AssetKey, DagsterInstance

    from orchestration.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs

    outbox = tmp_path / "outbox"
    monkeypatch.setenv("EQUIPATH_PUBLISHED", str(published_tiers))
    monkeypatch.setenv("EQUIPATH_OUTBOX", str(outbox))
    monkeypatch.setenv("EQUIPATH_LANDING", str(landing))
    job = defs.resolve_job_def("build_and_report")
    config = {"ops": {"reports__funder_reports": {"config": {"funders": ["F3"]}}}}
    instance = DagsterInstance.ephemeral()
    result = job.execute_in_process(
        instance=instance,
        asset_selection=[AssetKey(["reports", "funder_reports"])],
        run_config=config,
        raise_on_error=False,
    )
    assert result.success
    [folder] = [p.parent for p in outbox.glob("F3/*/report.pdf")]
    assert (folder / "report.html").exists() and (folder / "data.csv").exists()

    monkeypatch.setenv("EQUIPATH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("EQUIPATH_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("EQUIPATH_SMTP_STARTTLS", "false")
    monkeypatch.setenv("EQUIPATH_SMTP_RETRIES", "2")
    monkeypatch.setenv("EQUIPATH_SMTP_BACKOFF_SECONDS", "0.01")
    failed = job.execute_in_process(
        instance=instance,
        asset_selection=[AssetKey(["reports", "funder_reports"])],
        run_config=config,
        raise_on_error=False,
    )
    assert not failed.success
    with (outbox / "delivery_log.csv").open(newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["funder_id"], row["status"], row["attempts"]) == ("F3", "failed", "2")
    assert row["recipient"] == "f3@funder.example.org"

"""The gate in Dagster: checks sit on the extraction assets, an error blocks, a warning does not."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import AssetCheckSeverity, AssetKey, DagsterInstance

from equipath.landing.contract import TABLES
from expectations.runner import ENV_DOCS, suite_names
from orchestration import paths

AS_OF = "2026-10-01"


@pytest.fixture(scope="module")
def defs():
    from orchestration.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs as definitions

    return definitions


def test_every_extraction_asset_has_a_blocking_quality_check(defs):
    graph = defs.resolve_asset_graph()
    for table in TABLES:
        key = AssetKey(["raw", table.name])
        checks = {k.name: graph.get_check_spec(k) for k in graph.get_check_keys_for_assets({key})}
        assert "quality_suite" in checks, table.name
        assert checks["quality_suite"].blocking, table.name
    assert AssetKey(["quality", "landing_inventory"]) in graph.get_all_asset_keys()


def test_build_job_runs_the_checks(defs):
    job = defs.resolve_job_def("build_all")
    nodes = set(job.graph.node_dict)
    for table in TABLES:
        assert f"raw__{table.name}_quality_suite" in nodes


# ------------------------------------------------------------------ full runs (slow)


def _copy_landing(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def _configure(monkeypatch, landing: Path, root: Path) -> None:
    monkeypatch.setenv(paths.ENV_LANDING, str(landing))
    monkeypatch.setenv(paths.ENV_WAREHOUSE, str(root / "warehouse.duckdb"))
    monkeypatch.setenv(paths.ENV_AS_OF, AS_OF)
    monkeypatch.delenv(paths.ENV_PUBLISHED, raising=False)
    monkeypatch.setenv(ENV_DOCS, str(root / "data_docs"))
    monkeypatch.setenv("PATH", f"{paths.venv_bin()}:{__import__('os').environ['PATH']}")


def _truncate_latest_wage_quarter(landing: Path, keep: float) -> str:
    """Cut the newest wage file to a share of its rows, as a failed transfer would."""
    latest = max((landing / "wages").glob("wages_*.csv"))
    lines = latest.read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    latest.write_text(header + "".join(rows[: int(len(rows) * keep)]), encoding="utf-8")
    return latest.stem.removeprefix("wages_")


def _loaded_rows_of_last_two_quarters(warehouse: Path) -> tuple[int, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts = con.execute(
            "select count(*) from raw.wages group by cast(year as int), cast(quarter as int) "
            "order by cast(year as int) desc, cast(quarter as int) desc limit 2"
        ).fetchall()
    finally:
        con.close()
    return counts[0][0], counts[1][0]


def _results(warehouse: Path, run_id: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "select table_name, rule, severity, success, failing_rows "
            "from quality.quality_results where run_id = ? order by table_name, rule",
            [run_id],
        ).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_an_error_blocks_every_dbt_model_and_nothing_is_published(
    defs, generated_landing, tmp_path, monkeypatch
):
    landing = _copy_landing(generated_landing.path, tmp_path / "landing")
    quarter = _truncate_latest_wage_quarter(landing, keep=0.1)
    _configure(monkeypatch, landing, tmp_path)

    result = defs.resolve_job_def("build_all").execute_in_process(
        instance=DagsterInstance.ephemeral(), raise_on_error=False
    )

    assert not result.success
    evaluations = {(e.asset_key, e.check_name): e for e in result.get_asset_check_evaluations()}
    wages = evaluations[(AssetKey(["raw", "wages"]), "quality_suite")]
    assert (wages.passed, wages.severity) == (False, AssetCheckSeverity.ERROR)
    assert "wages.quarter_rows_drop_error" in wages.description
    for table in TABLES:
        evaluation = evaluations[(AssetKey(["raw", table.name]), "quality_suite")]
        if table.name != "wages":
            assert evaluation.passed or evaluation.severity == AssetCheckSeverity.WARN, (
                table.name,
                evaluation.description,
            )
        assert result.is_node_success(f"raw__{table.name}"), table.name
    # Dagster abandons the steps whose blocking checks failed: they never start.
    assert not result.is_node_success("equipath_dbt_models")
    assert not result.is_node_success("published__internal")
    materialized = {e.asset_key.path[0] for e in result.get_asset_materialization_events()}
    assert materialized == {"raw", "quality"}
    assert not (tmp_path / "published" / "internal.duckdb").exists()

    rows = _results(tmp_path / "warehouse.duckdb", result.run_id)
    assert {r[0] for r in rows} == set(suite_names())
    failed_errors = [r for r in rows if r[2] == "error" and not r[3]]
    latest, previous = _loaded_rows_of_last_two_quarters(tmp_path / "warehouse.duckdb")
    assert latest < 0.5 * previous
    assert failed_errors == [
        ("wages", "wages.quarter_rows_drop_error", "error", False, f"{quarter} "
         f"(ratio_to_previous={latest / previous:.4g})"),
    ]  # fmt: skip
    assert (tmp_path / "data_docs" / "index.html").is_file()

    from orchestration.run import summarise

    outcome = summarise(result)
    assert "Failed error-severity data-quality checks" in outcome.error
    assert "raw/wages: " in outcome.error
    assert "wages.quarter_rows_drop_error" in outcome.error


@pytest.mark.slow
def test_a_warning_reports_but_does_not_block(defs, generated_landing, tmp_path, monkeypatch):
    landing = _copy_landing(generated_landing.path, tmp_path / "landing")
    students = sorted((landing / "sis").glob("students_*.csv"))[-1]
    with students.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    with students.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[*rows[0], "advisor"], *([*r, "Smith"] for r in rows[1:])])
    (landing / "sis" / "grades.csv").write_text("student_id,grade\nS1,A\n", encoding="utf-8")
    _configure(monkeypatch, landing, tmp_path)

    result = defs.resolve_job_def("build_all").execute_in_process(
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
        asset_selection=[
            AssetKey(["raw", "students"]),
            AssetKey(["staging", "stg_sis__students"]),
            AssetKey(["quality", "landing_inventory"]),
        ],
    )

    assert result.success
    evaluations = {(e.asset_key, e.check_name): e for e in result.get_asset_check_evaluations()}
    students_check = evaluations[(AssetKey(["raw", "students"]), "quality_suite")]
    assert (students_check.passed, students_check.severity) == (False, AssetCheckSeverity.WARN)
    assert "students.extra_columns" in students_check.description
    inventory = evaluations[(AssetKey(["quality", "landing_inventory"]), "every_file_claimed")]
    assert (inventory.passed, inventory.severity) == (False, AssetCheckSeverity.WARN)
    assert "sis/grades.csv" in inventory.description
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert AssetKey(["staging", "stg_sis__students"]) in materialized

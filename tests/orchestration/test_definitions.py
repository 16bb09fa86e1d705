"""The Dagster definitions load, and extraction feeds dbt in one lineage graph."""

from __future__ import annotations

import json

import pytest
from dagster import AssetKey

from equipath.landing.contract import TABLES


@pytest.fixture(scope="module")
def defs():
    from orchestration.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs as definitions

    return definitions


def test_one_extraction_asset_per_contract_table(defs):
    graph = defs.resolve_asset_graph()
    keys = {key for key in graph.get_all_asset_keys()}
    for table in TABLES:
        assert AssetKey(["raw", table.name]) in keys


def test_staging_models_hang_under_their_extraction_assets(defs):
    graph = defs.resolve_asset_graph()
    parents = graph.get(AssetKey(["staging", "stg_sis__students"])).parent_keys
    assert AssetKey(["raw", "students"]) in parents
    parents = graph.get(AssetKey(["staging", "stg_wages__wage_records"])).parent_keys
    assert AssetKey(["raw", "wages"]) in parents
    enrollment_parents = graph.get(AssetKey(["raw", "enrollments"])).parent_keys
    assert AssetKey(["raw", "programs"]) in enrollment_parents
    published_parents = graph.get(AssetKey(["published", "internal"])).parent_keys
    assert AssetKey(["marts", "rpt_load_summary"]) in published_parents


def test_build_job_exists_and_runs_in_one_process(defs):
    job = defs.resolve_job_def("build_all")
    assert job.executor_def.name == "in_process"


def test_dbt_build_args_carry_as_of():
    from orchestration.assets.dbt import dbt_build_args

    args = dbt_build_args("2026-10-01")
    assert args[:2] == ["build", "--vars"]
    assert json.loads(args[2]) == {"as_of": "2026-10-01"}

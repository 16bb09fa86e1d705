"""The one Dagster code location of equipath.

Every step that writes the warehouse runs in one process, one after another
(`in_process_executor`), and takes the warehouse write lock: DuckDB allows one writer.
"""

from __future__ import annotations

from dagster import (
    AssetSelection,
    Definitions,
    colored_console_logger,
    define_asset_job,
    in_process_executor,
)
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt import equipath_dbt_models
from orchestration.assets.extract import extract_assets
from orchestration.assets.publish import published_tiers
from orchestration.assets.quality import landing_inventory, quality_checks
from orchestration.assets.reports import REPORTS_GROUP, funder_reports
from orchestration.paths import dbt_executable
from orchestration.project import dbt_project
from orchestration.resources import BuildSettings, WarehouseResource
from orchestration.run_log import RUN_LOGGER_KEY, equipath_run_logger
from orchestration.schedules import REPORT_JOB, schedules
from orchestration.sensors import sensors

build_all = define_asset_job(
    "build_all",
    selection=AssetSelection.all() - AssetSelection.groups(REPORTS_GROUP),
    description="Landing files → raw → dbt (staging … marts) → published tier files.",
)

build_and_report = define_asset_job(
    REPORT_JOB,
    selection=AssetSelection.all(),
    description="build_all, then the funder reports (outbox, e-mail): what the schedules run.",
)

defs = Definitions(
    assets=[
        *extract_assets,
        landing_inventory,
        equipath_dbt_models,
        published_tiers,
        funder_reports,
    ],
    asset_checks=quality_checks,
    jobs=[build_all, build_and_report],
    schedules=schedules,
    sensors=sensors,
    resources={
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
        "warehouse": WarehouseResource(),
        "settings": BuildSettings(),
    },
    executor=in_process_executor,
    # `dagster dev` and the schedules log to the console as usual; `equipath build` picks
    # the run logger (a log file and a progress report) in its run config
    loggers={"console": colored_console_logger, RUN_LOGGER_KEY: equipath_run_logger},
)

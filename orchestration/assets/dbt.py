"""The dbt project as Dagster assets, downstream of the extraction assets."""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.project import dbt_project
from orchestration.resources import BuildSettings, WarehouseResource


class EquipathDbtTranslator(DagsterDbtTranslator):
    """Asset groups follow the dbt folders: staging, intermediate, marts, reference."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def dbt_build_args(as_of: str) -> list[str]:
    """dbt CLI arguments of a build; as_of travels as a dbt var, the only way models see it."""
    return ["build", "--vars", json.dumps({"as_of": as_of}, sort_keys=True)]


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=EquipathDbtTranslator(),
)
def equipath_dbt_models(
    context: AssetExecutionContext,
    dbt: DbtCliResource,
    warehouse: WarehouseResource,
    settings: BuildSettings,
) -> Iterator:
    as_of = settings.as_of_date().isoformat()
    with warehouse.write_lock():
        yield from dbt.cli(dbt_build_args(as_of), context=context).stream()

"""Publishing: the reporting marts → tier files that dashboards and reports read."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset
from dagster_dbt import get_asset_key_for_model

from equipath.publishing import publish_tables
from orchestration.assets.dbt import equipath_dbt_models
from orchestration.resources import BuildSettings, WarehouseResource

INTERNAL_NOTICE = "internal — do not redistribute"

#: published table name → warehouse relation (dbt models in marts/reporting)
INTERNAL_TABLES: dict[str, str] = {
    "load_summary": "marts.rpt_load_summary",
    "warehouse_overview": "marts.rpt_warehouse_overview",
}


@asset(
    key=AssetKey(["published", "internal"]),
    group_name="publish",
    deps=[
        get_asset_key_for_model([equipath_dbt_models], relation.split(".")[-1])
        for relation in INTERNAL_TABLES.values()
    ],
    kinds={"duckdb"},
    description=(
        "published/internal.duckdb: aggregates for administrators, no person rows, "
        "written atomically so readers never see a partial file."
    ),
)
def published_internal(
    context: AssetExecutionContext,
    warehouse: WarehouseResource,
    settings: BuildSettings,
) -> MaterializeResult:
    destination = warehouse.published() / "internal.duckdb"
    with warehouse.writer() as con:
        publish_tables(
            con,
            INTERNAL_TABLES,
            destination,
            tier="internal",
            as_of=settings.as_of_date().isoformat(),
            notice=INTERNAL_NOTICE,
        )
    context.log.info(f"published {destination}")
    return MaterializeResult(metadata={"path": str(destination)})

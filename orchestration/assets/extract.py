"""One Dagster asset per contract table: landing files → `raw.<table>`.

No `from __future__ import annotations` in asset modules: Dagster inspects the
`context` annotation at definition time and needs the real class.

The asset keys are `raw/<table>`, the same keys dagster-dbt gives the dbt source
`raw.<table>`, so the staging models hang under them in one lineage graph.
"""

from datetime import UTC, datetime

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
)

from equipath.landing.contract import TABLES, Table
from equipath.landing.load import load_table
from equipath.landing.pseudonymise import MissingSecretKeyError, Pseudonymiser, secret_key_from_env
from equipath.landing.reader import LandingFileError
from orchestration.resources import BuildSettings, WarehouseResource

EXTRACT_GROUP = "extract"


def raw_asset_key(table: Table) -> AssetKey:
    return AssetKey(["raw", table.name])


def _summary_table(result) -> str:
    lines = [
        "| file | status | read | loaded | rejected |",
        "|---|---|---:|---:|---:|",
    ]
    for f in result.files:
        lines.append(
            f"| {f.source_file} | {f.status} | {f.rows_read} | {f.rows_loaded} | "
            f"{f.rows_rejected} |"
        )
    return "\n".join(lines)


def build_extract_asset(table: Table) -> AssetsDefinition:
    """The extraction asset of one table; it waits for the catalog tables it references."""
    deps = sorted({AssetKey(["raw", target]) for target in table.references.values()}, key=str)

    @asset(
        key=raw_asset_key(table),
        group_name=EXTRACT_GROUP,
        deps=deps,
        kinds={"python", "duckdb"},
        description=(
            f"{table.description} Loaded from `<landing>/{table.folder}/{table.pattern}`: "
            "checked against the data contract, identifiers pseudonymised, bad rows to "
            "`raw._rejects`, one line per file in `raw._load_accounting`."
        ),
    )
    def _extract(
        context: AssetExecutionContext,
        warehouse: WarehouseResource,
        settings: BuildSettings,
    ) -> MaterializeResult:
        try:
            pseudonymiser = Pseudonymiser(secret_key_from_env())
        except MissingSecretKeyError as exc:
            raise Failure(description=str(exc)) from exc
        landing = settings.landing()
        loaded_at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        try:
            with warehouse.writer() as con:
                result = load_table(con, table, landing, pseudonymiser, loaded_at)
        except LandingFileError as exc:
            raise Failure(
                description=str(exc),
                metadata={"file": exc.file, "problem": exc.problem, "fix": exc.fix},
            ) from exc
        context.log.info(
            f"raw.{table.name}: {len(result.files)} file(s), {result.rows_read} rows read, "
            f"{result.rows_loaded} loaded, {result.rows_rejected} rejected"
        )
        return MaterializeResult(
            metadata={
                "files": len(result.files),
                "rows_read": result.rows_read,
                "rows_loaded": result.rows_loaded,
                "rows_rejected": result.rows_rejected,
                "per_file": MetadataValue.md(_summary_table(result)),
            }
        )

    return _extract


extract_assets: list[AssetsDefinition] = [build_extract_asset(t) for t in TABLES]

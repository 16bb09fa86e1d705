"""The quality gate: the Great Expectations suites as asset checks on the extraction assets.

No `from __future__ import annotations` here: Dagster inspects the `context` annotation
at definition time and needs the real class.

Each extraction asset `raw/<table>` gets one blocking check, `quality_suite`, that runs
the table's suite: its table-level, statistical and freshness rules (the newest file and
record and the wage lag are reported in the check's metadata, pass or fail). The check
fails with ERROR severity when an `error` expectation fails, and then every asset
downstream of the table (the dbt models, hence the published files) is skipped in that
run; it fails with WARN when only `warning` expectations fail, which shows in the UI and
in `quality.quality_results` but blocks nothing (Dagster blocks on ERROR only).

Landing files that no contract table claims are reported by the `quality/landing_inventory`
asset and its `every_file_claimed` check (warning): they are never loaded, so they must not
be ignored in silence.
"""

from collections.abc import Iterator
from datetime import UTC, date, datetime

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetChecksDefinition,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from equipath.landing.contract import TABLES, Table
from expectations.frames import LANDING, READS
from expectations.results import write_results
from expectations.runner import SuiteOutcome, read_frames, validate
from orchestration.resources import BuildSettings, WarehouseResource

QUALITY_GROUP = "quality"
SUITE_CHECK = "quality_suite"
FRESHNESS_FRAME = "freshness"
LANDING_INVENTORY_KEY = AssetKey(["quality", "landing_inventory"])
CLAIMED_CHECK = "every_file_claimed"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def check_result(
    outcome: SuiteOutcome,
    run_id: str,
    check_name: str | None = None,
    extra: dict[str, object] | None = None,
) -> AssetCheckResult:
    """The Dagster verdict of a suite run: ERROR blocks, WARN reports, pass passes."""
    worst = outcome.severity
    return AssetCheckResult(
        check_name=check_name,
        passed=worst is None,
        severity=AssetCheckSeverity.WARN if worst == "warning" else AssetCheckSeverity.ERROR,
        description=outcome.summary()[:2000],
        metadata={
            "errors_failed": len(outcome.failed("error")),
            "warnings_failed": len(outcome.failed("warning")),
            "expectations": len(outcome.outcomes),
            "rules": MetadataValue.md(outcome.markdown()),
            "data_docs": MetadataValue.path(str(outcome.docs_index)),
            "quality_results": MetadataValue.text(
                f"select * from quality.quality_results where run_id = '{run_id}' "
                f"and table_name = '{outcome.name}'"
            ),
            "seconds": round(outcome.seconds, 2),
            **(extra or {}),
        },
    )


def run_table_suite(
    warehouse: WarehouseResource,
    table_name: str,
    as_of: date,
    run_id: str,
    check_name: str = SUITE_CHECK,
) -> tuple[SuiteOutcome, dict[str, object]]:
    """Read under the warehouse lock, validate without it, write the verdicts under it.

    Returns the outcome and the table's freshness profile (its newest file and record,
    the wage lag), which the check reports whether or not a threshold was crossed.
    """
    with warehouse.writer() as con:
        frame_set = read_frames(con, table_name, as_of)
    outcome = validate(frame_set, run_name=run_id)
    with warehouse.writer() as con:
        write_results(
            con, outcome, run_id=run_id, check_name=check_name, as_of=as_of, checked_at=_now()
        )
    freshness = frame_set.frames.get(FRESHNESS_FRAME)
    profile = {} if freshness is None else _plain(freshness.iloc[0].to_dict())
    return outcome, profile


def _plain(row: dict) -> dict[str, object]:
    """JSON-friendly values (numpy numbers and NaN become plain numbers and null)."""
    plain: dict[str, object] = {}
    for key, value in row.items():
        if value is None or (isinstance(value, float) and value != value):
            plain[key] = None
        elif hasattr(value, "item"):
            plain[key] = value.item()
        else:
            plain[key] = value
    return plain


def build_suite_check(table: Table) -> AssetChecksDefinition:
    """The blocking check on `raw/<table>` that runs the table's whole suite."""
    description = (
        f"Great Expectations suite expectations/suites/{table.name}.json: the table-level, "
        "statistical and freshness rules of the table (row-level contract rules are the "
        "loader's). A failed `error` expectation blocks everything downstream; a failed "
        "`warning` only reports. Results: quality.quality_results."
    )

    @asset_check(
        asset=AssetKey(["raw", table.name]),
        name=SUITE_CHECK,
        blocking=True,
        additional_deps=[AssetKey(["raw", other]) for other in READS.get(table.name, ())],
        description=description,
    )
    def _check(
        context: AssetCheckExecutionContext,
        warehouse: WarehouseResource,
        settings: BuildSettings,
    ) -> AssetCheckResult:
        run_id = context.run.run_id
        outcome, freshness = run_table_suite(warehouse, table.name, settings.as_of_date(), run_id)
        context.log.info(f"raw.{table.name} {SUITE_CHECK}: {outcome.summary()}")
        return check_result(outcome, run_id, extra={"freshness": MetadataValue.json(freshness)})

    return _check


def build_quality_checks() -> list[AssetChecksDefinition]:
    """One check per contract table (a check is a Dagster step, and steps cost time)."""
    return [build_suite_check(table) for table in TABLES]


quality_checks: list[AssetChecksDefinition] = build_quality_checks()


@asset(
    key=LANDING_INVENTORY_KEY,
    group_name=QUALITY_GROUP,
    kinds={"python"},
    check_specs=[
        AssetCheckSpec(
            CLAIMED_CHECK,
            asset=LANDING_INVENTORY_KEY,
            description=(
                "Every file in the landing folder is claimed by a contract table; a file that "
                "is not (unknown table, wrong folder, not CSV) is never loaded (warning)."
            ),
        )
    ],
    description=(
        "Every file in the landing folder and the contract table that loads it. Files no "
        "table claims are listed with a hint (expectations/suites/landing.json)."
    ),
)
def landing_inventory(
    context: AssetExecutionContext,
    warehouse: WarehouseResource,
    settings: BuildSettings,
) -> Iterator:
    as_of = settings.as_of_date()
    frame_set = read_frames(None, LANDING, as_of, landing=settings.landing())
    outcome = validate(frame_set, run_name=context.run_id)
    with warehouse.writer() as con:
        write_results(
            con,
            outcome,
            run_id=context.run_id,
            check_name=CLAIMED_CHECK,
            as_of=as_of,
            checked_at=_now(),
        )
    inventory = frame_set.frames["inventory"]
    unclaimed = inventory[inventory["claimed_by"].isna()]
    lines = ["| file | hint |", "|---|---|"]
    lines += [f"| {r.path} | {r.hint} |" for r in unclaimed.itertuples()]
    yield MaterializeResult(
        metadata={
            "files": len(inventory),
            "unclaimed": len(unclaimed),
            "unclaimed_files": MetadataValue.md("\n".join(lines)),
        }
    )
    yield check_result(outcome, context.run_id, check_name=CLAIMED_CHECK)

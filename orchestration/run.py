"""Running the build job in-process, as the CLI and the tests do."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from dagster import DagsterEventType, DagsterInstance, ExecuteInProcessResult

from orchestration.run_log import RUN_LOGGER_KEY, EventListener, listening


@dataclass
class BuildOutcome:
    """What a caller needs from a run: did it work, what happened, what broke and why."""

    success: bool
    run_id: str
    progress: list[str] = field(default_factory=list)
    failed_step: str | None = None
    error: str | None = None
    step_seconds: dict[str, float] = field(default_factory=dict)


def _instance() -> DagsterInstance:
    """The persistent instance when DAGSTER_HOME is set (runs show in the UI)."""
    if os.environ.get("DAGSTER_HOME"):
        return DagsterInstance.get()
    return DagsterInstance.ephemeral()


def run_build(
    instance: DagsterInstance | None = None,
    selection: list[str] | None = None,
    listener: EventListener | None = None,
) -> BuildOutcome:
    """Materialise everything (or `selection`, asset key strings) in this process.

    The run logs to the Python logger `equipath.run` (the CLI sends it to a file), and
    `listener` sees every Dagster event as it happens (the CLI's progress report).
    """
    from dagster import AssetKey

    from orchestration.definitions import defs

    job = defs.resolve_job_def("build_all")
    asset_selection = (
        [AssetKey.from_user_string(s) for s in selection] if selection is not None else None
    )
    with listening(listener):
        result = job.execute_in_process(
            instance=instance or _instance(),
            raise_on_error=False,
            asset_selection=asset_selection,
            run_config={"loggers": {RUN_LOGGER_KEY: {}}},
        )
    return summarise(result)


def warehouse_selection() -> list[str]:
    """Every asset of `build_all` except the published tier files: the warehouse alone.

    For builds whose tiers nobody reads (a second build compared with the first, the
    Spark parity check): publication's disclosure-control LP is most of a build's time.
    """
    from orchestration.assets.publish import PUBLISHED_KEYS
    from orchestration.definitions import defs

    keys = defs.resolve_job_def("build_all").asset_layer.selected_asset_keys - set(PUBLISHED_KEYS)
    return sorted(key.to_user_string() for key in keys)


def publish_selection() -> list[str]:
    """The tier files alone, from an already built warehouse (`equipath publish`)."""
    from orchestration.assets.publish import PUBLISHED_KEYS

    return [key.to_user_string() for key in PUBLISHED_KEYS]


def summarise(result: ExecuteInProcessResult) -> BuildOutcome:
    """What happened in a run, in the words a person fixing the inputs needs."""
    outcome = BuildOutcome(success=result.success, run_id=result.run_id)
    failed_checks = [
        event.event_specific_data
        for event in result.all_events
        if event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION
        and not event.event_specific_data.passed
    ]
    for check in failed_checks:
        outcome.progress.append(
            f"check  {check.asset_key.to_user_string()}:{check.check_name} failed "
            f"({check.severity.value.lower()})"
        )
    for event in result.all_events:
        if event.event_type == DagsterEventType.STEP_SUCCESS:
            seconds = event.event_specific_data.duration_ms / 1000
            outcome.step_seconds[event.step_key] = seconds
            outcome.progress.append(f"done   {event.step_key} ({seconds:.1f} s)")
        elif event.event_type == DagsterEventType.STEP_FAILURE and outcome.failed_step is None:
            outcome.failed_step = event.step_key
            error = event.step_failure_data.error
            user = event.step_failure_data.user_failure_data
            description = user.description if user and user.description else None
            while description is None and error is not None and error.cause is not None:
                error = error.cause
            outcome.error = description or (error.message.strip() if error else "unknown error")
            if event.step_key == "equipath_dbt_models":
                outcome.error += dbt_failures()
            outcome.progress.append(f"FAILED {event.step_key}")
    blocking = [c for c in failed_checks if c.severity.value == "ERROR"]
    if not outcome.success and blocking:
        outcome.failed_step = outcome.failed_step or "the data-quality gate"
        outcome.error = (outcome.error or "") + (
            "\nFailed error-severity data-quality checks (nothing downstream was built or "
            "published):"
            + "".join(
                f"\n  {c.asset_key.to_user_string()}: {c.description or c.check_name}"
                for c in blocking
            )
        )
    return outcome


def latest_dbt_run_results() -> dict | None:
    """dbt's run_results.json of the latest dbt build step (dagster-dbt's target folder)."""
    from orchestration.paths import DBT_PROJECT_DIR

    results = sorted(
        (DBT_PROJECT_DIR / "target").glob("equipath_dbt_models-*/run_results.json"),
        key=lambda p: p.stat().st_mtime,
    )
    return json.loads(Path(results[-1]).read_text()) if results else None


def dbt_failures() -> str:
    """The failing dbt nodes of the latest dbt invocation, with dbt's own messages.

    dagster-dbt only says that dbt exited non-zero; the person running the build needs to
    know which model or test failed and why.
    """
    data = latest_dbt_run_results()
    if data is None:
        return ""
    lines = [
        f"\n  {r['unique_id']}: {r['status']} — {(r.get('message') or '').strip()}"
        for r in data.get("results", [])
        if r.get("status") in ("error", "fail", "runtime error")
    ]
    return "\nFailing dbt nodes:" + "".join(lines) if lines else ""

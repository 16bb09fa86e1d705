"""What `equipath build` and `equipath publish` print while they run.

A build runs about 90 Dagster steps and 300 dbt nodes; a person at the console needs one
line a step that matters (each table loaded, the quality gate, dbt, publication), a live
bar while it runs, and at the end where everything went. The full log goes to a file
(`equipath.build_log`); this module only turns Dagster events into those lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dagster import DagsterEvent, DagsterEventType
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from orchestration.run import latest_dbt_run_results

DBT_STEP = "equipath_dbt_models"
PUBLISH_STEP = "published_tiers"
#: statuses of a published cell whose value a reader sees (coded values included)
SHOWN = ("published", "top_coded", "bottom_coded")


@dataclass
class CheckTally:
    """The data-quality gate: one Dagster check a table, many rules inside each."""

    suites: int = 0
    rules: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildTally:
    """What the summary needs of the run (rejects are counted in the warehouse itself)."""

    quality: CheckTally = field(default_factory=CheckTally)
    failed_step: str | None = None


def _meta(metadata: dict[str, Any], key: str, default: Any = 0) -> Any:
    value = metadata.get(key)
    return default if value is None else getattr(value, "value", value)


def _step_label(step_key: str | None) -> str:
    if not step_key:
        return "the build"
    if step_key == DBT_STEP:
        return "dbt"
    if step_key == PUBLISH_STEP:
        return "publishing the tier files (disclosure control)"
    if step_key == "quality__landing_inventory":
        return "listing the landing folder"
    if step_key.endswith("_quality_suite"):
        return "quality gate: " + step_key.removesuffix("_quality_suite").replace("__", ".")
    return "loading " + step_key.replace("__", ".")


class BuildProgress:
    """Listens to a run's Dagster events and prints a short progress report.

    Lines go to `console` as each step ends; on a terminal a transient bar shows the
    step in progress (and dbt's node count, from its own lines in the log), and
    disappears when the run ends.
    """

    def __init__(self, console: Console, live: bool = True) -> None:
        self.console = console
        self.tally = BuildTally()
        self._materialized: dict[str, list[tuple[list[str], dict[str, Any]]]] = {}
        self._quality_printed = False
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not (live and console.is_terminal),
            # what libraries print belongs in the log file, not above the bar
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task: TaskID | None = None

    # ------------------------------------------------------------ life cycle

    def __enter__(self) -> BuildProgress:
        self._progress.start()
        self._task = self._progress.add_task("starting", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def line(self, text: str) -> None:
        self.console.print(text, highlight=False, markup=False, soft_wrap=True)

    # ------------------------------------------------------------ events

    def __call__(self, event: DagsterEvent) -> None:
        kind = event.event_type
        if kind == DagsterEventType.STEP_START:
            self._start(event.step_key)
        elif kind == DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.event_specific_data.materialization
            self._materialized.setdefault(event.step_key, []).append(
                (materialization.asset_key.path, dict(materialization.metadata))
            )
        elif kind == DagsterEventType.ASSET_CHECK_EVALUATION and event.step_key != DBT_STEP:
            self._check(event.event_specific_data)
        elif kind == DagsterEventType.STEP_SUCCESS:
            seconds = event.event_specific_data.duration_ms / 1000
            self._done(event.step_key, seconds)
        elif kind == DagsterEventType.STEP_FAILURE and self.tally.failed_step is None:
            self.tally.failed_step = event.step_key
            self.line(f"  FAILED   {_step_label(event.step_key)}")

    def _set(self, **fields: Any) -> None:
        if self._task is not None:
            self._progress.update(self._task, **fields)

    def _start(self, step_key: str | None) -> None:
        if step_key == DBT_STEP:
            self.print_quality()
            self._set(description="dbt: starting", total=None, completed=0)
        else:
            self._set(description=_step_label(step_key), total=None)

    def output_line(self, line: str) -> None:
        """A line of the log as it is written: dbt's own `N of M …` counts its nodes live.

        Dagster's materialization events of the dbt step arrive in bursts; dbt's lines do
        not. Models, seeds, tests and unit tests all count here (M is all of them).
        """
        match = _DBT_NODE_DONE.match(line)
        if match:
            done, total = int(match[1]), int(match[2])
            self._set(
                description=f"dbt: {done} of {total} models and tests", completed=done, total=total
            )

    def _check(self, evaluation: Any) -> None:
        quality = self.tally.quality
        metadata = dict(evaluation.metadata)
        quality.suites += 1
        quality.rules += int(_meta(metadata, "expectations"))
        if not evaluation.passed:
            where = f"{evaluation.asset_key.to_user_string()}: {_failed_rules(evaluation)}"
            severity = getattr(evaluation.severity, "value", str(evaluation.severity))
            (quality.errors if severity == "ERROR" else quality.warnings).append(where)

    def _done(self, step_key: str | None, seconds: float) -> None:
        if step_key is None:
            return
        outputs = self._materialized.pop(step_key, [])
        if step_key == DBT_STEP:
            self.line(f"  dbt      {dbt_summary()}{_secs(seconds)}")
        elif step_key == PUBLISH_STEP:
            self._published(outputs, seconds)
        elif step_key.startswith("raw__") and not step_key.endswith("_quality_suite"):
            for path, metadata in outputs:
                self._loaded(path[-1], metadata, seconds)

    def _loaded(self, table: str, metadata: dict[str, Any], seconds: float) -> None:
        files = int(_meta(metadata, "files"))
        read = int(_meta(metadata, "rows_read"))
        loaded = int(_meta(metadata, "rows_loaded"))
        rejected = int(_meta(metadata, "rows_rejected"))
        noun = "file " if files == 1 else "files"
        self.line(
            f"  load     {table:<18}{files:>3} {noun}{read:>10,} read{loaded:>10,} loaded"
            f"{rejected:>7,} rejected{_secs(seconds)}"
        )

    def _published(self, outputs: list[tuple[list[str], dict[str, Any]]], seconds: float) -> None:
        by_key = {path[-1]: metadata for path, metadata in outputs}
        statuses = _meta(by_key.get("public", {}), "cells_by_status", {})
        cells = {str(k): int(v) for k, v in statuses.items()}
        funders = _meta(by_key.get("funders", {}), "funders", {})
        shown = sum(v for k, v in cells.items() if k in SHOWN)
        coded = sum(v for k, v in cells.items() if k in SHOWN[1:])
        withheld = {k: v for k, v in sorted(cells.items()) if k not in SHOWN}
        reasons = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in withheld.items())
        self.line(f"  publish  internal, public and {len(funders)} funder files{_secs(seconds)}")
        self.line(
            f"           public cells: {shown:,} shown ({coded:,} coded), "
            f"{sum(withheld.values()):,} withheld ({reasons})"
        )

    def print_quality(self) -> None:
        """The gate's one line, once: when dbt starts, or at the end of a run without dbt."""
        quality = self.tally.quality
        if self._quality_printed or quality.suites == 0:
            return
        self._quality_printed = True
        if not quality.errors and not quality.warnings:
            verdict = "all passed"
        else:
            verdict = f"{len(quality.errors)} failed (error), {len(quality.warnings)} warned"
        self.line(f"  quality  {quality.suites} table checks, {quality.rules} rules: {verdict}")

    def finish(self) -> BuildTally:
        self.print_quality()
        return self.tally


def _failed_rules(evaluation: Any) -> str:
    """`wages.quarter_linked_share_warning (2 failing)` from a suite's description."""
    found = _FAILED_RULE.findall(evaluation.description or "")
    if not found:
        return evaluation.description or evaluation.check_name
    return ", ".join(f"{rule} ({count} failing)" for rule, count in found)


_DBT_NODE_DONE = re.compile(r"^(\d+) of (\d+) (?:OK|PASS|WARN|ERROR|FAIL|SKIP)\b")
_FAILED_RULE = re.compile(r"([\w.]+) \[(?:error|warning)\]: (\d+) failing")


def _secs(seconds: float) -> str:
    return f"{seconds:>8.1f} s"


def dbt_summary() -> str:
    """`40 models, 11 seeds, 251 tests, 13 unit tests: all passed` from run_results.json."""
    data = latest_dbt_run_results()
    if data is None:
        return "no run_results.json"
    kinds: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for result in data.get("results", []):
        kind = result["unique_id"].split(".")[0].replace("_", " ")
        kinds[kind] = kinds.get(kind, 0) + 1
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    order = {"model": 0, "seed": 1, "snapshot": 2, "test": 3, "unit test": 4}
    counted = ", ".join(f"{kinds[k]} {k}s" for k in sorted(kinds, key=lambda k: order.get(k, 9)))
    bad = {k: v for k, v in statuses.items() if k not in ("success", "pass")}
    verdict = "all passed" if not bad else ", ".join(f"{v} {k}" for k, v in sorted(bad.items()))
    return f"{counted}: {verdict}"

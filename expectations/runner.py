"""Running the committed suites: our small wrapper around a Great Expectations checkpoint.

Why our own: dagster-ge does not support GX 1.x, and GX's SQL path on DuckDB is not
reliable, so frames are read with DuckDB into pandas (`frames.py`) and validated with
GX's pandas engine. A table's suite is one committed JSON file; each expectation names the
frame it is about in `meta.frame`, and the suite runs as one GX checkpoint per frame
(a checkpoint validates one DataFrame). Reading (needs the warehouse) and validating
(does not) are separate steps, so a caller can hold the warehouse lock only to read.

Great Expectations is imported on first use, not at import time: it takes seconds, and
loading the Dagster definitions must stay fast.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
import time
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from equipath.landing.contract import TABLES_BY_NAME
from expectations.frames import FRAMES, INVENTORY, LANDING, Frame, catalog_ids, raw_columns

# GX imports pyspark whenever it is installed (the Spark extra puts it beside a DuckDB
# build), and pyspark warns about the pandas version on import: not the build's business
warnings.filterwarnings(
    "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
)

SUITES_DIR = Path(__file__).resolve().parent / "suites"
DEFAULT_DOCS_DIR = Path(__file__).resolve().parent / "uncommitted" / "data_docs"
ENV_DOCS = "EQUIPATH_QUALITY_DOCS"
SEVERITIES = ("error", "warning")
#: Our severity (meta.severity, the one that decides) → GX's own severity field.
GX_SEVERITY = {"error": "critical", "warning": "warning"}
FAILING_ROWS_SHOWN = 5
SITE = "equipath"


class SuiteError(ValueError):
    """A committed suite file that breaks our conventions (it would run wrongly)."""


# ------------------------------------------------------------------ suites


def suite_names() -> list[str]:
    """Every committed suite: one per contract table, and the landing inventory."""
    return sorted(p.stem for p in SUITES_DIR.glob("*.json"))


@cache
def load_suite(name: str) -> dict[str, Any]:
    """One suite's JSON, checked against the conventions the runner relies on."""
    path = SUITES_DIR / f"{name}.json"
    suite = json.loads(path.read_text(encoding="utf-8"))
    if suite.get("name") != name:
        raise SuiteError(f"{path.name}: 'name' must be '{name}'")
    for index, expectation in enumerate(suite.get("expectations", [])):
        meta = expectation.get("meta") or {}
        where = f"{path.name} expectation {index} ({meta.get('rule', '?')})"
        rule = meta.get("rule", "")
        if not rule.startswith(f"{name}."):
            raise SuiteError(f"{where}: meta.rule must start with '{name}.'")
        severity = meta.get("severity")
        if severity not in SEVERITIES:
            raise SuiteError(f"{where}: meta.severity must be one of {SEVERITIES}")
        if expectation.get("severity", "critical") != GX_SEVERITY[severity]:
            raise SuiteError(
                f"{where}: GX 'severity' must be '{GX_SEVERITY[severity]}' to match "
                f"meta.severity '{severity}'"
            )
        if meta.get("frame") not in frames_of(name):
            raise SuiteError(f"{where}: meta.frame '{meta.get('frame')}' is not a frame of {name}")
        if not meta.get("why") or not meta.get("fix"):
            raise SuiteError(f"{where}: meta.why and meta.fix say what it means and what to do")
    rules = [e["meta"]["rule"] for e in suite["expectations"]]
    if len(rules) != len(set(rules)):
        raise SuiteError(f"{path.name}: meta.rule values must be unique")
    return suite


def frames_of(name: str) -> set[str]:
    if name == LANDING:
        return {"inventory"}
    return {frame for table, frame in FRAMES if table == name}


def suite_frames(name: str) -> list[str]:
    """The frames a suite's expectations are about, in order of first use."""
    seen: dict[str, None] = {}
    for expectation in load_suite(name)["expectations"]:
        seen.setdefault(expectation["meta"]["frame"], None)
    return list(seen)


# ------------------------------------------------------------------ outcomes


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's verdict, in terms that identify no person.

    `failing_rows` names at most a few failing rows: `file:row` for rows of a table (its
    values are never quoted), the key and value for profile rows (a quarter, a file).
    """

    table_name: str
    frame: str
    rule: str
    expectation_type: str
    column_name: str | None
    severity: str
    success: bool
    element_count: int | None
    unexpected_count: int | None
    observed_value: str | None
    failing_rows: str | None
    why: str
    fix: str

    def line(self) -> str:
        detail = self.failing_rows or self.observed_value or ""
        count = f"{self.unexpected_count} failing, " if self.unexpected_count else ""
        return f"{self.rule} [{self.severity}]: {count}{detail}".rstrip(": ,")


@dataclass
class SuiteOutcome:
    """A suite's run over some of its frames."""

    name: str
    frames: list[str]
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    seconds: float = 0.0
    docs_index: Path | None = None

    def failed(self, severity: str) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == severity]

    @property
    def severity(self) -> str | None:
        """The worst failed severity: `error` blocks, `warning` reports, None passed."""
        for severity in SEVERITIES:
            if self.failed(severity):
                return severity
        return None

    def summary(self) -> str:
        errors, warnings = self.failed("error"), self.failed("warning")
        if not errors and not warnings:
            return f"{len(self.outcomes)} expectations passed"
        head = f"{len(errors)} error(s), {len(warnings)} warning(s) of {len(self.outcomes)}"
        return "; ".join([head, *(o.line() for o in errors + warnings)])

    def markdown(self) -> str:
        lines = [
            "| rule | severity | result | failing | observed / failing rows |",
            "|---|---|---|---:|---|",
        ]
        for o in sorted(self.outcomes, key=lambda o: (o.success, SEVERITIES.index(o.severity))):
            result = "pass" if o.success else "FAIL"
            detail = (o.failing_rows or o.observed_value or "").replace("|", "/")
            lines.append(
                f"| {o.rule} | {o.severity} | {result} | {o.unexpected_count or ''} | {detail} |"
            )
        return "\n".join(lines)


# ------------------------------------------------------------------ reading


@dataclass
class FrameSet:
    """What one suite run needs from the warehouse, read in one go."""

    name: str
    frames: dict[str, pd.DataFrame]
    parameters: dict[str, Any]


def read_frames(
    con: duckdb.DuckDBPyConnection | None,
    name: str,
    as_of: date,
    frames: Iterable[str] | None = None,
    landing: Path | None = None,
) -> FrameSet:
    """Read the suite's frames (all, or `frames`) and its run-time parameters.

    Parameters are values a rule compares with that are not fixed in the suite: the
    catalog's ids as they are now, the contract's raw columns, as_of.
    """
    from expectations.frames import landing_inventory_frame

    wanted = list(frames) if frames is not None else suite_frames(name)
    data: dict[str, pd.DataFrame] = {}
    for frame in wanted:
        if name == LANDING:
            if landing is None:
                raise ValueError("the landing suite needs the landing folder")
            data[frame] = landing_inventory_frame(landing)
        else:
            if con is None:
                raise ValueError(f"the {name} suite reads the warehouse: pass a connection")
            data[frame] = FRAMES[(name, frame)].build(con, name, as_of)
    parameters: dict[str, Any] = {"as_of": pd.Timestamp(as_of)}
    if con is not None and name != LANDING:
        parameters.update(catalog_ids(con))
        parameters["raw_columns"] = raw_columns(TABLES_BY_NAME[name])
    return FrameSet(name, data, parameters)


# ------------------------------------------------------------------ validating


def docs_dir() -> Path:
    """Where data docs are rendered: $EQUIPATH_QUALITY_DOCS, else an ignored folder here."""
    import os

    value = os.environ.get(ENV_DOCS)
    return Path(value).resolve() if value else DEFAULT_DOCS_DIR


class _Gx:
    """One ephemeral GX context per docs folder and process.

    Ephemeral: suites come from our JSON files, and results go to `quality_results` in
    the warehouse, so GX keeps nothing of its own. Its data docs site is the only thing
    written, and it shows the validations of this process (one Dagster run); pages of
    earlier processes are removed when the context is made.
    """

    def __init__(self, docs: Path) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        self.gx = gx
        self.docs = docs
        shutil.rmtree(docs / "validations", ignore_errors=True)
        docs.mkdir(parents=True, exist_ok=True)
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            # No usage statistics: builds run offline and must not wait on the network.
            analytics_enabled=False,
            # GX draws a progress bar per validation; in Dagster's logs that is noise.
            progress_bars=ProgressBarsConfig(globally=False),
        )
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        self.context.add_data_docs_site(
            site_name=SITE,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs),
                },
                "site_index_builder": {
                    "class_name": "DefaultSiteIndexBuilder",
                    "show_how_to_buttons": False,
                },
            },
        )
        self.source = self.context.data_sources.add_pandas("equipath_frames")
        self.checkpoints: dict[str, Any] = {}

    def checkpoint(self, name: str, frame: str, expectations: list[dict], index: tuple[str, ...]):
        key = f"{name}.{frame}"
        if key not in self.checkpoints:
            gx = self.gx
            suite = gx.ExpectationSuite(
                name=key,
                expectations=copy.deepcopy(expectations),  # GX may change what it is given
                meta={"table": name, "frame": frame},
            )
            if len(suite.expectations) != len(expectations):
                # GX logs and drops an expectation it cannot parse; we refuse to run short.
                raise SuiteError(f"{key}: GX did not accept every expectation of the suite")
            suite = self.context.suites.add(suite)
            asset = self.source.add_dataframe_asset(key)
            batch = asset.add_batch_definition_whole_dataframe("whole frame")
            validation = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=key, data=batch, suite=suite)
            )
            result_format: dict[str, Any] = {
                "result_format": "SUMMARY",
                "partial_unexpected_count": FAILING_ROWS_SHOWN,
            }
            if index:
                result_format["unexpected_index_column_names"] = list(index)
            self.checkpoints[key] = self.context.checkpoints.add(
                gx.Checkpoint(
                    name=key,
                    validation_definitions=[validation],
                    result_format=result_format,
                )
            )
        return self.checkpoints[key]


_CONTEXTS: dict[Path, _Gx] = {}


def _gx(docs: Path) -> _Gx:
    if docs not in _CONTEXTS:
        _CONTEXTS[docs] = _Gx(docs)
    return _CONTEXTS[docs]


def validate(
    frame_set: FrameSet,
    run_name: str | None = None,
    docs: Path | None = None,
) -> SuiteOutcome:
    """Run the suite's expectations over the frames read, one checkpoint per frame."""
    from great_expectations.core.run_identifier import RunIdentifier

    started = time.perf_counter()
    name = frame_set.name
    docs = docs or docs_dir()
    gx = _gx(docs)
    suite = load_suite(name)
    outcome = SuiteOutcome(name, list(frame_set.frames), docs_index=docs / "index.html")
    rendered: list[Any] = []
    for frame_name, data in frame_set.frames.items():
        expectations = [e for e in suite["expectations"] if e["meta"]["frame"] == frame_name]
        if not expectations:
            continue
        frame = _frame(name, frame_name)
        checkpoint = gx.checkpoint(
            name, frame_name, expectations, (*frame.index_columns, *frame.detail_columns)
        )
        result = checkpoint.run(
            batch_parameters={"dataframe": data},
            expectation_parameters=frame_set.parameters,
            run_id=RunIdentifier(run_name=run_name or "equipath"),
        )
        for identifier, validation in result.run_results.items():
            rendered.append(identifier)
            for er in validation.results:
                outcome.outcomes.append(_outcome(name, frame, er))
    if rendered:
        # Once per suite, not per checkpoint (UpdateDataDocsAction): GX compiles its page
        # templates on every build, which costs about a second each time.
        gx.context.build_data_docs(site_names=[SITE], resource_identifiers=rendered)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _frame(name: str, frame_name: str) -> Frame:
    return INVENTORY if name == LANDING else FRAMES[(name, frame_name)]


def _outcome(name: str, frame: Frame, er: Any) -> ExpectationOutcome:
    config = er.expectation_config
    meta = config.meta
    result = er.result or {}
    exception = (er.exception_info or {}) if not er.success else {}
    observed = None
    if exception.get("raised_exception"):
        observed = "the rule could not run: " + str(exception.get("exception_message", ""))[:300]
    elif "mostly" in config.kwargs and result.get("element_count"):
        share = 1 - (result.get("unexpected_percent") or 0) / 100
        needed = config.kwargs["mostly"]
        observed = f"share meeting the rule {share:.4g} (needs at least {needed:g})"
    elif "observed_value" in result:
        observed = _text(result["observed_value"])
        mismatched = (result.get("details") or {}).get("mismatched")
        if mismatched:
            observed = f"{observed} (mismatched: {_text(mismatched)})"
    return ExpectationOutcome(
        table_name=name,
        frame=frame.name,
        rule=meta["rule"],
        expectation_type=config.type,
        column_name=config.kwargs.get("column"),
        severity=meta["severity"],
        success=bool(er.success),
        element_count=_int(result.get("element_count")),
        unexpected_count=_int(result.get("unexpected_count")),
        observed_value=observed,
        failing_rows=_failing_rows(frame, config.kwargs.get("column"), result),
        why=meta["why"],
        fix=meta["fix"],
    )


def _failing_rows(frame: Frame, column: str | None, result: Mapping[str, Any]) -> str | None:
    entries = result.get("partial_unexpected_index_list") or []
    if not entries or not frame.index_columns:
        return None
    shown = []
    for entry in entries[:FAILING_ROWS_SHOWN]:
        key = ":".join(_text(entry.get(c)) for c in frame.index_columns)
        if frame.detail_columns:
            key = f"{key} ({', '.join(_text(entry.get(c)) for c in frame.detail_columns)})"
        elif frame.aggregate and column and column in entry:
            key = f"{key} ({column}={_text(entry[column])})"
        shown.append(key)
    more = (_int(result.get("unexpected_count")) or 0) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _text(value: Any) -> str:
    """Short, stable text for a value in a result (numbers to 4 significant digits)."""
    if value is None:
        return "null"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) or hasattr(value, "dtype"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        if math.isnan(number):
            return "null"
        if number.is_integer():
            return str(int(number))
        return f"{number:.4g}"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(_text(v) for v in value)
    return str(value)


def run_suite(
    con: duckdb.DuckDBPyConnection,
    name: str,
    as_of: date,
    frames: Iterable[str] | None = None,
    landing: Path | None = None,
    run_name: str | None = None,
    docs: Path | None = None,
) -> SuiteOutcome:
    """Read and validate in one call (scripts and tests; Dagster splits the two)."""
    frame_set = read_frames(con, name, as_of, frames, landing)
    return validate(frame_set, run_name=run_name, docs=docs)

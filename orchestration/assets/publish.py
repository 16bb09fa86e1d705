"""Publishing: the marts → one file per tier, that dashboards and reports read.

`published/internal.duckdb` (administrators: exact aggregates, "do not redistribute"),
`published/public.duckdb` (anyone: PRIVACY.md rules 1–6) and
`published/funders/<funder_id>.duckdb` (each funder: the public cells of its programs and
`ALL`). All files of one build are one publication: every file is written in full before
any is renamed into place (`equipath.publishing.publish_tiers`), so a failed or killed
build leaves the previous files as they were.
"""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset
from dagster_dbt import get_asset_key_for_model

from equipath.disclosure import pathways, tiers
from equipath.publishing import TierFile, publish_tiers
from orchestration.assets.dbt import equipath_dbt_models
from orchestration.resources import BuildSettings, WarehouseResource

INTERNAL_NOTICE = "internal — do not redistribute"
PUBLIC_NOTICE = (
    "public — PRIVACY.md rules: n<10 withheld, rates coded or rounded to whole percent, "
    "counts rounded to 5, medians to $100, complementary suppression"
)
FUNDER_NOTICE = "funder {funder_id} — the public tier's cells for its programs and ALL"

#: published table name → warehouse relation for the internal tier's reporting tables
INTERNAL_TABLES: dict[str, str] = {
    "load_summary": "marts.rpt_load_summary",
    "warehouse_overview": "marts.rpt_warehouse_overview",
    # the data-quality dashboard: aggregates only, no person rows
    "quality_results": "marts.rpt_quality_results",
    "rejects_by_reason": "marts.rpt_rejects_by_reason",
    "identity_match_report": "marts.identity_match_report",
    "landing_freshness": "marts.rpt_landing_freshness",
}

#: every warehouse relation publishing reads (its Dagster dependencies)
SOURCES: dict[str, str] = {
    **{r.split(".")[-1]: r for r in INTERNAL_TABLES.values()},
    "outcome_metrics": "marts.outcome_metrics",
    "outcome_cell_maturity": "marts.outcome_cell_maturity",
    "equity_gaps": "marts.equity_gaps",
    "km_time_to_employment": "marts.km_time_to_employment",
    "pathway_flows": "marts.pathway_flows",
    "dim_programs": "marts.dim_programs",
    "dim_subgroups": "marts.dim_subgroups",
    "stg_catalog__funders": "staging.stg_catalog__funders",
    "metric_definitions": "reference.metric_definitions",
}

INTERNAL_KEY = AssetKey(["published", "internal"])
PUBLIC_KEY = AssetKey(["published", "public"])
FUNDERS_KEY = AssetKey(["published", "funders"])
#: the three tier-file assets of one publication (`equipath publish` runs exactly these)
PUBLISHED_KEYS = (INTERNAL_KEY, PUBLIC_KEY, FUNDERS_KEY)

#: a funder id becomes a file name: nothing that could climb out of the folder
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

_DEPS = [get_asset_key_for_model([equipath_dbt_models], name) for name in SOURCES]


@dataclass
class Publication:
    """Everything one build publishes, before it is written."""

    files: list[TierFile]
    stats: tiers.DisclosureStats
    funders: dict[str, list[str]]


def read_sources(con: duckdb.DuckDBPyConnection, schema_prefix: str = "") -> dict:
    """The marts publishing needs, as DataFrames (aggregates only: no person rows)."""
    frames = {
        name: con.execute(f"select * from {schema_prefix}{relation}").df()
        for name, relation in SOURCES.items()
        if name not in ("outcome_cell_maturity", "km_time_to_employment")
    }
    frames["immature"] = con.execute(
        "select metric_id, cohort_year, program_id, dimension, group_value "
        f"from {schema_prefix}marts.outcome_cell_maturity where is_not_yet_observable"
    ).df()
    return frames


def build_publication(
    con: duckdb.DuckDBPyConnection, published: Path, schema_prefix: str = ""
) -> Publication:
    """Decide every tier's tables from the warehouse attached to `con`."""
    frames = read_sources(con, schema_prefix)
    definitions = tiers.Definitions.from_frame(frames["metric_definitions"])
    public_metrics, stats = tiers.public_metrics(
        frames["outcome_metrics"], frames["immature"], definitions
    )
    public_gaps = tiers.public_equity_gaps(public_metrics, definitions)
    metric_definitions = frames["metric_definitions"][
        ["metric_id", "label", "kind", "cohort_basis", "unit", "definition", "sort_order"]
    ]
    public_definitions = metric_definitions[metric_definitions.kind.isin(tiers.PUBLIC_KINDS)]
    programs = frames["dim_programs"][["program_id", "program_name", "credential_type"]]
    stack = frames["outcome_metrics"][frames["outcome_metrics"].metric_id.eq(pathways.STACK_METRIC)]
    public_pathways = pathways.public_pathways(
        frames["pathway_flows"],
        public_metrics,
        {
            (int(r.cohort_year), r.program_id, r.dimension, r.group_value): (
                int(r.numerator),
                int(r.denominator),
            )
            for r in stack.itertuples(index=False)
        },
    )

    subgroups = frames["dim_subgroups"]
    labelled_public_metrics = tiers.with_labels(public_metrics, subgroups)
    labelled_public_gaps = tiers.with_labels(public_gaps, subgroups)

    internal_tables: dict[str, str | pd.DataFrame] = {
        name: f"select * from {schema_prefix}{relation}"
        for name, relation in INTERNAL_TABLES.items()
    }
    internal_tables.update(
        published_metrics=tiers.with_labels(
            tiers.internal_metrics(frames["outcome_metrics"], frames["immature"], definitions),
            subgroups,
        ),
        published_equity_gaps=tiers.with_labels(
            tiers.internal_equity_gaps(frames["equity_gaps"]), subgroups
        ),
        km_curve=f"select * from {schema_prefix}marts.km_time_to_employment",
        metric_definitions=metric_definitions,
        programs=programs,
        published_pathways=pathways.internal_pathways(frames["pathway_flows"]),
    )
    files = [
        TierFile(published / "internal.duckdb", "internal", INTERNAL_NOTICE, internal_tables),
        TierFile(
            published / "public.duckdb",
            "public",
            PUBLIC_NOTICE,
            {
                "published_metrics": labelled_public_metrics,
                "published_equity_gaps": labelled_public_gaps,
                "metric_definitions": public_definitions,
                "programs": programs,
                "published_pathways": public_pathways,
            },
        ),
    ]
    funders = tiers.funder_programs(
        frames["dim_programs"], frames["stg_catalog__funders"].funder_id
    )
    for funder_id, funded in funders.items():
        if not _SAFE_ID.match(funder_id):
            raise ValueError(f"funder id '{funder_id}' cannot name a file")
        files.append(
            TierFile(
                published / "funders" / f"{funder_id}.duckdb",
                "funder",
                FUNDER_NOTICE.format(funder_id=funder_id),
                {
                    "published_metrics": tiers.funder_view(labelled_public_metrics, funded),
                    "published_equity_gaps": tiers.funder_view(labelled_public_gaps, funded),
                    "metric_definitions": public_definitions,
                    "programs": tiers.funder_view(programs, funded),
                    "published_pathways": pathways.funder_pathways(public_pathways, funded),
                },
            )
        )
    return Publication(files, stats, funders)


def publish_warehouse(warehouse: Path, published: Path, as_of: str) -> Publication:
    """Read the warehouse read-only, build every tier, publish them as one publication.

    The caller holds the warehouse write lock, so no writer changes it meanwhile."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{warehouse}' as warehouse (read_only)")
        publication = build_publication(con, published, schema_prefix="warehouse.")
        publish_tiers(
            con,
            publication.files,
            as_of=as_of,
            prune=[published / "funders"],
        )
    finally:
        con.close()
    return publication


@multi_asset(
    name="published_tiers",
    group_name="publish",
    specs=[
        AssetSpec(
            INTERNAL_KEY,
            deps=_DEPS,
            kinds={"duckdb"},
            description=(
                "published/internal.duckdb: exact aggregates for administrators "
                "('internal — do not redistribute'), no person rows."
            ),
        ),
        AssetSpec(
            PUBLIC_KEY,
            deps=_DEPS,
            kinds={"duckdb"},
            description=(
                "published/public.duckdb: PRIVACY.md rules 1–6, complementary suppression "
                "checked by the rule-4 linear-programming attack."
            ),
        ),
        AssetSpec(
            FUNDERS_KEY,
            deps=_DEPS,
            kinds={"duckdb"},
            description=(
                "published/funders/<funder_id>.duckdb: the public cells of the funder's "
                "programs and ALL."
            ),
        ),
    ],
)
def published_tiers(
    context: AssetExecutionContext,
    warehouse: WarehouseResource,
    settings: BuildSettings,
) -> Iterator[MaterializeResult]:
    """One step for all tiers: they are one publication (all renamed, or none)."""
    published = warehouse.published()
    started = time.monotonic()
    with warehouse.write_lock():
        publication = publish_warehouse(
            warehouse.file(), published, settings.as_of_date().isoformat()
        )
    seconds = time.monotonic() - started
    context.log.info(f"published {len(publication.files)} tier files to {published}")
    context.log.info(f"public disclosure: {publication.stats.summary()}")
    withheld = {k: int(v) for k, v in sorted(publication.stats.by_status.items())}
    yield MaterializeResult(
        asset_key=INTERNAL_KEY,
        metadata={"path": str(published / "internal.duckdb"), "seconds": round(seconds, 1)},
    )
    yield MaterializeResult(
        asset_key=PUBLIC_KEY,
        metadata={
            "path": str(published / "public.duckdb"),
            "cells_by_status": withheld,
            "lp_solves": publication.stats.lp_solves,
        },
    )
    yield MaterializeResult(
        asset_key=FUNDERS_KEY,
        metadata={
            "folder": str(published / "funders"),
            "funders": {f: ", ".join(p) or "(ALL only)" for f, p in publication.funders.items()},
        },
    )

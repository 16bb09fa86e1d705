"""The funder reports asset: published funder tier files → outbox (→ e-mail).

No `from __future__ import annotations` here: Dagster inspects the `context` and config
annotations at definition time and needs the real classes.

It hangs under `published/funders` in the one asset graph, so the `build_and_report`
job is simply that graph plus this asset (the `build_all` job leaves it out). It reads
only the published funder files (never the warehouse) and takes no warehouse lock.
Which reports to make comes from run config (the schedules set the frequency and the
period); by default every published funder gets its current period.
"""

import os
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, Config, Failure, MetadataValue, asset
from pydantic import Field

from equipath.reports import Period, default_outbox, read_catalog
from equipath.reports.batch import plan, run_reports
from equipath.reports.content import catalog_path
from equipath.reports.delivery import SmtpSettings
from orchestration.assets.publish import FUNDERS_KEY
from orchestration.resources import BuildSettings, WarehouseResource

REPORTS_GROUP = "reports"
REPORTS_KEY = AssetKey(["reports", "funder_reports"])
#: the op name Dagster gives the asset, for run config
REPORTS_OP = "reports__funder_reports"


class ReportsConfig(Config):
    """Which reports: one frequency's funders (empty: all), one period (empty: each
    funder's latest period ended by the publication's as_of), some funders (empty: all)."""

    frequency: str = ""
    period: str = ""
    funders: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=lambda: ["html", "pdf"])


def _catalog(settings: BuildSettings) -> dict:
    try:
        return read_catalog(catalog_path(settings.landing()))
    except (ValueError, FileNotFoundError):
        return {}


@asset(
    key=REPORTS_KEY,
    deps=[FUNDERS_KEY],
    group_name=REPORTS_GROUP,
    kinds={"html", "pdf"},
    description=(
        "Funder reports: reports/<funder_id>/<period>/report.html, report.pdf and data.csv "
        "from each funder's tier file; e-mailed with the PDF when EQUIPATH_SMTP_HOST is set."
    ),
)
def funder_reports(
    context: AssetExecutionContext,
    config: ReportsConfig,
    warehouse: WarehouseResource,
    settings: BuildSettings,
):
    published = warehouse.published()
    outbox = default_outbox(published)
    catalog = _catalog(settings)
    jobs = plan(
        published,
        catalog,
        frequency=config.frequency or None,
        period=Period.parse(config.period) if config.period else None,
        funders=config.funders or None,
    )
    smtp = SmtpSettings.from_env()
    outcome = run_reports(published, outbox, jobs, catalog, tuple(config.formats), smtp)
    for rendered in outcome.rendered:
        context.log.info(
            f"{rendered.funder.funder_id} {rendered.period.label} → {rendered.folder} "
            + ", ".join(f"{k} {v:.1f} s" for k, v in rendered.seconds.items())
        )
    metadata = {
        "outbox": MetadataValue.path(str(outbox)),
        "reports": MetadataValue.json(
            {
                f"{r.funder.funder_id}/{r.period.label}": {
                    kind: os.fspath(Path(path).relative_to(outbox))
                    for kind, path in r.files.items()
                }
                for r in outcome.rendered
            }
        ),
        "delivered": len(outcome.deliveries),
        "smtp": "on" if smtp else "off (EQUIPATH_SMTP_HOST unset)",
    }
    if not outcome.success:
        raise Failure(
            description="report delivery failed: " + "; ".join(outcome.failures),
            metadata=metadata,
        )
    context.add_output_metadata(metadata)

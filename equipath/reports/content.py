"""What a funder's report says, assembled from its tier file only.

The report opens `published/funders/<funder_id>.duckdb` read-only and nothing else
(the funder's name and reporting frequency come from the landing catalog's
`funders.csv` when it is given, since the tier file holds no contact data). Every figure
it shows is a published cell copied as published: the report never recomputes a rate,
so it cannot reveal more than the file does.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from equipath.reports.period import Period, check_reportable

#: statuses whose cell carries a value (a rounded or a top/bottom-coded one)
VALUE_STATUSES = ("published", "top_coded", "bottom_coded")

#: status → what it means, for the legend and for the reason beside every `—`
STATUS_LEGEND: dict[str, str] = {
    "published": "Published: rates rounded to a whole percent, medians to $100, counts to 5.",
    "top_coded": (
        "Top-coded: the rate is near 100%, so only a bound is shown (≥99% for n ≥ 300, ≥98% "
        "for 100–299, ≥95% for 40–99, ≥90% for 20–39, ≥80% for 10–19)."
    ),
    "bottom_coded": (
        "Bottom-coded: the rate is near 0%, so only a bound is shown (≤1%, ≤2%, ≤5%, ≤10%, "
        "≤20% by the same size bands)."
    ),
    "n<10": "Withheld: fewer than 10 people in the denominator.",
    "complementary": (
        "Withheld (complementary suppression): publishing it would let a reader recover "
        "another withheld cell by subtraction."
    ),
    "not_yet_observable": (
        "Not yet observable: the outcome window had not closed by the as_of date. "
        "Immaturity is not zero."
    ),
}

#: the three rates that stand in for time to employment (the funder tier has no
#: Kaplan–Meier curves): within 180 days of exit, 2nd and 4th quarter after exit
TIME_TO_EMPLOYMENT = ("placement_rate_180d", "employment_rate_q2", "employment_rate_q4")
TIME_LABELS = {
    "placement_rate_180d": "≤180 days (completers)",
    "employment_rate_q2": "Q2 after exit",
    "employment_rate_q4": "Q4 after exit",
}
EARNINGS = ("median_earnings_q2", "median_earnings_q2_real", "median_earnings_change_real")
#: the headline metrics of the executive summary, in order
HEADLINE = ("employment_rate_q2", "median_earnings_q2", "completion_rate")
#: dimensions of the "by group" tables; race × sex is left to the data file (most of its
#: cells are withheld at a program's size)
GROUP_DIMENSIONS = (
    "age_band",
    "sex",
    "race_ethnicity",
    "low_income",
    "first_generation",
    "english_learner",
    "veteran",
    "disability",
    "modality",
)
#: how many flagged gaps the equity section lists, and the summary names
GAP_ROWS = 15
SUMMARY_GAPS = 3
ALL = "ALL"

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ReportError(RuntimeError):
    """A report that cannot be made, with what to do about it."""


@dataclass(frozen=True)
class Funder:
    funder_id: str
    funder_name: str
    report_email: str = ""
    report_frequency: str = "quarterly"


@dataclass(frozen=True)
class Cell:
    """One published_metrics row, as published."""

    metric_id: str
    cohort_year: int
    program_id: str
    dimension: str
    group_value: str
    value: float | None
    display: str
    n_rounded: int | None
    status: str
    #: labels and order of the group, as the tier file publishes them (dim_subgroups)
    dimension_label: str = ""
    group_label: str = ""
    group_sort: int = 0

    @property
    def has_value(self) -> bool:
        return self.status in VALUE_STATUSES

    @property
    def withheld(self) -> bool:
        return not self.has_value

    @property
    def ref(self) -> str:
        """A stable key of the cell, written into the HTML so tests can find it."""
        return "|".join(
            [
                self.metric_id,
                str(self.cohort_year),
                self.program_id,
                self.dimension,
                self.group_value,
            ]
        )

    @property
    def n_display(self) -> str:
        return "—" if self.n_rounded is None else f"{self.n_rounded:,}"


@dataclass(frozen=True)
class Metric:
    metric_id: str
    label: str
    kind: str
    cohort_basis: str
    unit: str
    definition: str
    sort_order: int
    #: the cohort this report shows (None: no published cohort up to the period) and the one before
    cohort: int | None = None

    @property
    def prior(self) -> int | None:
        return None if self.cohort is None else self.cohort - 1


@dataclass(frozen=True)
class OutcomeRow:
    metric: Metric
    current: Cell | None
    prior: Cell | None

    @property
    def change(self) -> str:
        """The change against the prior cohort, only when both values are exact published
        figures (a coded bound has no exact difference)."""
        if self.current is None or self.prior is None:
            return "—"
        if self.current.status != "published" or self.prior.status != "published":
            return "—"
        return format_change(self.metric.unit, self.current.value, self.prior.value)


@dataclass(frozen=True)
class Program:
    program_id: str
    program_name: str
    credential_type: str
    outcomes: list[OutcomeRow] = field(default_factory=list)
    #: (dimension label, cells of the headline metric's groups) for the group table
    groups: list[Cell] = field(default_factory=list)


@dataclass(frozen=True)
class Gap:
    """A published equity gap: a group's rate against everyone else's in its cell."""

    metric: Metric
    program_id: str
    program_name: str
    dimension: str
    group_value: str
    rate: float
    n: int
    reference_rate: float
    ppg1: float
    moe: float
    di_flag: bool
    cohort_year: int
    dimension_label: str = ""
    group_label: str = ""

    @property
    def ref(self) -> str:
        return "|".join(
            [
                self.metric.metric_id,
                str(self.cohort_year),
                self.program_id,
                self.dimension,
                self.group_value,
            ]
        )


@dataclass
class Report:
    funder: Funder
    period: Period
    as_of: date
    publication_id: str
    notice: str
    metrics: list[Metric]
    programs: list[Program]
    institution: Program
    gaps: list[Gap]
    summary: list[str]
    summary_gaps: list[Gap]
    coverage: dict[str, int]
    cohorts: list[int]
    #: every published_metrics row the report shows (data.csv)
    shown: list[Cell]

    @property
    def status_legend(self) -> dict[str, str]:
        return STATUS_LEGEND


def format_percent(value: float) -> str:
    return f"{round(value * 100):.0f}%"


def format_value(unit: str, value: float) -> str:
    if unit == "fraction":
        return format_percent(value)
    return f"${value:,.0f}" if value >= 0 else f"−${-value:,.0f}"


def format_change(unit: str, current: float, prior: float) -> str:
    """A signed difference: percentage points for rates, dollars for medians."""
    if unit == "fraction":
        points = round(current * 100) - round(prior * 100)
        sign = "+" if points > 0 else ("−" if points < 0 else "±")
        return f"{sign}{abs(points)} pts"
    dollars = round(current) - round(prior)
    sign = "+" if dollars > 0 else ("−" if dollars < 0 else "±")
    return f"{sign}${abs(dollars):,}"


def funder_file(published: Path, funder_id: str) -> Path:
    if not _SAFE_ID.match(funder_id):
        raise ReportError(f"funder id '{funder_id}' is not a valid id")
    path = published / "funders" / f"{funder_id}.duckdb"
    if not path.exists():
        known = sorted(p.stem for p in (published / "funders").glob("*.duckdb"))
        raise ReportError(
            f"no tier file for funder {funder_id} in {published / 'funders'} "
            f"(funders published: {', '.join(known) or 'none'}): run `equipath build` first"
        )
    return path


def published_funders(published: Path) -> list[str]:
    return sorted(p.stem for p in (published / "funders").glob("*.duckdb"))


def read_catalog(path: Path | None) -> dict[str, Funder]:
    """funders.csv of the landing catalog: names, report emails and frequencies."""
    if path is None or not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {
            row["funder_id"].strip(): Funder(
                funder_id=row["funder_id"].strip(),
                funder_name=(row.get("funder_name") or row["funder_id"]).strip(),
                report_email=(row.get("report_email") or "").strip(),
                report_frequency=(row.get("report_frequency") or "quarterly").strip().lower(),
            )
            for row in csv.DictReader(handle)
            if row.get("funder_id")
        }


def catalog_path(landing: Path | None) -> Path | None:
    return None if landing is None else landing / "catalog" / "funders.csv"


def _cells(frame: pd.DataFrame) -> Iterable[Cell]:
    for row in frame.itertuples(index=False):
        yield Cell(
            metric_id=row.metric_id,
            cohort_year=int(row.cohort_year),
            program_id=row.program_id,
            dimension=row.dimension,
            group_value=row.group_value,
            value=None if pd.isna(row.value) else float(row.value),
            display=row.display,
            n_rounded=None if pd.isna(row.n_rounded) else int(row.n_rounded),
            status=row.status,
            dimension_label=row.dimension_label,
            group_label=row.group_label,
            group_sort=int(row.group_sort),
        )


def read_tier(path: Path) -> dict[str, pd.DataFrame]:
    """The funder's tier file, read-only, as DataFrames."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            name: con.execute(f"select * from {name}").df()
            for name in (
                "_publication",
                "metric_definitions",
                "programs",
                "published_metrics",
                "published_equity_gaps",
            )
        }
    finally:
        con.close()


def choose_cohorts(
    definitions: pd.DataFrame, metrics: pd.DataFrame, period: Period
) -> list[Metric]:
    """Per metric, the latest complete cohort year (≤ the period's last complete year)
    whose all-programs headline cell carries a published value."""
    headline = metrics[
        (metrics.program_id == ALL)
        & (metrics.dimension == "all")
        & metrics.status.isin(VALUE_STATUSES)
        & (metrics.cohort_year <= period.last_complete_cohort)
    ]
    latest = headline.groupby("metric_id").cohort_year.max().to_dict()
    chosen = []
    for row in definitions.sort_values(["sort_order", "metric_id"]).itertuples(index=False):
        cohort = latest.get(row.metric_id)
        chosen.append(
            Metric(
                metric_id=row.metric_id,
                label=row.label,
                kind=row.kind,
                cohort_basis=row.cohort_basis,
                unit=row.unit,
                definition=row.definition,
                sort_order=int(row.sort_order),
                cohort=None if cohort is None or pd.isna(cohort) else int(cohort),
            )
        )
    return chosen


def build_report(
    published: Path, funder_id: str, period: Period, catalog: dict[str, Funder] | None = None
) -> Report:
    """Everything the template needs, from the funder's tier file alone."""
    tier = read_tier(funder_file(published, funder_id))
    publication = tier["_publication"].iloc[0]
    as_of = pd.Timestamp(publication["as_of"]).date()
    check_reportable(period, as_of)
    funder = (catalog or {}).get(funder_id) or Funder(funder_id, funder_id)
    metrics_frame = tier["published_metrics"]
    metrics = choose_cohorts(tier["metric_definitions"], metrics_frame, period)
    by_id = {m.metric_id: m for m in metrics}
    index = {cell.ref: cell for cell in _cells(metrics_frame)}

    def cell(
        metric: Metric,
        cohort: int | None,
        program_id: str,
        dimension: str = "all",
        group: str = "All",
    ) -> Cell | None:
        if cohort is None:
            return None
        return index.get("|".join([metric.metric_id, str(cohort), program_id, dimension, group]))

    programs_frame = tier["programs"].sort_values("program_id")
    names = dict(zip(programs_frame.program_id, programs_frame.program_name, strict=True))
    names[ALL] = "All programs (institution-wide)"
    headline = by_id.get(HEADLINE[0])

    def program(program_id: str, name: str, credential: str) -> Program:
        outcomes = [
            OutcomeRow(m, cell(m, m.cohort, program_id), cell(m, m.prior, program_id))
            for m in metrics
        ]
        groups = []
        # group tables are for the funder's programs; ALL is there for comparison only
        if program_id != ALL and headline is not None and headline.cohort is not None:
            groups = sorted(
                (
                    c
                    for c in index.values()
                    if c.metric_id == headline.metric_id
                    and c.cohort_year == headline.cohort
                    and c.program_id == program_id
                    and c.dimension in GROUP_DIMENSIONS
                ),
                key=lambda c: (GROUP_DIMENSIONS.index(c.dimension), c.group_sort),
            )
        return Program(program_id, name, credential, outcomes, groups)

    programs = [
        program(row.program_id, row.program_name, row.credential_type)
        for row in programs_frame.itertuples(index=False)
    ]
    institution = program(ALL, names[ALL], "")
    gaps = _gaps(tier["published_equity_gaps"], by_id, names)
    shown = _shown(programs, institution, metrics, index)
    report = Report(
        funder=funder,
        period=period,
        as_of=as_of,
        publication_id=str(publication["publication_id"]),
        notice=str(publication["notice"]),
        metrics=metrics,
        programs=programs,
        institution=institution,
        gaps=gaps[:GAP_ROWS],
        summary=[],
        summary_gaps=gaps[:SUMMARY_GAPS],
        coverage=_coverage(shown),
        cohorts=sorted({c.cohort_year for c in shown}),
        shown=shown,
    )
    report.summary = summarise(report)
    return report


def _gaps(frame: pd.DataFrame, metrics: dict[str, Metric], names: dict[str, str]) -> list[Gap]:
    """Flagged gaps (disproportionate impact) in the funder's programs, in each metric's
    report cohort, widest first; ties broken by key so the order is stable."""
    gaps = []
    for row in frame.itertuples(index=False):
        metric = metrics.get(row.metric_id)
        if (
            metric is None
            or metric.cohort != row.cohort_year
            or row.program_id == ALL
            or not bool(row.di_flag)
            or pd.isna(row.ppg1)
        ):
            continue
        gaps.append(
            Gap(
                metric=metric,
                program_id=row.program_id,
                program_name=names.get(row.program_id, row.program_id),
                dimension=row.dimension,
                group_value=row.group_value,
                rate=float(row.rate),
                n=int(row.n),
                reference_rate=float(row.reference_rate),
                ppg1=float(row.ppg1),
                moe=float(row.moe),
                di_flag=bool(row.di_flag),
                cohort_year=int(row.cohort_year),
                dimension_label=row.dimension_label,
                group_label=row.group_label,
            )
        )
    return sorted(
        gaps,
        key=lambda g: (
            round(g.ppg1, 6),
            g.metric.sort_order,
            g.program_id,
            g.dimension,
            g.group_value,
        ),
    )


def _shown(
    programs: list[Program], institution: Program, metrics: list[Metric], index: dict[str, Cell]
) -> list[Cell]:
    cells: dict[str, Cell] = {}
    for program in [*programs, institution]:
        for row in program.outcomes:
            for c in (row.current, row.prior):
                if c is not None:
                    cells[c.ref] = c
        for c in program.groups:
            cells[c.ref] = c
    return sorted(
        cells.values(),
        key=lambda c: (c.metric_id, c.cohort_year, c.program_id, c.dimension, c.group_value),
    )


def _coverage(shown: list[Cell]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_LEGEND}
    for c in shown:
        counts[c.status] = counts.get(c.status, 0) + 1
    return counts


def summarise(report: Report) -> list[str]:
    """The executive summary, sentence by sentence, written from the published figures.

    Each sentence is HTML-free text with numbers exactly as the tables show them."""
    sentences: list[str] = []
    by_id = {m.metric_id: m for m in report.metrics}
    program_count = len(report.programs)
    with_value = sum(report.coverage.get(status, 0) for status in VALUE_STATUSES)
    sentences.append(
        f"{report.funder.funder_name} funds {program_count} program"
        f"{'s' if program_count != 1 else ''} in this publication (as of "
        f"{report.as_of.isoformat()}); {with_value} of the {sum(report.coverage.values())} "
        "figures this report shows are published, the rest are withheld under the privacy "
        "rules and shown as — with their reason."
    )
    for metric_id in HEADLINE:
        metric = by_id.get(metric_id)
        if metric is None or metric.cohort is None:
            continue
        parts = []
        for program in report.programs:
            row = next(r for r in program.outcomes if r.metric.metric_id == metric_id)
            parts.append(f"{program.program_name} {describe(row)}")
        institution = next(
            r for r in report.institution.outcomes if r.metric.metric_id == metric_id
        )
        sentences.append(
            f"{metric.label}, {metric.cohort} {metric.cohort_basis} cohort against "
            f"{metric.prior}: "
            + "; ".join(parts)
            + f". All programs of the institution: {describe(institution)}."
        )
    for gap in report.summary_gaps:
        sentences.append(
            f"Equity gap: in {gap.program_name}, "
            f"{gap.dimension_label.lower()} "
            f"“{gap.group_label}”: {gap.metric.label.lower()} {format_percent(gap.rate)} "
            f"against {format_percent(gap.reference_rate)} for everyone else "
            f"({format_change('fraction', gap.rate, gap.reference_rate)}, "
            f"{gap.cohort_year} cohort, n = {gap.n:,})."
        )
    if not report.summary_gaps:
        sentences.append(
            "No published group gap in the funder's programs reaches the disproportionate-impact "
            "threshold in the cohorts shown."
        )
    return sentences


def describe(row: OutcomeRow) -> str:
    """ "72% (+3 pts)" or "— (n<10)": a cell as the summary says it."""
    current = row.current
    if current is None:
        return "no cell"
    if current.withheld:
        return f"— ({current.status})"
    if row.change != "—":
        return f"{current.display} ({row.change} vs {row.prior.display})"
    prior = "no prior cell" if row.prior is None else f"prior {row.prior.display}"
    if row.prior is not None and row.prior.withheld:
        prior = f"prior — ({row.prior.status})"
    return f"{current.display} ({prior})"

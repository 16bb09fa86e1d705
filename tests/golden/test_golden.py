"""Golden fixture: hand-worked expected values (expected.py) checked two ways.

- fast: an independent pure-Python reference (reference.py) reading the landing CSVs
  must reproduce every hand value;
- slow: a warehouse built through Dagster + dbt from the same landing folder must publish
  the same rows in marts.outcome_metrics, marts.equity_gaps, marts.identity_match_report.
"""

from __future__ import annotations

import csv
import fnmatch
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from equipath.landing.contract import TABLES
from tests.golden import expected as E
from tests.golden import reference as R

HERE = Path(__file__).resolve().parent
LANDING = HERE / "landing"
AS_OF = (HERE / "AS_OF").read_text().strip()

RATE_TOL = 1e-9
CENT_TOL = 0.005  # medians to the cent
METRIC_IDS = set(R.ALL_METRICS)


# --------------------------------------------------------------------------- comparing
def _close(actual, expected, tol: float) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return abs(float(actual) - float(expected)) <= tol


def _outcome_mismatches(actual: dict, label: str) -> list[str]:
    """Compare rows keyed (metric, cohort, program, dimension, group) with expected.py."""
    problems: list[str] = []
    for key, (numerator, denominator, value) in E.OUTCOME_METRICS.items():
        row = actual.get(key)
        if row is None:
            problems.append(f"{label}: missing row {key}")
            continue
        tol = CENT_TOL if key[0] in R.MEDIAN_METRICS else RATE_TOL
        got = (row["numerator"], row["denominator"], row["value"])
        if (
            row["numerator"] != numerator
            or row["denominator"] != denominator
            or not _close(row["value"], value, tol)
        ):
            problems.append(f"{label}: {key} expected {(numerator, denominator, value)} got {got}")
    for dimension, program in E.COMPLETE_SLICES:
        have = {k for k in actual if k[3] == dimension and k[2] == program}
        want = {k for k in E.OUTCOME_METRICS if k[3] == dimension and k[2] == program}
        for key in sorted(have - want):
            problems.append(f"{label}: unexpected row {key} = {actual[key]}")
    for key, (low, high) in E.WILSON.items():
        row = actual.get(key)
        if row is None:
            continue  # reported above
        if not (_close(row["ci_low"], low, RATE_TOL) and _close(row["ci_high"], high, RATE_TOL)):
            problems.append(
                f"{label}: Wilson {key} expected {(low, high)} got "
                f"{(row['ci_low'], row['ci_high'])}"
            )
    return problems


def _gap_mismatches(actual: dict, label: str) -> list[str]:
    problems: list[str] = []
    for key, want in E.EQUITY_GAPS.items():
        row = actual.get(key)
        if row is None:
            problems.append(f"{label}: missing equity_gaps row {key}")
            continue
        for column, value in want.items():
            got = row[column]
            if value is None:
                ok = got is None
            elif isinstance(value, bool):
                ok = got is not None and bool(got) is value
            elif isinstance(value, int):
                ok = got is not None and float(got) == value
            else:
                ok = _close(got, value, RATE_TOL)
            if not ok:
                problems.append(f"{label}: equity_gaps {key} {column} expected {value} got {got}")
    return problems


def _identity_mismatches(actual: dict, label: str) -> list[str]:
    problems = []
    for source, want in E.IDENTITY_MATCH_REPORT.items():
        got = actual.get(source)
        if got != want:
            problems.append(f"{label}: identity_match_report {source} expected {want} got {got}")
    return problems


# ----------------------------------------------------------------------- fast tests
def test_as_of_file_matches_expected():
    assert AS_OF == E.AS_OF


def test_expected_rows_are_internally_consistent():
    """Catches typos in the hand values: a rate's value is its own ratio, etc."""
    problems = []
    for key, (numerator, denominator, value) in E.OUTCOME_METRICS.items():
        metric = key[0]
        if metric not in METRIC_IDS:
            problems.append(f"{key}: unknown metric")
        elif metric in R.RATE_METRICS:
            if numerator is None or value != numerator / denominator:
                problems.append(f"{key}: value is not numerator / denominator")
        elif numerator is not None:
            problems.append(f"{key}: medians and KM carry no numerator")
        if denominator <= 0:
            problems.append(f"{key}: zero-denominator groups have no row")
    covered = {k[0] for k in E.OUTCOME_METRICS}
    assert covered == METRIC_IDS, METRIC_IDS - covered
    for key in E.WILSON:
        assert key in E.OUTCOME_METRICS and key[0] in R.RATE_METRICS, key
    for metric in METRIC_IDS:
        for dimension in ("sex", "low_income", "race_ethnicity_x_sex"):
            assert any(k[0] == metric and k[3] == dimension for k in E.OUTCOME_METRICS), (
                metric,
                dimension,
            )
    assert not problems, "\n".join(problems)


def test_fixture_rows_are_contract_valid():
    """Every landing row passes the contract except the one deliberate reject."""
    rejected = []
    for table in TABLES:
        folder = LANDING / table.folder
        read = 0
        for path in sorted(folder.glob("*.csv")):
            if not fnmatch.fnmatch(path.name.lower(), table.pattern.lower()):
                continue
            with path.open(encoding="utf-8-sig", newline="") as fh:
                read += sum(1 for row in list(csv.reader(fh))[1:] if row)
        valid = len(R.read_table(LANDING, table))
        if read != valid:
            rejected.append((table.name, read - valid))
    # wages/wages_2024Q1.csv row 7: wages -50.00 (negative_value); S01 has no other 2024Q1
    # wage, so even a loaded row (not > 0) would change no metric.
    assert rejected == [("wages", 1)]


@pytest.fixture(scope="module")
def reference_result() -> dict:
    return R.compute(LANDING, date.fromisoformat(AS_OF))


def test_reference_matches_hand_values(reference_result):
    problems = _outcome_mismatches(reference_result["outcome_metrics"], "reference")
    problems += _gap_mismatches(reference_result["equity_gaps"], "reference")
    problems += _identity_mismatches(reference_result["identity_match_report"], "reference")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------- slow test
_ENV = ("EQUIPATH_LANDING", "EQUIPATH_WAREHOUSE", "EQUIPATH_AS_OF", "EQUIPATH_PUBLISHED")


@pytest.fixture(scope="module")
def golden_warehouse(tmp_path_factory) -> Iterator[Path]:
    from orchestration.project import prepare_manifest
    from orchestration.run import run_build
    from tests.conftest import configure_build

    saved = {name: os.environ.get(name) for name in _ENV}
    warehouse = tmp_path_factory.mktemp("golden") / "warehouse.duckdb"
    try:
        configure_build(LANDING, warehouse, AS_OF)
        prepare_manifest()
        outcome = run_build()
        assert outcome.success, f"{outcome.failed_step}: {outcome.error}"
        yield warehouse
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _fetch(path: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        cursor = con.execute(sql)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def _key(row: dict) -> tuple[str, int, str, str, str]:
    return (
        row["metric_id"],
        int(row["cohort_year"]),
        row["program_id"],
        row["dimension"],
        row["group_value"],
    )


@pytest.mark.slow
def test_warehouse_matches_golden(golden_warehouse):
    outcome_rows = _fetch(
        golden_warehouse,
        "select metric_id, cohort_year, program_id, dimension, group_value, numerator, "
        "denominator, value, ci_low, ci_high from marts.outcome_metrics",
    )
    outcome = {_key(r): r for r in outcome_rows}
    assert len(outcome) == len(outcome_rows), "duplicate outcome_metrics keys"
    problems = _outcome_mismatches(outcome, "warehouse")

    # every row: rates carry Wilson(numerator, denominator), the others no interval
    for key, row in outcome.items():
        if key[0] not in METRIC_IDS:
            continue
        if key[0] in R.RATE_METRICS:
            low, high = R.wilson(row["numerator"], row["denominator"])
            ci_ok = _close(row["ci_low"], low, RATE_TOL) and _close(row["ci_high"], high, RATE_TOL)
            if not ci_ok:
                problems.append(f"warehouse: {key} interval is not Wilson 95%: {row}")
        elif any(row[c] is not None for c in ("ci_low", "ci_high", "numerator")):
            problems.append(f"warehouse: {key} is not a rate but carries numerator/interval")
    cohorts = {k[1] for k in outcome}
    if not cohorts <= {2022, 2023, 2024, 2025}:
        problems.append(f"warehouse: unexpected cohort years {sorted(cohorts)}")

    gap_rows = _fetch(golden_warehouse, "select * from marts.equity_gaps")
    gaps = {_key(r): r for r in gap_rows}
    problems += _gap_mismatches(gaps, "warehouse")

    report_rows = _fetch(
        golden_warehouse,
        "select source, records, linked, unlinked, ambiguous from marts.identity_match_report",
    )
    report = {
        r["source"]: {k: int(r[k]) for k in ("records", "linked", "unlinked", "ambiguous")}
        for r in report_rows
    }
    problems += _identity_mismatches(report, "warehouse")
    assert not problems, f"{len(problems)} mismatches:\n" + "\n".join(problems[:200])


@pytest.mark.slow
def test_warehouse_matches_reference_everywhere(golden_warehouse):
    """Beyond the hand-checked rows: every published row equals the reference's.

    The reference is only as right as its reading of the spec; where this fails and
    test_warehouse_matches_golden passes, the two implementations differ on a row nobody
    worked out by hand: decide which reading is right, then add that row to expected.py.
    """
    reference = R.compute(LANDING, date.fromisoformat(AS_OF))
    problems: list[str] = []
    got = {_key(r): r for r in _fetch(golden_warehouse, "select * from marts.outcome_metrics")}
    want = reference["outcome_metrics"]
    for key in sorted(set(got) ^ set(want), key=str):
        problems.append(
            f"outcome_metrics {key} only in {'warehouse' if key in got else 'reference'}"
        )
    for key in set(got) & set(want):
        a, b = got[key], want[key]
        tol = CENT_TOL if key[0] in R.MEDIAN_METRICS else RATE_TOL
        same = (
            a["numerator"] == b["numerator"]
            and a["denominator"] == b["denominator"]
            and _close(a["value"], b["value"], tol)
            and _close(a["ci_low"], b["ci_low"], RATE_TOL)
            and _close(a["ci_high"], b["ci_high"], RATE_TOL)
        )
        if not same:
            problems.append(f"outcome_metrics {key}: warehouse {a} reference {b}")
    gaps = {_key(r): r for r in _fetch(golden_warehouse, "select * from marts.equity_gaps")}
    for key in sorted(set(gaps) ^ set(reference["equity_gaps"]), key=str):
        problems.append(f"equity_gaps {key} only in {'warehouse' if key in gaps else 'reference'}")
    for key, b in reference["equity_gaps"].items():
        a = gaps.get(key)
        if a is None:
            continue
        for column, value in b.items():
            if value is None or a[column] is None:
                ok = value is None and a[column] is None
            elif isinstance(value, bool):
                ok = bool(a[column]) is value
            else:
                ok = _close(a[column], value, RATE_TOL)
            if not ok:
                problems.append(f"equity_gaps {key} {column}: warehouse {a[column]} ref {value}")
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(sorted(problems)[:200])

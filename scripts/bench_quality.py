"""How long the quality suites take on a warehouse of N students.

    python scripts/bench_quality.py --students 100000 [--students 1000000] [--keep DIR]

For each size: generate a landing folder (equipath.generator), load it with the loader
(not timed as part of the suites, but reported), then run every suite as a build does:
read its frames from the warehouse, validate them with Great Expectations, render the
data docs and write `quality.quality_results`. Prints one line a suite and the totals;
`--json` writes them for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from equipath.generator import generate
from equipath.landing.contract import TABLES
from equipath.landing.load import load_table
from equipath.landing.pseudonymise import Pseudonymiser
from expectations.results import write_results
from expectations.runner import read_frames, suite_names, validate

AS_OF = date(2026, 10, 1)
BENCH_KEY = b"bench-key-not-secret-0123456789ab"


@dataclass
class SizeResult:
    students: int
    rows_landed: int = 0
    generate_s: float = 0.0
    load_s: float = 0.0
    gx_import_s: float = 0.0
    suites: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def suites_s(self) -> float:
        return sum(s["read_s"] + s["validate_s"] + s["write_s"] for s in self.suites.values())


def bench(students: int, seed: int, work: Path) -> SizeResult:
    result = SizeResult(students)
    landing = work / "landing"
    started = time.perf_counter()
    summary = generate(landing, students=students, seed=seed)
    result.generate_s = time.perf_counter() - started
    result.rows_landed = sum(summary.files.values())

    warehouse = work / "warehouse.duckdb"
    warehouse.unlink(missing_ok=True)
    con = duckdb.connect(str(warehouse))
    started = time.perf_counter()
    pseudonymiser = Pseudonymiser(BENCH_KEY)
    for table in TABLES:
        load_table(con, table, landing, pseudonymiser, datetime(2026, 10, 2))
    con.execute("checkpoint")
    result.load_s = time.perf_counter() - started

    started = time.perf_counter()
    import great_expectations  # noqa: F401 - import once, timed apart from the suites

    result.gx_import_s = time.perf_counter() - started
    docs = work / "data_docs"
    for name in suite_names():
        t0 = time.perf_counter()
        frame_set = read_frames(con, name, AS_OF, landing=landing)
        t1 = time.perf_counter()
        outcome = validate(frame_set, run_name="bench", docs=docs)
        t2 = time.perf_counter()
        write_results(
            con, outcome, run_id="bench", check_name="bench", as_of=AS_OF, checked_at=datetime.now()
        )
        t3 = time.perf_counter()
        rows = sum(len(f) for f in frame_set.frames.values())
        result.suites[name] = {
            "frame_rows": rows,
            "read_s": t1 - t0,
            "validate_s": t2 - t1,
            "write_s": t3 - t2,
            "errors": len(outcome.failed("error")),
            "warnings": len(outcome.failed("warning")),
        }
        print(
            f"  {name:<18} {rows:>11,} frame rows  read {t1 - t0:6.2f} s  "
            f"validate {t2 - t1:6.2f} s  write {t3 - t2:5.2f} s  "
            f"errors {len(outcome.failed('error'))} warnings {len(outcome.failed('warning'))}",
            flush=True,
        )
    con.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, action="append", required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    os.environ.setdefault("EQUIPATH_SECRET_KEY", BENCH_KEY.decode())
    results = []
    for students in args.students:
        work = (args.keep / str(students)) if args.keep else Path(tempfile.mkdtemp())
        work.mkdir(parents=True, exist_ok=True)
        print(f"{students:,} students (work folder {work})", flush=True)
        try:
            result = bench(students, args.seed, work)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        results.append(result)
        print(
            f"{students:,} students: {result.rows_landed:,} rows landed; generate "
            f"{result.generate_s:.1f} s, load {result.load_s:.1f} s, GX import "
            f"{result.gx_import_s:.1f} s, all suites {result.suites_s:.1f} s",
            flush=True,
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                [{**r.__dict__, "suites_s": r.suites_s} for r in results], indent=2, default=str
            )
        )


if __name__ == "__main__":
    main()

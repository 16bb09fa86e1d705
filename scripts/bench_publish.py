"""Benchmark and audit of publishing: withheld cells by reason (LP-checked complementary
suppression vs the naive "suppress the next smallest in every margin" rule), publish
time, and the rule-4 attack on every reader's files.

    python scripts/bench_publish.py --students 100000 [1000000] [--workdir data/bench]
    python scripts/bench_publish.py --warehouse data/bench/n100000/warehouse.duckdb

For each size: generate (seed 42) and `equipath build` unless the warehouse already exists
(then only `equipath publish` runs, timed); then count the public file's cells by status,
run the naive rule on the same marts, attack the naive result and the published files
with the LP of PRIVACY.md rule 4, and print one markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.monotonic()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-5000:]}")
    return time.monotonic() - started, output


def publish_seconds(output: str) -> float:
    match = re.search(r"done\s+published_tiers \(([\d.]+) s\)", output)
    return float(match.group(1)) if match else float("nan")


def counts(frame) -> dict[str, int]:
    return {str(k): int(v) for k, v in frame.status.value_counts().items()}


def measure(warehouse: Path, as_of: str, env: dict[str, str], audit_naive: bool) -> dict:
    import duckdb

    from equipath.disclosure import tiers
    from equipath.disclosure.audit import audit, audit_files, read_figures, truths_from_warehouse

    published = warehouse.parent / "published"
    seconds, output = run(
        [str(BIN / "equipath"), "publish", "--as-of", as_of, "--warehouse", str(warehouse)], env
    )
    row: dict = {"publish_s": publish_seconds(output), "publish_cli_s": seconds}

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        outcomes = con.execute("select * from marts.outcome_metrics").df()
        immature = con.execute(
            "select metric_id, cohort_year, program_id, dimension, group_value "
            "from marts.outcome_cell_maturity where is_not_yet_observable"
        ).df()
        definitions = tiers.Definitions.from_frame(
            con.execute("select * from reference.metric_definitions").df()
        )
        row["students"] = con.execute(
            "select count(distinct sis_student_id) from staging.stg_sis__students"
        ).fetchone()[0]
    finally:
        con.close()

    public, _ = read_figures([published / "public.duckdb"])
    row["lp"] = counts(public)
    started = time.monotonic()
    naive, _ = tiers.public_metrics(outcomes, immature, definitions, naive=True)
    row["naive_s"] = time.monotonic() - started
    row["naive"] = counts(naive)

    truths = truths_from_warehouse(warehouse)
    started = time.monotonic()
    report = audit_files([published / "public.duckdb"], warehouse)
    row["audit_s"] = time.monotonic() - started
    row["audit_checked"] = report.withheld_numerators
    row["audit_failures"] = len(report.failures)
    funder_failures = 0
    for funder in sorted((published / "funders").glob("*.duckdb")):
        figures, kinds = read_figures([published / "public.duckdb", funder])
        if (
            not figures.sort_values(tiers.KEY_COLUMNS)
            .reset_index(drop=True)
            .equals(public.sort_values(tiers.KEY_COLUMNS).reset_index(drop=True))
        ):
            funder_failures += len(audit(figures, kinds, truths).failures)
    row["funder_failures"] = funder_failures
    if audit_naive:
        kinds = definitions.kind
        naive_report = audit(naive, {m: k for m, k in kinds.items()}, truths)
        row["naive_exposed"] = len(naive_report.failures)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, nargs="*", default=[100_000])
    parser.add_argument("--warehouse", type=Path, nargs="*", default=[])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--as-of", default="2026-10-01")
    parser.add_argument("--workdir", default="data/bench")
    parser.add_argument(
        "--no-naive-audit",
        action="store_true",
        help="skip the LP attack on the naive rule's result (it costs as much as an audit)",
    )
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("EQUIPATH_SECRET_KEY", secrets.token_hex(32))
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("EQUIPATH_PUBLISHED", None)
    warehouses = list(args.warehouse)
    for n in args.students if not args.warehouse else []:
        run_dir = Path(args.workdir).resolve() / f"n{n}"
        warehouse = run_dir / "warehouse.duckdb"
        if not warehouse.exists():
            landing = run_dir / "landing"
            run(
                [str(BIN / "equipath"), "generate", "--students", str(n), "--seed",
                 str(args.seed), "--out", str(landing)],
                env,
            )  # fmt: skip
            run(
                [str(BIN / "equipath"), "build", "--landing", str(landing), "--as-of",
                 args.as_of, "--warehouse", str(warehouse)],
                env,
            )  # fmt: skip
        warehouses.append(warehouse)

    rows = []
    for warehouse in warehouses:
        row = measure(warehouse.resolve(), args.as_of, env, not args.no_naive_audit)
        row["warehouse"] = str(warehouse)
        rows.append(row)
        print(row, flush=True)

    statuses = ["n<10", "complementary", "not_yet_observable", "top_coded", "bottom_coded"]
    print(
        "\n| students | rule | "
        + " | ".join(statuses)
        + " | published | exposed by the LP attack | time s |"
    )
    print("|---:|---|" + "---:|" * (len(statuses) + 3))
    for row in rows:
        for rule in ("lp", "naive"):
            c = row[rule]
            exposed = (
                row["audit_failures"] + row["funder_failures"]
                if rule == "lp"
                else row.get("naive_exposed", "–")
            )
            seconds = row["publish_s"] if rule == "lp" else row["naive_s"]
            print(
                f"| {row['students']:,} | {'LP-checked' if rule == 'lp' else 'naive'} | "
                + " | ".join(f"{c.get(s, 0):,}" for s in statuses)
                + f" | {c.get('published', 0):,} | {exposed} | {seconds:.1f} |"
            )
    print(
        "\n| students | publish s (step) | publish s (CLI) | audit s | withheld numerators "
        "checked | failures |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['students']:,} | {row['publish_s']:.1f} | {row['publish_cli_s']:.1f} | "
            f"{row['audit_s']:.1f} | {row['audit_checked']:,} | "
            f"{row['audit_failures'] + row['funder_failures']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

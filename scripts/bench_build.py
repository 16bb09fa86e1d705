"""Benchmark: generate → build → export at several sizes, with wall time and peak memory.

Figures, not adjectives: each phase runs as its own process under /usr/bin/time -v, so
the peak resident set size is measured by the kernel, not estimated.

    python scripts/bench_build.py --students 10000 100000 [--generate-only 1000000]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, combined output) of one command under /usr/bin/time -v."""
    started = time.monotonic()
    completed = subprocess.run(
        ["/usr/bin/time", "-v", *command], env=env, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - started
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-5000:]}")
    peak_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", output).group(1))
    return wall, peak_kib / 1024, output


def step_seconds(output: str) -> dict[str, float]:
    return {m[1]: float(m[2]) for m in re.finditer(r"done\s+(\S+) \(([\d.]+) s\)", output)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--generate-only", type=int, nargs="*", default=[])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--as-of", default="2026-10-01")
    parser.add_argument("--workdir", default="data/bench")
    args = parser.parse_args()

    workdir = Path(args.workdir).resolve()
    env = dict(os.environ)
    env.setdefault("EQUIPATH_SECRET_KEY", secrets.token_hex(32))
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    rows = []
    for n in [*args.students, *args.generate_only]:
        run = workdir / f"n{n}"
        shutil.rmtree(run, ignore_errors=True)
        run.mkdir(parents=True)
        landing = run / "landing"
        gen_wall, gen_peak, _ = timed(
            [
                str(BIN / "equipath"),
                "generate",
                "--students",
                str(n),
                "--seed",
                str(args.seed),
                "--out",
                str(landing),
            ],
            env,
        )
        size_mib = sum(p.stat().st_size for p in landing.rglob("*") if p.is_file()) / 2**20
        row = {
            "students": n,
            "generate_s": gen_wall,
            "generate_peak_mib": gen_peak,
            "landing_mib": size_mib,
        }
        if n in args.students:
            warehouse = run / "warehouse.duckdb"
            build_wall, build_peak, output = timed(
                [
                    str(BIN / "equipath"),
                    "build",
                    "--landing",
                    str(landing),
                    "--as-of",
                    args.as_of,
                    "--warehouse",
                    str(warehouse),
                ],
                env,
            )
            steps = step_seconds(output)
            export_wall, _, _ = timed(
                [
                    str(BIN / "equipath"),
                    "export",
                    "outcome_metrics",
                    "--warehouse",
                    str(warehouse),
                    "--out",
                    str(run / "outcome_metrics.csv"),
                ],
                env,
            )
            row.update(
                build_s=build_wall,
                build_peak_mib=build_peak,
                load_s=sum(v for k, v in steps.items() if k.startswith("raw__")),
                dbt_s=steps.get("equipath_dbt_models", float("nan")),
                publish_s=sum(v for k, v in steps.items() if k.startswith("published__")),
                export_s=export_wall,
                warehouse_mib=warehouse.stat().st_size / 2**20,
            )
        rows.append(row)
        print(
            " ".join(
                f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()
            ),
            flush=True,
        )

    print(
        "\n| students | generate s | gen peak MiB | build s | load s | dbt s | publish s "
        "| export s | build peak MiB | landing MiB | warehouse MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def cell(r: dict, key: str) -> str:
        return f"{r[key]:.1f}" if key in r else "–"

    for r in rows:
        f = lambda key, r=r: cell(r, key)  # noqa: E731
        print(
            f"| {r['students']:,} | {f('generate_s')} | {f('generate_peak_mib')} | "
            f"{f('build_s')} | {f('load_s')} | {f('dbt_s')} | {f('publish_s')} | "
            f"{f('export_s')} | {f('build_peak_mib')} | {f('landing_mib')} | "
            f"{f('warehouse_mib')} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build the dbt project on Spark (dbt-spark, session method) from a DuckDB warehouse.

The portability check of the metric layer: the same dbt project, run on a local Spark
session against the same `raw` data that the loader wrote to DuckDB, must give the same
marts. Steps, all driven from here:

1. export every table of the DuckDB warehouse's `raw` schema to `<out>/raw/<table>/`
   (parquet, with DuckDB);
2. `dbt run-operation spark_register_raw` (registers those folders as the `raw` tables)
   and `dbt build --target spark`, through dbt's programmatic runner in one process so
   that both share the one SparkSession whose in-memory catalog holds the tables
   (`build_on_spark` runs this module's CLI as a child process for it, which keeps the
   JVM and dbt's global state out of the caller);
3. copy the results (by default every table of the `marts` schema) out to
   `<out>/result/<schema>.<table>/` (parquet) for comparison.

Run by hand:
    .venv/bin/python -m orchestration.spark_parity --warehouse data/demo/warehouse.duckdb \
        --as-of 2026-10-01 --out data/spark
Needs the `spark` extra (`dbt-spark[session]`, `pyspark`) and Java 17.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.paths import DBT_PROJECT_DIR

ENV_SPARK_WAREHOUSE = "EQUIPATH_SPARK_WAREHOUSE"
RAW_SCHEMA = "raw"
# `schema` (all its tables) or `schema.table`
DEFAULT_RESULTS = ("marts",)


@dataclass
class SparkBuild:
    """What a Spark build left behind: its exit code, log and the exported tables."""

    returncode: int
    log: str
    results: dict[str, Path]


def export_raw(warehouse: Path, out_dir: Path) -> list[str]:
    """Write each `raw` table of a DuckDB warehouse to `<out_dir>/<table>/data.parquet`."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? order by table_name",
                [RAW_SCHEMA],
            ).fetchall()
        ]
        for table in tables:
            folder = out_dir / table
            folder.mkdir()
            target = str(folder / "data.parquet").replace("'", "''")
            con.execute(f"copy {RAW_SCHEMA}.\"{table}\" to '{target}' (format parquet)")
    return tables


def _dbt_args(work: Path) -> list[str]:
    return [
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target",
        "spark",
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]


def _build_in_this_process(
    raw_dir: Path, work: Path, as_of: str, results: list[str], dbt_command: list[str]
) -> int:
    """Register raw, build, export results: one dbt runner, one SparkSession."""
    from dbt.cli.main import dbtRunner

    spark_warehouse = work / "spark-warehouse"
    if spark_warehouse.exists():
        # Managed tables are plain folders; a leftover one makes `create table` fail.
        shutil.rmtree(spark_warehouse)
    spark_warehouse.mkdir(parents=True)
    os.environ[ENV_SPARK_WAREHOUSE] = str(spark_warehouse)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

    runner = dbtRunner()
    registered = runner.invoke(
        [
            "run-operation",
            "spark_register_raw",
            "--args",
            json.dumps({"path": str(raw_dir)}),
            *_dbt_args(work),
        ]
    )
    if not registered.success:
        print(
            f"spark_register_raw failed: {registered.exception or registered.result}",
            file=sys.stderr,
        )
        return 2
    built = runner.invoke([*dbt_command, "--vars", json.dumps({"as_of": as_of}), *_dbt_args(work)])

    from pyspark.sql import SparkSession

    # dbt ran its statements on worker threads; the session is the process's one instance.
    spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
    result_dir = work / "result"
    if result_dir.exists():
        shutil.rmtree(result_dir)
    for name in _expand(spark, results):
        spark.table(name).coalesce(1).write.mode("overwrite").parquet(str(result_dir / name))
        print(f"exported {name} -> {result_dir / name}")
    return 0 if built.success else 1


def _expand(spark, results: list[str]) -> list[str]:
    """`schema` → every table of it; `schema.table` → itself when it exists."""
    names = []
    for name in results:
        if "." in name:
            if spark.catalog.tableExists(name):
                names.append(name)
        elif spark.catalog.databaseExists(name):
            names += [
                f"{name}.{table.name}"
                for table in spark.catalog.listTables(name)
                if table.tableType != "VIEW" and not table.isTemporary
            ]
    return sorted(names)


def build_on_spark(
    warehouse: Path,
    out: Path,
    as_of: str,
    results: tuple[str, ...] = DEFAULT_RESULTS,
    dbt_command: tuple[str, ...] = ("build",),
    timeout: float = 1800,
) -> SparkBuild:
    """Export `raw` from `warehouse`, build on Spark in a child process, export `results`."""
    out = out.resolve()
    raw_dir = out / "raw"
    export_raw(warehouse, raw_dir)
    result_dir = out / "result"
    cmd = [
        sys.executable,
        "-m",
        "orchestration.spark_parity",
        "--raw-dir",
        str(raw_dir),
        "--out",
        str(out),
        "--as-of",
        as_of,
        "--results",
        ",".join(results),
        "--dbt",
        " ".join(dbt_command),
    ]
    completed = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=out,  # Spark and dbt leave nothing in the caller's directory
    )
    (out / "spark_build.log").write_text(completed.stdout + completed.stderr)
    exported = (
        {path.name: path for path in sorted(result_dir.iterdir())} if result_dir.exists() else {}
    )
    return SparkBuild(completed.returncode, completed.stdout + completed.stderr, exported)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--warehouse", type=Path, help="DuckDB warehouse whose raw to use")
    source.add_argument("--raw-dir", type=Path, help="raw parquet folders already exported")
    parser.add_argument("--out", type=Path, required=True, help="work folder (rewritten)")
    parser.add_argument("--as-of", required=True, help="YYYY-MM-DD")
    parser.add_argument("--results", default=",".join(DEFAULT_RESULTS))
    parser.add_argument("--dbt", default="build", help="dbt command and flags, space-separated")
    args = parser.parse_args(argv)
    results = [name for name in args.results.split(",") if name]
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.warehouse is not None:
        raw_dir = out / "raw"
        export_raw(args.warehouse.resolve(), raw_dir)
    else:
        raw_dir = args.raw_dir.resolve()
    return _build_in_this_process(raw_dir, out, args.as_of, results, args.dbt.split())


if __name__ == "__main__":
    sys.exit(main())

"""Short parameterised SELECTs over one published tier file, opened read-only.

A dashboard process never opens the warehouse: the pipeline holds DuckDB's single writer
lock on it. Tier files are replaced by an atomic rename, so each query opens the file
afresh and sees either the old or the new publication, never a mix.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

ENV_PUBLISHED = "EQUIPATH_PUBLISHED"


def tier_path(tier: str) -> Path:
    """The file of a tier; the folder comes from the environment set by `equipath serve`."""
    folder = Path(os.environ.get(ENV_PUBLISHED, "published"))
    return folder / f"{tier}.duckdb"


def file_version(path: Path) -> str:
    """Cache key of a published file: a new publication is a new inode and mtime."""
    stat = path.stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def _read(path: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


def publication(path: Path) -> pd.DataFrame:
    return _read(
        path,
        "select tier, cast(as_of as varchar) as as_of, published_at, notice from _publication",
    )


def warehouse_overview(path: Path) -> pd.DataFrame:
    return _read(path, "select * from warehouse_overview order by sort_order")


def load_summary(path: Path) -> pd.DataFrame:
    return _read(path, "select * from load_summary order by table_name")

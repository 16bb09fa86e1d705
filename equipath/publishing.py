"""Atomic publication of aggregate tables into a tier file.

Readers (dashboards, reports) must never see a half-written file and must keep reading
the previous one while a rebuild runs: each tier file is written under a temporary name,
checkpointed and closed, then renamed over the old one (rename is atomic on POSIX).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PUBLICATION_TABLE = "_publication"


def publish_tables(
    source: duckdb.DuckDBPyConnection,
    relations: Mapping[str, str],
    destination: Path,
    *,
    tier: str,
    as_of: str,
    notice: str,
) -> Path:
    """Copy each `relations[name]` (a table or view of `source`) into `destination`.

    Rows are written in a total order so that two publications of the same inputs hold
    the same rows in the same order.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
        leftover.unlink(missing_ok=True)
    alias = "publication_target"
    source.execute(f"attach '{temporary}' as {alias}")
    try:
        for name, relation in sorted(relations.items()):
            source.execute(
                f"create table {alias}.main.{name} as select * from {relation} order by all"
            )
        source.execute(
            f"create table {alias}.main.{PUBLICATION_TABLE} as "
            "select ? as tier, cast(? as date) as as_of, ? as published_at, ? as notice",
            [tier, as_of, datetime.now(UTC).replace(microsecond=0).isoformat(), notice],
        )
        source.execute(f"checkpoint {alias}")
    finally:
        source.execute(f"detach {alias}")
    with open(temporary, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(temporary, destination)
    return destination

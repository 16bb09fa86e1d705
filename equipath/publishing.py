"""Atomic publication of aggregate tables into tier files.

Readers (dashboards, reports) must never see a half-written file and must keep reading
the previous one while a rebuild runs. So every tier file of a publication is first
written in full under a temporary name in its own folder (`.<name>.<pid>.tmp`: a dot
file that no reader opens, since readers open `<tier>.duckdb` by name), checkpointed,
closed and fsynced; only when *all* of them are on disk is each renamed over its old
file (rename is atomic on POSIX). A build that fails or is killed before the renames
leaves every previous file untouched; the next publication deletes the leftovers of dead
processes. Every file carries the same `publication_id` in `_publication`, so a reader
can tell files of one publication from another's.
"""

from __future__ import annotations

import os
import re
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

PUBLICATION_TABLE = "_publication"

#: test hook: seconds to sleep after every temporary file is written and before the
#: renames, announced on stderr. Lets a test kill a publication at its most delicate
#: moment; unset (the default) it does nothing.
ENV_PAUSE = "EQUIPATH_PUBLISH_PAUSE_SECONDS"
PAUSE_MESSAGE = "equipath publish: all temporary tier files written; pausing before rename"

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp(\.wal)?$")

Table = str | pd.DataFrame
"""A table to publish: a SQL query on the source connection, or a DataFrame."""


@dataclass(frozen=True)
class TierFile:
    """One file to publish: where, for which tier, its notice, and its tables."""

    destination: Path
    tier: str
    notice: str
    tables: Mapping[str, Table] = field(default_factory=dict)


def temporary_path(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.{os.getpid()}.tmp")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files left by publications whose process is gone."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMPORARY.match(path.name)
        if match is None or _alive(int(match["pid"])):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers from an earlier, failed attempt
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_temporary(
    source: duckdb.DuckDBPyConnection,
    file: TierFile,
    *,
    as_of: str,
    published_at: str,
    publication_id: str,
) -> Path:
    """Write one tier file completely under its temporary name; return that name."""
    file.destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(file.destination)
    for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
        leftover.unlink(missing_ok=True)
    alias = "publication_target"
    source.execute(f"attach '{temporary}' as {alias}")
    try:
        for name, table in sorted(file.tables.items()):
            if isinstance(table, pd.DataFrame):
                view = f"_publish_{name}"
                source.register(view, table)
                try:
                    source.execute(
                        f"create table {alias}.main.{name} as select * from {view} order by all"
                    )
                finally:
                    source.unregister(view)
            else:
                source.execute(
                    f"create table {alias}.main.{name} as select * from ({table}) order by all"
                )
        source.execute(
            f"create table {alias}.main.{PUBLICATION_TABLE} as select ? as tier, "
            "cast(? as date) as as_of, ? as published_at, ? as notice, ? as publication_id",
            [file.tier, as_of, published_at, file.notice, publication_id],
        )
        source.execute(f"checkpoint {alias}")
    finally:
        source.execute(f"detach {alias}")
    with open(temporary, "rb") as fh:
        os.fsync(fh.fileno())
    return temporary


def publish_tiers(
    source: duckdb.DuckDBPyConnection,
    files: Sequence[TierFile],
    *,
    as_of: str,
    prune: Sequence[Path] = (),
) -> list[Path]:
    """Publish every file of `files` as one publication: all written, then all renamed.

    Rows are written in a total order (`order by all`), so two publications of the same
    inputs hold the same rows in the same order. After the renames, any other `*.duckdb`
    in a `prune` folder is deleted: a funder no longer in the catalog must not keep an old
    file that looks current.
    """
    destinations = [f.destination for f in files]
    if len(set(destinations)) != len(destinations):
        raise ValueError("two tier files share a destination")
    for folder in sorted({d.parent for d in destinations}):
        remove_stale_temporaries(folder)
    published_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    publication_id = uuid.uuid4().hex
    written: list[tuple[Path, Path]] = []
    try:
        for file in files:
            temporary = _write_temporary(
                source,
                file,
                as_of=as_of,
                published_at=published_at,
                publication_id=publication_id,
            )
            written.append((temporary, file.destination))
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        for file in files:
            temporary_path(file.destination).unlink(missing_ok=True)
        raise
    pause = float(os.environ.get(ENV_PAUSE) or 0)
    if pause > 0:
        print(PAUSE_MESSAGE, file=sys.stderr, flush=True)
        time.sleep(pause)
    for temporary, destination in written:
        os.replace(temporary, destination)
    current = set(destinations)
    for folder in prune:
        for stale in sorted(folder.glob("*.duckdb")) if folder.is_dir() else []:
            if stale not in current:
                stale.unlink(missing_ok=True)
    for folder in sorted({d.parent for d in destinations}):
        _fsync_directory(folder)
    return destinations


def publish_tables(
    source: duckdb.DuckDBPyConnection,
    relations: Mapping[str, str],
    destination: Path,
    *,
    tier: str,
    as_of: str,
    notice: str,
) -> Path:
    """Publish one file: each `relations[name]` (a table or view of `source`)."""
    tables = {name: f"select * from {relation}" for name, relation in relations.items()}
    publish_tiers(source, [TierFile(destination, tier, notice, tables)], as_of=as_of)
    return destination


def _fsync_directory(folder: Path) -> None:
    """Make the renames themselves durable (a crash after rename keeps the new file)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

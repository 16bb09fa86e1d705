"""Resources: the warehouse (one writer at a time) and the build settings."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
from dagster import ConfigurableResource

from orchestration.paths import ENV_AS_OF, ENV_LANDING, published_dir, warehouse_path

ENV_MEMORY_LIMIT = "EQUIPATH_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "6GB"


class BuildSettings(ConfigurableResource):
    """What one build is for: the landing folder and the as_of date.

    Empty fields fall back to the environment (EQUIPATH_LANDING, EQUIPATH_AS_OF), which
    the CLI sets from its flags; as_of must be explicit, because every maturity rule
    depends on it and a silent "today" would make two builds of the same files differ.
    """

    landing_dir: str = ""
    as_of: str = ""

    def landing(self) -> Path:
        value = self.landing_dir or os.environ.get(ENV_LANDING, "")
        if not value:
            raise ValueError(
                f"No landing folder: pass --landing to `equipath build` or set {ENV_LANDING}."
            )
        path = Path(value).resolve()
        if not path.is_dir():
            raise FileNotFoundError(
                f"Landing folder {path} does not exist. Fix: point --landing (or "
                f"{ENV_LANDING}) at the folder holding catalog/, sis/, lms/, employer/, "
                "wages/ and survey/."
            )
        return path

    def as_of_date(self) -> date:
        value = self.as_of or os.environ.get(ENV_AS_OF, "")
        if not value:
            raise ValueError(
                f"No as_of date: pass --as-of YYYY-MM-DD to `equipath build` or set {ENV_AS_OF}."
            )
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"as_of '{value}' is not a date in YYYY-MM-DD form.") from exc


class WarehouseResource(ConfigurableResource):
    """The DuckDB warehouse file. DuckDB allows one writer process per file, so every
    writer (extraction, dbt, publishing) takes an exclusive lock on a sibling lock file
    first; two runs launched at once wait for each other instead of failing."""

    path: str = ""

    def file(self) -> Path:
        return Path(self.path).resolve() if self.path else warehouse_path()

    def published(self) -> Path:
        return published_dir()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        target = self.file()
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.with_name(target.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.write_lock():
            con = duckdb.connect(
                str(self.file()),
                # the same cap dbt's profile sets: spill to disk rather than take 80% of RAM
                config={"memory_limit": os.environ.get(ENV_MEMORY_LIMIT, DEFAULT_MEMORY_LIMIT)},
            )
            try:
                yield con
                con.execute("checkpoint")
            finally:
                con.close()

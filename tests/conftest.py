"""Session fixtures: one generated landing set and one built warehouse for all tests.

A Dagster + dbt materialisation costs seconds even for one model, so the warehouse is
built once per session and every test reads it.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

TEST_KEY = "test-secret-key-not-for-production-0123456789"
FIXTURE_STUDENTS = 10_000
FIXTURE_SEED = 7
FIXTURE_AS_OF = "2026-10-01"


@pytest.fixture(scope="session", autouse=True)
def _secret_key():
    """Tests build with a fixed key; a real one comes from the environment."""
    previous = os.environ.get("EQUIPATH_SECRET_KEY")
    os.environ["EQUIPATH_SECRET_KEY"] = TEST_KEY
    yield TEST_KEY
    if previous is None:
        os.environ.pop("EQUIPATH_SECRET_KEY", None)
    else:
        os.environ["EQUIPATH_SECRET_KEY"] = previous


@pytest.fixture(scope="session", autouse=True)
def _quality_docs(tmp_path_factory):
    """GX data docs of test builds go to a temporary folder, not the working tree."""
    os.environ["EQUIPATH_QUALITY_DOCS"] = str(tmp_path_factory.mktemp("data_docs"))
    yield
    os.environ.pop("EQUIPATH_QUALITY_DOCS", None)


@dataclass
class GeneratedLanding:
    path: Path
    summary: object


@dataclass
class BuiltWarehouse:
    landing: GeneratedLanding
    warehouse: Path
    published: Path
    #: what `equipath build` printed on the console (its full log is beside the warehouse)
    console: str


@pytest.fixture(scope="session")
def generated_landing(tmp_path_factory) -> GeneratedLanding:
    from equipath.generator import generate

    path = tmp_path_factory.mktemp("generated") / "landing"
    summary = generate(path, students=FIXTURE_STUDENTS, seed=FIXTURE_SEED)
    return GeneratedLanding(path, summary)


def configure_build(landing: Path, warehouse: Path, as_of: str) -> None:
    """Point the definitions at a landing folder and warehouse, as the CLI does."""
    from orchestration import paths

    os.environ[paths.ENV_LANDING] = str(landing)
    os.environ[paths.ENV_WAREHOUSE] = str(warehouse)
    os.environ[paths.ENV_AS_OF] = as_of
    os.environ.pop(paths.ENV_PUBLISHED, None)
    os.environ["PATH"] = f"{paths.venv_bin()}{os.pathsep}{os.environ['PATH']}"


@pytest.fixture(scope="session")
def built_warehouse(generated_landing, tmp_path_factory) -> BuiltWarehouse:
    """The session's 10k build, through `equipath build` as a person runs it."""
    from equipath.build_log import log_path
    from equipath.cli import main

    root = tmp_path_factory.mktemp("built")
    warehouse = root / "warehouse.duckdb"
    configure_build(generated_landing.path, warehouse, FIXTURE_AS_OF)
    console = io.StringIO()
    with contextlib.redirect_stdout(console):
        code = main(
            [
                "build",
                "--landing",
                str(generated_landing.path),
                "--as-of",
                FIXTURE_AS_OF,
                "--warehouse",
                str(warehouse),
            ]
        )
    log = log_path(warehouse)
    assert code == 0, console.getvalue() + "\n" + log.read_text()[-5000:]
    return BuiltWarehouse(generated_landing, warehouse, root / "published", console.getvalue())


@pytest.fixture(scope="session")
def published_tiers(request) -> Path:
    """The published tier folder (internal.duckdb, public.duckdb, funders/<id>.duckdb).

    Dashboards and reports read only these files. By default they come from the session
    build; EQUIPATH_TEST_PUBLISHED points at an already published folder instead, to
    iterate on dashboards or reports without a 4-minute build (CI never sets it).
    """
    override = os.environ.get("EQUIPATH_TEST_PUBLISHED")
    if override:
        return Path(override)
    return request.getfixturevalue("built_warehouse").published

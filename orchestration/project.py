"""The single dbt project, as Dagster sees it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.paths import DBT_PROJECT_DIR, ENV_WAREHOUSE, dbt_executable, warehouse_path

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def prepare_manifest() -> None:
    """Write target/manifest.json with `dbt parse`.

    Outside `dagster dev`, DbtProject.prepare_if_dev() does nothing, so the CLI and the
    tests call this before they import the definitions.

    Two processes may prepare at once (a build and a `publish`, parallel test runs), and
    a reader must never load a half-written manifest: dbt writes into a private target
    folder and the manifest is renamed into place (atomic on POSIX).
    """
    env = dict(os.environ)
    env.setdefault(ENV_WAREHOUSE, str(warehouse_path()))
    manifest = dbt_project.manifest_path
    manifest.parent.mkdir(parents=True, exist_ok=True)
    private = Path(tempfile.mkdtemp(prefix=".parse-", dir=manifest.parent))
    try:
        completed = subprocess.run(
            [
                dbt_executable(),
                "parse",
                "--quiet",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
                "--target-path",
                str(private),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        written = private / "manifest.json"
        if completed.returncode != 0 or not written.exists():
            raise RuntimeError(
                "dbt parse failed, so Dagster cannot load the dbt models:\n"
                + (completed.stdout + completed.stderr).strip()
            )
        os.replace(written, manifest)
    finally:
        shutil.rmtree(private, ignore_errors=True)

"""The single dbt project, as Dagster sees it."""

from __future__ import annotations

import os
import subprocess

from dagster_dbt import DbtProject

from orchestration.paths import DBT_PROJECT_DIR, ENV_WAREHOUSE, dbt_executable, warehouse_path

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def prepare_manifest() -> None:
    """Write target/manifest.json with `dbt parse`.

    Outside `dagster dev`, DbtProject.prepare_if_dev() does nothing, so the CLI and the
    tests call this before they import the definitions.
    """
    env = dict(os.environ)
    env.setdefault(ENV_WAREHOUSE, str(warehouse_path()))
    completed = subprocess.run(
        [
            dbt_executable(),
            "parse",
            "--quiet",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0 or not dbt_project.manifest_path.exists():
        raise RuntimeError(
            "dbt parse failed, so Dagster cannot load the dbt models:\n"
            + (completed.stdout + completed.stderr).strip()
        )

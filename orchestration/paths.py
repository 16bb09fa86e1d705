"""Where things live, resolved from the repository and the environment.

Build settings travel as environment variables so that the same `Definitions` serve the
CLI (which sets them from its flags), `dagster dev` and tests, without run config.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

ENV_LANDING = "EQUIPATH_LANDING"
ENV_WAREHOUSE = "EQUIPATH_WAREHOUSE"
ENV_AS_OF = "EQUIPATH_AS_OF"
ENV_PUBLISHED = "EQUIPATH_PUBLISHED"

DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "equipath.duckdb"


def venv_bin() -> Path:
    """The folder of this interpreter's console scripts (dbt, dagster, streamlit)."""
    return Path(sys.executable).parent


def dbt_executable() -> str:
    """The venv's dbt: DbtCliResource must not pick up another dbt from PATH."""
    candidate = venv_bin() / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


def warehouse_path() -> Path:
    return Path(os.environ.get(ENV_WAREHOUSE) or DEFAULT_WAREHOUSE).resolve()


def published_dir() -> Path:
    """Tier files live apart from the warehouse: dashboards never open the warehouse."""
    explicit = os.environ.get(ENV_PUBLISHED)
    return Path(explicit).resolve() if explicit else warehouse_path().parent / "published"

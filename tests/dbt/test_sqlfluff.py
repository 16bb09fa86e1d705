"""sqlfluff (dialect duckdb, templater dbt; `dbt_project/.sqlfluff`) finds nothing to fix in
the dbt models. The rules left out, and why, are in `.sqlfluff`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO / "dbt_project"
SQLFLUFF = Path(sys.executable).with_name("sqlfluff")


def test_models_are_sqlfluff_clean(tmp_path: Path) -> None:
    env = {
        **os.environ,
        # the profile needs a warehouse path; compiling never writes to it
        "EQUIPATH_WAREHOUSE": str(tmp_path / "lint.duckdb"),
        # dbt's target folder: a private one, never the project's (Dagster reads that one)
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    # the templater may only be set by a .sqlfluff in the working directory
    completed = subprocess.run(
        [str(SQLFLUFF), "lint", "models", "--format", "json", "--nofail"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    files = json.loads(completed.stdout)
    assert len(files) >= 40, f"only {len(files)} model files linted: {completed.stderr[-2000:]}"
    violations = [
        f"{f['filepath']}:{v['start_line_no']} {v['code']} {v['description']}"
        for f in files
        for v in f["violations"]
    ]
    assert not violations, "\n".join(violations)

"""A sensor that starts a build when new landing files arrive.

Its cursor is a fingerprint of the landing inventory (every file's relative path, size
and modification time): a new, replaced or removed export changes it, and an unchanged
folder never starts a second build. The run's as_of is `EQUIPATH_AS_OF` when set, else
the evaluation date, written into the run config so the run says what it was for.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from orchestration.paths import ENV_AS_OF, ENV_LANDING

BUILD_JOB = "build_all"


def landing_fingerprint(landing: Path) -> str:
    """sha256 of the sorted (relative path, size, mtime_ns) of every non-hidden file."""
    digest = hashlib.sha256()
    for path in sorted(p for p in landing.rglob("*") if p.is_file()):
        relative = path.relative_to(landing)
        if any(part.startswith(".") for part in relative.parts):
            continue
        stat = path.stat()
        digest.update(f"{relative.as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@sensor(
    name="new_landing_files",
    job_name=BUILD_JOB,
    minimum_interval_seconds=300,
    default_status=DefaultSensorStatus.STOPPED,
    description="Starts build_all when the landing folder's inventory changes.",
)
def new_landing_files(context: SensorEvaluationContext):
    value = os.environ.get(ENV_LANDING)
    if not value or not Path(value).is_dir():
        return SkipReason(f"{ENV_LANDING} is not set to a landing folder")
    landing = Path(value)
    fingerprint = landing_fingerprint(landing)
    if fingerprint == context.cursor:
        return SkipReason("no new landing files since the last build")
    context.update_cursor(fingerprint)
    as_of = os.environ.get(ENV_AS_OF) or datetime.now(UTC).date().isoformat()
    return RunRequest(
        run_key=f"landing-{fingerprint[:16]}",
        run_config={"resources": {"settings": {"config": {"as_of": as_of}}}},
        tags={"equipath/landing_fingerprint": fingerprint[:16]},
    )


sensors = [new_landing_files]

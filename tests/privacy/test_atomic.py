"""A publication is all or nothing: killed (SIGKILL) or failed at any moment, it leaves
the previous tier files whole and readable, and no temporary file looks like a tier."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from equipath.build_log import log_path
from equipath.publishing import (
    ENV_PAUSE,
    PAUSE_MESSAGE,
    TierFile,
    publish_tiers,
    remove_stale_temporaries,
)
from tests.privacy.mini import slice_warehouse

TIERS = ("internal.duckdb", "public.duckdb", "funders/F1.duckdb")


def publication(folder: Path, rows: int, label: str) -> list[TierFile]:
    frame = pd.DataFrame({"k": range(rows), "label": [label] * rows})
    return [TierFile(folder / name, "test", label, {"published_metrics": frame}) for name in TIERS]


def state(folder: Path) -> dict[str, tuple[str, str, int]]:
    """Per tier file: publication id, notice, rows — read the way a dashboard reads it."""
    result = {}
    for name in TIERS:
        con = duckdb.connect(str(folder / name), read_only=True)
        try:
            publication_id, notice = con.execute(
                "select publication_id, notice from _publication"
            ).fetchone()
            rows = con.execute("select count(*) from published_metrics").fetchone()[0]
        finally:
            con.close()
        result[name] = (publication_id, notice, rows)
    return result


def tiers_in(folder: Path) -> list[str]:
    """What a reader would open: tier files by name, never dot files."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.duckdb")
        if not p.name.startswith(".")
    )


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import duckdb, pandas as pd
    from equipath.publishing import TierFile, publish_tiers
    folder, rows = Path(sys.argv[1]), int(sys.argv[2])
    frame = pd.DataFrame({"k": range(rows), "label": ["new"] * rows})
    files = [TierFile(folder / n, "test", "new", {"published_metrics": frame})
             for n in ("internal.duckdb", "public.duckdb", "funders/F1.duckdb")]
    print("writing", file=sys.stderr, flush=True)
    publish_tiers(duckdb.connect(), files, as_of="2026-10-01")
    """
)


def start_child(folder: Path, rows: int, pause: float | None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop(ENV_PAUSE, None)
    if pause:
        env[ENV_PAUSE] = str(pause)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(rows)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_log(child: subprocess.Popen, log: Path, message: str, timeout: float) -> None:
    """`equipath publish` writes its full log to a file beside the warehouse, not stderr."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if log.exists() and message in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    child.kill()
    raise AssertionError(f"child never logged {message!r} in {log}")


def wait_for(child: subprocess.Popen, message: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = child.stderr.readline()
        if message in line:
            return
        if not line and child.poll() is not None:
            break
    child.kill()
    raise AssertionError(f"child never said {message!r}")


@pytest.fixture
def old_publication(tmp_path) -> tuple[Path, dict]:
    folder = tmp_path / "published"
    publish_tiers(duckdb.connect(), publication(folder, 10, "old"), as_of="2026-10-01")
    return folder, state(folder)


def test_sigkill_after_every_temporary_is_written_keeps_the_old_files(old_publication):
    folder, before = old_publication
    child = start_child(folder, 50_000, pause=60)
    wait_for(child, PAUSE_MESSAGE, timeout=120)
    temporaries = [p for p in folder.rglob(".*.tmp")]
    assert len(temporaries) == len(TIERS)  # the new publication is complete on disk
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert state(folder) == before  # every previous file, whole and readable
    assert tiers_in(folder) == sorted(TIERS)  # no temporary passes for a tier
    assert sorted(remove_stale_temporaries(folder) + remove_stale_temporaries(folder / "funders"))
    assert not list(folder.rglob(".*.tmp"))


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5])
def test_sigkill_at_any_moment_leaves_every_file_whole(old_publication, delay):
    """Killed while writing, every file is the old one; killed after the renames began,
    each file is whole — old or new, never half of either."""
    folder, before = old_publication
    child = start_child(folder, 2_000_000, pause=None)
    wait_for(child, "writing", timeout=120)
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    after = state(folder)
    for name, (publication_id, notice, rows) in after.items():
        assert (publication_id, notice, rows) == before[name] or (notice, rows) == (
            "new",
            2_000_000,
        )
    assert tiers_in(folder) == sorted(TIERS)


def test_a_failed_publication_leaves_the_old_files_and_no_temporary(old_publication):
    folder, before = old_publication
    files = publication(folder, 10, "new")
    files[-1] = TierFile(files[-1].destination, "test", "new", {"broken": "select * from nowhere"})
    with pytest.raises(duckdb.Error):
        publish_tiers(duckdb.connect(), files, as_of="2026-10-01")
    assert state(folder) == before
    assert not list(folder.rglob(".*.tmp"))


def test_a_second_publication_replaces_every_file(old_publication):
    folder, before = old_publication
    publish_tiers(duckdb.connect(), publication(folder, 5, "new"), as_of="2026-10-01")
    after = state(folder)
    assert {v[1] for v in after.values()} == {"new"}
    assert len({v[0] for v in after.values()}) == 1
    assert {v[0] for v in after.values()}.isdisjoint({v[0] for v in before.values()})


def test_a_funder_no_longer_in_the_catalog_loses_its_file(old_publication):
    folder, _ = old_publication
    stale = folder / "funders" / "F9.duckdb"
    stale.write_bytes((folder / "funders" / "F1.duckdb").read_bytes())
    publish_tiers(
        duckdb.connect(),
        publication(folder, 5, "new"),
        as_of="2026-10-01",
        prune=[folder / "funders"],
    )
    assert not stale.exists() and (folder / "funders" / "F1.duckdb").exists()


@pytest.mark.slow
def test_sigkill_during_equipath_publish_keeps_the_old_files(built_warehouse, tmp_path):
    """The real command on a small slice of the session warehouse: `equipath publish`,
    killed while its new tier files wait to be renamed."""
    from orchestration.assets.publish import publish_warehouse

    mini = slice_warehouse(
        built_warehouse.warehouse,
        tmp_path / "mini.duckdb",
        2023,
        ("completion_rate", "median_earnings_q2"),
    )
    published = tmp_path / "published"
    publish_warehouse(mini, published, "2026-10-01")
    names = ["internal.duckdb", "public.duckdb"] + [
        f"funders/{p.name}" for p in sorted((published / "funders").glob("*.duckdb"))
    ]

    def read_all() -> dict:
        out = {}
        for name in names:
            c = duckdb.connect(str(published / name), read_only=True)
            try:
                out[name] = (
                    c.execute("select publication_id from _publication").fetchone()[0],
                    c.execute("select count(*), count(value) from published_metrics").fetchone(),
                )
            finally:
                c.close()
        return out

    before = read_all()
    env = dict(os.environ)
    env.pop("DAGSTER_HOME", None)
    env.pop("EQUIPATH_PUBLISHED", None)
    env[ENV_PAUSE] = "120"
    child = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "equipath"),
            "publish",
            "--as-of",
            "2026-10-01",
            "--warehouse",
            str(mini),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_log(child, log_path(mini), PAUSE_MESSAGE, timeout=300)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert read_all() == before
    assert sorted(
        p.relative_to(published).as_posix()
        for p in published.rglob("*.duckdb")
        if not p.name.startswith(".")
    ) == sorted(names)
    assert list(published.rglob(".*.tmp"))  # the killed run's files, never renamed

"""scripts/system-deps.sh: the one list of system packages, installed or asked for.

The script runs here with a PATH of stand-ins: `make`, `git`, `pdftoppm` and `java` are
missing from it (their checks look them up on PATH), `id` says who runs it, `sudo` says
whether it may, and `apt-get` records what it was asked to do instead of doing it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "system-deps.sh"
#: the packages whose check looks on PATH, in the script's order
ON_PATH = ["make", "git", "poppler-utils", "openjdk-17-jre-headless"]


def _stand_ins(tmp_path: Path, uid: int, sudo_ok: bool) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "grep", "cat", "sh"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    scripts = {
        "id": f"echo {uid}",
        "sudo": "exit 0" if sudo_ok else "exit 1",
        "apt-get": f'echo "$*" >> {tmp_path / "apt.log"}',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(f"#!{shutil.which('bash')}\n{body}\n")
        path.chmod(0o755)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("bash"), str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_this_machine_has_everything():
    """CI ran the script before the tests: nothing is missing any more."""
    done = _run({"PATH": os.environ["PATH"]}, "--check")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_without_root_or_sudo_it_prints_the_command_and_stops(tmp_path):
    env = _stand_ins(tmp_path, uid=1000, sudo_ok=False)
    done = _run(env)
    assert done.returncode == 1
    missing = " ".join(ON_PATH)
    assert done.stderr.splitlines() == [
        f"equipath needs system packages that are not installed: {missing}.",
        "Run this once (it needs root), then run make again:",
        f"  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends {missing}'",
    ]
    assert not (tmp_path / "apt.log").exists()


@pytest.mark.parametrize(("uid", "sudo_ok", "prefix"), [(0, False, ""), (1000, True, "sudo ")])
def test_as_root_or_with_sudo_it_installs_what_is_missing(tmp_path, uid, sudo_ok, prefix):
    env = _stand_ins(tmp_path, uid=uid, sudo_ok=sudo_ok)
    if prefix:  # the sudo stand-in runs what it is given
        (tmp_path / "bin" / "sudo").write_text(
            f'#!{shutil.which("bash")}\nwhile [ "${{1#-}}" != "$1" ]; do shift; done\n"$@"\n'
        )
    done = _run(env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Installing system packages: {' '.join(ON_PATH)}",
        f"Installed: {' '.join(ON_PATH)}",
    ]
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq",
        f"install -y -qq --no-install-recommends {' '.join(ON_PATH)}",
    ]


def test_check_only_says_what_is_missing(tmp_path):
    env = _stand_ins(tmp_path, uid=0, sudo_ok=False)
    done = _run(env, "--check")
    assert done.returncode == 1
    assert done.stdout.startswith(f"system packages missing: {' '.join(ON_PATH)} (install: ")
    assert not (tmp_path / "apt.log").exists()


def test_it_can_be_skipped(tmp_path):
    env = {**_stand_ins(tmp_path, uid=1000, sudo_ok=False), "EQUIPATH_SKIP_SYSTEM_DEPS": "1"}
    assert _run(env).returncode == 0


def test_ci_and_make_use_the_script_and_keep_no_second_list():
    ci = (REPO / ".ci" / "run").read_text()
    makefile = (REPO / "Makefile").read_text()
    assert "bash scripts/system-deps.sh" in ci
    assert "@bash scripts/system-deps.sh" in makefile
    assert "install: system-deps" in makefile
    for text in (ci, makefile):
        assert "apt-get" not in text and "dpkg" not in text

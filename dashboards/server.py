"""Starting the Streamlit server, and the Chromium flags its browser clients use.

`equipath serve`, the browser tests and the latency benchmark all run the same app the
same way; one place keeps the command line and the readiness check the same for all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dashboards import auth

APP = Path(__file__).resolve().parent / "app.py"
REPO_ROOT = APP.parents[1]

#: Debian's Chromium (apt); nothing downloads a browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def streamlit_command(port: int, host: str = "127.0.0.1") -> list[str]:
    """`streamlit run dashboards/app.py`, headless, without usage statistics."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless=true",
        f"--server.address={host}",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]


def start_streamlit(
    published: Path, users: Path, port: int, log: Path, timeout: float = 90.0
) -> subprocess.Popen:
    """Start the app over `published` and wait until its health check answers.

    The server's output goes to `log`; a server that exits or does not answer within
    `timeout` seconds is killed and the error carries the log, which says why.
    """
    env = {
        **os.environ,
        auth.ENV_PUBLISHED: str(published),
        auth.ENV_USERS: str(users),
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            streamlit_command(port),
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/_stcore/health", timeout=2
            ) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not start on port {port}:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()

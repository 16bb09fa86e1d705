"""A newcomer's first `make demo` on a machine whose browser is missing.

The demo must end serving the dashboards; the funder reports, which need a browser for
their charts, fail in one line that says what to install, never with a traceback.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from dashboards.server import CHROMIUM, CHROMIUM_ARGS, free_port

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
#: students of this test's demo: the sequence is the point here, not the size (the
#: session build checks the console at 10k)
STUDENTS = 1500


def _read_until(process: subprocess.Popen, marker: str, timeout: float) -> list[str]:
    """Lines of the process until one contains `marker` (or it exits, or time runs out)."""
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(marker in line for line in lines):
            break
        time.sleep(0.2)
    return list(lines)


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode()


def test_make_demo_without_a_browser_still_serves_the_dashboards(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "BROWSER_PATH": "/nonexistent",
        "EQUIPATH_QUALITY_DOCS": str(tmp_path / "docs"),
    }
    env.pop("EQUIPATH_WAREHOUSE", None)
    env.pop("EQUIPATH_PUBLISHED", None)
    command = [
        "make",
        "--no-print-directory",
        "demo",
        f"DEMO_DIR={tmp_path / 'demo'}",
        f"DEMO_STUDENTS={STUDENTS}",
        f"PORT={port}",
    ]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        lines = _read_until(process, "Dashboards: http://", timeout=900)
        output = "\n".join(lines)
        assert any(f"Dashboards: http://127.0.0.1:{port}" in line for line in lines), output
        assert "Traceback" not in output
        assert "make: ***" not in output
        # the report failure: exactly one line, naming the problem and the fix
        report = [line for line in lines if "report" in line.lower() and "error" in line]
        assert report == [
            "equipath: error: reports not rendered: no browser to draw the report charts: "
            "BROWSER_PATH=/nonexistent is not an executable file. Fix: install Debian's "
            "chromium (`sudo bash scripts/system-deps.sh`, or `apt-get install chromium`) or "
            "set BROWSER_PATH to a Chromium or Chrome binary"
        ], output
        # the build's part of the console: one line a step and the summary
        start = next(i for i, x in enumerate(lines) if x.startswith("equipath build · "))
        end = next(i for i, x in enumerate(lines) if x.startswith("  log "))
        assert end - start + 1 <= 40, output
        assert lines[end].endswith("warehouse.build.log")

        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                assert _get(f"{base}/_stcore/health") == (200, "ok")
                break
            except OSError:
                assert time.monotonic() < deadline, "the dashboards never answered"
                time.sleep(0.5)
        status, html = _get(f"{base}/")
        assert status == 200 and "<html" in html.lower()
        _assert_public_page_shows(base)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def _assert_public_page_shows(base: str) -> None:
    """The served app opens on the public page, in Debian's Chromium (not the reports')."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(base, wait_until="domcontentloaded")
            page.get_by_role("heading", name="Public outcomes").wait_for(timeout=120_000)
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000
            )
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=120_000)
            assert not page.locator('[data-testid="stException"]').count()
            body = page.inner_text("body")
            assert re.search(r"\d+%", body), body[:2000]
        finally:
            browser.close()

"""The chart browser fails with a clear error instead of waiting forever.

kaleido's own sync server waits on a queue with no time limit; a Chromium that does not
start left a report run (and once, the test suite) hanging. These tests break the
browser on purpose and require an error that names the cause, quickly.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import plotly.graph_objects as go
import pytest

from equipath.reports.svg_renderer import ChartRenderError, SvgRenderer

CHROMIUM = Path("/usr/bin/chromium")
FIGURE = go.Figure(go.Bar(x=["A", "B"], y=[1, 2])).to_dict()


def _chromium_descendants() -> set[int]:
    """Chromium processes started by this test process (Debian's chromium is a wrapper
    script, so they are grandchildren)."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        names[pid] = text[text.index("(") + 1 : text.rindex(")")]
        parents[pid] = int(text[text.rindex(")") + 2 :].split()[1])

    def mine(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    return {pid for pid, name in names.items() if "chrom" in name and mine(pid)}


@pytest.fixture
def broken_browser(tmp_path, monkeypatch) -> Path:
    """A 'browser' that exits at once, as a Chromium missing a library does."""
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'error while loading shared libraries' >&2\nexit 127\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    return fake


def test_a_browser_that_dies_is_an_error_not_a_hang(broken_browser):
    renderer = SvgRenderer(400, 300)
    started = time.monotonic()
    with pytest.raises(ChartRenderError, match="could not render a chart, twice") as error:
        renderer.svg(FIGURE)
    renderer.close()
    assert time.monotonic() - started < 60
    assert "BROWSER_PATH" in str(error.value)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_a_start_over_its_time_limit_is_an_error(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(CHROMIUM))
    monkeypatch.setenv("EQUIPATH_CHART_START_TIMEOUT", "0.05")
    before = _chromium_descendants()
    renderer = SvgRenderer(400, 300)
    with pytest.raises(ChartRenderError, match=r"starting Chromium took more than 0\.05 s"):
        renderer.svg(FIGURE)
    renderer.close()
    assert _chromium_descendants() <= before  # the half-started browsers were shut down


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_a_closed_renderer_starts_again(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(CHROMIUM))
    renderer = SvgRenderer(400, 300)
    try:
        first = renderer.svg(FIGURE)
        assert _chromium_descendants()  # the check below can see a running Chromium
        renderer.close()
        second = renderer.svg(FIGURE)
    finally:
        renderer.close()
    assert first.startswith(b"<svg") and b'width="400"' in first
    assert len(second) == len(first)

"""Chromium (kaleido) turning plotly figures into SVG, with time limits.

Why not kaleido's own sync server: it hands work to a background thread through a queue
and waits on `queue.join()` with no time limit. When Chromium fails to start or dies
mid-chart (a loaded machine, a killed process), that thread is gone and the caller waits
forever: a scheduled report run that never ends. Here the browser lives on an event loop
in one background thread too, but every call waits on a future with a deadline; a chart
that misses it restarts the browser once, and a second miss is a `ChartRenderError`
that says what to check.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import threading
from collections.abc import Coroutine
from typing import Any

#: seconds for Chromium to start and load plotly.js (environment: EQUIPATH_CHART_START_TIMEOUT)
START_TIMEOUT = 120.0
#: seconds for one chart on a started browser, normally a few hundred milliseconds
#: (environment: EQUIPATH_CHART_TIMEOUT)
CHART_TIMEOUT = 60.0
CLOSE_TIMEOUT = 30.0


class ChartRenderError(RuntimeError):
    """Chromium could not render a chart within its time limit, twice (or is not there)."""


#: what to do when there is no browser, said the same way wherever it is found missing
INSTALL_BROWSER = (
    "Fix: install Debian's chromium (`sudo bash scripts/system-deps.sh`, or "
    "`apt-get install chromium`) or set BROWSER_PATH to a Chromium or Chrome binary"
)


def browser_path() -> str:
    """The browser the charts will use: BROWSER_PATH if set, else a Chromium on this machine.

    Checked before a report is begun, so that a machine without a browser gets one line
    that says what to install instead of a failure in the middle of a report. Never a
    browser that kaleido downloaded: equipath uses the system's.
    """
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        raise ChartRenderError(
            f"no browser to draw the report charts: BROWSER_PATH={explicit} is not an "
            f"executable file. {INSTALL_BROWSER}"
        )
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=True)
    if found is None:
        raise ChartRenderError(
            f"no browser to draw the report charts (Chromium). {INSTALL_BROWSER}"
        )
    return found


class SvgRenderer:
    """One headless Chromium (one kaleido tab) on its own event-loop thread."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None

    # ------------------------------------------------------------ life cycle

    def start(self) -> None:
        import kaleido

        browser_path()  # no browser at all: say so, rather than fail twice to start one
        self.close()
        chart_timeout = _seconds("EQUIPATH_CHART_TIMEOUT", CHART_TIMEOUT)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="equipath-chart-browser", daemon=True
        )
        self._thread.start()

        async def open_browser() -> Any:
            browser = kaleido.Kaleido(n=1, timeout=chart_timeout, mathjax=False)
            # kept before it is open: a start that misses its time limit leaves a
            # half-started Chromium that `close` must still shut down
            self._kaleido = browser
            await browser.open()
            return browser

        start_timeout = _seconds("EQUIPATH_CHART_START_TIMEOUT", START_TIMEOUT)
        self._wait(open_browser(), start_timeout, "starting Chromium")

    def close(self) -> None:
        """Close the browser and stop the thread; never raises (it runs in `finally`)."""
        loop, thread, browser = self._loop, self._thread, self._kaleido
        self._loop = self._thread = self._kaleido = None
        if loop is None or thread is None:
            return
        if browser is not None:
            future = asyncio.run_coroutine_threadsafe(_quietly(browser.close()), loop)
            try:
                future.result(CLOSE_TIMEOUT)
            except concurrent.futures.TimeoutError:
                future.cancel()
        loop.call_soon_threadsafe(loop.stop)
        thread.join(CLOSE_TIMEOUT)
        if not thread.is_alive():
            loop.close()

    # ------------------------------------------------------------ rendering

    def svg(self, figure: dict) -> bytes:
        """The figure (a plotly figure dict) as SVG; one restart of the browser on failure."""
        try:
            return self._render(figure)
        except (OSError, RuntimeError) as first:  # ChartRenderError is a RuntimeError
            self.close()
            try:
                self.start()
                return self._render(figure)
            except (OSError, RuntimeError) as second:
                raise ChartRenderError(
                    f"could not render a chart, twice: {first}; then {second}. Check that "
                    "Chromium runs here (`/usr/bin/chromium --headless --version`, or set "
                    "BROWSER_PATH), or give it longer with EQUIPATH_CHART_TIMEOUT / "
                    "EQUIPATH_CHART_START_TIMEOUT (seconds)"
                ) from second

    def _render(self, figure: dict) -> bytes:
        if self._kaleido is None:
            self.start()
        options = {"format": "svg", "width": self.width, "height": self.height, "scale": 1}
        rendering = self._kaleido.calc_fig(figure, opts=options)
        return self._wait(rendering, _seconds("EQUIPATH_CHART_TIMEOUT", CHART_TIMEOUT), "a chart")

    def _wait(self, coroutine: Coroutine[Any, Any, Any], timeout: float, what: str) -> Any:
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise ChartRenderError(f"{what} took more than {timeout:g} s") from None


async def _quietly(coroutine: Coroutine[Any, Any, Any]) -> None:
    """Close a browser that may already be gone."""
    with contextlib.suppress(Exception):
        await coroutine


def _seconds(variable: str, default: float) -> float:
    return float(os.environ.get(variable) or default)

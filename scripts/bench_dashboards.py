"""Dashboard latency under concurrent use: page load and filter change, p50/p95 per page.

Starts `streamlit run dashboards/app.py` over a published folder (as `equipath serve`
does), then drives N concurrent browser sessions (one headless Chromium, one context per
session, asyncio). Each session signs in as an administrator (who may open every page),
then for every page: opens it from the sidebar and times until its first chart or metric
is visible (a page that shows only a notice, e.g. Pathways on a publication without
`published_pathways`, counts when that notice is visible), and changes a filter N times,
timing each until the re-rendered view is visible. The anonymous first visit of the
public page (a new session) is timed separately.

    .venv/bin/python scripts/bench_dashboards.py /tmp/sample10k/published \\
        --sessions 20 --changes 3

Prints a markdown table. Chromium is Debian's (`/usr/bin/chromium`); nothing is
downloaded. The figures include the browser's own work: on a small machine, 20 sessions
share its cores with the server.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dashboards import auth, server  # noqa: E402

CHROMIUM = server.CHROMIUM
CHROMIUM_ARGS = [*server.CHROMIUM_ARGS, "--disable-dev-shm-usage"]
ADMIN, PASSWORD = "bench-admin", "bench-admin-password"
FIRST_VISIT = "Public outcomes (first visit)"

#: page title → (selectbox label of the filter changed, the text its change makes appear
#: in a subheader, formatted with the option chosen); None: the page has no filter
PAGES: dict[str, tuple[str, str] | None] = {
    "Public outcomes": ("Compare groups by", "by {lower},"),
    "Equity gaps": ("Compare groups by", "by {lower},"),
    "Funder outcomes": ("Compare groups by", "by {lower},"),
    "Pathways": ("Exit cohort", "the {option} exit cohort"),
    "Data quality": None,
}
DIMENSION_CYCLE = ["Sex", "Age band", "Race/ethnicity"]

#: ready: the page's title is shown, and a chart or metric (or a notice) that is not stale
#: from the previous run is visible; `text`, when given, must be in a subheader
READY_JS = """
([title, text, notice]) => {
  const heading = [...document.querySelectorAll('h1')].some(h => h.innerText.includes(title));
  if (!heading) return false;
  if (text && ![...document.querySelectorAll('h3')].some(h => h.innerText.includes(text)))
    return false;
  const selector = notice
    ? '[data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stAlert"]'
    : '[data-testid="stPlotlyChart"], [data-testid="stMetric"]';
  return [...document.querySelectorAll(selector)].some(
    e => e.offsetHeight > 0 && !e.closest('[data-stale="true"]'));
}
"""
IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
}
"""


class Session:
    """One browser session's walk through the pages, with its timings."""

    def __init__(self, context, url: str, changes: int, timeout_ms: int) -> None:
        self.context, self.url, self.changes = context, url, changes
        self.timeout = timeout_ms
        self.loads: dict[str, list[float]] = defaultdict(list)
        self.filters: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    async def ready(self, page, title: str, text: str | None = None) -> None:
        await page.wait_for_function(READY_JS, arg=[title, text, True], timeout=self.timeout)

    async def idle(self, page) -> None:
        await page.wait_for_function(IDLE_JS, timeout=self.timeout)

    async def run(self) -> None:
        page = await self.context.new_page()
        page.set_default_timeout(self.timeout)
        started = time.perf_counter()
        await page.goto(self.url)
        await self.ready(page, "Public outcomes")
        self.loads[FIRST_VISIT].append(time.perf_counter() - started)
        await self.idle(page)
        await self.sign_in(page)
        for title, change in PAGES.items():
            try:
                await self.visit(page, title, change)
            except Exception as exc:  # one page failing must not end the session
                self.errors.append(f"{title}: {type(exc).__name__}: {str(exc)[:200]}")
        await page.close()

    async def sign_in(self, page) -> None:
        await page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Sign in").click()
        await page.get_by_role("textbox", name="Username").fill(ADMIN)
        await page.get_by_role("textbox", name="Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign in", exact=True).click()
        await page.get_by_text("Signed in as").first.wait_for()
        await self.idle(page)

    async def visit(self, page, title: str, change: tuple[str, str] | None) -> None:
        link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title)
        started = time.perf_counter()
        await link.click()
        await self.ready(page, title)
        self.loads[title].append(time.perf_counter() - started)
        await self.idle(page)
        if change is None:
            return
        label, template = change
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
        if await box.count() == 0:
            return  # e.g. Pathways without published_pathways: nothing to filter
        for i in range(self.changes):
            await box.click()
            options = await page.get_by_role("option").all_inner_texts()
            if label == "Compare groups by":
                option = DIMENSION_CYCLE[i % len(DIMENSION_CYCLE)]
            else:
                option = options[i % len(options)]
            text = template.format(option=option, lower=option.lower())
            started = time.perf_counter()
            await page.get_by_role("option", name=option, exact=True).click()
            await self.ready(page, title.split(" — ")[0], text)
            self.filters[title].append(time.perf_counter() - started)
            await self.idle(page)


async def bench(url: str, sessions: int, changes: int, timeout_ms: int) -> list[Session]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        # one untimed visit first: the server's first run imports and caches what every
        # later session reuses, which is not what a user of a running server waits for
        warm = await browser.new_context()
        warm_page = await warm.new_page()
        await warm_page.goto(url)
        await warm_page.wait_for_function(
            READY_JS, arg=["Public outcomes", None, True], timeout=timeout_ms
        )
        await warm.close()
        contexts = [
            await browser.new_context(viewport={"width": 1280, "height": 900})
            for _ in range(sessions)
        ]
        runs = [Session(c, url, changes, timeout_ms) for c in contexts]
        results = await asyncio.gather(*(r.run() for r in runs), return_exceptions=True)
        for run, result in zip(runs, results, strict=True):
            if isinstance(result, BaseException):
                run.errors.append(f"session: {type(result).__name__}: {str(result)[:200]}")
        await browser.close()
    return runs


def percentiles(values: list[float]) -> str:
    if not values:
        return "— | —"
    p50, p95 = np.percentile(values, [50, 95])
    return f"{p50:.2f} | {p95:.2f}"


def table(runs: list[Session]) -> str:
    loads: dict[str, list[float]] = defaultdict(list)
    filters: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        for page, values in run.loads.items():
            loads[page].extend(values)
        for page, values in run.filters.items():
            filters[page].extend(values)
    lines = [
        "| page | loads | load p50 (s) | load p95 (s) | filter changes | "
        "filter p50 (s) | filter p95 (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page in [FIRST_VISIT, *PAGES]:
        lines.append(
            f"| {page} | {len(loads[page])} | {percentiles(loads[page])} | "
            f"{len(filters[page])} | {percentiles(filters[page])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("published", type=Path, help="folder of tier files (public.duckdb, …)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=3, help="filter changes per page")
    parser.add_argument("--timeout", type=float, default=180, help="seconds per wait")
    parser.add_argument("--url", help="an already running app instead of starting one")
    args = parser.parse_args(argv)
    published = args.published.resolve()
    if not (published / "public.duckdb").exists():
        parser.error(f"no public.duckdb in {published}")

    with tempfile.TemporaryDirectory(prefix="bench_dashboards_") as tmp:
        users = Path(tmp) / "users.toml"
        auth.add_user(users, ADMIN, "admin", PASSWORD, iterations=1_000)
        process = None
        url = args.url
        if url is None:
            port = server.free_port()
            process = server.start_streamlit(published, users, port, Path(tmp) / "streamlit.log")
            url = f"http://127.0.0.1:{port}"
        try:
            started = time.perf_counter()
            runs = asyncio.run(bench(url, args.sessions, args.changes, int(args.timeout * 1000)))
            wall = time.perf_counter() - started
        finally:
            if process is not None:
                server.stop(process)

    errors = [e for run in runs for e in run.errors]
    print(
        f"Dashboards on {published}: {args.sessions} concurrent sessions, "
        f"{args.changes} filter changes per page, {wall:.0f} s wall\n"
    )
    print(table(runs))
    if errors:
        print(f"\n{len(errors)} errors, e.g.:")
        for error in errors[:5]:
            print(f"- {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

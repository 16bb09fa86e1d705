"""The dashboards keep answering while new tier files are published (issue 6, item 8).

A thread republishes the server's folder again and again — the same tables, read once from
the current files, through `equipath.publishing.publish_tiers` (every file written under a
temporary name, then renamed over the old one) — while the browser reloads pages. Every
load must show its page and no Streamlit exception.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

from equipath.publishing import PUBLICATION_TABLE, TierFile, publish_tiers
from tests.dashboards.browser.conftest import exceptions, go_to, open_app, wait_idle

pytestmark = pytest.mark.slow

RELOADS = 12


def read_publication(published: Path) -> tuple[list[TierFile], str]:
    """Every tier file of the folder as DataFrames, ready to be published again."""
    files, as_of = [], None
    paths = [published / "internal.duckdb", published / "public.duckdb"]
    paths += sorted((published / "funders").glob("*.duckdb"))
    for path in paths:
        con = duckdb.connect(str(path), read_only=True)
        try:
            names = [
                r[0]
                for r in con.execute(
                    "select table_name from information_schema.tables where table_schema = 'main'"
                ).fetchall()
            ]
            tables = {n: con.execute(f"select * from {n}").df() for n in names}
        finally:
            con.close()
        info = tables.pop(PUBLICATION_TABLE).iloc[0]
        as_of = str(info["as_of"])[:10]
        files.append(TierFile(path, str(info["tier"]), str(info["notice"]), tables))
    return files, as_of


def test_pages_load_without_error_while_tiers_are_republished(page, streamlit_server):
    files, as_of = read_publication(streamlit_server.published)
    stop = threading.Event()
    published: list[str] = []
    failures: list[BaseException] = []

    def republish() -> None:
        try:
            while not stop.is_set():
                con = duckdb.connect()
                try:
                    publish_tiers(con, files, as_of=as_of)
                finally:
                    con.close()
                published.append(time.strftime("%H:%M:%S"))
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    worker = threading.Thread(target=republish, daemon=True)
    worker.start()
    seen = []
    try:
        for i in range(RELOADS):
            title = "Public outcomes" if i % 2 == 0 else "Pathways"
            open_app(page, streamlit_server, "" if i % 2 == 0 else "pathways")
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
            wait_idle(page)
            assert exceptions(page) == [], f"load {i} of {title}"
            assert (
                page.locator('[data-testid="stAlert"]').filter(has_text="No published").count() == 0
            )
            seen.append(page.locator("h1").first.inner_text())
        go_to(page, "Public outcomes")
        assert exceptions(page) == []
    finally:
        stop.set()
        worker.join(timeout=120)
    assert not failures, failures
    assert len(published) >= 2, "the publisher should have replaced the files during the loads"
    assert seen == ["Public outcomes", "Pathways"] * (RELOADS // 2)

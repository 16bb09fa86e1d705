"""Role isolation in the browser: a funder sees its own programs only, on every page it
may open, and never another role's pages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.dashboards.browser.conftest import (
    exceptions,
    go_to,
    nav_titles,
    open_app,
    sign_in,
    wait_idle,
)

pytestmark = pytest.mark.slow


def programs_of(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {r[0] for r in con.execute("select program_id from programs").fetchall()}
    finally:
        con.close()


def all_downloads(page) -> list[pd.DataFrame]:
    frames = []
    buttons = page.get_by_role("button", name=re.compile(r"^Download .* as CSV$"))
    for i in range(buttons.count()):
        wait_idle(page)  # a download reruns the script; the next click waits for it
        with page.expect_download() as info:
            buttons.nth(i).click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        frames.append(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))
    return frames


def program_options(page) -> list[str]:
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Program").first.click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    wait_idle(page)
    return options


@pytest.mark.parametrize("user,funder_id,other", [("f1", "F1", "F2"), ("f2", "F2", "F1")])
def test_a_funder_never_sees_another_funders_programs(
    page, streamlit_server, user, funder_id, other
):
    published = streamlit_server.published
    own = programs_of(published / "funders" / f"{funder_id}.duckdb")
    others_only = programs_of(published / "funders" / f"{other}.duckdb") - own
    assert others_only, "the fixture data should give the two funders different programs"
    names = duckdb.connect(str(published / "public.duckdb"), read_only=True)
    try:
        name_of = dict(names.execute("select program_id, program_name from programs").fetchall())
    finally:
        names.close()

    sign_in(page, streamlit_server, user)
    assert nav_titles(page) == ["Public outcomes", "Funder outcomes", "Pathways"]
    go_to(page, "Funder outcomes")
    assert page.locator("h1").first.inner_text() == f"Funder outcomes — {funder_id}"
    options = program_options(page)
    assert set(options) == {"All programs"} | {name_of[p] for p in own}
    for frame in all_downloads(page):
        if "program_id" in frame:
            assert set(frame.program_id) <= own | {"ALL"}, frame.program_id.unique()
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert not [name_of[p] for p in others_only if name_of[p] in text]
    assert exceptions(page) == []

    go_to(page, "Pathways")
    for frame in all_downloads(page):
        assert set(frame.from_program_id) <= own
    assert exceptions(page) == []


def test_pages_of_other_roles_are_not_reachable(page, streamlit_server):
    """A funder typing another page's address lands on a page it may see, never on it."""
    sign_in(page, streamlit_server, "f1")
    for path, title in (("equity-gaps", "Equity gaps"), ("data-quality", "Data quality")):
        page.goto(f"{streamlit_server.url}/{path}")
        page.wait_for_selector("h1")
        wait_idle(page)
        assert title not in page.locator("h1").all_inner_texts()
    open_app(page, streamlit_server, "equity-gaps")
    assert "Equity gaps" not in page.locator("h1").all_inner_texts()

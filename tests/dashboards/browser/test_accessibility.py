"""axe-core (bundled with axe-playwright-python, no download) on every page: no serious
or critical violation."""

from __future__ import annotations

import pytest

from tests.dashboards.browser.conftest import PAGES, go_to, open_app, sign_in

pytestmark = pytest.mark.slow

BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING:
            targets = [", ".join(map(str, n.get("target", []))) for n in violation["nodes"]]
            found.append(
                f"{violation['impact']} {violation['id']}: {violation['help']} "
                f"({len(targets)} nodes, e.g. {targets[:3]})"
            )
    return found


def test_public_pages_have_no_serious_violations(page, streamlit_server):
    open_app(page, streamlit_server)
    report = {}
    for title in ("Public outcomes", "Pathways"):
        go_to(page, title)
        report[title] = blocking_violations(page)
    assert report == {t: [] for t in report}, report


def test_signed_in_pages_have_no_serious_violations(page, streamlit_server):
    sign_in(page, streamlit_server, "admin")
    report = {"Account": blocking_violations(page)}
    for title in PAGES:
        if title in ("Public outcomes", "Pathways"):
            continue
        go_to(page, title)
        report[title] = blocking_violations(page)
    assert report == {t: [] for t in report}, report

"""One Streamlit server and one headless Chromium for the browser tests (package scope:
both end with the last browser test, before other suites start their own Chromium).

The server runs `streamlit run dashboards/app.py` on a free port over a *copy* of the
published folder (`published_tiers`), so the republish test can write new tier files into
it while pages load. Users come from a users file written here with known passwords
(`dashboards.auth.add_user`, few PBKDF2 rounds: the hashing is the same, only cheaper).
Chromium is Debian's (`/usr/bin/chromium`); nothing is downloaded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboards import auth, server

CHROMIUM, CHROMIUM_ARGS = server.CHROMIUM, server.CHROMIUM_ARGS
#: user name → (role, funder_id, password)
USERS: dict[str, tuple[str, str | None, str]] = {
    "admin": ("admin", None, "admin-pass-1"),
    "data": ("data_team", None, "data-pass-1"),
    "f1": ("funder", "F1", "f1-pass-1"),
    "f2": ("funder", "F2", "f2-pass-1"),
}
#: page title (sidebar link) → URL path
PAGES = {
    "Public outcomes": "public",
    "Equity gaps": "equity-gaps",
    "Funder outcomes": "funder",
    "Pathways": "pathways",
    "Data quality": "data-quality",
}
TIMEOUT_MS = 60_000


@dataclass
class Server:
    url: str
    published: Path
    process: subprocess.Popen


@pytest.fixture(scope="package")
def browser_published(published_tiers, tmp_path_factory) -> Path:
    """A private copy of the published folder (the republish test writes into it)."""
    target = tmp_path_factory.mktemp("browser") / "published"
    shutil.copytree(published_tiers, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="package")
def users_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("users") / "dashboard_users.toml"
    for name, (role, funder_id, password) in USERS.items():
        auth.add_user(path, name, role, password, funder_id=funder_id, iterations=1_000)
    return path


@pytest.fixture(scope="package")
def streamlit_server(browser_published, users_file, tmp_path_factory) -> Iterator[Server]:
    port = server.free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    try:
        process = server.start_streamlit(browser_published, users_file, port, log, timeout=60)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield Server(f"http://127.0.0.1:{port}", browser_published, process)
    server.stop(process)


@pytest.fixture(scope="package")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (CI installs Debian's chromium)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, streamlit_server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def wait_idle(page) -> None:
    """Until the script has finished a run (twice in a row: a rerun may be about to start)
    and no element is stale."""
    app = '[data-testid="stApp"]'
    calm = 0
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while calm < 2:
        page.wait_for_selector(f'{app}[data-test-script-state="notRunning"]')
        stale = page.locator('[data-stale="true"]').count()
        calm = calm + 1 if stale == 0 else 0
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not settle")
        time.sleep(0.25)


def open_app(page, server: Server, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    page.wait_for_selector("h1")
    wait_idle(page)


def sign_in(page, server: Server, user: str) -> None:
    """Sign in through the Sign in page's form, in a fresh session (reached from the
    sidebar: a fresh server may answer a first deep link with "Page not found")."""
    open_app(page, server)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Sign in").click()
    page.locator("h1").filter(has_text="Sign in").wait_for()
    wait_idle(page)
    page.get_by_role("textbox", name="Username").fill(user)
    page.get_by_role("textbox", name="Password").fill(USERS[user][2])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_text("Signed in as").first.wait_for()
    wait_idle(page)


def go_to(page, title: str) -> None:
    """Open a page through the sidebar (a full reload would start a new, signed-out session)."""
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).click()
    default = "?" if title == "Public outcomes" else ""  # the default page's URL is "/"
    page.wait_for_url(re.compile(rf"/({PAGES[title]}){default}(\?.*)?$"))
    page.locator("h1").filter(has_text=title.split()[0]).first.wait_for()
    wait_idle(page)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label`."""
    wait_idle(page)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    # the list is virtualised and searchable: typing narrows it to the option wanted
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def exceptions(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def nav_titles(page) -> list[str]:
    """The sidebar's data pages (without the Sign in / Account page)."""
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    titles = [t.split("\n")[-1].strip() for t in links]
    return [t for t in titles if t not in ("Sign in", "Account")]

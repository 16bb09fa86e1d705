"""Streamlit glue shared by the pages: the session's user, sign-in, navigation, tier paths,
and "chart + text alternative + table + CSV download" in one call.

Pages stay short: filters → `queries` → `charts` → `show_chart`/`show_table`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboards import auth, queries
from dashboards.charts import Chart

SESSION_USER = "equipath_user"

#: page key → (file, title, url path, icon); the default page's URL is "/"
PAGES: dict[str, tuple[str, str, str, str]] = {
    "public": ("pages/public.py", "Public outcomes", "public", ":material/insights:"),
    "equity": ("pages/equity.py", "Equity gaps", "equity-gaps", ":material/balance:"),
    "funder": ("pages/funder.py", "Funder outcomes", "funder", ":material/handshake:"),
    "pathways": ("pages/pathways.py", "Pathways", "pathways", ":material/route:"),
    "quality": ("pages/quality.py", "Data quality", "data-quality", ":material/fact_check:"),
}
SIGN_IN_PAGE = "pages/signin.py"


def _oidc_configured() -> bool:
    """Whether `[auth]` is in st.secrets (then st.login is offered beside the dev sign-in)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _sso_logged_in() -> bool:
    """st.user.is_logged_in, tolerant of runtimes where st.user is bare (AppTest)."""
    try:
        return bool(st.user.get("is_logged_in", False))
    except Exception:
        return False


def _oidc_user() -> auth.User | None:
    """The role of an OIDC-signed-in identity, from the users file by email."""
    if not _oidc_configured():
        return None
    if not _sso_logged_in():
        return None
    email = st.user.get("email")
    found = auth.user_for_email(email)
    if found is None:
        return auth.User(name=str(email or "unknown"), role=auth.PUBLIC, email=email)
    return auth.User(name=found.name, role=found.role, funder_id=found.funder_id, email=email)


def current_user() -> auth.User:
    """The session's user: dev sign-in in session state, else the OIDC identity, else public."""
    stored = st.session_state.get(SESSION_USER)
    if isinstance(stored, dict) and stored.get("role") in auth.ROLES:
        return auth.User(
            name=str(stored.get("name", "")),
            role=stored["role"],
            funder_id=stored.get("funder_id"),
        )
    return _oidc_user() or auth.ANONYMOUS


def sign_in(user: auth.User) -> None:
    """Remember a signed-in user for this session (what the form and the tests set)."""
    st.session_state[SESSION_USER] = {
        "name": user.name,
        "role": user.role,
        "funder_id": user.funder_id,
    }


def sidebar(user: auth.User) -> None:
    """Who is signed in, on every page; signing in and out is on the Sign in/Account page."""
    with st.sidebar:
        if not user.signed_in:
            st.caption("Administrators, data team and funders: use **Sign in**.")
            return
        who = f"{user.name} ({user.role}" + (f", {user.funder_id})" if user.funder_id else ")")
        st.markdown(f"Signed in as **{who}** · sign out on the **Account** page")


def sign_out() -> None:
    st.session_state.pop(SESSION_USER, None)
    if _oidc_configured() and _sso_logged_in():
        st.logout()
    st.rerun()


def sign_in_form() -> None:
    """The dev sign-in form (users file) and, when `[auth]` is configured, single sign-on."""
    with st.form("sign_in", clear_on_submit=False):
        username = st.text_input("Username", key="sign_in_username", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="sign_in_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in")
    if submitted:
        try:
            found = auth.authenticate(username, password)
        except auth.UsersFileError as exc:
            st.error(f"The users file is not valid: {exc}")
            return
        if found is None:
            st.error("Unknown user name or wrong password.")
            return
        sign_in(found)
        st.rerun()
    if _oidc_configured():
        st.divider()
        if _sso_logged_in():
            st.warning(
                f"{st.user.get('email')} signed in with single sign-on but has no dashboard "
                "role: an administrator adds it with `equipath dashboard-user add --email`."
            )
            if st.button("Sign out of single sign-on", key="sso_out"):
                st.logout()
        elif st.button("Sign in with single sign-on", key="sso"):
            st.login()


def navigation(user: auth.User) -> st.navigation:
    """Only the pages the session's role may see; Public outcomes is the default.

    The sign-in page keeps its URL once signed in (titled "Account" then), so the session
    stays on it after the rerun that follows a sign-in."""
    pages = []
    for key, (file, title, url_path, icon) in PAGES.items():
        if auth.can_see(user.role, key):
            pages.append(
                st.Page(file, title=title, url_path=url_path, icon=icon, default=key == "public")
            )
    pages.append(
        st.Page(
            SIGN_IN_PAGE,
            title="Account" if user.signed_in else "Sign in",
            url_path="sign-in",
            icon=":material/account_circle:" if user.signed_in else ":material/login:",
        )
    )
    return st.navigation(pages)


def require(page: str) -> auth.User:
    """Stop a page a role may not see (defence in depth: navigation already hides it)."""
    user = current_user()
    if not auth.can_see(user.role, page):
        st.error("Sign in with an account that may see this page.")
        st.stop()
    return user


def tier_path(user: auth.User, tier: str, funder_id: str | None = None) -> Path:
    """The tier file for this session via `auth.user_tier_file`; stops if none is published."""
    try:
        path = auth.user_tier_file(user, tier, funder_id)
    except PermissionError as exc:
        st.error(str(exc))
        st.stop()
    if not path.exists():
        st.error(f"No published file at {path}. Run `equipath build` first.")
        st.stop()
    return path


def publication_caption(path: Path) -> None:
    info = queries.publication(path).iloc[0]
    st.caption(f"As of {info['as_of']} · published {info['published_at']} · {info['notice']}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "table"


def show_table(frame: pd.DataFrame, name: str, key: str) -> None:
    """The data table and its CSV download (withheld cells stay empty, with their status)."""
    st.dataframe(frame, hide_index=True, width="stretch")
    download(frame, name, key)


def show_chart(chart: Chart, frame: pd.DataFrame, name: str, key: str) -> None:
    """Chart, its text alternative, and its table with download."""
    st.plotly_chart(chart.figure, width="stretch", key=f"chart_{key}")
    st.caption(chart.alt_text)
    with st.expander(f"Table: {name}", expanded=False):
        st.dataframe(frame, hide_index=True, width="stretch")
    download(frame, name, key)


def download(frame: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        f"Download {name} as CSV",
        frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{_slug(name)}.csv",
        mime="text/csv",
        key=f"download_{key}",
    )

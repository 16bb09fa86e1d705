"""Sign in (dev users file, or single sign-on when configured); once signed in, "Account"."""

from __future__ import annotations

import streamlit as st

from dashboards import auth, ui

user = ui.current_user()
if not user.signed_in:
    st.title("Sign in")
    st.markdown(
        "Administrators and the data team see the equity-gap and data-quality pages; "
        "funders see their own programs. The public outcomes need no sign-in."
    )
    ui.sign_in_form()
else:
    st.title("Account")
    funder = f", funder {user.funder_id}" if user.funder_id else ""
    st.markdown(f"Signed in as **{user.name}** (role {user.role}{funder}). Your pages:")
    for key, (file, title, _, icon) in ui.PAGES.items():
        if auth.can_see(user.role, key):
            st.page_link(file, label=title, icon=icon)
    if st.button("Sign out", key="sign_out"):
        ui.sign_out()

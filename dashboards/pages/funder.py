"""Funder outcomes: a funder sees only `funders/<its id>.duckdb` (administrators pick one)."""

from __future__ import annotations

import streamlit as st

from dashboards import auth, ui, views

user = ui.require("funder")
funder_id = user.funder_id
if user.role != "funder":
    funders = auth.funder_ids()
    if not funders:
        st.error("No funder files are published. Run `equipath build` first.")
        st.stop()
    funder_id = st.selectbox("Funder", funders, key="funder_pick")
path = ui.tier_path(user, "funder", funder_id)
st.title(f"Funder outcomes — {funder_id}")
ui.publication_caption(path)
sel = views.filters(path, "funder")
views.headline_view(path, sel, "funder")
views.breakdown_view(path, sel, "funder")
views.trend_view(path, sel, "funder")
views.gap_view(path, sel, "funder")
views.gap_trend_view(path, sel, "funder")

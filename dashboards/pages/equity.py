"""Equity gaps: administrators and the data team, `internal.duckdb` (exact figures)."""

from __future__ import annotations

import streamlit as st

from dashboards import ui, views

user = ui.require("equity")
path = ui.tier_path(user, "internal")
st.title("Equity gaps")
ui.publication_caption(path)
sel = views.filters(path, "equity", kinds=("rate",))
views.gap_view(path, sel, "equity")
views.breakdown_view(path, sel, "equity")
views.gap_trend_view(path, sel, "equity")
views.km_view(path, sel, "equity")
views.earnings_view(path, sel, "equity")

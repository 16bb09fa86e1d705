"""Public outcomes: anyone, no sign-in, `public.duckdb` only (PRIVACY.md rules applied)."""

from __future__ import annotations

import streamlit as st

from dashboards import ui, views

user = ui.require("public")
path = ui.tier_path(user, "public")
st.title("Public outcomes")
ui.publication_caption(path)
sel = views.filters(path, "public")
views.headline_view(path, sel, "public")
views.breakdown_view(path, sel, "public")
views.trend_view(path, sel, "public")

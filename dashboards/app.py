"""Entry script: wires the pages with st.navigation; pages hold no queries."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="equipath", layout="wide")
pages = [st.Page("pages/overview.py", title="Overview", icon=":material/insights:", default=True)]
st.navigation(pages).run()

"""Entry script: who is signed in, the pages their role may see, and the sidebar sign-in.

Pages hold no queries of their own beyond `dashboards.queries`; the tier file a page reads
is decided by `dashboards.auth.tier_file_for` through `dashboards.ui.tier_path`.
"""

from __future__ import annotations

import streamlit as st

from dashboards import ui

st.set_page_config(page_title="equipath dashboards", page_icon=":material/insights:", layout="wide")
user = ui.current_user()
ui.sidebar(user)
page = ui.navigation(user)
page.run()

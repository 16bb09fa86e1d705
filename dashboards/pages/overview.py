"""Overview: what the latest build holds, from the internal tier file."""

from __future__ import annotations

import streamlit as st

from dashboards import queries


@st.cache_data(show_spinner=False)
def _load(path: str, version: str):
    from pathlib import Path

    p = Path(path)
    return queries.publication(p), queries.warehouse_overview(p), queries.load_summary(p)


path = queries.tier_path("internal")
st.title("equipath — outcomes and equity warehouse")
if not path.exists():
    st.error(f"No published file at {path}. Run `equipath build` first.")
    st.stop()
publication, overview, loads = _load(str(path), queries.file_version(path))
info = publication.iloc[0]
st.caption(f"As of {info['as_of']} · published {info['published_at']} · {info['notice']}")

columns = st.columns(min(len(overview), 4) or 1)
for i, row in enumerate(overview.itertuples()):
    columns[i % len(columns)].metric(row.label, f"{row.value:,.0f}")

st.subheader("Landing files loaded")
st.dataframe(loads, hide_index=True, use_container_width=True)
st.download_button(
    "Download as CSV",
    loads.to_csv(index=False).encode("utf-8"),
    file_name="load_summary.csv",
    mime="text/csv",
)

"""Data quality: the data team's view of the last build, from `internal.duckdb`.

Last build (publication, load accounting), the Great Expectations verdicts, rejects by
reason, identity match rates and freshness, all aggregates; links to the tools that hold
the details (Dagster UI, dbt docs, GX data docs)."""

from __future__ import annotations

import os

import streamlit as st

from dashboards import charts, queries, ui

DAGSTER_URL = os.environ.get("EQUIPATH_DAGSTER_URL", "http://127.0.0.1:3000")
DBT_DOCS_URL = os.environ.get("EQUIPATH_DBT_DOCS_URL", "http://127.0.0.1:8080")
GX_DOCS_URL = os.environ.get("EQUIPATH_GX_DOCS_URL", "http://127.0.0.1:8081")

user = ui.require("quality")
path = ui.tier_path(user, "internal")
st.title("Data quality")
ui.publication_caption(path)
st.markdown(
    f"Details: [Dagster UI (runs, lineage, checks)]({DAGSTER_URL}) · "
    f"[dbt docs (models, tests)]({DBT_DOCS_URL}) · "
    f"[Great Expectations data docs]({GX_DOCS_URL})"
)


def missing(table: str) -> bool:
    if queries.has_table(path, table):
        return False
    st.info(f"This publication has no `{table}` table (published by newer builds).")
    return True


st.header("Last build")
publication = queries.publication(path).iloc[0]
if not missing("warehouse_overview"):
    overview = queries.table(path, "warehouse_overview").sort_values("sort_order")
    columns = st.columns(min(len(overview), 6) or 1)
    for i, row in enumerate(overview.itertuples()):
        columns[i % len(columns)].metric(row.label, f"{row.value:,.0f}")
if not missing("load_summary"):
    st.subheader("Landing files loaded")
    ui.show_table(queries.table(path, "load_summary"), "Landing files loaded", "load_summary")

st.header("Great Expectations results")
if not missing("quality_results"):
    results = queries.table(path, "quality_results")
    if results.empty:
        st.info("No quality results were recorded by the build that made this publication.")
    else:
        failed = results[~results.success.astype(bool)]
        c1, c2, c3 = st.columns(3)
        c1.metric("Expectations checked", f"{len(results):,}")
        c2.metric("Errors failed", f"{int((failed.severity == 'error').sum()):,}")
        c3.metric("Warnings failed", f"{int((failed.severity == 'warning').sum()):,}")
        st.subheader("Failed rules")
        ui.show_table(failed, "Failed quality rules", "quality_failed")
        with st.expander("All rules checked"):
            ui.show_table(results, "Quality results", "quality_all")

st.header("Rejected rows by reason")
if not missing("rejects_by_reason"):
    rejects = queries.table(path, "rejects_by_reason")
    if rejects.empty:
        st.success("No landing row was rejected.")
    else:
        by_reason = rejects.groupby("reason_code", as_index=False)["rejected_rows"].sum()
        by_reason = by_reason.sort_values("rejected_rows", ascending=False)
        ui.show_chart(
            charts.count_bars(by_reason, "reason_code", "rejected_rows", "Rejected rows by reason"),
            rejects,
            "Rejected rows by table, column and reason",
            "rejects",
        )

st.header("Identity match rates")
if not missing("identity_match_report"):
    matches = queries.table(path, "identity_match_report")
    matches["match_rate"] = matches["linked"] / matches["records"].where(matches["records"] > 0)
    ui.show_chart(
        charts.rate_bars(matches, "source", "match_rate", "Records linked to a student, by source"),
        matches,
        "Identity match report",
        "matches",
    )

st.header("Freshness")
if not missing("landing_freshness"):
    st.caption(f"Publication as of {publication['as_of']}.")
    ui.show_table(queries.table(path, "landing_freshness"), "Landing freshness", "freshness")

"""Pathways: completers of a program → the program they stack into → employed in Q2.

Anonymous sessions read the public file, funders their own file, administrators and the
data team the internal one; the table is `published_pathways` of that file."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, queries, ui

user = ui.require("pathways")
if user.role in ("admin", "data_team"):
    path = ui.tier_path(user, "internal")
elif user.role == "funder":
    path = ui.tier_path(user, "funder")
else:
    path = ui.tier_path(user, "public")
st.title("Pathways")
ui.publication_caption(path)
if not queries.has_table(path, "published_pathways"):
    st.info("No pathway data published in this file yet.")
    st.stop()
cohorts = queries.pathway_cohorts(path)
if not cohorts:
    st.info("No pathway data published in this file yet.")
    st.stop()
cohort = st.selectbox("Exit cohort", cohorts, index=max(0, len(cohorts) - 3), key="pathways_cohort")
names = dict(queries.programs(path).values[:, :2])
frame = queries.pathways(path, cohort)
title = f"Where completers of the {cohort} exit cohort went next"
st.subheader(title)
st.caption(
    "Left: the program completed. Middle: the program entered next, or none. Right: "
    "employment in the second quarter after exit. Withheld links (n<10, not yet observable) "
    "are left out of the diagram and listed in the table."
)
ui.show_chart(charts.pathway_sankey(frame, title, names), frame, title, "pathways")

"""Queries open the tier file afresh: an atomic rename during a rebuild is picked up, and a
reader holding the old file keeps answering from it."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboards import queries


def tier_file(path: Path, rows: list[tuple]) -> Path:
    """A minimal tier file: _publication, programs, published_metrics."""
    tmp = path.with_name(path.name + ".new")
    con = duckdb.connect(str(tmp))
    con.execute(
        "create table _publication as select 'public' as tier, date '2026-10-01' as as_of, "
        "'now' as published_at, 'test' as notice, 'p1' as publication_id"
    )
    con.execute("create table programs as select 'P1' as program_id, 'One' as program_name, "
                "'certificate' as credential_type")  # fmt: skip
    con.execute(
        "create table published_metrics (metric_id varchar, cohort_year bigint, "
        "program_id varchar, dimension varchar, group_value varchar, dimension_label varchar, "
        "dimension_sort bigint, group_label varchar, group_sort bigint, value double, "
        "value_low double, value_high double, display varchar, n_rounded bigint, "
        "status varchar)"
    )
    con.executemany("insert into published_metrics values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.close()
    os.replace(tmp, path)  # what equipath.publishing does
    return path


def row(value, display, cohort=2022):
    return ("completion_rate", cohort, "ALL", "all", "All", "All students", 0, "All", 0, value,
            value, value, display, 20, "published")  # fmt: skip


def test_a_renamed_file_is_read_on_the_next_query(tmp_path):
    path = tier_file(tmp_path / "public.duckdb", [row(0.5, "50%")])
    before = queries.file_version(path)
    first = queries.headline.uncached(path, "completion_rate", 2022)
    assert list(first.display) == ["50%"]
    # a reader that still has the old file open keeps answering from it
    old = duckdb.connect()
    old.execute(f"attach '{path}' as t (read_only)")
    tier_file(path, [row(0.75, "75%")])
    assert queries.file_version(path) != before
    assert list(queries.headline.uncached(path, "completion_rate", 2022).display) == ["75%"]
    assert old.execute("select display from t.published_metrics").fetchone() == ("50%",)
    old.close()


def test_the_cache_is_keyed_on_the_file_version(tmp_path):
    """Through Streamlit's cache (an AppTest script): the new publication shows at once."""
    path = tier_file(tmp_path / "public.duckdb", [row(0.5, "50%")])
    script = tmp_path / "probe.py"
    script.write_text(
        "import streamlit as st\n"
        "from pathlib import Path\n"
        "from dashboards import queries\n"
        f"frame = queries.headline(Path({str(path)!r}), 'completion_rate', 2022)\n"
        "st.write(frame.display.iloc[0])\n"
    )
    app = AppTest.from_file(str(script)).run()
    assert app.markdown[0].value == "50%"
    app.run()
    assert app.markdown[0].value == "50%"
    tier_file(path, [row(0.25, "25%")])
    app.run()
    assert app.markdown[0].value == "25%"


def test_missing_file_and_unknown_table_are_refused(tmp_path):
    with pytest.raises(FileNotFoundError):
        queries.read(tmp_path / "nope.duckdb", "select 1")
    path = tier_file(tmp_path / "public.duckdb", [row(0.5, "50%")])
    with pytest.raises(ValueError, match="not a reporting table"):
        queries.table.uncached(path, "published_metrics; drop table programs")
    assert queries.has_table.uncached(path, "programs")
    assert not queries.has_table.uncached(path, "published_pathways")


def test_filters_are_parameters_not_sql(tmp_path):
    path = tier_file(tmp_path / "public.duckdb", [row(0.5, "50%")])
    hostile = "completion_rate' or '1'='1"
    assert queries.headline.uncached(path, hostile, 2022).empty
    assert queries.cohorts.uncached(path, "completion_rate") == [2022]

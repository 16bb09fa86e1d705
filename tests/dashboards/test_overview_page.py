"""The landing page shows real numbers from the published internal file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"

pytestmark = pytest.mark.slow


def test_overview_shows_the_warehouse_counts(built_warehouse, monkeypatch):
    monkeypatch.setenv("EQUIPATH_PUBLISHED", str(built_warehouse.published))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    con = duckdb.connect(str(built_warehouse.published / "internal.duckdb"), read_only=True)
    try:
        expected = dict(con.execute("select label, value from warehouse_overview").fetchall())
    finally:
        con.close()
    shown = {m.label: m.value for m in app.metric}
    assert shown == {label: f"{value:,.0f}" for label, value in expected.items()}
    assert expected["Students"] > 1000
    assert len(app.dataframe) == 1


def test_overview_without_a_publication_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUIPATH_PUBLISHED", str(tmp_path))
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert "Run `equipath build` first" in app.error[0].value

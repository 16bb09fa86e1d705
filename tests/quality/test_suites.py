"""The committed suites: well-formed, one per contract table, and no rule owned twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from equipath.landing.contract import TABLES, TABLES_BY_NAME
from expectations.frames import LANDING
from expectations.runner import (
    GX_SEVERITY,
    SEVERITIES,
    SUITES_DIR,
    SuiteError,
    frames_of,
    load_suite,
    suite_names,
)

README = Path(__file__).resolve().parents[2] / "expectations" / "README.md"

#: Expectation types that judge one row's own values by a fixed rule: exactly what the
#: loader already decided (types, codes, formats, ranges, required values, keys, pairs).
ROW_LEVEL_TYPES = {
    "expect_column_values_to_match_regex",
    "expect_column_values_to_match_strftime_format",
    "expect_column_values_to_be_dateutil_parseable",
    "expect_column_values_to_be_of_type",
    "expect_column_values_to_be_in_type_list",
    "expect_column_values_to_be_unique",
    "expect_compound_columns_to_be_unique",
    "expect_select_column_values_to_be_unique_within_record",
    "expect_column_pair_values_a_to_be_greater_than_b",
    "expect_column_pair_values_to_be_equal",
    "expect_multicolumn_sum_to_equal",
}


def all_expectations() -> list[tuple[str, dict]]:
    return [(name, e) for name in suite_names() for e in load_suite(name)["expectations"]]


def test_one_suite_per_contract_table_and_the_landing_inventory():
    assert set(suite_names()) == {t.name for t in TABLES} | {LANDING}


@pytest.mark.parametrize("name", [t.name for t in TABLES] + [LANDING])
def test_suite_follows_the_conventions_and_gx_accepts_every_expectation(name):
    import great_expectations as gx

    suite = load_suite(name)
    assert suite["expectations"], name
    for expectation in suite["expectations"]:
        meta = expectation["meta"]
        assert meta["severity"] in SEVERITIES
        assert expectation["severity"] == GX_SEVERITY[meta["severity"]]
        assert meta["frame"] in frames_of(name)
    built = gx.ExpectationSuite(name=name, expectations=suite["expectations"])
    assert len(built.expectations) == len(suite["expectations"])


def test_rule_ids_are_unique_across_suites():
    rules = [e["meta"]["rule"] for _, e in all_expectations()]
    assert len(rules) == len(set(rules))


def test_every_table_has_both_severities_where_it_blocks():
    """Every error threshold on a share or a ratio has a gentler warning before it."""
    rules = {e["meta"]["rule"] for _, e in all_expectations()}
    for rule in rules:
        if rule.endswith("_error"):
            assert rule.removesuffix("_error") + "_warning" in rules, rule


def test_no_suite_re_judges_a_row_level_contract_rule():
    """One owner per rule: the loader decides about each row, so a suite may look at a
    contract column of the rows it loaded only against something the loader cannot know
    when the row loads (the catalog as it is now, as_of), never by a fixed rule."""
    for name, expectation in all_expectations():
        assert expectation["type"] not in ROW_LEVEL_TYPES, (name, expectation["meta"]["rule"])
        if expectation["meta"]["frame"] != "rows" or name == LANDING:
            continue
        column = expectation["kwargs"].get("column")
        if column in TABLES_BY_NAME[name].column_names:
            parameters = json.dumps(expectation["kwargs"])
            assert '"$PARAMETER"' in parameters, (name, expectation["meta"]["rule"])


def test_a_malformed_suite_is_refused(tmp_path, monkeypatch):
    broken = json.loads((SUITES_DIR / "funders.json").read_text())
    broken["expectations"][0]["meta"]["severity"] = "critical"
    (tmp_path / "funders.json").write_text(json.dumps(broken))
    monkeypatch.setattr("expectations.runner.SUITES_DIR", tmp_path)
    load_suite.cache_clear()
    try:
        with pytest.raises(SuiteError, match=r"meta\.severity"):
            load_suite("funders")
    finally:
        load_suite.cache_clear()


def test_readme_documents_every_rule():
    text = README.read_text(encoding="utf-8")
    missing = [e["meta"]["rule"] for _, e in all_expectations() if e["meta"]["rule"] not in text]
    assert not missing


def test_readme_thresholds_match_the_suites():
    """The README's threshold column is written from the suites; a changed threshold
    must change both."""
    listing = README.read_text(encoding="utf-8").split("## Every rule", 1)[1]
    for _, expectation in all_expectations():
        rule = expectation["meta"]["rule"]
        line = next(line for line in listing.splitlines() if line.startswith(f"| `{rule}` "))
        assert f"| {expectation['meta']['severity']} |" in line, rule
        for key in ("min_value", "max_value", "mostly"):
            value = expectation["kwargs"].get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                assert re.search(rf"(?<![\d.]){value:g}(?![\d])", line), (rule, key, value)

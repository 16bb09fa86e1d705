"""Report schedules and the landing sensor, evaluated with Dagster's own contexts, and the
definitions that carry them (what the Dagster UI lists)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from dagster import build_schedule_context, build_sensor_context, validate_run_config


@pytest.fixture(scope="module")
def defs():
    from orchestration.project import prepare_manifest

    prepare_manifest()
    from orchestration.definitions import defs as definitions

    return definitions


def test_definitions_carry_the_schedules_sensor_and_report_job(defs):
    assert {s.name for s in defs.schedules} == {"quarterly_funder_reports", "annual_funder_reports"}
    assert {s.name for s in defs.sensors} == {"new_landing_files"}
    from dagster import AssetKey

    report_key = AssetKey(["reports", "funder_reports"])
    build_all = defs.resolve_job_def("build_all").asset_layer.selected_asset_keys
    build_and_report = defs.resolve_job_def("build_and_report").asset_layer.selected_asset_keys
    assert report_key not in build_all  # a plain build renders no reports
    assert build_and_report == build_all | {report_key}  # the same graph, plus the reports


def test_crons_follow_the_wage_lag(monkeypatch):
    from orchestration import schedules

    monkeypatch.setenv(schedules.ENV_WAGE_LAG_DAYS, "45")
    monkeypatch.setenv(schedules.ENV_GRACE_DAYS, "7")
    assert schedules.delay_days() == 52
    # 52 days after 31 Mar, 30 Jun, 30 Sep, 31 Dec
    assert schedules.quarterly_crons(52) == [
        "0 6 21 11 *",
        "0 6 21 2 *",
        "0 6 21 8 *",
        "0 6 22 5 *",
    ]
    assert schedules.annual_cron(52) == "0 6 21 2 *"
    monkeypatch.setenv(schedules.ENV_WAGE_LAG_DAYS, "0")
    monkeypatch.setenv(schedules.ENV_GRACE_DAYS, "1")
    assert schedules.quarterly_crons(schedules.delay_days())[0] == "0 6 1 1 *"


@pytest.mark.parametrize(
    ("name", "tick", "frequency", "period"),
    [
        ("quarterly_funder_reports", datetime(2026, 11, 21, 6, tzinfo=UTC), "quarterly", "2026Q3"),
        ("quarterly_funder_reports", datetime(2026, 5, 22, 6, tzinfo=UTC), "quarterly", "2026Q1"),
        ("annual_funder_reports", datetime(2027, 2, 21, 6, tzinfo=UTC), "annual", "2026"),
    ],
)
def test_schedule_tick_builds_and_reports_the_period_just_ended(
    defs, monkeypatch, tmp_path, name, tick, frequency, period
):
    monkeypatch.setenv("EQUIPATH_LANDING", str(tmp_path))
    schedule = defs.resolve_schedule_def(name)
    data = schedule.evaluate_tick(build_schedule_context(scheduled_execution_time=tick))
    [request] = data.run_requests
    config = request.run_config
    assert config["resources"]["settings"]["config"]["as_of"] == tick.date().isoformat()
    assert config["ops"]["reports__funder_reports"]["config"] == {
        "frequency": frequency,
        "period": period,
    }
    assert request.tags["equipath/period"] == period
    # the run config is valid for the job the schedule targets
    assert validate_run_config(defs.resolve_job_def(schedule.job_name), config)


def test_schedule_skips_without_a_landing_folder(defs, monkeypatch):
    monkeypatch.delenv("EQUIPATH_LANDING", raising=False)
    schedule = defs.resolve_schedule_def("quarterly_funder_reports")
    data = schedule.evaluate_tick(
        build_schedule_context(scheduled_execution_time=datetime(2026, 11, 21, 6, tzinfo=UTC))
    )
    assert not data.run_requests
    assert "EQUIPATH_LANDING" in data.skip_message


def test_sensor_starts_a_build_when_landing_files_arrive(defs, monkeypatch, tmp_path):
    landing = tmp_path / "landing"
    (landing / "wages").mkdir(parents=True)
    (landing / "wages" / "wages_2026Q1.csv").write_text("ssn,year\n")
    monkeypatch.setenv("EQUIPATH_LANDING", str(landing))
    monkeypatch.setenv("EQUIPATH_AS_OF", "2026-10-01")
    sensor = defs.resolve_sensor_def("new_landing_files")
    assert sensor.job_name == "build_all"

    first = sensor.evaluate_tick(build_sensor_context(cursor=None, definitions=defs))
    [request] = first.run_requests
    assert request.run_config["resources"]["settings"]["config"]["as_of"] == "2026-10-01"
    assert first.cursor

    same = sensor.evaluate_tick(build_sensor_context(cursor=first.cursor, definitions=defs))
    assert not same.run_requests
    assert "no new landing files" in same.skip_message

    (landing / ".wages_2026Q2.csv.part").write_text("partial upload")  # hidden: ignored
    hidden = sensor.evaluate_tick(build_sensor_context(cursor=first.cursor, definitions=defs))
    assert not hidden.run_requests

    (landing / "wages" / "wages_2026Q2.csv").write_text("ssn,year\n")
    second = sensor.evaluate_tick(build_sensor_context(cursor=first.cursor, definitions=defs))
    [again] = second.run_requests
    assert second.cursor != first.cursor
    assert again.run_key != request.run_key


def test_sensor_skips_without_a_landing_folder(defs, monkeypatch):
    monkeypatch.setenv("EQUIPATH_LANDING", os.devnull + "-missing")
    sensor = defs.resolve_sensor_def("new_landing_files")
    data = sensor.evaluate_tick(build_sensor_context(definitions=defs))
    assert not data.run_requests and "EQUIPATH_LANDING" in data.skip_message

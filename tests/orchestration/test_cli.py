"""CLI failure paths: each stops early with a message that says what to do."""

from __future__ import annotations

import pytest

from equipath.cli import main


def test_build_without_a_key_stops_with_exit_2(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("EQUIPATH_SECRET_KEY", raising=False)
    (tmp_path / "landing").mkdir()
    code = main(
        [
            "build",
            "--landing",
            str(tmp_path / "landing"),
            "--as-of",
            "2026-01-01",
            "--warehouse",
            str(tmp_path / "w.duckdb"),
        ]
    )
    assert code == 2
    assert "EQUIPATH_SECRET_KEY is not set" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()


def test_build_with_missing_landing_folder(tmp_path, capsys):
    code = main(["build", "--landing", str(tmp_path / "nope"), "--as-of", "2026-01-01"])
    assert code == 1
    assert "does not exist" in capsys.readouterr().err


def test_bad_as_of_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--landing", ".", "--as-of", "01/02/2026"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_export_of_a_missing_warehouse(tmp_path, capsys):
    code = main(
        [
            "export",
            "rejects",
            "--warehouse",
            str(tmp_path / "x.duckdb"),
            "--out",
            str(tmp_path / "r.csv"),
        ]
    )
    assert code == 1
    assert "run `equipath build` first" in capsys.readouterr().err

"""Sign-in and the role → tier-file decision: a session never opens another role's file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dashboards import auth
from equipath import cli

FAST = 1_000  # iterations for tests; the default is 600 000


def test_hash_round_trip_and_format():
    encoded = auth.hash_password("correct horse", iterations=FAST)
    scheme, iterations, salt, digest = encoded.split("$")
    assert (scheme, iterations) == ("pbkdf2_sha256", "1000")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert auth.verify_password("correct horse", encoded)
    assert not auth.verify_password("correct horsE", encoded)
    # a fresh salt each time: the same password never gives the same hash
    assert auth.hash_password("correct horse", iterations=FAST) != encoded


def test_hash_matches_an_independent_pbkdf2():
    import hashlib

    encoded = auth.hash_password("pw", iterations=FAST)
    _, _, salt, digest = encoded.split("$")
    expected = hashlib.pbkdf2_hmac("sha256", b"pw", bytes.fromhex(salt), FAST).hex()
    assert digest == expected


@pytest.mark.parametrize(
    "bad", [None, "", "plain", "md5$1$00$00", "pbkdf2_sha256$x$00$00", "pbkdf2_sha256$0$00$00"]
)
def test_malformed_hashes_never_verify(bad):
    assert not auth.verify_password("pw", bad)


def test_users_file_add_load_authenticate(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user(path, "alice", "admin", "pw-alice", iterations=FAST, email="Alice@Example.org")
    auth.add_user(path, "f1", "funder", "pw-f1", funder_id="F1", iterations=FAST)
    assert path.stat().st_mode & 0o777 == 0o600
    data = tomllib.loads(path.read_text())
    assert data["users"]["f1"]["funder_id"] == "F1"
    assert "pw-f1" not in path.read_text()
    users = auth.load_users(path)
    assert {n: (u.role, u.funder_id) for n, u in users.items()} == {
        "alice": ("admin", None),
        "f1": ("funder", "F1"),
    }
    assert auth.authenticate("alice", "pw-alice", path).role == "admin"
    assert auth.authenticate("alice", "pw-f1", path) is None
    assert auth.authenticate("nobody", "pw-alice", path) is None
    # OIDC identities map by email, case-insensitively
    assert auth.user_for_email("alice@example.ORG", path).name == "alice"
    assert auth.user_for_email("bob@example.org", path) is None
    # replacing a user keeps the others
    auth.add_user(path, "alice", "data_team", "new", iterations=FAST)
    assert auth.load_users(path)["alice"].role == "data_team"
    assert "f1" in auth.load_users(path)


@pytest.mark.parametrize(
    "entry",
    [
        'role = "root"\npassword_hash = "x"',
        'role = "funder"\npassword_hash = "x"',
        'role = "funder"\nfunder_id = "../internal"\npassword_hash = "x"',
    ],
)
def test_malformed_users_are_refused(tmp_path, entry):
    path = tmp_path / "users.toml"
    path.write_text(f"[users.x]\n{entry}\n")
    with pytest.raises(auth.UsersFileError):
        auth.load_users(path)


def test_demo_users_once(tmp_path):
    path = tmp_path / "demo.toml"
    passwords = auth.create_demo_users(path, iterations=FAST)
    assert set(passwords) == {name for name, _, _ in auth.DEMO_USERS}
    for name, password in passwords.items():
        assert auth.authenticate(name, password, path).name == name
    assert auth.load_users(path)["funder-f1"].funder_id == "F1"
    assert auth.create_demo_users(path, iterations=FAST) == {}  # never overwrites


def test_cli_adds_a_user_from_the_environment(tmp_path, monkeypatch, capsys):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("EQUIPATH_DASHBOARD_PASSWORD", "s3cret-enough")
    code = cli.main(
        ["dashboard-user", "add", "--name", "carol", "--role", "funder", "--funder", "F2",
         "--users", str(path)]
    )  # fmt: skip
    assert code == 0
    assert "s3cret-enough" not in capsys.readouterr().out
    user = auth.authenticate("carol", "s3cret-enough", path)
    assert (user.role, user.funder_id) == ("funder", "F2")
    assert cli.main(["dashboard-user", "add", "--name", "d", "--role", "funder",
                     "--users", str(path)]) == 1  # fmt: skip


# --- the access decision -------------------------------------------------------------------

FOLDER = Path("/published")


def test_public_session_opens_only_the_public_file():
    assert auth.tier_file_for("public", None, "public", FOLDER) == FOLDER / "public.duckdb"
    with pytest.raises(PermissionError):
        auth.tier_file_for("public", None, "internal", FOLDER)
    for funder in ("F1", "F2", None):
        with pytest.raises(PermissionError):
            auth.tier_file_for("public", funder, "funder", FOLDER)


def test_funder_session_opens_only_its_own_funder_file():
    f1 = auth.User("f1", "funder", "F1")
    assert auth.user_tier_file(f1, "funder").name == "F1.duckdb"
    assert auth.user_tier_file(f1, "funder", "F1").name == "F1.duckdb"
    with pytest.raises(PermissionError):
        auth.user_tier_file(f1, "funder", "F2")
    with pytest.raises(PermissionError):
        auth.user_tier_file(f1, "internal")
    with pytest.raises(PermissionError):
        auth.tier_file_for("funder", "../internal", "funder", FOLDER)
    assert auth.user_tier_file(f1, "public").name == "public.duckdb"


def test_staff_roles():
    for role in ("admin", "data_team"):
        assert auth.tier_file_for(role, None, "internal", FOLDER) == FOLDER / "internal.duckdb"
    assert auth.tier_file_for("admin", "F3", "funder", FOLDER) == FOLDER / "funders/F3.duckdb"
    with pytest.raises(PermissionError):
        auth.tier_file_for("data_team", "F1", "funder", FOLDER)
    with pytest.raises(PermissionError):
        auth.tier_file_for("admin", None, "warehouse", FOLDER)


def test_pages_by_role():
    visible = {
        role: [p for p in auth.PAGE_ROLES if auth.can_see(role, p)]
        for role in ("public", "funder", "data_team", "admin")
    }
    assert visible == {
        "public": ["public", "pathways"],
        "funder": ["public", "funder", "pathways"],
        "data_team": ["public", "equity", "pathways", "quality"],
        "admin": ["public", "equity", "funder", "pathways", "quality"],
    }


def test_serve_creates_demo_users_once_and_hands_the_file_to_the_app(tmp_path, monkeypatch, capsys):
    (tmp_path / "published").mkdir()
    (tmp_path / "published" / "internal.duckdb").touch()
    users = tmp_path / "secrets" / "users.toml"
    monkeypatch.setenv("EQUIPATH_DASHBOARD_USERS", str(users))
    monkeypatch.setattr(auth, "DEFAULT_ITERATIONS", FAST)
    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda cmd, **kw: calls.append(cmd) or 0)
    warehouse = str(tmp_path / "warehouse.duckdb")
    assert cli.main(["serve", "--warehouse", warehouse, "--port", "8599"]) == 0
    out = capsys.readouterr().out
    passwords = {
        line.split()[0]: line.split()[2]
        for line in out.splitlines()
        if line.startswith("  ") and len(line.split()) == 3
    }
    assert set(passwords) == {name for name, _, _ in auth.DEMO_USERS}
    for name, password in passwords.items():
        assert auth.authenticate(name, password, users) is not None
    assert calls[0][1:4] == ["-m", "streamlit", "run"] and "--server.port=8599" in calls[0]
    # the second start keeps the users and prints no password
    assert cli.main(["serve", "--warehouse", warehouse]) == 0
    out = capsys.readouterr().out
    assert not any(p in out for p in passwords.values())
    assert auth.authenticate("admin", passwords["admin"], users) is not None

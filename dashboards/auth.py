"""Who may open which tier file: users, roles, password hashes and the one access decision.

Roles (PRIVACY.md tiers):

- `public`: anyone, no sign-in; `public.duckdb` only.
- `funder`: a funder's staff; `public.duckdb` and `funders/<own funder_id>.duckdb`.
- `data_team`: the people who run the pipeline; `public.duckdb` and `internal.duckdb` (the
  data-quality view reads the load accounting there).
- `admin`: administrators; every file.

Every query a page runs takes its path from `tier_file_for`, so the decision lives in one
place and a page can never open another role's file by building a path itself.

Dev sign-in reads a TOML users file (`EQUIPATH_DASHBOARD_USERS`, default
`.secrets/dashboard_users.toml`, git-ignored)::

    [users.alice]
    role = "admin"
    password_hash = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"
    email = "alice@example.org"     # optional: maps an OIDC (st.login) identity to the role

    [users.f1]
    role = "funder"
    funder_id = "F1"
    password_hash = "…"

This module does not import Streamlit, so the CLI and the tests use it directly.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

ENV_USERS = "EQUIPATH_DASHBOARD_USERS"
DEFAULT_USERS = Path(".secrets") / "dashboard_users.toml"
ENV_PUBLISHED = "EQUIPATH_PUBLISHED"

ROLES = ("admin", "data_team", "funder")
PUBLIC = "public"
TIERS = ("public", "internal", "funder")

#: OWASP's 2023 figure for PBKDF2-HMAC-SHA256
DEFAULT_ITERATIONS = 600_000
HASH_SCHEME = "pbkdf2_sha256"

#: a user or funder id never climbs out of the folder nor breaks the TOML table header
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")

#: page key → roles that see it (public sees the pages listed with "public")
PAGE_ROLES: dict[str, tuple[str, ...]] = {
    "public": (PUBLIC, "admin", "data_team", "funder"),
    "equity": ("admin", "data_team"),
    "funder": ("funder", "admin"),
    "pathways": (PUBLIC, "admin", "data_team", "funder"),
    "quality": ("admin", "data_team"),
}


@dataclass(frozen=True)
class User:
    """A signed-in (or anonymous) dashboard session's identity."""

    name: str
    role: str
    funder_id: str | None = None
    email: str | None = None
    password_hash: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.role != PUBLIC


ANONYMOUS = User(name="", role=PUBLIC)


class UsersFileError(ValueError):
    """The users file is malformed: a role, funder id or hash the app cannot trust."""


def users_path() -> Path:
    """The users file named by the environment, else the git-ignored default."""
    return Path(os.environ.get(ENV_USERS) or DEFAULT_USERS)


def published_dir() -> Path:
    """The folder of tier files, set by `equipath serve` (and the tests)."""
    return Path(os.environ.get(ENV_PUBLISHED, "published"))


# --- passwords ---------------------------------------------------------------------------


def hash_password(password: str, *, iterations: int | None = None) -> str:
    """`pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>` with a fresh 16-byte salt."""
    iterations = iterations or DEFAULT_ITERATIONS
    if not password:
        raise ValueError("a password cannot be empty")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, encoded: str | None) -> bool:
    """Constant-time check of a password against a stored hash; malformed hashes fail."""
    if not encoded:
        return False
    try:
        scheme, iterations, salt_hex, hash_hex = encoded.split("$")
        rounds = int(iterations)
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if scheme != HASH_SCHEME or rounds < 1 or not expected:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, rounds)
    return hmac.compare_digest(digest, expected)


# --- users file --------------------------------------------------------------------------


def _validated(name: str, entry: dict) -> User:
    role = entry.get("role")
    if role not in ROLES:
        raise UsersFileError(f"user '{name}': role must be one of {', '.join(ROLES)}")
    funder_id = entry.get("funder_id")
    if role == "funder" and not (isinstance(funder_id, str) and _SAFE_ID.match(funder_id)):
        raise UsersFileError(f"user '{name}': a funder needs a funder_id like \"F1\"")
    if role != "funder":
        funder_id = None
    return User(
        name=name,
        role=role,
        funder_id=funder_id,
        email=(entry.get("email") or None),
        password_hash=entry.get("password_hash"),
    )


def load_users(path: Path | None = None) -> dict[str, User]:
    """The users of the file (empty when there is none); a malformed entry raises."""
    path = path or users_path()
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {name: _validated(name, entry) for name, entry in data.get("users", {}).items()}


_DUMMY_HASH: str | None = None


def authenticate(username: str, password: str, path: Path | None = None) -> User | None:
    """The user whose password matches, else None (same work whether or not the name exists)."""
    global _DUMMY_HASH
    user = load_users(path).get(username.strip())
    if user is None:
        # spend the same time as a real check so a wrong name is not told apart by timing
        _DUMMY_HASH = _DUMMY_HASH or hash_password(secrets.token_hex(8))
        verify_password(password, _DUMMY_HASH)
        return None
    return user if verify_password(password, user.password_hash) else None


def user_for_email(email: str | None, path: Path | None = None) -> User | None:
    """The role of an OIDC identity: the users-file entry with that email (or that name)."""
    if not email:
        return None
    wanted = email.strip().lower()
    for user in load_users(path).values():
        if (user.email or "").lower() == wanted or user.name.lower() == wanted:
            return user
    return None


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_user(
    path: Path,
    name: str,
    role: str,
    password: str,
    *,
    funder_id: str | None = None,
    email: str | None = None,
    iterations: int | None = None,
) -> User:
    """Add or replace one user in the users file (created with mode 0600)."""
    if not _SAFE_ID.match(name):
        raise UsersFileError(f"user name '{name}': letters, digits, '.', '_', '-', '@' only")
    entry: dict[str, str] = {"role": role}
    if funder_id:
        entry["funder_id"] = funder_id
    if email:
        entry["email"] = email
    entry["password_hash"] = hash_password(password, iterations=iterations)
    user = _validated(name, entry)
    users = load_users(path)
    users[name] = user
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# equipath dashboard users: `equipath dashboard-user add`. Keep this file private.",
        "",
    ]
    for u in users.values():
        lines.append(f"[users.{_toml_string(u.name)}]")
        lines.append(f"role = {_toml_string(u.role)}")
        if u.funder_id:
            lines.append(f"funder_id = {_toml_string(u.funder_id)}")
        if u.email:
            lines.append(f"email = {_toml_string(u.email)}")
        lines.append(f"password_hash = {_toml_string(u.password_hash or '')}")
        lines.append("")
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    os.replace(tmp, path)
    return user


DEMO_USERS: tuple[tuple[str, str, str | None], ...] = (
    ("admin", "admin", None),
    ("data", "data_team", None),
    ("funder-f1", "funder", "F1"),
    ("funder-f2", "funder", "F2"),
)


def create_demo_users(path: Path, *, iterations: int | None = None) -> dict[str, str]:
    """A users file for the local demo with random passwords; returns name → password.

    Does nothing (returns {}) when the file exists: the demo never overwrites real users."""
    if path.exists():
        return {}
    passwords: dict[str, str] = {}
    for name, role, funder_id in DEMO_USERS:
        passwords[name] = secrets.token_urlsafe(12)
        add_user(path, name, role, passwords[name], funder_id=funder_id, iterations=iterations)
    return passwords


# --- the access decision -----------------------------------------------------------------


def can_see(role: str, page: str) -> bool:
    """Whether a page is listed (and renders) for a role."""
    return role in PAGE_ROLES.get(page, ())


def tier_file_for(
    role: str, funder_id: str | None, tier: str, published: Path | None = None
) -> Path:
    """The tier file a session of `role` may open, or PermissionError.

    `funder_id` is the session's own funder for the funder tier (admins name any funder).
    The only way pages and queries obtain a tier path."""
    folder = published or published_dir()
    if tier == "public":
        return folder / "public.duckdb"
    if tier == "internal":
        if role in ("admin", "data_team"):
            return folder / "internal.duckdb"
        raise PermissionError(f"role '{role}' may not open the internal tier")
    if tier == "funder":
        if role not in ("funder", "admin"):
            raise PermissionError(f"role '{role}' may not open a funder file")
        if not (funder_id and _SAFE_ID.match(funder_id)):
            raise PermissionError("a funder file needs the session's funder id")
        return folder / "funders" / f"{funder_id}.duckdb"
    raise PermissionError(f"unknown tier '{tier}'")


def user_tier_file(user: User, tier: str, funder_id: str | None = None) -> Path:
    """`tier_file_for` for a session: a funder always gets its own file, whatever it asks."""
    if user.role == "funder":
        if funder_id not in (None, user.funder_id):
            raise PermissionError(f"funder {user.funder_id} may not open funder {funder_id}")
        funder_id = user.funder_id
    return tier_file_for(user.role, funder_id, tier)


def funder_ids(published: Path | None = None) -> list[str]:
    """Funder files present in the publication (for an administrator's funder picker)."""
    folder = (published or published_dir()) / "funders"
    return sorted(p.stem for p in folder.glob("*.duckdb") if _SAFE_ID.match(p.stem))

"""Keyed pseudonyms for direct identifiers (PRIVACY.md, "Identifiers").

A plain hash of an SSN can be reversed by enumerating the billion possible SSNs; a keyed
HMAC cannot without the key. The same person gets the same key in every source, so the
warehouse can still link SIS, LMS, employer and wage records.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from functools import lru_cache

KEY_ENV = "EQUIPATH_SECRET_KEY"
MIN_KEY_LENGTH = 16


class MissingSecretKeyError(RuntimeError):
    """Raised when a build would write identifiers without a secret key."""


def secret_key_from_env() -> bytes:
    """The HMAC key, from the environment only, so it never lands in the repo."""
    value = os.environ.get(KEY_ENV, "")
    if not value:
        raise MissingSecretKeyError(
            f"{KEY_ENV} is not set. equipath replaces SSNs, names and emails with keyed "
            "hashes and refuses to build without the key. Fix: export "
            f"{KEY_ENV}=<a long random secret kept outside the repo> (for example "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`); keep the same key "
            "for every build of one warehouse, or its identities will not link. `make demo` "
            "makes one in .secrets/equipath.key."
        )
    if len(value) < MIN_KEY_LENGTH:
        raise MissingSecretKeyError(
            f"{KEY_ENV} is {len(value)} characters long; use at least {MIN_KEY_LENGTH} "
            "random characters (64 hex digits recommended)."
        )
    return value.encode("utf-8")


def normalise_ssn(value: str) -> str:
    """Digits only: `123-45-6789` and `123456789` are the same person."""
    return "".join(ch for ch in value if ch.isdigit())


def normalise_email(value: str) -> str:
    """Trimmed and lower-cased: mailboxes are matched case-insensitively."""
    return value.strip().lower()


def normalise_name(value: str) -> str:
    """Trimmed, lower-cased, accents removed: `José ` and `jose` match."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Pseudonymiser:
    """HMAC-SHA256 of a normalised identifier, domain-separated by kind.

    The kind prefix keeps an SSN key from ever equalling an email key of the same text.
    """

    def __init__(self, key: bytes) -> None:
        if not key:
            raise MissingSecretKeyError("the pseudonymisation key is empty")
        self._key = key
        self.ssn = lru_cache(maxsize=1 << 20)(self._ssn)
        self.email = lru_cache(maxsize=1 << 20)(self._email)
        self.name = lru_cache(maxsize=1 << 20)(self._name)

    def _digest(self, kind: str, normalised: str) -> str:
        return hmac.new(self._key, f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()

    def _ssn(self, value: str) -> str:
        return self._digest("ssn", normalise_ssn(value))

    def _email(self, value: str) -> str:
        return self._digest("email", normalise_email(value))

    def _name(self, value: str) -> str:
        return self._digest("name", normalise_name(value))

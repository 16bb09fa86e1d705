"""Keyed pseudonyms: normalisation makes variants meet, the key makes them unguessable."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from equipath.landing.pseudonymise import (
    KEY_ENV,
    MissingSecretKeyError,
    Pseudonymiser,
    normalise_email,
    normalise_name,
    normalise_ssn,
    secret_key_from_env,
)

KEY = b"test-key-0123456789abcdef"


def test_normalisation_rules_of_privacy_md():
    assert normalise_ssn("123-45-6789") == "123456789"
    assert normalise_email("  Ana.Lopez@Example.ORG ") == "ana.lopez@example.org"
    assert normalise_name("  José ") == "jose"
    assert normalise_name("NGUYỄN") == "nguyen"
    assert normalise_name("Zoë") == "zoe"


def test_key_is_hmac_sha256_of_kind_and_normalised_value():
    ps = Pseudonymiser(KEY)
    expected = hmac.new(KEY, b"ssn:123456789", hashlib.sha256).hexdigest()
    assert ps.ssn("123-45-6789") == expected
    assert ps.ssn("123456789") == expected
    assert ps.email("A@B.ORG") == hmac.new(KEY, b"email:a@b.org", hashlib.sha256).hexdigest()
    assert ps.name("Müller") == ps.name("muller")


def test_another_key_gives_other_pseudonyms_and_kinds_do_not_collide():
    assert Pseudonymiser(KEY).ssn("123456789") != Pseudonymiser(KEY + b"x").ssn("123456789")
    assert Pseudonymiser(KEY).email("ana") != Pseudonymiser(KEY).name("ana")
    # a plain (unkeyed) hash would be reversible by enumeration; ours is not that hash
    assert Pseudonymiser(KEY).ssn("123456789") != hashlib.sha256(b"123456789").hexdigest()


def test_missing_or_short_key_stops_with_a_clear_error(monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(MissingSecretKeyError, match="EQUIPATH_SECRET_KEY is not set"):
        secret_key_from_env()
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(MissingSecretKeyError, match="at least 16"):
        secret_key_from_env()
    monkeypatch.setenv(KEY_ENV, "x" * 32)
    assert secret_key_from_env() == b"x" * 32

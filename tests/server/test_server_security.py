"""Unit tests of opexdesk.server.security: argon2id passwords and opaque tokens."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import extract_parameters

from opexdesk.server.config import PasswordHashing
from opexdesk.server.errors import InvalidInputError
from opexdesk.server.security import (
    MIN_PASSWORD_LENGTH,
    Passwords,
    check_password_strength,
    hash_token,
    is_expired,
    new_token,
    token_kind,
    token_matches,
)

FAST = PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1)


@pytest.fixture(scope="module")
def default_passwords() -> Passwords:
    return Passwords(PasswordHashing())


def test_default_hash_is_argon2id_with_rfc9106_parameters(default_passwords: Passwords) -> None:
    stored = default_passwords.hash("correct horse battery")
    assert stored.startswith("$argon2id$v=19$")
    params = extract_parameters(stored)
    assert (params.time_cost, params.memory_cost, params.parallelism) == (3, 65536, 4)
    assert default_passwords.verify(stored, "correct horse battery")
    assert not default_passwords.verify(stored, "correct horse batterY")
    assert not default_passwords.needs_rehash(stored)


def test_each_hash_has_its_own_salt() -> None:
    passwords = Passwords(FAST)
    first, second = passwords.hash("same password"), passwords.hash("same password")
    assert first != second
    assert passwords.verify(first, "same password") and passwords.verify(second, "same password")


def test_unicode_passwords_round_trip() -> None:
    passwords = Passwords(FAST)
    stored = passwords.hash("密码是打印机卡纸 ✓")
    assert passwords.verify(stored, "密码是打印机卡纸 ✓")
    assert not passwords.verify(stored, "密码是打印机卡纸")


def test_rehash_needed_when_parameters_change() -> None:
    old = Passwords(FAST)
    new = Passwords(PasswordHashing(time_cost=2, memory_cost_kib=2048, parallelism=1))
    stored = old.hash("correct horse battery")
    assert not old.needs_rehash(stored)
    assert new.needs_rehash(stored)
    # The old hash still verifies under the new parameters (they are read from the hash).
    assert new.verify(stored, "correct horse battery")
    assert not new.needs_rehash(new.hash("correct horse battery"))


def test_unknown_user_and_garbage_hashes_never_verify() -> None:
    passwords = Passwords(FAST)
    assert not passwords.verify(None, "anything at all")
    assert not passwords.verify("not-a-hash", "anything at all")
    assert not passwords.verify("$argon2id$v=19$m=1024,t=1,p=1$garbage", "anything at all")
    assert passwords.needs_rehash("not-a-hash")


def test_hashing_concurrency_is_bounded() -> None:
    """At most max_concurrent hashes run at once (each holds memory_cost of RAM)."""
    passwords = Passwords(
        PasswordHashing(time_cost=1, memory_cost_kib=1024, parallelism=1, max_concurrent=2)
    )
    real = passwords._hasher
    active = peak = 0
    lock = threading.Lock()
    started = threading.Barrier(8)

    class CountingHasher:
        def hash(self, password: str) -> str:
            nonlocal active, peak
            with lock:
                active += 1
                peak = max(peak, active)
            try:
                time.sleep(0.02)  # long enough for the others to pile up
                return real.hash(password)
            finally:
                with lock:
                    active -= 1

    passwords._hasher = CountingHasher()  # type: ignore[assignment]

    def run(i: int) -> None:
        started.wait()
        passwords.hash(f"password-{i}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 2


def test_tokens_are_random_prefixed_and_hashed_with_sha256() -> None:
    tokens = {new_token("access") for _ in range(200)}
    assert len(tokens) == 200
    token = new_token("refresh")
    assert token.startswith("odr_") and len(token) == 4 + 43
    assert token_kind(token) == "refresh"
    assert token_kind(new_token("access")) == "access"
    assert hash_token(token) == hashlib.sha256(token.encode()).hexdigest()
    assert len(hash_token(token)) == 64 and token not in hash_token(token)


def test_token_kind_rejects_foreign_and_oversized_text() -> None:
    assert token_kind("Bearer abc") is None
    assert token_kind("") is None
    assert token_kind("oda_" + "x" * 500) is None
    assert token_kind("eyJhbGciOiJIUzI1NiJ9.e30.sig") is None


def test_token_matches_compares_hashes() -> None:
    token = new_token("access")
    stored = hash_token(token)
    assert token_matches(token, stored)
    assert not token_matches(new_token("access"), stored)
    assert not token_matches(token, "0" * 64)


def test_expiry_is_exclusive_of_the_expiry_instant() -> None:
    expires = datetime(2026, 6, 1, 9, 15, tzinfo=UTC)
    assert not is_expired(expires, expires - timedelta(microseconds=1))
    assert is_expired(expires, expires)
    assert is_expired(expires, expires + timedelta(days=1))


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "too short"),
        ("x" * (MIN_PASSWORD_LENGTH - 1), "too short"),
        (" " * 12, "only spaces"),
        ("Technician1", "cannot be the username"),
        ("x" * 1025, "too long"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        check_password_strength(password, "technician1")


def test_acceptable_passwords_pass() -> None:
    check_password_strength("x" * MIN_PASSWORD_LENGTH, "tom")
    check_password_strength("打印机卡纸打印机卡纸打印", "tom")

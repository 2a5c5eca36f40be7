"""Passwords (argon2id) and opaque bearer tokens (random, stored only as SHA-256).

Why opaque tokens and not JWTs: every request already reads the user (to see a disabled
account or a changed role at once), and a database row per token makes revocation exact,
which a self-contained signed token cannot give before it expires.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from datetime import datetime
from functools import cached_property
from typing import Literal

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from opexdesk.domain.kept_messages import Message
from opexdesk.server.config import PasswordHashing
from opexdesk.server.errors import InvalidInputError

TokenKind = Literal["access", "refresh"]

# A readable prefix says what a token is (a refresh token sent as a bearer token gets a
# precise answer) and lets secret scanners find leaked ones; 32 random bytes follow.
TOKEN_PREFIXES: dict[TokenKind, str] = {"access": "oda_", "refresh": "odr_"}
TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters; anything much longer is not one of ours.
TOKEN_MAX_LENGTH = 64

MIN_PASSWORD_LENGTH = 10
# argon2 takes any length, but hashing megabytes per request would be a cheap denial of service.
MAX_PASSWORD_LENGTH = 1024


def new_token(kind: TokenKind) -> str:
    """A fresh token of ``kind``: its prefix and 32 bytes from the OS CSPRNG (base64url)."""
    return TOKEN_PREFIXES[kind] + secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The hex SHA-256 stored for a token.

    A fast hash is right here (unlike passwords): the input has 256 bits of entropy, so
    nobody can guess it from the hash; a stolen table of hashes gives no usable token.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_kind(token: str) -> TokenKind | None:
    """Which kind of token the text claims to be, or None when it is not ours at all."""
    if len(token) > TOKEN_MAX_LENGTH:
        return None
    for kind, prefix in TOKEN_PREFIXES.items():
        if token.startswith(prefix):
            return kind
    return None


def token_matches(token: str, stored_hash: str) -> bool:
    """Constant-time check that ``token`` hashes to ``stored_hash``."""
    return hmac.compare_digest(hash_token(token).encode("ascii"), stored_hash.encode("ascii"))


def is_expired(expires_at: datetime, now: datetime) -> bool:
    """A token is valid strictly before its expiry time."""
    return now >= expires_at


def check_password_strength(password: str, username: str | None = None) -> None:
    """Raise ``InvalidInputError`` with the reason when ``password`` is not acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(
            Message(
                "The password is too short: use at least {limit} characters.",
                limit=MIN_PASSWORD_LENGTH,
            )
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInputError(
            Message(
                "The password is too long: use at most {limit} characters.",
                limit=MAX_PASSWORD_LENGTH,
            )
        )
    if not password.strip():
        raise InvalidInputError("The password cannot be only spaces.")
    if username and password.casefold() == username.casefold():
        raise InvalidInputError("The password cannot be the username.")


class Passwords:
    """argon2id hashing and verification with bounded concurrency; thread-safe."""

    def __init__(self, params: PasswordHashing) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_cost_kib,
            parallelism=params.parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )
        self._slots = threading.BoundedSemaphore(params.max_concurrent)

    @cached_property
    def _dummy_hash(self) -> str:
        # Checked against when the username is unknown, so an unknown name costs the same
        # time as a wrong password and response times do not reveal which accounts exist.
        # Made on first use (the CLI never needs it); two threads making it at once is harmless.
        return self.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        """A PHC-format argon2id hash of ``password`` with a fresh random salt."""
        with self._slots:
            return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; False for a mismatch or an unusable stored hash.

        ``stored_hash=None`` (unknown user) still spends one full verification.
        """
        target = stored_hash if stored_hash is not None else self._dummy_hash
        with self._slots:
            try:
                self._hasher.verify(target, password)  # returns True or raises
            except (VerifyMismatchError, InvalidHashError, VerificationError):
                return False
        return stored_hash is not None

    def needs_rehash(self, stored_hash: str) -> bool:
        """True when the hash was made with other parameters than the current ones."""
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except (InvalidHashError, ValueError):
            return True

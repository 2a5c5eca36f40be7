"""Sign-in, token refresh with rotation and reuse detection, sign-out, bearer checks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.domain.enums import Role
from opexdesk.server.config import Clock, ServerSettings, utc_now
from opexdesk.server.database import ServerDatabase
from opexdesk.server.errors import (
    AccountDisabledError,
    AuthenticationError,
    InvalidInputError,
    ServerError,
)
from opexdesk.server.login_limits import LoginLimiter
from opexdesk.server.models import USERNAME_MAX, AuthToken, User
from opexdesk.server.security import (
    Passwords,
    hash_token,
    is_expired,
    token_kind,
    token_matches,
)
from opexdesk.server.tokens import (
    IssuedTokens,
    find_token,
    issue_pair,
    prune_expired,
    revoke_family,
    revoke_one,
)
from opexdesk.server.users import UserInfo, normalize_username

# One message for an unknown user and a wrong password: the answer must not tell which.
WRONG_CREDENTIALS = "Wrong username or password."


@dataclass(frozen=True)
class AuthContext:
    """Who sent a request: the user as stored now, and the access token used."""

    user: UserInfo
    token_id: str
    family_id: str

    @property
    def role(self) -> Role:
        return self.user.role


@dataclass(frozen=True)
class SignIn:
    """The result of a login or refresh."""

    tokens: IssuedTokens
    user: UserInfo


class AuthService:
    """Every authentication decision of the server, over its database."""

    def __init__(
        self,
        db: ServerDatabase,
        settings: ServerSettings,
        passwords: Passwords,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._settings = settings
        self._passwords = passwords
        self._clock = clock
        self._limiter = LoginLimiter(settings.login_limits)

    # ------------------------------------------------------------------ login
    def login(
        self, username: str, password: str, client_address: str, client_name: str | None
    ) -> SignIn:
        """Check the password and issue a new token family for this device.

        Raises ``RateLimitedError`` (429) before checking anything when the username or the
        address has too many recent failures, ``AuthenticationError`` (401, one message for
        every cause) and ``AccountDisabledError`` (403, only after a correct password).
        """
        try:
            name: str | None = normalize_username(username)
        except InvalidInputError:
            name = None  # cannot be anyone's name: no lookup, but still rate-limited
        limit_key = name or _printable(username.casefold())[:USERNAME_MAX]
        client_name = _printable(client_name or "").strip() or None
        now = self._clock()
        with self._db.write() as session:
            attempt_id = self._limiter.begin_attempt(session, limit_key, client_address, now)
            user = session.scalar(select(User).where(User.username == name)) if name else None
            stored_hash = user.password_hash if user is not None else None
        # The slow part, outside any transaction: no lock is held while argon2 runs.
        ok = self._passwords.verify(stored_hash, password)
        rehashed = None
        if ok and stored_hash is not None and self._passwords.needs_rehash(stored_hash):
            rehashed = self._passwords.hash(password)
        now = self._clock()
        error: ServerError | None = None
        with self._db.write() as session:
            user = session.get(User, user.id) if ok and user is not None else None
            signed_in = user is not None and not user.disabled
            self._limiter.settle(session, attempt_id, signed_in)
            self._limiter.prune(session, now)
            if user is None:
                error = AuthenticationError(WRONG_CREDENTIALS)
            elif user.disabled:
                error = AccountDisabledError(
                    "This account is disabled; ask an administrator to enable it."
                )
            else:
                if rehashed is not None and user.password_hash == stored_hash:
                    user.password_hash = rehashed  # argon2 parameters changed since
                tokens = self._issue(session, user.id, None, client_name, now)
                prune_expired(session, now, self._settings.refresh_token_lifetime)
                result = SignIn(tokens, UserInfo.of(user))
        # Raised after the commit: the failure must be counted, not rolled back.
        if error is not None:
            raise error
        return result

    # ------------------------------------------------------------------ refresh
    def refresh(self, refresh_token: str) -> SignIn:
        """Rotate: revoke the presented refresh token and issue a new pair in its family.

        Presenting an already-rotated refresh token means two parties hold it (a stolen
        copy, or a replay): the whole family (that device's sign-in) is revoked and both
        must sign in again.
        """
        kind = token_kind(refresh_token)
        if kind == "access":
            raise AuthenticationError("This is an access token; send the refresh token to refresh.")
        if kind is None:
            raise AuthenticationError("Invalid refresh token; sign in again.")
        now = self._clock()
        error: ServerError | None = None
        with self._db.write() as session:
            row = find_token(session, refresh_token)
            if (
                row is None
                or row.kind != "refresh"
                or not token_matches(refresh_token, row.token_hash)
            ):
                error = AuthenticationError("Unknown refresh token; sign in again.")
            elif row.revoked_at is not None:
                revoke_family(session, row.family_id, now, "reuse")
                error = AuthenticationError(_revoked_message(row.revoked_reason))
            elif is_expired(row.expires_at, now):
                error = AuthenticationError("The refresh token expired; sign in again.")
            else:
                user = session.get(User, row.user_id)
                if user is None or user.disabled:
                    error = AuthenticationError("This account is disabled; sign-in refused.")
                elif not revoke_one(session, row.id, now, "rotated"):
                    # A concurrent refresh rotated it first: a reuse like any other.
                    revoke_family(session, row.family_id, now, "reuse")
                    error = AuthenticationError(_revoked_message("rotated"))
                else:
                    tokens = self._issue(session, user.id, row.family_id, row.client_name, now)
                    result = SignIn(tokens, UserInfo.of(user))
        if error is not None:
            raise error
        return result

    # ------------------------------------------------------------------ logout
    def logout(self, *tokens: str | None) -> int:
        """Revoke the families (device sign-ins) of the presented tokens; returns how many
        tokens were revoked. ``AuthenticationError`` when none of them is known."""
        now = self._clock()
        known = False
        revoked = 0
        with self._db.write() as session:
            for token in tokens:
                if not token or token_kind(token) is None:
                    continue
                row = find_token(session, token)
                if row is None:
                    continue
                known = True
                revoked += revoke_family(session, row.family_id, now, "logout")
        if not known:
            raise AuthenticationError("Unknown token: nothing to sign out.")
        return revoked

    # ------------------------------------------------------------------ bearer check
    def authenticate(self, access_token: str) -> AuthContext:
        """The user behind a bearer access token, checked against the stored state now."""
        kind = token_kind(access_token)
        if kind == "refresh":
            raise AuthenticationError(
                "A refresh token cannot be used as an access token; exchange it at "
                "/api/v1/auth/refresh."
            )
        if kind is None:
            raise AuthenticationError("Invalid access token.")
        with self._db.read() as session:
            row = session.execute(
                select(AuthToken, User)
                .join(User, User.id == AuthToken.user_id)
                .where(AuthToken.token_hash == hash_token(access_token))
            ).first()
            if row is None:
                raise AuthenticationError("Invalid access token.")
            token, user = row
            if token.kind != "access" or not token_matches(access_token, token.token_hash):
                raise AuthenticationError("Invalid access token.")
            if token.revoked_at is not None:
                raise AuthenticationError("The access token was revoked; sign in again.")
            if is_expired(token.expires_at, self._clock()):
                raise AuthenticationError("The access token expired; refresh it.")
            if user.disabled:
                raise AuthenticationError("This account is disabled.")
            return AuthContext(UserInfo.of(user), token.id, token.family_id)

    def _issue(
        self,
        session: Session,
        user_id: str,
        family_id: str | None,
        client_name: str | None,
        now: datetime,
    ) -> IssuedTokens:
        return issue_pair(
            session,
            user_id=user_id,
            family_id=family_id,
            client_name=client_name,
            now=now,
            access_lifetime=self._settings.access_token_lifetime,
            refresh_lifetime=self._settings.refresh_token_lifetime,
        )


def _printable(value: str) -> str:
    """``value`` without control characters (PostgreSQL text cannot even hold NUL)."""
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cc")


def _revoked_message(reason: str | None) -> str:
    if reason in ("rotated", "reuse"):
        return (
            "This refresh token was already used; for safety every session of this device "
            "was signed out. Sign in again."
        )
    if reason == "logout":
        return "This session was signed out; sign in again."
    if reason == "disabled":
        return "This account was disabled; sign-in refused."
    if reason == "password":
        return "The password was changed; sign in again with the new password."
    return "This refresh token was revoked; sign in again."

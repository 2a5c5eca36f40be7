"""Storing, finding and revoking issued tokens (rows of ``auth_tokens``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from opexdesk.domain.ids import new_id
from opexdesk.server.models import AuthToken
from opexdesk.server.security import TokenKind, hash_token, new_token


@dataclass(frozen=True)
class IssuedTokens:
    """A fresh access + refresh pair; the only time the token texts exist on the server."""

    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime
    family_id: str
    issued_at: datetime

    @property
    def expires_in(self) -> int:
        """Seconds the access token is valid for."""
        return round((self.access_expires_at - self.issued_at).total_seconds())

    @property
    def refresh_expires_in(self) -> int:
        return round((self.refresh_expires_at - self.issued_at).total_seconds())


def issue_pair(
    session: Session,
    *,
    user_id: str,
    family_id: str | None,
    client_name: str | None,
    now: datetime,
    access_lifetime: timedelta,
    refresh_lifetime: timedelta,
) -> IssuedTokens:
    """Add an access and a refresh token for ``user_id`` (a new family when None)."""
    family = family_id or new_id()
    texts: dict[TokenKind, str] = {}
    expiries: dict[TokenKind, datetime] = {}
    kinds: tuple[tuple[TokenKind, timedelta], ...] = (
        ("access", access_lifetime),
        ("refresh", refresh_lifetime),
    )
    for kind, lifetime in kinds:
        texts[kind] = new_token(kind)
        expiries[kind] = now + lifetime
        session.add(
            AuthToken(
                id=new_id(),
                user_id=user_id,
                family_id=family,
                kind=kind,
                token_hash=hash_token(texts[kind]),
                client_name=client_name,
                created_at=now,
                expires_at=expiries[kind],
            )
        )
    session.flush()
    return IssuedTokens(
        texts["access"], texts["refresh"], expiries["access"], expiries["refresh"], family, now
    )


def find_token(session: Session, token: str) -> AuthToken | None:
    """The row of ``token`` (looked up by its hash), or None."""
    return session.scalar(select(AuthToken).where(AuthToken.token_hash == hash_token(token)))


def revoke_one(session: Session, token_id: str, now: datetime, reason: str) -> bool:
    """Revoke one token unless already revoked; True when this call revoked it.

    The ``revoked_at IS NULL`` guard makes the check-and-revoke atomic: of two concurrent
    refreshes with the same token, exactly one wins.
    """
    result = session.execute(
        update(AuthToken)
        .where(AuthToken.id == token_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


def revoke_family(session: Session, family_id: str, now: datetime, reason: str) -> int:
    """Revoke every live token of one device's sign-in; returns how many."""
    result = session.execute(
        update(AuthToken)
        .where(AuthToken.family_id == family_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


def revoke_user(session: Session, user_id: str, now: datetime, reason: str) -> int:
    """Revoke every live token of a user (disabled account, password reset)."""
    result = session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0))


def prune_expired(session: Session, now: datetime, keep: timedelta) -> None:
    """Delete tokens expired for longer than ``keep``.

    Revoked tokens are kept until then: a rotated refresh token must still be recognised
    when replayed (reuse detection) for as long as it would otherwise have been valid.
    """
    session.execute(
        delete(AuthToken)
        .where(AuthToken.expires_at < now - keep)
        .execution_options(synchronize_session=False)
    )

"""SQLAlchemy 2.x typed models of the central store's own tables (users and authentication).

A metadata of its own, separate from the client's ``opexdesk.storage.models``: the server
database is migrated by ``opexdesk/server/migrations`` and the two schemas evolve apart. The
sync tables (server_seq, mutation results, conflicts) join this metadata later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from opexdesk.domain.enums import Role
from opexdesk.domain.ids import new_id
from opexdesk.storage.types import UtcDateTime

# Stable constraint names so migrations are reproducible on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)  # canonical UUIDv7 text, as in the client
USERNAME_MAX = 64
DISPLAY_NAME_MAX = 120
CLIENT_NAME_MAX = 120
GRANTS_MAX = 200
ADDRESS_MAX = 64  # an IPv6 text address is at most 45 characters

TOKEN_KINDS = ("access", "refresh")
ATTEMPT_OUTCOMES = ("pending", "failure", "success")


def _in(column: str, values: tuple[str, ...] | list[str]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(ServerBase):
    """An account. Never deleted (history refers to it): disabled instead."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", [r.value for r in Role]), name="role"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    # Normalised (NFKC, case-folded) so "Alice" and "alice" are one account.
    username: Mapped[str] = mapped_column(String(USERNAME_MAX), unique=True)
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX))
    role: Mapped[str] = mapped_column(String(16))
    # argon2id PHC string: algorithm, parameters, salt and hash in one field.
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Rights beyond the role (domain Grant names, space-separated; permissions.grants_text).
    grants: Mapped[str] = mapped_column(String(GRANTS_MAX), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuthToken(ServerBase):
    """An issued access or refresh token, stored only as the SHA-256 of its text.

    ``family_id`` groups every token issued to one sign-in of one device: each refresh
    rotates within the family, and replaying a rotated refresh token revokes the family.
    """

    __tablename__ = "auth_tokens"
    __table_args__ = (
        CheckConstraint(_in("kind", TOKEN_KINDS), name="kind"),
        Index("ix_auth_tokens_family_id", "family_id"),
        Index("ix_auth_tokens_user_id", "user_id"),
        Index("ix_auth_tokens_expires_at", "expires_at"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id", ondelete="CASCADE"))
    family_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # hex SHA-256
    client_name: Mapped[str | None] = mapped_column(String(CLIENT_NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Why it was revoked: rotated, logout, reuse, disabled, password, role.
    revoked_reason: Mapped[str | None] = mapped_column(String(16))


class LoginAttempt(ServerBase):
    """One password check, kept for the rate limit window (older rows are pruned).

    A row is written as ``pending`` before the (slow) password check and settled afterwards,
    so concurrent guesses are counted before any of them is verified.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (
        CheckConstraint(_in("outcome", ATTEMPT_OUTCOMES), name="outcome"),
        Index("ix_login_attempts_username", "username", "attempted_at"),
        Index("ix_login_attempts_client_address", "client_address", "attempted_at"),
        Index("ix_login_attempts_attempted_at", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(USERNAME_MAX))  # as typed, normalised
    client_address: Mapped[str] = mapped_column(String(ADDRESS_MAX))
    outcome: Mapped[str] = mapped_column(String(8))
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime)

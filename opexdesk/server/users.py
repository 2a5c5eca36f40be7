"""Accounts: create, list, change role / grants / display name / disabled flag, reset
passwords.

Used by the admin API and by the ``opexdesk-server`` CLI, so both enforce the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.ids import new_id
from opexdesk.domain.kept_messages import Message
from opexdesk.domain.permissions import grants_text, parse_grants
from opexdesk.server.config import Clock, utc_now
from opexdesk.server.database import ServerDatabase
from opexdesk.server.errors import ConflictError, InvalidInputError, NotFoundError
from opexdesk.server.models import DISPLAY_NAME_MAX, USERNAME_MAX, User
from opexdesk.server.security import Passwords, check_password_strength
from opexdesk.server.tokens import revoke_user

# Letters and digits of any script, and . _ @ + -: fits e-mail-like and Chinese names, and
# leaves out spaces, slashes and control characters.
_USERNAME = re.compile(r"^[\w.@+-]+$")
# Ids are canonical UUID text; anything else cannot name a user (and must not reach the
# database: PostgreSQL refuses text with NUL in it).
_ID = re.compile(r"^[0-9a-fA-F-]{1,36}$")


@dataclass(frozen=True)
class UserInfo:
    """What the API and CLI show of an account (never the password hash)."""

    id: str
    username: str
    display_name: str
    role: Role
    disabled: bool
    created_at: datetime
    grants: frozenset[Grant] = frozenset()

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(
            user.id,
            user.username,
            user.display_name,
            Role(user.role),
            user.disabled,
            user.created_at,
            parse_grants(user.grants),
        )


def normalize_username(raw: str) -> str:
    """NFKC + case-folded username, or ``InvalidInputError`` saying what is wrong."""
    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not name:
        raise InvalidInputError("The username is empty.")
    if len(name) > USERNAME_MAX:
        raise InvalidInputError(
            Message("The username is too long: at most {limit} characters.", limit=USERNAME_MAX)
        )
    if not _USERNAME.match(name):
        raise InvalidInputError(
            "The username may contain only letters, digits and . _ @ + - (no spaces)."
        )
    return name


def clean_display_name(raw: str) -> str:
    """The display name trimmed, or ``InvalidInputError`` when empty, too long or with controls."""
    name = raw.strip()
    if not name:
        raise InvalidInputError("The display name is empty.")
    if len(name) > DISPLAY_NAME_MAX:
        raise InvalidInputError(
            Message(
                "The display name is too long: at most {limit} characters.",
                limit=DISPLAY_NAME_MAX,
            )
        )
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise InvalidInputError("The display name contains control characters.")
    return name


class UserAdmin:
    """Account management over the server database."""

    def __init__(self, db: ServerDatabase, passwords: Passwords, clock: Clock = utc_now) -> None:
        self._db = db
        self._passwords = passwords
        self._clock = clock

    def create(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        grants: Iterable[Grant] = (),
    ) -> UserInfo:
        """Add an account; ``ConflictError`` when the username is taken."""
        name = normalize_username(username)
        shown = clean_display_name(display_name)
        check_password_strength(password, name)
        password_hash = self._passwords.hash(password)  # slow: outside the transaction
        now = self._clock()
        user = User(
            id=new_id(),
            username=name,
            display_name=shown,
            role=Role(role).value,
            grants=grants_text(grants),
            password_hash=password_hash,
            disabled=False,
            created_at=now,
            updated_at=now,
        )
        try:
            with self._db.write() as session:
                if session.scalar(select(User.id).where(User.username == name)) is not None:
                    raise ConflictError(
                        Message("The username '{name}' is already taken.", name=name)
                    )
                session.add(user)
        except IntegrityError:
            # Two concurrent creations of one name: the unique index decides.
            raise ConflictError(
                Message("The username '{name}' is already taken.", name=name)
            ) from None
        return UserInfo.of(user)

    def list(self) -> list[UserInfo]:
        with self._db.read() as session:
            users = session.scalars(select(User).order_by(User.username)).all()
            return [UserInfo.of(u) for u in users]

    def get(self, user_id: str) -> UserInfo:
        _check_id(user_id)
        with self._db.read() as session:
            user = session.get(User, user_id)
            if user is None:
                raise NotFoundError(Message("No user with id '{user_id}'.", user_id=user_id))
            return UserInfo.of(user)

    def find(self, username: str) -> UserInfo:
        name = normalize_username(username)
        with self._db.read() as session:
            user = session.scalar(select(User).where(User.username == name))
            if user is None:
                raise NotFoundError(Message("No user named '{name}'.", name=name))
            return UserInfo.of(user)

    def update(
        self,
        user_id: str,
        *,
        display_name: str | None = None,
        role: Role | None = None,
        disabled: bool | None = None,
        password: str | None = None,
        grants: Iterable[Grant] | None = None,
    ) -> UserInfo:
        """Change the given fields of one account (``grants`` replaces the whole set).

        A new role or grant counts from the account's next request: every request reads the
        account as stored, so no token needs revoking.
        Disabling an account or resetting its password revokes all its tokens (every device
        must sign in again). Refuses to leave the server without an active administrator.
        """
        _check_id(user_id)
        shown = clean_display_name(display_name) if display_name is not None else None
        password_hash = None
        if password is not None:
            username = self.get(user_id).username
            check_password_strength(password, username)
            password_hash = self._passwords.hash(password)
        now = self._clock()
        with self._db.write() as session:
            user = session.get(User, user_id)
            if user is None:
                raise NotFoundError(Message("No user with id '{user_id}'.", user_id=user_id))
            new_role = Role(role).value if role is not None else user.role
            new_disabled = disabled if disabled is not None else user.disabled
            was_active_admin = user.role == Role.ADMIN.value and not user.disabled
            if was_active_admin and (new_role != Role.ADMIN.value or new_disabled):
                self._check_other_admin(session, user.id)
            if shown is not None:
                user.display_name = shown
            user.role = new_role
            if grants is not None:
                user.grants = grants_text(grants)
            if new_disabled and not user.disabled:
                revoke_user(session, user.id, now, "disabled")
            user.disabled = new_disabled
            if password_hash is not None:
                user.password_hash = password_hash
                revoke_user(session, user.id, now, "password")
            user.updated_at = now
            return UserInfo.of(user)

    def change_grants(
        self, username: str, add: Iterable[Grant] = (), remove: Iterable[Grant] = ()
    ) -> UserInfo:
        """Give ``username`` the grants in ``add`` and take away those in ``remove`` (CLI)."""
        name = normalize_username(username)
        with self._db.write() as session:  # read and write in one transaction: no lost grant
            user = session.scalar(select(User).where(User.username == name).with_for_update())
            if user is None:
                raise NotFoundError(Message("No user named '{name}'.", name=name))
            user.grants = grants_text((parse_grants(user.grants) | set(add)) - set(remove))
            user.updated_at = self._clock()
            return UserInfo.of(user)

    def set_password(self, username: str, password: str) -> UserInfo:
        """Reset the password of ``username`` (CLI); revokes the user's tokens."""
        return self.update(self.find(username).id, password=password)

    @staticmethod
    def _check_other_admin(session: Session, user_id: str) -> None:
        # FOR UPDATE on PostgreSQL: two admins demoting each other at once cannot both pass.
        # (SQLite write transactions are already serialised by BEGIN IMMEDIATE.)
        others = session.scalars(
            select(User.id)
            .where(User.role == Role.ADMIN.value, User.disabled.is_(False), User.id != user_id)
            .with_for_update()
        ).all()
        if not others:
            raise ConflictError(
                "This is the last active administrator: make another user an administrator "
                "first, so the server is never left without one."
            )


def _taken(name: str) -> Message:
    return Message("The username '{name}' is already taken.", name=name)


def _check_id(user_id: str) -> None:
    if not _ID.match(user_id):
        raise NotFoundError(Message("No user with id '{user_id}'.", user_id=user_id[:40]))


def count_users(db: ServerDatabase) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)

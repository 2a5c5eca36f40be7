"""Login rate limiting, counted in the database so it holds across server processes.

Each attempt is written as ``pending`` *before* the slow password check, under a lock on
its username and client address, and settled to ``failure`` or ``success`` afterwards.
Counting pending attempts means N concurrent guesses are limited like N sequential ones
(and an attempt whose process died mid-check still counts: the safe side). A request
refused with 429 is not recorded, so waiting out the window always works.
"""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, text, update
from sqlalchemy.orm import Session

from opexdesk.domain.kept_messages import Message
from opexdesk.server.config import LoginLimits
from opexdesk.server.errors import RateLimitedError
from opexdesk.server.models import ADDRESS_MAX, LoginAttempt

_NOT_SUCCESS = ("pending", "failure")
# pg_advisory_xact_lock(class, key) classes: always username first, then address, so two
# logins never wait on each other's locks in opposite orders.
_LOCK_USERNAME, _LOCK_ADDRESS = 1, 2


class LoginLimiter:
    """Counts failed logins per username and per client address within a sliding window."""

    def __init__(self, limits: LoginLimits) -> None:
        self.limits = limits

    def begin_attempt(self, session: Session, username: str, address: str, now: datetime) -> int:
        """Record a pending attempt and return its id, or raise ``RateLimitedError``."""
        address = address[:ADDRESS_MAX]
        if session.get_bind().dialect.name == "postgresql":
            # SQLite serialises write transactions already (BEGIN IMMEDIATE); PostgreSQL
            # needs a lock so two concurrent attempts cannot both read "4 failures".
            for cls, key in ((_LOCK_USERNAME, username), (_LOCK_ADDRESS, address)):
                session.execute(
                    text("SELECT pg_advisory_xact_lock(:cls, hashtext(:key))"),
                    {"cls": cls, "key": key},
                )
        window_start = now - self.limits.window
        last_success = session.scalar(
            select(func.max(LoginAttempt.attempted_at)).where(
                LoginAttempt.username == username,
                LoginAttempt.outcome == "success",
                LoginAttempt.attempted_at > window_start,
            )
        )
        # A successful sign-in clears the username's count (not the address's: one valid
        # account must not reset the limit on spraying others).
        since = max(window_start, last_success) if last_success else window_start
        wait = self._wait(
            session,
            LoginAttempt.username == username,
            since,
            now,
            self.limits.max_failures_per_username,
        )
        if wait:
            raise RateLimitedError(
                Message(
                    "Too many failed sign-in attempts for this account; try again in {wait} "
                    "seconds.",
                    wait=wait,
                ),
                wait,
            )
        wait = self._wait(
            session,
            LoginAttempt.client_address == address,
            window_start,
            now,
            self.limits.max_failures_per_address,
        )
        if wait:
            raise RateLimitedError(
                Message(
                    "Too many failed sign-in attempts from this address; try again in {wait} "
                    "seconds.",
                    wait=wait,
                ),
                wait,
            )
        attempt = LoginAttempt(
            username=username, client_address=address, outcome="pending", attempted_at=now
        )
        session.add(attempt)
        session.flush()
        return attempt.id

    def _wait(
        self,
        session: Session,
        who: ColumnElement[bool],
        since: datetime,
        now: datetime,
        limit: int,
    ) -> int:
        """Seconds until fewer than ``limit`` failures remain in the window (0: allowed)."""
        times = session.scalars(
            select(LoginAttempt.attempted_at)
            .where(
                who,
                LoginAttempt.outcome.in_(_NOT_SUCCESS),
                LoginAttempt.attempted_at > since,
            )
            .order_by(LoginAttempt.attempted_at.desc())
            .limit(limit)
        ).all()
        if len(times) < limit:
            return 0
        # The limit-th newest failure leaves the window last among those that block.
        free_at = times[-1] + self.limits.window
        return max(1, math.ceil((free_at - now).total_seconds()))

    @staticmethod
    def settle(session: Session, attempt_id: int, succeeded: bool) -> None:
        session.execute(
            update(LoginAttempt)
            .where(LoginAttempt.id == attempt_id)
            .values(outcome="success" if succeeded else "failure")
            .execution_options(synchronize_session=False)
        )

    def prune(self, session: Session, now: datetime) -> None:
        """Drop attempts older than the window: they no longer count for anything."""
        session.execute(
            delete(LoginAttempt)
            .where(LoginAttempt.attempted_at < now - self.limits.window)
            .execution_options(synchronize_session=False)
        )

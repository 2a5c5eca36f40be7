"""Settings every device shares with the central store: the priority matrix, the SLA policy.

Read from the local settings table (``config.<name>``, written by pulls), so they work
offline; an administrator changes one with one local transaction that stores it and queues
a ``config/set`` operation. The server checks it again and sends it to every device. A
stored value that no longer parses (written by a newer version) falls back to the default
with a warning in the log rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from opexdesk.domain.enums import Role, parse_role
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.shared_config import PRIORITY_MATRIX, SLA_POLICY, check_config
from opexdesk.domain.sla import DEFAULT_POLICY, SlaPolicy
from opexdesk.services.events import Clock
from opexdesk.services.sync.pull_apply import CONFIG_PREFIX
from opexdesk.services.ticket_edits import record_outbox
from opexdesk.storage import settings_repo
from opexdesk.storage.database import Database
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

log = logging.getLogger(__name__)


class SharedConfig:
    """The shared settings in force on this device, and the administrator's way to change them."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self._db = db
        self._clock = clock or Clock()

    def _read(self, key: str) -> Any:
        with self._db.read() as s:
            raw = settings_repo.get(s, CONFIG_PREFIX + key)
        return None if raw is None else json.loads(raw)

    def matrix(self) -> PriorityMatrix:
        value = self._read(PRIORITY_MATRIX)
        if value is None:
            return PriorityMatrix()
        try:
            return PriorityMatrix.from_dict(value)
        except ValidationError as exc:
            log.warning("stored priority matrix not usable (%s); using the default", exc)
            return PriorityMatrix()

    def sla_policy(self) -> SlaPolicy:
        value = self._read(SLA_POLICY)
        if value is None:
            return DEFAULT_POLICY
        try:
            return SlaPolicy.from_dict(value)
        except ValidationError as exc:
            log.warning("stored SLA policy not usable (%s); using the default", exc)
            return DEFAULT_POLICY

    def may_change(self) -> bool:
        """Administrators may; so may anyone on a database never signed in to a store."""
        with self._db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            return not (state and state.role and parse_role(state.role) is not Role.ADMIN)

    def set(self, key: str, value: object) -> None:
        """Change a shared setting (administrators; anyone on a database that was never
        signed in to a central store). Raises ValidationError with what is wrong."""
        stored = check_config(key, value)
        with self._db.transaction() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is not None and state.role and parse_role(state.role) is not Role.ADMIN:
                raise ValidationError("config", "Only an administrator may change this setting.")
            settings_repo.put(s, CONFIG_PREFIX + key, json.dumps(stored))
            record_outbox(s, "config", key, "set", {"value": stored}, self._clock.now())

    def set_matrix(self, matrix: PriorityMatrix) -> None:
        self.set(PRIORITY_MATRIX, matrix.to_dict())

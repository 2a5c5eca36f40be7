"""Per-database facts kept in the settings table: device id and local counters."""

import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.domain.ids import new_id
from opexdesk.storage.models import Setting

DEVICE_ID = "device_id"
PROVISIONAL_COUNTER = "provisional_counter"


def get(session: Session, key: str) -> str | None:
    return session.scalar(select(Setting.value).where(Setting.key == key))


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def delete(session: Session, key: str) -> None:
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)


def device_id(session: Session) -> str:
    """This database's device id, created on first use."""
    value = get(session, DEVICE_ID)
    if value is None:
        value = new_id()
        put(session, DEVICE_ID, value)
        session.flush()
    return value


def next_provisional_number(session: Session) -> str:
    """A local ticket number shown until the central store gives the real one."""
    current = int(get(session, PROVISIONAL_COUNTER) or 0) + 1
    put(session, PROVISIONAL_COUNTER, str(current))
    return f"L-{current:06d}"


# ---- JSON lists of ids (sync bookkeeping kept in the database, so it survives a crash) --


def load_list(session: Session, key: str) -> list[str]:
    """The JSON list of texts kept under ``key`` (empty when missing or malformed)."""
    raw = get(session, key)
    value = json.loads(raw) if raw else []
    return [str(v) for v in value] if isinstance(value, list) else []


def add_to_list(session: Session, key: str, values: Iterable[str]) -> None:
    """Add ``values`` to the list under ``key`` (kept sorted, each once)."""
    added = set(values)
    if added:
        put(session, key, json.dumps(sorted(set(load_list(session, key)) | added)))


def remove_from_list(session: Session, key: str, values: Iterable[str]) -> None:
    """Drop ``values`` from the list under ``key``; the key goes when the list is empty."""
    gone = set(values)
    left = [v for v in load_list(session, key) if v not in gone]
    if left:
        put(session, key, json.dumps(left))
    else:
        delete(session, key)

"""Known values for sites, categories, groups and requesters, for pick lists.

Kept as small JSON lists in the settings table, so offering choices never scans a
million tickets."""

import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from opexdesk.storage import settings_repo

FIELDS = ("site", "category", "group_name", "requester", "assignee")
MAX_VALUES = 2000


def values(session: Session, field: str) -> list[str]:
    raw = settings_repo.get(session, f"vocab.{field}")
    return sorted(json.loads(raw)) if raw else []


def remember(session: Session, new_values: Mapping[str, str | None]) -> None:
    for field, value in new_values.items():
        if not value:
            continue
        known = values(session, field)
        if value not in known and len(known) < MAX_VALUES:
            known.append(value)
            settings_repo.put(
                session, f"vocab.{field}", json.dumps(sorted(known), ensure_ascii=False)
            )

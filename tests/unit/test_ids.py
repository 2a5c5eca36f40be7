"""UUIDv7 ids: version 7, unique, and ordered by creation time."""

import uuid

from opexdesk.domain.ids import new_id


def test_ids_are_uuid7_unique_and_time_ordered() -> None:
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert ids == sorted(ids)

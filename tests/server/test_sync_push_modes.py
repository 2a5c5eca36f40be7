"""The two ways a push runs (server/sync_push.py): fast, and carefully after a refusal.

A batch of good mutations is applied without savepoints in one write; a batch holding a
rejected mutation, or one the database itself refuses, is run again with a savepoint per
mutation, so the good ones are stored, the bad one is rejected with a reason, and nothing
of it is half-written. The outcomes are the same either way.
"""

from __future__ import annotations

from typing import Any

from server_helpers import Api
from sqlalchemy import func, select, text

from opexdesk.domain.ids import new_id
from opexdesk.server.sync_apply import Mutation, Pusher
from opexdesk.server.sync_models import SyncMutation, SyncTicket, SyncWorkLog
from opexdesk.server.sync_push import push_batch


def _pusher(api: Api, username: str = "tom", client_id: str = "laptop-1") -> Pusher:
    user = api.users[username]
    return Pusher(user.id, user.username, user.role, client_id)


class _Outbox:
    """Mutations of one client with consecutive client_seq."""

    def __init__(self) -> None:
        self.seq = 0

    def make(self, entity: str, entity_id: str, op: str, changes: dict[str, Any]) -> Mutation:
        self.seq += 1
        return Mutation(self.seq, new_id(), entity, entity_id, op, changes)

    def create(self, title: str) -> tuple[str, Mutation]:
        ticket_id = new_id()
        return ticket_id, self.make("ticket", ticket_id, "create", {"title": title})

    def work_log(self, ticket_id: str, minutes: int, note: str = "") -> Mutation:
        row_id = new_id()
        changes = {"ticket_id": ticket_id, "id": row_id, "minutes": minutes, "note": note}
        return self.make("work_log", row_id, "append", changes)


def _count(api: Api, model: Any) -> int:
    with api.services.db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_good_batch_runs_fast_and_applies_everything(api: Api) -> None:
    out = _Outbox()
    ticket_id, create = out.create("Printer offline")
    batch = [create] + [out.work_log(ticket_id, 5 * i) for i in range(1, 6)]
    result = push_batch(api.services.db, _pusher(api), batch, api.clock())
    assert not result.careful
    assert [o["status"] for o in result.outcomes] == ["applied"] * 6
    assert result.gap is None
    assert _count(api, SyncWorkLog) == 5
    assert _count(api, SyncMutation) == 6
    with api.services.db.read() as s:
        ticket = s.get(SyncTicket, ticket_id)
        assert ticket is not None and ticket.version == 6  # created, then touched five times
        # every row got its own seq, all up to the one the push answered
        seqs = [ticket.server_seq, *s.scalars(select(SyncWorkLog.server_seq))]
    assert len(set(seqs)) == 6 and max(seqs) == result.server_seq


def test_a_rejection_reruns_carefully_with_the_same_outcomes(api: Api) -> None:
    out = _Outbox()
    ticket_id, create = out.create("VPN drops")
    first = out.work_log(ticket_id, 10)
    bad = out.work_log(ticket_id, 0)  # no time spent: rejected
    batch = [create, first, bad, out.work_log(ticket_id, 20)]
    result = push_batch(api.services.db, _pusher(api), batch, api.clock())
    assert result.careful
    statuses = [o["status"] for o in result.outcomes]
    assert statuses == ["applied", "applied", "rejected", "applied"]
    assert "minutes" in (result.outcomes[2]["reason"] or "").lower()
    assert _count(api, SyncWorkLog) == 2
    assert _count(api, SyncMutation) == 4  # the rejected one is in the ledger too
    again = push_batch(api.services.db, _pusher(api), batch, api.clock())
    assert [o["status"] for o in again.outcomes] == ["duplicate"] * 4
    assert [o["original"]["status"] for o in again.outcomes] == statuses


def test_a_value_the_database_refuses_is_rejected_alone(api: Api) -> None:
    """A constraint the checks do not know (here a trigger or a CHECK added by hand) is a
    refusal of that one mutation, not a failed push that would block the queue forever."""
    with api.services.db.write() as s:
        if api.services.db.dialect == "sqlite":
            s.execute(
                text(
                    "CREATE TRIGGER no_boom BEFORE INSERT ON sync_work_logs "
                    "WHEN NEW.note = 'boom' BEGIN SELECT RAISE(ABORT, 'no boom'); END"
                )
            )
        else:
            s.execute(
                text("ALTER TABLE sync_work_logs ADD CONSTRAINT no_boom CHECK (note <> 'boom')")
            )
    out = _Outbox()
    ticket_id, create = out.create("Laptop will not wake")
    batch = [create, out.work_log(ticket_id, 10), out.work_log(ticket_id, 15, "boom")]
    batch.append(out.work_log(ticket_id, 20, "fine"))
    result = push_batch(api.services.db, _pusher(api), batch, api.clock())
    assert result.careful
    statuses = [o["status"] for o in result.outcomes]
    assert statuses == ["applied", "applied", "rejected", "applied"]
    assert "could not save" in (result.outcomes[2]["reason"] or "")
    with api.services.db.read() as s:
        notes = sorted(s.scalars(select(SyncWorkLog.note)))
        ticket = s.get(SyncTicket, ticket_id)
        assert ticket is not None and ticket.version == 3  # the refused append left no touch
    assert notes == ["", "fine"]


def test_create_after_delete_in_one_batch_and_reuse_of_a_deleted_id(api: Api) -> None:
    out = _Outbox()
    ticket_id, create = out.create("Spam")
    log = out.work_log(ticket_id, 5)
    delete = out.make("ticket", ticket_id, "delete", {"reason": "spam"})
    again = out.make("ticket", ticket_id, "create", {"title": "Spam again"})
    late = out.work_log(ticket_id, 5)
    result = push_batch(
        api.services.db, _pusher(api, "olga"), [create, log, delete, again, late], api.clock()
    )
    statuses = [o["status"] for o in result.outcomes]
    assert statuses == ["applied", "applied", "applied", "rejected", "conflict"]
    assert "was deleted" in (result.outcomes[3]["reason"] or "")
    assert _count(api, SyncWorkLog) == 0 and _count(api, SyncTicket) == 0


def test_bad_notes_and_sizes_are_refused_with_reasons(api: Api) -> None:
    out = _Outbox()
    ticket_id, create = out.create("Phone")
    nul = out.work_log(ticket_id, 5, "a\x00b")
    attachment_id = new_id()
    huge = out.make(
        "attachment",
        attachment_id,
        "append",
        {
            "ticket_id": ticket_id,
            "id": attachment_id,
            "sha256": "0" * 64,
            "filename": "a.jpg",
            "size": 2**70,
            "media_type": "image/jpeg",
        },
    )
    result = push_batch(api.services.db, _pusher(api), [create, nul, huge], api.clock())
    assert [o["status"] for o in result.outcomes] == ["applied", "rejected", "rejected"]
    assert "control character" in (result.outcomes[1]["reason"] or "")
    assert "'size' must be 0 to" in (result.outcomes[2]["reason"] or "")


def test_a_device_that_derived_otherwise_gets_the_ticket_again(api: Api) -> None:
    """The pusher computed its due times from a placeholder's creation time (or an old
    SLA policy): the edit applies, and the ticket gets one more server_seq so the device
    pulls the server's derived values instead of keeping its own for good."""
    out = _Outbox()
    ticket_id, create = out.create("Projector")
    first = push_batch(api.services.db, _pusher(api), [create], api.clock())
    with api.services.db.read() as s:
        stored = s.get(SyncTicket, ticket_id)
        assert stored is not None
        due = stored.response_due_at.isoformat()
    wrong = out.make(
        "ticket",
        ticket_id,
        "update",
        {
            "site": {"base": None, "new": "Lab"},
            "response_due_at": {"base": due, "new": "2030-01-01T00:00:00+00:00"},
        },
    )
    second = push_batch(api.services.db, _pusher(api), [wrong], api.clock())
    assert second.outcomes[0]["status"] == "applied"
    assert second.server_seq == first.server_seq + 2  # the edit's touch, then the re-send
    same = out.make(
        "ticket",
        ticket_id,
        "update",
        {
            "site": {"base": "Lab", "new": "Lab 2"},
            "response_due_at": {"base": due, "new": due},
        },
    )
    third = push_batch(api.services.db, _pusher(api), [same], api.clock())
    assert third.server_seq == second.server_seq + 1  # agreed: no re-send

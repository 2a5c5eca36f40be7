"""Sync push and pull over HTTP, on SQLite and on the real PostgreSQL (docs/sync.md)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from server_helpers import API, Api
from sqlalchemy import func, select

from opexdesk.domain.ids import new_id
from opexdesk.server.sync_models import SyncMutation, SyncWorkLog

PUSH = f"{API}/sync/push"
PULL = f"{API}/sync/pull"


@dataclass
class Device:
    """One client installation of a user: builds outbox entries with increasing client_seq."""

    api: Api
    username: str
    client_id: str = field(default_factory=new_id)
    seq: int = 0
    headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.headers = self.api.auth(self.username)

    def mutation(self, entity: str, entity_id: str, op: str, changes: dict[str, Any]) -> Any:
        self.seq += 1
        return {
            "client_seq": self.seq,
            "mutation_id": new_id(),
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "changes": changes,
            "created_at": "2026-06-01T08:00:00+00:00",
        }

    def create(self, **values: Any) -> tuple[str, Any]:
        ticket_id = new_id()
        fields = {"title": "Printer jam", "description": "", "impact": 3, "urgency": 3}
        return ticket_id, self.mutation("ticket", ticket_id, "create", {**fields, **values})

    def edit(self, ticket_id: str, **edits: tuple[Any, Any]) -> Any:
        changes = {k: {"base": base, "new": new} for k, (base, new) in edits.items()}
        return self.mutation("ticket", ticket_id, "update", changes)

    def move(self, ticket_id: str, from_: str, to: str, note: str | None = None) -> Any:
        return self.mutation(
            "ticket", ticket_id, "transition", {"from": from_, "to": to, "note": note}
        )

    def work_log(self, ticket_id: str, minutes: int = 15) -> Any:
        row_id = new_id()
        changes = {"ticket_id": ticket_id, "id": row_id, "minutes": minutes, "note": "fixed"}
        return self.mutation("work_log", row_id, "append", changes)

    def push_raw(self, mutations: list[Any], client_id: str | None = None) -> Any:
        body = {"client_id": client_id or self.client_id, "mutations": mutations}
        return self.api.client.post(PUSH, headers=self.headers, json=body)

    def push(self, *mutations: Any) -> list[dict[str, Any]]:
        response = self.push_raw(list(mutations))
        assert response.status_code == 200, response.text
        outcomes: list[dict[str, Any]] = response.json()["outcomes"]
        return outcomes

    def pull(self, cursor: int = 0, limit: int = 500) -> dict[str, Any]:
        response = self.api.client.get(
            PULL, headers=self.headers, params={"cursor": cursor, "limit": limit}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def tickets(self) -> dict[str, dict[str, Any]]:
        changes = self.pull()["changes"]
        return {c["id"]: c["data"] for c in changes if c["entity"] == "ticket"}


def shared_ticket(a: Device, **values: Any) -> str:
    ticket_id, create = a.create(**values)
    assert a.push(create)[0]["status"] == "applied"
    return ticket_id


def test_create_then_pull_shows_it_with_a_number(api: Api) -> None:
    tom = Device(api, "tom")  # a technician may sync
    first_id, first = tom.create(title="  Printer   jam ", impact=1, urgency=2, assignee="tom")
    second_id, second = tom.create(title="VPN down")
    outcomes = tom.push(first, second)
    assert [o["status"] for o in outcomes] == ["applied", "applied"]
    assert [o["ticket_number"] for o in outcomes] == [1, 2]
    assert outcomes[0]["mutation_id"] == first["mutation_id"]

    page = tom.pull()
    assert page["more"] is False and page["next_cursor"] == page["checkpoint"]
    seqs = [c["server_seq"] for c in page["changes"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 2
    data = tom.tickets()[first_id]
    assert data["number"] == 1 and data["title"] == "Printer jam"
    assert data["priority"] == 1 and data["status"] == "assigned"  # from the matrix / assignee
    assert data["created_by"] == "tom" and data["created_at"].startswith("2026-06-01T08:00:00")
    assert tom.tickets()[second_id]["number"] == 2


def test_the_same_batch_pushed_twice_applies_once(api: Api) -> None:
    tom = Device(api, "tom")
    ticket_id, create = tom.create()
    log = tom.work_log(ticket_id)
    first = tom.push(create, log)
    again = tom.push(create, log)  # the answer was lost; the client resends the batch
    assert [o["status"] for o in again] == ["duplicate", "duplicate"]
    assert [o["original"] for o in again] == first
    assert again[0]["ticket_number"] == first[0]["ticket_number"]
    # The same work log re-sent under a new mutation (client crashed before marking it sent).
    log_again = tom.mutation("work_log", log["entity_id"], "append", log["changes"])
    assert tom.push(log_again)[0]["notices"][0]["rule"] == "already_stored"
    with api.services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(SyncWorkLog)) == 1
        assert session.scalar(select(func.count()).select_from(SyncMutation)) == 3
    logs = [c for c in tom.pull()["changes"] if c["entity"] == "work_log"]
    assert len(logs) == 1 and logs[0]["data"]["minutes"] == 15


def test_a_gap_answers_409_with_the_expected_seq(api: Api) -> None:
    tom = Device(api, "tom")
    _, first = tom.create(title="One")
    _, second = tom.create(title="Two")
    _, third = tom.create(title="Three")
    response = tom.push_raw([first, third])  # second was lost
    assert response.status_code == 409
    body = response.json()
    assert body["expected_client_seq"] == 2 and "client_seq must be 2" in body["detail"]
    assert [o["status"] for o in body["outcomes"]] == ["applied"]  # kept and committed
    outcomes = tom.push(second, third)
    assert [o["status"] for o in outcomes] == ["applied", "applied"]
    assert sorted(t["title"] for t in tom.tickets().values()) == ["One", "Three", "Two"]


def test_concurrent_edits_of_different_fields_both_apply(api: Api) -> None:
    tom, olga = Device(api, "tom"), Device(api, "olga")
    ticket_id = shared_ticket(tom)
    retitle = tom.edit(ticket_id, title=("Printer jam", "Printer jam, 2nd floor"))
    assert tom.push(retitle)[0]["status"] == "applied"
    assert olga.push(olga.edit(ticket_id, site=(None, "Berlin")))[0]["status"] == "applied"
    data = olga.tickets()[ticket_id]
    assert (data["title"], data["site"]) == ("Printer jam, 2nd floor", "Berlin")
    assert data["version"] == 3


def test_same_title_edited_twice_is_a_conflict_for_the_pusher(api: Api) -> None:
    tom, olga = Device(api, "tom"), Device(api, "olga")
    ticket_id = shared_ticket(tom)
    olga.push(olga.edit(ticket_id, title=("Printer jam", "Olga's title")))
    outcome = tom.push(tom.edit(ticket_id, title=("Printer jam", "Tom's title")))[0]
    assert outcome["status"] == "conflict" and len(outcome["conflict_ids"]) == 1
    assert tom.tickets()[ticket_id]["title"] == "Olga's title"  # the stored value stays
    conflicts = [c for c in tom.pull()["changes"] if c["entity"] == "conflict"]
    assert [c["id"] for c in conflicts] == outcome["conflict_ids"]
    data = conflicts[0]["data"]
    assert (data["field"], data["base"], data["local"], data["server"], data["rule"]) == (
        "title",
        "Printer jam",
        "Tom's title",
        "Olga's title",
        "server_kept",
    )
    assert not [c for c in olga.pull()["changes"] if c["entity"] == "conflict"]


def test_impact_more_urgent_wins_and_priority_follows(api: Api) -> None:
    tom, olga = Device(api, "tom"), Device(api, "olga")
    ticket_id = shared_ticket(tom)
    olga.push(olga.edit(ticket_id, impact=(3, 2)))
    outcome = tom.push(tom.edit(ticket_id, impact=(3, 1)))[0]
    assert outcome["status"] == "merged"
    assert outcome["notices"][0]["rule"] == "more_urgent" and outcome["notices"][0]["value"] == 1
    data = tom.tickets()[ticket_id]
    assert data["impact"] == 1 and data["priority"] == 2  # impact 1 x urgency 3
    # The less urgent value loses, with a notice, and nothing changes.
    outcome = olga.push(olga.edit(ticket_id, impact=(2, 4)))[0]
    assert outcome["status"] == "merged" and outcome["notices"][0]["kept_local"] == 4
    assert tom.tickets()[ticket_id]["impact"] == 1


def test_description_edits_in_different_places_merge(api: Api) -> None:
    tom, olga = Device(api, "tom"), Device(api, "olga")
    base = "The printer on floor two jams.\n\nIt started on Monday."
    ticket_id = shared_ticket(tom, description=base)
    olga_text = base.replace("floor two", "floor three")
    tom_text = base.replace("Monday", "Tuesday morning")
    olga.push(olga.edit(ticket_id, description=(base, olga_text)))
    outcome = tom.push(tom.edit(ticket_id, description=(base, tom_text)))[0]
    assert outcome["status"] == "merged" and outcome["notices"][0]["rule"] == "merged"
    assert tom.tickets()[ticket_id]["description"] == (
        "The printer on floor three jams.\n\nIt started on Tuesday morning."
    )


def test_an_invalid_transition_is_rejected_and_the_queue_continues(api: Api) -> None:
    tom = Device(api, "tom")
    ticket_id, create = tom.create()
    bad = tom.move(ticket_id, "new", "closed")
    junk = tom.edit(ticket_id, impact=(3, 9))
    missing = tom.edit(new_id(), title=("x", "y"))
    good = tom.edit(ticket_id, urgency=(3, 2))
    outcomes = tom.push(create, bad, junk, missing, good)
    assert [o["status"] for o in outcomes] == [
        "applied",
        "rejected",
        "rejected",
        "conflict",
        "applied",
    ]
    assert outcomes[1]["reason"] == (
        "A ticket cannot go from New to Closed; from New it can go to: "
        "Assigned, In progress, Resolved."
    )
    assert "Unknown impact 9" in outcomes[2]["reason"]
    assert "does not exist on the server" in outcomes[3]["reason"]
    assert len(outcomes[3]["conflict_ids"]) == 1
    data = tom.tickets()[ticket_id]
    assert (data["status"], data["impact"], data["urgency"]) == ("new", 3, 2)
    with api.services.db.read() as session:  # rejected ones are recorded too
        assert session.scalar(select(func.count()).select_from(SyncMutation)) == 5
    # A valid move replays on the current state; a move someone already made counts as done.
    resolve = tom.move(ticket_id, "new", "resolved", "Cleared the jam")
    assert [o["status"] for o in tom.push(resolve)] == ["applied"]
    again = tom.move(ticket_id, "new", "resolved", "Cleared the jam")
    assert tom.push(again)[0]["notices"][0]["rule"] == "already_done"
    data = tom.tickets()[ticket_id]
    assert data["status"] == "resolved" and data["resolution_note"] == "Cleared the jam"


def test_pull_pages_return_every_change_once_in_order(api: Api) -> None:
    tom = Device(api, "tom")
    ticket_id, create = tom.create()
    tom.push(create, *(tom.work_log(ticket_id, minutes) for minutes in (1, 2, 3, 4)))
    # The ticket row was changed by every append: its latest seq is the 5th change.
    everything = tom.pull()
    assert len(everything["changes"]) == 5
    cursor, seen, mores = 0, [], []
    while True:
        page = tom.pull(cursor, limit=2)
        assert len(page["changes"]) <= 2
        seen += [(c["entity"], c["id"], c["server_seq"]) for c in page["changes"]]
        mores.append(page["more"])
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    assert mores == [True, True, False]
    assert seen == [(c["entity"], c["id"], c["server_seq"]) for c in everything["changes"]]
    assert [s for _, _, s in seen] == sorted(s for _, _, s in seen)
    assert len(set(seen)) == 5 and cursor == everything["checkpoint"]
    # Beyond the checkpoint: nothing, and the cursor does not move back.
    beyond = tom.pull(cursor + 10)
    assert beyond["changes"] == [] and beyond["next_cursor"] == cursor + 10
    assert beyond["more"] is False
    assert tom.pull(cursor)["changes"] == []


def test_another_users_client_id_is_refused(api: Api) -> None:
    tom, olga = Device(api, "tom"), Device(api, "olga")
    _, create = tom.create()
    tom.push(create)
    _, theirs = olga.create()
    response = olga.push_raw([theirs], client_id=tom.client_id)
    assert response.status_code == 403
    assert "belongs to another user" in response.json()["detail"]
    assert len(olga.tickets()) == 1


def test_sync_needs_a_token_and_bounded_batches(api: Api) -> None:
    assert api.client.get(PULL).status_code == 401
    assert api.client.post(PUSH, json={"client_id": "x", "mutations": []}).status_code == 401
    tom = Device(api, "tom")
    too_many = [tom.create()[1] for _ in range(501)]
    assert tom.push_raw(too_many).status_code == 422
    assert api.client.get(PULL, headers=tom.headers, params={"limit": 0}).status_code == 422


def test_the_dispatchers_assignee_wins(api: Api) -> None:
    tom, olga = Device(api, "tom"), Device(api, "olga")
    ticket_id = shared_ticket(tom)
    tom.push(tom.edit(ticket_id, assignee=(None, "tom")))
    outcome = olga.push(olga.edit(ticket_id, assignee=(None, "anna")))[0]
    assert outcome["status"] == "merged" and outcome["notices"][0]["rule"] == "dispatcher"
    data = olga.tickets()[ticket_id]
    assert (data["assignee"], data["status"]) == ("anna", "assigned")


def test_a_reader_paging_during_concurrent_pushes_misses_nothing(api: Api) -> None:
    devices = [Device(api, name) for name in ("tom", "olga", "admin", "tom")]
    created: list[str] = []
    seen: set[str] = set()
    writers_done = threading.Event()
    errors: list[BaseException] = []

    def guarded(work: Any, device: Device) -> threading.Thread:
        def run() -> None:
            try:
                work(device)
            except BaseException as exc:  # reported by the test below, not lost in the thread
                errors.append(exc)
                writers_done.set()

        return threading.Thread(target=run)

    def write(device: Device) -> None:
        for _ in range(5):
            batch = [device.create() for _ in range(2)]
            created.extend(ticket_id for ticket_id, _ in batch)
            assert [o["status"] for o in device.push(*(m for _, m in batch))] == ["applied"] * 2

    def read(device: Device) -> None:
        cursor = 0
        while True:
            done = writers_done.is_set()  # read before the pull: a last full drain follows
            page = device.pull(cursor, limit=3)
            seen.update(c["id"] for c in page["changes"] if c["entity"] == "ticket")
            assert page["next_cursor"] >= cursor
            cursor = page["next_cursor"]
            if done and not page["more"]:
                return

    reader = guarded(read, devices[0])
    reader.start()
    writers = [guarded(write, d) for d in devices]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    writers_done.set()
    reader.join(timeout=60)
    assert not reader.is_alive() and not errors, errors
    assert len(created) == 40 and seen == set(created)
    numbers = sorted(t["number"] for t in devices[1].tickets().values())
    assert numbers == list(range(1, 41))

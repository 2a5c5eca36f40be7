"""GET /sync/snapshot: a new device's working set, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from server_helpers import API, Api

from opexdesk.domain.ids import new_id
from opexdesk.server.sync_apply import Mutation, Pusher
from opexdesk.server.sync_push import push_batch

SNAPSHOT = f"{API}/sync/snapshot"


class Seeder:
    def __init__(self, api: Api, username: str) -> None:
        user = api.users[username]
        self.api = api
        self.pusher = Pusher(user.id, user.username, user.role, f"seed-{username}")
        self.seq = 0

    def push(self, days_ago: int, *steps: tuple[str, str, str, dict[str, Any]]) -> list[Any]:
        batch = []
        for entity, entity_id, op, changes in steps:
            self.seq += 1
            batch.append(Mutation(self.seq, new_id(), entity, entity_id, op, changes))
        at = self.api.clock() - timedelta(days=days_ago)
        return push_batch(self.api.services.db, self.pusher, batch, at).outcomes

    def ticket(self, days_ago: int, *, closed: bool, assignee: str | None = None) -> str:
        tid = new_id()
        comment = new_id()
        steps: list[tuple[str, str, str, dict[str, Any]]] = [
            ("ticket", tid, "create", {"title": f"T {tid[-6:]}", "assignee": assignee}),
            (
                "comment",
                comment,
                "append",
                {"ticket_id": tid, "id": comment, "kind": "internal", "body": "seen"},
            ),
        ]
        if closed:
            steps.append(
                ("ticket", tid, "transition", {"from": "new", "to": "resolved", "note": "ok"})
            )
        assert {o["status"] for o in self.push(days_ago, *steps)} == {"applied"}
        return tid


def page(api: Api, user: str, **params: Any) -> dict[str, Any]:
    response = api.client.get(SNAPSHOT, headers=api.auth(user), params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_pages_hold_the_working_set_with_appends_and_conflicts(api: Api) -> None:
    olga = Seeder(api, "olga")
    old_closed = [olga.ticket(300, closed=True) for _ in range(5)]
    old_open = olga.ticket(300, closed=False)
    recent_closed = olga.ticket(2, closed=True)
    toms_old = olga.ticket(300, closed=True, assignee="tom")
    # A conflict of tom's (his edit lost against olga's), and one of olga's.
    tom = Seeder(api, "tom")
    tom.push(1, ("ticket", old_open, "update", {"title": {"base": "stale", "new": "Tom's"}}))
    olga.push(1, ("ticket", recent_closed, "update", {"title": {"base": "x", "new": "y"}}))

    wanted = {old_open, recent_closed, toms_old}
    first = page(api, "tom", limit=2)
    assert first["total"] == 3 and first["checkpoint"] > 0 and first["more"]
    second = page(api, "tom", limit=2, after=first["next_after"])
    assert second["total"] is None and second["checkpoint"] is None and not second["more"]
    changes = first["changes"] + second["changes"]
    tickets = [c["id"] for c in changes if c["entity"] == "ticket"]
    assert sorted(tickets) == sorted(wanted) and len(tickets) == 3
    comments = {c["data"]["ticket_id"] for c in changes if c["entity"] == "comment"}
    assert comments == wanted  # each ticket came with its conversation
    conflicts = [c for c in changes if c["entity"] == "conflict"]
    assert len(conflicts) == 1 and conflicts[0]["data"]["ticket_id"] == old_open
    assert not set(old_closed) & set(tickets)
    # One old ticket in full, whatever its age.
    single = page(api, "tom", ticket=old_closed[0])
    assert [c["id"] for c in single["changes"] if c["entity"] == "ticket"] == [old_closed[0]]
    assert any(c["entity"] == "comment" for c in single["changes"])
    assert page(api, "tom", ticket="no-such-ticket")["changes"] == []
    # Several old tickets in one request (how a device backfills many at once).
    several = page(api, "tom", ticket=[*old_closed[1:4], "no-such-ticket"])
    got = [c["id"] for c in several["changes"] if c["entity"] == "ticket"]
    assert sorted(got) == sorted(old_closed[1:4])
    assert {c["data"]["ticket_id"] for c in several["changes"] if c["entity"] == "comment"} == set(
        old_closed[1:4]
    )
    # days=0: only open tickets and the user's own.
    narrow = page(api, "tom", days=0, limit=100)
    assert {c["id"] for c in narrow["changes"] if c["entity"] == "ticket"} == {old_open, toms_old}


def test_bad_parameters_are_422_and_a_token_is_needed(api: Api) -> None:
    headers = api.auth("tom")
    too_many = {"ticket": [f"t{i}" for i in range(501)]}
    for params in (
        {"limit": 0},
        {"limit": 501},
        {"days": -1},
        {"after": "x" * 65},
        {"ticket": "x" * 65},
        {"ticket": ""},
        too_many,
    ):
        response = api.client.get(SNAPSHOT, headers=headers, params=params)
        assert response.status_code == 422, (params, response.text)
        assert isinstance(response.json()["detail"], str)
    assert api.client.get(SNAPSHOT).status_code == 401

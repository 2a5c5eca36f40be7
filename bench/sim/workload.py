"""Random user actions on one client, through its real TicketService.

Choices favour a small set of recently numbered ("hot") tickets, so several clients edit
the same tickets between syncs and the server has to merge, resolve and record conflicts.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from opexdesk.domain.enums import CommentKind, Status
from opexdesk.domain.errors import DomainError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.domain.workflow import allowed_targets
from opexdesk.storage.models import Ticket
from opexdesk.storage.sync_models import Conflict

from .article_workload import ARTICLE_ACTIONS, act_on_articles
from .world import USERS, SimClient

WORDS = (
    "printer",
    "vpn",
    "laptop",
    "outlook",
    "badge",
    "screen",
    "network",
    "disk",
    "login",
    "password",
    "update",
    "restart",
    "cable",
    "dock",
    "license",
    "backup",
    "server",
    "queue",
    "toner",
    "wifi",
    "phone",
)
CATEGORIES = ("Hardware", "Software", "Network", "Access", None)
ASSIGNEES = tuple(name for name, _ in USERS) + (None,)
HOT = 12

# (action, weight)
ACTIONS = (
    ("create", 10),
    ("title", 6),
    ("description", 16),
    ("impact_urgency", 8),
    ("category", 5),
    ("assignee", 8),
    ("transition", 10),
    ("comment", 15),
    ("work_log", 16),
    ("attachment", 2),
    ("resolve", 4),  # decide one of this user's open conflicts: keep mine or the server's
    *ARTICLE_ACTIONS,
)


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    description: str
    status: str
    assignee: str | None


def _ticket_ids(client: SimClient) -> list[str]:
    """The client's tickets, oldest number first, unsynced ones last (cached until a sync)."""
    if client.ticket_ids is None:
        with client.db.read() as s:
            client.ticket_ids = list(
                s.scalars(
                    select(Ticket.id)
                    .where(Ticket.version > 0)  # not a placeholder of a ticket still arriving
                    .order_by(Ticket.number.is_(None), Ticket.number, Ticket.local_id)
                )
            )
    return client.ticket_ids


def _load(client: SimClient, ticket_id: str) -> Target:
    with client.db.read() as s:
        row = s.execute(
            select(
                Ticket.id, Ticket.title, Ticket.description, Ticket.status, Ticket.assignee
            ).where(Ticket.id == ticket_id)
        ).one()
    return Target(*row)


def _pick(rng: random.Random, ids: list[str]) -> str:
    if rng.random() < 0.65:
        return rng.choice(ids[-HOT:])
    return rng.choice(ids)


def _edit_description(rng: random.Random, text: str) -> str:
    """Change one word (or add one): edits at different places merge, the same place conflicts."""
    words = text.split(" ") if text else []
    if not words or rng.random() < 0.2:
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    else:
        words[rng.randrange(len(words))] = rng.choice(WORDS) + str(rng.randrange(100))
    return " ".join(words)


class Workload:
    """Performs one random action per call; counts what was done and what the app refused."""

    def __init__(self, rng: random.Random, scratch: Path) -> None:
        self.rng = rng
        self.scratch = scratch
        self.done: Counter[str] = Counter()
        self.refused = 0
        self._names = [a for a, _ in ACTIONS]
        self._weights = [w for _, w in ACTIONS]

    def act(self, client: SimClient) -> None:
        rng = self.rng
        action = rng.choices(self._names, self._weights)[0]
        ids = _ticket_ids(client)
        if not ids:
            action = "create"
        if action == "resolve":
            self._resolve(client)
            return
        try:
            if action.startswith("article_"):
                act_on_articles(rng, client, action, ids)
            else:
                self._do(client, action, ids)
            self.done[action] += 1
        except DomainError:
            self.refused += 1  # e.g. a status move the workflow refuses: nothing written

    def _resolve(self, client: SimClient) -> None:
        with client.db.read() as s:
            open_ids = list(
                s.scalars(
                    select(Conflict.id).where(Conflict.resolved_at.is_(None)).order_by(Conflict.id)
                )
            )
        if not open_ids:
            return
        try:
            choice = self.rng.choice(("local", "server"))
            client.conflicts.resolve(self.rng.choice(open_ids), choice)
            self.done[f"resolve_{choice}"] += 1
        except DomainError:
            self.refused += 1  # e.g. "use mine" on a change whose ticket is gone

    def _do(self, client: SimClient, action: str, ids: list[str]) -> None:
        rng = self.rng
        svc = client.tickets
        if action == "create":
            svc.create(
                TicketDraft(
                    title=_words(rng, 3),
                    description=_words(rng, 12),
                    requester=rng.choice(("carol", "dave", "erin")),
                    category=rng.choice(CATEGORIES),
                    impact=rng.randint(1, 4),
                    urgency=rng.randint(1, 4),
                    assignee=rng.choice(ASSIGNEES),
                )
            )
            client.ticket_ids = None
            return
        t = _load(client, _pick(rng, ids))
        if action == "title":
            svc.update(t.id, {"title": _words(rng, 3)})
        elif action == "description":
            svc.update(t.id, {"description": _edit_description(rng, t.description)})
        elif action == "impact_urgency":
            field = rng.choice(("impact", "urgency"))
            svc.update(t.id, {field: rng.randint(1, 4)})
        elif action == "category":
            svc.update(t.id, {"category": rng.choice(CATEGORIES)})
        elif action == "assignee":
            svc.update(t.id, {"assignee": rng.choice(ASSIGNEES)})
        elif action == "transition":
            options = allowed_targets(Status(t.status))
            if not options:
                raise DomainError("closed")
            # Closing ends a ticket's life: rarely, so tickets stay contended.
            weights = [0.2 if s is Status.CLOSED else 1.0 for s in options]
            target = rng.choices(options, weights)[0]
            svc.transition(t.id, target, note=_words(rng, 2))
        elif action == "comment":
            kind = rng.choice((CommentKind.PUBLIC, CommentKind.INTERNAL))
            svc.add_comment(t.id, _words(rng, 6), kind)
        elif action == "work_log":
            svc.log_work(t.id, rng.randint(1, 120), _words(rng, 2))
        else:
            path = self.scratch / f"file-{rng.randrange(10_000)}.txt"
            path.write_text(_words(rng, 5))
            svc.attach_file(t.id, path)

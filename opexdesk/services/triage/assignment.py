"""Assignment help: who in the ticket's group should take it.

Least-loaded (fewest open tickets assigned) or round-robin, always skipping people marked
away and admin accounts (they administer, they do not take tickets). People and their group
come from the local ``users`` table (mirrored from the central store, seeded by the demo).
"Away" is that table's ``away`` column, set on this device only for now: the central store
does not sync it yet (docs/triage.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from opexdesk.domain.kept_messages import Message
from opexdesk.storage.triage_queue import TriageQueueRepository


class Strategy(StrEnum):
    LEAST_LOADED = "least_loaded"
    ROUND_ROBIN = "round_robin"


@dataclass(frozen=True)
class AssigneeSuggestion:
    """A suggested person, or ``username`` None with ``reason`` saying why there is none.
    ``reason`` is English; ``why`` is the same as a template for the UI's language."""

    username: str | None
    display_name: str
    open_tickets: int
    reason: str
    why: Message | None = None

    @classmethod
    def nobody(cls, why: Message) -> AssigneeSuggestion:
        return cls(None, "", 0, str(why), why)


class AssignmentAdvisor:
    """Suggests assignees; keeps the round-robin position per group in memory."""

    def __init__(
        self, repo: TriageQueueRepository, strategy: Strategy = Strategy.LEAST_LOADED
    ) -> None:
        self._repo = repo
        self.strategy = strategy
        self._last: dict[str, str] = {}  # group -> last suggested username (round-robin)

    def suggest(
        self, group: str | None, exclude: frozenset[str] = frozenset()
    ) -> AssigneeSuggestion:
        """Who should take a ticket of ``group`` (None or empty: no suggestion)."""
        if not group or not group.strip():
            return AssigneeSuggestion.nobody(Message("Set an assignee group first (G)."))
        people = self._repo.people(group, workers_only=True)
        if not people:
            return AssigneeSuggestion.nobody(Message("Nobody is known in {group}.", group=group))
        present = [p for p in people if not p[3] and p[0] not in exclude]
        if not present:
            return AssigneeSuggestion.nobody(Message("Everyone in {group} is away.", group=group))
        load = self._repo.open_load(p[0] for p in present)
        names = [p[0] for p in present]
        if self.strategy is Strategy.ROUND_ROBIN:
            last = self._last.get(group)
            start = names.index(last) + 1 if last in names else 0
            chosen = names[start % len(names)]
            why = Message("next in turn in {group}", group=group)
        else:
            chosen = min(names, key=lambda n: (load[n], n))
            why = Message(
                "fewest open tickets in {group} ({count})", group=group, count=load[chosen]
            )
        self._last[group] = chosen
        display = next(p[1] for p in present if p[0] == chosen)
        return AssigneeSuggestion(chosen, display, load[chosen], str(why), why)

    def set_away(self, username: str, away: bool) -> bool:
        """Mark someone away (this device only); False if the person is unknown."""
        return self._repo.set_away(username, away)

    def people(self) -> list[tuple[str, str, str | None, bool]]:
        """(username, display name, group, away) of everyone who can take tickets."""
        return self._repo.people(workers_only=True)

    def groups(self) -> list[str]:
        """Groups that have people, for the group picker."""
        return sorted({g for _u, _d, g, _a in self._repo.people() if g})

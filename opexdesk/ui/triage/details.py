"""What the side panels show for the current ticket: assignee suggestion, duplicate
candidates and the classifier's suggestion, each computed on a worker. Results for a ticket
the operator already left are dropped, and calls not started yet are skipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from opexdesk.services.triage import QueueItem, TriageService
from opexdesk.ui.i18n import error_text
from opexdesk.ui.triage.panels import (
    AssignmentPanel,
    DuplicatesPanel,
    SuggestionPanel,
    SuggestionSource,
)
from opexdesk.ui.workers import Call, Worker


class DetailLoader(QObject):
    """Fills the three panels for the ticket passed to :meth:`show`."""

    def __init__(
        self,
        service: TriageService,
        suggester: SuggestionSource,
        panels: tuple[SuggestionPanel, DuplicatesPanel, AssignmentPanel],
        on_error: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._suggester = suggester
        self._suggestion, self._duplicates, self._assignment = panels
        self._on_error = on_error
        self._worker = Worker(self, max_threads=2)
        self.shown_id: str | None = None
        self._item: QueueItem | None = None

    def reset(self) -> None:
        self.shown_id = None

    def show(self, item: QueueItem, force: bool = False) -> None:
        """Start the three computations for ``item`` (again if ``force``)."""
        if item.row.id == self.shown_id and not force:
            return
        ticket_id = self.shown_id = item.row.id
        self._item = item
        row, suggester = item.row, self._suggester
        self._duplicates.show_loading()
        self._suggestion.show_loading()
        self.refresh_assignment(item)
        wanted = self._still_shown(ticket_id)  # skipped if the operator moved on
        self._worker.run(
            lambda: self._candidates(ticket_id),
            self._when(ticket_id, lambda c: self._duplicates.show_candidates(*c.result)),
            wanted=wanted,
        )
        self._worker.run(
            lambda: suggester.suggest(row.title, row.description),
            self._when(ticket_id, lambda c: self._suggestion.show_suggestion(c.result)),
            wanted=wanted,
        )

    def refresh_assignment(self, item: QueueItem) -> None:
        """Only the assignee suggestion, again (after an edit: the group or the load moved;
        the text, so the suggestion and the duplicates, did not)."""
        if item.row.id != self.shown_id:
            return
        self._item = item
        group, service = item.row.group_name, self._service
        self._assignment.show_suggestion(None)
        self._worker.run(
            lambda: service.assignment.suggest(group),
            self._when(item.row.id, lambda c: self._assignment.show_suggestion(c.result)),
            wanted=self._still_shown(item.row.id),
        )

    def learn(self, ticket_id: str, field: str, value: Any) -> None:
        """Tell the classifier when the operator set a field of the shown ticket to something
        other than its suggestion (on the worker: it may save the corrections file)."""
        suggested = self._suggestion.current.get(field)
        record = getattr(self._suggester, "record_correction", None)
        item = self._item
        if record is None or item is None or item.row.id != ticket_id:
            return
        if suggested is None or suggested == str(value):
            return
        row = item.row
        self._worker.run(lambda: record(row.title, row.description, field, value), _ignore)

    def shutdown(self) -> None:
        self._worker.shutdown()

    def _candidates(self, ticket_id: str) -> tuple[list[Any], dict[str, str]]:
        found = self._service.duplicates(ticket_id)
        items = self._service.items([c.ticket_id for c in found])
        return found, {tid: it.row.display_number for tid, it in items.items()}

    def _still_shown(self, ticket_id: str) -> Callable[[], bool]:
        return lambda: self.shown_id == ticket_id

    def _when(self, ticket_id: str, show: Callable[[Call], None]) -> Callable[[Call], None]:
        def done(call: Call) -> None:
            if ticket_id != self.shown_id or call.skipped:
                # The operator moved on; or moved on and came back (A, B, A): the call was
                # skipped meanwhile, has no result, and the newer call for A will show.
                return
            if call.error is not None:
                self._on_error(error_text(call.error))
                return
            show(call)

        return done


def _ignore(_call: Call) -> None:
    """Nothing to show for a recorded correction (a failure is logged by the worker)."""

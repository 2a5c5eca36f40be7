"""Unsaved edits survive a crash: the open ticket's changed fields and the New ticket
dialog's text are copied to ``drafts.json`` in the data folder every few seconds and when an
error is reported; on the next start the user is offered to put them back.

The file is replaced atomically (temporary file, fsync, rename), so a crash while writing
leaves the previous copy. A draft is removed once its edit is saved or discarded (the form is
clean again, or the dialog closed).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from opexdesk.ui.tickets.fields_form import Editor, set_level
from opexdesk.ui.tickets.new_ticket_dialog import NewTicketDialog

log = logging.getLogger(__name__)

DRAFTS_FILE = "drafts.json"
TICKET, NEW_TICKET = "ticket", "new_ticket"
TEXT_FIELDS = ("title", "description", "requester", "site", "category", "assignee", "group_name")


class FieldsForm(Protocol):
    @property
    def editors(self) -> Mapping[str, Editor]: ...

    def changed_fields(self) -> dict[str, Any]: ...


class EditorPane(Protocol):
    """What the keeper reads from the ticket editor (TicketDetailPane has all of it)."""

    @property
    def fields(self) -> FieldsForm: ...

    def ticket_id(self) -> str | None: ...

    def has_unsaved_changes(self) -> bool: ...

    def show_ticket(self, ticket_id: str | None) -> None: ...


class DraftStore:
    """The drafts file: ``{slot: entry}``, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("drafts file %s unreadable (%s); ignored", self.path, exc)
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict) and "values" in v}

    def save(self, drafts: Mapping[str, Mapping[str, Any]]) -> None:
        if not drafts:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".drafts-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(drafts, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def apply_values(editors: Mapping[str, Editor], values: Mapping[str, Any]) -> None:
    """Put saved field values back into a form's editors (both ticket forms name them alike)."""
    for name, value in values.items():
        widget = editors.get(name)
        if widget is None:
            continue
        if name in ("impact", "urgency") and isinstance(widget, QComboBox):
            set_level(widget, int(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        elif isinstance(widget, QComboBox):
            widget.setEditText(str(value or ""))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))


def ask_box(parent: QWidget | None, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        QApplication.translate("DraftKeeper", "Restore unsaved edit"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


class DraftKeeper(QObject):
    """Copies the editor's and the New ticket dialog's unsaved text to the drafts file."""

    def __init__(
        self,
        path: Path,
        pane: EditorPane,
        label_for: Callable[[str], str],
        interval_ms: int = 3000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = DraftStore(path)
        self._pane = pane
        self._label_for = label_for
        self._labels: dict[str, str] = {}
        self.pending: dict[str, dict[str, Any]] = self.store.load()  # from the last session
        self._written = json.dumps(self.pending, sort_keys=True)
        self._dialogs: set[int] = set()
        self._closed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.flush)
        fields = getattr(pane, "fields", None)
        dirty_changed = getattr(fields, "dirty_changed", None)
        if dirty_changed is not None:  # saved or reverted: drop the draft at once
            dirty_changed.connect(lambda dirty: None if dirty else self.flush())

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def forget_current(self) -> None:
        """The window closed after asking about unsaved edits (saved or discarded): stop
        keeping them. Drafts of the last session not yet answered stay."""
        self.timer.stop()
        self._closed = True
        self.flush()

    def watch_window(self, window: QWidget) -> None:
        """Forget the current edits once ``window`` is closed (not when minimised)."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.forget_current()
        return False

    # ---- saving ------------------------------------------------------------------------

    def current(self) -> dict[str, dict[str, Any]]:
        """The unsaved edits on screen now."""
        out: dict[str, dict[str, Any]] = {}
        if self._closed:
            return out
        now = datetime.now(UTC).isoformat(timespec="seconds")
        ticket_id = self._pane.ticket_id()
        if ticket_id is not None and self._pane.has_unsaved_changes():
            values = self._pane.fields.changed_fields()
            if values:
                out[TICKET] = {
                    "ticket_id": ticket_id,
                    "number": self._label(ticket_id),
                    "values": values,
                    "saved_at": now,
                }
        dialog = open_new_ticket_dialog()
        if dialog is not None:
            self._watch(dialog)
            values = asdict(dialog.draft())
            if any(str(values.get(f) or "").strip() for f in TEXT_FIELDS):
                out[NEW_TICKET] = {"values": values, "saved_at": now}
        return out

    def flush(self) -> None:
        """Write the drafts file if what is unsaved changed (also called on a crash)."""
        drafts = {**self.pending, **self.current()}
        raw = json.dumps({k: v["values"] for k, v in drafts.items()}, sort_keys=True)
        if raw == self._written:
            return
        try:
            self.store.save(drafts)
            self._written = raw
        except OSError:
            log.exception("could not write the drafts file %s", self.store.path)

    def _label(self, ticket_id: str) -> str:
        if ticket_id not in self._labels:
            try:
                self._labels[ticket_id] = self._label_for(ticket_id)
            except Exception:  # a label is a nicety; the draft matters
                log.exception("no label for ticket %s", ticket_id)
                return ticket_id
        return self._labels[ticket_id]

    def _watch(self, dialog: NewTicketDialog) -> None:
        if id(dialog) not in self._dialogs:
            self._dialogs.add(id(dialog))
            dialog.finished.connect(lambda _result: QTimer.singleShot(0, self.flush))

    # ---- restoring ---------------------------------------------------------------------

    def question(self, slot: str) -> str:
        entry = self.pending[slot]
        if slot == TICKET:
            return f"Restore your unsaved edit of {entry.get('number') or entry['ticket_id']}?"
        title = str(entry["values"].get("title") or "").strip()
        return (
            f"Restore your unsaved new ticket “{title}”?"
            if title
            else ("Restore your unsaved new ticket?")
        )

    def offer_restore(
        self,
        ask: Callable[[str], bool],
        open_new_ticket: Callable[[], object] | None = None,
    ) -> list[str]:
        """Ask about each draft left by the last session; put back the ones accepted.
        Returns the slots restored. ``open_new_ticket`` opens the New ticket dialog (it may
        be modal: the values are filled in once it shows)."""
        restored: list[str] = []
        for slot in [s for s in (TICKET, NEW_TICKET) if s in self.pending]:
            entry = self.pending[slot]
            if not ask(self.question(slot)):
                self.discard(slot)
                continue
            if slot == TICKET and self._restore_ticket(entry):
                restored.append(slot)
            elif slot == NEW_TICKET and open_new_ticket is not None:
                # Kept in the file until the dialog shows it; the dialog keeps it from then on.
                fill_when_shown(entry["values"], lambda: self.pending.pop(NEW_TICKET, None))
                restored.append(slot)
                open_new_ticket()
        self.flush()
        return restored

    def discard(self, slot: str) -> None:
        self.pending.pop(slot, None)
        self.flush()

    def _restore_ticket(self, entry: Mapping[str, Any]) -> bool:
        ticket_id = str(entry.get("ticket_id"))
        self._pane.show_ticket(ticket_id)
        if self._pane.ticket_id() != ticket_id:
            log.warning("draft of %s not restored: the ticket is gone", ticket_id)
            self.pending.pop(TICKET, None)
            return False
        self.pending.pop(TICKET, None)
        apply_values(self._pane.fields.editors, entry["values"])
        return True


def open_new_ticket_dialog() -> NewTicketDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, NewTicketDialog) and widget.isVisible():
            return widget
    return None


def fill_when_shown(
    values: Mapping[str, Any], on_filled: Callable[[], object], tries: int = 100
) -> None:
    """Fill the New ticket dialog once it is on screen (it is opened modally right after)."""
    dialog = open_new_ticket_dialog()
    if dialog is not None:
        apply_values(dialog.editors, values)
        on_filled()
    elif tries > 0:
        QTimer.singleShot(20, lambda: fill_when_shown(values, on_filled, tries - 1))
    else:
        log.warning("the New ticket dialog did not open; its draft was not restored")

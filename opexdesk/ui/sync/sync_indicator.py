"""The sync part of the status bar: state text, first-sync progress, conflicts badge."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from opexdesk.services.sync.progress import SyncProgress
from opexdesk.services.sync.status import State, SyncStatus
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, message_text
from opexdesk.ui.locale_format import to_qdatetime

SIGNED_OUT_TEXT = QT_TRANSLATE_NOOP("SyncIndicator", "Not signed in — working locally")
WARN_STYLE = (
    "QLabel#syncState { background: #fff3cd; color: #664d03; border: 1px solid #e0b400;"
    " border-radius: 3px; padding: 0 6px; }"
)
ERROR_STYLE = "QLabel#syncState { color: #b00020; }"
BADGE_STYLE = (
    "QPushButton#conflictsBadge { background: #d9480f; color: white; border: none;"
    " border-radius: 8px; padding: 1px 8px; font-weight: bold; }"
    "QPushButton#conflictsBadge:focus { outline: none; border: 2px solid #1c7ed6; }"
)


def changes_text(n: int) -> str:
    return (
        QCoreApplication.translate("SyncStatus", "1 change")
        if n == 1
        else QCoreApplication.translate("SyncStatus", "{0} changes").format(f"{n:,}")
    )


def age_text(age: timedelta) -> str:
    hours = age.total_seconds() / 3600
    if hours < 1:
        return QCoreApplication.translate("SyncStatus", "{0} min").format(
            max(1, int(age.total_seconds() // 60))
        )
    if hours < 48:
        return QCoreApplication.translate("SyncStatus", "{0} h").format(int(hours))
    return QCoreApplication.translate("SyncStatus", "{0} days").format(int(hours // 24))


def synced_text(when: datetime | None, now: datetime | None) -> str:
    """ "synced 10:42" today, "synced 02 Mar 10:42" before (the day as the language writes it)."""
    if when is None:
        return QCoreApplication.translate("SyncStatus", "never synced")
    today = now is not None and when.astimezone().date() == now.astimezone().date()
    # A Qt date pattern, translated: month names and day order follow the language.
    pattern = "HH:mm" if today else QCoreApplication.translate("SyncStatus", "dd MMM HH:mm")
    moment = QLocale().toString(to_qdatetime(when), pattern)
    return QCoreApplication.translate("SyncStatus", "synced {0}").format(moment)


def last_error_text(status: SyncStatus) -> str | None:
    """The last failure in the current language (None when there is none)."""
    if not status.last_error:
        return None
    return message_text(status.last_error_template, status.last_error_params, status.last_error)


def account_text(status: SyncStatus) -> str | None:
    """Who this device is signed in as, with the role and a knowledge-base editor's grant
    (what decides which articles the user may edit); None when never signed in."""
    if not status.username:
        return None
    roles = {
        "technician": QCoreApplication.translate("SyncStatus", "technician"),
        "operator": QCoreApplication.translate("SyncStatus", "operator"),
        "admin": QCoreApplication.translate("SyncStatus", "administrator"),
    }
    role = roles.get(status.role or "", status.role)
    if role and status.kb_editor:
        return QCoreApplication.translate(
            "SyncStatus", "Signed in as {0} ({1}, knowledge-base editor)"
        ).format(status.username, role)
    if role:
        return QCoreApplication.translate("SyncStatus", "Signed in as {0} ({1})").format(
            status.username, role
        )
    return QCoreApplication.translate("SyncStatus", "Signed in as {0}").format(status.username)


def status_text(status: SyncStatus) -> tuple[str, str]:
    """(text, tooltip) for the status bar."""
    waiting = (
        QCoreApplication.translate("SyncStatus", "{0} waiting").format(changes_text(status.pending))
        if status.pending
        else ""
    )
    state = status.state
    if state == State.SIGNED_OUT:
        text = QCoreApplication.translate("SyncIndicator", SIGNED_OUT_TEXT)
        tip = QCoreApplication.translate(
            "SyncStatus", "Changes are kept on this computer. Sync > Sign in… to share them."
        )
    elif state == State.SYNCING:
        text, tip = (
            QCoreApplication.translate("SyncStatus", "Syncing…"),
            QCoreApplication.translate("SyncStatus", "Sending and receiving changes."),
        )
    elif state == State.OFFLINE:
        text = (
            QCoreApplication.translate("SyncStatus", "Offline — {0}").format(waiting)
            if waiting
            else QCoreApplication.translate("SyncStatus", "Offline — working locally")
        )
        tip = QCoreApplication.translate(
            "SyncStatus", "The server cannot be reached; changes are kept here and sent later."
        )
    elif state == State.AUTH_NEEDED:
        text = QCoreApplication.translate("SyncStatus", "Sign-in needed") + (
            f" — {waiting}" if waiting else ""
        )
        tip = last_error_text(status) or QCoreApplication.translate(
            "SyncStatus", "The server asks you to sign in again (Sync > Sign in…)."
        )
    elif state == State.ERROR:
        text = QCoreApplication.translate("SyncStatus", "Sync problem") + (
            f" — {waiting}" if waiting else ""
        )
        tip = last_error_text(status) or QCoreApplication.translate(
            "SyncStatus", "The last sync failed; it is retried automatically."
        )
    else:
        synced = synced_text(status.last_sync_at, status.now)
        text = (
            f"{waiting} · {synced}"
            if waiting
            else QCoreApplication.translate("SyncStatus", "Up to date · {0}").format(synced)
        )
        tip = (
            QCoreApplication.translate("SyncStatus", "In sync with {0}").format(status.server_url)
            if status.server_url
            else QCoreApplication.translate("SyncStatus", "In sync.")
        )
    if status.rejected:
        text += " · " + QCoreApplication.translate("SyncStatus", "{0} refused").format(
            f"{status.rejected:,}"
        )
        tip += "\n" + QCoreApplication.translate(
            "SyncStatus", "{0} refused by the server (see the ticket history)."
        ).format(changes_text(status.rejected))
    age = status.oldest_pending_age
    if status.unsynced_too_long and age is not None:
        tip = (
            QCoreApplication.translate(
                "SyncStatus",
                "The oldest change waiting was made {0} ago and is not on the server yet.",
            ).format(age_text(age))
            + "\n"
            + tip
        )
    account = account_text(status)
    if account and state != State.SIGNED_OUT:
        tip += "\n" + account
    return text, tip


# What the bar says per phase ("download": a new device's working set, in tickets).
_VERBS = {
    "push": QT_TRANSLATE_NOOP("SyncIndicator", "Sending"),
    "pull": QT_TRANSLATE_NOOP("SyncIndicator", "Receiving"),
    "download": QT_TRANSLATE_NOOP("SyncIndicator", "Downloading tickets"),
    "download_articles": QT_TRANSLATE_NOOP("SyncIndicator", "Downloading the knowledge base"),
}


class SyncIndicator(QWidget):
    """Signals: conflicts_clicked(), stop_clicked() (stop the round after this page)."""

    conflicts_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = QLabel(self.tr(SIGNED_OUT_TEXT))
        self.state_label.setObjectName("syncState")
        self.state_label.setToolTip(self.tr("Changes are kept on this computer."))
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setFixedWidth(160)
        self.progress.setMaximumHeight(16)
        self.progress.hide()
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current page (safe)"))
        self.stop_button.setAutoRaise(True)
        self.stop_button.hide()
        self.stop_button.clicked.connect(self.stop_clicked)
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("conflictsBadge")
        self.conflicts_button.setStyleSheet(BADGE_STYLE)
        self.conflicts_button.setToolTip(self.tr("Open the conflicts (Ctrl+Shift+K)"))
        self.conflicts_button.hide()
        self.conflicts_button.clicked.connect(self.conflicts_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        for widget in (self.conflicts_button, self.state_label, self.progress, self.stop_button):
            layout.addWidget(widget)
        # Never wider than the content: the status bar would spread the parts apart.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.state_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.status: SyncStatus | None = None
        self.warning = False

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        text, tip = status_text(status)
        self.state_label.setText(text)
        self.state_label.setToolTip(tip)
        self.warning = status.unsynced_too_long and status.pending > 0
        if self.warning:
            self.state_label.setStyleSheet(WARN_STYLE)
        elif status.state in (State.ERROR, State.AUTH_NEEDED):
            self.state_label.setStyleSheet(ERROR_STYLE)
        else:
            self.state_label.setStyleSheet("")
        n = status.open_conflicts
        self.conflicts_button.setText(
            self.tr("1 conflict") if n == 1 else self.tr("{0} conflicts").format(f"{n:,}")
        )
        self.conflicts_button.setVisible(n > 0)
        if status.state != State.SYNCING:
            self.show_progress(None)
        self.updateGeometry()  # the status bar re-lays out its parts to the new width

    def show_progress(self, progress: SyncProgress | None) -> None:
        """A step of the running round; None hides the bar."""
        if progress is None:
            self.progress.hide()
            self.stop_button.hide()
            self.updateGeometry()
            return
        verb = _VERBS.get(progress.phase, QT_TRANSLATE_NOOP("SyncIndicator", "Receiving"))
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
            self.progress.setFormat(f"{self.tr(verb)} %v / %m")
        else:
            self.progress.setRange(0, 0)  # busy: the total is not known
            self.progress.setFormat(self.tr(verb))
        self.progress.show()
        self.stop_button.show()
        self.updateGeometry()

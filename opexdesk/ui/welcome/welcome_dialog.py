"""The first-run welcome (shown while ``welcome_done`` is false): connect to a server and sign
in, or work offline, or try demo data; then the first download with progress.

The settings file is written only by Finish. Cancel stops a running download after its
current page (each page is its own commit and resumes later), signs out again if the flow
signed in, and writes nothing, so the next start shows the welcome again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtWidgets import QDialog, QWidget, QWizard

from opexdesk.services.app_settings import AppSettings, AppSettingsStore, SettingsError
from opexdesk.services.sync.runner import SyncRunner
from opexdesk.services.sync.session import SyncSession
from opexdesk.storage.database import Database
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text
from opexdesk.ui.welcome.download_page import DownloadPage
from opexdesk.ui.welcome.pages import (
    PAGE_CONNECT,
    PAGE_DOWNLOAD,
    PAGE_SIGN_IN,
    ConnectPage,
    SignInPage,
    say,
)
from opexdesk.ui.workers import Worker

TITLE = QT_TRANSLATE_NOOP("WelcomeDialog", "Welcome to OpExDesk")
# What exec() returns when the user picked another language: the caller installs it and
# opens the flow again (its texts are set once, when the pages are built).
LANGUAGE_PICKED = 2


@dataclass(frozen=True)
class FirstPageChoices:
    """What the first page held when another language was picked: the flow reopened in
    that language starts from it."""

    language: str
    mode: str  # "server", "offline" or "demo"
    server_url: str
    ca_file: str | None


class WelcomeDialog(QWizard):
    """After Accepted, ``saved`` holds the settings written by Finish."""

    def __init__(
        self,
        store: AppSettingsStore,
        session: SyncSession,
        runner: SyncRunner,
        db: Database,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
        after_demo: Callable[[], object] | None = None,
        start: FirstPageChoices | None = None,
    ) -> None:
        super().__init__(parent)
        self.after_demo = after_demo  # on the worker, after the demo tickets (e.g. articles)
        self.store = store
        self.session = session
        self.runner = runner
        self.db = db
        self.now = now
        self.worker = Worker(self)
        self.signed_in = False
        self.saved: AppSettings | None = None
        settings, bound = store.load(), session.settings()
        self.language = start.language if start else settings.language  # saved by Finish
        self.picked: FirstPageChoices | None = None  # set when another language is picked
        if start is not None:
            self.initial_server: str | None = start.server_url
            self.initial_ca: str | None = start.ca_file
        else:
            self.initial_server = bound.server_url or settings.server_url
            self.initial_ca = bound.ca_file or settings.ca_file
        self.initial_user = bound.username
        self.setWindowTitle(self.tr(TITLE))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.connect_page = ConnectPage(self)
        self.sign_in_page = SignInPage(self)
        self.download_page = DownloadPage(self)
        self.setPage(PAGE_CONNECT, self.connect_page)
        self.setPage(PAGE_SIGN_IN, self.sign_in_page)
        self.setPage(PAGE_DOWNLOAD, self.download_page)
        self.setStartId(PAGE_CONNECT)
        if start is not None:
            self.connect_page.set_mode(start.mode)
        self.resize(640, 480)

    # ---- called by the pages -------------------------------------------------------------

    def language_picked(self, code: str) -> None:
        """Another language: stop like Cancel, and let the caller reopen the flow in it."""
        if code == self.language:
            return
        page = self.connect_page
        self.picked = FirstPageChoices(code, page.mode(), page.url_edit.text(), page.ca_file())
        self._stop()
        # QDialog's own done(): QWizard.done would first validate the page (check the server).
        QDialog.done(self, LANGUAGE_PICKED)

    def mode_changed(self, mode: str) -> None:
        suffix = self.tr(" — DEMO") if mode == "demo" else ""
        self.setWindowTitle(self.tr(TITLE) + suffix)

    # ---- QWizard -------------------------------------------------------------------------

    def accept(self) -> None:
        """Finish: the one place the settings file is written."""
        mode = self.connect_page.mode()
        settings = replace(
            self.store.load(),
            welcome_done=True,
            language=self.language,
            demo_mode=mode == "demo",
            server_url=self.connect_page.server_url() if mode == "server" else None,
            ca_file=self.connect_page.ca_file() if mode == "server" else None,
        )
        try:
            self.saved = self.store.save(settings)
        except (SettingsError, OSError) as exc:
            page = self.currentPage()
            if isinstance(page, ConnectPage | DownloadPage):  # the pages with Finish
                text = self.tr("Cannot save the settings: {0}").format(error_text(exc))
                say(page.finish_error, text, False)
            return
        self.worker.shutdown()
        super().accept()

    def reject(self) -> None:
        """Cancel: stop what runs, undo the sign-in, write nothing."""
        self._stop()
        super().reject()

    def _stop(self) -> None:
        self.download_page.cancel.set()
        self.worker.shutdown()  # waits for the running page of a download to commit
        if self.signed_in:
            self.session.sign_out()
            self.signed_in = False

"""Putting the settings into the running program: Edit > Settings… (Ctrl+,), the theme at
start-up, the sync interval, the DEMO mark, and the first-run welcome before the window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu

from opexdesk.services.app_settings import AppSettings, AppSettingsStore, Theme
from opexdesk.services.local_data import unsynced_changes
from opexdesk.ui.i18n import shown_text
from opexdesk.ui.menus import window_menu
from opexdesk.ui.settings_dialog import SettingsDialog
from opexdesk.ui.theme import apply_theme
from opexdesk.ui.welcome.demo_badge import mark_demo

if TYPE_CHECKING:
    from opexdesk.app import AppContext

log = logging.getLogger(__name__)


def _app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    from opexdesk.ui.application import configure_application

    configure_application(app)
    return app


def apply_sync_interval(ctx: AppContext, settings: AppSettings) -> None:
    """The idle poll of the sync runner follows the chosen interval (back-off stays)."""
    runner = ctx.sync.runner
    runner.policy = replace(runner.policy, idle_s=float(settings.sync_interval_s))


@dataclass
class SettingsInstallation:
    action: QAction
    menu: QMenu
    open: Callable[[], bool]
    unsubscribe: Callable[[], None]


def _edit_menu(window: QMainWindow) -> QMenu:
    """The window's Edit menu, created after File when there is none yet."""
    return window_menu(window, "edit", lambda: window.tr("&Edit"), after="file")


def install_settings(
    main_window: QMainWindow,
    ctx: AppContext,
    settings_store: AppSettingsStore,
    on_language: Callable[[str], None] | None = None,
    startup_messages: Sequence[str] = (),
) -> SettingsInstallation:
    """Add Edit > Settings… (Ctrl+,), apply the theme and sync interval now and after every
    change, mark a demo session, and show a settings-file notice and ``startup_messages``
    (from ``local_data.apply_pending``: a finished move or reset) in the status bar."""
    settings = settings_store.load()
    apply_theme(_app(), settings.theme)
    apply_sync_interval(ctx, settings)
    if settings.demo_mode:
        mark_demo(main_window)
    shown = [shown_text(m) for m in (settings_store.notice, *startup_messages) if m]
    if shown:
        main_window.statusBar().showMessage(" ".join(shown), 20_000)

    def changed(new: AppSettings) -> None:
        apply_sync_interval(ctx, new)

    unsubscribe = settings_store.subscribe(changed)

    def open_settings() -> bool:
        dialog = SettingsDialog(
            settings_store,
            data_dir=ctx.paths.data,
            pending_count=lambda: unsynced_changes(ctx.sync.status),
            apply_theme=lambda theme: apply_theme(_app(), theme),
            on_language=on_language,
            bound_server=ctx.sync.session.settings().server_url,
            parent=main_window,
        )
        dialog.data_page.reset_requested.connect(lambda: _signed_out_for_reset(main_window))
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    action = QAction(main_window.tr("&Settings…"), main_window)
    action.setShortcuts(
        [QKeySequence("Ctrl+,"), QKeySequence(QKeySequence.StandardKey.Preferences)]
    )
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.triggered.connect(lambda _checked=False: open_settings())
    main_window.addAction(action)  # works while the menu bar is hidden
    menu = _edit_menu(main_window)
    menu.addAction(action)
    return SettingsInstallation(action, menu, open_settings, unsubscribe)


def _signed_out_for_reset(window: QMainWindow) -> None:
    """The data will be erased: forget the sign-in now so no token outlives it."""
    sync = getattr(window, "sync", None)
    if sync is not None and getattr(sync, "signed_in", False):
        sync.sign_out()


def run_welcome_if_needed(ctx: AppContext, settings_store: AppSettingsStore) -> bool:
    """Before the main window on a first start: the welcome flow. True to go on to the main
    window; False when the user cancelled it (quit; the next start asks again). A settings
    file from a newer OpExDesk means this device was set up already: no welcome then."""
    settings = settings_store.load()
    if settings.welcome_done or settings_store.read_only:
        return True
    from opexdesk.ui.i18n import install_language
    from opexdesk.ui.welcome.welcome_dialog import (
        LANGUAGE_PICKED,
        FirstPageChoices,
        WelcomeDialog,
    )

    apply_theme(_app(), settings.theme if isinstance(settings.theme, Theme) else Theme.SYSTEM)

    def demo_articles() -> object:
        from opexdesk.services.kb.demo_articles import seed_demo_articles

        return seed_demo_articles(ctx.knowledge.articles, ctx.ticket_list)

    start: FirstPageChoices | None = None  # after a language pick: what page 1 held
    while True:
        dialog = WelcomeDialog(
            settings_store,
            ctx.sync.session,
            ctx.sync.runner,
            ctx.db,
            ctx.clock.now,
            after_demo=demo_articles,
            start=start,
        )
        try:
            answer = dialog.exec()
        finally:
            dialog.deleteLater()
        if answer != LANGUAGE_PICKED or dialog.picked is None:
            break
        start = dialog.picked
        install_language(_app(), start.language)  # the flow opens again in that language
    accepted = answer == QDialog.DialogCode.Accepted
    log.info("welcome %s", "finished" if accepted else "cancelled")
    return accepted

"""Starting the Qt side: the QApplication, fonts, the main window, and fatal-error boxes."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from opexdesk.app import AppContext
    from opexdesk.services.app_settings import AppSettingsStore
    from opexdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
T = TypeVar("T")

APP_NAME = "OpExDesk"
ORG_NAME = "OpExDesk"
DESKTOP_ID = "org.opexdesk.OpExDesk"
# Tried in order for glyphs the default family lacks (Chinese names and titles are common).
CJK_FALLBACKS = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP", "WenQuanYi Zen Hei")
SMOKE_TIMEOUT_S = 2.0
_HEADLESS_PLATFORMS = ("offscreen", "minimal")


def configure_application(app: QApplication) -> None:
    """Name the application and give its default font a CJK fallback.

    Qt's own fallback search is platform dependent (and absent on the offscreen platform);
    listing the CJK family after the default family makes Chinese render everywhere.
    """
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    # Matches the installed desktop entry, so taskbars (and Wayland) find its icon and name.
    app.setDesktopFileName(DESKTOP_ID)
    icon_file = resources.files("opexdesk").joinpath("resources", "icons", "opexdesk.svg")
    app.setWindowIcon(QIcon.fromTheme(DESKTOP_ID, QIcon(str(icon_file))))
    available = set(QFontDatabase.families())
    fallbacks = [family for family in CJK_FALLBACKS if family in available]
    if not fallbacks:
        log.warning("no CJK font found (install fonts-noto-cjk); Chinese text may show boxes")
        return
    font = QFont(app.font())
    primary = font.family()
    font.setFamilies([primary, *fallbacks])
    QFont.insertSubstitutions(primary, fallbacks)
    app.setFont(font)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication(sys.argv[:1])


def open_with_upgrade_window(open_store: Callable[[], T], language: str | None = None) -> T:
    """``open_store()`` (which upgrades the local database) with a window saying so, in
    ``language``; without a display, simply called."""
    if no_display():
        return open_store()
    app = _application()
    configure_application(app)  # the CJK fallback font: the text may be Chinese
    if language is not None:
        from opexdesk.ui.i18n import install_language

        install_language(app, language)
    from opexdesk.ui.upgrade_progress import UpgradeProgress

    progress: UpgradeProgress[T] = UpgradeProgress()
    return progress.run(open_store)


def run_gui(
    ctx: AppContext,
    smoke: bool = False,
    settings_store: AppSettingsStore | None = None,
    startup_messages: Sequence[str] = (),
    demo: bool = False,
    instance_channel: str | None = None,
) -> int:
    """Show the main window; with ``smoke`` wait for the first painted page, then exit 0.

    With ``settings_store``: the first-run welcome flow (not for ``smoke`` or ``demo``, a
    session started with demo data), Edit > Settings, the theme, and the notification
    switches. ``demo`` marks the window as a demo. With ``instance_channel`` (the caller
    holds the instance lock) a later launch over the same data shows this window."""
    if not isinstance(QApplication.instance(), QApplication) and display_missing():
        if not smoke:
            # Qt would abort with a plugin message; say what is wrong instead.
            print(
                "opexdesk: no display (DISPLAY and WAYLAND_DISPLAY are unset); "
                "for a headless check run with QT_QPA_PLATFORM=offscreen",
                file=sys.stderr,
            )
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # an installation check needs no screen
    app = _application()
    configure_application(app)
    current: dict[str, MainWindow] = {}  # the window in use: a language switch replaces it
    if settings_store is not None:
        from opexdesk.ui.i18n import install_language

        install_language(app, settings_store.load().language)  # before any window exists
    server = None
    if instance_channel is not None and not smoke:
        from opexdesk.ui.single_instance import InstanceServer, bring_to_front

        # Listening from here on, so a later launch during the welcome flow finds it too.
        server = InstanceServer(
            instance_channel, lambda: bring_to_front(current.get("window")), app
        )
    try:
        return _run_windows(app, ctx, smoke, settings_store, startup_messages, demo, current)
    finally:
        if server is not None:
            server.close()
            server.deleteLater()


def _run_windows(
    app: QApplication,
    ctx: AppContext,
    smoke: bool,
    settings_store: AppSettingsStore | None,
    startup_messages: Sequence[str],
    demo: bool,
    current: dict[str, MainWindow],
) -> int:
    """The welcome flow when needed, then the main window until it closes (or is painted,
    for ``smoke``). ``current`` holds the window in use: a language switch replaces it."""
    if settings_store is not None and not smoke and not demo:
        from opexdesk.ui.settings_wiring import run_welcome_if_needed

        if not run_welcome_if_needed(ctx, settings_store):
            return 0  # welcome cancelled: nothing configured, asked again at the next start
    from opexdesk.ui.main_window import MainWindow  # after the QApplication exists

    def build(first: bool = False) -> MainWindow:
        window = MainWindow(ctx)
        _install_extras(
            window,
            ctx,
            smoke=smoke or not first,  # drafts are offered once, at start-up
            settings_store=settings_store,
            startup_messages=startup_messages if first else (),
            demo=demo,
            on_language=switch_later,
        )
        current["window"] = window
        return window

    def switch_later(code: str) -> None:
        # After the settings dialog has closed: the switch closes and rebuilds its parent.
        from opexdesk.ui.i18n import switch_language

        QTimer.singleShot(0, lambda: switch_language(app, current["window"], code, build))

    window = build(first=True)
    window.show()
    if not smoke:
        code = app.exec()
        current["window"].close()
        return code
    painted = _wait_until_painted(app, window.table_view().viewport(), SMOKE_TIMEOUT_S)
    log.info(
        "smoke ok: %d rows loaded, list %s",
        window.ticket_model().rows_known,
        "painted" if painted else "not painted within the timeout",
    )
    window.close()
    return 0


def _install_extras(
    window: MainWindow,
    ctx: AppContext,
    smoke: bool,
    settings_store: AppSettingsStore | None,
    startup_messages: Sequence[str],
    demo: bool,
    on_language: Callable[[str], None] | None = None,
) -> None:
    """Settings, crash handling with drafts, tray notifications and the demo mark."""
    from opexdesk.services.app_settings import NotificationSwitches
    from opexdesk.ui.alerts_wiring import install_alerts
    from opexdesk.ui.crash import install_crash_handling
    from opexdesk.ui.welcome.demo_badge import is_marked_demo, mark_demo

    switches: object = _AllAlerts()
    if settings_store is not None:
        from opexdesk.ui.settings_wiring import install_settings

        window.installations.append(
            install_settings(
                window,
                ctx,
                settings_store,
                on_language=on_language,
                startup_messages=startup_messages,
            )
        )
        switches = NotificationSwitches(settings_store)
    # The modal "restore your draft?" question would block a smoke run.
    window.installations.append(install_crash_handling(window, ctx, restore_drafts=not smoke))
    window.installations.append(install_alerts(window, ctx, switches))  # type: ignore[arg-type]
    if demo and not is_marked_demo(window):
        mark_demo(window)


class _AllAlerts:
    """Every notification on (no settings store: tests and embedded uses)."""

    notify_new_p1 = True
    notify_sla_breach = True
    notify_conflicts = True


class _PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _wait_until_painted(app: QApplication, widget: QObject, timeout_s: float) -> bool:
    watch = _PaintWatch()
    widget.installEventFilter(watch)
    deadline = time.monotonic() + timeout_s
    try:
        while not watch.painted and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        app.processEvents()
    finally:
        widget.removeEventFilter(watch)
    return watch.painted


def display_missing() -> bool:
    """Linux without X11 or Wayland and no platform chosen: a QApplication would abort."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    )


def no_display() -> bool:
    """True where a message box cannot be shown (or creating a QApplication would abort)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return platform.split(":")[0] in _HEADLESS_PLATFORMS or display_missing()


def fatal_error_texts(error: BaseException | str, log_path: Path | None) -> tuple[str, str, str]:
    """Window title, heading and details of the start-up error box in the installed language."""
    from opexdesk.ui.i18n import error_text

    message = error if isinstance(error, str) else error_text(error)
    title = QCoreApplication.translate("StartupError", "{0} cannot start").format(APP_NAME)
    heading = QCoreApplication.translate("StartupError", "{0} cannot start.").format(APP_NAME)
    if log_path is None:
        return title, heading, message
    details = QCoreApplication.translate(
        "StartupError", "{0}\n\nDetails are in the log file:\n{1}"
    ).format(message, log_path)
    return title, heading, details


def show_fatal_error(
    message: BaseException | str, log_path: Path | None, language: str | None = None
) -> None:
    """Tell the user why OpExDesk cannot start and where the log is (no-op without a display),
    in ``language`` (a settings code) when given."""
    if no_display():
        log.info("no display for the error box: %s", message)
        return
    existing = QCoreApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        return  # a console-only QCoreApplication cannot show widgets
    app = _application()
    if app.platformName() in _HEADLESS_PLATFORMS:
        return
    if language is not None:
        from opexdesk.ui.i18n import install_language

        install_language(app, language)
    title, heading, details = fatal_error_texts(message, log_path)
    box = QMessageBox(QMessageBox.Icon.Critical, title, heading)
    box.setInformativeText(details)
    box.exec()

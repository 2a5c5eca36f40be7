"""The user interface language: Qt translators for OpExDesk and Qt itself, the formatting
locale, and switching both at run time.

Compiled catalogues (``opexdesk_<code>.qm``) ship inside the package under
``opexdesk/resources/i18n``; Qt's own (``qtbase_<code>.qm``: standard buttons, context
menus) are read from the PySide6 installation. See docs/i18n.md.
"""

from __future__ import annotations

import logging
import math
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QComboBox, QMainWindow, QSplitter

from opexdesk.domain.errors import Templated, Term, Terms
from opexdesk.domain.kept_messages import KeptMessage, Listed, Message
from opexdesk.ui.locale_format import format_duration, format_number

if TYPE_CHECKING:
    from opexdesk.ui.models.ticket_table_model import TicketTableModel
    from opexdesk.ui.tickets.detail_pane import TicketDetailPane
    from opexdesk.ui.tickets.filter_bar import FilterBar
    from opexdesk.ui.tickets.ticket_table_view import TicketTableView

log = logging.getLogger(__name__)

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
CATALOGUE_PREFIX = "opexdesk_"
ENGLISH = "en"
CHINESE = "zh_CN"
SYSTEM = "system"
# Codes a user may choose, with the name shown in the language's own script.
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
# Labels of the ticket model (statuses, default matrix levels, field names) that come from
# the domain in English; the UI shows them through ``vocabulary()``.
VOCABULARY_CONTEXT = "Vocabulary"
# Templates of Templated errors (ticket rules, workflow, services), shown by error_text().
DOMAIN_MESSAGES_CONTEXT = "DomainMessages"
# How a translated message joins a list of labels (Terms); translated in that context too.
LIST_SEPARATOR = ", "
# Contexts lupdate derives from calls like ``parent.tr(...)`` (it names the variable, while
# Qt looks the text up under the class name): looked up after the caller's own context.
ALIAS_CONTEXTS: tuple[str, ...] = ("parent", "window", "main_window", "self.main_window")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate's name
    """Mark ``text`` for extraction under ``context`` and return it unchanged (typed as str,
    unlike PySide6's own); translate it later with that class's tr()."""
    return text


def catalogue_path(code: str) -> Path:
    """Where the compiled catalogue of ``code`` is shipped (it may not exist)."""
    return CATALOGUE_DIR / f"{CATALOGUE_PREFIX}{code}.qm"


def resolve(code: str, system: QLocale | None = None) -> str:
    """A supported language code for ``code`` ("en", "zh_CN" or "system").

    "system" follows the operating system: Chinese written in simplified characters
    (mainland China, Singapore, or an explicit Hans script) gets Chinese, everything else
    English. Unknown codes raise ValueError naming the supported ones.
    """
    if code in LANGUAGES:
        return code
    if code != SYSTEM:
        choices = ", ".join([*LANGUAGES, SYSTEM])
        raise ValueError(f"unknown language {code!r}: choose one of {choices}")
    locale = system or QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    traditional = locale.script() == QLocale.Script.TraditionalHanScript or (
        locale.script() == QLocale.Script.AnyScript
        and locale.territory()
        in (QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macao)
    )
    return ENGLISH if traditional else CHINESE


def formatting_locale(code: str, system: QLocale | None = None) -> QLocale:
    """The locale dates and numbers are written in for the chosen language.

    The system's own locale when it speaks that language (a British user keeps day-first
    dates), else the language's main locale.
    """
    system = system or QLocale.system()
    wanted = QLocale.Language.Chinese if code == CHINESE else QLocale.Language.English
    if system.language() == wanted and resolve(SYSTEM, system) == code:
        return system
    return (
        QLocale(CHINESE)
        if code == CHINESE
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )


class CatalogueTranslator(QTranslator):
    """OpExDesk's catalogue, looked up under the caller's context first, then under the
    alias contexts and the shared vocabulary (texts reached through a variable)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogue = QTranslator(self)

    def load_catalogue(self, path: Path) -> bool:
        return self._catalogue.load(str(path))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return self._catalogue.isEmpty()

    def language(self) -> str:
        return self._catalogue.language()

    def translate(  # type: ignore[override]
        self,
        context: str | bytes,
        source: str,
        disambiguation: str | bytes | None = None,
        n: int = -1,
    ) -> str | None:
        ctx = context.decode() if isinstance(context, bytes) else context
        note = disambiguation.decode() if isinstance(disambiguation, bytes) else disambiguation
        for lookup in (ctx, *ALIAS_CONTEXTS, VOCABULARY_CONTEXT):
            found = self._catalogue.translate(lookup, source, note, n)
            if found:
                return found
        # None is a null string to Qt: "not here", so the next translator (Qt's own) is
        # asked; an empty string would count as a translation and blank the text.
        return None


@dataclass(frozen=True)
class Installed:
    """What ``install_language`` put in place."""

    code: str  # "en" or "zh_CN"
    catalogue: bool  # OpExDesk's own catalogue loaded (always False for English)
    qt_catalogue: bool  # Qt's catalogue for standard dialogs and buttons loaded
    locale: QLocale


class Translations(QObject):
    """Owns the installed translators (a child of the application, so they live as long
    as it does and are found again on the next switch)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("opexdeskTranslations")
        self._app = app
        self._installed: list[QTranslator] = []
        self.current: Installed | None = None

    @staticmethod
    def of(app: QCoreApplication) -> Translations:
        found = app.findChild(Translations, "opexdeskTranslations")
        return found if isinstance(found, Translations) else Translations(app)

    def install(self, code: str, system: QLocale | None = None) -> Installed:
        language = resolve(code, system)
        locale = formatting_locale(language, system)
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        own = qt = False
        if language != ENGLISH:
            mine = CatalogueTranslator(self)
            own = mine.load_catalogue(catalogue_path(language))
            if own:
                self._keep(mine)
            else:
                log.warning("no catalogue for %s at %s", language, catalogue_path(language))
            base = QTranslator(self)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt = base.load(f"qtbase_{language}", qt_dir)
            if qt:
                self._keep(base)
        # Formatting follows the language; the translators above send LanguageChange.
        QLocale.setDefault(locale)
        self.current = Installed(language, own, qt, locale)
        log.info("language %s (catalogue %s, Qt %s)", language, own, qt)
        return self.current

    def _keep(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)


def install_language(app: QCoreApplication, code: str) -> Installed:
    """Make ``code`` ("en", "zh_CN" or "system") the language of every text translated from
    now on, and of number and date formatting. Widgets get a LanguageChange event."""
    return Translations.of(app).install(code)


def current_language(app: QCoreApplication) -> str:
    """The installed language code ("en" until ``install_language`` is called)."""
    found = app.findChild(Translations, "opexdeskTranslations")
    current = found.current if isinstance(found, Translations) else None
    return current.code if current is not None else ENGLISH


def vocabulary(text: str) -> str:
    """A label of the ticket model (status, default impact/urgency level, field name) in
    the current language; unknown labels (a matrix's own names) are shown as they are."""
    return QCoreApplication.translate(VOCABULARY_CONTEXT, text)


def error_text(exc: BaseException) -> str:
    """What to show a user for ``exc``: a Templated error in the current language (see
    ``shown_text``); ``str(exc)`` (English) for any other error."""
    return shown_text(exc)


def shown_text(message: object) -> str:
    """A message for people in the current language: a Templated error, a ``Message`` or a
    ``KeptMessage`` by its template (context "DomainMessages") with its arguments filled
    (messages inside it translated first, labels through ``vocabulary()``, grouped numbers
    and durations in the locale's format); a ``Listed`` run joined the language's way.
    Anything else, or a template with no translation, as its English text."""
    if isinstance(message, Listed):
        separator = QCoreApplication.translate(DOMAIN_MESSAGES_CONTEXT, message.separator)
        return separator.join(shown_text(item) for item in message.items)
    if isinstance(message, Templated | Message | KeptMessage):
        return message_text(message.template, message.params, str(message))
    return str(message)


def message_text(template: str | None, params: Mapping[str, object], english: str) -> str:
    """A kept message (``template``, ``params`` and ``english``, its text) in the current
    language, as ``shown_text`` shows it; ``english`` when there is no template or no
    translation of it. For records kept without their message object."""
    if not template:
        return english
    translated = QCoreApplication.translate(DOMAIN_MESSAGES_CONTEXT, template)
    if not translated or translated == template:
        return english
    try:
        return _fill(translated, params)
    except (KeyError, IndexError, ValueError, TypeError):
        # A translation naming an argument the error lacks: the English text, not a crash.
        log.warning("translated message %r does not fit its arguments", template)
        return english


def _fill(text: str, params: Mapping[str, object]) -> str:
    parts: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            parts.append(_argument(params[name], spec or "", conversion))
    return "".join(parts)


def _argument(value: object, spec: str, conversion: str | None) -> str:
    if isinstance(value, Templated | Message | KeptMessage | Listed):
        return format(shown_text(value), spec)  # a message inside the message
    if isinstance(value, timedelta):
        return format(format_duration(max(1, math.ceil(value.total_seconds() / 60))), spec)
    if isinstance(value, Terms):
        separator = QCoreApplication.translate(DOMAIN_MESSAGES_CONTEXT, LIST_SEPARATOR)
        return separator.join(vocabulary(item) for item in value.items)
    if isinstance(value, Term):
        return vocabulary(value)
    if conversion == "r":
        return format(repr(value), spec)
    if conversion in ("s", "a"):
        return format(str(value) if conversion == "s" else ascii(value), spec)
    # Grouped numbers ("{length:,}") follow the locale; others (ids, "{code:04X}") keep
    # the format the English message gives them.
    if spec == "," and isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return format(value, spec)


# ---- switching a running application -----------------------------------------------------


class SwitchableWindow(Protocol):
    """What the language switch needs of the main window (opexdesk.ui.main_window)."""

    filter_bar: FilterBar
    model: TicketTableModel
    table: TicketTableView
    detail: TicketDetailPane
    splitter: QSplitter
    triage_window: QMainWindow | None

    def open_triage(self) -> None: ...


@dataclass(frozen=True)
class WindowState:
    """Where the user was in the main window: list filter, ticket, sizes, open windows."""

    geometry: QByteArray
    splitter: QByteArray
    statuses: frozenset[str]
    search: str
    priority: object
    assignee: object
    local_id: int | None
    ticket_id: str | None
    triage_open: bool


def capture_state(window: SwitchableWindow) -> WindowState:
    bar = window.filter_bar
    row = window.model.row_at(window.table.current_row())
    triage = window.triage_window
    assert isinstance(window, QMainWindow)
    return WindowState(
        geometry=window.saveGeometry(),
        splitter=window.splitter.saveState(),
        statuses=bar.statuses(),
        search=bar.search.text(),
        priority=bar.priority_combo.currentData(),
        assignee=bar.assignee_combo.currentData(),
        local_id=row.local_id if row is not None else None,
        ticket_id=window.detail.ticket_id(),
        triage_open=triage is not None and triage.isVisible(),
    )


def restore_state(window: SwitchableWindow, state: WindowState) -> None:
    """Put a freshly built main window where ``state`` was (call it after show())."""
    assert isinstance(window, QMainWindow)
    window.restoreGeometry(state.geometry)
    window.splitter.restoreState(state.splitter)
    bar = window.filter_bar
    # Every widget quietly, then one filter change for the lot (no debounced second query).
    for widget, apply in (
        (bar.search, lambda: bar.search.setText(state.search)),
        (bar.priority_combo, lambda: _choose(bar.priority_combo, state.priority)),
        (bar.assignee_combo, lambda: _choose(bar.assignee_combo, state.assignee)),
    ):
        widget.blockSignals(True)
        try:
            apply()
        finally:
            widget.blockSignals(False)
    bar.set_statuses(state.statuses or bar.statuses())
    ticket_id = state.ticket_id

    def found(row: int | None) -> None:
        if row is not None:
            window.table.select_row(row, center=True)
        elif ticket_id is not None:  # filtered out of the list: still in the editor
            window.detail.show_ticket(ticket_id)

    if state.local_id is not None:
        window.model.locate(state.local_id, found)
    elif ticket_id is not None:
        window.detail.show_ticket(ticket_id)
    if state.triage_open:
        window.open_triage()


def _choose(combo: QComboBox, data: object) -> None:
    found = combo.findData(data)
    combo.setCurrentIndex(max(0, found))


def switch_language(
    app: QApplication,
    window: QMainWindow,
    code: str,
    build: Callable[[], QMainWindow],
) -> QMainWindow | None:
    """Switch a running application to ``code`` by rebuilding the main window in it.

    Every text of the window is set while it is built, so a new window is the one way to
    relabel all of it. The old window closes first, asking about unsaved edits as it always
    does; if the user cancels, nothing changes and None is returned. Otherwise the
    translators are installed, ``build()`` makes the new window (with whatever the
    composition root adds to it), it gets the old one's filter, ticket, sizes and open
    triage queue, and is returned (the old one is deleted).
    """
    state = capture_state(window)  # type: ignore[arg-type]
    keep_running = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
    try:
        if not window.close():
            return None
        install_language(app, code)
        new = build()
        new.show()
        restore_state(new, state)  # type: ignore[arg-type]
    finally:
        app.setQuitOnLastWindowClosed(keep_running)
    window.deleteLater()
    return new

"""Edit > Settings… (Ctrl+,): server, sync interval, appearance, language, notifications and
the data folder, on four tabs.

OK validates every field; problems show under their field and the dialog stays open. The
theme applies as soon as it is picked (Cancel puts the saved one back); the language is handed
to an injected callback on OK. "Test connection" asks the server on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opexdesk.services.app_settings import (
    SYNC_INTERVAL_MAX_S,
    SYNC_INTERVAL_MIN_S,
    AppSettings,
    AppSettingsStore,
    SettingsError,
    Theme,
    validation_errors,
)
from opexdesk.services.server_check import check_server
from opexdesk.ui.i18n import shown_text
from opexdesk.ui.server_fields import CaFileRow, check_outcome
from opexdesk.ui.settings_data import (
    ERROR_STYLE,
    DataPage,
    wrappable,
)
from opexdesk.ui.workers import Call, Worker

OK_STYLE = "color: #2e7d32;"
THEMES = ((Theme.SYSTEM, "Same as the system"), (Theme.LIGHT, "Light"), (Theme.DARK, "Dark"))
LANGUAGE_NAMES = (("system", "Same as the system"), ("en", "English"), ("zh_CN", "简体中文"))


def language_combo(current: str) -> QComboBox:
    """The language choice (here and on the welcome page): each language by its own name,
    "Same as the system" translated; ``current`` selected."""
    combo = QComboBox()
    for code, text in LANGUAGE_NAMES:
        shown = QCoreApplication.translate("SettingsDialog", text) if code == "system" else text
        combo.addItem(shown, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


TAB_OF_FIELD = {
    "server_url": 0,
    "ca_file": 0,
    "sync_interval_s": 0,
    "theme": 1,
    "language": 1,
    "data_dir": 3,
}


class SettingsDialog(QDialog):
    """After Accepted, ``saved`` holds the settings written to the file."""

    def __init__(
        self,
        store: AppSettingsStore,
        *,
        data_dir: Path,
        pending_count: Callable[[], int],
        apply_theme: Callable[[Theme], None],
        on_language: Callable[[str], None] | None = None,
        bound_server: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._store = store
        self._apply_theme = apply_theme
        self._on_language = on_language
        self._bound_server = bound_server
        self._worker = Worker(self)
        self._testing = False
        self.saved: AppSettings | None = None
        initial = store.load()
        self._initial = initial
        self._errors: dict[str, QLabel] = {}

        self.tabs = QTabWidget()
        self.tabs.addTab(self._server_tab(initial), self.tr("&Server"))
        self.tabs.addTab(self._appearance_tab(initial), self.tr("&Appearance"))
        self.tabs.addTab(self._notifications_tab(initial), self.tr("&Notifications"))
        self.data_page = DataPage(store, data_dir, pending_count, self._worker)
        self.tabs.addTab(self.data_page, self.tr("&Data"))

        self.notice_label = QLabel(wrappable(shown_text(store.notice or "")))
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(ERROR_STYLE)
        self.notice_label.setVisible(bool(store.notice))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 460)
        for button in self.findChildren(QPushButton):  # Enter means OK on every tab
            button.setAutoDefault(False)
        self.ok_button.setDefault(True)  # once in the dialog: a default needs its dialog
        self.server_edit.setFocus()

    # ---- pages ---------------------------------------------------------------------------

    def _error_label(self, field: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.hide()
        self._errors[field] = label
        return label

    def _server_tab(self, s: AppSettings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.server_edit = QLineEdit(s.server_url or "")
        self.server_edit.setPlaceholderText("https://desk.example.com")
        if self._bound_server:
            self.server_edit.setToolTip(
                self.tr("This database syncs with {0}.").format(self._bound_server)
            )
        self.server_label = server_label = QLabel(self.tr("Server add&ress:"))
        server_label.setBuddy(self.server_edit)
        form.addRow(server_label, self.server_edit)
        form.addRow("", self._error_label("server_url"))

        ca = CaFileRow(
            self, self.tr("Use a custom &CA certificate"), self.tr("&Browse…"), s.ca_file
        )
        self.ca_check, self.ca_edit, self.ca_browse = ca.check, ca.edit, ca.browse
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_browse)
        form.addRow(self.ca_check)
        form.addRow(self.tr("CA file:"), ca_row)
        form.addRow("", self._error_label("ca_file"))

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        form.addRow(self.test_button, self.test_result)

        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(SYNC_INTERVAL_MIN_S, SYNC_INTERVAL_MAX_S)
        self.interval_spin.setSingleStep(30)
        self.interval_spin.setSuffix(self.tr(" s"))
        self.interval_spin.setValue(
            min(max(s.sync_interval_s, SYNC_INTERVAL_MIN_S), SYNC_INTERVAL_MAX_S)
        )
        interval_label = QLabel(self.tr("Sync &every:"))
        interval_label.setBuddy(self.interval_spin)
        form.addRow(interval_label, self.interval_spin)
        form.addRow("", self._error_label("sync_interval_s"))
        for edit in (self.server_edit, self.ca_edit):
            edit.textChanged.connect(self._server_edited)
        return page

    def _appearance_tab(self, s: AppSettings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.theme_combo = QComboBox()
        for theme, text in THEMES:
            self.theme_combo.addItem(self.tr(text), theme)
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(s.theme))
        self.theme_combo.currentIndexChanged.connect(self._theme_picked)
        theme_label = QLabel(self.tr("&Theme:"))
        theme_label.setBuddy(self.theme_combo)
        form.addRow(theme_label, self.theme_combo)
        self.language_combo = language_combo(s.language)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow("", self._error_label("language"))
        return page

    def _notifications_tab(self, s: AppSettings) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(QLabel(self.tr("Show a desktop notification for:")))
        self.notify_p1 = QCheckBox(self.tr("New &P1 tickets"))
        self.notify_sla = QCheckBox(self.tr("SLA &breach soon"))
        self.notify_conflicts = QCheckBox(self.tr("Sync c&onflicts that need attention"))
        for check, on in (
            (self.notify_p1, s.notify_new_p1),
            (self.notify_sla, s.notify_sla_breach),
            (self.notify_conflicts, s.notify_conflicts),
        ):
            check.setChecked(on)
            box.addWidget(check)
        box.addStretch(1)
        return page

    # ---- public API ----------------------------------------------------------------------

    def form_settings(self) -> AppSettings:
        """The settings as the form shows them (the data folder as stored)."""
        ca = self.ca_edit.text().strip() if self.ca_check.isChecked() else None
        return replace(
            self._store.load(),  # the latest: a move may have changed the data folder
            server_url=self.server_edit.text().strip().rstrip("/") or None,
            ca_file=ca,
            sync_interval_s=self.interval_spin.value(),
            theme=Theme(self.theme_combo.currentData()),
            language=self.language_combo.currentData(),
            notify_new_p1=self.notify_p1.isChecked(),
            notify_sla_breach=self.notify_sla.isChecked(),
            notify_conflicts=self.notify_conflicts.isChecked(),
        )

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        if label is None or label.isHidden():
            return ""
        return label.text().replace("\u200b", "")

    def is_testing(self) -> bool:
        return self._testing

    def test_connection(self) -> None:
        if self._testing:
            return
        url = self.server_edit.text()
        ca = self.ca_edit.text().strip() if self.ca_check.isChecked() else None
        self._testing = True
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Testing…"))
        self._worker.run(lambda: check_server(url, ca), self._tested)

    def accept(self) -> None:
        if self.data_page.is_busy():
            return  # the copy finishes first (its progress is on the Data tab)
        settings = self.form_settings()
        errors = validation_errors(settings)
        if self._bound_server and settings.server_url != self._bound_server:
            errors["server_url"] = self.tr(
                "This database syncs with {0}; use a separate data folder for another server."
            ).format(self._bound_server)
        if not errors:
            try:
                self.saved = self._store.save(settings)
            except SettingsError as exc:
                errors = exc.errors
            except OSError as exc:
                errors = {"file": self.tr("Cannot save the settings: {0}").format(exc)}
        if errors:
            self._show_errors(errors)
            return
        if self._on_language is not None and settings.language != self._initial.language:
            self._on_language(settings.language)
        super().accept()

    def reject(self) -> None:
        if self.data_page.is_busy():
            return
        if Theme(self.theme_combo.currentData()) != self._initial.theme:
            self._apply_theme(self._initial.theme)  # the preview goes away with the dialog
        super().reject()

    def done(self, result: int) -> None:
        self._worker.shutdown()
        super().done(result)

    # ---- internals -----------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self._errors.items():
            label.setVisible(field in errors)
            label.setText(wrappable(shown_text(errors.get(field, ""))))
        others = [shown_text(text) for field, text in errors.items() if field not in self._errors]
        if others:
            self.notice_label.setText(wrappable("\n".join(others)))
            self.notice_label.show()
        first = next((f for f in TAB_OF_FIELD if f in errors), None)
        if first is not None:
            self.tabs.setCurrentIndex(TAB_OF_FIELD[first])
            focus = {
                "server_url": self.server_edit,
                "ca_file": self.ca_edit,
                "sync_interval_s": self.interval_spin,
                "language": self.language_combo,
            }.get(first)
            if focus is not None:
                focus.setFocus()

    def _tested(self, call: Call) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        ok, text = check_outcome(call)
        self.test_result.setText(text)
        self.test_result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def _server_edited(self) -> None:
        self.test_result.clear()
        for field in ("server_url", "ca_file"):
            self._errors[field].hide()

    def _theme_picked(self) -> None:
        self._apply_theme(Theme(self.theme_combo.currentData()))

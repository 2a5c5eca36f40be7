"""The article editor: title, category, tags, language, the Markdown body with a live preview,
a version note, and Save / Publish / Archive / Reopen.

Keys: Ctrl+S saves, Ctrl+Shift+P publishes, Ctrl+H opens the history; Alt+<underlined letter>
moves to a field. A save carries the version the edit started from: when someone else saved
first, a banner says who and offers "Reload theirs" or "Keep editing" (the typed text stays in
the editor either way until the user chooses to reload)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opexdesk.domain import article as rules
from opexdesk.domain.article import ArticleConflictError, ArticleDraft, ArticleStatus
from opexdesk.domain.errors import DomainError, ValidationError
from opexdesk.domain.kept_messages import Message
from opexdesk.services.kb.articles import ArticleService, ArticleView
from opexdesk.storage.errors import StorageError
from opexdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text, shown_text, vocabulary

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 250
ERROR_STYLE = "color: #b71c1c;"
INVALID_STYLE = "border: 2px solid #d32f2f;"
STATUS_TEXT = {
    ArticleStatus.DRAFT: QT_TRANSLATE_NOOP("ArticleEditor", "Draft"),
    ArticleStatus.PUBLISHED: QT_TRANSLATE_NOOP("ArticleEditor", "Published"),
    ArticleStatus.ARCHIVED: QT_TRANSLATE_NOOP("ArticleEditor", "Archived"),
}


@dataclass(frozen=True)
class FormValues:
    """What the form holds, as typed (compared to tell whether there are unsaved edits)."""

    title: str
    category: str
    tags: str
    language: str
    body: str

    def draft(self) -> ArticleDraft:
        return ArticleDraft(self.title, self.body, self.category, self.tags, self.language)


EMPTY_FORM = FormValues("", "", "", rules.DEFAULT_LANGUAGE, "")


def form_of(title: str, body: str, category: str, tags: object, language: str) -> FormValues:
    tag_text = ", ".join(tags) if isinstance(tags, tuple | list) else str(tags or "")
    return FormValues(title, category or "", tag_text, language or "", body)


def ask_unsaved(parent: QWidget) -> str:
    """ "save", "discard" or "cancel" for closing an editor with unsaved edits."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Unsaved changes"))
    box.setText(parent.tr("This article has unsaved changes."))
    box.setInformativeText(parent.tr("Save them before closing?"))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


class ArticleEditor(QWidget):
    """Edits one article (or a new one). See the module docstring.

    Signals: ``saved(str)`` after a create or save (the article id); ``status_changed(str)``
    after publish/archive/reopen; ``caption_changed(str)`` when the tab text should change;
    ``history_requested(str)`` for Ctrl+H / the History button.
    """

    saved = Signal(str)
    status_changed = Signal(str)
    caption_changed = Signal(str)
    history_requested = Signal(str)

    def __init__(
        self,
        service: ArticleService,
        article: ArticleView | None = None,
        draft: ArticleDraft | None = None,
        parent: QWidget | None = None,
        *,
        preview_delay_ms: int = PREVIEW_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._article: ArticleView | None = None
        self._base = EMPTY_FORM
        self._expected = 0
        self._conflict: ArticleConflictError | None = None
        # (why the user may not edit this article, nor publish/archive/reopen): the central
        # store's role rules under the signed-in role, asked when an article is shown.
        self._refusals: tuple[Message | None, Message | None] = (None, None)
        # Replaceable so tests can answer the unsaved-changes question without a modal loop.
        self.ask_unsaved: Callable[[QWidget], str] = ask_unsaved

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Name the problem in a few words"))
        self.category_edit = QLineEdit()
        self.category_edit.setPlaceholderText(self.tr("e.g. Network"))
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("comma-separated, e.g. vpn, remote access"))
        self.language_edit = QLineEdit()
        self.language_edit.setPlaceholderText(self.tr("en, zh, pt-BR…"))
        self.language_edit.setMaximumWidth(120)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setPlaceholderText(
            self.tr("Markdown: ## Symptoms, ## Resolution, 1. steps…")
        )
        self.body_edit.setTabChangesFocus(True)  # keyboard users can leave the body with Tab
        self.body_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(True)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Why this change (saved with the version)"))
        self.fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "category": self.category_edit,
            "tags": self.tags_edit,
            "language": self.language_edit,
            "body": self.body_edit,
            "note": self.note_edit,
        }

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setStyleSheet("color: #2e7d32;")
        self.conflict_banner = self._build_conflict_banner()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #555555;")
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("articleReadOnly")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_label.hide()

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save as a new version (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.setToolTip(self.tr("Make it searchable (Ctrl+Shift+P)"))
        self.publish_button.clicked.connect(self.publish)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(self.archive)
        self.reopen_button = QPushButton(self.tr("Reopen as draft"))
        self.reopen_button.clicked.connect(self.reopen)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.setToolTip(self.tr("Versions, differences and restore (Ctrl+H)"))
        self.history_button.clicked.connect(self._history)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(preview_delay_ms)
        self._preview_timer.timeout.connect(self.update_preview)

        self._layout()
        self._actions()
        for edit in (self.title_edit, self.category_edit, self.tags_edit, self.language_edit):
            edit.textChanged.connect(self._edited)
        self.body_edit.textChanged.connect(self._body_edited)

        if article is not None:
            self.load(article)
        else:
            self._fill(EMPTY_FORM if draft is None else self._draft_form(draft))
            self._base = EMPTY_FORM
            self._update_state()

    # ---- construction ------------------------------------------------------------------

    def _build_conflict_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("conflictBanner")
        banner.setStyleSheet("#conflictBanner { background: #fff3e0; border: 1px solid #ef6c00; }")
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reload_button = QPushButton(self.tr("&Reload theirs"))
        self.reload_button.setToolTip(self.tr("Discard your edits and show the stored version"))
        self.reload_button.clicked.connect(self.reload_theirs)
        self.keep_button = QPushButton(self.tr("&Keep editing"))
        self.keep_button.setToolTip(
            self.tr("Keep your text; the next save goes on top of their version")
        )
        self.keep_button.clicked.connect(self.keep_editing)
        row = QHBoxLayout(banner)
        row.addWidget(self.conflict_label, 1)
        row.addWidget(self.reload_button)
        row.addWidget(self.keep_button)
        banner.hide()
        return banner

    def _layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(
            self._label(QT_TRANSLATE_NOOP("ArticleEditor", "&Title:"), self.title_edit),
            self.title_edit,
        )
        meta = QHBoxLayout()
        meta.addWidget(self.category_edit, 2)
        meta.addWidget(self._label(QT_TRANSLATE_NOOP("ArticleEditor", "Ta&gs:"), self.tags_edit))
        meta.addWidget(self.tags_edit, 3)
        meta.addWidget(
            self._label(QT_TRANSLATE_NOOP("ArticleEditor", "&Language:"), self.language_edit)
        )
        meta.addWidget(self.language_edit)
        form.addRow(
            self._label(QT_TRANSLATE_NOOP("ArticleEditor", "C&ategory:"), self.category_edit), meta
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.body_edit)
        splitter.addWidget(self.preview)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([500, 500])
        note = QHBoxLayout()
        note.addWidget(self._label(QT_TRANSLATE_NOOP("ArticleEditor", "&Note:"), self.note_edit))
        note.addWidget(self.note_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (
            self.history_button,
            self.reopen_button,
            self.archive_button,
            self.publish_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(form)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.conflict_banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(note)
        layout.addWidget(self.info_label)
        layout.addLayout(buttons)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(self.tr(text))
        label.setBuddy(buddy)
        return label

    def _actions(self) -> None:
        def action(text: str, key: str, slot: Callable[[], object]) -> QAction:
            act = QAction(self.tr(text), self)
            act.setShortcut(QKeySequence(key))
            # Only while focus is in this editor: other views use Ctrl+S for themselves.
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _checked=False: slot())
            self.addAction(act)
            return act

        self.save_action = action(
            QT_TRANSLATE_NOOP("ArticleEditor", "Save article"), "Ctrl+S", self.save
        )
        self.publish_action = action(
            QT_TRANSLATE_NOOP("ArticleEditor", "Publish article"), "Ctrl+Shift+P", self.publish
        )
        self.history_action = action(
            QT_TRANSLATE_NOOP("ArticleEditor", "Article history"), "Ctrl+H", self._history
        )

    # ---- public API --------------------------------------------------------------------

    def article(self) -> ArticleView | None:
        return self._article

    def article_id(self) -> str | None:
        return None if self._article is None else self._article.id

    def expected_version(self) -> int:
        """The version the current edit started from (0 for a new article)."""
        return self._expected

    def values(self) -> FormValues:
        return FormValues(
            self.title_edit.text(),
            self.category_edit.text(),
            self.tags_edit.text(),
            self.language_edit.text(),
            self.body_edit.toPlainText(),
        )

    def is_dirty(self) -> bool:
        return self.values() != self._base

    def caption(self) -> str:
        title = self.title_edit.text().strip() or self.tr("New article")
        if len(title) > 40:
            title = title[:39] + "…"
        return f"{title} *" if self.is_dirty() else title

    def load(self, article: ArticleView) -> None:
        """Show ``article`` as stored (unsaved edits are dropped)."""
        self._take(article)
        self._expected = article.version
        form = form_of(
            article.title, article.body, article.category, article.tags, article.language
        )
        self._fill(form)
        self._base = form
        self._hide_conflict()
        self._clear_errors()
        self._update_state()

    def focus_first_field(self) -> None:
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Create or save the article as a new version; False (shown inline) when refused."""
        self._clear_errors()
        draft = self.values().draft()
        _content, problems = rules.content_problems(draft)
        try:
            rules.clean_note(self.note_edit.text())
        except ValidationError as err:
            problems.append(err)
        if problems:
            self._show_problems(problems)
            return False
        note = self.note_edit.text()
        try:
            if self._article is None:
                view = self._service.create(draft, note)
            else:
                view = self._service.save(self._article.id, draft, self._expected, note)
        except ArticleConflictError as err:
            self._show_conflict(err)
            return False
        except ValidationError as err:
            self._show_problems([err])
            return False
        except (DomainError, StorageError) as err:
            self._show_error(error_text(err))
            return False
        unchanged = self._article is not None and view.version == self._expected
        self.note_edit.clear()
        self.load(view)
        self.info_label.setText(
            self.tr("Nothing changed; no new version.")
            if unchanged
            else self.tr("Saved as version {0}.").format(view.version)
        )
        self.saved.emit(view.id)
        return True

    def publish(self) -> bool:
        return self._move(
            self._service.publish, QT_TRANSLATE_NOOP("ArticleEditor", "Published: searchable now.")
        )

    def archive(self) -> bool:
        return self._move(
            self._service.archive,
            QT_TRANSLATE_NOOP("ArticleEditor", "Archived: no longer searchable."),
        )

    def reopen(self) -> bool:
        return self._move(
            self._service.reopen, QT_TRANSLATE_NOOP("ArticleEditor", "Reopened as a draft.")
        )

    def reload_theirs(self) -> None:
        """Drop the edits and show the stored article (after a conflict)."""
        if self._article is None:
            return
        try:
            self.load(self._service.get(self._article.id))
        except (DomainError, StorageError) as err:
            self._show_error(error_text(err))
            return
        self.info_label.setText(self.tr("Reloaded version {0}.").format(self._expected))
        self.body_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def keep_editing(self) -> None:
        """Keep the typed text; the next save builds on the version now stored (theirs stays
        in the history, so nothing is lost on either side)."""
        conflict = self._conflict
        self._hide_conflict()
        if conflict is not None:
            self._expected = conflict.current
            self.info_label.setText(
                self.tr(
                    "Your text is kept. Saving now makes a new version after version {0} "
                    "(theirs stays in the history)."
                ).format(conflict.current)
            )
        self._update_state()
        self.body_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh_from_store(self) -> None:
        """Another part changed this article: follow it unless it would drop edits (then the
        next save reports the conflict)."""
        if self._article is None:
            return
        try:
            view = self._service.get(self._article.id)
        except (DomainError, StorageError):
            return
        if view.version == self._expected:
            self._take(view)  # a status change or a vote: content is the same
            self._update_state()
        elif not self.is_dirty():
            self.load(view)
        else:  # warn now rather than only at the next save
            self.info_label.setText(
                self.tr(
                    "{0} saved version {1} while you were editing; saving will ask whether "
                    "to reload theirs or keep your text."
                ).format(view.updated_by, view.version)
            )

    def confirm_close(self) -> bool:
        """True when the editor may close: no unsaved edits, or the user saved/discarded."""
        if not self.is_dirty():
            return True
        answer = self.ask_unsaved(self)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def update_preview(self) -> None:
        self.preview.setMarkdown(self.body_edit.toPlainText())

    # ---- internals ---------------------------------------------------------------------

    @staticmethod
    def _draft_form(draft: ArticleDraft) -> FormValues:
        tags = draft.tags if isinstance(draft.tags, str) else ", ".join(draft.tags)
        return form_of(draft.title, draft.body, draft.category or "", tags, draft.language or "")

    def _fill(self, form: FormValues) -> None:
        for edit, value in (
            (self.title_edit, form.title),
            (self.category_edit, form.category),
            (self.tags_edit, form.tags),
            (self.language_edit, form.language),
        ):
            if edit.text() != value:
                edit.setText(value)
        if self.body_edit.toPlainText() != form.body:
            self.body_edit.setPlainText(form.body)
        self.update_preview()

    def _edited(self) -> None:
        self._update_state()

    def _body_edited(self) -> None:
        self._preview_timer.start()
        self._update_state()

    def _take(self, view: ArticleView) -> None:
        """``view`` is the article shown now; what the user may do to it is asked again
        (its status or the signed-in role may have changed)."""
        self._article = view
        self._refusals = self._service.refusals(view)
        edit_refusal = self._refusals[0]
        fields = (self.title_edit, self.category_edit, self.tags_edit, self.language_edit)
        for edit in (*fields, self.note_edit):
            edit.setReadOnly(edit_refusal is not None)
        self.body_edit.setReadOnly(edit_refusal is not None)
        if edit_refusal is not None:
            self.read_only_label.setText(self.tr("Read only: {0}").format(shown_text(edit_refusal)))
        self.read_only_label.setVisible(edit_refusal is not None)

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        article = self._article
        status = article.status if article is not None else None
        edit_refusal, move_refusal = self._refusals
        self.save_button.setEnabled((dirty or article is None) and edit_refusal is None)
        self.history_button.setEnabled(article is not None)
        self.history_action.setEnabled(article is not None)
        self.publish_button.setVisible(status in (None, ArticleStatus.DRAFT))
        self.archive_button.setVisible(status == ArticleStatus.PUBLISHED)
        self.reopen_button.setVisible(status == ArticleStatus.ARCHIVED)
        can_move = article is not None and not dirty and move_refusal is None
        why = self.tr("Save your changes first") if dirty else ""
        if move_refusal is not None:
            why = shown_text(move_refusal)
        for button in (self.publish_button, self.archive_button, self.reopen_button):
            button.setEnabled(can_move)
            if why:
                button.setToolTip(why)
        self.publish_action.setEnabled(can_move and status == ArticleStatus.DRAFT)
        if article is None:
            self.status_label.setText(self.tr("New article (not saved yet)"))
        else:
            state = self.tr(STATUS_TEXT[article.status])
            self.status_label.setText(
                self.tr("{0} · version {1} · last saved by {2}").format(
                    state, article.version, article.updated_by
                )
            )
        self.caption_changed.emit(self.caption())

    def _move(self, call: Callable[[str], ArticleView], done: str) -> bool:
        article = self._article
        if article is None:
            return False
        if self.is_dirty():
            self._show_error(self.tr("Save your changes first."))
            return False
        self._clear_errors()
        try:
            view = call(article.id)
        except (DomainError, StorageError) as err:
            self._show_error(error_text(err))
            return False
        self._take(view)
        self.info_label.setText(self.tr(done))
        self._update_state()
        self.status_changed.emit(view.id)
        return True

    def _history(self) -> None:
        if self._article is not None:
            self.history_requested.emit(self._article.id)

    def _show_problems(self, problems: list[ValidationError]) -> None:
        lines = [
            self.tr("{0}: {1}").format(
                vocabulary(rules.FIELD_LABELS.get(p.field, p.field)), error_text(p)
            )
            for p in problems
        ]
        self.error_label.setText("\n".join(lines))
        self.error_label.show()
        for problem in problems:
            widget = self.fields.get(problem.field)
            if widget is not None:
                widget.setStyleSheet(INVALID_STYLE)
                widget.setToolTip(error_text(problem))
        first = self.fields.get(problems[0].field)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_error(self, message: str) -> None:
        self.info_label.clear()
        self.error_label.setText(message)
        self.error_label.show()

    def _clear_errors(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.info_label.clear()
        for widget in self.fields.values():
            widget.setStyleSheet("")
            widget.setToolTip("")

    def _show_conflict(self, err: ArticleConflictError) -> None:
        self._conflict = err
        self.conflict_label.setText(error_text(err))
        self.conflict_banner.show()
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide_conflict(self) -> None:
        self._conflict = None
        self.conflict_banner.hide()

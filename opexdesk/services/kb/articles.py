"""Knowledge-base article operations: drafts, versioned saves, publishing, votes, "this
solved it", drafts from tickets, and keeping the search index in step with the table.

Each public action is one transaction (taking SQLite's write lock at BEGIN, so the version
check and the write cannot be separated by another writer) that also writes the action's ONE
outbox row (entity ``article``; payloads in docs/sync_articles.md). The search index is
derived data: it is updated after the commit, ``reindex_all`` rebuilds it from the table, and
``catch_up_index`` takes in the changes a sync pulled.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from opexdesk.domain import article as rules
from opexdesk.domain.article import (
    ArticleConflictError,
    ArticleContent,
    ArticleDiff,
    ArticleDraft,
    ArticleImportError,
    ArticleStatus,
    ImportProblem,
    Reason,
)
from opexdesk.domain.errors import (
    DomainError,
    NotFoundError,
    Term,
    TransitionError,
    ValidationError,
)
from opexdesk.domain.ids import new_id
from opexdesk.domain.kept_messages import Message
from opexdesk.domain.permissions import article_edit_refusal, article_move_refusal
from opexdesk.services.events import Clock
from opexdesk.services.kb.article_index import ArticleIndexing
from opexdesk.services.kb.article_views import (  # re-exported: the service's records
    ArticleChange,
    ArticleNotifier,
    ArticleView,
    ImportItem,
    ImportOutcome,
    VersionView,
    _content_of,
    _version_view,
    _view,
)
from opexdesk.services.ticket_edits import record_outbox
from opexdesk.storage import articles_repo as repo
from opexdesk.storage.articles_repo import ArticleQuery
from opexdesk.storage.database import IMMEDIATE_WRITES, Database
from opexdesk.storage.kb_models import ArticleRow, ArticleVersionRow
from opexdesk.storage.models import Ticket
from opexdesk.storage.sync_models import signed_in_grants, signed_in_role
from opexdesk.storage.ticket_list import format_number

if TYPE_CHECKING:
    from opexdesk.services.kb.search import KbSearch

log = logging.getLogger(__name__)

# Version notes the service writes itself (stored as they are; the history shows them
# translated by matching these templates).
CREATED_NOTE = "Created"
RESTORED_NOTE = "Restored from version {number}"
IMPORTED_NOTE = "Imported from {source}"
RESOLVED_NOTE = "Conflict resolved"
GENERATED_NOTES = (CREATED_NOTE, RESTORED_NOTE, IMPORTED_NOTE, RESOLVED_NOTE)
ENTITY = "article"  # the outbox rows' entity
CONTENT_FIELDS = ("title", "body", "category", "tags", "language")


def _content_values(content: ArticleContent) -> dict[str, object]:
    return {
        "title": content.title,
        "body": content.body,
        "category": content.category,
        "tags": list(content.tags),
        "language": content.language,
    }


def _changed_fields(old: ArticleContent, new: ArticleContent) -> dict[str, dict[str, Any]]:
    """A ``save`` row's fields: each changed content field with the value the edit started
    from here (``base``) and the new one."""
    before, after = _content_values(old), _content_values(new)
    return {
        name: {"base": before[name], "new": after[name]}
        for name in CONTENT_FIELDS
        if before[name] != after[name]
    }


@dataclass(frozen=True)
class FieldEdit:
    """One content field set by a conflict resolution: the values before and after (as the
    outbox carries them) and the article when a new version was written."""

    base: Any
    new: Any
    view: ArticleView | None


def _ticket_text(ticket: Ticket) -> str:
    return f"{ticket.title}\n{ticket.description or ''}".strip()


def _require(s: Session, article_id: str) -> ArticleRow:
    row = repo.get(s, article_id)
    if row is None:
        raise NotFoundError(
            "No knowledge-base article with id {article_id}.", article_id=article_id
        )
    return row


class ArticleService(ArticleIndexing):
    """Knowledge-base articles over the local store, with the search index kept in step."""

    def __init__(
        self,
        db: Database,
        notifier: ArticleNotifier | None = None,
        search: KbSearch | None = None,
        clock: Clock | None = None,
        user: str = "local",
    ) -> None:
        self._db = db
        self._notifier = notifier or ArticleNotifier()
        self._search = search
        self._clock = clock or Clock()
        self._user = user
        self._writer = db.engine.execution_options(**{IMMEDIATE_WRITES: True})
        # True after an index update failed: the table is right, the index needs reindex_all.
        self.index_stale = False

    @property
    def notifier(self) -> ArticleNotifier:
        return self._notifier

    @property
    def user(self) -> str:
        return self._user

    @property
    def has_index(self) -> bool:
        """False for a service without a search index (the index then catches up later)."""
        return self._search is not None

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._writer, expire_on_commit=False) as s, s.begin():
            yield s

    # ---- reads ---------------------------------------------------------------------------

    def get(self, article_id: str) -> ArticleView:
        with self._db.read() as s:
            return _view(_require(s, article_id))

    def list_articles(
        self,
        status: ArticleStatus | str | None = None,
        category: str | None = None,
        tag: str | None = None,
        language: str | None = None,
        limit: int = 500,
        offset: int = 0,
    ) -> list[ArticleView]:
        """Articles filtered by status, category, tag and language; newest change first."""
        q = ArticleQuery(
            status=None if status is None else rules.parse_status(status).value,
            category=None if category is None else rules.clean_category(category),
            tag=None if tag is None else (rules.clean_tags([tag]) or ("",))[0],
            language=None if language is None else rules.clean_language(language),
            limit=limit,
            offset=offset,
        )
        with self._db.read() as s:
            return [_view(row) for row in repo.list_articles(s, q)]

    def history(self, article_id: str) -> list[VersionView]:
        """Every saved version, newest first."""
        with self._db.read() as s:
            _require(s, article_id)
            return [_version_view(v) for v in repo.versions(s, article_id)]

    def version(self, article_id: str, number: int) -> VersionView:
        with self._db.read() as s:
            return _version_view(self._require_version(s, article_id, number))

    def diff(self, article_id: str, old: int, new: int) -> ArticleDiff:
        """Line diff of two saved versions (title, category, tags, language, body)."""
        with self._db.read() as s:
            a = self._require_version(s, article_id, old)
            b = self._require_version(s, article_id, new)
            return rules.diff_contents(_version_view(a).content, _version_view(b).content, old, new)

    def my_vote(self, article_id: str) -> bool | None:
        with self._db.read() as s:
            vote = repo.vote_of(s, article_id, self._user)
            return None if vote is None else vote.helpful

    def solved_tickets(self, article_id: str) -> list[str]:
        with self._db.read() as s:
            return [link.ticket_id for link in repo.links_of_article(s, article_id)]

    @staticmethod
    def _require_version(s: Session, article_id: str, number: int) -> ArticleVersionRow:
        _require(s, article_id)
        row = repo.version(s, article_id, number)
        if row is None:
            raise NotFoundError("The article has no version {number}.", number=number)
        return row

    # ---- content ---------------------------------------------------------------------------

    def create(self, draft: ArticleDraft, note: str = "") -> ArticleView:
        """A new draft at version 1."""
        content = rules.clean_content(draft)
        note_text = rules.clean_note(note) or CREATED_NOTE
        with self._write() as s:
            row = self._insert(s, new_id(), content, ArticleStatus.DRAFT, self._user, note_text)
            self._outbox_create(s, row, note_text)
            view = _view(row)
        self._notify(view.id, "created", view.version)
        return view

    def save(
        self, article_id: str, draft: ArticleDraft, expected_version: int, note: str = ""
    ) -> ArticleView:
        """Save an edit as a new version. ``expected_version`` is the version the edit started
        from; when another save came first the edit is refused (ArticleConflictError)."""
        content = rules.clean_content(draft)
        note_text = rules.clean_note(note)
        with self._write() as s:
            row = _require(s, article_id)
            self._check_may_edit(s, row)
            if row.version != expected_version:
                raise self._conflict(row, expected_version)
            if _content_of(row) == content:
                return _view(row)  # nothing changed: no empty version
            self._new_version(s, row, content, note_text)
            view = _view(row)
        self._after_content_change(view, "saved")
        return view

    def restore(
        self, article_id: str, number: int, expected_version: int | None = None
    ) -> ArticleView:
        """Make an old version's content current again, as a new version (history stays)."""
        with self._write() as s:
            row = _require(s, article_id)
            self._check_may_edit(s, row)
            if expected_version is not None and row.version != expected_version:
                raise self._conflict(row, expected_version)
            old = _version_view(self._require_version(s, article_id, number)).content
            if _content_of(row) == old:
                raise DomainError(
                    "Version {number} is the same as the current version.", number=number
                )
            self._new_version(s, row, old, RESTORED_NOTE.format(number=number))
            view = _view(row)
        self._after_content_change(view, "restored")
        return view

    def _insert(
        self,
        s: Session,
        article_id: str,
        content: ArticleContent,
        status: ArticleStatus,
        author: str,
        note: str,
    ) -> ArticleRow:
        now = self._clock.now()
        row = ArticleRow(
            id=article_id,
            author=author,
            updated_by=self._user,
            status=status.value,
            version=1,
            created_at=now,
            updated_at=now,
            helpful_count=0,
            not_helpful_count=0,
            **_content_values(content),
        )
        s.add(row)
        s.flush()
        repo.add_version(s, self._version_row(article_id, 1, content, note, now))
        repo.set_tags(s, article_id, content.tags)
        return row

    def _new_version(
        self, s: Session, row: ArticleRow, content: ArticleContent, note: str, *, send: bool = True
    ) -> None:
        """``content`` as the next version; ``send`` writes its ``save`` outbox row (a
        conflict resolution writes its own row instead)."""
        now = self._clock.now()
        if send:
            fields = _changed_fields(_content_of(row), content)
            record_outbox(s, ENTITY, row.id, "save", {"fields": fields, "note": note}, now)
        values = {**_content_values(content), "updated_at": now, "updated_by": self._user}
        expected = row.version
        if not repo.compare_and_set_version(s, row.id, expected, values):
            s.refresh(row)  # cannot happen under the write lock; refused all the same
            raise self._conflict(row, expected)
        s.refresh(row)
        repo.add_version(s, self._version_row(row.id, row.version, content, note, now))
        repo.set_tags(s, row.id, content.tags)

    def _set_status(self, s: Session, row: ArticleRow, target: ArticleStatus) -> None:
        """A checked status move, with its ``move`` outbox row."""
        now = self._clock.now()
        move = {"from": row.status, "to": target.value}
        record_outbox(s, ENTITY, row.id, "move", move, now)
        row.status = target.value
        row.updated_at, row.updated_by = now, self._user

    def _outbox_create(self, s: Session, row: ArticleRow, note: str) -> None:
        """The ``create`` row of a new article: its content, status, author and note."""
        changes = {
            **_content_values(_content_of(row)),
            "status": row.status,
            "author": row.author,
            "note": note,
        }
        record_outbox(s, ENTITY, row.id, "create", changes, row.created_at)

    def _version_row(
        self, article_id: str, number: int, content: ArticleContent, note: str, at: datetime
    ) -> ArticleVersionRow:
        return ArticleVersionRow(
            article_id=article_id,
            version=number,
            author=self._user,
            saved_at=at,
            note=note,
            **_content_values(content),
        )

    @staticmethod
    def _conflict(row: ArticleRow, expected: int) -> ArticleConflictError:
        when = row.updated_at.strftime("%Y-%m-%d %H:%M UTC")
        return ArticleConflictError(
            row.id,
            expected,
            row.version,
            "“{title}” was changed by {user} at {when} (now version {current}; your edit "
            "started from version {expected}). Nothing was saved: reload the article and "
            "apply your changes again.",
            title=row.title,
            user=row.updated_by,
            when=when,
            current=row.version,
            expected=expected,
        )

    def refusals(self, view: ArticleView | None) -> tuple[Message | None, Message | None]:
        """(why this user may not edit ``view``, why they may not publish, archive or
        reopen), each None when allowed under the signed-in role and grants: the editor
        disables what the central store would refuse. A new article may always be written."""
        with self._db.read() as s:
            role, grants = signed_in_role(s), signed_in_grants(s)
        if role is None:
            return None, None
        edit = (
            article_edit_refusal(role, self._user, view.status, view.author, grants)
            if view is not None
            else None
        )
        return edit, article_move_refusal(role, grants)

    def _check_may_edit(self, s: Session, row: ArticleRow) -> None:
        """The central store's role rule, checked early once this database is signed in (a
        technician edits only their own drafts): refused here with the reason rather than
        kept in a conflict after the next sync. Offline-only use has no role: no rule."""
        role = signed_in_role(s)
        refused = (
            article_edit_refusal(role, self._user, row.status, row.author, signed_in_grants(s))
            if role
            else None
        )
        if refused is not None:
            raise ValidationError("article", refused)

    def resolve_field(self, s: Session, article_id: str, field: str, value: object) -> FieldEdit:
        """Inside the caller's transaction (a conflict resolution): set one content field to
        ``value``, cleaned by the article rules, as a new version. No outbox row: the caller
        writes its ``conflict/resolve`` row. Call ``after_resolution`` after the commit."""
        row = _require(s, article_id)
        if field not in CONTENT_FIELDS:
            raise ValidationError(
                "choice", "This change cannot be applied any more; dismiss it instead."
            )
        current = _content_of(row)
        draft = ArticleDraft(**{**_content_values(current), field: value})  # type: ignore[arg-type]
        content = rules.clean_content(draft)
        base, new = _content_values(current)[field], _content_values(content)[field]
        if content == current:
            return FieldEdit(base, new, None)
        self._new_version(s, row, content, RESOLVED_NOTE, send=False)
        return FieldEdit(base, new, _view(row))

    def after_resolution(self, edit: FieldEdit) -> None:
        """After the commit of ``resolve_field``: the index and the listeners."""
        if edit.view is not None:
            self._after_content_change(edit.view, "saved")

    # ---- life cycle --------------------------------------------------------------------------

    def publish(self, article_id: str) -> ArticleView:
        return self._move(article_id, ArticleStatus.PUBLISHED, "published")

    def archive(self, article_id: str) -> ArticleView:
        return self._move(article_id, ArticleStatus.ARCHIVED, "archived")

    def reopen(self, article_id: str) -> ArticleView:
        """An archived article back to draft (to edit and publish again)."""
        return self._move(article_id, ArticleStatus.DRAFT, "reopened")

    def _move(self, article_id: str, target: ArticleStatus, action: str) -> ArticleView:
        with self._write() as s:
            row = _require(s, article_id)
            role = signed_in_role(s)
            refused = article_move_refusal(role, signed_in_grants(s)) if role is not None else None
            if refused is not None:
                raise ValidationError("status", refused)
            rules.check_status_move(ArticleStatus(row.status), target)
            self._set_status(s, row, target)
            s.flush()
            view = _view(row)
        self._sync_index([view])
        self._notify(view.id, action, view.version)
        return view

    # ---- feedback ----------------------------------------------------------------------------

    def vote(self, article_id: str, helpful: bool) -> ArticleView:
        """The user's vote (one per user; voting again changes it, never counts twice)."""
        with self._write() as s:
            row = _require(s, article_id)
            if row.status != ArticleStatus.PUBLISHED:
                raise DomainError("Only a published article can be rated.")
            now = self._clock.now()
            repo.put_vote(s, article_id, self._user, bool(helpful), now)
            record_outbox(s, ENTITY, article_id, "vote", {"helpful": bool(helpful)}, now)
            row.helpful_count, row.not_helpful_count = repo.vote_counts(s, article_id)
            view = _view(row)
        self._notify(view.id, "voted", view.version)
        return view

    def link_solved(self, article_id: str, ticket_id: str, query_text: str | None = None) -> bool:
        """Record that the article solved the ticket; ``query_text`` (what was searched; by
        default the ticket's title and description) then ranks the article higher for similar
        searches. False when this link already existed (feedback is not counted twice)."""
        with self._write() as s:
            row = _require(s, article_id)
            if row.status != ArticleStatus.PUBLISHED:
                raise DomainError("Only a published article can be marked as solving a ticket.")
            ticket = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
            if ticket is None:
                raise NotFoundError("No ticket with id {ticket_id}.", ticket_id=ticket_id)
            if repo.link(s, article_id, ticket_id) is not None:
                return False
            query = (query_text or "").strip() or _ticket_text(ticket)
            now = self._clock.now()
            repo.add_link(s, article_id, ticket_id, self._user, now, query)
            link = {"ticket_id": ticket_id, "query_text": query}
            record_outbox(s, ENTITY, article_id, "link", link, now)
            version = row.version
        if self._search is not None:
            try:
                self._search.record_solved(query, article_id)
            except Exception:
                log.exception("recording 'this solved it' in the search index failed")
                self.index_stale = True
        self._notify(article_id, "linked", version)
        return True

    # ---- tickets ---------------------------------------------------------------------------

    def from_ticket(self, ticket_id: str) -> ArticleDraft:
        """A prefilled (unsaved) draft from a resolved or closed ticket; ``create`` saves it."""
        with self._db.read() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
            if ticket is None:
                raise NotFoundError("No ticket with id {ticket_id}.", ticket_id=ticket_id)
            return rules.draft_from_ticket(
                number=format_number(ticket.number, ticket.provisional_number),
                title=ticket.title,
                description=ticket.description,
                resolution_note=ticket.resolution_note,
                category=ticket.category,
                status=ticket.status,
            )

    # ---- import ------------------------------------------------------------------------------

    def apply_import(
        self, items: Sequence[ImportItem], *, allow_older: bool = False
    ) -> ImportOutcome:
        """Write parsed articles in one transaction: new ids are created, known ids get a new
        version. Refused as a whole (ArticleImportError, nothing written) when any item
        conflicts with the store: a status move the life cycle forbids, or a file exported
        from an older version than the stored one (unless ``allow_older``)."""
        created = updated = unchanged = 0
        touched: list[ArticleView] = []
        with self._write() as s:
            rows = repo.get_many(s, [i.article_id for i in items if i.article_id])
            problems = [p for item in items for p in self._import_problems(item, rows, allow_older)]
            if problems:
                raise ArticleImportError(problems)
            for item in items:
                row = rows.get(item.article_id or "")
                note = IMPORTED_NOTE.format(source=item.source)
                if row is None:
                    status = item.status or ArticleStatus.DRAFT
                    author = item.author or self._user
                    row = self._insert(
                        s, item.article_id or new_id(), item.content, status, author, note
                    )
                    self._outbox_create(s, row, note)
                    created += 1
                else:
                    changed = _content_of(row) != item.content
                    if changed:
                        self._new_version(s, row, item.content, note)
                    if item.status is not None and item.status != row.status:
                        self._set_status(s, row, item.status)
                        changed = True
                    if not changed:
                        unchanged += 1
                        continue
                    updated += 1
                touched.append(_view(row))
        self._sync_index(touched)
        for view in touched:
            self._notify(view.id, "imported", view.version)
        return ImportOutcome(created=created, updated=updated, unchanged=unchanged)

    @staticmethod
    def _import_problems(
        item: ImportItem, rows: dict[str, ArticleRow], allow_older: bool
    ) -> list[ImportProblem]:
        row = rows.get(item.article_id or "")
        if row is None:
            return []
        problems: list[ImportProblem] = []
        if item.base_version is not None and item.base_version < row.version and not allow_older:
            older = ValidationError(
                "version",
                "exported from version {base}, but the article is now at version {current} "
                "(edited since); export it again, or import allowing older files to save it "
                "as a new version anyway.",
                base=item.base_version,
                current=row.version,
            )
            problems.append(ImportProblem.of(item.source, older))
        if item.status is not None and item.status != row.status:
            try:
                rules.check_status_move(ArticleStatus(row.status), item.status)
            except TransitionError as err:
                refused = ValidationError(
                    "status",
                    "status {target}: the article is {current}. {reason}",
                    target=Term(item.status.value),
                    current=Term(row.status),
                    reason=Reason(err),
                )
                problems.append(ImportProblem.of(item.source, refused))
        return problems

    def _after_content_change(self, view: ArticleView, action: str) -> None:
        if view.status == ArticleStatus.PUBLISHED:
            self._sync_index([view])
        self._notify(view.id, action, view.version)

    def _notify(self, article_id: str, action: str, version: int) -> None:
        self._notifier.publish(ArticleChange(article_id, action, version))

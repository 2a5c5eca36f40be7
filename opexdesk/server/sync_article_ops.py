"""Knowledge-base article operations of a push (docs/sync_articles.md): create, save (field
by field, the body three-way merged), move, vote and link; an article conflict's resolution
and the re-send of an article a device may show wrongly.

Every operation checks all it was sent before it changes anything, so a rejection leaves
nothing behind. Any change to an article, its versions, votes or links gives the article a
new ``server_seq``: a pull sends it whole.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from opexdesk.domain import article as kb
from opexdesk.domain.article import ArticleStatus
from opexdesk.domain.conflicts import Rule
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.kept_messages import KeptMessage
from opexdesk.domain.permissions import (
    DISPATCHER_ROLES,
    article_edit_refusal,
    article_move_refusal,
)
from opexdesk.domain.text_merge import merge_text
from opexdesk.server.sync_article_fields import (
    CONTENT_FIELDS,
    Edits,
    author_name,
    clean_value,
    content_edits,
    link_target,
    vote_value,
)
from opexdesk.server.sync_batch import ID_MAX, PushBatch
from opexdesk.server.sync_context import APPLIED, CONFLICT, MERGED, ApplyContext, keep_reason
from opexdesk.server.sync_fields import Rejected, client_time, only_keys, string
from opexdesk.server.sync_models import (
    SyncArticle,
    SyncArticleLink,
    SyncArticleVersion,
    SyncArticleVote,
    SyncConflict,
)

CREATE_KEYS = {*CONTENT_FIELDS, "status", "author", "note"}
CREATED_NOTE = "Created"  # version 1's note when none is sent (as services/kb/articles.py)


def _stored(ctx: ApplyContext, article_id: str) -> SyncArticle:
    article = ctx.batch.article(article_id)
    if article is None:
        raise Rejected(
            "The article {article_id} does not exist on the server.", article_id=article_id
        )
    return article


# ---- writing ---------------------------------------------------------------------------


def _add_version(ctx: ApplyContext, article: SyncArticle, note: str) -> None:
    """The article's current content as version ``article.version``, saved by the pusher."""
    ctx.session.add(
        SyncArticleVersion(
            article_id=article.id,
            version=article.version,
            title=article.title,
            body=article.body,
            category=article.category,
            tags=list(article.tags),
            language=article.language,
            author=ctx.pusher.username,
            saved_at=client_time(ctx.m.created_at, ctx.now),
            note=note,
        )
    )


def _touch(ctx: ApplyContext, article: SyncArticle) -> None:
    """The article's content or status changed: who, when, and a new server_seq."""
    article.updated_at = ctx.now
    article.updated_by = ctx.pusher.username
    article.server_seq = ctx.batch.next_seq()


# ---- operations --------------------------------------------------------------------------


def create(ctx: ApplyContext) -> dict[str, Any]:
    m, pusher = ctx.m, ctx.pusher
    changes = m.changes
    only_keys(changes, CREATE_KEYS, "a new article")
    if "title" not in changes:
        raise Rejected("A new article needs a title.")
    values = {f: clean_value(f, changes[f]) for f in CONTENT_FIELDS if f in changes}
    status = kb.parse_status(string(changes, "status", required=False) or ArticleStatus.DRAFT)
    sent_author = author_name(string(changes, "author", required=False))
    note = kb.clean_note(changes.get("note")) or CREATED_NOTE
    if ctx.batch.article(m.entity_id) is not None:
        raise Rejected(
            "An article with the id {article_id} already exists.", article_id=m.entity_id
        )
    notices: list[dict[str, Any]] = []
    if (
        status is not ArticleStatus.DRAFT
        and article_move_refusal(pusher.role, pusher.grants) is not None
    ):
        # Stored as a draft rather than refused: the article itself is never lost.
        status = ArticleStatus.DRAFT
        notices.append({"field": "status", "rule": "permission"})
    dispatcher = pusher.role in DISPATCHER_ROLES
    created_at = client_time(m.created_at, ctx.now)
    article = SyncArticle(
        id=m.entity_id,
        title=values["title"],
        body=values.get("body", ""),
        category=values.get("category", ""),
        tags=values.get("tags", []),
        language=values.get("language", kb.DEFAULT_LANGUAGE),
        author=(sent_author if dispatcher and sent_author else pusher.username),
        updated_by=pusher.username,
        status=status.value,
        version=1,
        created_at=created_at,
        updated_at=ctx.now,
        helpful_count=0,
        not_helpful_count=0,
        server_seq=ctx.batch.next_seq(),
    )
    ctx.session.add(article)
    # Written before its version row: the ORM knows no order between them (no relationship).
    ctx.session.flush()
    ctx.batch.add_article(article)
    _add_version(ctx, article, note)
    return ctx.result(MERGED if notices else APPLIED, notices=notices)


def save(ctx: ApplyContext) -> dict[str, Any]:
    changes = ctx.m.changes
    only_keys(changes, {"fields", "note"}, "an article edit")
    if "fields" not in changes:
        raise Rejected("An article edit needs its 'fields'.")
    edits = content_edits(changes["fields"])
    note = kb.clean_note(changes.get("note"))
    return apply_save(ctx, _stored(ctx, ctx.m.entity_id), edits, note, changes)


def apply_save(
    ctx: ApplyContext, article: SyncArticle, edits: Edits, note: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Per field against the stored article: the base or the same value stored -> take the
    new one; a body edited on both sides -> three-way merged; else the stored value stays
    and a conflict record keeps the three. At most ONE new version. ``changes`` (the whole
    edit) is what a permission conflict keeps."""
    pusher = ctx.pusher
    # A field sent with new == base was not edited on the device: nothing to apply.
    edits = {field: edit for field, edit in edits.items() if edit[0] != edit[1]}
    if any(new != getattr(article, field) for field, (_, new) in edits.items()):
        refusal = article_edit_refusal(
            pusher.role, pusher.username, article.status, article.author, pusher.grants
        )
        if refusal is not None:
            # Refused as a whole, kept whole: the text is not lost for its author.
            reason = KeptMessage.of(refusal)
            conflict = ctx.conflict(
                article.id, None, None, changes, None, "permission", entity="article"
            )
            keep_reason(conflict, reason)
            return ctx.result(CONFLICT, conflict_ids=[conflict.id], reason=reason)
    notices: list[dict[str, Any]] = []
    conflicts: list[SyncConflict] = []
    changed = False
    for field, (base, new) in edits.items():
        stored = getattr(article, field)
        if stored in (base, new):
            value = new
        else:
            merged = _merged_body(field, base, new, stored)
            if merged is None:
                conflicts.append(
                    ctx.conflict(
                        article.id, field, base, new, stored, Rule.SERVER_KEPT, entity="article"
                    )
                )
                continue
            value = merged
            notices.append({"field": field, "rule": "merged"})
        if value != stored:
            setattr(article, field, value)
            changed = True
    if changed:
        article.version += 1
        _touch(ctx, article)
        _add_version(ctx, article, note)
    status = CONFLICT if conflicts else MERGED if notices else APPLIED
    return ctx.result(status, notices=notices, conflict_ids=[c.id for c in conflicts])


def _merged_body(field: str, base: Any, new: Any, stored: Any) -> str | None:
    """Both sides changed ``field``: the merged body, or None (a conflict) for any other
    field, overlapping edits or a merge over the size limit."""
    if field != "body":
        return None
    merged = merge_text(base, local=new, server=stored)
    if not merged.clean or merged.text is None:
        return None
    try:
        return kb.clean_body(merged.text)
    except ValidationError:
        return None


def move(ctx: ApplyContext) -> dict[str, Any]:
    changes = ctx.m.changes
    only_keys(changes, {"from", "to"}, "an article status move")
    kb.parse_status(string(changes, "from"))  # checked; the move counts from the stored status
    target = kb.parse_status(string(changes, "to"))
    article = _stored(ctx, ctx.m.entity_id)
    refusal = article_move_refusal(ctx.pusher.role, ctx.pusher.grants)
    if refusal is not None:
        raise Rejected(refusal.template, **refusal.params)
    current = ArticleStatus(article.status)
    if current is target:
        notice = {"field": "status", "rule": "already_done", "value": target.value}
        return ctx.result(APPLIED, notices=[notice])
    kb.check_status_move(current, target)  # TransitionError: rejected with the reason
    article.status = target.value
    _touch(ctx, article)
    return ctx.result(APPLIED)


def vote(ctx: ApplyContext) -> dict[str, Any]:
    changes = ctx.m.changes
    only_keys(changes, {"helpful"}, "a vote")
    value = vote_value(changes)
    article = _stored(ctx, ctx.m.entity_id)
    if article.status != ArticleStatus.PUBLISHED:
        raise Rejected("Only a published article can be rated.")
    username = ctx.pusher.username
    at = client_time(ctx.m.created_at, ctx.now)
    row = ctx.batch.article_row(SyncArticleVote, (article.id, username))
    if isinstance(row, SyncArticleVote):
        row.helpful, row.at = value, at  # one vote per user: replaced, never added
    else:
        ctx.batch.add_article_row(
            SyncArticleVote(article_id=article.id, username=username, helpful=value, at=at)
        )
    ctx.session.flush()
    rows = ctx.session.execute(
        select(SyncArticleVote.helpful, func.count())
        .where(SyncArticleVote.article_id == article.id)
        .group_by(SyncArticleVote.helpful)
    )
    counts = {bool(helpful_value): int(n) for helpful_value, n in rows}
    article.helpful_count = counts.get(True, 0)
    article.not_helpful_count = counts.get(False, 0)
    article.server_seq = ctx.batch.next_seq()
    return ctx.result(APPLIED)


def link(ctx: ApplyContext) -> dict[str, Any]:
    changes = ctx.m.changes
    only_keys(changes, {"ticket_id", "query_text"}, "a link to a ticket")
    ticket_id, query_text = link_target(changes)
    article = _stored(ctx, ctx.m.entity_id)
    stored = ctx.batch.article_row(SyncArticleLink, (article.id, ticket_id))
    if isinstance(stored, SyncArticleLink):  # stored once: a repeat changes nothing
        if (stored.username, stored.query_text) == (ctx.pusher.username, query_text):
            return ctx.result(APPLIED)
        # Someone else linked it first: the pusher keeps its own row until told, so the
        # notice makes the server send the article (with the stored link) again.
        notice = {"field": "link", "rule": "already_done", "value": ticket_id}
        return ctx.result(APPLIED, notices=[notice])
    ctx.batch.add_article_row(
        SyncArticleLink(
            article_id=article.id,
            ticket_id=ticket_id,
            username=ctx.pusher.username,
            at=client_time(ctx.m.created_at, ctx.now),
            query_text=query_text,
        )
    )
    article.server_seq = ctx.batch.next_seq()
    return ctx.result(APPLIED)


def resolve_edit(ctx: ApplyContext, article_id: str, edit: dict[str, Any]) -> dict[str, Any]:
    """An article conflict decided "local" or "custom": ``{field: {"base", "new"}}`` applied
    as a save of that field, so a newer change there becomes a new conflict."""
    edits = content_edits(edit)
    return apply_save(ctx, _stored(ctx, article_id), edits, "", {"fields": edit, "note": ""})


def resend_article(batch: PushBatch, article_id: Any) -> None:
    """A new server_seq for the article, so the pushing device pulls the stored one again
    (its pull kept an unsent local edit that was then not taken as sent, or was answered
    before and the answer lost): see ``sync_apply.resend_ticket``."""
    if isinstance(article_id, str) and 0 < len(article_id) <= ID_MAX:
        article = batch.article(article_id)
        if article is not None:
            article.server_seq = batch.next_seq()

"""ArticleService over a real store and a real KbSearch index (wordllama from its wheel):
versions, stale-save conflicts, restore, votes, publishing into search, tickets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import ArticleConflictError, ArticleDraft, ArticleStatus
from opexdesk.domain.errors import DomainError, NotFoundError, TransitionError, ValidationError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.kb import ArticleChange, ArticleService, Embedder, KbSearch
from opexdesk.storage import articles_repo
from opexdesk.storage.kb_models import ArticleRow, ArticleTagRow, ArticleVersionRow

ARTICLES = [
    (
        "Outlook keeps asking for the password",
        "Outlook prompts for credentials repeatedly. Clear the cached credential in "
        "Credential Manager and restart Outlook.",
    ),
    (
        "Reset a forgotten Windows password",
        "Use the self-service portal to reset your domain password, then sign in again.",
    ),
    (
        "VPN disconnects every few minutes",
        "Update the VPN client and turn off power saving on the network adapter.",
    ),
    ("Printer shows paper jam", "Open tray 2 and remove the jammed paper."),
]


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path), username="alice")
    yield context
    context.close()


@pytest.fixture
def kb(tmp_path: Path, embedder: Embedder) -> Iterator[KbSearch]:
    search = KbSearch(str(tmp_path / "kb-index.sqlite3"), embedder=embedder)
    yield search
    search.close()


@pytest.fixture
def svc(ctx: AppContext, kb: KbSearch) -> ArticleService:
    return ArticleService(ctx.db, search=kb, clock=ctx.clock, user="alice")


def draft(title: str = "VPN drops", body: str = "Restart the client.", **kw) -> ArticleDraft:
    return ArticleDraft(title=title, body=body, **kw)


def counts(ctx: AppContext) -> tuple[int, int, int]:
    with ctx.db.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m))
            for m in (ArticleRow, ArticleVersionRow, ArticleTagRow)
        )


def hit_titles(kb: KbSearch, text: str) -> list[str]:
    return [h.title for h in kb.search(text)]


# ---- versions ------------------------------------------------------------------------------


def test_create_is_a_draft_at_version_one(svc: ArticleService) -> None:
    art = svc.create(draft(tags="VPN, Remote", language="en-gb", category=" Network "))
    assert (art.status, art.version, art.author) == (ArticleStatus.DRAFT, 1, "alice")
    assert (art.tags, art.language, art.category) == (("vpn", "remote"), "en-GB", "Network")
    history = svc.history(art.id)
    assert [v.version for v in history] == [1]
    assert history[0].content == art.content and history[0].note == "Created"


def test_each_save_is_a_new_version_and_old_versions_stay(svc: ArticleService) -> None:
    art = svc.create(draft(body="Step one."))
    v2 = svc.save(art.id, draft(body="Step one.\nStep two."), expected_version=1, note="more")
    v3 = svc.save(art.id, draft(title="VPN drops often", body="Step two."), expected_version=2)
    assert (v2.version, v3.version) == (2, 3)
    history = svc.history(art.id)
    assert [v.version for v in history] == [3, 2, 1]
    assert [v.content.body for v in history] == ["Step two.", "Step one.\nStep two.", "Step one."]
    assert history[1].note == "more"
    assert svc.get(art.id).title == "VPN drops often"


def test_saving_unchanged_content_makes_no_version(svc: ArticleService) -> None:
    art = svc.create(draft())
    again = svc.save(art.id, draft(title="  VPN   drops "), expected_version=1)
    assert again.version == 1 and len(svc.history(art.id)) == 1


def test_stale_save_is_refused_and_nothing_is_overwritten(ctx: AppContext, kb: KbSearch) -> None:
    alice = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="alice")
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    art = alice.create(draft(body="original"))
    bob.save(art.id, draft(body="bob's edit"), expected_version=1)
    before = counts(ctx)
    with pytest.raises(ArticleConflictError) as err:
        alice.save(art.id, draft(body="alice's edit"), expected_version=1)
    message = str(err.value)
    assert "changed by bob" in message and "version 2" in message and "version 1" in message
    assert (err.value.expected, err.value.current) == (1, 2)
    assert counts(ctx) == before
    assert alice.get(art.id).body == "bob's edit"
    # reloaded, the same edit goes through as version 3
    assert alice.save(art.id, draft(body="alice's edit"), expected_version=2).version == 3


def test_restore_adds_a_version_equal_to_the_old_one(svc: ArticleService) -> None:
    art = svc.create(draft(body="first", tags=["a"]))
    svc.save(art.id, draft(title="Renamed", body="second", tags=["b"]), expected_version=1)
    restored = svc.restore(art.id, 1, expected_version=2)
    assert restored.version == 3
    history = svc.history(art.id)
    assert history[0].content == history[2].content == restored.content
    assert history[1].content.body == "second"  # history is never rewritten
    assert history[0].note == "Restored from version 1"
    with pytest.raises(DomainError, match="same as the current"):
        svc.restore(art.id, 1)
    with pytest.raises(ArticleConflictError):
        svc.restore(art.id, 2, expected_version=2)
    with pytest.raises(NotFoundError, match="no version 9"):
        svc.restore(art.id, 9)


def test_diff_between_versions(svc: ArticleService) -> None:
    art = svc.create(draft(body="Open settings.\nRestart the client."))
    svc.save(art.id, draft(body="Open settings.\nUpdate the client.\nRestart."), 1)
    diff = svc.diff(art.id, 1, 2)
    assert diff.changed_fields == ("body",)
    changed = [(line.kind, line.text) for line in diff.lines if line.kind != "same"]
    assert changed == [
        ("removed", "Restart the client."),
        ("added", "Update the client."),
        ("added", "Restart."),
    ]
    assert "+Update the client." in diff.unified


def test_invalid_content_writes_nothing(ctx: AppContext, svc: ArticleService) -> None:
    art = svc.create(draft())
    before = counts(ctx)
    for bad, field in [
        (draft(title=""), "title"),
        (draft(body="a\x00b"), "body"),
        (draft(tags=[f"t{i}" for i in range(21)]), "tags"),
        (draft(language="klingon!"), "language"),
    ]:
        with pytest.raises(ValidationError) as err:
            svc.save(art.id, bad, expected_version=1)
        assert err.value.field == field
    assert counts(ctx) == before


def test_a_failed_write_rolls_back_the_whole_save(
    ctx: AppContext, svc: ArticleService, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = svc.create(draft(tags=["one"]))
    before = counts(ctx)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(articles_repo, "set_tags", broken)
    with pytest.raises(RuntimeError):
        svc.save(art.id, draft(body="new", tags=["two"]), expected_version=1)
    assert counts(ctx) == before
    assert svc.get(art.id) == art


# ---- life cycle and search -----------------------------------------------------------------


def test_published_articles_are_searchable_and_archived_ones_disappear(
    svc: ArticleService, kb: KbSearch
) -> None:
    art = svc.create(draft("Printer shows paper jam", "Open tray 2 and remove the paper."))
    assert hit_titles(kb, "paper jam") == []  # drafts are not in the index
    svc.publish(art.id)
    assert hit_titles(kb, "paper jam") == ["Printer shows paper jam"]
    svc.save(art.id, draft("Printer shows paper jam", "Lift the fuser cover."), 1)
    assert [h.article_id for h in kb.search("fuser cover")] == [art.id]  # re-indexed
    svc.archive(art.id)
    assert hit_titles(kb, "paper jam") == []
    assert svc.reopen(art.id).status == ArticleStatus.DRAFT
    assert hit_titles(kb, "paper jam") == []
    svc.publish(art.id)
    assert hit_titles(kb, "paper jam") == ["Printer shows paper jam"]


def test_forbidden_status_moves_are_refused(svc: ArticleService) -> None:
    art = svc.create(draft())
    with pytest.raises(TransitionError, match="can only be published"):
        svc.archive(art.id)
    svc.publish(art.id)
    with pytest.raises(TransitionError, match="already published"):
        svc.publish(art.id)
    assert svc.get(art.id).status == ArticleStatus.PUBLISHED


def test_list_filters(svc: ArticleService) -> None:
    a = svc.create(draft("VPN", tags=["vpn"], category="Network"))
    b = svc.create(draft("打印机卡纸", tags=["打印机"], category="Hardware", language="zh"))
    svc.publish(a.id)
    assert [x.id for x in svc.list_articles(status="published")] == [a.id]
    assert [x.id for x in svc.list_articles(status="draft")] == [b.id]
    assert [x.id for x in svc.list_articles(tag=" VPN ")] == [a.id]
    assert [x.id for x in svc.list_articles(language="ZH")] == [b.id]
    assert [x.id for x in svc.list_articles(category="Hardware")] == [b.id]
    with pytest.raises(ValidationError):
        svc.list_articles(status="live")


def test_reindex_all_rebuilds_a_missing_index(
    ctx: AppContext, svc: ArticleService, tmp_path: Path, embedder: Embedder
) -> None:
    ids = []
    for title, body in ARTICLES:
        art = svc.create(draft(title, body))
        svc.publish(art.id)
        ids.append(art.id)
    svc.archive(ids[3])
    fresh = KbSearch(str(tmp_path / "new-index.sqlite3"), embedder=embedder)
    rebuilt = ArticleService(ctx.db, search=fresh, user="alice")
    assert rebuilt.index_out_of_date()
    assert rebuilt.reindex_all() == 3
    assert not rebuilt.index_out_of_date()
    assert hit_titles(fresh, "VPN disconnects")[0] == "VPN disconnects every few minutes"
    found = {h.article_id for title, _body in ARTICLES for h in fresh.search(title)}
    assert found == set(ids[:3])  # the archived one is not in the rebuilt index
    fresh.close()


# ---- votes ---------------------------------------------------------------------------------


def test_votes_change_and_never_count_twice(ctx: AppContext, kb: KbSearch) -> None:
    alice = ArticleService(ctx.db, search=kb, user="alice")
    bob = ArticleService(ctx.db, search=kb, user="bob")
    art = alice.create(draft())
    with pytest.raises(DomainError, match="published"):
        alice.vote(art.id, True)
    alice.publish(art.id)
    assert alice.vote(art.id, True).helpful_count == 1
    again = alice.vote(art.id, True)
    assert (again.helpful_count, again.not_helpful_count) == (1, 0)
    changed = alice.vote(art.id, False)
    assert (changed.helpful_count, changed.not_helpful_count) == (0, 1)
    both = bob.vote(art.id, False)
    assert (both.helpful_count, both.not_helpful_count) == (0, 2)
    assert alice.my_vote(art.id) is False and bob.my_vote(art.id) is False


# ---- tickets -------------------------------------------------------------------------------


def resolved_ticket(ctx: AppContext, title: str, description: str, note: str) -> str:
    change = ctx.tickets.create(TicketDraft(title=title, description=description, category="Email"))
    ctx.tickets.transition(change.ticket_id, "resolved", note)
    return change.ticket_id


def test_draft_from_a_resolved_ticket(ctx: AppContext, svc: ArticleService) -> None:
    ticket_id = resolved_ticket(
        ctx, "Outlook asks for the password", "It prompts every hour.", "Cleared the credential."
    )
    prefilled = svc.from_ticket(ticket_id)
    assert prefilled.title == "Outlook asks for the password"
    assert prefilled.category == "Email"
    assert "## Symptoms\n\nIt prompts every hour." in prefilled.body
    assert "## Resolution\n\nCleared the credential." in prefilled.body
    art = svc.create(prefilled)
    assert art.status == ArticleStatus.DRAFT and art.category == "Email"


def test_draft_from_an_open_ticket_is_refused(ctx: AppContext, svc: ArticleService) -> None:
    open_ticket = ctx.tickets.create(TicketDraft(title="Still broken")).ticket_id
    with pytest.raises(DomainError, match="is New; an article can only be drafted"):
        svc.from_ticket(open_ticket)
    with pytest.raises(NotFoundError):
        svc.from_ticket("no-such-ticket")


def test_this_solved_it_moves_the_article_up_for_similar_searches(
    ctx: AppContext, svc: ArticleService, kb: KbSearch
) -> None:
    ids = {}
    for title, body in ARTICLES:
        art = svc.create(draft(title, body))
        svc.publish(art.id)
        ids[title] = art.id
    outlook = ids[ARTICLES[0][0]]
    query = "email program keeps prompting me to sign in again"
    before = [h.article_id for h in kb.search(query)]
    assert before[0] != outlook  # the password-reset article wins on words alone
    ticket_id = resolved_ticket(
        ctx, "Email program keeps prompting me to sign in again", "", "Cleared the credential."
    )
    assert svc.link_solved(outlook, ticket_id) is True
    after = [h.article_id for h in kb.search(query)]
    assert after[0] == outlook
    assert svc.link_solved(outlook, ticket_id) is False  # once per ticket
    assert svc.solved_tickets(outlook) == [ticket_id]
    unrelated = [h.article_id for h in kb.search("printer paper jam")]
    assert unrelated[0] == ids["Printer shows paper jam"]


def test_this_solved_it_learns_from_the_searched_words_when_given(
    ctx: AppContext, svc: ArticleService, kb: KbSearch
) -> None:
    ids = {}
    for title, body in ARTICLES:
        art = svc.create(draft(title, body))
        svc.publish(art.id)
        ids[title] = art.id
    outlook = ids[ARTICLES[0][0]]
    query = "my login stopped working after the holiday"
    assert [h.article_id for h in kb.search(query)][:1] != [outlook]
    ticket_id = resolved_ticket(ctx, "Ticket 17", "", "Done.")
    assert svc.link_solved(outlook, ticket_id, query_text=query)
    assert kb.search(query)[0].article_id == outlook


def test_reindex_can_replay_this_solved_it_into_a_new_index(
    ctx: AppContext, svc: ArticleService, tmp_path: Path, embedder: Embedder
) -> None:
    ids = {}
    for title, body in ARTICLES:
        art = svc.create(draft(title, body))
        svc.publish(art.id)
        ids[title] = art.id
    outlook = ids[ARTICLES[0][0]]
    query = "email program keeps prompting me to sign in again"
    ticket_id = resolved_ticket(ctx, query, "", "Cleared the credential.")
    svc.link_solved(outlook, ticket_id)
    for replay, first_is_outlook in [(False, False), (True, True)]:
        fresh = KbSearch(str(tmp_path / f"index-{replay}.sqlite3"), embedder=embedder)
        ArticleService(ctx.db, search=fresh, user="alice").reindex_all(replay_feedback=replay)
        assert (fresh.search(query)[0].article_id == outlook) is first_is_outlook
        fresh.close()


def test_link_solved_needs_a_published_article_and_a_ticket(
    ctx: AppContext, svc: ArticleService
) -> None:
    art = svc.create(draft())
    ticket_id = resolved_ticket(ctx, "VPN drops", "", "Restarted.")
    with pytest.raises(DomainError, match="published"):
        svc.link_solved(art.id, ticket_id)
    svc.publish(art.id)
    with pytest.raises(NotFoundError):
        svc.link_solved(art.id, "no-such-ticket")
    with pytest.raises(NotFoundError):
        svc.link_solved("no-such-article", ticket_id)


def test_changes_are_announced_after_commit(svc: ArticleService) -> None:
    seen: list[ArticleChange] = []
    svc.notifier.subscribe(seen.append)
    art = svc.create(draft())
    svc.save(art.id, draft(body="new"), 1)
    svc.publish(art.id)
    with pytest.raises(TransitionError):
        svc.publish(art.id)
    assert [(c.action, c.version) for c in seen] == [
        ("created", 1),
        ("saved", 2),
        ("published", 2),
    ]

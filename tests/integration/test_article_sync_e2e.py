"""Knowledge-base articles between devices through a REAL ``opexdesk-server`` process
(docs/sync_articles.md): offline edits on two devices merged, a conflicting title kept for
its author and resolved, votes and "this solved it" shared, the search index of every device
following, a technician's edit of a published article kept in a conflict, a technician made
a knowledge-base editor while the server runs, and a new device taking the whole knowledge
base on its first sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from real_server import server_admin, serving
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.article import ArticleDraft, ArticleStatus
from opexdesk.domain.errors import ValidationError
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.storage.kb_models import ArticleTicketLinkRow
from opexdesk.storage.sync_models import Conflict

PASSWORDS = {
    "olga": "olga password 1",
    "oscar": "oscar password 22",
    "tom": "tom password 333",
}
ROLES = {"olga": "operator", "oscar": "operator"}  # tom: technician

BODY = (
    "Printers on floor two jam on thick paper.\n\n"
    "Open tray two and pull the paper out slowly.\n\n"
    "If the jam light stays on, restart the printer."
)


@pytest.fixture(scope="module")
def server_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kb_server")


@pytest.fixture(scope="module")
def server_url(server_dir: Path) -> Iterator[str]:
    with serving(server_dir, PASSWORDS, roles=ROLES) as base:
        yield base


class Device:
    """One desktop database, its knowledge base and a signed-in sync engine."""

    def __init__(self, base: Path, user: str, server_url: str) -> None:
        self.ctx: AppContext = build_context(AppPaths.under(base), username=user)
        self.api = SyncApi(server_url)
        self.api.login(user, PASSWORDS[user])
        self.engine = SyncEngine(self.ctx.db, self.api, self.ctx.clock, blobs=self.ctx.blobs)
        self.kb = self.ctx.knowledge.articles

    def sync(self) -> None:
        report = self.engine.sync_once()
        assert report.rejected == 0, report
        self.kb.catch_up_index()  # what the application does after a round

    def conflicts(self) -> list[Conflict]:
        with self.ctx.db.transaction() as s:
            return list(s.scalars(select(Conflict).where(Conflict.resolved_at.is_(None))))

    def found(self, text: str) -> list[str]:
        return [hit.article_id for hit in self.ctx.knowledge.search.search(text)]

    def close(self) -> None:
        self.api.close()
        self.ctx.close()


@pytest.fixture
def devices(tmp_path: Path, server_url: str) -> Iterator[dict[str, Device]]:
    made = {name: Device(tmp_path / name, name, server_url) for name in PASSWORDS}
    try:
        yield made
    finally:
        for device in made.values():
            device.close()


def versions(device: Device, article_id: str) -> list[tuple[int, str, str]]:
    return [(v.version, v.content.title, v.content.body) for v in device.kb.history(article_id)]


def test_offline_edits_on_two_devices_merge_and_a_title_conflict_is_resolved(
    devices: dict[str, Device],
) -> None:
    olga, oscar = devices["olga"], devices["oscar"]
    created = olga.kb.create(ArticleDraft("Printer jam", BODY, "Hardware", ("printer",)))
    olga.kb.publish(created.id)
    olga.sync()
    oscar.sync()
    assert oscar.kb.get(created.id).status == ArticleStatus.PUBLISHED
    assert created.id in oscar.found("printer jam tray")  # pulled into oscar's index

    # Both offline: different paragraphs of the body, and the title differently.
    mine = olga.kb.get(created.id)
    olga.kb.save(
        created.id,
        ArticleDraft(
            "Printer jam (tray 2)",
            BODY.replace("thick paper", "card stock"),
            "Hardware",
            ("printer",),
        ),
        mine.version,
    )
    theirs = oscar.kb.get(created.id)
    oscar.kb.save(
        created.id,
        ArticleDraft(
            "Paper jam on floor two",
            BODY.replace("restart the printer", "call facilities"),
            "Hardware",
            ("printer",),
        ),
        theirs.version,
    )
    olga.sync()
    oscar.sync()
    olga.sync()

    merged = BODY.replace("thick paper", "card stock").replace(
        "restart the printer", "call facilities"
    )
    for device in (olga, oscar):
        article = device.kb.get(created.id)
        assert (article.title, article.body) == ("Printer jam (tray 2)", merged)
    assert versions(olga, created.id) == versions(oscar, created.id)
    assert [c.field for c in oscar.conflicts()] == ["title"]
    assert olga.conflicts() == []
    conflict = oscar.conflicts()[0]
    assert (conflict.local, conflict.server) == ("Paper jam on floor two", "Printer jam (tray 2)")

    # Oscar keeps his title: one click, synced, on both devices.
    oscar.ctx.sync.conflicts.resolve(conflict.id, "local")
    oscar.sync()
    olga.sync()
    for device in (olga, oscar):
        assert device.kb.get(created.id).title == "Paper jam on floor two"
        assert device.conflicts() == []
    assert versions(olga, created.id) == versions(oscar, created.id)


def test_votes_links_and_a_technicians_edit_of_a_published_article(
    devices: dict[str, Device],
) -> None:
    olga, tom = devices["olga"], devices["tom"]
    article = olga.kb.create(ArticleDraft("VPN drops every hour", "Renew the certificate."))
    olga.kb.publish(article.id)
    olga.sync()
    tom.sync()

    ticket = tom.ctx.tickets.create(TicketDraft(title="VPN keeps dropping", requester="dan"))
    tom.kb.vote(article.id, helpful=True)
    assert tom.kb.link_solved(article.id, ticket.ticket_id, "vpn disconnects hourly")
    tom.sync()
    olga.sync()
    seen = olga.kb.get(article.id)
    assert (seen.helpful_count, seen.not_helpful_count) == (1, 0)
    with olga.ctx.db.transaction() as s:
        links = list(s.scalars(select(ArticleTicketLinkRow.ticket_id)))
    assert ticket.ticket_id in links
    # The feedback reached olga's index: the words of tom's search now find the article.
    assert olga.found("vpn disconnects hourly")[:1] == [article.id]

    # A technician may not edit a published article: refused at once on his device...
    with pytest.raises(
        ValidationError, match="only an operator, an admin or a knowledge-base editor can edit it"
    ):
        tom.kb.save(
            article.id,
            ArticleDraft("VPN drops every hour", "Renew the certificate, then reboot."),
            tom.kb.get(article.id).version,
        )
    # ...and when the server learns of it late (his own draft, published meanwhile by an
    # operator), his text is kept in a conflict and the stored article comes back.
    draft = tom.kb.create(ArticleDraft("Badge reader resets", "Unplug it for ten seconds."))
    tom.sync()
    olga.sync()
    olga.kb.publish(draft.id)
    olga.sync()
    tom.kb.save(
        draft.id,
        ArticleDraft("Badge reader resets", "Unplug it for thirty seconds."),
        tom.kb.get(draft.id).version,
    )
    tom.sync()
    kept = [c for c in tom.conflicts() if c.ticket_id == draft.id]
    assert len(kept) == 1 and kept[0].rule == "permission"
    assert "thirty seconds" in str(kept[0].local)
    shown = tom.kb.get(draft.id)
    assert (shown.status, shown.body) == (ArticleStatus.PUBLISHED, "Unplug it for ten seconds.")
    olga.sync()
    assert olga.kb.get(draft.id).body == "Unplug it for ten seconds."


def test_a_new_device_takes_the_whole_knowledge_base(
    devices: dict[str, Device], tmp_path: Path, server_url: str
) -> None:
    olga = devices["olga"]
    ids = []
    for n in range(7):
        view = olga.kb.create(ArticleDraft(f"Known error {n}", f"Workaround number {n}."))
        olga.kb.publish(view.id)
        ids.append(view.id)
    draft = olga.kb.create(ArticleDraft("Unfinished notes", "Still being written."))
    olga.sync()

    fresh = Device(tmp_path / "fresh", "tom", server_url)
    try:
        fresh.sync()
        for article_id in ids:
            assert fresh.kb.get(article_id).status == ArticleStatus.PUBLISHED
        assert fresh.kb.get(draft.id).status == ArticleStatus.DRAFT
        assert ids[3] in fresh.found("known error workaround 3")
    finally:
        fresh.close()


def test_a_technician_made_knowledge_base_editor_keeps_published_articles(
    devices: dict[str, Device], server_dir: Path
) -> None:
    olga, tom = devices["olga"], devices["tom"]
    article = olga.kb.create(ArticleDraft("Scanner to e-mail fails", "Check the SMTP relay."))
    olga.kb.publish(article.id)
    olga.sync()
    tom.sync()
    better = ArticleDraft("Scanner to e-mail fails", "Check the SMTP relay and port 587.")
    with pytest.raises(ValidationError, match="knowledge-base editor can edit it"):
        tom.kb.save(article.id, better, tom.kb.get(article.id).version)

    out = server_admin(server_dir, "grant", "tom", "edit-articles")
    assert out == "'tom' (technician) has: edit-articles\n"
    try:
        # The device hears of the grant with its next pull (every page says the account's
        # role and grants as stored now): no new sign-in needed.
        tom.sync()
        # The next round starts with the tokens of before the grant: they do not undo it.
        assert tom.engine.state().grants == "edit_articles"
        saved = tom.kb.save(article.id, better, tom.kb.get(article.id).version)
        fax = tom.kb.publish(tom.kb.create(ArticleDraft("Fax to e-mail", "Use the relay.")).id)
        tom.sync()
        assert not [c for c in tom.conflicts() if c.ticket_id == article.id]
        olga.sync()
        assert olga.kb.get(article.id).body == saved.body == better.body
        assert olga.kb.get(article.id).status == ArticleStatus.PUBLISHED
        assert olga.kb.get(fax.id).status == ArticleStatus.PUBLISHED
    finally:
        server_admin(server_dir, "revoke", "tom", "edit-articles")
    tom.sync()
    with pytest.raises(ValidationError, match="knowledge-base editor can edit it"):
        tom.kb.save(article.id, ArticleDraft("Scanner", "x"), tom.kb.get(article.id).version)

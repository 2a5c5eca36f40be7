"""Knowledge-base articles through push, pull and ``GET /sync/articles``, on SQLite and on
the real PostgreSQL (docs/sync_articles.md, the server side)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from server_helpers import API, Api
from sqlalchemy import func, select
from test_server_sync import Device as TicketDevice

from opexdesk.domain.enums import Grant, Role
from opexdesk.domain.ids import new_id
from opexdesk.server.sync_models import (
    SyncArticle,
    SyncArticleLink,
    SyncArticleVersion,
    SyncArticleVote,
    SyncConflict,
    SyncMutation,
)

ARTICLES = f"{API}/sync/articles"
BODY = (
    "Step one: restart the spooler.\n\nStep two: clear the queue.\n\nStep three: print a test page."
)


class Device(TicketDevice):
    """One client installation of a user, sending article outbox rows (the ticket tests'
    device, with article operations)."""

    def article(self, op: str, article_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        mutation: dict[str, Any] = self.mutation("article", article_id, op, changes)
        return mutation

    def create(self, **values: Any) -> tuple[str, dict[str, Any]]:
        article_id = new_id()
        changes = {
            "title": "Printer queue stuck",
            "body": BODY,
            "category": "Printing",
            "tags": ["printer", "spooler"],
            "language": "en",
            "status": "draft",
            "author": self.username,
            "note": "",
            **values,
        }
        return article_id, self.article("create", article_id, changes)

    def save(self, article_id: str, note: str = "", **edits: tuple[Any, Any]) -> dict[str, Any]:
        fields = {name: {"base": base, "new": new} for name, (base, new) in edits.items()}
        return self.article("save", article_id, {"fields": fields, "note": note})

    def move(self, article_id: str, from_: str, to: str) -> dict[str, Any]:
        return self.article("move", article_id, {"from": from_, "to": to})

    def vote(self, article_id: str, helpful: bool) -> dict[str, Any]:
        return self.article("vote", article_id, {"helpful": helpful})

    def link(self, article_id: str, ticket_id: str, query_text: str = "") -> dict[str, Any]:
        return self.article("link", article_id, {"ticket_id": ticket_id, "query_text": query_text})

    def resolve(self, conflict_id: str, choice: str, **values: Any) -> dict[str, Any]:
        return self.mutation("conflict", conflict_id, "resolve", {"choice": choice, **values})

    def changes(self, cursor: int = 0) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.pull(cursor)["changes"]
        return found

    def articles(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.changes() if c["entity"] == "article"}

    def conflicts(self) -> list[dict[str, Any]]:
        return [c["data"] for c in self.changes() if c["entity"] == "conflict"]


def shared(device: Device, **values: Any) -> str:
    article_id, create = device.create(**values)
    [result] = device.push(create)
    assert result["status"] == "applied", result
    return article_id


def _columns(row: Any) -> SimpleNamespace:
    return SimpleNamespace(**{c.key: getattr(row, c.key) for c in row.__table__.columns})


def stored(api: Api, article_id: str) -> SimpleNamespace:
    """The stored article's columns."""
    with api.services.db.read() as s:
        article = s.get(SyncArticle, article_id)
        assert article is not None
        return _columns(article)


def versions(api: Api, article_id: str) -> list[SimpleNamespace]:
    with api.services.db.read() as s:
        query = select(SyncArticleVersion).where(SyncArticleVersion.article_id == article_id)
        return [_columns(v) for v in s.scalars(query.order_by(SyncArticleVersion.version))]


def count(api: Api, model: Any) -> int:
    with api.services.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_create_then_pull_carries_versions_votes_and_links(api: Api) -> None:
    olga, tom = Device(api, "olga"), Device(api, "tom")
    article_id = shared(olga, status="published", author="ann", note="From ticket 12")
    ticket_id = new_id()
    assert [o["status"] for o in tom.push(tom.vote(article_id, True))] == ["applied"]
    assert tom.push(tom.link(article_id, ticket_id, "printer stuck"))[0]["status"] == "applied"

    change = tom.articles()[article_id]
    data = change["data"]
    assert change["server_seq"] == stored(api, article_id).server_seq
    assert data["title"] == "Printer queue stuck" and data["body"] == BODY
    assert data["tags"] == ["printer", "spooler"] and data["language"] == "en"
    assert data["status"] == "published" and data["version"] == 1
    assert data["author"] == "ann"  # an operator may name the author
    assert data["updated_by"] == "olga"
    assert (data["helpful_count"], data["not_helpful_count"]) == (1, 0)
    assert data["created_at"].startswith("2026-06-01T08:00:00")
    assert "server_seq" not in data
    [version] = data["versions"]
    assert version == {
        "version": 1,
        "title": "Printer queue stuck",
        "body": BODY,
        "category": "Printing",
        "tags": ["printer", "spooler"],
        "language": "en",
        "author": "olga",
        "saved_at": version["saved_at"],
        "note": "From ticket 12",
    }
    assert data["votes"] == [{"username": "tom", "helpful": True, "at": data["votes"][0]["at"]}]
    [link] = data["links"]
    assert (link["ticket_id"], link["username"], link["query_text"]) == (
        ticket_id,
        "tom",
        "printer stuck",
    )


def test_one_batch_creates_edits_publishes_rates_and_links(api: Api) -> None:
    """All in one push (the fast run): each step sees the rows the steps before it made."""
    olga, tom = Device(api, "olga"), Device(api, "tom")
    article_id, create = olga.create()
    ticket_id = new_id()
    outcomes = olga.push(
        create,
        olga.save(article_id, body=(BODY, "Restart the spooler.")),
        olga.move(article_id, "draft", "published"),
        olga.vote(article_id, True),
        olga.vote(article_id, False),
        olga.link(article_id, ticket_id),
        olga.link(article_id, ticket_id),
    )
    assert [o["status"] for o in outcomes] == ["applied"] * 7
    article = stored(api, article_id)
    assert (article.body, article.status, article.version) == (
        "Restart the spooler.",
        "published",
        2,
    )
    assert (article.helpful_count, article.not_helpful_count) == (0, 1)
    data = tom.articles()[article_id]["data"]
    assert [v["body"] for v in data["versions"]] == [BODY, "Restart the spooler."]
    assert [(v["username"], v["helpful"]) for v in data["votes"]] == [("olga", False)]
    assert [link["ticket_id"] for link in data["links"]] == [ticket_id]
    assert count(api, SyncArticleLink) == 1


def test_a_create_without_a_note_is_version_1_created_and_an_existing_id_is_rejected(
    api: Api,
) -> None:
    tom = Device(api, "tom")
    article_id, create = tom.create(author="someone else")
    tom.push(create)
    assert stored(api, article_id).author == "tom"  # a technician writes as themselves
    assert [v.note for v in versions(api, article_id)] == ["Created"]
    again = tom.article("create", article_id, {"title": "Another"})
    [result] = tom.push(again)
    assert result["status"] == "rejected"
    assert result["reason"] == f"An article with the id {article_id} already exists."
    assert stored(api, article_id).title == "Printer queue stuck"


def test_saves_of_different_fields_from_two_devices_both_apply(api: Api) -> None:
    olga, admin = Device(api, "olga"), Device(api, "admin")
    article_id = shared(olga)
    first = olga.save(article_id, "clearer", title=("Printer queue stuck", "Print queue stuck"))
    tags = (["printer", "spooler"], ["Printer", "queue", "printer"])
    second = admin.save(article_id, category=("Printing", "Printers"), tags=tags)
    assert olga.push(first)[0]["status"] == "applied"
    assert admin.push(second)[0]["status"] == "applied"
    # Sent again by a device that missed the answer, under a new mutation: nothing new.
    same = admin.save(article_id, category=("Printing", "Printers"))
    assert admin.push(same)[0]["status"] == "applied"

    article = stored(api, article_id)
    assert (article.title, article.category, article.tags, article.version) == (
        "Print queue stuck",
        "Printers",
        ["printer", "queue"],  # cleaned by the domain's rules
        3,
    )
    history = versions(api, article_id)
    assert [(v.version, v.author, v.note) for v in history] == [
        (1, "olga", "Created"),
        (2, "olga", "clearer"),
        (3, "admin", ""),
    ]
    assert (history[2].title, history[2].category) == ("Print queue stuck", "Printers")
    assert history[1].category == "Printing"


def test_body_edits_in_different_places_are_merged_with_a_notice(api: Api) -> None:
    olga, admin = Device(api, "olga"), Device(api, "admin")
    article_id = shared(olga)
    mine = BODY.replace("restart the spooler", "restart the print spooler")
    theirs = BODY.replace("print a test page", "print a test page from Word")
    assert admin.push(admin.save(article_id, body=(BODY, theirs)))[0]["status"] == "applied"
    before = stored(api, article_id).server_seq
    [result] = olga.push(olga.save(article_id, body=(BODY, mine)))
    assert result["status"] == "merged"
    assert result["notices"] == [{"field": "body", "rule": "merged"}]
    article = stored(api, article_id)
    assert "restart the print spooler" in article.body and "test page from Word" in article.body
    assert article.version == 3 and article.server_seq > before
    assert versions(api, article_id)[-1].body == article.body


def test_different_titles_make_a_conflict_and_keep_the_stored_one(api: Api) -> None:
    olga, admin = Device(api, "olga"), Device(api, "admin")
    article_id = shared(olga)
    admin.push(admin.save(article_id, title=("Printer queue stuck", "Spooler hangs")))
    seq = stored(api, article_id).server_seq
    [result] = olga.push(olga.save(article_id, title=("Printer queue stuck", "Queue frozen")))
    assert result["status"] == "conflict"
    article = stored(api, article_id)
    assert article.title == "Spooler hangs" and article.version == 2
    assert article.server_seq > seq  # sent again: olga's device must see the stored title
    [conflict] = olga.conflicts()
    assert conflict["id"] == result["conflict_ids"][0]
    assert conflict["entity"] == "article" and conflict["ticket_id"] == article_id
    assert (conflict["field"], conflict["rule"]) == ("title", "server_kept")
    assert (conflict["base"], conflict["local"], conflict["server"]) == (
        "Printer queue stuck",
        "Queue frozen",
        "Spooler hangs",
    )
    assert admin.conflicts() == []  # only for the user whose change it was


def test_moves_follow_the_life_cycle_from_the_stored_status(api: Api) -> None:
    olga, admin = Device(api, "olga"), Device(api, "admin")
    article_id = shared(olga)
    assert olga.push(olga.move(article_id, "draft", "published"))[0]["status"] == "applied"
    article = stored(api, article_id)
    assert article.status == "published" and article.version == 1
    seq = article.server_seq

    [already] = admin.push(admin.move(article_id, "draft", "published"))
    assert already["status"] == "applied"
    assert already["notices"] == [{"field": "status", "rule": "already_done", "value": "published"}]
    assert stored(api, article_id).server_seq > seq  # sent again all the same

    [refused] = admin.push(admin.move(article_id, "archived", "draft"))
    assert refused["status"] == "rejected"
    assert refused["reason"] == (
        "A published article can only be archived (then reopened as a draft)."
    )
    assert refused["reason_template"] == refused["reason"]
    assert stored(api, article_id).status == "published"
    assert admin.push(admin.move(article_id, "published", "archived"))[0]["status"] == "applied"
    assert stored(api, article_id).updated_by == "admin"


def test_technician_rules(api: Api) -> None:
    api.add_user("tina", Role.TECHNICIAN)
    olga, tom, tina = Device(api, "olga"), Device(api, "tom"), Device(api, "tina")
    # Created as published by a technician: stored as a draft, with a notice.
    article_id, create = tom.create(status="published")
    [result] = tom.push(create)
    assert result["status"] == "merged"
    assert result["notices"] == [{"field": "status", "rule": "permission"}]
    assert stored(api, article_id).status == "draft"
    # Their own draft: edited freely; publishing needs an operator.
    own = tom.save(article_id, title=("Printer queue stuck", "Queue stuck"))
    assert tom.push(own)[0]["status"] == "applied"
    [publish] = tom.push(tom.move(article_id, "draft", "published"))
    assert publish["status"] == "rejected"
    assert publish["reason"] == (
        "Only an operator, an admin or a knowledge-base editor can publish, archive or reopen "
        "an article."
    )
    assert stored(api, article_id).status == "draft"
    # A colleague's draft: refused whole, kept in a conflict record.
    [colleague] = tina.push(tina.save(article_id, body=(BODY, "Mine now")))
    assert colleague["status"] == "conflict"
    assert colleague["reason"] == (
        "The draft belongs to tom; only an operator, an admin or a knowledge-base editor can "
        "edit a colleague's draft."
    )
    # A published article: the same.
    olga.push(olga.move(article_id, "draft", "published"))
    seq = stored(api, article_id).server_seq
    edit = tom.save(article_id, "typo", body=(BODY, BODY + "\n\nStep four: smile."))
    [result] = tom.push(edit)
    assert result["status"] == "conflict" and len(result["conflict_ids"]) == 1
    assert result["reason"] == (
        "The article is published; only an operator, an admin or a knowledge-base editor can "
        "edit it."
    )
    assert result["reason_params"] == {"status": {"$term": "published"}}
    article = stored(api, article_id)
    assert article.body == BODY and article.version == 2 and article.server_seq > seq
    conflict = next(c for c in tom.conflicts() if c["id"] == result["conflict_ids"][0])
    assert conflict["entity"] == "article" and conflict["field"] is None
    assert conflict["rule"] == "permission" and conflict["local"] == edit["changes"]
    assert conflict["reason"] == result["reason"]
    assert conflict["reason_template"] == (
        "The article is {status}; only an operator, an admin or a knowledge-base editor can "
        "edit it."
    )
    # Kept whole: it can be dismissed, not applied.
    [use_mine] = tom.push(tom.resolve(conflict["id"], "local", field=None, base=None, new=None))
    assert use_mine["status"] == "rejected"
    assert use_mine["reason"] == "This change was refused as a whole; it can only be dismissed."
    assert tom.push(tom.resolve(conflict["id"], "server"))[0]["status"] == "applied"
    # Voting and linking need no more than a technician.
    assert tom.push(tom.vote(article_id, False))[0]["status"] == "applied"
    assert tom.push(tom.link(article_id, new_id()))[0]["status"] == "applied"


def test_a_knowledge_base_editor_keeps_any_article(api: Api) -> None:
    """A technician an administrator granted edit_articles edits and publishes like an
    operator, from the next request on; taking the grant away restores the rules."""
    olga, tom = Device(api, "olga"), Device(api, "tom")
    published = shared(olga, status="published")
    colleagues = shared(olga)
    users = api.services.users
    assert tom.pull()["account"] == {"role": "technician", "grants": []}
    users.update(api.users["tom"].id, grants=[Grant.EDIT_ARTICLES])
    # Every pull page says the account as stored now: the device's early checks follow.
    assert tom.pull()["account"] == {"role": "technician", "grants": ["edit_articles"]}
    assert tom.pull(cursor=10**9)["account"]["grants"] == ["edit_articles"]  # nothing new

    edit = tom.save(published, "clearer", body=(BODY, BODY + "\n\nStep four: smile."))
    [result] = tom.push(edit)
    assert result["status"] == "applied"
    assert stored(api, published).body.endswith("Step four: smile.")
    assert stored(api, published).updated_by == "tom"
    [retitled] = tom.push(tom.save(colleagues, title=("Printer queue stuck", "Queue stuck")))
    assert retitled["status"] == "applied"
    assert tom.push(tom.move(colleagues, "draft", "published"))[0]["status"] == "applied"
    assert stored(api, colleagues).status == "published"
    own, create = tom.create(status="published", title="Badge reader")
    [made] = tom.push(create)
    assert made["status"] == "applied" and made["notices"] == []
    assert stored(api, own).status == "published" and stored(api, own).author == "tom"

    users.update(api.users["tom"].id, grants=[])
    [refused] = tom.push(tom.save(published, body=(stored(api, published).body, "Gone")))
    assert refused["status"] == "conflict"
    assert refused["reason_template"].startswith("The article is {status}; only an operator")
    [move] = tom.push(tom.move(own, "published", "archived"))
    assert move["status"] == "rejected" and stored(api, own).status == "published"


def test_a_second_vote_of_a_user_replaces_the_first(api: Api) -> None:
    olga, tom = Device(api, "olga"), Device(api, "tom")
    article_id = shared(olga, status="published")
    outcomes = tom.push(tom.vote(article_id, True), tom.vote(article_id, True))
    assert [o["status"] for o in outcomes] == ["applied", "applied"]
    article = stored(api, article_id)
    assert (article.helpful_count, article.not_helpful_count) == (1, 0)
    tom.push(tom.vote(article_id, False))
    olga.push(olga.vote(article_id, False))
    article = stored(api, article_id)
    assert (article.helpful_count, article.not_helpful_count) == (0, 2)
    assert count(api, SyncArticleVote) == 2
    data = tom.articles()[article_id]["data"]
    assert sorted((v["username"], v["helpful"]) for v in data["votes"]) == [
        ("olga", False),
        ("tom", False),
    ]


def test_a_vote_on_a_draft_is_rejected(api: Api) -> None:
    olga = Device(api, "olga")
    article_id = shared(olga)
    [result] = olga.push(olga.vote(article_id, True))
    assert result["status"] == "rejected"
    assert result["reason"] == "Only a published article can be rated."
    assert count(api, SyncArticleVote) == 0


def test_a_repeated_link_changes_nothing(api: Api) -> None:
    olga, tom = Device(api, "olga"), Device(api, "tom")
    article_id = shared(olga, status="published")
    ticket_id = new_id()
    tom.push(tom.link(article_id, ticket_id, "first words"))
    seq = stored(api, article_id).server_seq
    [same] = tom.push(tom.link(article_id, ticket_id, "first words"))
    assert same["status"] == "applied" and same["notices"] == []
    assert stored(api, article_id).server_seq == seq
    # Another user's link of the same pair: the first stays, and the article is sent again
    # so that device shows the stored link instead of its own.
    [again] = olga.push(olga.link(article_id, ticket_id, "other words"))
    assert again["status"] == "applied"
    assert again["notices"] == [{"field": "link", "rule": "already_done", "value": ticket_id}]
    assert stored(api, article_id).server_seq > seq
    with api.services.db.read() as s:
        [link] = s.scalars(select(SyncArticleLink))
        assert (link.username, link.query_text) == ("tom", "first words")


def test_a_duplicate_push_answers_the_stored_outcome_and_sends_the_article_again(
    api: Api,
) -> None:
    olga = Device(api, "olga")
    article_id = shared(olga)
    edit = olga.save(article_id, title=("Printer queue stuck", "Queue stuck"))
    first = olga.push(edit)
    seq = stored(api, article_id).server_seq
    [again] = olga.push(edit)  # the answer was lost; the client sends the batch again
    assert again["status"] == "duplicate" and again["original"] == first[0]
    article = stored(api, article_id)
    assert article.server_seq > seq and article.version == 2
    assert len(versions(api, article_id)) == 2


def test_an_article_conflict_is_resolved_with_mine_or_a_custom_value(api: Api) -> None:
    olga, olga2, admin = Device(api, "olga"), Device(api, "olga"), Device(api, "admin")
    article_id = shared(olga)
    for device, new in ((admin, "Spooler hangs"), (olga, "Queue frozen")):
        device.push(device.save(article_id, title=("Printer queue stuck", new)))
    [conflict] = olga.conflicts()
    [result] = olga2.push(
        olga2.resolve(
            conflict["id"],
            "local",
            ticket_id=article_id,
            field="title",
            base="Spooler hangs",
            new="Queue frozen",
        )
    )
    assert result["status"] == "applied"
    article = stored(api, article_id)
    assert (article.title, article.version, article.updated_by) == ("Queue frozen", 3, "olga")
    with api.services.db.read() as s:
        record = s.get(SyncConflict, conflict["id"])
        assert record is not None and record.resolution == "local"
        assert record.resolved_at is not None

    # Another conflict, decided with an edited value; a stale base is a new conflict.
    admin.push(admin.save(article_id, category=("Printing", "Printers")))
    olga.push(olga.save(article_id, category=("Printing", "Print server")))
    [second] = [c for c in olga.conflicts() if c["resolved_at"] is None]
    custom = olga.resolve(
        second["id"], "custom", ticket_id=article_id, field="category", base="Printers", new="Print"
    )
    assert olga.push(custom)[0]["status"] == "applied"
    assert stored(api, article_id).category == "Print"
    stale = olga.resolve(
        second["id"], "custom", ticket_id=article_id, field="category", base="Printers", new="P"
    )
    [late] = olga.push(stale)
    assert late["status"] == "conflict"
    assert {"field": "category", "rule": "already_resolved", "value": "custom"} in late["notices"]
    assert stored(api, article_id).category == "Print"


def test_articles_are_paged_by_id_with_a_checkpoint_and_fetched_by_id(api: Api) -> None:
    olga, tom = Device(api, "olga"), Device(api, "tom")
    ids = sorted(shared(olga, title=f"Article {n}", status="published") for n in range(5))
    tom.push(tom.vote(ids[0], True))
    seq = olga.changes()[-1]["server_seq"]

    first = api.client.get(ARTICLES, headers=tom.headers, params={"limit": 2}).json()
    assert (first["total"], first["checkpoint"], first["more"]) == (5, seq, True)
    assert [c["id"] for c in first["changes"]] == ids[:2]
    assert first["next_after"] == ids[1]
    assert first["changes"][0]["data"]["votes"][0]["username"] == "tom"
    assert first["changes"][0]["entity"] == "article"
    assert first["changes"][1]["data"]["versions"][0]["version"] == 1
    seen = [c["id"] for c in first["changes"]]
    after = first["next_after"]
    while after is not None:
        page = api.client.get(
            ARTICLES, headers=tom.headers, params={"after": after, "limit": 2}
        ).json()
        assert page["checkpoint"] is None and page["total"] is None
        seen += [c["id"] for c in page["changes"]]
        after = page["next_after"]
        assert page["more"] is (after is not None)
    assert seen == ids

    named = api.client.get(
        ARTICLES, headers=tom.headers, params={"article": [ids[3], ids[1], new_id()]}
    ).json()
    assert [c["id"] for c in named["changes"]] == [ids[1], ids[3]]
    assert named["checkpoint"] is None and named["more"] is False
    for params in ({"limit": 0}, {"limit": 501}, {"after": "x" * 65}):
        response = api.client.get(ARTICLES, headers=tom.headers, params=params)
        assert response.status_code == 422, params
    assert api.client.get(ARTICLES).status_code == 401


@pytest.mark.parametrize("op", ["save", "move", "vote", "link"])
def test_a_change_to_an_unknown_article_is_rejected(api: Api, op: str) -> None:
    olga = Device(api, "olga")
    unknown = new_id()
    make = {
        "save": lambda: olga.save(unknown, title=("a", "b")),
        "move": lambda: olga.move(unknown, "draft", "published"),
        "vote": lambda: olga.vote(unknown, True),
        "link": lambda: olga.link(unknown, new_id()),
    }
    mutation = make[op]()
    [result] = olga.push(mutation)
    assert result["status"] == "rejected"
    assert result["reason"] == f"The article {unknown} does not exist on the server."
    assert result["reason_params"] == {"article_id": unknown}


BAD_CHANGES = [
    ("create", {"body": "no title"}, "A new article needs a title."),
    ("create", {"title": "T", "colour": "red"}, "Unknown keys in a new article: colour."),
    ("create", {"title": 5}, "'title' must be a string, not int."),
    ("create", {"title": "T", "tags": "a,b"}, "'tags' must be a list of strings, not str."),
    ("create", {"title": "T" * 300}, "The title is 300 characters long; the limit is 200."),
    (
        "create",
        {"title": "T", "status": "gone"},
        "'gone' is not an article status; use draft, published or archived.",
    ),
    ("create", {"title": "T", "language": "English!"}, None),
    ("save", {"note": "x"}, "An article edit needs its 'fields'."),
    ("save", {"fields": []}, "'fields' must be an object, not list."),
    ("save", {"fields": {"title": {"new": "x"}}}, None),
    (
        "save",
        {"fields": {"status": {"base": "draft", "new": "published"}}},
        "The article field 'status' cannot be edited; use title, body, category, tags or language.",
    ),
    (
        "save",
        {"fields": {"title": {"base": "Printer queue stuck", "new": "T" * 300}}},
        "The title is 300 characters long; the limit is 200.",
    ),
    ("save", {"fields": {}, "extra": 1}, "Unknown keys in an article edit: extra."),
    ("move", {"from": "draft"}, "'to' must be a string, not NoneType."),
    ("move", {"from": "draft", "to": "done"}, None),
    ("vote", {"helpful": "yes"}, "'helpful' must be true or false, not 'yes'."),
    ("vote", {}, "'helpful' must be true or false, not None."),
    ("link", {"query_text": "x"}, "'ticket_id' must be the id of the ticket."),
    ("link", {"ticket_id": "t", "query_text": 3}, "'query_text' must be a string, not int."),
    ("explode", {}, None),
]


@pytest.mark.parametrize(("op", "changes", "reason"), BAD_CHANGES)
def test_a_bad_payload_is_rejected_with_a_reason_and_changes_nothing(
    api: Api, op: str, changes: dict[str, Any], reason: str | None
) -> None:
    olga = Device(api, "olga")
    article_id = shared(olga, status="published")
    before = stored(api, article_id)
    target = new_id() if op == "create" else article_id
    good = olga.vote(article_id, True)  # after the bad one in the same batch: still applied
    bad, after = olga.article(op, target, changes), olga.link(article_id, new_id())
    outcomes = olga.push(good, bad, after)
    assert [o["status"] for o in outcomes] == ["applied", "rejected", "applied"]
    result = outcomes[1]
    assert result["reason"] and result["reason_template"]
    if reason is not None:
        assert result["reason"] == reason
    assert count(api, SyncArticle) == 1
    article = stored(api, article_id)
    assert (article.title, article.version, article.status) == (
        before.title,
        before.version,
        before.status,
    )
    assert len(versions(api, article_id)) == 1
    with api.services.db.read() as s:
        ledger = s.scalar(
            select(SyncMutation).where(SyncMutation.mutation_id == bad["mutation_id"])
        )
        assert ledger is not None and ledger.outcome["status"] == "rejected"  # still recorded


def test_ticket_conflicts_keep_their_entity(api: Api) -> None:
    olga = Device(api, "olga")
    ticket_id = new_id()
    olga.push(olga.mutation("ticket", ticket_id, "create", {"title": "Printer jam"}))
    for base, new in (("Printer jam", "Printer jam on tray 2"), ("Printer jam", "Jam")):
        edit = {"title": {"base": base, "new": new}}
        olga.push(olga.mutation("ticket", ticket_id, "update", edit))
    [conflict] = olga.conflicts()
    assert conflict["entity"] == "ticket" and conflict["ticket_id"] == ticket_id

"""Article tables on real SQLite files: migration 0006 up and down, queries and their indexes."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from opexdesk.storage import articles_repo as repo
from opexdesk.storage.articles_repo import ArticleQuery
from opexdesk.storage.database import (
    Database,
    create_sqlite_engine,
    current_revision,
    migrate,
    open_database,
)
from opexdesk.storage.kb_models import ArticleRow, ArticleVersionRow

ARTICLE_TABLES = {
    "articles",
    "article_versions",
    "article_tags",
    "article_votes",
    "article_ticket_links",
}
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(tmp_path / "kb.sqlite3")
    yield database
    database.close()


def add_article(s, n: int, *, status="published", category="Network", language="en", tags=()):
    row = ArticleRow(
        id=f"00000000-0000-7000-8000-{n:012d}",
        title=f"Article {n}",
        body="body",
        category=category,
        tags=list(tags),
        language=language,
        author="alice",
        updated_by="alice",
        status=status,
        version=1,
        created_at=T0,
        updated_at=T0 + timedelta(minutes=n),
        helpful_count=0,
        not_helpful_count=0,
    )
    s.add(row)
    s.flush()
    repo.set_tags(s, row.id, list(tags))
    return row


def _version(article_id: str, number: int) -> ArticleVersionRow:
    return ArticleVersionRow(
        article_id=article_id,
        version=number,
        title=f"v{number}",
        body="b",
        category="",
        tags=[],
        language="en",
        author="alice",
        saved_at=T0,
        note="",
    )


def test_migration_0006_creates_and_drops_the_article_tables(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    engine = create_sqlite_engine(path)
    migrate(engine, "0005")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('device_id', 'dev-1')"))
        assert not ARTICLE_TABLES & set(inspect(conn).get_table_names())
    migrate(engine, "0006")
    with engine.connect() as conn:
        insp = inspect(conn)
        assert set(insp.get_table_names()) >= ARTICLE_TABLES
        assert {ix["name"] for ix in insp.get_indexes("articles")} >= {
            "ix_articles_status_updated",
            "ix_articles_category_status",
            "ix_articles_language_status",
        }
        assert {ix["name"] for ix in insp.get_indexes("article_tags")} == {"ix_article_tags_tag"}
    from alembic import command

    from opexdesk.storage.database import alembic_config

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert current_revision(engine) == "0005"
    with engine.connect() as conn:
        assert not ARTICLE_TABLES & set(inspect(conn).get_table_names())
        assert conn.execute(text("SELECT value FROM settings")).scalar() == "dev-1"
    migrate(engine, "0006")  # and up again
    assert current_revision(engine) == "0006"
    engine.dispose()


def test_list_filters_by_status_category_language_and_tag(db: Database) -> None:
    with db.transaction() as s:
        add_article(s, 1, tags=("vpn", "remote"))
        add_article(s, 2, status="draft", tags=("vpn",))
        add_article(s, 3, category="Email", language="zh", tags=("outlook",))
        add_article(s, 4, status="archived", category="Email")
    with db.read() as s:

        def ids(**kw) -> list[int]:
            return [int(r.id[-4:]) for r in repo.list_articles(s, ArticleQuery(**kw))]

        assert ids() == [4, 3, 2, 1]  # newest change first
        assert ids(status="published") == [3, 1]
        assert ids(category="Email") == [4, 3]
        assert ids(language="zh") == [3]
        assert ids(tag="vpn") == [2, 1]
        assert ids(tag="vpn", status="published") == [1]
        assert ids(tag="none") == []
        assert ids(limit=2, offset=1) == [3, 2]


def test_list_queries_use_the_indexes(db: Database) -> None:
    with db.transaction() as s:
        for n in range(30):
            add_article(s, n, tags=(f"t{n % 3}",))
    with db.engine.connect() as conn:

        def plan(sql: str) -> str:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()
            return " | ".join(r[-1] for r in rows)

        assert "ix_articles_status_updated" in plan(
            "SELECT id FROM articles WHERE status = 'published' ORDER BY updated_at DESC"
        )
        assert "ix_article_tags_tag" in plan("SELECT article_id FROM article_tags WHERE tag='t1'")
        assert "ix_article_ticket_links_ticket" in plan(
            "SELECT article_id FROM article_ticket_links WHERE ticket_id = 'x'"
        )


def test_compare_and_set_writes_only_at_the_expected_version(db: Database) -> None:
    with db.transaction() as s:
        row = add_article(s, 1)
        assert repo.compare_and_set_version(s, row.id, 1, {"title": "Second"})
        assert not repo.compare_and_set_version(s, row.id, 1, {"title": "Lost update"})
    with db.read() as s:
        row = repo.get(s, row.id)
        assert row is not None and (row.version, row.title) == (2, "Second")


def test_a_version_number_cannot_be_written_twice(db: Database) -> None:
    with db.transaction() as s:
        article_id = add_article(s, 1).id
        repo.add_version(s, _version(article_id, 1))
    with pytest.raises(IntegrityError), db.transaction() as s:
        repo.add_version(s, _version(article_id, 1))


def test_votes_are_one_per_user_and_counted(db: Database) -> None:
    with db.transaction() as s:
        article_id = add_article(s, 1).id
        repo.put_vote(s, article_id, "alice", True, T0)
        repo.put_vote(s, article_id, "bob", True, T0)
        repo.put_vote(s, article_id, "alice", False, T0)  # changed, not added
        assert repo.vote_counts(s, article_id) == (1, 1)
        assert repo.vote_counts(s, "no-such-article") == (0, 0)


def test_links_need_an_existing_article(db: Database) -> None:
    with pytest.raises(IntegrityError), db.transaction() as s:
        repo.add_link(s, "00000000-0000-7000-8000-000000000099", "ticket-1", "alice", T0, "q")


def test_a_pulled_page_replaces_versions_and_tags_of_many_articles_at_once(db) -> None:
    count = repo.IN_CHUNK + 7  # more than one IN (...) list
    with db.transaction() as s:
        rows = [add_article(s, n, tags=("old", f"t{n}")) for n in range(count)]
        for row in rows:
            s.add(_version(row.id, 1))
        kept = add_article(s, count, tags=("keep",))
        s.add(_version(kept.id, 1))
    ids = [r.id for r in rows]
    with db.transaction() as s:
        repo.replace_versions_of_many(s, {a: [_version(a, 1), _version(a, 2)] for a in ids})
        new_tags = {a: (["new", "old"] if i % 2 else []) for i, a in enumerate(ids)}
        repo.set_tags_of_many(s, new_tags)
    with db.read() as s:
        for i, a in enumerate(ids):
            assert sorted(v.version for v in repo.versions(s, a)) == [1, 2]
            tags = s.execute(
                text("SELECT tag FROM article_tags WHERE article_id = :a ORDER BY tag"), {"a": a}
            ).scalars()
            assert list(tags) == (["new", "old"] if i % 2 else [])
        assert [v.title for v in repo.versions(s, kept.id)] == ["v1"]  # not in the page
        keep = s.execute(
            text("SELECT tag FROM article_tags WHERE article_id = :a"), {"a": kept.id}
        ).scalars()
        assert list(keep) == ["keep"]

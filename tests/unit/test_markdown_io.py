"""Markdown import/export of knowledge-base articles on real SQLite stores: round trips in
English and Chinese, all-or-nothing imports with a clear report, progress and cancellation."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from opexdesk.domain import article as rules
from opexdesk.domain.article import ArticleDraft, ArticleImportError, ArticleStatus
from opexdesk.domain.errors import ValidationError
from opexdesk.services.kb import ArticleService, ArticleView, KbSearch
from opexdesk.services.kb.markdown_io import (
    export_articles,
    file_name,
    import_markdown,
    parse_markdown,
    render_markdown,
)
from opexdesk.storage.database import Database, open_database
from opexdesk.storage.kb_models import ArticleRow, ArticleVersionRow

ENGLISH = ArticleDraft(
    title="VPN disconnects every few minutes",
    body="## Symptoms\n\nThe tunnel drops.\n\n## Resolution\n\n1. Update the client\n"
    "2. Disable power saving:\n\n```\nnetsh interface set\n```\n\n---\n\nStill broken? Call us.",
    category="Network",
    tags=["vpn", "remote access"],
    language="en",
)
CHINESE = ArticleDraft(
    title="打印机卡纸怎么办",
    body="## 症状\n\n打印机提示卡纸。\n\n## 解决\n\n打开二号纸盒，取出卡住的纸张。",
    category="硬件",
    tags=["打印机", "卡纸"],
    language="zh-Hans",
)


def open_store(path: Path, user: str = "alice", search: KbSearch | None = None):
    db = open_database(path)
    return db, ArticleService(db, search=search, user=user)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Database, ArticleService]]:
    db, svc = open_store(tmp_path / "a.sqlite3")
    yield db, svc
    db.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[tuple[Database, ArticleService]]:
    db, svc = open_store(tmp_path / "b.sqlite3", user="bob")
    yield db, svc
    db.close()


def counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
            s.scalar(select(func.count()).select_from(ArticleVersionRow)) or 0,
        )


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


GOOD = "---\ntitle: Reset a password\ntags: [password]\n---\nUse the portal.\n"


# ---- round trips ---------------------------------------------------------------------------


def test_export_then_import_round_trips_english_and_chinese(store, other, tmp_path: Path) -> None:
    _, svc = store
    en = svc.create(ENGLISH)
    svc.publish(en.id)
    zh = svc.create(CHINESE)
    out = export_articles(svc, tmp_path / "out")
    assert sorted(p.name for p in out.files) == sorted(
        [f"vpn-disconnects-every-few-minutes-{en.id}.md", f"{zh.id}.md"]
    )
    text = (tmp_path / "out" / f"{zh.id}.md").read_text("utf-8")
    assert "title: 打印机卡纸怎么办" in text  # readable, not escaped
    assert text.endswith("取出卡住的纸张。\n")

    db_b, svc_b = other
    result = import_markdown(svc_b, tmp_path / "out")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    for original in (svc.get(en.id), svc.get(zh.id)):
        copy = svc_b.get(original.id)
        assert copy.content == original.content
        assert (copy.status, copy.author) == (original.status, "alice")
        assert svc_b.history(copy.id)[0].author == "bob"  # who imported it
    again = import_markdown(svc_b, sorted((tmp_path / "out").iterdir()))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts(db_b) == (2, 2)


def test_export_of_selected_articles_and_file_content(store, tmp_path: Path) -> None:
    _, svc = store
    a = svc.create(ENGLISH)
    svc.create(CHINESE)
    out = export_articles(svc, tmp_path / "sel", article_ids=[a.id])
    assert len(out.files) == 1
    lines = out.files[0].read_text("utf-8").split("\n")
    assert lines[0] == "---"
    assert lines[1:9] == [
        f"id: {a.id}",
        "title: VPN disconnects every few minutes",
        "category: Network",
        "tags:",
        "- vpn",
        "- remote access",
        "language: en",
        "author: alice",
    ]
    assert "status: draft" in lines and "version: 1" in lines


def test_import_of_a_known_id_is_a_new_version(store, tmp_path: Path) -> None:
    _, svc = store
    art = svc.create(ENGLISH)
    (path,) = export_articles(svc, tmp_path / "out").files
    path.write_text(path.read_text("utf-8").replace("The tunnel drops.", "It drops."), "utf-8")
    result = import_markdown(svc, [path])
    assert (result.created, result.updated) == (0, 1)
    history = svc.history(art.id)
    assert [v.version for v in history] == [2, 1]
    assert history[0].note == f"Imported from {path.name}"
    assert "It drops." in svc.get(art.id).body


def test_file_from_an_older_version_is_refused_unless_allowed(store, tmp_path: Path) -> None:
    _, svc = store
    art = svc.create(ENGLISH)
    (path,) = export_articles(svc, tmp_path / "out").files
    svc.save(art.id, ArticleDraft("Edited meanwhile", "new body"), expected_version=1)
    path.write_text(path.read_text("utf-8") + "\nMore.", "utf-8")
    with pytest.raises(ArticleImportError, match="exported from version 1.*now at version 2"):
        import_markdown(svc, [path])
    assert svc.get(art.id).version == 2
    assert import_markdown(svc, [path], allow_older=True).updated == 1
    assert svc.get(art.id).version == 3


def test_import_status_follows_the_life_cycle(store, tmp_path: Path) -> None:
    _, svc = store
    art = svc.create(ENGLISH)
    (path,) = export_articles(svc, tmp_path / "out").files
    text = path.read_text("utf-8")
    path.write_text(text.replace("status: draft", "status: archived"), "utf-8")
    with pytest.raises(ArticleImportError, match="status archived: the article is draft"):
        import_markdown(svc, [path])
    path.write_text(text.replace("status: draft", "status: published"), "utf-8")
    assert import_markdown(svc, [path]).updated == 1
    assert svc.get(art.id).status == ArticleStatus.PUBLISHED


def test_imported_published_articles_are_searchable(tmp_path: Path) -> None:
    kb = KbSearch(":memory:")
    db, svc = open_store(tmp_path / "s.sqlite3", search=kb)
    folder = tmp_path / "in"
    write(folder, "a.md", "---\ntitle: Printer shows paper jam\nstatus: published\n---\nTray 2.")
    write(folder, "b.md", "---\ntitle: Printer driver draft\n---\nNot yet.")
    assert import_markdown(svc, folder).created == 2
    assert [h.title for h in kb.search("paper jam")] == ["Printer shows paper jam"]
    kb.close()
    db.close()


# ---- all or nothing ------------------------------------------------------------------------

BAD_CASES: dict[str, tuple[str | bytes, str, int | None]] = {
    "broken front matter": (
        "---\ntitle: Fine\ntags: [vpn, \n  oops: {\n---\nbody\n",
        "broken front matter",
        4,
    ),
    "invalid encoding": (
        b"---\ntitle: Caf\xe9\n---\nbody\n",
        "not valid UTF-8",
        2,
    ),
    "missing title": ("---\ncategory: Network\n---\nbody\n", "missing title", None),
    "empty title": ("---\ntitle: ''\n---\nbody\n", "missing title", 2),
    "no front matter": ("# Just markdown\n", "does not start with front matter", 1),
    "unclosed front matter": ("---\ntitle: x\nbody\n", "not closed", 1),
    "control character": (
        "---\ntitle: Fine\n---\nline one\nline\x1btwo\n",
        "control character (U+001B)",
        5,
    ),
    "title not text": ("---\ntitle: 2024-01-01\n---\nbody\n", "title must be text", 2),
    "bad id": ("---\nid: 12\ntitle: x\n---\nbody\n", "not a UUID", 2),
    "bad status": ("---\ntitle: x\nstatus: live\n---\nbody\n", "not an article status", 3),
    "bad version": ("---\ntitle: x\nversion: -1\n---\nbody\n", "whole number", 3),
    "bad language": ("---\ntitle: x\nlanguage: english\n---\nb\n", "not a language code", 3),
    "too many tags": (
        "---\ntitle: x\ntags: [" + ", ".join(f"t{i}" for i in range(21)) + "]\n---\nb\n",
        "21 tags",
        3,
    ),
    "not a mapping": ("---\n- just\n- a list\n---\nb\n", "must be 'key: value' lines", 2),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_one_bad_file_imports_nothing_and_is_reported(case: str, store, tmp_path: Path) -> None:
    db, svc = store
    svc.create(ENGLISH)
    before = counts(db)
    text, words, line = BAD_CASES[case]
    folder = tmp_path / "in"
    write(folder, "a-good.md", GOOD)
    write(folder, "m-bad.md", text)
    write(folder, "z-good.md", GOOD.replace("Reset a password", "Unlock an account"))
    with pytest.raises(ArticleImportError) as err:
        import_markdown(svc, folder)
    (problem,) = err.value.problems
    assert problem.file == "m-bad.md"
    assert words in problem.message
    assert problem.line == line
    assert str(err.value).startswith("Nothing was imported: 1 problem found.")
    assert f"m-bad.md{'' if line is None else f':{line}'}: " in str(err.value)
    assert counts(db) == before


def test_huge_body_is_refused(store, tmp_path: Path) -> None:
    db, svc = store
    folder = tmp_path / "in"
    write(folder, "ok.md", GOOD)
    body = "a" * rules.BODY_MAX_BYTES
    write(folder, "edge.md", f"---\ntitle: At the limit\n---\n{body}\n")
    write(folder, "big.md", f"---\ntitle: Too big\n---\n{body}网\n")
    with pytest.raises(ArticleImportError) as err:
        import_markdown(svc, folder)
    assert [(p.file, p.field) for p in err.value.problems] == [("big.md", "body")]
    assert "1 MiB" in err.value.problems[0].message
    assert counts(db) == (0, 0)
    (folder / "big.md").unlink()
    assert import_markdown(svc, folder).created == 2  # exactly at the limit is fine


def test_far_too_large_file_is_refused_without_reading_it(store, tmp_path: Path) -> None:
    _, svc = store
    path = write(tmp_path, "huge.md", b"---\ntitle: x\n---\n" + b"a" * (3 * 1024 * 1024))
    with pytest.raises(ArticleImportError, match="huge.md: the file is 3,145,745 bytes"):
        import_markdown(svc, [path])


def test_duplicate_ids_and_every_problem_are_reported_together(store, tmp_path: Path) -> None:
    db, svc = store
    same_id = "01900000-0000-7000-8000-000000000001"
    folder = tmp_path / "in"
    write(folder, "1.md", f"---\nid: {same_id}\ntitle: One\n---\nb\n")
    write(folder, "2.md", f"---\nid: {same_id.upper()}\ntitle: Two\n---\nb\n")
    write(folder, "3.md", "---\ntitle: ''\nlanguage: '??'\n---\nx\x00\n")
    with pytest.raises(ArticleImportError) as err:
        import_markdown(svc, folder)
    found = [(p.file, p.field, p.line) for p in err.value.problems]
    assert found == [
        ("3.md", "title", 2),
        ("3.md", "body", 5),
        ("3.md", "language", 3),
        ("2.md", "id", None),
    ]
    assert "also used by 1.md" in err.value.problems[-1].message
    assert str(err.value).startswith("Nothing was imported: 4 problems found.")
    assert counts(db) == (0, 0)


def test_a_store_error_during_the_write_leaves_nothing(store, tmp_path: Path, monkeypatch) -> None:
    db, svc = store
    folder = tmp_path / "in"
    for i in range(3):
        write(folder, f"{i}.md", GOOD.replace("Reset a password", f"Article {i}"))
    calls = itertools.count()
    original = ArticleService._insert

    def failing_third(self, *args, **kwargs):
        if next(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticleService, "_insert", failing_third)
    with pytest.raises(RuntimeError):
        import_markdown(svc, folder)
    assert counts(db) == (0, 0)


# ---- progress and cancellation -------------------------------------------------------------


def test_progress_is_reported_per_file(store, tmp_path: Path) -> None:
    _, svc = store
    folder = tmp_path / "in"
    for i in range(4):
        write(folder, f"{i}.md", GOOD.replace("Reset a password", f"Article {i}"))
    write(folder, "notes.txt", "not an article")
    seen: list[tuple[int, int]] = []
    assert import_markdown(svc, folder, progress=lambda d, t: seen.append((d, t))).created == 4
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    exported: list[tuple[int, int]] = []
    export_articles(svc, tmp_path / "out", progress=lambda d, t: exported.append((d, t)))
    assert exported[-1] == (4, 4)


@pytest.mark.parametrize("stop_after", [0, 2, 4])
def test_cancelling_an_import_writes_nothing(stop_after: int, store, tmp_path: Path) -> None:
    db, svc = store
    folder = tmp_path / "in"
    for i in range(4):
        write(folder, f"{i}.md", GOOD.replace("Reset a password", f"Article {i}"))
    done: list[int] = []
    result = import_markdown(
        svc, folder, progress=lambda d, t: done.append(d), cancel=lambda: len(done) >= stop_after
    )
    assert result.cancelled
    assert len(done) == stop_after  # stopped between files (4: after parsing, before writing)
    assert counts(db) == (0, 0)


def test_cancelling_an_export_stops_between_files(store, tmp_path: Path) -> None:
    _, svc = store
    for i in range(3):
        svc.create(ArticleDraft(f"Article {i}", "b"))
    out = export_articles(
        svc, tmp_path / "out", cancel=lambda: len(list((tmp_path / "out").iterdir())) >= 1
    )
    assert out.cancelled and len(out.files) == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == [out.files[0].name]  # no temp files


# ---- properties ----------------------------------------------------------------------------

# Any character UTF-8 can store, minus controls (refused by the rules, tested above); bodies
# also get line breaks and tabs.
text_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
body_chars = st.one_of(text_chars, st.sampled_from("\n\t\r"))


def view_of(
    content: rules.ArticleContent, article_id: str = "01900000-0000-7000-8000-00000000000a"
):
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return ArticleView(
        id=article_id,
        title=content.title,
        body=content.body,
        category=content.category,
        tags=content.tags,
        language=content.language,
        author="alice",
        updated_by="alice",
        status=ArticleStatus.PUBLISHED,
        version=3,
        created_at=now,
        updated_at=now,
        helpful_count=0,
        not_helpful_count=0,
    )


def valid_content(title: str, body: str, tags: list[str], category: str):
    try:
        return rules.clean_content(ArticleDraft(title, body, category, tags, "zh-Hant"))
    except ValidationError:
        assume(False)
        raise


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(text_chars, min_size=1, max_size=80),
    body=st.text(body_chars, max_size=400),
    tags=st.lists(st.text(text_chars, min_size=1, max_size=10), max_size=6),
    category=st.text(text_chars, max_size=20),
)
def test_rendered_file_parses_back_to_the_same_article(title, body, tags, category) -> None:
    content = valid_content(title, body, tags, category)
    view = view_of(content)
    item, problems = parse_markdown(file_name(view), render_markdown(view).encode("utf-8"))
    assert problems == [] and item is not None
    assert item.content == content
    assert (item.article_id, item.status, item.author, item.base_version) == (
        view.id,
        ArticleStatus.PUBLISHED,
        "alice",
        3,
    )


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("roundtrip")
    a_db, a = open_store(base / "a.sqlite3")
    b_db, b = open_store(base / "b.sqlite3", user="bob")
    yield base, a, b
    a_db.close()
    b_db.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(text_chars, min_size=1, max_size=60),
    body=st.text(body_chars, max_size=300),
    tags=st.lists(st.text(text_chars, min_size=1, max_size=8), max_size=5),
)
def test_export_import_between_stores_keeps_unicode_content(stores, title, body, tags) -> None:
    base, a, b = stores
    content = valid_content(title, body, tags, "")
    art = a.create(ArticleDraft(content.title, content.body, None, content.tags, content.language))
    out = export_articles(a, base / art.id, article_ids=[art.id])
    assert import_markdown(b, out.files).created == 1
    assert b.get(art.id).content == art.content == content

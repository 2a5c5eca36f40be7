"""List queries: paging, every sort, filters, text search (FTS5 trigram, the pairs index for
two-character terms and single letters outside ASCII, LIKE for the other single
characters)."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opexdesk.app import build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.demo import seed_demo
from opexdesk.services.ticket_list import SORT_COLUMNS, UNASSIGNED, TicketFilter, TicketSort
from opexdesk.storage.ticket_list import clean_query


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory):
    context = build_context(AppPaths.under(tmp_path_factory.mktemp("list")), username="tester")
    seed_demo(context.db, 400, seed=7)
    for title, requester in [
        ("Drucker im 2. Stock druckt nicht", "Jürgen Groß"),
        ("打印机卡纸 printer jam", "王芳"),
        ('Quote "test" AND NEAR(x) * ^title:', None),
        ("100% CPU on build_server_01", "ops_team"),
    ]:
        context.tickets.create(TicketDraft(title=title, requester=requester))
    yield context
    context.close()


def all_rows(ctx, flt: TicketFilter | None = None):
    return ctx.ticket_list.page(flt or TicketFilter(), TicketSort("number", False), 100_000)


def python_sort_key(row, column: str):
    value = getattr(row, "local_id" if column == "number" else column)
    return (value is not None, value if value is not None else 0, row.local_id)


@pytest.mark.parametrize("column", sorted(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_concatenate_to_the_full_sorted_list(ctx, column: str, descending: bool) -> None:
    sort = TicketSort(column, descending)
    expected = sorted(all_rows(ctx), key=lambda r: python_sort_key(r, column), reverse=descending)
    pages = []
    for offset in range(0, len(expected), 97):
        pages.extend(ctx.ticket_list.page(TicketFilter(), sort, 97, offset))
    assert [r.local_id for r in pages] == [r.local_id for r in expected]
    # position_of agrees with where the row actually is
    for index in (0, 1, len(expected) // 2, len(expected) - 1):
        assert ctx.ticket_list.position_of(pages[index].local_id, TicketFilter(), sort) == index


def test_filters_match_python_reference(ctx) -> None:
    rows = all_rows(ctx)
    assignee = next(r.assignee for r in rows if r.assignee)
    cases = [
        (
            TicketFilter(statuses=frozenset({"new", "pending"})),
            lambda r: r.status in {"new", "pending"},
        ),
        (TicketFilter(priorities=frozenset({1})), lambda r: r.priority == 1),
        (TicketFilter(assignee=UNASSIGNED), lambda r: r.assignee is None),
        (TicketFilter(assignee=assignee), lambda r: r.assignee == assignee),
    ]
    for flt, keep in cases:
        expected = [r.local_id for r in rows if keep(r)]
        assert [r.local_id for r in all_rows(ctx, flt)] == expected, flt
        assert ctx.ticket_list.count(flt) == len(expected)


@pytest.mark.parametrize(
    "query, title_part",
    [
        ("drucker", "Drucker im 2. Stock"),  # case-insensitive
        ("打印机卡纸", "打印机卡纸"),  # Chinese, 3+ characters (trigram index)
        ("卡纸", "打印机卡纸"),  # Chinese, 2 characters (pairs index)
        ("打印", "打印机卡纸"),  # ... at the start
        ("芳", "打印机卡纸"),  # one character (LIKE)
        ("王芳", "打印机卡纸"),  # the requester's two characters
        ("cp", "100% CPU"),  # two letters, any case
        ("2.", "Drucker im 2. Stock"),  # a sign in it: LIKE
        ("jam 打印", "打印机卡纸 printer jam"),  # mixed terms are ANDed
        ("Groß", "Drucker im 2. Stock"),  # requester is searched too
        ('"test" AND NEAR(x)', 'Quote "test"'),  # operators are plain text
        ("100%", "100% CPU"),  # LIKE wildcards are literal
        ("_01", "build_server_01"),
    ],
)
def test_text_search_finds_substrings(ctx, query: str, title_part: str) -> None:
    titles = [r.title for r in all_rows(ctx, TicketFilter(text=query))]
    assert any(title_part in t for t in titles), titles


def test_text_search_by_number(ctx) -> None:
    rows = all_rows(ctx)
    numbered = next(r for r in rows if r.number is not None)
    found = all_rows(ctx, TicketFilter(text=numbered.display_number))
    assert numbered.local_id in [r.local_id for r in found]
    local = next(r for r in rows if r.number is None)
    assert [
        r.local_id for r in all_rows(ctx, TicketFilter(text=local.provisional_number.lower()))
    ] == [local.local_id]


def test_no_wildcard_match_for_percent_alone(ctx) -> None:
    found = all_rows(ctx, TicketFilter(text="%"))
    assert all("%" in r.title or "%" in (r.requester or "") for r in found)


ascii_and_cjk = st.text(
    alphabet=st.sampled_from(list("abcdeprint 打印机网络 \"*^:()-+%_'\\NEARAND")), max_size=30
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(ascii_and_cjk, st.text(max_size=40)))
def test_any_text_is_safe_and_agrees_with_substring_semantics(ctx, query: str) -> None:
    flt = TicketFilter(text=query)
    found = {r.local_id for r in all_rows(ctx, flt)}
    assert ctx.ticket_list.count(flt) == len(found)
    query = clean_query(query)
    if all(ch.isascii() or "\u4e00" <= ch <= "\u9fff" or ch.isspace() for ch in query):
        terms = [t.lower() for t in query.split()]
        digits = query.strip().upper().removeprefix("INC-").removeprefix("INC")
        number_query = digits.isascii() and digits.isdigit()
        if terms and not number_query and not query.strip().upper().startswith("L-"):
            expected = {
                r.local_id
                for r in all_rows(ctx)
                if all(t in r.title.lower() or t in (r.requester or "").lower() for t in terms)
            }
            assert found == expected


@pytest.mark.parametrize("query", ["²", "٣٤", "INC-¹²³"])
def test_digit_like_characters_are_text_not_numbers(ctx, query: str) -> None:
    assert ctx.ticket_list.count(TicketFilter(text=query)) == 0


def test_huge_query_is_fine(ctx) -> None:
    """A 160 kB paste of one repeated word finds what the word alone finds."""
    huge = all_rows(ctx, TicketFilter(text="printer " * 20_000))
    assert [r.local_id for r in huge] == [
        r.local_id for r in all_rows(ctx, TicketFilter(text="printer"))
    ]
    assert huge


def test_search_index_follows_edits(ctx) -> None:
    change = ctx.tickets.create(TicketDraft(title="Zebra label printer offline"))
    assert [r.id for r in all_rows(ctx, TicketFilter(text="zebra"))] == [change.ticket_id]
    ctx.tickets.update(change.ticket_id, {"title": "Okapi label printer offline"})
    assert all_rows(ctx, TicketFilter(text="zebra")) == []
    assert [r.id for r in all_rows(ctx, TicketFilter(text="okapi"))] == [change.ticket_id]


def test_the_pairs_index_follows_edits_and_deletes(ctx) -> None:
    def found(query: str) -> list[str]:
        return [r.id for r in all_rows(ctx, TicketFilter(text=query))]

    change = ctx.tickets.create(TicketDraft(title="会议室连不上网络 QX", requester="赵磊"))
    assert found("网络") and change.ticket_id in found("网络")  # at the end of the title
    assert found("qx") == found("QX") == [change.ticket_id]
    assert found("赵磊") == [change.ticket_id]
    ctx.tickets.update(change.ticket_id, {"title": "会议室投影仪 QZ", "requester": "钱多"})
    assert change.ticket_id not in found("网络")
    assert found("qx") == [] and found("赵磊") == [] and found("钱多") == [change.ticket_id]
    ctx.tickets.delete(change.ticket_id)
    assert found("钱多") == [] and found("qz") == []


def test_two_character_terms_use_the_pairs_index(ctx) -> None:
    from opexdesk.storage.search_index import PAIRS_TABLE

    sql, plan = _plan(ctx, TicketFilter(text="网络"))
    assert PAIRS_TABLE in plan and "LIKE" not in sql, plan


def _plan(ctx, flt: TicketFilter) -> tuple[str, str]:  # noqa: ANN001
    from sqlalchemy.dialects import sqlite

    from opexdesk.storage.ticket_list import page_statement

    compiled = page_statement(flt, TicketSort(), 100, 0).compile(dialect=sqlite.dialect())
    sql = str(compiled)
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    with ctx.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
        return sql, " ".join(str(r) for r in rows)


# Titles and requesters in several scripts; each character is looked for alone, including
# where the pairs index of revision 0010 had no token for it: last in a title, last in a
# requester, the whole of a one-character title.
SCRIPT_TICKETS = [
    ("服务器机房空调故障", "刘洋"),
    ("打印机", "孙"),
    ("机", None),
    ("Принтер не печатает", "Иван"),
    ("Café Wi-Fi ÉCHEC", "Zoë"),
    ("プリンタが動かない", "さくら"),
    ("모니터 깜빡임 현상", "김민준"),
    ("Λάθος δικτύου", "Νίκος"),
    ("𠀀 rare character 𠀁", None),
]


def _reference(ctx, ch: str) -> set[int]:  # noqa: ANN001
    """Rows whose title or requester holds ``ch``, ignoring case (the tokenizer folds it)."""
    return {
        r.local_id
        for r in all_rows(ctx)
        if ch.lower() in r.title.lower() or ch.lower() in (r.requester or "").lower()
    }


def test_single_letters_outside_ascii_use_the_pairs_index(ctx) -> None:
    from opexdesk.storage.search_index import PAIRS_TABLE

    for title, requester in SCRIPT_TICKETS:
        ctx.tickets.create(TicketDraft(title=title, requester=requester))
    characters = {ch for t, r in SCRIPT_TICKETS for ch in t + (r or "") if ch.isalnum()}
    for ch in sorted(ch for ch in characters if not ch.isascii()):
        flt = TicketFilter(text=ch)
        found = {r.local_id for r in all_rows(ctx, flt)}
        assert found == _reference(ctx, ch), ch
        assert ctx.ticket_list.count(flt) == len(found), ch
    for ch in ("机", "é", "É", "ё", "𠀁"):  # looked up, never scanned
        sql, plan = _plan(ctx, TicketFilter(text=ch))
        assert PAIRS_TABLE in plan and "LIKE" not in sql, (ch, plan)
    # Together with a two-character word and a long one: one lookup, every term required.
    both = {r.title for r in all_rows(ctx, TicketFilter(text="机 空调 服务器"))}
    assert both == {"服务器机房空调故障"}
    # ASCII letters stay LIKE (a common one finds its page faster along the sort order).
    sql, _plan_text = _plan(ctx, TicketFilter(text="e"))
    assert "LIKE" in sql


def test_single_letters_follow_edits_and_deletes(ctx) -> None:
    def found(query: str) -> list[str]:
        return [r.id for r in all_rows(ctx, TicketFilter(text=query))]

    change = ctx.tickets.create(TicketDraft(title="无线网卡坏了 囧", requester="欧阳燚"))
    assert change.ticket_id in found("囧") and change.ticket_id in found("燚")
    ctx.tickets.update(change.ticket_id, {"title": "无线网卡坏了 彧", "requester": "欧阳"})
    assert change.ticket_id not in found("囧") and change.ticket_id not in found("燚")
    assert found("彧") == [change.ticket_id]
    ctx.tickets.delete(change.ticket_id)
    assert found("彧") == []


def test_upgrade_indexes_the_last_characters_of_existing_tickets(tmp_path: Path) -> None:
    """A database made by revision 0010 had no token for a title's last character; the
    upgrade rebuilds the table, so the tickets stored before it are found by it too."""
    from sqlalchemy import text

    from opexdesk.storage.database import create_sqlite_engine, migrate
    from opexdesk.storage.search_index import PAIRS_TABLE

    path = tmp_path / "data" / "opexdesk.sqlite3"
    path.parent.mkdir(parents=True)
    engine = create_sqlite_engine(path)
    migrate(engine, "0010")
    in_index = f"SELECT count(*) FROM {PAIRS_TABLE} WHERE {PAIRS_TABLE} MATCH '\"机\"*'"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO tickets (id, provisional_number, title, description, impact, urgency,"
                " priority, status, created_by, created_at, updated_at, version) VALUES"
                " ('00000000-0000-7000-8000-000000000001', 'L-000001', '打印机',"
                " '', 2, 2, 2, 'new', 'x', '2026-01-01 00:00:00.000000',"
                " '2026-01-01 00:00:00.000000', 1)"
            )
        )
        assert conn.execute(text(in_index)).scalar() == 0  # what 0010 stored
    engine.dispose()
    context = build_context(AppPaths.under(tmp_path), username="tester")
    try:
        found = context.ticket_list.page(TicketFilter(text="机"), TicketSort(), 10)
        assert [r.title for r in found] == ["打印机"]
        with context.db.engine.connect() as conn:
            assert conn.execute(text(in_index)).scalar() == 1
    finally:
        context.close()


def test_walking_the_sort_order_gives_the_same_pages(ctx) -> None:
    """Whichever way a text page is found (sorting the matches, or walking the sort index
    and probing them), it is the same rows in the same order, at any offset."""
    from opexdesk.storage.ticket_list import page_statement

    queries = ["printer", "打印机", "网络", "机", "printer 机", "vpn down", "zzzq", "42"]
    sorts = [TicketSort(), TicketSort("priority", False), TicketSort("title", True)]
    with ctx.db.engine.connect() as conn:
        for query in queries:
            for sort in sorts:
                for offset in (0, 7, 150):
                    pages = [
                        conn.execute(
                            page_statement(TicketFilter(text=query), sort, 25, offset, walk)
                        ).all()
                        for walk in (False, True)
                    ]
                    assert pages[0] == pages[1], (query, sort, offset)


def test_many_matches_walk_the_sort_order_and_few_do_not(ctx) -> None:
    from opexdesk.storage.ticket_list import TicketListRepository, matches_for_a_walk

    repo = TicketListRepository(ctx.db.engine)
    rows = all_rows(ctx)
    needed = matches_for_a_walk(max(r.local_id for r in rows), 0, 25)
    assert 1 < needed < len(rows) // 2
    with ctx.db.engine.connect() as conn:

        def walks(flt: TicketFilter, offset: int = 0) -> bool:
            return repo._walk_pays(conn, flt, 25, offset)

        def matching(query: str) -> int:
            return ctx.ticket_list.count(TicketFilter(text=query))

        common = max(("printer", "the", "net"), key=matching)
        assert matching(common) >= needed and walks(TicketFilter(text=common))
        assert not walks(TicketFilter(text=common), offset=100_000)  # deep: sort them
        assert matching("打印机卡纸") < needed and not walks(TicketFilter(text="打印机卡纸"))
        assert not walks(TicketFilter(text="zzzq"))
        assert not walks(TicketFilter(text="e"))  # LIKE: walks by itself
        assert not walks(TicketFilter(text=common, priorities=frozenset({1})))
    page = ctx.ticket_list.page(TicketFilter(text=common), TicketSort(), 25)
    reference = sorted(
        (r for r in rows if common in r.title.lower() or common in (r.requester or "").lower()),
        key=lambda r: (r.updated_at, r.local_id),
        reverse=True,
    )
    assert [r.local_id for r in page] == [r.local_id for r in reference[:25]]


def test_upgrade_from_first_schema_indexes_existing_tickets(tmp_path: Path) -> None:
    from sqlalchemy import text

    from opexdesk.storage.database import create_sqlite_engine, migrate

    path = tmp_path / "data" / "opexdesk.sqlite3"
    path.parent.mkdir(parents=True)
    engine = create_sqlite_engine(path)
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO tickets (id, provisional_number, title, description, impact, urgency,"
                " priority, status, created_by, created_at, updated_at, version) VALUES"
                " ('00000000-0000-7000-8000-000000000001', 'L-000001', '服务器机房空调故障',"
                " '', 2, 2, 2, 'new', 'x', '2026-01-01 00:00:00.000000',"
                " '2026-01-01 00:00:00.000000', 1)"
            )
        )
    engine.dispose()
    context = build_context(AppPaths.under(tmp_path), username="tester")
    try:
        found = context.ticket_list.page(TicketFilter(text="机房空调"), TicketSort(), 10)
        assert [r.title for r in found] == ["服务器机房空调故障"]
    finally:
        context.close()


def test_open_queue_uses_the_partial_indexes(ctx) -> None:
    from sqlalchemy.dialects import sqlite

    from opexdesk.storage.ticket_list import OPEN_STATUSES, page_statement

    rows = all_rows(ctx)
    flt = TicketFilter(statuses=OPEN_STATUSES)
    expected = [r.local_id for r in rows if r.status in OPEN_STATUSES]
    assert [r.local_id for r in all_rows(ctx, flt)] == expected
    for column, index in [
        ("resolution_due_at", "ix_tickets_open_due"),
        ("priority", "ix_tickets_open_priority"),
        ("updated_at", "ix_tickets_open_updated"),
    ]:
        stmt = page_statement(flt, TicketSort(column, column == "updated_at"), 100, 0)
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        with ctx.db.engine.connect() as conn:
            plan = " ".join(str(r) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        assert index in plan and "TEMP B-TREE" not in plan, plan


def test_open_test_in_migration_matches_the_model() -> None:
    import importlib

    from opexdesk.storage.models import OPEN_TEST

    migration = importlib.import_module(
        "opexdesk.storage.migrations.versions.0003_open_queue_indexes"
    )
    assert migration.OPEN_TEST == OPEN_TEST


@pytest.mark.parametrize("query", ["printer", "打印机", "VPN 连接", "网络", "zebra", "Groß"])
@pytest.mark.parametrize("column", ["updated_at", "resolution_due_at", "priority", "title"])
def test_text_search_in_the_open_queue(ctx, query: str, column: str) -> None:
    from opexdesk.storage.ticket_list import OPEN_STATUSES

    flt = TicketFilter(statuses=OPEN_STATUSES, text=query)
    sort = TicketSort(column, column != "title")
    terms = [t.lower() for t in query.split()]
    expected = sorted(
        (
            r
            for r in all_rows(ctx)
            if r.status in OPEN_STATUSES
            and all(t in r.title.lower() or t in (r.requester or "").lower() for t in terms)
        ),
        key=lambda r: python_sort_key(r, column),
        reverse=sort.descending,
    )
    got = ctx.ticket_list.page(flt, sort, 10_000)
    assert [r.local_id for r in got] == [r.local_id for r in expected]
    assert ctx.ticket_list.count(flt) == len(expected)

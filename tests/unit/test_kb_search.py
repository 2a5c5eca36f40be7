"""Knowledge-base search core: query safety, Chinese, filters, snippets, typos, feedback."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opexdesk.services.kb import Article, Embedder, Filters, KbSearch
from opexdesk.services.kb.query import query_terms, word_match

ARTICLES = [
    Article(
        "en-printer",
        "Printer shows error 0x0000011b",
        "Restart the print spooler service, then reinstall the printer driver.",
        "hardware",
        ("printer", "windows"),
        "en",
    ),
    Article(
        "en-vpn",
        "VPN disconnects every few minutes",
        "Update the VPN client <b>now</b> & check the Wi-Fi power saving setting.",
        "network",
        ("vpn",),
        "en",
    ),
    Article(
        "en-outlook",
        "Outlook keeps asking for the password",
        "Remove the saved credentials from Credential Manager and sign in again.",
        "email",
        ("outlook", "password"),
        "en",
    ),
    Article(
        "zh-network",
        "打印机无法连接网络",
        "检查网络电缆，然后重新启动打印机。确认打印机的IP地址。",
        "hardware",
        ("printer",),
        "zh",
    ),
    Article(
        "zh-mail",
        "邮箱密码过期怎么办",
        "在门户网站上重置密码，然后在手机上更新邮箱设置。",
        "email",
        ("password",),
        "zh",
    ),
]

HOSTILE = [
    "",
    " ",
    '"',
    '"""',
    "NEAR(a b, 3)",
    "title:printer",
    "^printer",
    "printer*",
    "*",
    "AND",
    "OR NOT",
    "(",
    ")",
    "a AND (b OR",
    "\x00\x01\x02",
    "\ud7ff\ufffd",
    "-",
    "+",
    "{title}: x",
    "'; DROP TABLE articles; --",
    "x" * 100_000,
    "打印 " * 30_000,
]


@pytest.fixture(scope="module")
def kb() -> Iterator[KbSearch]:
    search = KbSearch(":memory:")
    search.add_articles(ARTICLES)
    yield search
    search.close()


def ids(kb: KbSearch, text: str, **kw: object) -> list[str]:
    return [h.article_id for h in kb.search(text, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_raise(kb: KbSearch, text: str) -> None:
    hits = kb.search(text)
    assert len(hits) <= 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=300)
    | st.lists(
        st.sampled_from(
            [
                '"',
                "NEAR",
                "(",
                ")",
                "*",
                "^",
                ":",
                "AND",
                "OR",
                "NOT",
                "title",
                "打印",
                "printer",
                "\x00",
            ]
        )
    ).map(" ".join)
)
def test_any_text_is_safe(kb: KbSearch, text: str) -> None:
    kb.search(text, as_you_type=True)
    kb.search(text, filters=Filters(categories=("hardware",)))


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_match_expression_is_quoted(text: str) -> None:
    expr = word_match(query_terms(text), {}, prefix_last=True)
    # every term is one FTS5 string ("" inside is a quote); a CJK phrase may hold spaces
    outside = re.sub(r'"(?:[^"]|"")*"\*?', "", expr)
    assert re.fullmatch(r"[\s()]*(?:OR[\s()]*)*", outside), (expr, outside)


def test_english_stemming_and_title_weight(kb: KbSearch) -> None:
    assert ids(kb, "printers")[0] == "en-printer"
    assert ids(kb, "outlook password")[0] == "en-outlook"


def test_chinese_two_character_word_and_substring(kb: KbSearch) -> None:
    assert ids(kb, "网络")[0] == "zh-network"  # a 2-character word
    assert ids(kb, "打印机")[0] == "zh-network"
    assert ids(kb, "密码过期")[0] == "zh-mail"  # a substring of the title
    assert ids(kb, "邮箱")[0] == "zh-mail"


def test_filters(kb: KbSearch) -> None:
    assert set(ids(kb, "printer", filters=Filters(languages=("zh",)))) <= {"zh-network", "zh-mail"}
    assert ids(kb, "printer", filters=Filters(languages=("zh",)))[0] == "zh-network"
    assert set(ids(kb, "password", filters=Filters(categories=("email",)))) <= {
        "en-outlook",
        "zh-mail",
    }
    assert ids(kb, "password", filters=Filters(tags=("outlook",))) == ["en-outlook"]
    assert ids(kb, "password", filters=Filters(categories=("nope",))) == []


def test_snippet_escapes_html_and_marks_hit(kb: KbSearch) -> None:
    hit = kb.search("vpn client")[0]
    assert hit.article_id == "en-vpn"
    html = hit.snippet.html()
    assert "&lt;b&gt;now&lt;/b&gt;" in html and "&amp;" in html and "<b>" not in html
    assert "<mark>VPN</mark>" in html and "<mark>client</mark>" in html
    start, end = hit.snippet.spans[0]
    assert hit.snippet.text[start:end].lower() in {"vpn", "client"}


def test_typo_tolerance(kb: KbSearch) -> None:
    assert ids(kb, "pirnter spoolr")[0] == "en-printer"
    assert ids(kb, "outlok")[0] == "en-outlook"


def test_corrected_query_names_the_spelling_the_index_knows(kb: KbSearch) -> None:
    assert kb.corrected_query("outlok keeps asking") == "outlook keeps asking"
    assert kb.corrected_query("Pirnter error") == "printer error"
    assert kb.corrected_query("printer error") is None  # nothing to correct
    assert kb.corrected_query('"\x00 NEAR(') is None


def test_title_spans_cover_the_whole_title(kb: KbSearch) -> None:
    title = "Outlook keeps asking for the password after every reboot of the laptop"
    spans = kb.title_spans(title, "laptop password")
    assert spans.text == title
    assert [title[a:b] for a, b in spans.spans] == ["password", "laptop"]


def test_latin_term_next_to_chinese_is_highlighted(kb: KbSearch) -> None:
    snippet = kb.title_spans("无法连接VPN,检查IP地址", "vpn ip")
    assert snippet.html() == "无法连接<mark>VPN</mark>,检查<mark>IP</mark>地址"
    # ... but not inside a longer Latin word
    assert kb.title_spans("zip file", "ip").spans == ()


def test_search_as_you_type_prefix(kb: KbSearch) -> None:
    assert ids(kb, "credent", as_you_type=True)[0] == "en-outlook"


def test_feedback_boosts_similar_query() -> None:
    kb = KbSearch(":memory:")
    kb.add_articles(ARTICLES)
    query = "error after update"
    before = ids(kb, query)
    assert len(before) >= 2
    target = before[1]
    for _ in range(3):
        kb.record_solved("an error after the update", target)
    after = ids(kb, query)
    assert after[0] == target
    kb.close()


def test_reindex_and_remove(tmp_path: pytest.TempPathFactory) -> None:
    path = str(tmp_path / "kb.sqlite3")  # type: ignore[operator]
    kb = KbSearch(path)
    kb.add_articles(ARTICLES[:2])
    kb.add_articles([Article("en-vpn", "Wireless dropouts", "Roaming aggressiveness.")])
    assert ids(kb, "roaming")[0] == "en-vpn"
    assert kb.remove_article("en-vpn") and "en-vpn" not in ids(kb, "roaming")
    kb.close()
    again = KbSearch(path)  # the file persists the index
    assert ids(again, "spooler")[0] == "en-printer"
    again.close()


def test_model_loads_offline_with_sockets_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    kb = KbSearch(":memory:", embedder=Embedder())
    kb.add_articles(ARTICLES)
    assert ids(kb, "printer driver")[0] == "en-printer"
    kb.close()


def test_close_waits_for_searches_on_other_threads() -> None:
    """The app closes the index at exit while a worker may be searching: the close waits,
    and searches after it find nothing instead of touching a closed connection."""
    kb = KbSearch(":memory:")
    kb.add_articles(ARTICLES)
    errors: list[BaseException] = []
    started = threading.Event()

    def keep_searching() -> None:
        try:
            for i in range(300):
                kb.search(f"printer error {i}")
                started.set()
        except BaseException as exc:  # anything at all is a failure here
            errors.append(exc)

    worker = threading.Thread(target=keep_searching)
    worker.start()
    started.wait(10)
    kb.close()
    worker.join(30)
    assert not errors
    assert kb.search("printer") == [] and kb.corrected_query("pirnter") is None
    kb.close()  # twice is fine

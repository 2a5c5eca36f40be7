"""Knowledge-base article rules: field cleaning and limits, status moves, diffs, ticket drafts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opexdesk.domain import article as rules
from opexdesk.domain.article import ArticleContent, ArticleDraft, ArticleStatus
from opexdesk.domain.errors import DomainError, TransitionError, ValidationError


def field_error(fn, value) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        fn(value)
    return err.value


# ---- title -----------------------------------------------------------------------------------


def test_title_is_one_trimmed_line() -> None:
    assert rules.clean_title("  Printer\t jam \n on floor 3 ") == "Printer jam on floor 3"
    assert rules.clean_title("打印机卡纸") == "打印机卡纸"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("x" * 201, "201 characters"),
        ("bell\x07", "U+0007"),
        ("nul\x00", "U+0000"),
        ("c1\x85", "U+0085"),
        ("surrogate\ud800", "surrogate"),
        (42, "text"),
        (None, "text"),
    ],
)
def test_bad_titles_are_refused_naming_the_field(value: object, words: str) -> None:
    err = field_error(rules.clean_title, value)
    assert err.field == "title"
    assert words in str(err)


def test_title_limit_is_inclusive() -> None:
    assert len(rules.clean_title("é" * 200)) == 200


# ---- body ------------------------------------------------------------------------------------


def test_body_keeps_lines_and_tabs_and_normalises_line_ends() -> None:
    assert rules.clean_body("\n\n# Steps\r\n\t1. restart\r2. wait\n\n") == (
        "# Steps\n\t1. restart\n2. wait"
    )


def test_body_limit_counts_utf8_bytes() -> None:
    limit = rules.BODY_MAX_BYTES
    assert len(rules.clean_body("a" * limit)) == limit
    err = field_error(rules.clean_body, "a" * (limit + 1))
    assert err.field == "body" and "1,048,577 bytes" in str(err)
    # 3 bytes per CJK character: a third of the limit in characters is already too much
    err = field_error(rules.clean_body, "网" * (limit // 3 + 1))
    assert err.field == "body"


@pytest.mark.parametrize("ch", ["\x00", "\x08", "\x1b", "\x7f", "\x9f"])
def test_body_refuses_control_characters(ch: str) -> None:
    err = field_error(rules.clean_body, f"line one\nline{ch}two")
    assert err.field == "body"
    assert f"U+{ord(ch):04X}" in str(err)
    assert "only line breaks and tabs" in str(err)


# ---- tags, category, language --------------------------------------------------------------


def test_tags_are_cleaned_lowered_and_deduplicated_in_order() -> None:
    assert rules.clean_tags(["  VPN ", "vpn", "Remote  Access", "", "网络"]) == (
        "vpn",
        "remote access",
        "网络",
    )
    assert rules.clean_tags("Printer, paper ,PRINTER,,") == ("printer", "paper")
    assert rules.clean_tags(None) == ()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([f"t{i}" for i in range(21)], "21 tags"),
        (["x" * 41], "limit is 40"),
        (["a,b"], "comma"),
        ([7], "not text"),
        (["tab\x01"], "U+0001"),
        (12, "list"),
    ],
)
def test_bad_tags_are_refused(value: object, words: str) -> None:
    err = field_error(rules.clean_tags, value)
    assert err.field == "tags" and words in str(err)


def test_twenty_tags_are_allowed_after_deduplication() -> None:
    assert len(rules.clean_tags([f"T{i}" for i in range(20)] + ["t0", "T1"])) == 20


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("en", "en"),
        ("EN-us", "en-US"),
        ("zh_hans", "zh-Hans"),
        ("zh-Hans-CN", "zh-Hans-CN"),
        ("es-419", "es-419"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_language_codes_are_normalised(value: object, code: str) -> None:
    assert rules.clean_language(value) == code


@pytest.mark.parametrize("value", ["english", "e", "zh-", "en us", "中文", "en-x", 5])
def test_bad_language_codes_are_refused(value: object) -> None:
    err = field_error(rules.clean_language, value)
    assert err.field == "language"


def test_category_is_optional_and_limited() -> None:
    assert rules.clean_category(None) == ""
    assert rules.clean_category("  Network  access ") == "Network access"
    assert field_error(rules.clean_category, "c" * 121).field == "category"


def test_content_problems_lists_every_bad_field() -> None:
    content, problems = rules.content_problems(
        ArticleDraft(title="", body="x\x00", tags=["a,b"], language="??")
    )
    assert content is None
    assert [p.field for p in problems] == ["title", "body", "tags", "language"]


# ---- status ----------------------------------------------------------------------------------


def test_status_life_cycle() -> None:
    d, p, a = ArticleStatus.DRAFT, ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED
    for current, target in [(d, p), (p, a), (a, d)]:
        rules.check_status_move(current, target)
    for current, target in [(d, a), (p, d), (a, p), (d, d), (p, p)]:
        with pytest.raises(TransitionError) as err:
            rules.check_status_move(current, target)
        assert str(err.value)


def test_unknown_status_is_refused() -> None:
    assert rules.parse_status(" Published ") is ArticleStatus.PUBLISHED
    assert field_error(rules.parse_status, "live").field == "status"


# ---- diff ------------------------------------------------------------------------------------


def content(title: str = "VPN drops", body: str = "one\ntwo\nthree") -> ArticleContent:
    return ArticleContent(title, body, "Network", ("vpn",), "en")


def test_diff_marks_added_and_removed_lines_with_numbers() -> None:
    diff = rules.diff_contents(content(), content(body="one\n2\nthree\nfour"), 1, 2)
    assert diff.changed_fields == ("body",)
    kinds = [(line.kind, line.text) for line in diff.lines if line.kind != "same"]
    assert kinds == [("removed", "two"), ("added", "2"), ("added", "four")]
    removed = next(line for line in diff.lines if line.kind == "removed")
    assert removed.old_line is not None and removed.new_line is None
    assert "-two" in diff.unified and "+four" in diff.unified
    assert diff.unified.startswith("--- version 1\n+++ version 2")


def test_diff_of_a_title_change_and_identical_versions() -> None:
    diff = rules.diff_contents(content(), content(title="VPN keeps dropping"), 3, 4)
    assert diff.changed_fields == ("title",)
    assert ("added", "Title: VPN keeps dropping") in [(x.kind, x.text) for x in diff.lines]
    same = rules.diff_contents(content(), content(), 1, 1)
    assert same.lines == () and same.unified == "" and same.changed_fields == ()


def test_diff_separates_far_apart_changes_with_a_gap() -> None:
    old = "\n".join(f"line {i}" for i in range(40))
    new = old.replace("line 1\n", "line one\n").replace("line 38", "line thirty-eight")
    diff = rules.diff_contents(content(body=old), content(body=new), 1, 2)
    assert [line.kind for line in diff.lines].count("gap") == 1


# ---- ticket drafts -----------------------------------------------------------------------------


def test_draft_from_a_resolved_ticket() -> None:
    draft = rules.draft_from_ticket(
        number="INC-000042",
        title="Outlook asks for the password again and again",
        description="Since this morning Outlook keeps prompting.",
        resolution_note="Removed the stale credential from Credential Manager.",
        category="Email",
        status="resolved",
    )
    assert draft.title == "Outlook asks for the password again and again"
    assert draft.category == "Email" and draft.language == "en"
    assert draft.body.index("## Symptoms") < draft.body.index("Since this morning")
    assert draft.body.index("## Resolution") < draft.body.index("Removed the stale")
    assert "INC-000042" in draft.body
    rules.clean_content(draft)  # a valid article as it stands


def test_draft_from_a_chinese_ticket_without_notes_is_marked_chinese() -> None:
    draft = rules.draft_from_ticket(
        number="L-7",
        title="打印机卡纸",
        description=None,
        resolution_note=None,
        category=None,
        status="closed",
    )
    assert draft.language == "zh"
    assert "No resolution note" in draft.body


@pytest.mark.parametrize("status", ["new", "assigned", "in_progress", "pending"])
def test_draft_from_an_open_ticket_is_refused(status: str) -> None:
    with pytest.raises(DomainError, match="only be drafted from a resolved or closed ticket"):
        rules.draft_from_ticket(
            number="INC-000001",
            title="t",
            description="",
            resolution_note="",
            category=None,
            status=status,
        )


# ---- properties ------------------------------------------------------------------------------


@given(st.lists(st.text(max_size=12), max_size=30))
def test_cleaned_tags_are_stable_and_within_limits(raw: list[str]) -> None:
    try:
        tags = rules.clean_tags(raw)
    except ValidationError as err:
        assert err.field == "tags"
        return
    assert rules.clean_tags(tags) == tags  # cleaning is idempotent
    assert len(tags) == len(set(tags)) <= rules.TAGS_MAX
    assert all(t and t == t.lower() and t.strip() == t for t in tags)


@given(st.text(max_size=300))
def test_cleaned_title_and_body_are_stable(text: str) -> None:
    for clean in (rules.clean_title, rules.clean_body):
        try:
            value = clean(text)
        except ValidationError:
            continue
        assert clean(value) == value
        value.encode("utf-8")  # always storable

"""Conflict policy per field, and the three-way text merge: nothing a user typed is lost."""

from hypothesis import given
from hypothesis import strategies as st

from opexdesk.domain.conflicts import Rule, replay_transition, resolve_field
from opexdesk.domain.enums import Status
from opexdesk.domain.text_merge import merge_text, tokenize

levels = st.integers(1, 4)
short = st.one_of(st.none(), st.text(max_size=8))
FIELDS = [
    "title",
    "site",
    "category",
    "requester",
    "group_name",
    "assignee",
    "impact",
    "urgency",
    "description",
]


def values_for(field: str):  # noqa: ANN201
    return levels if field in ("impact", "urgency") else short


@given(data=st.data(), field=st.sampled_from(FIELDS), local_d=st.booleans(), server_d=st.booleans())
def test_the_local_value_is_applied_or_kept(data, field, local_d, server_d) -> None:  # noqa: ANN001
    strategy = values_for(field)
    base, local, server = data.draw(strategy), data.draw(strategy), data.draw(strategy)
    out = resolve_field(
        field, base, local, server, local_by_dispatcher=local_d, server_by_dispatcher=server_d
    )
    if local == base:
        assert out.value == server  # no local edit: nothing to keep
    elif out.rule is Rule.MERGED:
        assert out.value is not None
    else:
        assert out.value == local or out.kept_local == local
    if out.conflict:
        assert out.value == server and out.kept_local == local


@given(base=levels, local=levels, server=levels, field=st.sampled_from(["impact", "urgency"]))
def test_more_urgent_wins_whatever_the_order(base, local, server, field) -> None:  # noqa: ANN001
    one = resolve_field(field, base, local, server)
    other = resolve_field(field, base, server, local)
    if local != base and server != base:
        assert one.value == other.value == min(local, server)


def test_only_one_side_changed_is_never_a_conflict() -> None:
    assert resolve_field("title", "a", "b", "a").value == "b"
    assert resolve_field("title", "a", "a", "c").value == "c"
    assert not resolve_field("title", "a", "b", "b").conflict


def test_title_edited_on_both_sides_keeps_server_and_records_local() -> None:
    out = resolve_field("title", "Printer jam", "Printer jam on 3F", "打印机卡纸")
    assert (out.value, out.conflict, out.kept_local) == ("打印机卡纸", True, "Printer jam on 3F")


def test_dispatcher_assignment_wins() -> None:
    out = resolve_field("assignee", None, "li.wei", "tom", server_by_dispatcher=True)
    assert (out.value, out.rule, out.kept_local) == ("tom", Rule.DISPATCHER, "li.wei")
    out = resolve_field("assignee", None, "li.wei", "tom", local_by_dispatcher=True)
    assert (out.value, out.rule, out.conflict) == ("li.wei", Rule.DISPATCHER, False)
    assert resolve_field("assignee", None, "li.wei", "tom").conflict


def test_description_edits_in_different_places_merge() -> None:
    base = "Screen flickers.\n\nSteps: open Excel."
    out = resolve_field(
        "description",
        base,
        "Screen flickers badly.\n\nSteps: open Excel.",
        "Screen flickers.\n\nSteps: open Excel, then Teams.",
    )
    assert out.rule is Rule.MERGED and not out.conflict
    assert out.value == "Screen flickers badly.\n\nSteps: open Excel, then Teams."


def test_overlapping_description_edits_keep_both() -> None:
    out = resolve_field(
        "description", "VPN drops hourly", "VPN drops every 10 min", "VPN drops every 5 min"
    )
    assert out.conflict and out.value == "VPN drops every 5 min"
    assert out.kept_local == "VPN drops every 10 min"


def test_chinese_edits_merge_per_character() -> None:
    merged = merge_text(
        "打印机卡纸。已重启。", "三楼打印机卡纸。已重启。", "打印机卡纸。已重启，无效。"
    )
    assert merged.text == "三楼打印机卡纸。已重启，无效。"


words = st.lists(
    st.sampled_from(["a", "b", "c", " ", "\n", "打", "印", ".", "printer"]), max_size=12
)


@given(base=words, a=words, b=words)
def test_merge_properties(base, a, b) -> None:  # noqa: ANN001
    z, x, y = "".join(base), "".join(a), "".join(b)
    assert merge_text(z, x, z).text == x
    assert merge_text(z, z, y).text == y
    assert merge_text(z, x, x).text == x
    forward, backward = merge_text(z, x, y), merge_text(z, y, x)
    assert forward.clean == backward.clean
    if forward.clean:
        assert forward.text == backward.text


@given(st.text())
def test_tokens_cover_any_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


def test_replayed_transition() -> None:
    ok = replay_transition(Status.IN_PROGRESS, Status.IN_PROGRESS, Status.PENDING, "li", None)
    assert ok.applied and ok.status is Status.PENDING
    done = replay_transition(Status.RESOLVED, Status.IN_PROGRESS, Status.RESOLVED, "li", "fixed")
    assert done.applied and done.status is Status.RESOLVED
    refused = replay_transition(Status.CLOSED, Status.RESOLVED, Status.IN_PROGRESS, "li", "again")
    assert not refused.applied and refused.status is Status.CLOSED
    assert "final" in (refused.reason or "") and "now Closed" in (refused.reason or "")

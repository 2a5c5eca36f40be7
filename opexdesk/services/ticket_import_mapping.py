"""How another desk's columns and values become ticket fields.

A ``ColumnMapping`` names, per ticket field, the source column it is read from, and per
coded field (impact, urgency, status) how each source value translates. Suggestions come
from header names and values in English and Chinese; the user confirms or changes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from opexdesk.domain.enums import Status
from opexdesk.domain.priority import PriorityMatrix

# Ticket fields a column may fill, in the order the wizard lists them.
TARGET_FIELDS = (
    "title",
    "description",
    "requester",
    "site",
    "category",
    "impact",
    "urgency",
    "status",
    "assignee",
    "group_name",
    "created_at",
)
REQUIRED_FIELDS = ("title",)
CODED_FIELDS = ("impact", "urgency", "status")
TARGET_LABELS = {
    "title": "Title",
    "description": "Description",
    "requester": "Requester",
    "site": "Site",
    "category": "Category",
    "impact": "Impact",
    "urgency": "Urgency",
    "status": "Status",
    "assignee": "Assignee",
    "group_name": "Group",
    "created_at": "Created",
}

# Header names per field, compared without case, spaces, "_" or "-".
_HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "subject", "summary", "shortdescription", "标题", "主题", "摘要", "问题"),
    "description": (
        "description",
        "body",
        "details",
        "detail",
        "text",
        "content",
        "longdescription",
        "描述",
        "详细描述",
        "问题描述",
        "内容",
        "详情",
    ),
    "requester": (
        "requester",
        "requestedby",
        "caller",
        "reportedby",
        "customer",
        "contact",
        "openedby",
        "请求人",
        "申请人",
        "报告人",
        "提交人",
        "报修人",
    ),
    "site": ("site", "location", "office", "building", "地点", "站点", "位置", "办公地点"),
    "category": ("category", "type", "tickettype", "类别", "分类", "类型"),
    "impact": ("impact", "影响", "影响度", "影响范围", "影响程度"),
    "urgency": ("urgency", "紧急", "紧急度", "紧急程度"),
    "status": ("status", "state", "ticketstatus", "状态", "工单状态"),
    "assignee": (
        "assignee",
        "assignedto",
        "owner",
        "technician",
        "agent",
        "处理人",
        "负责人",
        "受理人",
        "指派给",
        "经办人",
    ),
    "group_name": (
        "group",
        "groupname",
        "assignmentgroup",
        "team",
        "queue",
        "支持组",
        "处理组",
        "小组",
        "组",
        "团队",
    ),
    "created_at": (
        "createdat",
        "created",
        "createdon",
        "createddate",
        "opened",
        "openedat",
        "opendate",
        "submitted",
        "date",
        "创建时间",
        "创建日期",
        "提交时间",
        "开单时间",
        "报修时间",
    ),
}

# Words that name a level, most severe first (level n of a 4-level axis).
_LEVEL_WORDS: tuple[tuple[str, ...], ...] = (
    ("critical", "urgent", "highest", "extensive", "widespread", "紧急", "严重", "非常高", "最高"),
    ("high", "significant", "large", "高", "较高", "重大"),
    ("medium", "moderate", "normal", "average", "中", "中等", "一般", "普通"),
    ("low", "minor", "lowest", "small", "低", "较低", "轻微"),
)
_STATUS_WORDS: dict[Status, tuple[str, ...]] = {
    Status.NEW: ("new", "open", "opened", "logged", "新建", "新", "待处理", "未处理", "打开"),
    Status.ASSIGNED: ("assigned", "已分配", "已指派", "已派单"),
    Status.IN_PROGRESS: (
        "inprogress",
        "workinprogress",
        "active",
        "working",
        "处理中",
        "进行中",
        "正在处理",
    ),
    Status.PENDING: ("pending", "onhold", "hold", "waiting", "挂起", "等待", "待定", "暂停"),
    Status.RESOLVED: ("resolved", "solved", "fixed", "done", "completed", "已解决", "已完成"),
    Status.CLOSED: ("closed", "cancelled", "canceled", "已关闭", "关闭", "已取消"),
}


def _key(text: str) -> str:
    """A comparison key: case, width, spaces, "_" and "-" ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-./:]+", "", text)


def value_key(text: str) -> str:
    """How a source value is looked up in a value map (case and spacing ignored)."""
    return _key(text)


@dataclass(frozen=True)
class ColumnMapping:
    """Field -> source column, and per coded field: source value key -> level or status."""

    columns: Mapping[str, str]
    values: Mapping[str, Mapping[str, int | str]] = field(default_factory=dict)
    title_from_description: bool = False  # an empty title takes the description's start
    day_first: bool = False  # 03/04/2024 is 3 April (else March 4)

    def column(self, name: str) -> str | None:
        return self.columns.get(name)


def suggest_columns(headers: Iterable[str]) -> dict[str, str]:
    """Field -> header for each field a header name suggests (each header used once):
    exact names first, then a header containing a field's name (e.g. "Ticket title")."""
    headers = list(headers)
    keys = {h: _key(h) for h in headers}
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for name in TARGET_FIELDS:
            if name in chosen:
                continue
            # Synonyms in order of preference: "category" wins over "ticket type".
            for word in _HEADER_NAMES[name]:
                header = next(
                    (h for h in headers if h not in used and _hit(keys[h], word, exact)), None
                )
                if header is not None:
                    chosen[name] = header
                    used.add(header)
                    break
    return chosen


def _hit(key: str, word: str, exact: bool) -> bool:
    if exact:
        return key == word
    # Short Latin words ("type", "date") would match too much inside longer names.
    return (len(word) >= 4 or not word.isascii()) and word in key


def suggest_level(axis: str, value: str, matrix: PriorityMatrix) -> int | None:
    """A level of ``matrix`` for a source value: its number, its label in the matrix, or
    a common word (High, 高, ...) spread over the matrix's levels; None when unsure."""
    text = value.strip()
    levels = matrix.levels(axis)
    if text.isascii() and text.isdigit():
        return int(text) if int(text) in levels else None
    k = _key(text)
    labels = [_key(label) for label in matrix.labels(axis)]
    if k in labels:
        return labels.index(k) + 1
    m = re.fullmatch(r"[pl]?(\d)", k)  # "P2", "L3"
    if m and int(m.group(1)) in levels:
        return int(m.group(1))
    for n, words in enumerate(_LEVEL_WORDS):
        if k in {_key(w) for w in words}:
            # Four named steps spread over the matrix's own number of levels.
            return 1 + round(n * (len(levels) - 1) / (len(_LEVEL_WORDS) - 1))
    return None


def suggest_status(value: str) -> Status | None:
    k = _key(value)
    for status in Status:
        if k in (_key(status.value), _key(status.label)) or k in {
            _key(w) for w in _STATUS_WORDS[status]
        }:
            return status
    return None


def suggest_values(
    name: str, values: Iterable[str], matrix: PriorityMatrix
) -> dict[str, int | str]:
    """Value key -> level or status value, for each source value with a clear meaning."""
    out: dict[str, int | str] = {}
    for value in values:
        if not value.strip():
            continue
        if name == "status":
            status = suggest_status(value)
            if status is not None:
                out[value_key(value)] = status.value
        else:
            level = suggest_level(name, value, matrix)
            if level is not None:
                out[value_key(value)] = level
    return out

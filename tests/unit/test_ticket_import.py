"""CSV import without a database: encodings, delimiters, mapping suggestions, value maps,
row checks and the problems a user sees."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime
from pathlib import Path

import pytest

from opexdesk.domain.enums import Status
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.services.ticket_import_dates import parse_created
from opexdesk.services.ticket_import_mapping import (
    ColumnMapping,
    suggest_columns,
    suggest_level,
    suggest_status,
    suggest_values,
)
from opexdesk.services.ticket_import_rows import RowChecker, column_index
from opexdesk.services.ticket_import_source import CsvReadError, open_csv

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
MATRIX = PriorityMatrix()
TEXT = "Title,Description,Status\nDrucker kaputt,Größe ändern,Open\n打印机坏了,无法打印,Closed\n"


def write(tmp_path: Path, data: bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rows(path: Path, encoding: str | None = None) -> list[list[str]]:
    return [values for _row, values in open_csv(path, encoding).records()]


# ---- encodings -----------------------------------------------------------------------


def test_utf8_without_bom(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, TEXT.encode("utf-8")))
    assert source.encoding == "utf-8"
    assert source.headers == ("Title", "Description", "Status")
    assert rows(source.path)[1] == ["打印机坏了", "无法打印", "Closed"]


def test_utf8_with_bom_does_not_leak_into_first_header(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, codecs.BOM_UTF8 + TEXT.encode("utf-8")))
    assert source.encoding == "utf-8-sig"
    assert source.headers[0] == "Title"
    # An explicit UTF-8 choice still drops the mark.
    assert open_csv(source.path, "utf-8").headers[0] == "Title"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    source = open_csv(write(tmp_path, data))
    assert source.encoding == "utf-16"
    assert rows(source.path)[0] == ["Drucker kaputt", "Größe ändern", "Open"]


def test_cp1252_needs_the_choice_and_then_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "Title\nCafé – menu\n".encode("cp1252"))
    with pytest.raises(CsvReadError) as err:
        open_csv(path)
    message = str(err.value)
    # "Café" is C a f 0xE9 after "Title\n" (6 bytes): offset 9.
    assert "not UTF-8" in message and "0xE9" in message and "offset 9" in message
    assert "Windows-1252" in message and "GB18030" in message
    assert rows(path, "cp1252") == [["Café – menu"]]


def test_gb18030_chosen(tmp_path: Path) -> None:
    path = write(tmp_path, "标题,描述\n打印机,卡纸\n".encode("gb18030"))
    with pytest.raises(CsvReadError):
        open_csv(path)
    source = open_csv(path, "gb18030")
    assert source.headers == ("标题", "描述")


def test_bad_byte_far_into_the_file_names_its_offset(tmp_path: Path) -> None:
    good = ("Title\n" + "ok line\n" * 20_000).encode()  # past the 64 KiB read chunk
    path = write(tmp_path, good + b"bad \xff here\n")
    with pytest.raises(CsvReadError, match=f"0xFF at byte offset {len(good) + 4:,}"):
        open_csv(path)


def test_chosen_encoding_that_does_not_fit_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, b"Title\n\x81\x81\n")  # 0x81 is undefined in cp1252
    with pytest.raises(CsvReadError, match="cannot be read as cp1252.*offset 6"):
        open_csv(path, "cp1252")


def test_unknown_encoding_and_empty_files(tmp_path: Path) -> None:
    path = write(tmp_path, b"Title\nx\n")
    with pytest.raises(CsvReadError, match="Unknown encoding"):
        open_csv(path, "klingon-8")
    with pytest.raises(CsvReadError, match="is empty"):
        open_csv(write(tmp_path, b"", "empty.csv"))
    with pytest.raises(CsvReadError, match="no header row"):
        open_csv(write(tmp_path, b"\n\nTitle\n", "blank.csv"))


# ---- delimiters and headers ----------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["Title", "Site", "Category"]) + "\n"
    text += delimiter.join(['"Printer, 2nd floor; jams"', "Lyon", "HW"]) + "\n"
    source = open_csv(write(tmp_path, text.encode()))
    assert source.delimiter == delimiter
    assert rows(source.path) == [["Printer, 2nd floor; jams", "Lyon", "HW"]]


def test_headers_cleaned_and_rows_numbered_like_a_spreadsheet(tmp_path: Path) -> None:
    text = 'Title,,title,"Multi\nline"\na,b,c,"d\ne"\n\nf,g\n'
    source = open_csv(write(tmp_path, text.encode()))
    assert source.headers == ("Title", "Column 2", "title (2)", "Multi line")
    assert list(source.records()) == [(2, ["a", "b", "c", "d\ne"]), (4, ["f", "g", "", ""])]


# ---- mapping suggestions -------------------------------------------------------------


def test_english_headers_suggest_fields() -> None:
    headers = [
        "Ticket ID",
        "Short description",
        "Long Description",
        "Caller",
        "Location",
        "Category",
        "Impact",
        "Urgency",
        "State",
        "Assigned to",
        "Assignment group",
        "Opened at",
    ]
    assert suggest_columns(headers) == {
        "title": "Short description",
        "description": "Long Description",
        "requester": "Caller",
        "site": "Location",
        "category": "Category",
        "impact": "Impact",
        "urgency": "Urgency",
        "status": "State",
        "assignee": "Assigned to",
        "group_name": "Assignment group",
        "created_at": "Opened at",
    }


def test_chinese_headers_suggest_fields() -> None:
    headers = ["编号", "标题", "问题描述", "申请人", "地点", "类别", "影响度", "紧急程度", "状态"]
    headers += ["处理人", "支持组", "创建时间"]
    suggested = suggest_columns(headers)
    assert suggested == {
        "title": "标题",
        "description": "问题描述",
        "requester": "申请人",
        "site": "地点",
        "category": "类别",
        "impact": "影响度",
        "urgency": "紧急程度",
        "status": "状态",
        "assignee": "处理人",
        "group_name": "支持组",
        "created_at": "创建时间",
    }


def test_endava_headers_suggest_the_obvious_and_leave_codes_alone() -> None:
    headers = ["title", "body", "ticket_type", "category", "sub_category1", "urgency", "impact"]
    suggested = suggest_columns(headers)
    assert suggested["title"] == "title" and suggested["description"] == "body"
    assert suggested["category"] == "category"
    assert suggested["urgency"] == "urgency" and suggested["impact"] == "impact"
    assert "sub_category1" not in suggested.values()


# ---- value maps ----------------------------------------------------------------------


def test_level_suggestions_in_english_chinese_and_labels() -> None:
    assert suggest_level("urgency", "High", MATRIX) == 2
    assert suggest_level("urgency", " 高 ", MATRIX) == 2
    assert suggest_level("urgency", "紧急", MATRIX) == 1
    assert suggest_level("impact", "Extensive", MATRIX) == 1  # the matrix's own label
    assert suggest_level("impact", "minor", MATRIX) == 4
    assert suggest_level("impact", "3", MATRIX) == 3
    assert suggest_level("impact", "0", MATRIX) is None  # not a level here: the user decides
    assert suggest_level("impact", "P2", MATRIX) == 2
    assert suggest_level("impact", "whenever", MATRIX) is None


def test_level_words_spread_over_a_smaller_matrix() -> None:
    small = PriorityMatrix(
        cells={(1, 1): 1, (1, 2): 1, (2, 1): 1, (2, 2): 2},
        impacts=("Wide", "Narrow"),
        urgencies=("Now", "Later"),
        priorities=("Fast", "Slow"),
    )
    assert suggest_level("urgency", "Critical", small) == 1
    assert suggest_level("urgency", "Low", small) == 2
    assert suggest_level("urgency", "3", small) is None


def test_status_suggestions() -> None:
    assert suggest_status("Open") is Status.NEW
    assert suggest_status("Work in progress") is Status.IN_PROGRESS
    assert suggest_status("on-hold") is Status.PENDING
    assert suggest_status("已解决") is Status.RESOLVED
    assert suggest_status("处理中") is Status.IN_PROGRESS
    assert suggest_status("已关闭") is Status.CLOSED
    assert suggest_status("Escalated") is None
    assert suggest_values("status", ["Open", "Escalated", ""], MATRIX) == {"open": "new"}


# ---- row checks ----------------------------------------------------------------------

ROWS = (
    "Subject,Details,Impact,Urgency,State,Owner,Opened\n"
    "Good one,fine,High,Low,Resolved,amy,2024-03-05 14:30\n"  # row 2
    ",no title here,High,Low,Open,,2024-03-05\n"  # row 3
    "Bad status,x,High,Low,Escalated,,\n"  # row 4
    "Bad impact,x,Huge,Low,Open,,\n"  # row 5
    "Bad date,x,,,,,2024-02-30\n"  # row 6
    "Needs owner,x,,,In progress,,\n"  # row 7
    "Future,x,,,,,2031-01-01T00:00:00Z\n"  # row 8
)


def checked(tmp_path: Path, mapping: ColumnMapping) -> dict[int, list[tuple[str, str, str]]]:
    source = open_csv(write(tmp_path, ROWS.encode()))
    checker = RowChecker(source, mapping, MATRIX, NOW)
    out = {}
    for row, values in source.records():
        _record, problems = checker.check(row, values)
        out[row] = [(p.column, p.value, p.reason) for p in problems]
    return out


MAPPING = ColumnMapping(
    {
        "title": "Subject",
        "description": "Details",
        "impact": "Impact",
        "urgency": "Urgency",
        "status": "State",
        "assignee": "Owner",
        "created_at": "Opened",
    }
)


def test_validation_report_names_row_column_value_and_reason(tmp_path: Path) -> None:
    found = checked(tmp_path, MAPPING)
    assert found[2] == []
    assert found[3] == [("Subject", "", "The title is empty; describe the problem in a few words.")]
    ((column, value, reason),) = found[4]
    assert (column, value) == ("State", "Escalated")
    assert reason.startswith("Unknown status 'Escalated'; map it to one of: New, Assigned")
    ((column, value, reason),) = found[5]
    assert (column, value) == ("Impact", "Huge")
    assert "not a level of the priority matrix in force (use impact 1 (Extensive)" in reason
    ((column, value, reason),) = found[6]
    assert (column, value) == ("Opened", "2024-02-30")
    assert reason == "Not a real date (day is out of range for month)."
    assert found[7] == [
        ("State", "In progress", "A ticket that is In progress needs an assignee; none is given.")
    ]
    assert found[8][0][2] == "The date lies in the future."


def test_problems_keep_the_message_template_and_arguments(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, ROWS.encode()))
    checker = RowChecker(source, MAPPING, MATRIX, NOW)
    found = {row: checker.check(row, values)[1] for row, values in source.records()}
    (empty,) = found[3]
    assert empty.template == empty.reason and empty.params == {}
    (impact,) = found[5]
    assert impact.template is not None and impact.template.startswith("{label} {value!r} is not")
    assert impact.template.format(**impact.params) == impact.reason  # English unchanged
    assert impact.params["value"] == "Huge" and impact.params["count"] == 4
    (date,) = found[6]
    assert (date.template, date.params) == (date.reason, {})  # a date problem: a template too


def test_value_map_overrides_and_title_from_description(tmp_path: Path) -> None:
    mapping = ColumnMapping(
        MAPPING.columns,
        values={"status": {"escalated": "in_progress", "open": "new"}, "impact": {"huge": 1}},
        title_from_description=True,
    )
    found = checked(tmp_path, mapping)
    assert found[3] == [] and found[5] == []
    assert found[4] == [
        ("State", "Escalated", "A ticket that is In progress needs an assignee; none is given.")
    ]
    source = open_csv(tmp_path / "t.csv")
    checker = RowChecker(source, mapping, MATRIX, NOW)
    records = {row: checker.check(row, values)[0] for row, values in source.records()}
    assert records[3] is not None and records[3].title == "no title here"
    assert records[5] is not None and records[5].impact == 1
    good = records[2]
    assert good is not None
    assert (good.impact, good.urgency, good.status) == (2, 4, Status.RESOLVED)


def test_missing_or_unknown_columns_fail_before_any_row(tmp_path: Path) -> None:
    source = open_csv(write(tmp_path, ROWS.encode()))
    with pytest.raises(CsvReadError, match="No column is mapped to Title.*Subject, Details"):
        column_index(source, ColumnMapping({"description": "Details"}))
    with pytest.raises(CsvReadError, match="has no column named 'Summary'"):
        column_index(source, ColumnMapping({"title": "Summary"}))


def test_dates() -> None:
    assert parse_created("2024-03-05T14:30:00Z", NOW, day_first=False) == datetime(
        2024, 3, 5, 14, 30, tzinfo=UTC
    )
    assert parse_created("2024-03-05 14:30+08:00", NOW, day_first=False) == datetime(
        2024, 3, 5, 6, 30, tzinfo=UTC
    )
    local = datetime(2024, 3, 5).astimezone().astimezone(UTC)
    assert parse_created("2024年3月5日", NOW, day_first=False) == local
    assert parse_created("05/03/2024", NOW, day_first=True) == local
    assert parse_created("03/05/2024", NOW, day_first=False) == local
    pm = parse_created("03/05/2024 2:15 PM", NOW, day_first=False)
    assert pm == datetime(2024, 3, 5, 14, 15).astimezone().astimezone(UTC)
    for bad in ("yesterday", "2024-13-01", "1970-01-01"):
        with pytest.raises(ValueError):
            parse_created(bad, NOW, day_first=False)

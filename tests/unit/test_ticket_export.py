"""Ticket export to CSV and JSON: contents, the current filter, streaming with bounded
memory at 100,000 tickets, progress, and a cancel that leaves no file."""

from __future__ import annotations

import codecs
import csv
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from opexdesk.app import AppContext, build_context
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.ticket_export import (
    COLUMNS,
    ExportCancelled,
    ExportFormat,
    ExportRequest,
    TicketExporter,
)
from opexdesk.services.ticket_list import TicketFilter


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = build_context(AppPaths.under(tmp_path / "desk"), username="tester")
    yield context
    context.db.close()


def exporter(ctx: AppContext) -> TicketExporter:
    return TicketExporter(ctx.db, lambda: ctx.tickets.matrix)


def seed_plain(ctx: AppContext, n: int) -> None:
    """``n`` simple tickets written by one SQL statement (fast enough for 100,000)."""
    with ctx.db.engine.begin() as conn:
        conn.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n) "
                "INSERT INTO tickets (id, provisional_number, title, description, impact, urgency,"
                " priority, status, created_by, created_at, updated_at, version) "
                "SELECT printf('00000000-0000-7000-8000-%012d', i), printf('L-%06d', i),"
                " 'Ticket number ' || i, 'A description long enough to add up: ' || i,"
                " 3, 3, 3, CASE i % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'resolved' ELSE 'pending' END,"
                " 'seed', '2026-01-01 00:00:00.000000', '2026-01-02 00:00:00.000000', 1 FROM n"
            ),
            {"n": n},
        )


def test_csv_has_bom_all_fields_and_readable_labels(ctx: AppContext, tmp_path: Path) -> None:
    made = ctx.tickets.create(
        TicketDraft('打印机, "卡纸"', "line 1\nline 2", "王芳", "上海", "打印机", 1, 1, "amy")
    )
    ctx.tickets.transition(made.ticket_id, Status.IN_PROGRESS)
    out = tmp_path / "t.csv"
    result = exporter(ctx).export(ExportRequest(out))
    assert (result.tickets, result.bytes) == (1, out.stat().st_size)
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    header, row = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))
    assert header == [h for _k, h in COLUMNS]
    record = dict(zip(header, row, strict=True))
    assert record["Title"] == '打印机, "卡纸"' and record["Description"] == "line 1\nline 2"
    assert (record["Status"], record["Priority"], record["Impact"], record["Urgency"]) == (
        "In progress",
        "P1",
        "Extensive",
        "Critical",
    )
    assert record["Number"] == "L-000001" and record["Created"].endswith("+00:00")
    plain = tmp_path / "plain.csv"
    exporter(ctx).export(ExportRequest(plain, excel_bom=False))
    assert not plain.read_bytes().startswith(codecs.BOM_UTF8)


def test_csv_neutralises_formulas_but_keeps_numbers(ctx: AppContext, tmp_path: Path) -> None:
    formula = '=HYPERLINK("https://evil.example","click")'
    ctx.tickets.create(TicketDraft(formula, "-2+3", "@admin", "-12", "+cmd", 1, 1, "amy"))
    out = tmp_path / "t.csv"
    exporter(ctx).export(ExportRequest(out))
    header, row = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    record = dict(zip(header, row, strict=True))
    assert record["Title"] == "'" + formula
    assert (record["Description"], record["Requester"]) == ("'-2+3", "'@admin")
    assert record["Site"] == "-12"  # a plain number runs nothing: left for the spreadsheet
    assert record["Category"] == "'+cmd"
    # JSON is read by programs, not spreadsheets: the text stays exact.
    exporter(ctx).export(ExportRequest(tmp_path / "t.json", ExportFormat.JSON))
    assert json.loads((tmp_path / "t.json").read_text())[0]["title"] == formula


def test_json_is_an_array_of_objects_and_follows_the_filter(
    ctx: AppContext, tmp_path: Path
) -> None:
    for title, assignee in (("VPN drops", "amy"), ("Printer jam", None), ("VPN slow", None)):
        ctx.tickets.create(TicketDraft(title, assignee=assignee))
    out = tmp_path / "t.json"
    flt = TicketFilter(statuses=frozenset({"new"}), text="vpn")
    assert exporter(ctx).count(flt) == 1
    result = exporter(ctx).export(ExportRequest(out, ExportFormat.JSON, flt))
    items = json.loads(out.read_text(encoding="utf-8"))
    assert result.tickets == 1 and [i["title"] for i in items] == ["VPN slow"]
    assert items[0]["status"] == "New" and items[0]["priority_level"] == 3
    everything = json.loads(
        exporter(ctx).export(ExportRequest(out, ExportFormat.JSON)).path.read_text()
    )
    assert [i["number"] for i in everything] == ["L-000001", "L-000002", "L-000003"]
    empty = TicketFilter(text="nothing like this")
    exporter(ctx).export(ExportRequest(out, ExportFormat.JSON, empty))
    assert json.loads(out.read_text()) == []


def test_hundred_thousand_tickets_stream_with_bounded_memory(
    ctx: AppContext, tmp_path: Path
) -> None:
    seed_plain(ctx, 100_000)
    out = tmp_path / "big.csv"
    calls: list[tuple[int, int]] = []
    tracemalloc.start()
    try:
        result = exporter(ctx).export(
            ExportRequest(out), progress=lambda done, total: calls.append((done, total))
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = out.stat().st_size
    print(
        f"100,000 tickets: {size / 1e6:.1f} MB in {result.seconds:.1f} s, peak {peak / 1e6:.1f} MB"
    )
    assert result.tickets == 100_000
    assert size > 15_000_000
    assert peak < 10_000_000  # a few batches, never the whole export
    assert calls[0] == (2000, 100_000) and calls[-1] == (100_000, 100_000)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert sum(1 for _ in csv.reader(handle)) == 100_001


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_cancel_leaves_no_file_and_keeps_an_old_one(
    ctx: AppContext, tmp_path: Path, fmt: ExportFormat
) -> None:
    seed_plain(ctx, 10_000)
    out = tmp_path / f"t.{fmt.value}"
    seen: list[int] = []
    with pytest.raises(ExportCancelled):
        exporter(ctx).export(
            ExportRequest(out, fmt), lambda n, _t: seen.append(n), lambda: len(seen) >= 2
        )
    assert seen == [2000, 4000]
    assert list(tmp_path.iterdir()) == [tmp_path / "desk"]  # no partial file either
    out.write_text("previous export")
    with pytest.raises(ExportCancelled):
        exporter(ctx).export(ExportRequest(out, fmt), None, lambda: True)
    assert out.read_text() == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk", out.name]


def test_unwritable_target_raises_and_leaves_nothing(ctx: AppContext, tmp_path: Path) -> None:
    ctx.tickets.create(TicketDraft("One"))
    with pytest.raises(OSError):
        exporter(ctx).export(ExportRequest(tmp_path / "no" / "such" / "dir.csv"))
    assert not (tmp_path / "no").exists()

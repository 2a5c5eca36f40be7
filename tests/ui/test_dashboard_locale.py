"""The operations dashboard follows the language: titles, legend, axis labels, read-outs,
tiles and choices in Chinese with the Chinese catalogue installed, English without it; the
CSV stays English and ISO either way. Screenshots: artifacts/zh_dashboard_{light,dark}.png."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from PySide6.QtWidgets import QApplication
from test_language_switch import clipped, missing_glyphs, visible_texts

from opexdesk.app import AppContext
from opexdesk.services.demo import seed_demo
from opexdesk.services.metrics import MetricsService
from opexdesk.ui.dashboard.theme import DARK, LIGHT
from opexdesk.ui.dashboard.window import DashboardWindow

HAN = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Words that are the same in the Chinese UI: abbreviations and file formats.
KEPT = {"SLA", "PNG", "CSV"}


def open_dashboard(qtbot, ctx: AppContext) -> DashboardWindow:  # noqa: ANN001
    """A dashboard over demo data, every chart drawn."""
    seed_demo(ctx.db, 1500, seed=3, now=ctx.clock.now())
    service = MetricsService(ctx.db, ctx.shared_config.sla_policy, ctx.clock)
    window = DashboardWindow(service, redraw_ms=50)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.snapshot is not None and window.drawn, timeout=20_000)
    qtbot.waitUntil(lambda: not window.controller.building, timeout=20_000)
    qtbot.waitUntil(lambda: window.filter_boxes["site"].count() > 1, timeout=20_000)
    assert not any(chart.is_empty for chart in window.charts)
    return window


def legend_texts(window: DashboardWindow) -> list[str]:
    legend = window.flow.plot.plotItem.legend
    assert legend is not None
    return [label.text for _sample, label in legend.items]


def english_words(texts: list[str], data: set[str]) -> list[str]:
    """Latin words in ``texts`` that are neither kept abbreviations nor data."""
    found = []
    for text in texts:
        plain = re.sub(r"<[^>]*>|&#?\w+;", " ", text)  # rich text: only what is shown
        for word in WORD.findall(plain):
            if word not in KEPT and not any(word in value for value in data):
                found.append(f"{word!r} in {text!r}")
    return found


def test_dashboard_in_chinese(
    qtbot, ctx: AppContext, chinese: QApplication, artifacts: Path, tmp_path: Path
) -> None:  # noqa: ANN001
    window = open_dashboard(qtbot, ctx)
    assert window.windowTitle() == "运营仪表板"
    assert window.flow.title.text() == "工单流入与流出"
    assert window.compliance.title.text() == "SLA 达成率"
    assert legend_texts(window) == ["新建", "已解决", "SLA 超时"]
    assert window.tiles.tiles["fcr"].title.text() == "首次解决率"
    assert window.tiles.tiles["opened"].detail.text() == "本时段内"
    assert window.window_box.currentText() == "最近 7 天"
    assert window.as_of_label.text().startswith("截至 ")
    assert window.backlog.empty.text() == "没有未结工单。"
    # Read-outs: sentences and numbers of the language; the compliance axis and age ticks.
    last = len(window.snapshot.buckets) - 1 if window.snapshot else 0
    assert "新建" in window.flow.hover_at(last, 0)
    assert window.compliance.hover_at(50, 1).startswith("解决：共 ")
    assert "未结" in window.backlog.hover_at(5, 0)
    assert HAN.search(window.by_priority.hover_at(last, 0))
    # Every visible label and button, the choices and the drawn texts: no English left
    # except the data (technician, site, group and category names).
    data = {
        window.filter_boxes[key].itemText(i)
        for key in ("site", "group_name", "category")
        for i in range(1, window.filter_boxes[key].count())
    }
    data |= (
        {w.assignee for w in window.snapshot.workload if w.assignee} if window.snapshot else set()
    )
    texts = [text for _widget, text in visible_texts(window)]
    texts += legend_texts(window)
    texts += [window.window_box.itemText(i) for i in range(window.window_box.count())]
    texts += [window.flow.hover_at(last, 0), window.backlog.hover_at(0, 0)]
    texts += [window.compliance.hover_at(50, i) for i in (0, 1)]
    texts += [window.workload.hover_at(0, 0)]
    texts += [
        item.toPlainText()
        for item in window.compliance._items.values()
        if hasattr(item, "toPlainText")
    ]
    assert not english_words(texts, data)
    # The last x label ("100") of the compliance chart has room right of it, not cut off.
    assert window.compliance.plot.viewRange()[0][1] >= 105
    assert not missing_glyphs(window)
    assert not clipped(window)
    # The CSV stays machine-readable: English headers, ISO times.
    path = tmp_path / "flow.csv"
    window.flow.export_csv(path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0] == ["bucket_start", "opened", "resolved", "breaches"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d", rows[1][0])
    for theme in (LIGHT, DARK):
        window.set_theme(theme)
        qtbot.wait(50)
        assert window.grab().save(str(artifacts / f"zh_dashboard_{theme.name}.png"))
    window.set_theme(LIGHT)
    window.close()


def test_dashboard_in_english(qtbot, ctx: AppContext, english: QApplication) -> None:  # noqa: ANN001
    window = open_dashboard(qtbot, ctx)
    assert window.windowTitle() == "Operations dashboard"
    assert window.flow.title.text() == "Inflow and outflow"
    assert window.compliance.title.text() == "SLA compliance"
    assert legend_texts(window) == ["Opened", "Resolved", "Breaches"]
    assert window.tiles.tiles["fcr"].title.text() == "First-contact resolution"
    assert window.tiles.tiles["opened"].detail.text() == "in window"
    assert window.compliance.hover_at(50, 1).startswith("Resolution: ")
    texts = [text for _widget, text in visible_texts(window)] + legend_texts(window)
    assert not any(HAN.search(text) for text in texts)
    window.close()

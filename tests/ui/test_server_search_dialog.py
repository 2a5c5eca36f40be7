"""Sync > Find tickets on the server…: look up tickets a device never downloaded, on a REAL
server process, by keyboard; download and open one; English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from real_server import serving
from sqlalchemy import select

from opexdesk.app import AppContext, build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.sync.api import SyncApi
from opexdesk.services.sync.engine import SyncEngine
from opexdesk.services.sync.history import ServerHistory
from opexdesk.storage.models import Ticket
from opexdesk.ui.sync.server_search_dialog import ServerSearchDialog

PASSWORDS = {"olga": "olga password 1", "tom": "tom password 22"}
TITLES = ("Laptop hinge cracked", "Laptop battery swollen", "打印机卡纸 on floor 2")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("search_server")
    with serving(tmp, PASSWORDS, roles={"olga": "operator"}) as url:
        ctx = build_context(AppPaths.under(tmp / "olga"), username="olga")
        api = SyncApi(url)
        try:
            api.login("olga", PASSWORDS["olga"])
            for title in TITLES:
                ctx.tickets.create(TicketDraft(title=title, requester="carol"))
            SyncEngine(ctx.db, api, ctx.clock).sync_once()
        finally:
            api.close()
            ctx.close()
        yield url


@pytest.fixture
def device(tmp_path: Path, server_url: str) -> Iterator[tuple[AppContext, SyncApi]]:
    """Tom's new device: signed in, nothing downloaded yet."""
    ctx = build_context(AppPaths.under(tmp_path / "tom"), username="tom")
    api = SyncApi(server_url)
    api.login("tom", PASSWORDS["tom"])
    try:
        yield ctx, api
    finally:
        api.close()
        ctx.close()


def titles(dialog: ServerSearchDialog) -> list[str]:
    return [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]


def open_dialog(qtbot, ctx: AppContext, api: SyncApi, opened: list[str]) -> ServerSearchDialog:  # noqa: ANN001
    dialog = ServerSearchDialog(ServerHistory(ctx.db, lambda: api), opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_find_download_and_open_by_keyboard(qtbot, device, english, artifacts) -> None:  # noqa: ANN001
    ctx, api = device
    opened: list[str] = []
    dialog = open_dialog(qtbot, ctx, api, opened)
    qtbot.keyClicks(dialog.query, "laptop")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert sorted(titles(dialog)) == ["Laptop battery swollen", "Laptop hinge cracked"]
    assert dialog.status_label.text() == "2 tickets found."
    assert [dialog.table.item(r, 5).text() for r in range(2)] == ["", ""]
    dialog.grab().save(str(artifacts / "server_search.png"))

    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.table.hasFocus()
    wanted = dialog.selected_ids()
    assert len(wanted) == 1
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened == wanted, timeout=10_000)
    with ctx.db.read() as s:
        here = s.scalar(select(Ticket.title).where(Ticket.id == wanted[0]))
    assert here == titles(dialog)[0]


def test_no_match_and_chinese_words(qtbot, device, chinese, artifacts) -> None:  # noqa: ANN001
    ctx, api = device
    dialog = open_dialog(qtbot, ctx, api, [])
    assert dialog.windowTitle() != "Find tickets on the server"  # translated
    dialog.query.setText("不存在的东西")  # QTest cannot type non-ASCII text: set it
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    searching = dialog.status_label.text()
    qtbot.waitUntil(lambda: dialog.status_label.text() != searching, timeout=10_000)
    assert dialog.table.rowCount() == 0
    dialog.query.clear()
    dialog.query.setText("卡纸")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert titles(dialog) == ["打印机卡纸 on floor 2"]
    dialog.grab().save(str(artifacts / "server_search_zh.png"))

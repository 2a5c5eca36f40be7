"""Fixtures for widget tests: a real AppContext on a temporary directory, seeded tickets."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext, SyncServices, build_context, build_sync
from opexdesk.domain.enums import Status
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths
from opexdesk.services.events import Clock
from opexdesk.services.kb import Embedder, KbSearch
from opexdesk.services.kb.articles import ArticleService
from opexdesk.services.secrets import SecretStore
from opexdesk.services.tickets import Actor
from opexdesk.ui.i18n import CHINESE, ENGLISH, install_language

PEOPLE = ("alice", "bob", "chen.wei", "dmitri", None)
SITES = ("Berlin HQ", "上海办公室", "Lyon depot", "Field van 7")
CATEGORIES = ("Network", "Hardware", "Access", "Software", "打印机")
TITLES = (
    "VPN drops every few minutes",
    "打印机无法连接到网络",
    "Laptop battery swollen",
    "无法登录邮箱，提示密码错误",
    "New starter needs an account",
    "Wi-Fi slow in meeting room 3",
    "服务器机房温度过高报警",
    "Scanner jams on double-sided jobs",
    "Cannot open shared drive S:",
    "手机无法同步日历",
)
REQUESTERS = ("Maria Rossi", "王芳", "John Smith", "李雷", "Aiko Tanaka")


class StepClock(Clock):
    """A clock that moves one minute per reading: distinct, ordered timestamps in tests."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        self._now += timedelta(minutes=1)
        return self._now


@pytest.fixture(scope="session", autouse=True)
def _configured_app(qapp):  # noqa: ANN001 - pytest-qt's QApplication
    from opexdesk.ui.application import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    # Starts a few days ago so that some due times are in the past (overdue rendering).
    clock = StepClock(datetime.now(UTC) - timedelta(days=3))
    context = build_context(AppPaths.under(tmp_path), username="tester", clock=clock)
    yield context
    context.close()


@pytest.fixture
def sync(ctx: AppContext) -> Iterator[SyncServices]:
    """The sync parts with no OS keyring (sign-in kept in memory for this run)."""
    services = build_sync(
        ctx.db, ctx.blobs, ctx.notifier, Actor("tester"), ctx.clock, SecretStore(fail.Keyring())
    )
    yield services
    services.close()


def create_tickets(ctx: AppContext, n: int, start: int = 0) -> list[str]:
    """Create ``n`` varied tickets through the service (titles in English and Chinese,
    several statuses, priorities, assignees); returns their ids in creation order."""
    ids = []
    for i in range(start, start + n):
        assignee = PEOPLE[i % len(PEOPLE)]
        change = ctx.tickets.create(
            TicketDraft(
                title=f"{TITLES[i % len(TITLES)]} #{i}",
                description=f"Ticket number {i} for the UI tests.",
                requester=REQUESTERS[i % len(REQUESTERS)],
                site=SITES[i % len(SITES)],
                category=CATEGORIES[i % len(CATEGORIES)],
                impact=1 + i % 4,
                urgency=1 + (i // 4) % 4,
                assignee=assignee,
            )
        )
        if assignee and i % 3 == 0:
            ctx.tickets.transition(change.ticket_id, Status.IN_PROGRESS)
        elif assignee and i % 7 == 1:
            ctx.tickets.transition(change.ticket_id, Status.RESOLVED, note="Fixed on site.")
        ids.append(change.ticket_id)
    return ids


@pytest.fixture
def seed(ctx: AppContext) -> Callable[[int], list[str]]:
    return lambda n: create_tickets(ctx, n)


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    """The shared artifacts folder (root conftest), or $OPEXDESK_ARTIFACTS / ./artifacts."""
    try:
        return request.getfixturevalue("artifacts_dir")
    except pytest.FixtureLookupError:
        path = Path(os.environ.get("OPEXDESK_ARTIFACTS", "artifacts"))
        path.mkdir(parents=True, exist_ok=True)
        return path


# ---- knowledge-base articles (real store, real index) -------------------------------------


@pytest.fixture
def kb(tmp_path: Path, embedder: Embedder) -> Iterator[KbSearch]:
    search = KbSearch(str(tmp_path / "kb-index.sqlite3"), embedder=embedder)
    yield search
    search.close()


@pytest.fixture
def svc(ctx: AppContext, kb: KbSearch) -> ArticleService:
    return ArticleService(ctx.db, search=kb, clock=ctx.clock, user="tester")


# ---- languages -----------------------------------------------------------------------------


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    """English before and after: whatever a test switches to, the Chinese translator and
    its locale never leak into later tests."""
    before = QLocale()
    install_language(qapp, ENGLISH)
    yield qapp
    install_language(qapp, ENGLISH)
    QLocale.setDefault(before)


@pytest.fixture
def chinese(english: QApplication) -> QApplication:
    """The Chinese UI (catalogue and locale) for one test."""
    assert install_language(english, CHINESE).catalogue
    return english

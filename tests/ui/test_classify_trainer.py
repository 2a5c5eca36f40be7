"""Background retraining of the suggestion model on a real store of demo tickets: the window
keeps running, the status bar says so, and the new model is used afterwards."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QTimer

from opexdesk.app import AppContext
from opexdesk.domain.ticket import TicketDraft
from opexdesk.services.classify import ClassifierService, Source, load_default_model
from opexdesk.services.classify.retrain_policy import RetrainPolicy
from opexdesk.services.demo import seed_demo
from opexdesk.ui.classify_trainer import ClassifierTrainer
from opexdesk.ui.main_window import MainWindow

DEMO_NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
FORKLIFT = (
    "Scanner on forklift 7 will not charge",
    "The handheld scanner stays dark in its cradle.",
)


def seed(ctx: AppContext) -> None:
    """300 demo tickets plus 30 of a category this site has and the shipped model lacks."""
    seed_demo(ctx.db, 300, seed=11, now=DEMO_NOW)
    for i in range(30):
        ctx.tickets.create(
            TicketDraft(
                title=f"Scanner on forklift {i} will not charge",
                description="The handheld scanner in the forklift cradle stays dark.",
                category="Warehouse devices",
                group_name="Field Services",
                impact=3,
                urgency=2,
            )
        )


class GapMeter:
    """The longest pause of the GUI event loop, seen by a 10 ms timer."""

    def __init__(self) -> None:
        self.ticks = 0
        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1


def test_retrains_in_the_background_and_the_new_model_is_used(
    qtbot, ctx: AppContext, tmp_path: Path
) -> None:  # noqa: ANN001
    seed(ctx)
    clf = ClassifierService(tmp_path / "classifier", default_model=load_default_model())
    before = clf.suggest(*FORKLIFT).fields["category"]
    assert before.label != "Warehouse devices" and before.source is Source.DEFAULT_MODEL
    threads: list[int] = []

    def provider() -> ClassifierService:
        threads.append(threading.get_ident())
        return clf

    trainer = ClassifierTrainer(provider, ctx.db, start_delay_ms=0, check_every_ms=600_000)
    messages: list[str] = []
    trainer.retrained.connect(messages.append)
    meter = GapMeter()
    start = time.perf_counter()
    trainer.start()
    qtbot.waitUntil(lambda: trainer.running, timeout=2000)
    trainer.check_now()  # one at a time: ignored while the first runs
    qtbot.waitUntil(lambda: messages != [], timeout=120_000)
    elapsed = time.perf_counter() - start
    meter.timer.stop()
    print(f"retrain {elapsed:.1f} s, GUI ticks {meter.ticks}, longest pause {meter.longest:.3f} s")
    assert messages == ["Suggestion model retrained on 330 tickets"]
    assert threads and threading.get_ident() not in threads  # off the GUI thread
    assert len(threads) == 1
    assert meter.ticks > elapsed / 0.010 / 4  # the event loop kept running
    assert trainer.last_report is not None and trainer.last_report.examples == 330
    after = clf.suggest(*FORKLIFT).fields["category"]
    assert (after.label, after.source) == ("Warehouse devices", Source.MODEL)
    assert (tmp_path / "classifier" / "classifier.json").exists()
    # Just trained: the next check does not retrain (the policy's interval).
    trainer.check_now()
    qtbot.waitUntil(lambda: not trainer.running, timeout=10_000)
    assert messages == ["Suggestion model retrained on 330 tickets"]
    assert len(threads) == 2


def test_quiet_store_is_not_retrained(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # noqa: ANN001
    seed_demo(ctx.db, 50, seed=12, now=DEMO_NOW)
    clf = ClassifierService(tmp_path / "classifier", default_model=load_default_model())
    trainer = ClassifierTrainer(lambda: clf, ctx.db, policy=RetrainPolicy())
    messages: list[str] = []
    trainer.retrained.connect(messages.append)
    trainer.failed.connect(messages.append)
    trainer.check_now()
    qtbot.waitUntil(lambda: not trainer.running, timeout=10_000)
    assert messages == [] and clf.model is None  # 50 < 200 changed tickets


def test_failure_is_reported_and_not_retried_at_once(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    def broken() -> ClassifierService:
        raise OSError("no space left on device")

    trainer = ClassifierTrainer(broken, ctx.db)
    failures: list[str] = []
    trainer.failed.connect(failures.append)
    trainer.check_now()
    qtbot.waitUntil(lambda: failures != [], timeout=10_000)
    assert failures == ["Suggestion model retraining failed: no space left on device"]
    assert not trainer.running


def test_main_window_shows_the_retraining_in_the_status_bar(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    seed(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    shown: list[str] = []
    window.trainer.retrained.connect(shown.append)
    window.trainer.check_now()  # what the start-up timer does after its delay
    qtbot.waitUntil(lambda: shown != [], timeout=120_000)
    assert window.status.currentMessage() == "Suggestion model retrained on 330 tickets"
    category = ctx.classifier.suggest(*FORKLIFT).fields["category"]
    assert (category.label, category.source) == ("Warehouse devices", Source.MODEL)
    assert (ctx.paths.data / "classifier" / "classifier.json").exists()
    window.close()

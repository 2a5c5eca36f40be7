"""A window opens no larger than its screen: the offscreen screen here is smaller than the
main window's designed 1400 x 850, as a 1366 x 768 laptop is."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from opexdesk.app import AppContext
from opexdesk.ui.main_window import MainWindow
from opexdesk.ui.window_size import SCREEN_SHARE, fit_to_screen


def test_a_window_is_cut_to_the_free_area_of_its_screen(qtbot) -> None:  # noqa: ANN001
    widget = QWidget()
    qtbot.addWidget(widget)
    free = widget.screen().availableGeometry().size()
    size = fit_to_screen(widget, free.width() * 2, 100)
    assert size.width() == int(free.width() * SCREEN_SHARE) and size.height() == 100
    assert widget.size() == size
    assert fit_to_screen(widget, 300, 200).toTuple() == (300, 200)  # small enough: as asked


def test_the_main_window_fits_a_small_screen(qtbot, ctx: AppContext) -> None:  # noqa: ANN001
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    free = window.screen().availableGeometry().size()
    assert free.width() < 1400  # the case this is about
    assert window.width() <= max(free.width(), window.minimumWidth())
    assert window.height() <= max(free.height(), window.minimumHeight())

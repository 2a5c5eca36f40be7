"""The main window's menus by a fixed key ("file", "view", ...), whatever language their
titles are shown in: parts added to the window find their menu here, never by its title
(a Chinese window has no "View" menu, only 视图)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow, QMenu

# The main window's own menus, in menu-bar order ("edit" is added by the settings).
MENU_KEYS = ("file", "view", "ticket", "sync", "tools", "help")


def registered_menus(window: QMainWindow) -> dict[str, QMenu]:
    """The window's menus by key (``MainWindow`` registers its own; any other window starts
    with none)."""
    menus: dict[str, QMenu] | None = getattr(window, "menus", None)
    if menus is None:
        menus = {}
        setattr(window, "menus", menus)  # noqa: B010 - a plain QMainWindow has no such field
    return menus


def window_menu(
    window: QMainWindow, key: str, title: Callable[[], str], after: str | None = None
) -> QMenu:
    """The menu registered as ``key``; else a new one titled ``title()`` (translated by the
    caller), placed right after the menu registered as ``after`` (or last), and registered."""
    menus = registered_menus(window)
    menu = menus.get(key)
    if menu is not None:
        return menu
    menu = QMenu(title(), window)
    bar = window.menuBar()
    actions = bar.actions()
    anchor = menus.get(after) if after is not None else None
    position = actions.index(anchor.menuAction()) + 1 if anchor is not None else len(actions)
    if position < len(actions):
        bar.insertMenu(actions[position], menu)
    else:
        bar.addMenu(menu)
    menus[key] = menu
    return menu

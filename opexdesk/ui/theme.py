"""Light, dark or the system's look, applied to the whole application at once.

The Fusion style draws every widget from the palette, so a palette change restyles open
windows immediately; "system" puts back the style and palette the application started with.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from opexdesk.services.app_settings import Theme

_ORIGINAL = "_opexdesk_original_look"  # the start-up style and palette, kept on the app
Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def _palette(colors: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    for role, value in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(value))
    return palette


def dark_palette() -> QPalette:
    """Light text on dark grey; contrast of text on base about 13:1, links readable."""
    return _palette(
        {
            Role.Window: "#2b2b2e",
            Role.WindowText: "#e8e8ea",
            Role.Base: "#1f1f22",
            Role.AlternateBase: "#2a2a2e",
            Role.ToolTipBase: "#3a3a3f",
            Role.ToolTipText: "#f0f0f2",
            Role.PlaceholderText: "#9a9aa2",
            Role.Text: "#e8e8ea",
            Role.Button: "#35353a",
            Role.ButtonText: "#e8e8ea",
            Role.BrightText: "#ff6b6b",
            Role.Light: "#4a4a50",
            Role.Midlight: "#3e3e44",
            Role.Mid: "#2f2f34",
            Role.Dark: "#18181a",
            Role.Shadow: "#000000",
            Role.Highlight: "#3d7bd9",
            Role.HighlightedText: "#ffffff",
            Role.Link: "#7fb2ff",
            Role.LinkVisited: "#c19cff",
        },
        {
            Role.WindowText: "#7c7c84",
            Role.Text: "#7c7c84",
            Role.ButtonText: "#7c7c84",
            Role.Highlight: "#4a4a50",
            Role.HighlightedText: "#a0a0a8",
        },
    )


def light_palette() -> QPalette:
    return _palette(
        {
            Role.Window: "#f3f3f5",
            Role.WindowText: "#1c1c1e",
            Role.Base: "#ffffff",
            Role.AlternateBase: "#f5f6f8",
            Role.ToolTipBase: "#ffffdc",
            Role.ToolTipText: "#1c1c1e",
            Role.PlaceholderText: "#7a7a80",
            Role.Text: "#1c1c1e",
            Role.Button: "#e9e9ec",
            Role.ButtonText: "#1c1c1e",
            Role.BrightText: "#c62828",
            Role.Light: "#ffffff",
            Role.Midlight: "#f0f0f2",
            Role.Mid: "#b8b8bd",
            Role.Dark: "#8e8e93",
            Role.Shadow: "#5a5a5e",
            Role.Highlight: "#2f6fd0",
            Role.HighlightedText: "#ffffff",
            Role.Link: "#1a5fb4",
            Role.LinkVisited: "#613583",
        },
        {
            Role.WindowText: "#9a9aa0",
            Role.Text: "#9a9aa0",
            Role.ButtonText: "#9a9aa0",
        },
    )


def apply_theme(app: QApplication, theme: Theme | str) -> None:
    """Restyle the running application (no restart)."""
    theme = Theme(theme)
    if app.property(_ORIGINAL) is None:
        app.setProperty(_ORIGINAL, (app.style().name(), QPalette(app.palette())))
    style_name, original_palette = app.property(_ORIGINAL)
    if theme == Theme.SYSTEM:
        app.setStyle(QStyleFactory.create(style_name) or style_name)
        app.setPalette(original_palette)
        return
    app.setStyle("Fusion")  # draws from the palette on every platform
    app.setPalette(dark_palette() if theme == Theme.DARK else light_palette())


def current_is_dark(app: QApplication) -> bool:
    palette = app.palette()
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()

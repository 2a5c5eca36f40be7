"""Light and dark themes of the dashboard: window palette, chart colours, series colours.

Applied per widget (never through pyqtgraph's global options), so the dashboard's theme
does not change other plots or windows.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from opexdesk.domain.enums import Priority
from opexdesk.ui.i18n import vocabulary


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    surface: str  # tiles and chart backgrounds
    text: str
    muted: str
    grid: str
    inflow: str
    outflow: str
    good: str
    bad: str
    priorities: tuple[str, ...]  # P1..P5

    def priority(self, level: int) -> str:
        return self.priorities[min(max(level, 1), len(self.priorities)) - 1]

    def style_sheet(self) -> str:
        return (
            f"QWidget#dashboard {{ background: {self.background}; color: {self.text}; }}"
            f" QFrame#tile, QFrame#chart {{ background: {self.surface};"
            f" border: 1px solid {self.grid}; border-radius: 6px; }}"
            f" QLabel {{ color: {self.text}; background: transparent; }}"
            f" QLabel#muted {{ color: {self.muted}; }}"
            f" QLabel#value {{ font-size: 20px; font-weight: 600; }}"
            f" QLabel#title {{ font-weight: 600; }}"
            f" QLabel#offline {{ color: {self.bad}; font-weight: 600; }}"
            f" QCheckBox {{ color: {self.text}; }}"
            f" QComboBox, QDateTimeEdit, QToolButton, QPushButton {{ background: {self.surface};"
            f" color: {self.text}; border: 1px solid {self.grid}; border-radius: 4px;"
            f" padding: 2px 6px; }}"
            f" QComboBox QAbstractItemView {{ background: {self.surface}; color: {self.text};"
            f" selection-background-color: {self.grid}; }}"
        )

    def priority_key(self) -> str:
        """Rich text naming each priority's colour, for the charts stacked by priority."""
        return " ".join(
            f'<span style="color:{colour}">&#9632;</span>&nbsp;{vocabulary(Priority(level).label)}'
            for level, colour in enumerate(self.priorities, start=1)
        )

    def apply_palette(self, widget: QWidget) -> None:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(self.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(self.text))
        palette.setColor(QPalette.ColorRole.Base, QColor(self.surface))
        palette.setColor(QPalette.ColorRole.Text, QColor(self.text))
        palette.setColor(QPalette.ColorRole.Button, QColor(self.surface))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(self.text))
        widget.setPalette(palette)


LIGHT = Theme(
    name="light",
    background="#f4f5f7",
    surface="#ffffff",
    text="#1f2328",
    muted="#656d76",
    grid="#d0d7de",
    inflow="#0969da",
    outflow="#1a7f37",
    good="#1a7f37",
    bad="#cf222e",
    priorities=("#cf222e", "#e16f24", "#bf8700", "#0969da", "#8c959f"),
)
DARK = Theme(
    name="dark",
    background="#0d1117",
    surface="#161b22",
    text="#e6edf3",
    muted="#8d96a0",
    grid="#30363d",
    inflow="#4493f8",
    outflow="#3fb950",
    good="#3fb950",
    bad="#f85149",
    priorities=("#f85149", "#f0883e", "#d29922", "#4493f8", "#8d96a0"),
)
THEMES = {LIGHT.name: LIGHT, DARK.name: DARK}

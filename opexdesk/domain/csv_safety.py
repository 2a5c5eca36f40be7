"""CSV cells that a spreadsheet program opens as data, never as a formula.

Excel, LibreOffice and Google Sheets run a cell starting with ``=``, ``+``, ``-`` or ``@``
(and, after a tab or carriage return, the same) as a formula: a ticket titled
``=HYPERLINK("https://evil.example", "click")`` would become a live link in the export
(CSV injection). Following the OWASP advice, such text is prefixed with a single quote,
which the spreadsheet shows as text. Numbers stay numbers: values of a numeric type are
written as they are, and text that is a plain decimal number ("-12", "+3.5", "1e-3") cannot
run anything, so it is left for the spreadsheet to read as a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Characters that make a spreadsheet read the cell as a formula (OWASP: CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell: text that would start a formula gets a leading ``'``;
    numbers, None and every other text are returned unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(v) for v in values]

"""Reading the opening time of an imported ticket from the forms other desks export."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_ISO_LIKE = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
_DAY_MONTH = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([AaPp])[Mm])?"
)


def parse_created(text: str, now: datetime, *, day_first: bool) -> datetime:
    """An aware UTC time from ISO 8601 (``2024-03-05 14:30``, offsets and ``Z`` too),
    ``2024年3月5日``, or ``05/03/2024`` read day-first or month-first as chosen. A time with
    no offset is local time on this computer. Raises ValueError with the reason."""
    value = text.strip()
    parts: tuple[int, ...]
    tz_text: str | None = None
    m = _ISO_LIKE.fullmatch(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        clock = [int(g) if g else 0 for g in m.group(4, 5, 6)]
        tz_text = m.group(7)
        parts = (y, mo, d, *clock)
    else:
        m = _DAY_MONTH.fullmatch(value)
        if not m:
            raise ValueError(
                "Not a date this import reads (use e.g. 2024-03-05 14:30 or 05/03/2024)."
            )
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d, mo = (a, b) if day_first else (b, a)
        hour, minute, second = (int(g) if g else 0 for g in m.group(4, 5, 6))
        if m.group(7):
            if not 1 <= hour <= 12:
                raise ValueError("An AM/PM hour must be 1 to 12.")
            hour = hour % 12 + (12 if m.group(7).lower() == "p" else 0)
        parts = (y, mo, d, hour, minute, second)
    try:
        when = datetime(*parts)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValueError(f"Not a real date ({exc}).") from None
    if tz_text:
        offset = tz_text.replace(":", "")
        stamp = when.isoformat() + ("+0000" if offset == "Z" else offset)
        aware = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z")
    else:
        aware = when.astimezone()  # local time of this computer
    result = aware.astimezone(UTC)
    if result > now:
        raise ValueError("The date lies in the future.")
    if result.year < 1990:
        raise ValueError("The date is before 1990.")
    return result

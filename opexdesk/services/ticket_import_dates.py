"""Reading the opening time of an imported ticket from the forms other desks export."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from opexdesk.domain.errors import Templated

_ISO_LIKE = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
# What ``datetime()`` says about an impossible date, as whole messages a UI can translate.
_NOT_REAL = {
    "month must be in 1..12": "Not a real date (month must be in 1..12).",
    "day is out of range for month": "Not a real date (day is out of range for month).",
    "hour must be in 0..23": "Not a real date (hour must be in 0..23).",
    "minute must be in 0..59": "Not a real date (minute must be in 0..59).",
    "second must be in 0..59": "Not a real date (second must be in 0..59).",
    "year 0 is out of range": "Not a real date (year 0 is out of range).",
}
_DAY_MONTH = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([AaPp])[Mm])?"
)


class DateReadError(Templated, ValueError):
    """A date the import cannot use; ``str(err)`` is the English reason, the template lets
    the UI word it in its language."""


def parse_created(text: str, now: datetime, *, day_first: bool) -> datetime:
    """An aware UTC time from ISO 8601 (``2024-03-05 14:30``, offsets and ``Z`` too),
    ``2024年3月5日``, or ``05/03/2024`` read day-first or month-first as chosen. A time with
    no offset is local time on this computer. Raises DateReadError (a ValueError) with the
    reason."""
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
            raise DateReadError(
                "Not a date this import reads (use e.g. 2024-03-05 14:30 or 05/03/2024)."
            )
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d, mo = (a, b) if day_first else (b, a)
        hour, minute, second = (int(g) if g else 0 for g in m.group(4, 5, 6))
        if m.group(7):
            if not 1 <= hour <= 12:
                raise DateReadError("An AM/PM hour must be 1 to 12.")
            hour = hour % 12 + (12 if m.group(7).lower() == "p" else 0)
        parts = (y, mo, d, hour, minute, second)
    try:
        when = datetime(*parts)  # type: ignore[arg-type]
    except ValueError as exc:
        raise _not_real(exc) from None
    # No offset: local time of this computer.
    aware = _with_offset(when, tz_text) if tz_text else when.astimezone()
    result = aware.astimezone(UTC)
    if result > now:
        raise DateReadError("The date lies in the future.")
    if result.year < 1990:
        raise DateReadError("The date is before 1990.")
    return result


def _not_real(exc: ValueError) -> DateReadError:
    known = _NOT_REAL.get(str(exc))
    if known is not None:
        return DateReadError(known)
    return DateReadError("Not a real date ({reason}).", reason=str(exc))


def _with_offset(when: datetime, tz_text: str) -> datetime:
    """``when`` at the UTC offset written after it ("Z", "+08:00", "-0500")."""
    offset = tz_text.replace(":", "")
    stamp = when.isoformat() + ("+0000" if offset == "Z" else offset)
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:  # "+2500", "+0099": strptime's own message names its format
        raise DateReadError("Not a real time zone offset ({offset}).", offset=tz_text) from None

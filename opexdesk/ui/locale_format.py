"""Dates, numbers and durations written the way the chosen language writes them.

Every helper reads the default QLocale, which ``opexdesk.ui.i18n.install_language`` sets
together with the translators, so a language switch changes both at once. Pass ``locale``
to format for another one (tests, exports with a fixed locale).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone

_MINUTES_PER_DAY = 1440


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


def to_qdatetime(value: datetime) -> QDateTime:
    """An aware datetime as a QDateTime in the machine's local time zone."""
    if value.tzinfo is None:
        raise ValueError("a naive datetime has no place in time: give it a time zone")
    utc = value.astimezone(UTC)
    moment = QDateTime(
        QDate(utc.year, utc.month, utc.day),
        QTime(utc.hour, utc.minute, utc.second, utc.microsecond // 1000),
        QTimeZone.utc(),
    )
    return moment.toLocalTime()


def format_datetime(
    value: datetime | None, locale: QLocale | None = None, long: bool = False
) -> str:
    """Local date and time: "12/6/26 9:58 PM" (en_US), "2026/12/6 21:58" (zh_CN); "" for None."""
    if value is None:
        return ""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return _locale(locale).toString(to_qdatetime(value), kind)


def format_date(value: date | datetime | None, locale: QLocale | None = None) -> str:
    """A calendar day in the locale's short form ("" for None); datetimes in local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        day = to_qdatetime(value).date()
    else:
        day = QDate(value.year, value.month, value.day)
    return _locale(locale).toString(day, QLocale.FormatType.ShortFormat)


def format_month_day(value: date, locale: QLocale | None = None) -> str:
    """A day without its year, for chart axes: "3 Mar" (en), "3月3日" (zh_CN). The pattern is
    a translated text: QLocale has no year-less short format of its own."""
    pattern = QCoreApplication.translate("DateFormat", "d MMM")
    return _locale(locale).toString(QDate(value.year, value.month, value.day), pattern)


def format_number(value: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """1234567 -> "1,234,567" (en), "1,234,567" (zh_CN), "1.234.567" (de)."""
    return _locale(locale).toString(float(value), "f", max(0, decimals))


def format_percent(fraction: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """0.925 -> "93%" with the locale's digits, separators and percent sign."""
    loc = _locale(locale)
    number = format_number(fraction * 100, decimals, loc)
    return f"{number}{loc.percent()}"


def format_duration(minutes: int, locale: QLocale | None = None) -> str:
    """A span of work or time left: "2 h 5 min" / "2小时5分钟", "3 d 4 h" / "3天4小时".

    Minutes under an hour, hours and minutes under a day, then days and hours (a glance,
    not an audit); negative spans keep their sign.
    """
    loc = _locale(locale)
    sign = "-" if minutes < 0 else ""
    total = abs(int(minutes))
    days, rest = divmod(total, _MINUTES_PER_DAY)
    hours, mins = divmod(rest, 60)
    n = loc.toString
    if days and hours:
        text = QCoreApplication.translate("Duration", "{0} d {1} h").format(n(days), n(hours))
    elif days:
        text = QCoreApplication.translate("Duration", "{0} d").format(n(days))
    elif hours and mins:
        text = QCoreApplication.translate("Duration", "{0} h {1} min").format(n(hours), n(mins))
    elif hours:
        text = QCoreApplication.translate("Duration", "{0} h").format(n(hours))
    else:
        text = QCoreApplication.translate("Duration", "{0} min").format(n(mins))
    return sign + text


def format_relative(when: datetime, now: datetime, locale: QLocale | None = None) -> str:
    """ "in 3 h 5 min" / "3小时5分钟后", "2 d 4 h ago" / "2天4小时前"."""
    seconds = (when - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    if minutes == 0:
        return QCoreApplication.translate("Duration", "less than a minute")
    span = format_duration(minutes, locale)
    if seconds >= 0:
        return QCoreApplication.translate("Duration", "in {0}").format(span)
    return QCoreApplication.translate("Duration", "{0} ago").format(span)


def format_size(size: int, locale: QLocale | None = None) -> str:
    """Bytes in the largest unit that keeps a number >= 1, like opexdesk.domain.units.size_text
    but in the language: "950 bytes" / "950 字节", "12.5 KB", "1,023 KB"; a trailing ".0" is
    dropped. QLocale.formattedDataSize is not used: it says "1 bytes" and "kB"."""
    loc = _locale(locale)
    if size < 1024:
        if size == 1:
            return QCoreApplication.translate("DataSize", "1 byte")
        return QCoreApplication.translate("DataSize", "{0} bytes").format(
            format_number(size, 0, loc)
        )
    # Each unit is a whole text so a language can place or spell it its own way.
    units = (
        QCoreApplication.translate("DataSize", "{0} KB"),
        QCoreApplication.translate("DataSize", "{0} MB"),
        QCoreApplication.translate("DataSize", "{0} GB"),
    )
    value = float(size)
    for index, unit in enumerate(units):
        value /= 1024
        if value < 1024 or index == len(units) - 1:
            rounded = round(value, 1)
            decimals = 0 if rounded == int(rounded) else 1
            return unit.format(format_number(rounded, decimals, loc))
    raise AssertionError("unreachable")

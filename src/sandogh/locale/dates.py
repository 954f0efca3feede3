"""Gregorian dates shown in the Solar Hijri (Jalali) calendar, the official calendar of Iran.

The conversion and the month names are persiantools' (`JalaliDate.to_jalali`, its 33-year-cycle
arithmetic checked against known election days in the tests: 28 Khordad 1400, 8 and 15 Tir 1403).
Days are written without a leading zero, as in «۱۵ تیر ۱۴۰۳».
"""

from __future__ import annotations

import datetime

from persiantools.jdatetime import MONTH_NAMES_EN, MONTH_NAMES_FA, JalaliDate

from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang

_MONTH_NAMES: dict[Lang, list[str | None]] = {"fa": MONTH_NAMES_FA, "en": MONTH_NAMES_EN}


def _jalali(day: datetime.date) -> tuple[int, int, int]:
    converted = JalaliDate.to_jalali(day)  # type: ignore[no-untyped-call]  # persiantools leaves it unannotated
    return int(converted.year), int(converted.month), int(converted.day)


def format_jalali(day: datetime.date, lang: Lang) -> str:
    """2024-07-05 → «۱۵ تیر ۱۴۰۳» in Persian, '15 Tir 1403' in English."""
    year, month, day_of_month = _jalali(day)
    text = f"{day_of_month} {_MONTH_NAMES[lang][month]} {year}"
    return to_persian_digits(text) if lang == "fa" else text


TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30), "IRST")


def format_moment(at: datetime.datetime, lang: Lang) -> str:
    """A time as Tehran reads it: the Jalali day and the hour, in the language's digits."""
    local = at.astimezone(TEHRAN)
    shown = f"{format_jalali(local.date(), lang)}، {local:%H:%M}"
    return to_persian_digits(shown) if lang == "fa" else shown.replace("،", ",")


def jalali_iso(day: datetime.date) -> str:
    """2024-07-05 → '1403-04-15': the Jalali date in ISO 8601 order, ASCII digits."""
    year, month, day_of_month = _jalali(day)
    return f"{year:04d}-{month:02d}-{day_of_month:02d}"


_UNITS: dict[Lang, tuple[tuple[str, str], tuple[str, str]]] = {
    # (one, more) of minutes, then of seconds; Persian counts a noun in the singular
    "fa": (("دقیقه", "دقیقه"), ("ثانیه", "ثانیه")),
    "en": (("minute", "minutes"), ("second", "seconds")),
}


def format_duration(seconds: float, lang: Lang) -> str:
    """A span as a person says it, to the whole second: «۱۵ ثانیه», «۲ دقیقه و ۳۰ ثانیه»,
    "2 minutes 30 seconds" (issue 13: not «۰.۲۵ دقیقه»)."""
    minutes, rest = divmod(max(round(seconds), 0), 60)
    parts = [
        f"{count} {one if count == 1 else more}"
        for count, (one, more) in zip((minutes, rest), _UNITS[lang], strict=True)
        if count
    ] or [f"0 {_UNITS[lang][1][1]}"]
    shown = (" و " if lang == "fa" else " ").join(parts)
    return to_persian_digits(shown) if lang == "fa" else shown

"""Jalali dates of the election days in reference/seed-facts.md."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from persiantools.jdatetime import JalaliDate

from sandogh.locale.dates import format_jalali, jalali_iso


@pytest.mark.parametrize(
    ("day", "fa", "en", "iso"),
    [
        (datetime.date(2024, 7, 5), "۱۵ تیر ۱۴۰۳", "15 Tir 1403", "1403-04-15"),  # runoff
        (datetime.date(2024, 6, 28), "۸ تیر ۱۴۰۳", "8 Tir 1403", "1403-04-08"),  # round 1
        (datetime.date(2021, 6, 18), "۲۸ خرداد ۱۴۰۰", "28 Khordad 1400", "1400-03-28"),
        (datetime.date(2024, 7, 6), "۱۶ تیر ۱۴۰۳", "16 Tir 1403", "1403-04-16"),  # the report
        (datetime.date(2024, 3, 20), "۱ فروردین ۱۴۰۳", "1 Farvardin 1403", "1403-01-01"),
        (datetime.date(2025, 3, 20), "۳۰ اسفند ۱۴۰۳", "30 Esfand 1403", "1403-12-30"),  # leap
    ],
)
def test_jalali(day: datetime.date, fa: str, en: str, iso: str) -> None:
    assert format_jalali(day, "fa") == fa
    assert format_jalali(day, "en") == en
    assert jalali_iso(day) == iso


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_iso_jalali_converts_back(day: datetime.date) -> None:
    year, month, day_of_month = (int(part) for part in jalali_iso(day).split("-"))
    back = JalaliDate(year, month, day_of_month)  # type: ignore[no-untyped-call]  # unannotated
    assert back.to_gregorian() == day
    assert "ي" not in format_jalali(day, "fa")
    assert "ك" not in format_jalali(day, "fa")

"""The kiosk's labels: both languages say the same things with the same placeholders, Persian in
Persian letters and digits."""

from __future__ import annotations

from sandogh.locale.messages import placeholders
from sandogh.station.web.labels import EN, FA, label


def test_persian_and_english_have_the_same_keys_and_placeholders() -> None:
    assert FA.keys() == EN.keys()
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }
    assert [k for k, v in FA.items() if "ي" in v or "ك" in v] == []


def test_a_queued_report_is_told_in_the_language_digits() -> None:
    at = "۱۲:۳۰:۰۵"
    assert label("kiosk_next_try", "fa", attempts=3, at=at) == (
        "تلاش خودکار بعدی: ساعت ۱۲:۳۰:۰۵ (۳ تلاش تاکنون)"
    )
    assert label("kiosk_next_try", "en", attempts=3, at="12:30:05") == (
        "Next automatic try: 12:30:05 (3 attempts so far)"
    )

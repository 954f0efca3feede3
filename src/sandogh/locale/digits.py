"""Digits and numbers as each language prints them.

Persian text uses the Extended Arabic-Indic digits ۰–۹ (U+06F0–U+06F9), the Arabic thousands
separator ٬ (U+066C), decimal separator ٫ (U+066B) and percent sign ٪ (U+066A), as the Persian
keyboard standard ISIRI 9147 and Unicode CLDR's `fa` locale do. Input may also carry the
Arabic-Indic digits ٠–٩ (U+0660–U+0669) that Arabic keyboards produce; both are accepted.
Shares are exact `Fraction`s rounded half away from zero ("half up" on magnitudes, as results are
printed), never through `float`.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from persiantools import digits as _persiantools_digits

from sandogh.locale.language import Lang

_SEPARATORS: dict[Lang, tuple[str, str]] = {"fa": ("\u066c", "\u066b"), "en": (",", ".")}
_PERCENT_SIGN: dict[Lang, str] = {"fa": "\u066a", "en": "%"}


# persiantools' two tables in one: a results page writes half a million figures, one pass each
_TO_PERSIAN = {**_persiantools_digits.AR_TO_FA_MAP, **_persiantools_digits.EN_TO_FA_MAP}


def to_persian_digits(text: str) -> str:
    """Write ASCII and Arabic-Indic digits in `text` as Persian digits; nothing else changes."""
    return str.translate(text, _TO_PERSIAN)


def to_ascii_digits(text: str) -> str:
    """Write Persian and Arabic-Indic digits in `text` as ASCII digits; nothing else changes."""
    return str(_persiantools_digits.fa_to_en(_persiantools_digits.ar_to_fa(text)))


def _localise(text: str, lang: Lang) -> str:
    return to_persian_digits(text) if lang == "fa" else text


def _round_half_up(value: Fraction, places: int) -> int:
    """`value` × 10^places rounded to the nearest whole number, halves away from zero."""
    if places < 0:
        raise ValueError(f"places must not be negative, got {places}")
    return _ratio_half_up(value.numerator, value.denominator, places)


def _ratio_half_up(numerator: int, denominator: int, places: int) -> int:
    """`_round_half_up` of numerator / denominator (denominator > 0) in whole numbers, without
    building a `Fraction`: the results site rounds every share of every page."""
    scale: int = 10**places  # annotated: a variable power of ten is typed as Any
    whole, rest = divmod(abs(numerator) * scale, denominator)
    if 2 * rest >= denominator:
        whole += 1
    return -whole if numerator < 0 else whole


@lru_cache(maxsize=1 << 16)
def _decimal(scaled: int, places: int, lang: Lang) -> str:
    """A signed whole number of 10^-places units, grouped by thousands, in `lang`'s digits.
    Kept for the figures printed again: a unit's on its page, its parent's and the round's
    after, and the small counts and shares every page has (~570 figures a page)."""
    thousands, point = _SEPARATORS[lang]
    whole, fraction = divmod(abs(scaled), 10**places)
    text = f"{whole:,}".replace(",", thousands)
    if places:
        text += point + f"{fraction:0{places}d}"
    return _localise(("-" if scaled < 0 else "") + text, lang)


def format_int(number: int, lang: Lang) -> str:
    """`1276092` → '1,276,092' in English, '۱٬۲۷۶٬۰۹۲' in Persian."""
    return _decimal(number, 0, lang)


def format_percent(share: Fraction, lang: Lang, places: int = 1) -> str:
    """A share of one as a percentage: `Fraction(1276092, 2324254)` → '54.9%' or '۵۴٫۹٪'."""
    return format_ratio_percent(share.numerator, share.denominator, lang, places)


def format_ratio_percent(numerator: int, denominator: int, lang: Lang, places: int = 1) -> str:
    """`format_percent` of numerator / denominator (denominator > 0), in whole numbers."""
    if places < 0:
        raise ValueError(f"places must not be negative, got {places}")
    scaled = _ratio_half_up(100 * numerator, denominator, places)
    return _decimal(scaled, places, lang) + _PERCENT_SIGN[lang]


def shown_share(share: Fraction, places: int) -> Fraction:
    """The share of one that `format_percent(share, lang, places)` shows, exactly: a difference
    of two shown shares then agrees with the figures a reader subtracts."""
    return Fraction(_round_half_up(share * 100, places), 10**places) / 100


def format_points(change: Fraction, lang: Lang, places: int = 0) -> str:
    """The difference of two shares of one, in percentage points with its sign.

    `Fraction(9, 100)` → '+9 points' or '+۹ واحد درصد'; a change that rounds to nothing has no sign.
    """
    scaled = _round_half_up(change * 100, places)
    number = ("+" if scaled > 0 else "") + _decimal(scaled, places, lang)
    if lang == "fa":
        return f"{number} واحد درصد"
    return f"{number} {'point' if places == 0 and abs(scaled) == 1 else 'points'}"

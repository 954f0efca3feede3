"""Whole numbers in words, as officials read results aloud.

Persian follows the official reading «یک میلیون و دویست و هفتاد و شش هزار و نود و دو»: groups of
three joined by «و», with یکصد for one hundred (persiantools' `to_word`, checked against the
Kerman 1403 report figures in the tests). English uses the American short scale without "and":
"one million two hundred seventy-six thousand ninety-two".
"""

from __future__ import annotations

from persiantools import digits as _persiantools_digits

from sandogh.locale.language import Lang

#: Words stop below one quadrillion, the limit of persiantools' Persian reading.
LIMIT = 10**15

# fmt: off
_EN_SMALL = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on
_EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _english_below_thousand(number: int) -> list[str]:
    hundreds, rest = divmod(number, 100)
    words = [_EN_SMALL[hundreds], "hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_SMALL[ones]}" if ones else ""))
    elif rest:
        words.append(_EN_SMALL[rest])
    return words


def _english(number: int) -> str:
    if number == 0:
        return _EN_SMALL[0]
    words: list[str] = []
    for scale, name in _EN_SCALES:
        group, number = divmod(number, scale)
        if group:
            words += [*_english_below_thousand(group), name]
    return " ".join(words + _english_below_thousand(number))


def in_words(number: int, lang: Lang) -> str:
    """`number` (0 ≤ number < 10^15) in words: 0 → «صفر» / "zero"."""
    if not 0 <= number < LIMIT:
        raise ValueError(f"only whole numbers from 0 to {LIMIT - 1} are read out, got {number}")
    if lang == "fa":
        return str(_persiantools_digits.to_word(number))
    return _english(number)

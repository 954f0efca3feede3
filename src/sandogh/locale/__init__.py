"""Persian and English text: digits, numbers in words, Jalali dates and the message catalogue."""

from sandogh.locale.dates import format_jalali, jalali_iso
from sandogh.locale.digits import (
    format_int,
    format_percent,
    format_points,
    format_ratio_percent,
    shown_share,
    to_ascii_digits,
    to_persian_digits,
)
from sandogh.locale.language import Lang
from sandogh.locale.messages import MessageValuesError, UnknownMessageError, text
from sandogh.locale.words import in_words

__all__ = [
    "Lang",
    "MessageValuesError",
    "UnknownMessageError",
    "format_int",
    "format_jalali",
    "format_percent",
    "format_points",
    "format_ratio_percent",
    "in_words",
    "jalali_iso",
    "shown_share",
    "text",
    "to_ascii_digits",
    "to_persian_digits",
]

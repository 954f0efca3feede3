"""The national code (کد ملی): reading it as people type it, and its check digit.

`reference/iran-election-rules.md` ("National code (کد ملی) check digit"): normalise Persian
(۰–۹) and Arabic-Indic (٠–٩) digits to ASCII, strip spaces and dashes, accept 8–10 digits and
left-pad to 10; reject codes whose ten digits are all the same (they pass the checksum). With
d_1 … d_9 the first nine digits, S = Σ d_i × (11 − i) (weights 10 down to 2), r = S mod 11, and
the check digit d_10 is r when r < 2, otherwise 11 − r.

Because r = 1 and r = 10 both give the check digit 1, the check digit does not catch every
single-digit error: a change in one of the first nine digits that moves r from 1 to 10, or from
10 to 1, keeps the code valid. Every other single-digit change is caught, since 11 is prime and
no weight is a multiple of 11, so a change of one digit always changes r.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.errors import SandoghError

LENGTH = 10
SHORTEST = 8  # older codes were issued and printed without their leading zeros

_DIGITS = "0123456789"
_ASCII_DIGITS = frozenset(_DIGITS)
# Persian keyboards type ۰–۹ (U+06F0–U+06F9), Arabic ones ٠–٩ (U+0660–U+0669).
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", _DIGITS * 2)
# The dashes people and forms put between groups of digits: hyphen-minus, the Unicode hyphens and
# dashes, the minus sign, and the tatweel (ـ) Persian text uses to stretch a join.
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212\u0640")


class CodeFault(StrEnum):
    """Why a text is not a national code."""

    NOT_DIGITS = "not-digits"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    SAME_DIGIT = "same-digit"
    WRONG_CHECK_DIGIT = "wrong-check-digit"


class NationalCodeError(SandoghError):
    """`text` is not a national code, because of `fault`.

    `digits` is the text as read (digits normalised, spaces and dashes removed, padded to ten when
    it has 8–10 digits); `expected_check_digit` is set for a wrong check digit, `found` holds the
    characters that are not digits.
    """

    def __init__(
        self,
        text: str,
        fault: CodeFault,
        digits: str,
        *,
        expected_check_digit: int | None = None,
        found: str = "",
    ) -> None:
        self.text = text
        self.fault = fault
        self.digits = digits
        self.expected_check_digit = expected_check_digit
        self.found = found
        super().__init__(f"national code {text!r}: {self._explain()}")

    def _explain(self) -> str:
        match self.fault:
            case CodeFault.NOT_DIGITS:
                return f"only digits may be given, found {self.found!r}"
            case CodeFault.TOO_SHORT:
                return f"{len(self.digits)} digits, at least {SHORTEST} are needed"
            case CodeFault.TOO_LONG:
                return f"{len(self.digits)} digits, at most {LENGTH} are allowed"
            case CodeFault.SAME_DIGIT:
                return "all ten digits are the same, which no real code is"
            case CodeFault.WRONG_CHECK_DIGIT:
                return (
                    f"the check digit is {self.digits[-1]}, "
                    f"it should be {self.expected_check_digit}"
                )


@dataclass(frozen=True)
class NationalCode:
    """A valid national code in its canonical form, ten ASCII digits; building one checks it.

    Codes as people type them are read with `parse_national_code`.
    """

    digits: str

    def __post_init__(self) -> None:
        if _checked(self.digits, self.digits) != self.digits:
            raise ValueError(f"a national code holds ten digits, got {self.digits!r}")

    def __str__(self) -> str:
        return self.digits


def check_digit(first_nine: str) -> int:
    """The check digit that follows nine ASCII digits."""
    if len(first_nine) != LENGTH - 1 or not set(first_nine) <= _ASCII_DIGITS:
        raise ValueError(f"nine ASCII digits are needed, got {first_nine!r}")
    r = sum(int(d) * (LENGTH - i) for i, d in enumerate(first_nine)) % 11
    return r if r < 2 else 11 - r


def parse_national_code(text: str) -> NationalCode:
    """Read a national code as typed; raise `NationalCodeError` saying why when it is not one."""
    if len(text) == LENGTH and text.isascii() and text.isdigit():
        read = text  # as a box sends it: nothing to translate or strip (a check-in's own work)
    else:
        read = "".join(c for c in text.translate(_TO_ASCII) if not c.isspace() and c not in _DASHES)
    code = object.__new__(NationalCode)  # checked once, here: building one would check it again
    object.__setattr__(code, "digits", _checked(text, read))
    return code


def _checked(text: str, read: str) -> str:
    """`read` padded to ten digits, or the `NationalCodeError` for `text` saying what is wrong."""
    strange = "".join(dict.fromkeys(c for c in read if c not in _ASCII_DIGITS))
    if strange:
        raise NationalCodeError(text, CodeFault.NOT_DIGITS, read, found=strange)
    if len(read) < SHORTEST:
        raise NationalCodeError(text, CodeFault.TOO_SHORT, read)
    if len(read) > LENGTH:
        raise NationalCodeError(text, CodeFault.TOO_LONG, read)
    digits = read.zfill(LENGTH)
    if len(set(digits)) == 1:
        raise NationalCodeError(text, CodeFault.SAME_DIGIT, digits)
    expected = check_digit(digits[:-1])
    if int(digits[-1]) != expected:
        raise NationalCodeError(
            text, CodeFault.WRONG_CHECK_DIGIT, digits, expected_check_digit=expected
        )
    return digits

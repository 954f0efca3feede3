"""The exact scalars of a definition file: shares, decimal degrees and dates (`docs/formats.md`).

A share is a fraction (`'1/2'`), a decimal (`0.2`) or a percentage (`'20%'`), always read exactly
as a `Fraction`; a coordinate is decimal degrees kept as a `Decimal`; a date is written
`2024-07-05`, without a time. Each is also written back in one canonical text, so that the same
value always gives the same bytes and hash. A value that does not fit is refused with a message
that shows it as the file wrote it.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from fractions import Fraction
from typing import Annotated

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from sandogh.formats.written import WrittenDecimal

_FRACTION = re.compile(r"(-?[0-9]+)\s*/\s*([0-9]+)")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def shown(value: object) -> str:
    """`value` as the file wrote it, so far as YAML lets us know, shortened."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, WrittenDecimal):
        text = value.written
    elif isinstance(value, Decimal | int | datetime.date):
        text = str(value)
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _fraction(value: object) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, Decimal) and value.is_finite():
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        percent = text.endswith("%")
        number = text.removesuffix("%").rstrip()
        if (match := _FRACTION.fullmatch(number)) and not percent and int(match.group(2)):
            return Fraction(int(match.group(1)), int(match.group(2)))
        if _DECIMAL.fullmatch(number):
            return Fraction(Decimal(number)) / (100 if percent else 1)
    raise PydanticCustomError(
        "sandogh",
        "must be a fraction such as '1/2', '0.2' or '20%' (got {got})",
        {"got": shown(value)},
    )


def fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def decimal_text(value: Decimal) -> str:
    """The shortest exact decimal text: no exponent, no trailing zeros, no negative zero."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _coordinate(value: object) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return Decimal(decimal_text(value))
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        return Decimal(decimal_text(Decimal(value.strip())))
    raise PydanticCustomError(
        "sandogh", "must be decimal degrees such as '30.2839' (got {got})", {"got": shown(value)}
    )


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("sandogh", "{got} is not a date", {"got": value}) from None
    raise PydanticCustomError(
        "sandogh",
        "must be a date written 2024-07-05, without a time (got {got})",
        {"got": shown(value)},
    )


Share = Annotated[
    Fraction,
    PlainValidator(_fraction),
    PlainSerializer(fraction_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?[0-9]+(\s*/\s*[0-9]+|(\.[0-9]+)?\s*%?)\s*$"},
            ],
            "description": "exact: '1/2', '0.2', '20%' or a whole number",
        }
    ),
]
Degrees = Annotated[
    Decimal,
    PlainValidator(_coordinate),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?[0-9]+(\.[0-9]+)?\s*$"},
            ]
        }
    ),
]
IsoDate = Annotated[
    datetime.date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]

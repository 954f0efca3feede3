"""What a file wrote, as a message shows it back: every character visible, every number as written.

A refused file's message echoes what the file holds (a key, a value), and the reader looks for
it in the file: a NUL or a direction override echoed raw would hide part of it or reorder the
line around it, and `1449E0` read as the number 1449 would be shown as `1449`, which is a whole
number, beside the words "must be a whole number".
"""

from __future__ import annotations

import re
from decimal import Decimal

#: What no text of a definition holds (`formats.definition_problems.odd_character` says which):
#: the control characters (NUL, line breaks, C1), which no printed name has, and the explicit
#: direction embeddings, overrides and isolates, one of which left open reorders the figures and
#: codes after it on a page (the pages set a name's direction themselves). The zero-width
#: non-joiner and the marks U+200E/U+200F that Persian text uses are not among them.
ODD_CHARACTERS = r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# ... and half of a character (a lone surrogate, JSON's "\\ud800"): none shows as itself.
_UNSHOWN = re.compile(rf"[{ODD_CHARACTERS}\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` with each character that would not show as itself on a terminal or a page (see
    `ODD_CHARACTERS`: a NUL, an escape, an override) written as its escape (`\\x00`), so that a
    message echoing what a file wrote shows all of it and nothing else."""
    return _UNSHOWN.sub(lambda found: repr(found.group())[1:-1], text)


class WrittenDecimal(Decimal):
    """A number written with an exponent (`1449E0`), whose `Decimal` would be shown otherwise
    (`1449`): it keeps the text the file wrote, for a message. Only the readers' messages ever
    see one: the definition's fields that take a number with a point make their own values."""

    __slots__ = ("written",)
    written: str


def exact_number(text: str) -> Decimal:
    """A number with a point or an exponent, read exactly; one with an exponent keeps its text."""
    if "e" not in text and "E" not in text:
        return Decimal(text)
    number = WrittenDecimal(text)
    number.written = text
    return number

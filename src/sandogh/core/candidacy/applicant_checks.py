"""What an applicant's declared names and documents must be to be registered (review S19, F10).

A name goes on every list, ballot and result page: a right-to-left override (U+202E) shows it
reversed, other bidirectional controls (Unicode Standard Annex #9, §2: LRE, RLE, PDF, LRO, RLO,
LRI, RLI, FSI, PDI, LRM, RLM, ALM) reorder what surrounds it, and zero-width characters (U+200B
ZWSP, U+200D ZWJ, U+2060 WJ, U+FEFF) make two names that look alike differ, or a blank name look
filled. So a name holds no control or format character (Unicode general categories Cc and Cf, and
the line and paragraph separators Zl, Zp) except the zero-width non-joiner U+200C, which Persian
writing needs inside a word (می‌شود) — and only there: not at either end, not twice in a row. A
name is not blank once its spaces (and any ZWNJ) are taken away; the Persian name is always
needed, the English one only when given at all is checked.

A document kind is one of the calendar's (`Conditions.documents`) where it lists any, and each kind
is handed in once. `tidied` trims the spaces around the names before they are checked and stored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.candidacy.conditions import Applicant, Conditions

ZWNJ = "\u200c"
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


class Fault(StrEnum):
    BLANK = "blank"
    HIDDEN = "hidden"  # a control, bidirectional or zero-width character
    STRAY_ZWNJ = "stray-zwnj"  # a ZWNJ at an end of the name or twice in a row
    UNKNOWN_DOCUMENT = "unknown-document"
    DUPLICATE_DOCUMENT = "duplicate-document"


@dataclass(frozen=True)
class BadField:
    """`field` ("name_fa", "name_en", "documents") has `fault`; `detail` what was found (the
    characters as U+XXXX, or the document kind)."""

    field: str
    fault: Fault
    detail: str = ""


def tidied(applicant: Applicant) -> Applicant:
    """`applicant` with the spaces around the names taken away."""
    return replace(applicant, name_fa=applicant.name_fa.strip(), name_en=applicant.name_en.strip())


def applicant_problems(applicant: Applicant, conditions: Conditions | None) -> tuple[BadField, ...]:
    """Every fault of the names and documents of `applicant`, the field named."""
    found = list(_name_problems("name_fa", applicant.name_fa, required=True))
    found.extend(_name_problems("name_en", applicant.name_en, required=False))
    known = set(conditions.documents) if conditions is not None else set()
    seen: set[str] = set()
    for kind, _ in applicant.documents:
        if known and kind not in known:
            found.append(BadField("documents", Fault.UNKNOWN_DOCUMENT, kind))
        elif kind in seen:
            found.append(BadField("documents", Fault.DUPLICATE_DOCUMENT, kind))
        seen.add(kind)
    return tuple(found)


def _name_problems(field: str, name: str, *, required: bool) -> Iterator[BadField]:
    hidden = sorted(
        {c for c in name if c != ZWNJ and unicodedata.category(c) in _REFUSED_CATEGORIES}
    )
    if hidden:
        yield BadField(field, Fault.HIDDEN, " ".join(f"U+{ord(c):04X}" for c in hidden))
    seen = name.strip()
    if not seen.replace(ZWNJ, "").strip():
        if required or name:
            yield BadField(field, Fault.BLANK)
        return
    if seen.startswith(ZWNJ) or seen.endswith(ZWNJ) or ZWNJ * 2 in seen:
        yield BadField(field, Fault.STRAY_ZWNJ)

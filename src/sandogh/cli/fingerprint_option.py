"""`verify-election --anchor`'s values held to the two forms a fingerprint has (docs/e2e.md §10,
V0): `sha256:` and 64 hex digits, or the short form's 40 decimal digits (Latin, Persian or Arabic,
with any separators between them). Anything else is no record's fingerprint: a usage error
(Typer's exit 2), named in Persian and English, not a V0 mismatch to chase (outside review,
issue 10: `--anchor ""` and `--anchor sha256:zz` read as "another record").
"""

from __future__ import annotations

import unicodedata

import typer

from sandogh.core.report.digests import DIGEST

SHORT_DIGITS = 40  # core.anchor.record.short_fingerprint's ten groups of four
_SEPARATORS = frozenset(" \t-‐‑–—_.,/\u200c\u200e\u200f")
_SHOWN = 60  # characters of a refused value quoted back


def is_fingerprint(text: str) -> bool:
    """Whether `text` has the form of a fingerprint, long or short (not whether it matches)."""
    if DIGEST.fullmatch(text.strip().lower()):
        return True
    digits = sum(unicodedata.decimal(c, None) is not None for c in text)
    others = (c for c in text if unicodedata.decimal(c, None) is None)
    return digits == SHORT_DIGITS and all(c in _SEPARATORS for c in others)


def checked_anchors(values: list[str] | None) -> list[str] | None:
    """The `--anchor` option's callback: every value given is of a fingerprint's form."""
    for value in values or ():
        if not is_fingerprint(value):
            shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
            raise typer.BadParameter(
                f"«{shown}» اثر انگشت نیست: sha256: و ۶۴ رقم شانزده‌شانزدهی، یا شکل کوتاه آن با "
                f"۴۰ رقم — {shown!r} is not a fingerprint: sha256: and 64 hex digits, or its "
                "short form of 40 digits",
                param_hint="--anchor",
            )
    return values

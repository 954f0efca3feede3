"""The documents an applicant hands in, by the names the calendar's kinds stand for.

A calendar lists the documents a contest's applicants must hand in by kind (`birth-certificate`,
`national-card`, …); a person reads their names. A kind not named here is a
calendar's own and is shown as the calendar gives it.
"""

from __future__ import annotations

from sandogh.locale.language import Lang

_NAMES: dict[Lang, dict[str, str]] = {
    "fa": {
        "birth-certificate": "شناسنامه",
        "national-card": "کارت ملی",
        "degree": "مدرک تحصیلی",
        "no-criminal-record": "گواهی عدم سوءپیشینه کیفری",
    },
    "en": {
        "birth-certificate": "birth certificate",
        "national-card": "national card",
        "degree": "degree",
        "no-criminal-record": "certificate of no criminal record",
    },
}


def document_name(kind: str, lang: Lang) -> str:
    """The document of `kind` by its name in `lang`; an unnamed kind «as the calendar gives it»."""
    named = _NAMES[lang].get(kind)
    if named is not None:
        return named
    return f"مدرک «{kind}»" if lang == "fa" else f"document «{kind}»"

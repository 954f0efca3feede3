"""The message catalogue: every label and sentence sandogh shows, in Persian and in English.

Both languages have exactly the same keys and the same `{placeholders}` (a test holds them to it).
Persian follows the official terms of the election law and the reports in
`reference/seed-facts.md` (آرای مأخوذه, آرای صحیح, آرای باطله, تعرفه, شعبه), with the Persian
letters ی and ک and the zero-width non-joiner (U+200C) where the orthography of the Academy of
Persian Language and Literature puts it («تعرفه‌های», «رأی‌دهندگان», «علی‌البدل»).
"""

from __future__ import annotations

from string import Formatter

from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang

__all__ = ["EN", "FA", "Lang", "MessageValuesError", "UnknownMessageError", "placeholders", "text"]

FA: dict[str, str] = {
    # ballots (آرا) and their kinds
    "cast": "آرای مأخوذه",
    "valid": "آرای صحیح",
    "invalid": "آرای باطله",
    "invalid_blank": "سفید",
    "invalid_illegible": "ناخوانا",
    "invalid_non_candidate": "نام غیرنامزد",
    "invalid_multiple_names": "بیش از یک نام",
    "void": "باطله غیرمأخوذه",
    # ballot papers (تعرفه)
    "papers_received": "تعرفه‌های دریافتی",
    "papers_used": "تعرفه‌های مصرفی",
    "papers_unused": "تعرفه‌های مصرف‌نشده",
    "papers_spoiled": "تعرفه‌های باطل‌شده",
    # participation
    "eligible_voters": "واجدان شرایط رأی‌دادن",
    "turnout": "مشارکت",
    "turnout_by_papers": "مشارکت بر پایه تعرفه‌های مصرفی",
    "stations_reported": "{reported} شعبه از {total} شعبه گزارش داده‌اند",
    "change_in_points": "تغییر (واحد درصد)",
    # outcomes and checks
    "elected": "منتخب",
    "advances_to_runoff": "راه‌یافته به دور دوم",
    "alternate": "علی‌البدل",
    "margin": "اختلاف آرا",
    "agrees": "مطابق است",
    "disagrees": "مغایرت دارد",
    "round": "دور {number}",
    # the geography
    "nation": "کشور",
    "province": "استان",
    "county": "شهرستان",
    "district": "بخش",
    "city": "شهر",
    "village": "روستا",
    "station": "شعبه",
    # the command's tables and sentences
    "definition_hash": "چکیده تعریف انتخابات",
    "candidate": "نامزد",
    "code": "کد",
    "votes": "آرا",
    "votes_of": "آرای {name}",
    "percent": "درصد",
    "reading": "خواندن",
    "storing": "ذخیره",
    "figure": "رقم",
    "value": "مقدار",
    "stations": "شعبه‌ها",
    "leader": "پیشتاز",
    "no_findings": "همه ارقام با هم می‌خوانند.",
    "findings": "{count} مغایرت در ارقام:",
    "expected": "انتظار:",
    "compared_with_previous": "مشارکت: دور پیش {before}، این دور {after} ({change})",
    "votes_needed": "حد نصاب: {needed} رأی از {base}",
    "status_runoff": "دور دوم: {count} نامزد برای {seats} کرسی باقی‌مانده",
    "status_lot_required": "تساوی آرا: برای {tied} قرعه لازم است",
    "status_decided": "{count} منتخب",
    "lot_drawn": "قرعه با بذر {seed}، کشیده‌شده به دست {by}",
    "loaded": "تعریف «{election}» ذخیره شد.",
    "already_loaded": "تعریف «{election}» پیش‌تر با همین چکیده ذخیره شده بود؛ چیزی تغییر نکرد.",
    "imported": "{sheets} صورتجلسه برای {election} ذخیره شد.",
    "printed": "اعلام‌شده",
    "stored": "ثبت‌شده",
    "previous_turnout": "مشارکت دور پیش",
    "turnout_change": "تغییر مشارکت",
    "more": "({amount} بیشتر)",
    "fewer": "({amount} کمتر)",
    "against": "سنجیده با",
    "check": "سنجش",
    "verdict": "نتیجه",
    "unknown": "نامعلوم",
    "basis_stored": "نتایج ثبت‌شده",
    "basis_printed": "دیگر ارقام همان گزارش",
    "demo_loaded": "{election} بارگذاری شد.",
    "demo_province_only": "این پیامدها تنها بر پایه آرای استان کرمان است؛ نتیجه کشوری جداست.",
}

EN: dict[str, str] = {
    "cast": "Ballots cast",
    "valid": "Valid",
    "invalid": "Invalid",
    "invalid_blank": "Blank",
    "invalid_illegible": "Illegible",
    "invalid_non_candidate": "Non-candidate names",
    "invalid_multiple_names": "More than one name",
    "void": "Void (not counted as cast)",
    "papers_received": "Ballot papers received",
    "papers_used": "Ballot papers used",
    "papers_unused": "Ballot papers unused",
    "papers_spoiled": "Ballot papers spoiled",
    "eligible_voters": "Eligible voters",
    "turnout": "Turnout",
    "turnout_by_papers": "Turnout by ballot papers",
    "stations_reported": "{reported} of {total} stations reported",
    "change_in_points": "Change (points)",
    "elected": "Elected",
    "advances_to_runoff": "Advances to runoff",
    "alternate": "Alternate",
    "margin": "Margin",
    "agrees": "agrees",
    "disagrees": "disagrees",
    "round": "Round {number}",
    "nation": "Nation",
    "province": "Province",
    "county": "County",
    "district": "District",
    "city": "City",
    "village": "Village",
    "station": "Polling station",
    "definition_hash": "Definition hash",
    "candidate": "Candidate",
    "code": "Code",
    "votes": "Votes",
    "votes_of": "Votes for {name}",
    "percent": "%",
    "reading": "reading",
    "storing": "storing",
    "figure": "Figure",
    "value": "Value",
    "stations": "Stations",
    "leader": "Leader",
    "no_findings": "Every figure reconciles.",
    "findings": "{count} figures do not reconcile:",
    "expected": "expected",
    "compared_with_previous": "Turnout: previous round {before}, this round {after} ({change})",
    "votes_needed": "Needed: {needed} votes of {base}",
    "status_runoff": "Runoff: {count} candidates for the seats left ({seats})",
    "status_lot_required": "A tie decides the result: a lot must be drawn for {tied}",
    "status_decided": "{count} elected",
    "lot_drawn": "Lot drawn with seed {seed} by {by}",
    "loaded": "Stored the definition of “{election}”.",
    "already_loaded": "“{election}” was already stored with this same hash; nothing changed.",
    "imported": "Stored {sheets} tally sheets for {election}.",
    "printed": "printed",
    "stored": "stored",
    "previous_turnout": "Previous round's turnout",
    "turnout_change": "Change in turnout",
    "more": "({amount} more)",
    "fewer": "({amount} fewer)",
    "against": "Against",
    "check": "Check",
    "verdict": "Verdict",
    "unknown": "unknown",
    "basis_stored": "stored results",
    "basis_printed": "the report's other figures",
    "demo_loaded": "Loaded {election}.",
    "demo_province_only": (
        "These outcomes count Kerman province's ballots alone; "
        "the national result is another matter."
    ),
}

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


class UnknownMessageError(KeyError):
    """A message key that is not in the catalogue."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class MessageValuesError(ValueError):
    """The values given do not match the message's placeholders; names every one that is off."""

    def __init__(self, key: str, missing: frozenset[str], unexpected: frozenset[str]) -> None:
        super().__init__(
            f"message {key!r}: missing values {sorted(missing)},"
            f" unexpected values {sorted(unexpected)}"
        )
        self.key = key
        self.missing = missing
        self.unexpected = unexpected


def placeholders(template: str) -> frozenset[str]:
    """The names of the `{placeholders}` in a message template."""
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name is not None)


def text(key: str, lang: Lang, **values: str | int) -> str:
    """The message `key` in `lang`, its placeholders filled; whole numbers in `lang`'s digits."""
    try:
        template = _CATALOGUE[lang][key]
    except KeyError:
        raise UnknownMessageError(key) from None
    expected = placeholders(template)
    if expected != values.keys():
        raise MessageValuesError(key, expected - values.keys(), frozenset(values) - expected)
    return template.format_map(
        {
            name: format_int(value, lang) if isinstance(value, int) else value
            for name, value in values.items()
        }
    )

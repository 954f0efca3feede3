"""The message catalogue: every label and sentence sandogh shows, in Persian and in English.

Both languages have exactly the same keys and the same `{placeholders}` (a test holds them to it).
Persian follows the official terms of the election law and the reports in
`reference/seed-facts.md` (آرای مأخوذه, آرای صحیح, آرای باطله, تعرفه, شعبه), with the Persian
letters ی and ک and the zero-width non-joiner (U+200C) where the orthography of the Academy of
Persian Language and Literature puts it («تعرفه‌های», «رأی‌دهندگان», «علی‌البدل»).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from string import Formatter

from sandogh.locale import box_screens
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang

__all__ = [
    "EN",
    "FA",
    "Lang",
    "MessageValuesError",
    "UnknownMessageError",
    "placeholders",
    "text",
    "text_in",
]

FA: dict[str, str] = {
    # ballots (آرا) and their kinds
    "cast": "آرای مأخوذه",
    "valid": "آرای صحیح",
    "invalid": "آرای باطله",
    "invalid_blank": "سفید",
    "invalid_illegible": "ناخوانا",
    # the seeds' words: «رای سفید یا اسامی که جزو نامزدها نبوده»; crossed out (مخدوش)
    "invalid_non_candidate": "اسامی غیر از نامزدها",
    "invalid_multiple_names": "بیش از یک نام",
    "invalid_crossed_out": "مخدوش",
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
    "units_page": "صفحهٔ {page} از {pages} صفحهٔ واحدهای زیر این واحد ({below} واحد)",
    "kept_unchecked": "{contest} هنوز تأیید نشده است: جمع هر واحد همان جمعی است که با رسیدن"
    " صورتجلسه‌ها نگه داشته شده؛ این خواندن آن را با ریشه‌ای که دفتر رویدادها آخرین بار ثبت کرده"
    " است می‌سنجد. بررسی جمع‌ها همه صورتجلسه‌ها را دوباره جمع می‌زند.",
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
    # a province or county as a heading names it (`definition_names.named_place`)
    "named_province": "استان {name}",
    "named_county": "شهرستان {name}",
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
    "tied": "برابر: {names}",
    "no_findings": "ارقام نشان‌داده‌شده با هم می‌خوانند.",
    "findings": "{count} مغایرت در ارقام:",
    "expected": "انتظار:",
    "compared_with_previous": "مشارکت: دور پیش {before}، این دور {after} ({change})",
    "votes_needed": "حد نصاب: {needed} رأی از {base}",
    "status_runoff": "دور دوم: {count} نامزد برای {seats} کرسی باقی‌مانده",
    "status_lot_required": "تساوی آرا: برای {tied} قرعه لازم است",
    "status_decided": "{count} منتخب",
    # `outcome` before every station has reported, in the site's words (docs/publish.md)
    "status_partial": (
        "نتیجه نهایی نیست: {reported} شعبه از {total} شعبه گزارش داده‌اند؛ "
        "تا گزارش همه شعبه‌ها کسی منتخب نیست"
    ),
    "leading": "پیشتاز",
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
    # a station report refused against the pre-election record and registered staff (issue 9)
    "refused_not_in_record": "صندوق در سیاهه پیش از انتخابات برای این شعبه ثبت نشده است",
    "refused_replaced_device": "این صندوق با اصلاحیه سیاهه جایگزین شده است "
    "و صورتجلسه نهایی نمی‌فرستد",
    "refused_unregistered_staff": "امضای کسی که در این شعبه ثبت نشده است",
    "refused_staff_role_mismatch": "امضا با سمتی جز سمت ثبت‌شده امضاکننده",
    "refused_missing_staff": "صورتجلسه نهایی امضای دست‌کم دو عضو ثبت‌شده شعبه، "
    "از جمله رئیس شعبه، را ندارد",
    "refused_no_zero_report": "این صندوق پیش از این صورتجلسه آغاز رأی‌گیری نفرستاده است",
    # a station report refused for the box's build (issue 12)
    "refused_no_build": "صورتجلسه نسخه نرم‌افزار صندوق را نام نمی‌برد و این انتخابات فهرست "
    "نسخه‌های تأییدشده دارد",
    "refused_unapproved_build": "نسخه نرم‌افزار این صندوق در فهرست نسخه‌های تأییدشده ستاد "
    "انتخابات کشور نیست؛ صندوق را به‌روز کنید",
    "refused_revoked_build": "تأیید نسخه نرم‌افزار این صندوق لغو شده است؛ صندوق را به‌روز کنید",
    "refused_outside_polling": "صندوق پیش از روز رأی‌گیری در تقویم انتخابات گشوده شده است؛ "
    "مرکز صورتجلسه آغاز رأی‌گیری آن را نمی‌پذیرد",
    "refused_not_e2e": "این انتخابات رأی‌گیری رمزشده (سرتاسری) دارد: صورتجلسه پایانی "
    "باید به زنجیره برگه‌های این صندوق متعهد باشد",
    "verdict": "نتیجه",
    "unknown": "نامعلوم",
    "basis_stored": "نتایج ثبت‌شده",
    "basis_printed": "دیگر ارقام همان گزارش",
    "demo_loaded": "{election} بارگذاری شد.",
    "demo_province_only": "این پیامدها تنها بر پایه آرای استان کرمان است؛ نتیجه کشوری جداست.",
    **box_screens.FA,
}

EN: dict[str, str] = {
    "cast": "Ballots cast",
    "valid": "Valid",
    "invalid": "Invalid",
    "invalid_blank": "Blank",
    "invalid_illegible": "Illegible",
    "invalid_non_candidate": "Names not among the candidates",
    "invalid_multiple_names": "More than one name",
    "invalid_crossed_out": "Crossed out",
    "void": "Void (not counted as cast)",
    "papers_received": "Ballot papers received",
    "papers_used": "Ballot papers used",
    "papers_unused": "Ballot papers unused",
    "papers_spoiled": "Ballot papers spoiled",
    "eligible_voters": "Eligible voters",
    "turnout": "Turnout",
    "turnout_by_papers": "Turnout by ballot papers",
    "stations_reported": "{reported} of {total} stations reported",
    "units_page": "Page {page} of {pages} of the units below ({below} units)",
    "kept_unchecked": "{contest} is not certified yet: each unit's total is the one kept as the"
    " reports came; this read holds it to the root the event log last recorded."
    " `results check-totals` adds every sheet again.",
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
    "named_province": "{name} Province",
    "named_county": "{name} County",
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
    "tied": "tied: {names}",
    "no_findings": "The figures shown reconcile with one another.",
    "findings": "{count} figures do not reconcile:",
    "expected": "expected",
    "compared_with_previous": "Turnout: previous round {before}, this round {after} ({change})",
    "votes_needed": "Needed: {needed} votes of {base}",
    "status_runoff": "Runoff: {count} candidates for the seats left ({seats})",
    "status_lot_required": "A tie decides the result: a lot must be drawn for {tied}",
    "status_decided": "{count} elected",
    "status_partial": (
        "Not final: {reported} of {total} stations have reported; "
        "no one is elected until every station has"
    ),
    "leading": "Leading",
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
    # a station report refused against the pre-election record and registered staff (issue 9)
    "refused_not_in_record": "the box is not in the pre-election record for this station",
    "refused_replaced_device": "an amendment to the record replaced this box: "
    "it sends no final report",
    "refused_unregistered_staff": "signed by someone not registered for this station",
    "refused_staff_role_mismatch": "signed under a role other than the signer's registered one",
    "refused_missing_staff": "the final report lacks the signatures of two registered staff, "
    "the head among them",
    "refused_no_zero_report": "this box sent no zero report before",
    "refused_no_build": "the report names no software build, and this election has a list of "
    "approved builds",
    "refused_unapproved_build": "this box's software build is not on the national "
    "headquarters' list of approved builds; update the box",
    "refused_revoked_build": "the approval of this box's software build was revoked; update "
    "the box",
    "refused_outside_polling": "the box was opened before polling day in the election's "
    "calendar; the centre does not take its zero report",
    "refused_not_e2e": "this election has end-to-end verifiable ballots: the final report "
    "must commit to this box's chain of ballots",
    "verdict": "Verdict",
    "unknown": "unknown",
    "basis_stored": "stored results",
    "basis_printed": "the report's other figures",
    "demo_loaded": "Loaded {election}.",
    "demo_province_only": (
        "These outcomes count Kerman province's ballots alone; "
        "the national result is another matter."
    ),
    **box_screens.EN,
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


@cache  # the catalogues' templates, a few hundred: a results page fills thousands of them
def placeholders(template: str) -> frozenset[str]:
    """The names of the `{placeholders}` in a message template."""
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name is not None)


def text(key: str, lang: Lang, **values: str | int) -> str:
    """The message `key` in `lang`, its placeholders filled; whole numbers in `lang`'s digits."""
    try:
        template = _CATALOGUE[lang][key]
    except KeyError:
        raise UnknownMessageError(key) from None
    return _filled(key, template, lang, values)


def text_in(
    catalogue: Mapping[Lang, Mapping[str, str]], key: str, lang: Lang, **values: str | int
) -> str:
    """The message `key` of an adapter's own `catalogue` (the results site's, the console's),
    else of this one, filled as `text` fills it."""
    template = catalogue[lang].get(key)
    if template is None:
        return text(key, lang, **values)
    return _filled(key, template, lang, values)


def _filled(key: str, template: str, lang: Lang, values: Mapping[str, str | int]) -> str:
    expected = placeholders(template)
    if expected != values.keys():
        raise MessageValuesError(key, expected - values.keys(), frozenset(values) - expected)
    return template.format_map(
        {
            name: format_int(value, lang) if isinstance(value, int) else value
            for name, value in values.items()
        }
    )

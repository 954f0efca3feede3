"""Candidacy and the election calendar in Persian and English: the stages' names, the refusals
of `core.candidacy` and the lines of `sandogh candidates` (issue 12, section 1).

Terms as `reference/iran-candidacy.md` gives them: داوطلب (an applicant, until the final list),
نامزد (a candidate, once listed), هیئت اجرایی, هیئت نظارت, استعلام, اعتراض, تأیید صلاحیت, رد
صلاحیت, عدم احراز صلاحیت. Dates are shown in the Jalali calendar (`locale.dates`).
"""

from __future__ import annotations

from sandogh.core.candidacy.calendar import OutsideWindowError, Stage, Window
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "stage_registration": "ثبت‌نام داوطلبان",
    "stage_inquiries": "استعلام از مراجع چهارگانه",
    "stage_executive-review": "بررسی صلاحیت در هیئت اجرایی",
    "stage_supervisory-review": "بررسی صلاحیت در هیئت نظارت",
    "stage_objections": "اعتراض داوطلبان",
    "stage_objection-review": "رسیدگی به اعتراض‌ها",
    "stage_final-list": "اعلام فهرست نهایی نامزدها",
    "stage_campaign": "تبلیغات",
    "stage_silence": "ممنوعیت تبلیغات",
    "stage_polling": "رأی‌گیری",
    "stage_results": "اعلام نتایج",
    "stage_complaints": "شکایات",
    "window": "از {first} تا {last}",
    "window_closes": "از {first} تا ساعت {closes} {last}",
    "outside_window": "{stage} برای «{contest}» در {day} پذیرفته نیست: بازه آن {window} است.",
    "no_stage": "{stage} برای «{contest}» در {day} پذیرفته نیست: "
    "در گاه‌شمار این انتخابات چنین مرحله‌ای نیست.",
}

EN: dict[str, str] = {
    "stage_registration": "registration of applicants",
    "stage_inquiries": "inquiries to the four authorities",
    "stage_executive-review": "the executive board's review",
    "stage_supervisory-review": "the supervisory board's review",
    "stage_objections": "objections",
    "stage_objection-review": "the review of objections",
    "stage_final-list": "the final list of candidates",
    "stage_campaign": "the campaign",
    "stage_silence": "the silence day",
    "stage_polling": "polling",
    "stage_results": "the results",
    "stage_complaints": "complaints",
    "window": "from {first} to {last}",
    "window_closes": "from {first} to {closes} on {last}",
    "outside_window": "{stage} for {contest} is refused on {day}: its window is {window}.",
    "no_stage": "{stage} for {contest} is refused on {day}: "
    "this election's calendar has no such stage.",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def stage_name(stage: Stage, lang: Lang) -> str:
    return CATALOGUE[lang][f"stage_{stage.value}"]


def window_text(window: Window, lang: Lang) -> str:
    first, last = format_jalali(window.first, lang), format_jalali(window.last, lang)
    if window.closes is None:
        return text_in(CATALOGUE, "window", lang, first=first, last=last)
    closes = window.closes.isoformat("minutes")
    closes = to_persian_digits(closes) if lang == "fa" else closes
    return text_in(CATALOGUE, "window_closes", lang, first=first, last=last, closes=closes)


def outside_window_text(error: OutsideWindowError, lang: Lang) -> str:
    """The refusal of a stage out of its window, naming the stage and its window."""
    values = {
        "stage": stage_name(error.stage, lang),
        "contest": error.contest,
        "day": format_jalali(error.day, lang),
    }
    if error.window is None:
        return text_in(CATALOGUE, "no_stage", lang, **values)
    window = window_text(error.window, lang)
    return text_in(CATALOGUE, "outside_window", lang, **values, window=window)

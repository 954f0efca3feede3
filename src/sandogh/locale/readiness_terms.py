"""The readiness terms that the console and the command line both show, in Persian and English:
what can be missing at a station (`core.readiness.Gap`), the figures beside it, the station
staff's roles as the election laws name them (`core.readiness.StaffRole`) and the kinds of
training session (`core.readiness.SessionKind`), and the hard-to-reach plans and past problems
(آسیب‌شناسی) of `core.readiness.remote`. Adapters merge these into their catalogues."""

from __future__ import annotations

import datetime

from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

READINESS_FA: dict[str, str] = {
    "gap_update-failed": "به‌روزرسانی ناموفق",
    "gap_update-pending": "به‌روزرسانی در انتظار",
    "gap_not-enrolled": "کلید صندوق ثبت نشده",
    "gap_no-box": "بی‌صندوق",
    "gap_box-unregistered": "صندوق در دفتر صندوق‌ها ثبت نشده",
    "gap_no-papers": "تعرفه ثبت نشده",
    "gap_papers-not-received": "تعرفه نرسیده",
    "gap_papers-short": "کمبود تعرفه",
    "gap_staff-short": "کمبود کارکنان آموزش‌دیده",
    "gap_late-to-open": "تأخیر در آغاز رأی‌گیری",
    "gap_late-to-report": "تأخیر در گزارش",
    "figure_sent": "ارسالی",
    "figure_received": "رسیده",
    "figure_left": "مانده",
    "figure_needed": "لازم",
    "figure_trained": "آموزش‌دیده",
    "gap_untrained": "آموزش‌ندیده",
    "gap_no-remote-plan": "صعب‌العبور بی‌برنامه",
    "gap_link-untested": "ارتباط پیش از روز رأی آزموده نشده",
    "imported": "{unit}: {rows} ردیف ذخیره شد و {replaced} ردیف پیشین جایگزین شد",
    "staff_role_head": "رئیس شعبه",
    "staff_role_secretary": "منشی",
    "staff_role_member": "عضو شعبه",
    "staff_role_governor-rep": "نماینده فرماندار",
    "staff_role_system-user": "کاربر سامانه",
    "session_training": "آموزش",
    "session_briefing": "نشست توجیهی",
    "people": "رئیس و اعضای شعبه‌ها",
    "people_counts": "{named} نفر با نام ثبت شده‌اند و {trained} نفر از آنان آموزش دیده‌اند.",
    "remote_stations": "شعبه‌های مناطق صعب‌العبور",
    "remote_none": "شعبه صعب‌العبوری در این واحد نیست.",
    "remote_station": "شعبه",
    "remote_transport": "جابه‌جایی",
    "remote_helicopter": "بالگرد آماده‌باش",
    "remote_grace": "مهلت گزارش (ساعت)",
    "remote_link": "آزمون ارتباط",
    "remote_no_plan": "بی‌برنامه",
    "remote_passed": "موفق، {day}",
    "remote_failed": "ناموفق، {day}",
    "remote_untested": "آزموده نشده",
    "remote_yes": "دارد",
    "remote_no": "ندارد",
    "past_problems": "آسیب‌شناسی دوره‌های قبل",
    "past_none": "آسیبی از دوره‌های قبل ثبت نشده است.",
    "past_election": "انتخابات",
    "past_note": "شرح",
}

READINESS_EN: dict[str, str] = {
    "gap_update-failed": "Update failed",
    "gap_update-pending": "Update pending",
    "gap_not-enrolled": "Box key not enrolled",
    "gap_no-box": "No box",
    "gap_box-unregistered": "Box not in the fleet register",
    "gap_no-papers": "No papers recorded",
    "gap_papers-not-received": "Papers not received",
    "gap_papers-short": "Short of papers",
    "gap_staff-short": "Short of trained staff",
    "gap_late-to-open": "Late to open",
    "gap_late-to-report": "Late to report",
    "figure_sent": "sent",
    "figure_received": "received",
    "figure_left": "left",
    "figure_needed": "needed",
    "figure_trained": "trained",
    "gap_untrained": "Untrained",
    "gap_no-remote-plan": "Hard to reach, no plan",
    "gap_link-untested": "Link not tested before the day",
    "imported": "{unit}: {rows} rows stored, {replaced} replaced",
    "staff_role_head": "head of station",
    "staff_role_secretary": "secretary",
    "staff_role_member": "member",
    "staff_role_governor-rep": "governor's representative",
    "staff_role_system-user": "system user",
    "session_training": "training",
    "session_briefing": "briefing",
    "people": "Station staff",
    "people_counts": "{named} people are named, {trained} of them trained.",
    "remote_stations": "Hard-to-reach stations",
    "remote_none": "No station of this unit is hard to reach.",
    "remote_station": "Station",
    "remote_transport": "Transport",
    "remote_helicopter": "Helicopter on standby",
    "remote_grace": "Report grace (hours)",
    "remote_link": "Link test",
    "remote_no_plan": "no plan",
    "remote_passed": "passed, {day}",
    "remote_failed": "failed, {day}",
    "remote_untested": "not tested",
    "remote_yes": "yes",
    "remote_no": "no",
    "past_problems": "Problems of earlier elections",
    "past_none": "No problem of earlier elections is recorded.",
    "past_election": "Election",
    "past_note": "What happened",
}

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": READINESS_FA, "en": READINESS_EN}


def hours(delta: datetime.timedelta, lang: Lang) -> str:
    """A grace as hours («۸», «۱.۵»), in the language's digits."""
    shown = f"{delta / datetime.timedelta(hours=1):g}"
    return to_persian_digits(shown) if lang == "fa" else shown


def term(key: str, lang: Lang, **values: str | int) -> str:
    """The readiness term `key` (e.g. `gap_no-box`, `staff_role_head`) in `lang`."""
    return text_in(_CATALOGUE, key, lang, **values)

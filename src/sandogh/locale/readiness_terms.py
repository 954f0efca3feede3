"""The readiness terms that the console and the command line both show, in Persian and English:
what can be missing at a station (`core.readiness.Gap`), the figures beside it, the station
staff's roles as the election laws name them (`core.readiness.StaffRole`) and the kinds of
training session (`core.readiness.SessionKind`). Adapters merge these into their catalogues."""

from __future__ import annotations

from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

READINESS_FA: dict[str, str] = {
    "gap_update-failed": "به‌روزرسانی ناموفق",
    "gap_update-pending": "به‌روزرسانی در انتظار",
    "gap_not-enrolled": "کلید صندوق ثبت نشده",
    "gap_no-box": "بی‌صندوق",
    "gap_no-papers": "تعرفه ثبت نشده",
    "gap_papers-not-received": "تعرفه نرسیده",
    "gap_papers-short": "کمبود تعرفه",
    "gap_staff-short": "کمبود کارکنان آموزش‌دیده",
    "gap_late-to-open": "تأخیر در گشایش",
    "gap_late-to-report": "تأخیر در گزارش",
    "figure_sent": "ارسالی",
    "figure_received": "رسیده",
    "figure_left": "مانده",
    "figure_needed": "لازم",
    "figure_trained": "آموزش‌دیده",
    "gap_untrained": "آموزش‌ندیده",
    "gap_no-remote-plan": "صعب‌العبور بی‌برنامه",
    "gap_link-untested": "ارتباط پیش از روز رأی آزموده نشده",
    "staff_role_head": "رئیس شعبه",
    "staff_role_secretary": "منشی",
    "staff_role_member": "عضو شعبه",
    "staff_role_governor-rep": "نماینده فرماندار",
    "staff_role_system-user": "کاربر سامانه",
    "session_training": "آموزش",
    "session_briefing": "نشست توجیهی",
}

READINESS_EN: dict[str, str] = {
    "gap_update-failed": "Update failed",
    "gap_update-pending": "Update pending",
    "gap_not-enrolled": "Box key not enrolled",
    "gap_no-box": "No box",
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
    "staff_role_head": "head of station",
    "staff_role_secretary": "secretary",
    "staff_role_member": "member",
    "staff_role_governor-rep": "governor's representative",
    "staff_role_system-user": "system user",
    "session_training": "training",
    "session_briefing": "briefing",
}

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": READINESS_FA, "en": READINESS_EN}


def term(key: str, lang: Lang) -> str:
    """The readiness term `key` (e.g. `gap_no-box`, `staff_role_head`) in `lang`."""
    return text_in(_CATALOGUE, key, lang)

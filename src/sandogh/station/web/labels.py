"""The kiosk's own sentences for staff log-in, closing, the report's journey and refusals, in
Persian and English.

The voting screens and the figures keep their keys in the main catalogue (`box_*` in
`sandogh.locale.messages`, which `label` falls back to); what only the hardened screens of issue 9
say is here. Staff titles follow the station's minutes (رئیس شعبه, منشی, عضو, ناظر).
"""

from __future__ import annotations

from sandogh.locale import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "kiosk_log_in": "ورود کارکنان شعبه",
    "kiosk_log_in_why": (
        "پیش از هر کاری در صفحه مسئول شعبه، هر یک از کارکنان با پرونده کلید خود وارد شود."
    ),
    "kiosk_key_file": "پرونده کلید شما",
    "kiosk_enter": "ورود",
    "kiosk_log_out": "خروج همه کارکنان",
    "kiosk_logged_in": "کارکنان واردشده",
    "kiosk_add_staff": "ورود یکی دیگر از کارکنان",
    "kiosk_no_key": "پرونده کلیدی انتخاب نشده است.",
    "kiosk_bad_key": "این پرونده کلید نیست: باید ۶۴ رقم شانزده‌شانزدهی (۳۲ بایت) باشد.",
    "kiosk_unknown_key": "این کلید از آنِ هیچ‌یک از کارکنان ثبت‌شده این شعبه نیست.",
    "kiosk_logged_out": "همه کارکنان خارج شدند.",
    "kiosk_idle_note": "پس از {minutes} دقیقه بی‌کاری، ورود کارکنان خودبه‌خود پایان می‌یابد.",
    "kiosk_role_head": "رئیس شعبه",
    "kiosk_role_secretary": "منشی",
    "kiosk_role_member": "عضو",
    "kiosk_role_supervisor": "ناظر",
    "kiosk_close_title": "پایان رأی‌گیری؟",
    "kiosk_close_means": (
        "با پایان رأی‌گیری، صندوق دیگر هیچ رأی‌دهنده‌ای نمی‌پذیرد و کارت تعرفه‌ای شارژ نمی‌شود؛"
        " این کار بازگشت‌پذیر نیست. پس از آن آرا شمرده و صورتجلسه امضا می‌شود."
    ),
    "kiosk_close_yes": "آری، رأی‌گیری پایان یابد",
    "kiosk_close_no": "نه، بازگشت",
    "kiosk_reports": "صورتجلسه‌ها",
    "kiosk_report_zero": "صورتجلسه آغاز (صفر)",
    "kiosk_report_final": "صورتجلسه پایانی",
    "kiosk_sent": "به مرکز رسید (رسید مرکز دریافت شد)",
    "kiosk_waiting": "امضا شد، در انتظار ارسال ({attempts} تلاش، تلاش بعدی {at})",
    "kiosk_waiting_first": "امضا شد، در انتظار ارسال",
    "kiosk_refused_by_centre": "مرکز نپذیرفت: {reason}",
    "kiosk_retry_note": "صندوق خودش بارها می‌فرستد تا رسید مرکز برسد.",
    "kiosk_refused_title": "این درخواست پذیرفته نشد",
    "kiosk_refused_forged": (
        "این درخواست از صفحه‌های خود صندوق نیامده یا برگه آن کهنه است."
        " صفحه را از نو باز کنید و دوباره بکوشید."
    ),
    "kiosk_refused_staff": "برای این کار، کارکنان شعبه باید نخست وارد شوند.",
    "kiosk_refused_host": "این صندوق تنها به نشانی خودش پاسخ می‌دهد.",
    "kiosk_refused_client": "این صندوق تنها به مرورگر خودش پاسخ می‌دهد.",
    "kiosk_back_to_start": "بازگشت به آغاز",
    "kiosk_need_two": "برای شمارش آرا دست‌کم دو نفر از کارکنان شعبه باید وارد شده باشند.",
}

EN: dict[str, str] = {
    "kiosk_log_in": "Station staff log-in",
    "kiosk_log_in_why": (
        "Before any action on the operator's screen, each member of staff logs in with their own"
        " key file."
    ),
    "kiosk_key_file": "Your key file",
    "kiosk_enter": "Log in",
    "kiosk_log_out": "Log all staff out",
    "kiosk_logged_in": "Staff logged in",
    "kiosk_add_staff": "Log another member of staff in",
    "kiosk_no_key": "No key file was chosen.",
    "kiosk_bad_key": "This file is not a key: it must hold 64 hexadecimal digits (32 bytes).",
    "kiosk_unknown_key": "This key belongs to none of the staff registered for this station.",
    "kiosk_logged_out": "All staff are logged out.",
    "kiosk_idle_note": "After {minutes} minutes without use, the staff log-in ends by itself.",
    "kiosk_role_head": "Head of station",
    "kiosk_role_secretary": "Secretary",
    "kiosk_role_member": "Member",
    "kiosk_role_supervisor": "Supervisor",
    "kiosk_close_title": "Close voting?",
    "kiosk_close_means": (
        "Once voting is closed the box takes no more voters and charges no more ballot cards;"
        " this cannot be undone. The ballots are then counted and the report signed."
    ),
    "kiosk_close_yes": "Yes, close voting",
    "kiosk_close_no": "No, go back",
    "kiosk_reports": "Reports",
    "kiosk_report_zero": "Opening (zero) report",
    "kiosk_report_final": "Final report",
    "kiosk_sent": "Sent: the centre's receipt is back",
    "kiosk_waiting": "Signed, waiting to send ({attempts} attempts, next at {at})",
    "kiosk_waiting_first": "Signed, waiting to send",
    "kiosk_refused_by_centre": "Refused by the centre: {reason}",
    "kiosk_retry_note": "The box keeps sending by itself until the centre's receipt is back.",
    "kiosk_refused_title": "This request was refused",
    "kiosk_refused_forged": (
        "This request did not come from the box's own screens, or its form is stale."
        " Open the screen again and retry."
    ),
    "kiosk_refused_staff": "The station's staff must log in first.",
    "kiosk_refused_host": "This box answers at its own address only.",
    "kiosk_refused_client": "This box serves its own screen only.",
    "kiosk_back_to_start": "Back to the start",
    "kiosk_need_two": "Counting needs at least two members of the station's staff logged in.",
}

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def label(key: str, lang: Lang, **values: str | int) -> str:
    """The kiosk's label `key` in `lang` (else the main catalogue's); numbers in its digits."""
    return text_in(_CATALOGUE, key, lang, **values)

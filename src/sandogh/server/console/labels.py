"""The console's own labels and sentences, in Persian and English.

Figures, ballots and places keep the names of the main catalogue (`sandogh.locale.messages`,
which `label` falls back to); what only the election headquarters console (سامانه ستاد انتخابات)
says is here. Persian follows the official terms (شعبه, آرای مأخوذه, ابطال, تأیید صحت; the words
of docs/glossary.md) and the zero-width non-joiner where the Academy's orthography puts it
(«شعبه‌ها», «رسیدگی‌شده»).
"""

from __future__ import annotations

from sandogh.locale import Lang
from sandogh.locale.access_refusals import ROLES
from sandogh.locale.messages import text_in
from sandogh.locale.readiness_terms import READINESS_EN, READINESS_FA
from sandogh.server.console import (
    audit_labels,
    candidacy_labels,
    certification_labels,
    preparation_labels,
)

FA: dict[str, str] = {
    **READINESS_FA,
    "console": "سامانه ستاد انتخابات",
    "skip": "رفتن به محتوای اصلی",
    "other_language": "English",
    "menu": "فهرست صفحه‌ها",
    "signed_in_as": "{name} ({role}، {place})",
    "log_in": "ورود",
    "log_out": "خروج",
    "username": "نام کاربری",
    "password": "گذرواژه",
    "totp": "کد یک‌بارمصرف (در صورت نیاز)",
    "login_failed": "نام کاربری، گذرواژه یا کد نادرست است، یا این حساب اکنون نمی‌تواند وارد شود.",
    "dashboard": "پیشخوان روز",
    "atlas": "اطلس شعبه‌ها",
    "results": "نتایج و نظارت",
    "incidents": "رخدادها",
    "cases": "پرونده‌های تخلف",
    "readiness": "آمادگی",
    "readiness_summary": "خلاصه آمادگی",
    "readiness_missing": "کمبودها",
    "readiness_nothing_missing": "کمبودی ثبت نشده است.",
    "readiness_gap": "کمبود",
    "readiness_subject": "مورد",
    "readiness_figures": "ارقام",
    "readiness_registers": "دفترهای آمادگی",
    "readiness_download": "دریافت {register} (CSV)",
    "readiness_upload": "جایگزینی {register}",
    "readiness_file": "پرونده CSV:",
    "readiness_text": "یا متن CSV:",
    "readiness_replace": "جایگزینی ردیف‌ها",
    "readiness_saved": "{register} ذخیره شد.",
    "readiness_refused": "پرونده پذیرفته نشد؛ هیچ ردیفی تغییر نکرد. {count} اشکال:",
    "readiness_no_register": "دفتر ناشناخته است.",
    "register_fleet": "دفتر صندوق‌ها",
    "register_papers": "دفتر تعرفه‌ها",
    "register_staff": "دفتر کارکنان",
    "rd_boxes_current": "صندوق به‌روز",
    "rd_boxes_pending": "صندوق در انتظار به‌روزرسانی",
    "rd_boxes_failed": "صندوق با به‌روزرسانی ناموفق",
    "rd_boxes_unassigned": "صندوق بی‌شعبه",
    "rd_stations_short_of_papers": "شعبه با کمبود تعرفه",
    "rd_stations_short_of_staff": "شعبه با کمبود کارکنان آموزش‌دیده",
    "rd_stations_not_open": "شعبه با رأی‌گیری آغازنشده",
    "rd_stations_late": "شعبه با تأخیر",
    "turnout_by_hour": "حاضران در هر ساعت",
    "hour": "ساعت (تهران)",
    "no_check_ins": "هنوز کسی ثبت حضور نکرده است.",
    "place": "محدوده",
    "election_day_of": "{election}، {day}",
    "stations_reported_of": "{reported} از {total}",
    "check_ins": "حاضران (ثبت حضور)",
    "check_ins_note": "شمار ثبت حضور در دفتر رأی‌دهندگان.",
    "open_incidents": "رخدادهای باز",
    "alerts": "هشدارهای حمله",
    "no_alerts": "در ۲۴ ساعت گذشته هشداری نبوده است.",
    "alert_accounts": "ورودهای ناموفق به همه حساب‌ها: {failures} از {start}",
    "alert_network": "ورودهای ناموفق از شبکه {subject}: {failures} از {start}",
    "alert_refusals": "درخواست‌های ردشده از {source} بی‌آنکه فرستنده شناخته شود ({reason}): "
    "{count} در دقیقهٔ {start}",
    "refusal_malformed": "گزارش ناخوانا",
    "refusal_unknown-device": "دستگاه ثبت‌نشده",
    "refusal_bad-signature": "امضای نادرست",
    "refusal_stale-request": "زمان امضا بیرون از بازهٔ پذیرش",
    "status_counts": "وضعیت شعبه‌ها",
    "status_not-open": "رأی‌گیری آغازنشده",
    "status_open": "باز",
    "status_closed": "بسته",
    "status_reported": "گزارش‌داده",
    "mobility": "نوع شعبه",
    "mobility_fixed": "ثابت",
    "mobility_mobile": "سیار",
    "hard_to_reach": "صعب‌العبور",
    "map_label": "نقشه شعبه‌های {place}",
    "map_needs_script": "نقشه به جاوااسکریپت نیاز دارد؛ جدول شعبه‌ها همه چیز را دارد.",
    "status": "وضعیت",
    "no_location": "بی‌نشانی",
    "station_table": "جدول شعبه‌ها",
    "contest": "رقابت",
    "stations_count": "شعبه‌های گزارش‌داده",
    "voided": "ابطال‌شده‌ها",
    "no_voids": "ابطالی نشده است.",
    "hand_count_certified": (
        "شمارش دستی حوزه {constituency} در {when} تأیید شد؛ این ارقام، ارقام شمارش دستی است."
    ),
    "hand_count_superseded": (
        "ارقام گزارش‌شده؛ شمارش دستی تأییدشده در {when} جای آن‌ها را در حوزه {constituency} "
        "گرفته است."
    ),
    "void_effect": "{kind}: {boxes} صندوق، {ballots} رأی",
    "void_kind_station": "ابطال صندوق",
    "void_kind_candidate": "ابطال آرای نامزد",
    "void_kind_constituency": "ابطال حوزه",
    "certified": "تأیید صحت شد: {by}، {when}",
    "not_certified": "هنوز تأیید نشده است.",
    "void_station": "ابطال صندوق یک شعبه",
    "void_candidate": "ابطال آرای یک نامزد در صندوق‌های معین",
    "void_constituency": "ابطال انتخابات یک حوزه",
    "certify": "تأیید صحت نتیجه",
    "uncertify": "لغو تأیید صحت",
    "all_contests": "همه رقابت‌ها",
    "all_constituencies": "همه حوزه‌ها",
    "constituency": "حوزه",
    "stations_list": "کد شعبه‌ها (با ویرگول جدا کنید)",
    "reason": "دلیل",
    "reference": "شماره صورتجلسه یا نامه",
    "case_number": "شماره پرونده (اختیاری)",
    "act": "انجام شود",
    "done": "انجام شد.",
    "refused": "انجام نشد",
    "incident": "رخداد",
    "kind": "نوع",
    "raised_at": "زمان",
    "assignee": "مسئول",
    "resolution": "نتیجه رسیدگی",
    "assign": "واگذاری",
    "resolve": "بستن",
    "no_incidents": "رخدادی نیست.",
    "incident_open": "باز",
    "incident_assigned": "واگذارشده",
    "incident_resolved": "رسیدگی‌شده",
    "case": "پرونده",
    "summary": "شرح",
    "open_case": "گشودن پرونده",
    "update_case": "ثبت",
    "no_cases": "پرونده‌ای نیست.",
    "note": "یادداشت",
    "no_change": "بدون تغییر وضعیت",
    "case_effect": "اثر بر نتایج",
    "denied": "دسترسی ندارید",
    "denied_text": "نقش {role} در {place} اجازه این کار را در {target} نمی‌دهد.",
    "csrf_text": "فرم کهنه یا ناقص بود؛ صفحه را دوباره باز کنید.",
    "unknown_place": "این محدوده در انتخابات نیست: {place}",
    "bad_number": "«{value}» شماره نیست؛ شماره را با رقم بنویسید.",
    "no_such_number": "شماره {value} یافت نشد.",
    # the roles' Persian names, said once where every command's refusal says them too
    **{f"role_{role.value}": name for role, name in ROLES["fa"].items()},
    "incident_kind_duplicate-check-in": "ثبت حضور تکراری",
    "incident_kind_ineligible-check-in": "ثبت حضور فاقد شرایط",
    "incident_kind_conflicting-report": "گزارش ناهمخوان",
    "incident_kind_refused-report": "گزارش ردشده",
    "incident_kind_offline": "قطع ارتباط",
    "incident_kind_device-fault": "خرابی دستگاه",
    "incident_kind_paper-shortage": "کمبود تعرفه",
    "incident_kind_cyber-event": "رخداد سایبری",
    "incident_kind_check-ins-outside-hours": "ثبت حضور خارج از ساعت رأی‌گیری",
    "incident_kind_check-in-burst": "ثبت حضورهای پیاپی با سرعت غیرعادی",
    "incident_kind_high-turnout": "مشارکت بیش از حد انتظار",
    "incident_kind_check-ins-not-papers-used": "مغایرت ثبت حضور با تعرفه‌های مصرف‌شده",
    "incident_kind_late-report": "گزارش شعبه پس از مهلت تقویم انتخابات رسید",
    "incident_kind_close-reconciliation": "مغایرت در تطبیق پایان رأی‌گیری",
    "incident_close_figures": (
        "کارت تعرفه شارژشده {cards_charged}، به‌کاررفته {cards_used}، به‌کارنرفته {cards_unused}؛ "
        "آرای ثبت‌شده {cast}؛ نسخه‌های کاغذی شمرده‌شده {papers_counted}"
    ),
    "incident_close_explanation": "توضیح اعضای شعبه: {explanation}",
    # issue 13: the console on election day
    "dashboard_updated": "ارقام تا {when}؛ این صفحه هر {seconds} ثانیه خودبه‌خود تازه می‌شود.",
    "dashboard_stale": (
        "تازه‌سازی خودکار انجام نشد؛ شاید ارقام کهنه باشند. اتصال یا ورود خود را بررسی کنید."
    ),
    "readiness_grouped_note": (
        "کمبودها به ترتیب اهمیت گروه‌بندی شده‌اند و در هر گروه بدترین جاها نخست می‌آیند (تا "
        "{shown} جا؛ همه ردیف‌ها در دفترهای CSV)."
    ),
    "readiness_group_count": "{count} مورد در {places} جا",
    "readiness_more_places": "و {more} جای دیگر؛ همه در دفترهای CSV پایین صفحه.",
    "void_preview": "پیش‌نمایش ابطال",
    "void_preview_effect": "{boxes} صندوق، {ballots} رأی از آرای مأخوذه کم می‌شود",
    "void_preview_stations": "شعبه‌هایی که ابطال به آن‌ها می‌رسد",
    "void_preview_nothing": "این ابطال از ارقامِ این جا چیزی کم نمی‌کند.",
    "preview_before": "پیش از ابطال",
    "preview_after": "پس از ابطال",
    "preview_change": "تغییر",
    "preview_confirm_h": "تأیید",
    "preview_confirm": "تأیید و ثبت",
    "preview_cancel": "انصراف و بازگشت به نتایج",
    "certify_preview": "پیش‌نمایش تأیید صحت",
    "certify_preview_unreported": (
        "{count} شعبه هنوز گزارش نداده است؛ تأیید صحت این ارقام را نهایی می‌کند."
    ),
    "certify_preview_figures": "ارقامی که تأیید صحت آن‌ها را نهایی می‌کند",
    "certify_preview_nothing": "برای این انتخابات در این جا نتیجه‌ای نیست.",
    "certify_preview_checked": "این ارقام را بررسی کردم و صحت آن‌ها را تأیید می‌کنم.",
    "void_where": "شعبه یا حوزه",
    "sort_note": "با زدن سرِ هر ستون، جدول به ترتیب آن ستون مرتب می‌شود.",
    "case_kind_vote-buying": "خرید و فروش رأی",
    "case_kind_intimidation": "تهدید و ارعاب",
    "case_kind_ballot-stuffing": "ریختن تعرفه یا رأی غیرقانونی در صندوق",
    "case_kind_campaign-violation": "تخلف تبلیغاتی",
    "case_kind_other": "سایر تخلفات",
    "case_status_opened": "گشوده",
    "case_status_investigating": "در حال رسیدگی",
    "case_status_referred": "ارجاع‌شده به مرجع قضایی",
    "case_status_dismissed": "رد شد",
    "case_status_upheld": "تأیید شد",
    "refused_incomplete": (
        "{scope}: تنها {reported} از {total} شعبه گزارش داده‌اند؛ تأیید صحت پس از رسیدن "
        "گزارش همه شعبه‌ها ممکن است."
    ),
    "refused_already": "صحت {scope} پیش‌تر به دست {by} در {when} تأیید شده است.",
    "refused_certified": (
        "{scope} را {by} در {when} تأیید صحت کرده است؛ نخست ناظری از همان هیئت در سطح "
        "بالاتر باید این تأیید را لغو کند."
    ),
    "refused_not_certified": "تأیید صحتی از {scope} در کار نیست که لغو شود.",
    "refused_corrected": (
        "شمارش دستی کامل {scope} به‌عنوان نتیجه تأیید شده است؛ ابطال به آن نمی‌رسد."
    ),
    "refused_case_status": "پرونده {number} «{status}» است و به «{asked}» نمی‌رود.",
    "refused_problems": (
        "درخواست با تعریف انتخابات نمی‌خواند ({count} اشکال)؛ کد شعبه، نامزد یا حوزه را بررسی کنید."
    ),
    "refused_other": "درخواست انجام نشد؛ داده‌های واردشده را بررسی کنید و دوباره بفرستید.",
    "scope_contest": "انتخابات {contest} (همه حوزه‌ها)",
    "scope_constituency": "انتخابات {contest} در حوزه {constituency}",
    "preview_less": "{count} کمتر",
    "preview_more": "{count} بیشتر",
    "preview_same": "بی‌تغییر",
    # a long list of incidents, bounded (F7 of session 21)
    "incidents_more": "{shown} رخداد از {count} رخداد نشان داده شده است، آنها که هنوز حل نشده‌اند "
    "نخست؛ برای دیدن بقیه، جای کوچک‌تری را برگزینید.",
}

EN: dict[str, str] = {
    **READINESS_EN,
    "console": "Election headquarters console",
    "skip": "Skip to the main content",
    "other_language": "فارسی",
    "menu": "Pages",
    "signed_in_as": "{name} ({role}, {place})",
    "log_in": "Log in",
    "log_out": "Log out",
    "username": "Username",
    "password": "Password",
    "totp": "One-time code (when needed)",
    "login_failed": "The username, password or code is wrong, or the account may not log in now.",
    "dashboard": "Dashboard of the day",
    "atlas": "Atlas of stations",
    "results": "Results and supervision",
    "incidents": "Incidents",
    "cases": "Violation cases",
    "readiness": "Readiness",
    "readiness_summary": "Readiness summary",
    "readiness_missing": "What is missing",
    "readiness_nothing_missing": "Nothing is missing.",
    "readiness_gap": "Gap",
    "readiness_subject": "Of",
    "readiness_figures": "Figures",
    "readiness_registers": "Readiness registers",
    "readiness_download": "Download the {register} (CSV)",
    "readiness_upload": "Replace the {register}",
    "readiness_file": "CSV file:",
    "readiness_text": "or CSV text:",
    "readiness_replace": "Replace the rows",
    "readiness_saved": "The {register} was saved.",
    "readiness_refused": "The file was refused; no row changed. {count} problems:",
    "readiness_no_register": "Unknown register.",
    "register_fleet": "box fleet register",
    "register_papers": "ballot papers register",
    "register_staff": "staff register",
    "rd_boxes_current": "Boxes up to date",
    "rd_boxes_pending": "Boxes pending update",
    "rd_boxes_failed": "Boxes whose update failed",
    "rd_boxes_unassigned": "Boxes unassigned",
    "rd_stations_short_of_papers": "Stations short of papers",
    "rd_stations_short_of_staff": "Stations short of trained staff",
    "rd_stations_not_open": "Stations not open",
    "rd_stations_late": "Stations late",
    "turnout_by_hour": "Check-ins by hour",
    "hour": "Hour (Tehran)",
    "no_check_ins": "No one has checked in yet.",
    "place": "Place",
    "election_day_of": "{election}, {day}",
    "stations_reported_of": "{reported} of {total}",
    "check_ins": "Voters checked in",
    "check_ins_note": "Check-ins in the voters' ledger.",
    "open_incidents": "Open incidents",
    "alerts": "Attack alerts",
    "no_alerts": "No alert in the last 24 hours.",
    "alert_accounts": "Failed log-ins against all accounts: {failures} since {start}",
    "alert_network": "Failed log-ins from network {subject}: {failures} since {start}",
    "alert_refusals": "Requests from {source} refused before the sender was shown to be anyone "
    "({reason}): {count} in the minute from {start}",
    "refusal_malformed": "unreadable report",
    "refusal_unknown-device": "device not enrolled",
    "refusal_bad-signature": "signature does not verify",
    "refusal_stale-request": "signed outside the accepted window",
    "status_counts": "Stations by status",
    "status_not-open": "Not open",
    "status_open": "Open",
    "status_closed": "Closed",
    "status_reported": "Reported",
    "mobility": "Kind of station",
    "mobility_fixed": "Fixed",
    "mobility_mobile": "Mobile",
    "hard_to_reach": "Hard to reach",
    "map_label": "Map of the stations of {place}",
    "map_needs_script": "The map needs JavaScript; the table of stations holds everything.",
    "status": "Status",
    "no_location": "No location",
    "station_table": "Table of stations",
    "contest": "Contest",
    "stations_count": "Stations reported",
    "voided": "Voided",
    "no_voids": "Nothing has been voided.",
    "hand_count_certified": (
        "Hand count of constituency {constituency} certified on {when}: "
        "these are the hand count's figures."
    ),
    "hand_count_superseded": (
        "Figures as reported, superseded in constituency {constituency} by the hand count "
        "certified on {when}."
    ),
    "void_effect": "{kind}: {boxes} box(es), {ballots} ballot(s)",
    "void_kind_station": "Box voided",
    "void_kind_candidate": "Candidate's votes voided",
    "void_kind_constituency": "Constituency voided",
    "certified": "Certified by {by}, {when}",
    "not_certified": "Not certified yet.",
    "void_station": "Void a station's box",
    "void_candidate": "Void a candidate's votes in given boxes",
    "void_constituency": "Void a constituency's election",
    "certify": "Certify the result",
    "uncertify": "Undo the certification",
    "all_contests": "Every contest",
    "all_constituencies": "Every constituency",
    "constituency": "Constituency",
    "stations_list": "Station codes (separated by commas)",
    "reason": "Reason",
    "reference": "Reference of the decision",
    "case_number": "Case number (optional)",
    "act": "Do it",
    "done": "Done.",
    "refused": "Not done",
    "incident": "Incident",
    "kind": "Kind",
    "raised_at": "Time",
    "assignee": "Assigned to",
    "resolution": "Resolution",
    "assign": "Assign",
    "resolve": "Resolve",
    "no_incidents": "No incidents.",
    "incident_open": "Open",
    "incident_assigned": "Assigned",
    "incident_resolved": "Resolved",
    "case": "Case",
    "summary": "Summary",
    "open_case": "Open a case",
    "update_case": "Record",
    "no_cases": "No cases.",
    "note": "Note",
    "no_change": "Status unchanged",
    "case_effect": "Effect on results",
    "denied": "Not allowed",
    "denied_text": "The role {role} at {place} may not do this at {target}.",
    "csrf_text": "The form was stale or incomplete; open the page again.",
    "unknown_place": "The election has no such place: {place}",
    "bad_number": "“{value}” is not a number; write the number in digits.",
    "no_such_number": "There is no number {value}.",
    "role_admin": "administrator",
    "role_national-hq": "national HQ",
    "role_provincial-hq": "provincial HQ",
    "role_county-hq": "county HQ",
    "role_station-head": "station head",
    "role_supervisor": "supervisor",
    "role_inspector": "inspector",
    "role_auditor": "auditor",
    "role_audit-board": "audit board",
    "incident_kind_duplicate-check-in": "Duplicate check-in",
    "incident_kind_ineligible-check-in": "Ineligible check-in",
    "incident_kind_conflicting-report": "Conflicting report",
    "incident_kind_refused-report": "Refused report",
    "incident_kind_offline": "Offline",
    "incident_kind_device-fault": "Device fault",
    "incident_kind_paper-shortage": "Ballot paper shortage",
    "incident_kind_cyber-event": "Cyber event",
    "incident_kind_check-ins-outside-hours": "Check-ins outside voting hours",
    "incident_kind_check-in-burst": "Check-ins faster than a voter can be served",
    "incident_kind_high-turnout": "Turnout far above expected",
    "incident_kind_check-ins-not-papers-used": "Check-ins differ from ballot papers used",
    "incident_kind_late-report": "A station report arrived after its window in the calendar",
    "incident_kind_close-reconciliation": "Figures at the close of polls did not reconcile",
    "incident_close_figures": (
        "Ballot cards charged {cards_charged}, used {cards_used}, never used {cards_unused}; "
        "ballots cast {cast}; paper copies counted {papers_counted}"
    ),
    "incident_close_explanation": "The station staff's explanation: {explanation}",
    # issue 13: the console on election day
    "dashboard_updated": "As of {when}; this page renews itself every {seconds} seconds.",
    "dashboard_stale": (
        "The page could not renew itself; the figures may be stale. Check the connection or "
        "log in again."
    ),
    "readiness_grouped_note": (
        "What is missing, by kind, the kinds that stop a station first; in each, the worst "
        "places first (up to {shown}; every row is in the CSV registers)."
    ),
    "readiness_group_count": "{count} at {places} places",
    "readiness_more_places": "and {more} more places; all in the CSV registers below.",
    "void_preview": "Void: preview",
    "void_preview_effect": "{boxes} box(es), {ballots} ballot(s) taken from the cast ballots",
    "void_preview_stations": "Stations the void reaches",
    "void_preview_nothing": "This void takes nothing from the figures of this place.",
    "preview_before": "Before",
    "preview_after": "After",
    "preview_change": "Change",
    "preview_confirm_h": "Confirm",
    "preview_confirm": "Confirm and record",
    "preview_cancel": "Cancel and go back to the results",
    "certify_preview": "Certification: preview",
    "certify_preview_unreported": (
        "{count} station(s) have not reported; certifying makes these figures final."
    ),
    "certify_preview_figures": "The figures the certification makes final",
    "certify_preview_nothing": "There is no result for this contest here.",
    "certify_preview_checked": "I have checked these figures and certify them.",
    "void_where": "Station or constituency",
    "sort_note": "Select a column heading to sort the table by it.",
    "case_kind_vote-buying": "Vote buying",
    "case_kind_intimidation": "Intimidation",
    "case_kind_ballot-stuffing": "Ballot stuffing",
    "case_kind_campaign-violation": "Campaign violation",
    "case_kind_other": "Other violation",
    "case_status_opened": "Opened",
    "case_status_investigating": "Investigating",
    "case_status_referred": "Referred to a court",
    "case_status_dismissed": "Dismissed",
    "case_status_upheld": "Upheld",
    "refused_incomplete": (
        "{scope}: only {reported} of {total} stations have reported; a result is certified "
        "once every station has."
    ),
    "refused_already": "{scope} is already certified by {by} at {when}.",
    "refused_certified": (
        "{scope} is certified by {by} at {when}; a supervisor of their body above them must "
        "undo that certification first."
    ),
    "refused_not_certified": "No certification of {scope} is in force to undo.",
    "refused_corrected": (
        "The full hand count of {scope} is certified as its result; a void does not reach it."
    ),
    "refused_case_status": "Case {number} is “{status}” and cannot go to “{asked}”.",
    "refused_problems": (
        "The request does not fit the election's definition ({count} problem(s)); check "
        "the station, candidate or constituency code."
    ),
    "refused_other": "The request was not done; check what was entered and send it again.",
    "scope_contest": "contest {contest} (every constituency)",
    "scope_constituency": "contest {contest}, constituency {constituency}",
    "preview_less": "{count} fewer",
    "preview_more": "{count} more",
    "preview_same": "unchanged",
    # a long list of incidents, bounded (F7 of session 21)
    "incidents_more": "{shown} of {count} incidents are shown, those not yet resolved first; "
    "choose a smaller place to see the rest.",
}

_CATALOGUE: dict[Lang, dict[str, str]] = {
    "fa": FA
    | audit_labels.FA
    | candidacy_labels.FA
    | preparation_labels.FA
    | certification_labels.FA,
    "en": EN
    | audit_labels.EN
    | candidacy_labels.EN
    | preparation_labels.EN
    | certification_labels.EN,
}


def label(key: str, lang: Lang, **values: str | int) -> str:
    """The console's label `key` in `lang` (else the main catalogue's); numbers in its digits."""
    return text_in(_CATALOGUE, key, lang, **values)

"""The fleet's words in Persian and English (issue 12, `core.fleet`): the hand-over states as the
election headquarters name them, what `sandogh fleet` prints, and its refusals.

A key is `step_` and the step's name in lower case (`step_sent_to_province`), or a label of the
commands. Terms: ستاد انتخابات کشور / استان (the country's, a province's headquarters),
فرمانداری (a county's governorate), شعبه (the polling station), نسخه نرم‌افزار (a build).
"""

from __future__ import annotations

from sandogh.core.fleet import Step
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "step_prepared": "آماده‌سازی در ستاد انتخابات کشور",
    "step_sent_to_province": "ارسال به ستاد انتخابات استان",
    "step_received_by_province": "تحویل ستاد انتخابات استان",
    "step_sent_to_county": "ارسال به فرمانداری",
    "step_received_by_county": "تحویل فرمانداری",
    "step_sent_to_station": "ارسال به شعبه",
    "step_received_at_station": "تحویل شعبه",
    "step_installed": "نصب و راه‌اندازی در شعبه",
    "step_none": "هنوز آماده نشده",
    "fleet_serial": "شماره صندوق",
    "fleet_place": "محل",
    "fleet_update": "به‌روزرسانی",
    "fleet_build": "نسخه گواهی‌شده",
    "fleet_step": "مرحله ارسال",
    "update_current": "به‌روز",
    "update_pending": "در انتظار گزارش امضاشده",
    "update_failed": "نسخه تأییدنشده",
    "build_approved": "نسخه {build} با نام «{label}» با امضای {count} مقام تأیید شد: {names}.",
    "build_revoked": "تأیید نسخه {build} («{label}») با امضای {count} مقام لغو شد: {names}.",
    "build_pending": "نسخه {build} («{label}») در انتظار امضای مقام‌ها؛ {count} امضا تاکنون: "
    "{names}",
    "build_proposed_approve": "پیشنهاد تأیید نسخه {build} در {file} نوشته شد؛ مقام‌های سیاهه پیش "
    "از انتخابات آن را امضا کنند (sandogh anchor sign) و امضاها با sandogh fleet sign-build "
    "افزوده شود.",
    "build_proposed_revoke": "پیشنهاد لغو نسخه {build} در {file} نوشته شد؛ مقام‌های سیاهه پیش از "
    "انتخابات آن را امضا کنند (sandogh anchor sign) و امضاها با sandogh fleet sign-build افزوده "
    "شود.",
    "build_line": "نسخه {build} («{label}»): تأییدشده، به پیشنهاد {by}، {at}",
    "build_line_revoked": "؛ تأیید آن لغو شد، به پیشنهاد {by}، {at}",
    "action_approve": "پیشنهاد تأیید",
    "action_revoke": "پیشنهاد لغو",
    "handed_over": "صندوق {serial}: {step} ({place})",
    "handover_refused": "صندوق {serial}: این تحویل پذیرفته نشد؛ مرحله بعدی آن «{expected}» است",
    "handover_done": "صندوق {serial} نصب شده است و مرحله‌ای نمانده",
    "records_only": "«مرحله»: این فرمان تنها این مرحله‌ها را ثبت می‌کند: {steps}",
    "wrong_place": "«مقصد»: {place} مقصد این مرحله نیست (بخش کشوری درست را بدهید)",
    "not_a_unit": "«{unit}» از بخش‌های کشوری انتخابات {election} نیست؛ حکم شما برای «{place}» "
    "است (--place یا --unit را درست بدهید).",
    "handover_by": "«{step}» صندوق {serial} را تنها حسابی از خود «{place}» ثبت می‌کند؛ حکم {user} "
    "برای «{grant}» است.",
    "not_in_register": "صندوق {serial} در فهرست ناوگان این انتخابات نیست.",
    "after_polling": "روز رأی‌گیری {station} {day} بود؛ پس از آن صندوقی برای آن فرستاده، "
    "تحویل یا نصب نمی‌شود.",
    "wrong_leg": "صندوق {serial} از آنِ شعبه {station} است: به {right} می‌رود، نه به {place}.",
}

EN: dict[str, str] = {
    "step_prepared": "prepared at the country's election headquarters",
    "step_sent_to_province": "sent to the province's election headquarters",
    "step_received_by_province": "received by the province's election headquarters",
    "step_sent_to_county": "sent to the governorate",
    "step_received_by_county": "received by the governorate",
    "step_sent_to_station": "sent to the station",
    "step_received_at_station": "received at the station",
    "step_installed": "installed at the station",
    "step_none": "not prepared yet",
    "fleet_serial": "box",
    "fleet_place": "place",
    "fleet_update": "update",
    "fleet_build": "attested build",
    "fleet_step": "shipping",
    "update_current": "current",
    "update_pending": "awaiting a signed report",
    "update_failed": "build not approved",
    "build_approved": "build {build} approved as “{label}”, signed by {count} officials: {names}.",
    "build_revoked": "approval of build {build} (“{label}”) revoked, signed by {count} officials: "
    "{names}.",
    "build_pending": "build {build} (“{label}”) awaits the officials' signatures; {count} so far: "
    "{names}",
    "build_proposed_approve": "approval of build {build} proposed in {file}; the officials of the "
    "pre-election record sign it (sandogh anchor sign) and the signatures are added with sandogh "
    "fleet sign-build.",
    "build_proposed_revoke": "revocation of build {build} proposed in {file}; the officials of the "
    "pre-election record sign it (sandogh anchor sign) and the signatures are added with sandogh "
    "fleet sign-build.",
    "build_line": "build {build} (“{label}”): approved, proposed by {by}, {at}",
    "build_line_revoked": "; its approval revoked, proposed by {by}, {at}",
    "action_approve": "approval proposed",
    "action_revoke": "revocation proposed",
    "handed_over": "box {serial}: {step} ({place})",
    "handover_refused": "box {serial}: hand-over refused; its next step is “{expected}”",
    "handover_done": "box {serial} is installed: no step is left",
    "records_only": "«step»: this command records only: {steps}",
    "wrong_place": "«place»: {place} is not where this step goes (give the right unit)",
    "not_a_unit": "{unit} is not a unit of {election}; your grant is at {place} (give the right "
    "--place or --unit).",
    "handover_by": "“{step}” of box {serial} is recorded only by an account of {place} itself; "
    "{user}'s grant is at {grant}.",
    "not_in_register": "box {serial} is not in this election's fleet register.",
    "after_polling": "{station} polled on {day}; no box for it is sent, received or installed "
    "after that day.",
    "wrong_leg": "box {serial} is for station {station}: it goes to {right}, not {place}.",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def fleet_text(key: str, lang: Lang, **values: str | int) -> str:
    return text_in(CATALOGUE, key, lang, **values)


def step_name(step: Step | None, lang: Lang) -> str:
    """A hand-over state as the headquarters name it; None: not prepared yet."""
    return fleet_text("step_none" if step is None else "step_" + step.name.lower(), lang)

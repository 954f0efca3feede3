"""The words of `sandogh verify-election` (`cli/verify_election.py`): each check's name and every
line it prints beside the checks, in Persian and English (docs/e2e.md §10, "Output")."""

from __future__ import annotations

from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.verify_election.checks import Check

#: each check's name: (Persian, English)
NAMES: dict[Check, tuple[str, str]] = {
    Check.ANCHOR: (
        "سیاهه مهرشده پیش از انتخابات همانی است که اثر انگشتش داده شد",
        "sealed pre-election record is the one the fingerprint given names",
    ),
    Check.MANIFEST: ("فهرست پرونده‌ها و چکیده‌هایشان", "manifest and file hashes"),
    Check.PARAMETERS: ("پارامترهای گروه (HP)", "group parameters (HP)"),
    Check.BASE_HASH: ("چکیده پایه انتخابات (HB)", "election base hash (HB)"),
    Check.GUARDIAN_PROOFS: ("اثبات‌های ضرایب امینان", "guardians' coefficient proofs"),
    Check.EXTENDED_HASH: ("کلید مشترک و چکیده گسترده (HE)", "joint key and extended hash (HE)"),
    Check.CHAIN_START: (
        "آغاز زنجیره از صورتجلسه آغاز رأی‌گیری",
        "chain start from the zero report",
    ),
    Check.WELL_FORMED: ("درستی شکل برگه‌ها", "ballots well-formed"),
    Check.SELECTION_PROOFS: ("اثبات‌های ۰ یا ۱ گزینه‌ها", "selection proofs (0..1)"),
    Check.CONTEST_PROOFS: ("اثبات‌های هر رقابت", "contest proofs (0..L−1)"),
    Check.CONFIRMATION_CODES: ("کدهای رهگیری زنجیره", "confirmation codes of the chain"),
    Check.CHAIN_CLOSE: ("بستن زنجیره", "chain close"),
    Check.NO_DUPLICATES: ("نبود رمزنوشته تکراری", "no ciphertext twice"),
    Check.CHALLENGED: ("برگه‌های ابطال‌شده برای بررسی", "challenged ballots re-encrypted"),
    Check.STATION_TALLY: ("شمارش رمزشده شعبه", "station tally = product of cast ballots"),
    Check.REPORT_COMMITMENT: ("تعهد گزارش نهایی امضاشده", "signed final report's commitment"),
    Check.PARTIAL_DECRYPTIONS: ("رمزگشایی‌های جزئی امینان", "guardians' partial decryptions"),
    Check.COMBINATION: ("ترکیب رمزگشایی‌ها", "combination of the partial decryptions"),
    Check.REPORT_FIGURES: ("ارقام گزارش امضاشده", "signed report's figures = decrypted tally"),
    Check.AGGREGATES: ("جمع حوزه‌های انتخابیه", "constituency aggregates"),
    Check.COMPLETE: (
        "همه شعبه‌های رمزنگار در سیاهه (شعبه‌های تعریف انتخابات)",
        "every E2E station in the record (the definition's voting stations)",
    ),
    Check.SLOT_BALLOTS: ("اثبات‌های خانه‌های رقابت‌های بزرگ", "large contests' slot proofs"),
    Check.MIX_INPUT: ("ورودی بُر زدن از برگه‌های ریخته‌شده", "mix input = the cast ballots' slots"),
    Check.SHUFFLES: ("اثبات‌های بُر زدن امینان", "the guardians' shuffle proofs"),
    Check.ROW_DECRYPTION: ("رمزگشایی ردیف‌های بُرخورده", "decryption of the shuffled rows"),
    Check.LARGE_COUNT: (
        "شمارش ردیف‌ها = جمع ارقام امضاشده شعبه‌ها",
        "rows' counts = the stations' signed figures",
    ),
}

_FA = {
    "heading": "سنجش سیاهه انتخابات سرتاسری‌پذیر در {location}",
    "fingerprint": "اثر انگشت سیاهه: {fingerprint}",
    "counted": "{stations} شعبه، {cast} برگه ریخته‌شده، {challenged} برگه ابطال‌شده برای بررسی",
    "checked": "{checked} مورد",
    "failed": "{failed} از {checked} مورد رد شد؛ نخستین: {where} — {detail}",
    "passed": "گذشت",
    "rejected": "رد شد",
    "verdict_pass": "همه سنجه‌ها گذشت.",
    "verdict_fail": "رد شد: {check} در {where} — {detail}",
    "unreadable": "سیاهه خوانده نشد: {error}",
    "unsealed": (
        "هشدار: این انتشار سیاهه مهرشده پیش از انتخابات (anchor/record.json) ندارد؛ اینکه کدام "
        "شعبه‌ها صندوق داشتند و باید در سیاهه باشند (V20) تنها بر فهرست خود همین انتشار استوار است."
    ),
    "absent": "سیاهه {count} شعبه را بی‌زنجیره می‌شمارد: {counts}",
    "on_paper": (
        "سرتاسری وارسی نشده: {count} شعبه‌ای که به گفته تعریف انتخابات با برگه رأی کاغذی رأی "
        "می‌گیرند (نیمه‌الکترونیک یا کاغذی)؛ ارقام آن‌ها به برگه‌های شمارش امضاشده‌شان و "
        "حسابرسی تکیه دارد و نتایج آن‌ها را کنار شمارش رمزشده می‌افزاید (sandogh verify-results "
        "نشان می‌دهد چه بخشی از هر جمع کدام است)"
    ),
    "absent_count": "{count} شعبه {reason}",
    "absent_claims": (
        "شعبه‌هایی که به گفته سیاهه {reason} ({count}؛ هر یک ادعایی که کارکنان و ناظران آن شعبه "
        "می‌توانند رد کنند): {stations}"
    ),
    "not_run": "سنجیده نشد (--anchor داده نشد)",
    "unanchored": (
        "هشدار: سیاهه مهرشده پیش از انتخابات (anchor/) سنجیده نشد، چون اثر انگشتش با --anchor "
        "داده نشد. کلیدهای امینان (V5) و صندوق شعبه‌ها (V20) با همان سیاهه‌ای سنجیده شد که این "
        "انتشار در خود دارد؛ کسی که انتشار را نوشته می‌توانست آن را با سیاهه‌ای دیگر جایگزین یا "
        "پاک کند. اثر انگشتی را که مقامات هنگام مهر کردن منتشر کردند (روزنامه، ناظران) با --anchor "
        "بدهید."
    ),
    "anchored": (
        "سیاهه مهرشده همان است که اثر انگشت داده‌شده می‌گوید ({fingerprint})؛ اثر انگشت داده‌شده "
        "{vouched} اصلاحیه از {published} اصلاحیه منتشرشده را پشتیبانی می‌کند (اصلاحیه‌ای پس از "
        "آن‌ها اگر حذف شده باشد پیدا نیست: تازه‌ترین سر زنجیره را از مقامات بگیرید)."
    ),
}
_EN = {
    "heading": "Checking the end-to-end election record at {location}",
    "fingerprint": "Record fingerprint: {fingerprint}",
    "counted": "{stations} stations, {cast} ballots cast, {challenged} challenged",
    "checked": "{checked} checked",
    "failed": "{failed} of {checked} failed; first: {where} — {detail}",
    "passed": "pass",
    "rejected": "FAIL",
    "verdict_pass": "Every check passed.",
    "verdict_fail": "FAILED: {check} at {where} — {detail}",
    "unreadable": "Cannot read the record: {error}",
    "unsealed": (
        "Warning: this snapshot has no sealed pre-election record (anchor/record.json): which "
        "stations had a ballot box and had to be in the record (V20) rests on the snapshot's own "
        "listing."
    ),
    "absent": "The record lists {count} stations with no chain: {counts}",
    "on_paper": (
        "Not verified end to end: the {count} stations voting on paper ballots (semi-electronic "
        "or paper, as the definition says); their figures rest on their signed tally sheets and "
        "the audit, and the results add them beside the E2E tally (verify-results shows how "
        "much of each total is which)"
    ),
    "absent_count": "{count} {reason}",
    "absent_claims": (
        "Stations the record says {reason} ({count}; each a claim its staff and observers can "
        "refute): {stations}"
    ),
    "not_run": "not checked (no --anchor given)",
    "unanchored": (
        "Warning: the sealed pre-election record (anchor/) is unauthenticated: no fingerprint "
        "was given with --anchor. The guardians' keys (V5) and the stations' boxes (V20) were "
        "checked against the record the snapshot itself carries, which whoever wrote the "
        "snapshot could have replaced with another or deleted. Give the fingerprint the "
        "officials published at sealing (newspapers, observers) with --anchor."
    ),
    "anchored": (
        "The sealed record is the one the fingerprint given names ({fingerprint}); the "
        "fingerprint given vouches for {vouched} of the {published} published amendments (one "
        "left out after them would not show: ask the officials for the newest head)."
    ),
}
#: why a station has no chain (`complete.REASONS`), in Persian
REASONS_FA = {
    "no-box": "صندوق نداشت",
    "not-opened": "گشوده نشد",
    "not-closed": "گشوده شد و بسته نشد",
    "no-e2e": "گزارش نهایی بی‌تعهد رمزنگار فرستاد",
    "paper-ballots": "با برگه رأی کاغذی رأی می‌گیرد",
}


def say(key: str, lang: Lang, **values: str | int) -> str:
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )

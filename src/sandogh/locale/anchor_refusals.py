"""A step on the pre-election record refused (`services.anchor.AnchorError`), in Persian and
English, as `sandogh anchor draft|sign|seal|amend` prints it; a key is the refusal's reason
(`AnchorRefusal`). The English adds the problems as the record's checks name them; the Persian
says the reason whole (a second head or role at a station is worded apart,
`locale.staff_refusals`). Terms: سیاهه پیش از انتخابات (the pre-election record), مهر (sealing
it), اصلاحیه امضاشده (a signed amendment), مقام (an official who signs it)."""

from __future__ import annotations

from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "no-record": "سیاهه پیش از انتخابات این انتخابات پیش‌نویس نشده است (sandogh anchor draft).",
    "sealed": "سیاهه پیش از انتخابات مهر شده است؛ آنچه پوشش می‌دهد تنها با اصلاحیه امضاشده "
    "تغییر می‌کند.",
    "not-sealed": "سیاهه پیش از انتخابات هنوز مهر نشده است؛ اصلاحیه پس از مهر آن می‌آید.",
    "malformed": "سیاهه یا اصلاحیه درست ساخته نشده است: {count} ایراد (جزئیات با --lang en).",
    "other-record": "این پرونده یا امضاها از سیاهه‌ای دیگرند، نه پیش‌نویس ثبت‌شده؛ پیش‌نویس ثبت‌شده "
    "را امضا کنید.",
    "not-an-official": "کلید امضاکننده از مقام‌های سیاهه پیش از انتخابات نیست.",
    "bad-signature": "امضای یکی از مقام‌ها با این سیاهه یا اصلاحیه نمی‌خواند.",
    "too-few-signatures": "امضاهای معتبر بس نیست: سیاهه امضای شمار خواسته‌شده از مقام‌هایش را "
    "می‌خواهد، از ستاد انتخابات و از هیئت نظارت هر دو.",
    "polls-open": "صورتجلسه آغاز رأی‌گیری شعبه‌ای پذیرفته شده است؛ برای مهر سیاهه دیر است.",
    "stale-draft": "پس از پیش‌نویس، صندوق یا کارکنی ثبت یا باطل شده است؛ سیاهه را دوباره "
    "پیش‌نویس کنید.",
    "station-reported": "صورتجلسه نهایی این شعبه پذیرفته شده است؛ صندوق آن دیگر جایگزین نمی‌شود.",
    "rewritten": "سیاهه‌ای که در پایگاه داده است همان سیاهه مهرشده نیست: اثر انگشت آن با اثر انگشتی "
    "که رویداد مهر در دفتر رویدادها ثبت کرده است نمی‌خواند. پایگاه داده دستکاری شده است؛ به آن "
    "اعتماد نکنید و به ناظران خبر دهید.",
    "amendments-rewritten": "اصلاحیه‌های سیاهه که در پایگاه داده است همان‌هایی نیست که دفتر "
    "رویدادها ثبت کرده است: اصلاحیه‌ای حذف، افزوده یا بازنویسی شده است. پایگاه داده دستکاری شده "
    "است؛ به آن اعتماد نکنید و به ناظران خبر دهید.",
}
EN: dict[str, str] = {
    "no-record": "no pre-election record is drafted for this election (sandogh anchor draft).",
    "sealed": "the pre-election record is sealed; what it covers changes only by a signed "
    "amendment.",
    "not-sealed": "the pre-election record is not sealed yet; an amendment comes after the seal.",
    "malformed": "the record or amendment is not well made: {count} problem(s).",
    "other-record": "the file or signatures are of another record, not the stored draft; sign "
    "the stored draft.",
    "not-an-official": "the signing key is no official's of the pre-election record.",
    "bad-signature": "an official's signature does not verify for this record or amendment.",
    "too-few-signatures": "too few valid signatures: the record asks for its number of its "
    "officials, of the election headquarters and the supervisory board both.",
    "polls-open": "a station's zero report was accepted: it is too late to seal the record.",
    "stale-draft": "boxes or staff were enrolled or revoked since the draft: draft the record "
    "again.",
    "station-reported": "this station's final report was accepted: its box is no longer replaced.",
    "rewritten": "the record in the database is not the record sealed: its fingerprint is not "
    "the one the seal's entry in the event log records. The database was tampered with; do not "
    "trust it, and tell the observers.",
    "amendments-rewritten": "the record's amendments in the database are not those the event "
    "log records: one was deleted, added or rewritten. The database was tampered with; do not "
    "trust it, and tell the observers.",
}
CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def anchor_refusal_text(reason: str, lang: Lang, *, count: int) -> str:
    """The refusal of `reason`; `count`, its problems, is said where the reason names it."""
    return text_in(CATALOGUE, reason, lang, **({"count": count} if "{count}" in FA[reason] else {}))

"""Which body decides what, in Persian and English: the supervisory bodies' names, the refusal of
an account of the wrong body, and a voting mode approved or not approved for a station (issue 12,
section 2; `core.access.bodies`, `core.supervision.modes`).

Terms: هیئت‌های نظارت شورای نگهبان (the Guardian Council's supervisory boards), هیئت‌های نظارت
مجلس (the Majlis's, for councils), رأی‌گیری تمام الکترونیک (the electronic ballot), نیمه
الکترونیک (electronic authentication, paper ballot). A Persian sentence names no machine code. The
box's own refusal to open is in the kiosk's catalogue (`locale.messages`, box_mode_not_approved).
"""

from __future__ import annotations

from sandogh.core.access import Body
from sandogh.core.definition.model import VotingMode
from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "body_guardian_council": "هیئت‌های نظارت شورای نگهبان",
    "body_majlis": "هیئت‌های نظارت مجلس شورای اسلامی",
    "mode_electronic": "تمام الکترونیک",
    "mode_semi_electronic": "نیمه الکترونیک (احراز هویت الکترونیک، برگه رأی کاغذی)",
    "mode_paper": "کاغذی",
    "wrong_body": "حساب {username} از آنِ {held} است؛ تصمیم درباره انتخابات {contest} با "
    "{required} است",
    "mode_approved": "رأی‌گیری {mode} در حوزه {constituency} انتخابات {contest} تأیید و ثبت شد",
    "mode_approved_already": "رأی‌گیری {mode} در حوزه {constituency} انتخابات {contest} پیش‌تر "
    "با مصوبه «{reference}» به دست {by} تأیید شده است؛ تأیید یک بار ثبت می‌شود",
}

EN: dict[str, str] = {
    "body_guardian_council": "the Guardian Council's supervisory boards",
    "body_majlis": "the Majlis's supervisory boards",
    "mode_electronic": "electronic",
    "mode_semi_electronic": "semi-electronic (electronic authentication, paper ballots)",
    "mode_paper": "paper",
    "wrong_body": "account {username} belongs to {held}; contest {contest} is decided by "
    "{required}",
    "mode_approved": "{mode} voting approved and recorded in constituency {constituency} of "
    "contest {contest}",
    "mode_approved_already": "{mode} voting in constituency {constituency} of contest {contest} "
    "was approved already (reference «{reference}», by {by}); an approval is recorded once",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def body_name(body: Body, lang: Lang) -> str:
    return CATALOGUE[lang]["body_" + body.name.lower()]


def mode_name(mode: VotingMode, lang: Lang) -> str:
    return CATALOGUE[lang]["mode_" + mode.name.lower()]

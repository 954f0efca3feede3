"""A build decision refused (`core.fleet.BuildDecisionError`, `services.build_approvals`), in
Persian and English, as `sandogh fleet approve-build|revoke-build|sign-build` prints it; a key
names the refusal, `action_` the decision's kind. Terms as `locale.fleet`: نسخه نرم‌افزار (a
build), سیاهه پیش از انتخابات (the pre-election record), مقام (an official who signs it)."""

from __future__ import annotations

from sandogh.locale.language import Lang
from sandogh.locale.messages import placeholders, text_in

FA: dict[str, str] = {
    "action_approve": "تأیید",
    "action_revoke": "لغو",
    "malformed_build": "«نسخه»: {build} نسخه نیست؛ نسخه sha256: و ۶۴ رقم شانزده‌شانزدهی کوچک است.",
    "empty_label": "«نام نسخه» (--label) خالی است.",
    "approved_already": "نسخه {build} پیش‌تر برای انتخابات {election} تأیید شده است.",
    "revoked_already": "تأیید نسخه {build} برای انتخابات {election} پیش‌تر لغو شده است؛ نسخه "
    "درست‌شده نسخه تازه‌ای است.",
    "not_approved": "نسخه {build} برای انتخابات {election} تأیید نشده است که لغو شود.",
    "proposed_already": "پیشنهاد {action} نسخه {build} پیش‌تر داده شده است؛ مقام‌ها آن را امضا "
    "کنند و امضاها با sandogh fleet sign-build افزوده شود.",
    "no_proposal": "پیشنهادی برای {action} نسخه {build} در انتخابات {election} نیست؛ نخست آن را "
    "پیشنهاد کنید.",
    "no_record": "انتخابات {election} سیاهه پیش از انتخابات ندارد؛ مقام‌های سیاهه تصمیم نسخه را "
    "امضا می‌کنند، پس نخست سیاهه را پیش‌نویس کنید (sandogh anchor draft).",
    "not_an_official": "امضای {number}: کلید {signer} از مقام‌های سیاهه پیش از انتخابات نیست.",
    "bad_signature": "امضای {number}: امضای {name} با این تصمیم نمی‌خواند.",
    "not_a_decision": "{file} سند تصمیم نسخه‌ای نیست، یا پرونده‌های امضای آن برای آن نیست: "
    "{count} ایراد (جزئیات با --lang en).",
}
EN: dict[str, str] = {
    "action_approve": "approval",
    "action_revoke": "revocation",
    "malformed_build": "«build»: {build} is no build: a build is sha256: and 64 lower-case hex "
    "digits.",
    "empty_label": "the build's name (--label) is empty.",
    "approved_already": "build {build} is already approved for {election}.",
    "revoked_already": "the approval of build {build} for {election} is already revoked; a fixed "
    "build is a new build.",
    "not_approved": "build {build} is not approved for {election}: there is nothing to revoke.",
    "proposed_already": "the {action} of build {build} is proposed already: the officials sign it "
    "and the signatures are added with sandogh fleet sign-build.",
    "no_proposal": "no {action} of build {build} is proposed for {election}: propose it first.",
    "no_record": "{election} has no pre-election record; its officials sign a build decision, so "
    "draft the record first (sandogh anchor draft).",
    "not_an_official": "signature {number}: the key {signer} is no official's of the pre-election "
    "record.",
    "bad_signature": "signature {number}: the signature of {name} does not verify for this "
    "decision.",
    "not_a_decision": "{file} is not a build decision, or its signature files are not for it: "
    "{count} problem(s):",
}
CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def build_refusal_text(key: str, lang: Lang, /, **values: str | int) -> str:
    """The message `key`, filled with those of `values` it names."""
    wanted = placeholders(CATALOGUE[lang][key])
    return text_in(CATALOGUE, key, lang, **{k: v for k, v in values.items() if k in wanted})

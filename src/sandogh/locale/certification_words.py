"""The refusals of certifying, undoing a certification, and of what would change a result a
certification or a certified hand count froze (a void, an import, a correction), in Persian and
English: the console and every command say them so (`services.certifications`,
`services.voids.CorrectedError`). Contests and constituencies by their names, never by their ids
(issue 13: no «president» on a Persian line)."""

from __future__ import annotations

import datetime

from sandogh.core.definition.model import Election
from sandogh.locale.dates import format_moment
from sandogh.locale.definition_names import contest_name, place_name
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "certified": "{scope} را {by} در {when} تأیید صحت کرده است؛ نخست ناظری از همان هیئت در سطح"
    " بالاتر باید این تأیید را لغو کند.",
    "already": "صحت {scope} پیش‌تر به دست {by} در {when} تأیید شده است.",
    "incomplete": "{scope}: تنها {reported} از {total} شعبه گزارش داده‌اند؛ تأیید صحت پس از رسیدن"
    " گزارش همه شعبه‌ها ممکن است.",
    "not_certified": "تأیید صحتی از {scope} در کار نیست که لغو شود.",
    "corrected": "شمارش دستی کامل {scope} به‌عنوان نتیجه تأیید شده است؛ ابطال به آن نمی‌رسد.",
    "changed": "صورتجلسه‌ها، جمع‌ها یا تصمیم‌های ثبت‌شده {scope} با آنچه تأیید صحت آن (رویداد"
    " {entry} دفتر رویدادها) نگه داشته است نمی‌خواند؛ پایگاه داده بیرون از سامانه تغییر کرده است"
    " و تا درست نشود، نتیجه‌ای از آن نشان داده یا منتشر نمی‌شود.",
    "scope_all": "انتخابات {contest} (همه حوزه‌ها)",
    "scope_one": "انتخابات {contest} در حوزه {constituency}",
}

EN: dict[str, str] = {
    "certified": "{scope} is certified by {by} at {when}; a supervisor of their body above them"
    " must undo that certification first.",
    "already": "{scope} is already certified by {by} at {when}.",
    "incomplete": "{scope}: only {reported} of {total} stations have reported; a result is"
    " certified once every station has.",
    "not_certified": "No certification of {scope} is in force to undo.",
    "corrected": "The full hand count of {scope} is certified as its result; a void does not"
    " reach it.",
    "changed": "The stored tally sheets, totals or decisions of {scope} are not those its"
    " certification (log entry {entry}) holds: the database was changed outside sandogh, and no"
    " result is shown or published from it until it is put right.",
    "scope_all": "contest {contest} (every constituency)",
    "scope_one": "contest {contest}, constituency {constituency}",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def scope_words(election: Election, contest: str, constituency: str | None, lang: Lang) -> str:
    """A contest, or one of its constituencies, by its name in `lang`."""
    named = contest_name(election, contest, lang)
    if constituency is None:
        return text_in(CATALOGUE, "scope_all", lang, contest=named)
    where = place_name(election, contest, constituency, lang)
    return text_in(CATALOGUE, "scope_one", lang, contest=named, constituency=where)


def refusal_words(  # noqa: PLR0917 (the scope, and who did what it refuses and when)
    key: str,
    election: Election,
    contest: str,
    constituency: str | None,
    by: str | None = None,
    at: datetime.datetime | None = None,
    **counts: int,
) -> tuple[str, str]:
    """The refusal `key` of `contest` (or its `constituency`) in Persian and in English: the
    error's `fa` and `en`."""

    def said(lang: Lang) -> str:
        values: dict[str, str | int] = {
            "scope": scope_words(election, contest, constituency, lang),
            **counts,
        }
        if by is not None:
            # an account's Latin name isolated, so that a Persian line keeps its order (FSI…PDI)
            values["by"] = f"\u2068{by}\u2069" if lang == "fa" else by
        if at is not None:
            values["when"] = format_moment(at, lang)
        return text_in(CATALOGUE, key, lang, **values)

    return said("fa"), said("en")

"""The publisher's refusal of a stored sheet its station's signed final report does not hold, in
Persian and English (`services.signed_sheets`): the station and the contest by their names, the
figure by the words of the results, each value in the reader's digits."""

from __future__ import annotations

from sandogh.core.definition.model import Election
from sandogh.locale.definition_names import contest_name, unit_name
from sandogh.locale.language import Lang
from sandogh.locale.messages import text, text_in

_CLOSING_FA = (
    "؛ پایگاه داده بیرون از سامانه تغییر کرده است و تا درست نشود، نتیجه‌ای از آن منتشر نمی‌شود."
)
_CLOSING_EN = (
    ": the database was changed outside sandogh, and nothing is published from it until it is"
    " put right."
)

FA: dict[str, str] = {
    "sheet_differs": "صورتجلسه ثبت‌شده {contest} در {station} با صورتجلسه امضاشده‌ای که شعبه"
    " فرستاده است نمی‌خواند ({figure}: ثبت‌شده {stored}، امضاشده {signed})" + _CLOSING_FA,
    "sheet_missing": "{station} برای {contest} صورتجلسه‌ای امضا کرده است که در پایگاه داده"
    " نیست" + _CLOSING_FA,
    "sheet_added": "صورتجلسه ثبت‌شده {contest} در {station} در صورتجلسه امضاشده شعبه نیست"
    + _CLOSING_FA,
    "report_unsigned": "صورتجلسه پایانی ثبت‌شده {station} همانی نیست که از شعبه رسیده است"
    + _CLOSING_FA,
    "votes_of": "آرای کد {code}",
}

EN: dict[str, str] = {
    "sheet_differs": "The stored tally sheet of {contest} at {station} is not the one the"
    " station's signed report holds ({figure}: stored {stored}, signed {signed})" + _CLOSING_EN,
    "sheet_missing": "{station} signed a tally sheet of {contest} that the database does not"
    " hold" + _CLOSING_EN,
    "sheet_added": "The stored tally sheet of {contest} at {station} is in no report the station"
    " signed" + _CLOSING_EN,
    "report_unsigned": "The stored final report of {station} is not the one the station sent (its"
    " bytes are not those of its stored hash, or it is another station's)" + _CLOSING_EN,
    "votes_of": "votes of ballot code {code}",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def unsigned_words(
    election: Election,
    station: str,
    contest: str | None,
    *,
    figure: str,
    stored: int | None,
    signed: int | None,
) -> tuple[str, str]:
    """The refusal in Persian and in English (the error's `fa` and `en`). `contest` None: the
    report itself is not its station's; `stored` or `signed` None: that side has no sheet of
    `contest`; else `figure` (a field of the counts, `invalid_KIND` or `votes[CODE]`) differs."""

    def said(lang: Lang) -> str:
        named = unit_name(election, station, lang)
        if lang == "fa":  # a code in Latin letters isolated, so that the line keeps its order
            where = named if named != station else f"\u2068{station}\u2069"
        else:
            where = named if named == station else f"{named} ({station})"
        if contest is None:
            return text_in(CATALOGUE, "report_unsigned", lang, station=where)
        what = contest_name(election, contest, lang)
        if stored is None or signed is None:
            key = "sheet_missing" if stored is None else "sheet_added"
            return text_in(CATALOGUE, key, lang, station=where, contest=what)
        return text_in(
            CATALOGUE,
            "sheet_differs",
            lang,
            station=where,
            contest=what,
            figure=_figure(figure, lang),
            stored=stored,
            signed=signed,
        )

    return said("fa"), said("en")


def _figure(figure: str, lang: Lang) -> str:
    if figure.startswith("votes[") and figure.endswith("]"):
        code = figure[len("votes[") : -1]
        return text_in(CATALOGUE, "votes_of", lang, code=int(code) if code.isdigit() else code)
    if figure.startswith("invalid_"):
        return f"{text('invalid', lang)} ({text(figure, lang)})"
    return text(figure, lang)

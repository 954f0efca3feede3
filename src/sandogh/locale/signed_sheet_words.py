"""The publisher's refusal of a stored sheet its station's signed final report does not hold, in
Persian and English (`services.signed_sheets`): the station and the contest by their names, the
figure by the words of the results, each value in the reader's digits; and of a stored report
that is not the one its log entry names (`services.logged_reports`), with both hashes."""

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
    "report_unlogged": "{report} ثبت‌شده {station} همانی نیست که رویداد پذیرش آن در دفتر رویدادها"
    " نام می‌برد (چکیده در دفتر رویدادها: {logged}؛ چکیده ثبت‌شده: {stored})" + _CLOSING_FA,
    "no_entry": "هیچ",
    "zero": "صورتجلسه آغاز رأی‌گیری",
    "final": "صورتجلسه پایانی",
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
    "report_unlogged": "The stored {report} of {station} is not the one its acceptance entry in"
    " the event log names (logged hash {logged}, stored hash {stored})" + _CLOSING_EN,
    "no_entry": "none",
    "zero": "zero report",
    "final": "final report",
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
        where = _station(election, station, lang)
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


def unlogged_words(
    election: Election, station: str, kind: str, *, logged: str | None, stored: str | None
) -> tuple[str, str]:
    """The refusal of a stored report its log entry does not name, in Persian and in English:
    `kind` the report's (`zero`, `final`), `logged` None when no entry names one, `stored`
    None when the store holds none of a report the log records accepted."""

    def said(lang: Lang) -> str:
        report = text_in(CATALOGUE, kind, lang) if kind in ("zero", "final") else kind
        # a hash in Latin letters isolated on a Persian line, so that the line keeps its order
        isolated = (lambda h: f"\u2068{h}\u2069") if lang == "fa" else (lambda h: h)
        return text_in(
            CATALOGUE,
            "report_unlogged",
            lang,
            report=report,
            station=_station(election, station, lang),
            logged=text_in(CATALOGUE, "no_entry", lang) if logged is None else isolated(logged),
            stored=text_in(CATALOGUE, "no_entry", lang) if stored is None else isolated(stored),
        )

    return said("fa"), said("en")


def _station(election: Election, station: str, lang: Lang) -> str:
    """The station by its name; in Persian a code in Latin letters isolated, so that the line
    keeps its order."""
    named = unit_name(election, station, lang)
    if lang == "fa":
        return named if named != station else f"\u2068{station}\u2069"
    return named if named == station else f"{named} ({station})"


def _figure(figure: str, lang: Lang) -> str:
    if figure.startswith("votes[") and figure.endswith("]"):
        code = figure[len("votes[") : -1]
        return text_in(CATALOGUE, "votes_of", lang, code=int(code) if code.isdigit() else code)
    if figure.startswith("invalid_"):
        return f"{text('invalid', lang)} ({text(figure, lang)})"
    return text(figure, lang)

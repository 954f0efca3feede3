"""The words of `sandogh results check-totals` (issue 14): the running totals against a full
re-aggregation of every stored sheet, in Persian and English."""

from __future__ import annotations

from sandogh.core.definition.model import Election, ReportingUnit
from sandogh.locale.definition_names import contest_name, named_place
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "totals_agree": (
        "جمع‌های نگه‌داشتهٔ نتایج «{election}» با جمع دوبارهٔ همهٔ صورتجلسه‌های ثبت‌شده یکی است "
        "({places} واحد و حوزه)."
    ),
    "totals_differ": (
        "{count} رقم از جمع‌های نگه‌داشتهٔ نتایج «{election}» با جمع دوبارهٔ صورتجلسه‌های "
        "ثبت‌شده نمی‌خواند؛ پایگاه داده بیرون از سامانه تغییر کرده است:"
    ),
    "totals_line": (
        "{scope} {place}، رقابت {contest}، {figure}: نگه‌داشته {actual}، جمع دوباره {expected}"
    ),
    "scope_unit": "واحد",
    "scope_constituency": "حوزهٔ انتخابیه",
    "votes_of": "آرای نامزد {code}",
    "stations_counted": "شعبه‌های گزارش‌داده",
    "totals_read_differ": (
        "جمع نگه‌داشتهٔ {unit}، رقابت {contest}، با جمع واحدها و شعبه‌های زیر آن نمی‌خواند؛ "
        "پایگاه داده بیرون از سامانه تغییر کرده است و نتیجه‌ای از آن نشان داده نمی‌شود. "
        "فرمان «\u2068sandogh results check-totals\u2069» را اجرا کنید تا هر رقم ناهمخوان "
        "را نام ببرد."
    ),
    "totals_not_logged": (
        "جمع‌های نگه‌داشتهٔ {unit}، رقابت {contest}، به ریشه‌ای که دفتر رویدادها آخرین بار "
        "برای آن ثبت کرده است نمی‌رسند؛ پایگاه داده بیرون از سامانه تغییر کرده یا به حالتی "
        "پیشین برگردانده شده است و نتیجه‌ای از آن نشان داده یا گزارشی بر آن افزوده نمی‌شود. "
        "فرمان «\u2068sandogh results check-totals\u2069» همهٔ صورتجلسه‌ها را دوباره جمع "
        "می‌زند."
    ),
    "roots_not_recorded": (
        "تازه‌ترین رویداد تغییر جمع‌های نگه‌داشتهٔ «{election}» در دفتر رویدادها (رویداد "
        "{sequence}) ریشه‌ای ثبت نکرده است، پس از رویدادهایی که ثبت کرده‌اند؛ این رویداد بیرون "
        "از سامانه به دفتر افزوده شده است و نتیجه‌ای از جمع‌ها نشان داده یا گزارشی بر آن افزوده "
        "نمی‌شود. دفتر رویدادها را با نقطه‌های بازبینی منتشرشده بسنجید "
        "(«\u2068sandogh log verify --against\u2069»)."
    ),
    "recount_differs": (
        "جمع دوبارهٔ همهٔ صورتجلسه‌های ثبت‌شدهٔ «{election}» به ریشه‌هایی که دفتر رویدادها "
        "آخرین بار ثبت کرده است (رویداد {sequence}) نمی‌رسد، با همان تعریف انتخابات؛ "
        "صورتجلسه‌ها بیرون از سامانه تغییر کرده‌اند و نتیجه‌ای از آن‌ها نشان داده نمی‌شود. "
        "فرمان «\u2068sandogh results check-totals\u2069» را اجرا کنید."
    ),
    "trees_agree": (
        "درخت جمع‌های {trees} رقابتی که تأیید صحت نشده‌اند با جمع‌های نگه‌داشته و صورتجلسه‌های ثبت‌شده "
        "یکی است و به ریشه‌ای می‌رسد که دفتر رویدادها آخرین بار ثبت کرده است."
    ),
    "trees_differ": (
        "{count} مورد از درخت جمع‌های رقابت‌های «{election}» که تأیید صحت نشده‌اند با درختی که از "
        "جمع‌های نگه‌داشته و صورتجلسه‌های ثبت‌شده ساخته می‌شود نمی‌خواند؛ پایگاه داده بیرون از "
        "سامانه تغییر کرده است:"
    ),
    "tree_missing": "ردیف درخت جمع‌های {unit}، رقابت {contest}، در پایگاه داده نیست",
    "tree_differs": (
        "ردیف درخت جمع‌های {unit}، رقابت {contest}، آن نیست که از جمع‌ها و صورتجلسه‌ها ساخته می‌شود"
    ),
    "tree_root": (
        "درخت جمع‌های رقابت {contest} به ریشه‌ای که دفتر رویدادها آخرین بار ثبت کرده است "
        "(رویداد {sequence}) نمی‌رسد"
    ),
    "page_past_end": ("فهرست واحدهای زیر {unit} صفحهٔ {page} ندارد؛ صفحهٔ آخر آن {last} است."),
}

EN: dict[str, str] = {
    "totals_agree": (
        "The kept totals of the results of “{election}” are those of adding every stored tally "
        "sheet again ({places} units and constituencies)."
    ),
    "totals_differ": (
        "{count} figures of the kept totals of the results of “{election}” are not those of "
        "adding the stored tally sheets again; the database was changed outside sandogh:"
    ),
    "totals_line": (
        "{scope} {place}, contest {contest}, {figure}: kept {actual}, added again {expected}"
    ),
    "scope_unit": "unit",
    "scope_constituency": "constituency",
    "votes_of": "votes of candidate {code}",
    "stations_counted": "stations reported",
    "totals_read_differ": (
        "The kept total of {unit}, contest {contest}, is not the sum of the units and stations "
        "below it; the database was changed outside sandogh and no result is shown from it. "
        "Run `sandogh results check-totals` to name every figure that differs."
    ),
    "totals_not_logged": (
        "The kept totals of {unit}, contest {contest}, do not lead to the root the event log "
        "last recorded for it; the database was changed outside sandogh or rolled back to an "
        "earlier state, and no result is shown from it nor report added to it. "
        "`sandogh results check-totals` adds every tally sheet again."
    ),
    "roots_not_recorded": (
        "The newest change of the kept totals of “{election}” in the event log (entry "
        "{sequence}) records no roots, after changes that did; it was added to the log outside "
        "sandogh, and no result is shown from the totals nor any report added to them. Check "
        "the event log against the published checkpoints (`sandogh log verify --against`)."
    ),
    "recount_differs": (
        "Adding every stored tally sheet of “{election}” again does not give the roots the "
        "event log last recorded (entry {sequence}), under the same definition; the sheets were "
        "changed outside sandogh and no result is shown from them. Run `sandogh results "
        "check-totals`."
    ),
    "trees_agree": (
        "The totals trees of {trees} contests not certified are those made from the kept "
        "totals and the stored tally sheets, and lead to the roots the event log last recorded."
    ),
    "trees_differ": (
        "{count} rows or roots of the totals trees of the contests of “{election}” not "
        "certified are not those made from the kept totals and the stored tally sheets; the "
        "database was changed outside sandogh:"
    ),
    "tree_missing": "The totals tree's row of {unit}, contest {contest}, is missing",
    "tree_differs": (
        "The totals tree's row of {unit}, contest {contest}, is not the one made from the "
        "totals and the sheets"
    ),
    "tree_root": (
        "The totals tree of contest {contest} does not lead to the root the event log last "
        "recorded (entry {sequence})"
    ),
    "page_past_end": ("The units below {unit} have no page {page}; their last page is {last}."),
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def unit_contest_words(
    key: str, election: Election, contest: str, unit: ReportingUnit
) -> tuple[str, str]:
    """The refusal `key` of a unit's kept totals of a contest, in Persian and in English: the
    unit by its name (its code beside it in English), the contest by its name."""

    def said(lang: Lang) -> str:
        name = named_place(unit.kind, unit.name.fa if lang == "fa" else unit.name.en, lang)
        where = name if lang == "fa" else f"{name} ({unit.code})"
        named = contest_name(election, contest, lang)
        return text_in(CATALOGUE, key, lang, unit=where, contest=named)

    return said("fa"), said("en")

"""Lots (قرعه) and withdrawals (انصراف) in Persian and English: the lines and refusals of
`sandogh lot` and `sandogh candidates withdraw`, and how the outcome and the ballot mark them
(issue 12)."""

from __future__ import annotations

from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.rules import ListResult
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "lot_committed": (
        "تعهد قرعهٔ {scope} ثبت شد: {commitment}. راز را تا جلسهٔ قرعه نگه دارید؛ "
        "بذر قرعه از همین راز و خود تساوی ساخته می‌شود"
    ),
    "commit_polling_at": (
        "تعهد قرعهٔ {scope} پذیرفته نیست: رأی‌گیری {contest} در {day} آغاز شده است ({where})؛ "
        "تعهد پیش از آغاز رأی‌گیری ثبت می‌شود، وقتی هنوز هیچ تساوی‌ای دیده نمی‌شود"
    ),
    "commit_exists": "تعهد قرعهٔ {scope} پیش‌تر به دست {by} در {at} ثبت شده است؛ هر دامنه یک تعهد",
    "commit_polling": (
        "تعهد قرعهٔ {scope} پذیرفته نیست: رأی‌گیری {contest} در {day} آغاز شده است؛ تعهد پیش از "
        "آغاز رأی‌گیری ثبت می‌شود"
    ),
    "commit_overlaps": (
        "تعهد قرعهٔ {scope} پذیرفته نیست: تعهد {earlier} (به دست {by} در {at}) همین حوزه‌ها را "
        "می‌پوشاند؛ هر تساوی تنها یک تعهد دارد"
    ),
    "unknown_constituency": "حوزه {constituency} در رقابت {contest} نیست؛ شناسه حوزه را از تعریف "
    "انتخابات بخوانید",
    "secret_weak": "راز قرعه دست‌کم {least} نویسه است (برای نمونه رقم‌های تاس‌های ریخته‌شده)",
    "drawer_missing": (
        "قرعه باید نام کسی را که آن را کشیده است داشته باشد: «قرعه‌کشان» (--drawn-by) خالی است "
        "یا نامی خالی دارد"
    ),
    "no_commitment": (
        "برای رقابت {contest} تعهدی ثبت نشده است: قرعه فقط با آشکار کردن رازی کشیده می‌شود که "
        "هیئت پیش از نتیجه با «sandogh lot commit» به آن متعهد شده است"
    ),
    "secret_mismatch": (
        "این راز با تعهد ثبت‌شدهٔ {contest} ({commitment}، به دست {by}) نمی‌خواند؛ قرعه کشیده نشد"
    ),
    "lot_recorded": (
        "قرعه ثبت شد: {contest}/{constituency}، بذر {seed}، به دست {by}؛ ترتیب: {order}"
    ),
    "lot_line": "{contest}/{constituency} ({stake}): {tied} — بذر {seed}، به دست {by}",
    "no_lots": "قرعه‌ای ثبت نشده است",
    "withdrawal_recorded": "انصراف نامزد با کد {candidate} از «{contest}» ثبت شد ({printing})",
    "printing_before-printing": "پیش از چاپ برگه",
    "printing_after-printing": "پس از چاپ برگه",
    "withdrawn_mark": "انصراف داده",
    "printed": (
        "تعریف {election} دیگر بازنویسی نمی‌شود: در {day} در صندوق شعبه {station} بارگذاری شد "
        "(نخستین ثبت صندوق، رویداد {entry} دفتر) و برگه‌ها از آن چاپ شده است؛ "
        "انصراف را «پس از چاپ برگه» ثبت کنید"
    ),
    "printed_results": (
        "تعریف {election} دیگر بازنویسی نمی‌شود: نتایج آن در {day} وارد شد (رویداد {entry} دفتر، "
        "در {station})، پس برگه‌ها چاپ شده است؛ انصراف را «پس از چاپ برگه» ثبت کنید"
    ),
    "polling_begun_calendar": (
        "انصراف {candidate} از {contest} پذیرفته نیست: رأی‌گیری آن بنا بر تقویم انتخابات در {day} "
        "آغاز شده است و پس از آغاز رأی‌گیری انصرافی ثبت نمی‌شود"
    ),
    "polling_begun_station": (
        "انصراف {candidate} از {contest} پذیرفته نیست: رأی‌گیری آن در {day} آغاز شده است "
        "({where}) و پس از آغاز رأی‌گیری انصرافی ثبت نمی‌شود"
    ),
    "begun_zero": "صورتجلسه آغاز رأی‌گیری {station} پذیرفته شد",
    "begun_final": "گزارش نهایی {station} پذیرفته شد",
    "begun_imported": "نتایج در {place} وارد شد (رویداد شمارهٔ {entry} دفتر رویدادها)",
    "not_stored": (
        "پیش‌نویس داده‌شده ({given}) تعریف ذخیره‌شده {election} ({stored}) نیست؛ "
        "قرعه بر تعریف ذخیره‌شده کشیده می‌شود"
    ),
    "party_list_line": (
        "فهرست {party_list}: {votes} رأی، {seats} کرسی؛ منتخبان: {elected}؛ علی‌البدل: {alternates}"
    ),
    "party_list_so_far": (
        "فهرست {party_list}: {votes} رأی، تاکنون {seats} کرسی؛ پیشتازان: {elected}"
    ),
    "option_removed": (
        "گزینهٔ {option} دیگر نیست: قرعه و انصراف تصمیم‌های ثبت‌شده‌اند؛ "
        "با «sandogh lot draw» و «sandogh candidates withdraw» ثبت کنید"
    ),
}

EN: dict[str, str] = {
    "lot_committed": (
        "Lot commitment for {scope} recorded: {commitment}. Keep the secret until the lot's "
        "session; the lot's seed is made from it and the tie"
    ),
    "commit_polling_at": (
        "The lot commitment for {scope} is refused: polling of {contest} began on {day} "
        "({where}); a commitment is made before polling begins, while no tie can be seen"
    ),
    "commit_exists": "A lot commitment for {scope} was recorded by {by} at {at}; one per scope",
    "commit_polling": (
        "The lot commitment for {scope} is refused: polling of {contest} began on {day}; a "
        "commitment is made before polling begins"
    ),
    "commit_overlaps": (
        "The lot commitment for {scope} is refused: commitment {earlier} (by {by} at {at}) covers "
        "the same constituencies; each tie has one commitment"
    ),
    "unknown_constituency": "contest {contest} has no constituency {constituency}; read the "
    "constituency's id from the election's definition",
    "secret_weak": "A lot's secret has at least {least} characters (e.g. openssl rand -hex 32)",
    "drawer_missing": (
        "A lot names who drew it: «drawn by» (--drawn-by) is empty or holds a blank name"
    ),
    "no_commitment": (
        "No commitment is recorded for contest {contest}: a lot is drawn only by revealing a "
        "secret the board committed to before the results with `sandogh lot commit`"
    ),
    "secret_mismatch": (
        "This secret does not match the commitment recorded for {contest} ({commitment}, by "
        "{by}); no lot was drawn"
    ),
    "lot_recorded": (
        "Lot recorded: {contest}/{constituency}, seed {seed}, drawn by {by}; order: {order}"
    ),
    "lot_line": "{contest}/{constituency} ({stake}): {tied} — seed {seed}, drawn by {by}",
    "no_lots": "No lot is recorded",
    "withdrawal_recorded": "Withdrawal of the candidate coded {candidate} from {contest} recorded "
    "({printing})",
    "printing_before-printing": "before the ballots were printed",
    "printing_after-printing": "after the ballots were printed",
    "withdrawn_mark": "withdrawn",
    "printed": (
        "the definition of {election} is no longer rewritten: it was loaded into the box of "
        "station {station} on {day} (the first box enrolled, log entry {entry}) and the ballots "
        "are printed from it; record the withdrawal as after printing"
    ),
    "printed_results": (
        "the definition of {election} is no longer rewritten: its results were imported on {day} "
        "(log entry {entry}, at {station}), so the ballots were printed; record the withdrawal "
        "as after printing"
    ),
    "polling_begun_calendar": (
        "the withdrawal of {candidate} from {contest} is refused: by the election's calendar its "
        "polling began on {day}, and no withdrawal is recorded once polling has begun"
    ),
    "polling_begun_station": (
        "the withdrawal of {candidate} from {contest} is refused: its polling began on {day} "
        "({where}), and no withdrawal is recorded once polling has begun"
    ),
    "begun_zero": "{station}'s zero report was accepted",
    "begun_final": "{station}'s final report was accepted",
    "begun_imported": "results were imported at {place}, log entry {entry}",
    "not_stored": (
        "the draft given ({given}) is not the definition stored for {election} ({stored}); "
        "codes are drawn on the stored definition"
    ),
    "party_list_line": (
        "List {party_list}: {votes} votes, {seats} seats; elected: {elected}; "
        "alternates: {alternates}"
    ),
    "party_list_so_far": (
        "List {party_list}: {votes} votes, {seats} seats so far; leading: {elected}"
    ),
    "option_removed": (
        "{option} is gone: lots and withdrawals are recorded decisions; record them with "
        "`sandogh lot draw` and `sandogh candidates withdraw`"
    ),
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def printing_text(printing: Printing, lang: Lang) -> str:
    return CATALOGUE[lang][f"printing_{printing.value}"]


def withdrawn_mark(printing: Printing, lang: Lang) -> str:
    """How an outcome or a ballot marks a withdrawn candidate: withdrawn, and when."""
    return f"{CATALOGUE[lang]['withdrawn_mark']} ({printing_text(printing, lang)})"


def party_list_line(result: ListResult, lang: Lang, *, so_far: bool = False) -> str:
    """One party list's seats, elected and alternates (issue 12: in every output); `so_far`,
    before every station has reported, its seats and leaders if the count stopped now."""
    comma = "، " if lang == "fa" else ", "

    def shown(value: str) -> str:
        return to_persian_digits(value) if lang == "fa" else value

    return CATALOGUE[lang]["party_list_so_far" if so_far else "party_list_line"].format(
        party_list=result.party_list,
        votes=shown(str(result.votes)),
        seats=shown(str(result.seats)),
        elected=shown(comma.join(result.elected)) or "—",
        alternates=shown(comma.join(result.alternates)) or "—",
    )

"""The ballot-code draw's commitment in Persian and English: the lines and refusals of
`sandogh candidates commit`, `final-list` and `draw` and of the console's forms (docs/lots.md
§5)."""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "codes_not_drawn": (
        "«{election}» پیش‌نویس است: رقابت‌های {contests} هنوز نامزدی ندارند تا کدهایشان قرعه‌کشی "
        "شود (sandogh candidates draw)؛ نه صندوقی برای آن ثبت می‌شود و نه نتیجه‌ای بر آن پذیرفته است"
    ),
    "draw_committed": (
        "تعهد قرعهٔ کدهای «{contest}» ثبت شد: {commitment}. راز را تا قرعه‌کشی نگه دارید؛ بذر "
        "از همین راز و فهرست نهایی منتشرشده ساخته می‌شود"
    ),
    "draw_commit_exists": (
        "تعهد قرعهٔ کدهای «{contest}» پیش‌تر به دست {by} در {day} ثبت شده است؛ هر رقابت یک تعهد"
    ),
    "draw_commit_late": (
        "تعهد قرعهٔ کدهای «{contest}» پذیرفته نیست: فهرست نهایی در {day} به دست {by} منتشر شده "
        "است؛ تعهد پیش از انتشار فهرست ثبت می‌شود، وقتی هنوز نامزدها دانسته نیستند"
    ),
    "draw_commit_early": (
        "تعهد قرعهٔ کدهای «{contest}» هنوز پذیرفته نیست: ثبت‌نام داوطلبان تا {day} باز است؛ "
        "تعهد پس از پایان ثبت‌نام ثبت می‌شود، وقتی همهٔ داوطلبان و حوزه‌هایشان دانسته‌اند"
    ),
    "draw_no_commitment": (
        "برای کدهای «{contest}» تعهدی ثبت نشده است: پیش از انتشار فهرست نهایی، ستاد با "
        "«sandogh candidates commit» به رازی متعهد می‌شود و قرعه با آشکار کردن همان کشیده می‌شود"
    ),
    "draw_secret_mismatch": (
        "این راز با تعهد ثبت‌شدهٔ کدهای «{contest}» ({commitment}، به دست {by}) نمی‌خواند؛ "
        "قرعه کشیده نشد"
    ),
    "list_published": (
        "فهرست نهایی «{contest}» پیش‌تر در {day} به دست {by} منتشر شده است؛ فهرست یک بار منتشر "
        "می‌شود و انصراف‌ها پس از آن جداگانه ثبت می‌شوند"
    ),
}

EN: dict[str, str] = {
    "codes_not_drawn": (
        "{election} is a draft: no candidates in {contests} until the code draw (sandogh "
        "candidates draw); no box is enrolled for it and no results are taken against it"
    ),
    "draw_committed": (
        "the commitment to the code draw of {contest} is recorded: {commitment}. Keep the secret "
        "until the draw; the seed is made of it and the published final list"
    ),
    "draw_commit_exists": (
        "the code draw of {contest} was committed to already, by {by} on {day}; one commitment "
        "per contest"
    ),
    "draw_commit_late": (
        "the commitment to the code draw of {contest} is refused: the final list was published "
        "on {day} by {by}; a commitment is recorded before the list, while the candidates are "
        "not yet known"
    ),
    "draw_commit_early": (
        "the commitment to the code draw of {contest} is not accepted yet: registration is open "
        "until {day}; a commitment is recorded once it has closed, when every applicant and "
        "their constituency is known"
    ),
    "draw_no_commitment": (
        "no commitment to the code draw of {contest} is recorded: before the final list is "
        "published the headquarters commit to a secret with `sandogh candidates commit`, and the "
        "draw reveals it"
    ),
    "draw_secret_mismatch": (
        "this secret does not match the recorded commitment of the code draw of {contest} "
        "({commitment}, by {by}); nothing was drawn"
    ),
    "list_published": (
        "the final list of {contest} was published already, on {day} by {by}; a list is published "
        "once, and withdrawals from it are recorded on their own"
    ),
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}

"""A calendar file's problems (`core.candidacy.calendar.calendar_problems`) in Persian: the
stages by their names, the days in the Jalali calendar, as `sandogh candidates calendar` says them
under the default `--lang fa`."""

from __future__ import annotations

import datetime

from sandogh.core.candidacy.calendar import Stage
from sandogh.core.definition.problems import Problem
from sandogh.locale.candidacy import CATALOGUE, stage_name
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "contest-twice": "رقابت «{contest}» پیش‌تر در {other} آمده است",
    "no-contest": "هیچ رقابتی را نام نمی‌برد",
    "round": "باید ۱ یا بیشتر باشد، نه {round}",
    "ends-before": "{stage} در {last} پایان می‌یابد، پیش از آغازش در {first}",
    "listed-twice": "{stage} دو بار آمده است",
    "out-of-order": "{after} باید پیش از {before} بیاید، نه پس از آن",
    "overlap": "{after} در {first} آغاز می‌شود، پیش از آنکه {before} بسته شود ({last})",
    "lacks": "دور {round} {kind} این مرحله‌ها را ندارد: {missing}",
    "polls-close": "وقتی ساعت رأی‌گیری تمدید می‌شود، ساعت پایان آن باید داده شود",
    "not-extending": "ساعت {extended} رأی‌گیری را که ساعت {closing} پایان می‌یابد تمدید نمی‌کند",
}
_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA}  # English: the problem's own message


def _word(name: str, value: str) -> str:
    if name in {"stage", "after", "before"}:
        return stage_name(Stage(value), "fa")
    if name in {"first", "last"}:
        return format_jalali(datetime.date.fromisoformat(value), "fa")
    if name == "missing":
        return "، ".join(stage_name(Stage(v), "fa") for v in value.split(","))
    if name == "kind":
        return CATALOGUE["fa"][f"kind_{value}"]
    return value if name in {"contest", "other"} else to_persian_digits(value)


def in_persian(problem: Problem) -> Problem:
    """`problem` with its Persian words, when it is one this catalogue says."""
    if problem.key not in FA:
        return problem
    values = {name: _word(name, value) for name, value in problem.values}
    fa = text_in(_CATALOGUE, problem.key, "fa", **values)
    return Problem(problem.path, problem.message, fa, problem.key, problem.values)

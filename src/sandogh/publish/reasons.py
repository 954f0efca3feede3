"""The reasons of an outcome in Persian and English, as the snapshot's outcome files give them.

`core.rules.reasons` says each fact of an outcome once, in English, under a stable key with its
figures beside it; the public results are Persian first (issue 5), so each key is written here in
Persian from the same figures: Persian digits with the Arabic thousands separator
(`locale.digits`), candidate codes in Persian digits as the ballot box shows them, and the terms
of `locale.messages` (آرای مأخوذه، آرای صحیح، علی‌البدل، دور دوم). A key this module does not
know (a rule added later) keeps its English sentence in both languages rather than hide the fact.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from sandogh.core.definition.rule import Base, MajorityRule, ThresholdRule
from sandogh.core.rules import Outcome, Reason
from sandogh.core.rules.lots import Stake
from sandogh.core.rules.reasons import share_text
from sandogh.locale.digits import format_int, to_persian_digits

_BALLOTS = {Base.CAST: "آرای مأخوذه", Base.VALID: "آرای صحیح"}
_STAKES = {
    Stake.SEAT: "کرسی",
    Stake.RUNOFF: "جایی در دور دوم",
    Stake.ALTERNATE: "جایگاه علی‌البدل‌ها",
    Stake.LIST_SEAT: "کرسی فهرست‌ها",
}


def reasons_json(outcome: Outcome, *, partial: bool = False) -> list[dict[str, str]]:
    """Every reason of `outcome`, in order, as `{"fa": …, "en": …}`. A `partial` outcome (not
    every station reported) is only the standings if the count stopped now: its reasons say
    leading or not, never elected or not elected, a word only the complete count may say."""
    return [
        _so_far(reason)
        if partial and reason.key in _SO_FAR
        else {"fa": persian(outcome, reason), "en": reason.text}
        for reason in outcome.reasons
    ]


def so_far_json(reported: int, total: int) -> dict[str, str]:
    """The reason that heads standings taken before every station has reported."""
    return {
        "fa": f"نتیجه تا این لحظه: {_n(reported)} شعبه از {_n(total)} شعبه گزارش داده‌اند؛ "
        "هنوز قطعی نیست.",
        "en": f"Standings so far: {reported:,} of {total:,} stations reported; not final.",
    }


def persian(outcome: Outcome, reason: Reason) -> str:
    """The Persian sentence of one reason of `outcome`."""
    write = _PERSIAN.get(reason.key)
    return reason.text if write is None else write(outcome, reason)


def _n(value: int | None) -> str:
    return format_int(value or 0, "fa")


def _who(reason: Reason) -> str:
    who = f"نامزد {to_persian_digits(reason.candidate or '')}"
    return who if reason.party_list is None else f"{who} (فهرست {reason.party_list})"


def _share_of(outcome: Outcome) -> str:
    rule = outcome.rule
    if not isinstance(rule, MajorityRule | ThresholdRule):
        return ""
    return (
        f"{to_persian_digits(share_text(rule.share)).replace(' %', '٪')} از {_BALLOTS[rule.base]}"
    )


def _exact(value: Fraction | None) -> str:
    if value is None:
        return ""
    whole, rest = divmod(value, 1)
    text = _n(int(whole))
    return text if rest == 0 else f"{text} و {to_persian_digits(str(rest))}"


def _tied(reason: Reason) -> str:
    return "، ".join(to_persian_digits(code) for code in reason.tied)


def _majority_needed(outcome: Outcome, reason: Reason) -> str:
    return f"بیش از {_share_of(outcome)} ({_n(reason.base)} رأی) لازم است: {_n(reason.needed)} رأی."


def _threshold_needed(outcome: Outcome, reason: Reason) -> str:
    return (
        f"دست‌کم {_share_of(outcome)} ({_n(reason.base)} رأی) لازم است: دقیقاً "
        f"{_exact(reason.threshold)}، پس {_n(reason.needed)} رأی."
    )


def _reached(_: Outcome, reason: Reason) -> str:
    return f"{_who(reason)} با {_n(reason.votes)} رأی (حد نصاب {_n(reason.needed)} رأی): منتخب."


def _below(_: Outcome, reason: Reason) -> str:
    return f"{_who(reason)} با {_n(reason.votes)} رأی (حد نصاب {_n(reason.needed)} رأی): منتخب نشد."


def _passed_no_seat(_: Outcome, reason: Reason) -> str:
    return (
        f"{_who(reason)} با {_n(reason.votes)} رأی به حد نصاب ({_n(reason.needed)} رأی) رسید، "
        f"اما {_n(reason.seats)} کرسی به نامزدهای پیش از او رسید: منتخب نشد."
    )


def _runoff(_: Outcome, reason: Reason) -> str:
    return (
        f"{_n(reason.seats)} کرسی باقی است: {_n(reason.count)} نامزد با بیشترین آرا از میان "
        "منتخب‌نشدگان به دور دوم می‌روند."
    )


def _advances(_: Outcome, reason: Reason) -> str:
    return (
        f"{_who(reason)} با {_n(reason.votes)} رأی، رتبه {_n(reason.rank)} دور دوم: "
        "به دور دوم راه یافت."
    )


def _seats_unfilled(_: Outcome, reason: Reason) -> str:
    return f"{_n(reason.seats)} کرسی خالی می‌ماند: نامزدی برای آن باقی نیست."


def _elected(_: Outcome, reason: Reason) -> str:
    return f"{_who(reason)} با {_n(reason.votes)} رأی، رتبه {_n(reason.rank)}: منتخب."


def _alternate(_: Outcome, reason: Reason) -> str:
    return f"{_who(reason)} با {_n(reason.votes)} رأی: علی‌البدل شماره {_n(reason.rank)}."


def _not_elected(_: Outcome, reason: Reason) -> str:
    return f"{_who(reason)} با {_n(reason.votes)} رأی: منتخب نشد."


def _withdrawn(_: Outcome, reason: Reason) -> str:
    return (
        f"{_who(reason)} انصراف داده است ({_n(reason.votes)} رأی): کنار گذاشته شد و نفر بعدی "
        "جای او را می‌گیرد."
    )


def _list_seats(_: Outcome, reason: Reason) -> str:
    return f"فهرست {reason.party_list} با {_n(reason.votes)} رأی: {_n(reason.seats)} کرسی."


def _lot_drawn(outcome: Outcome, reason: Reason) -> str:
    lot = next((d for d in outcome.lots if d.stake == reason.stake and d.tied == reason.tied), None)
    stake = _STAKES[reason.stake] if reason.stake is not None else ""
    if lot is None:
        return f"تساوی برای {stake}: {_tied(reason)}؛ قرعه کشیده شد."
    order = "، ".join(to_persian_digits(code) for code in lot.order)
    by = "، ".join(lot.drawn_by) or "کسی نام برده نشده"
    return (
        f"تساوی برای {stake}: {_tied(reason)}؛ قرعه با بذر «{lot.seed}» به دست {by} "
        f"آنان را چنین مرتب کرد: {order}."
    )


def _lot_required(_: Outcome, reason: Reason) -> str:
    stake = _STAKES[reason.stake] if reason.stake is not None else ""
    return f"تساوی برای {stake}: {_tied(reason)} ({_n(reason.count)} جایگاه)؛ باید قرعه کشیده شود."


_PERSIAN: dict[str, Callable[[Outcome, Reason], str]] = {
    "majority-needed": _majority_needed,
    "threshold-needed": _threshold_needed,
    "majority-reached": _reached,
    "threshold-reached": _reached,
    "below-majority": _below,
    "below-threshold": _below,
    "passed-no-seat": _passed_no_seat,
    "runoff": _runoff,
    "advances-to-runoff": _advances,
    "seats-unfilled": _seats_unfilled,
    "elected": _elected,
    "alternate": _alternate,
    "not-elected": _not_elected,
    "withdrawn": _withdrawn,
    "list-seats": _list_seats,
    "lot-drawn": _lot_drawn,
    "lot-required": _lot_required,
}


def _so_far(reason: Reason) -> dict[str, str]:
    fa, en = _SO_FAR[reason.key]
    who_en = f"Candidate {reason.candidate}"
    if reason.party_list is not None:
        who_en = f"{who_en} (list {reason.party_list})"
    votes, needed = reason.votes or 0, reason.needed or 0
    return {
        "fa": fa.format(
            who=_who(reason),
            votes=_n(reason.votes),
            needed=_n(reason.needed),
            rank=_n(reason.rank),
            seats=_n(reason.seats),
            count=_n(reason.count),
        ),
        "en": en.format(
            who=who_en,
            votes=f"{votes:,}",
            needed=f"{needed:,}",
            rank=reason.rank,
            seats=reason.seats,
            count=reason.count,
        ),
    }


_REACHED_SO_FAR = (
    "{who} با {votes} رأی (حد نصاب {needed} رأی): تاکنون پیشتاز.",
    "{who} has {votes} votes so far, {needed} needed: leading so far.",
)
_BELOW_SO_FAR = (
    "{who} با {votes} رأی (حد نصاب {needed} رأی): تاکنون پیشتاز نیست.",
    "{who} has {votes} votes so far, {needed} needed: not leading so far.",
)
# Persian then English of each reason whose complete wording is an outcome of the election
_SO_FAR: dict[str, tuple[str, str]] = {
    "majority-reached": _REACHED_SO_FAR,
    "threshold-reached": _REACHED_SO_FAR,
    "below-majority": _BELOW_SO_FAR,
    "below-threshold": _BELOW_SO_FAR,
    "passed-no-seat": (
        "{who} با {votes} رأی به حد نصاب ({needed} رأی) رسیده است، اما {seats} کرسی تاکنون "
        "از آنِ نامزدهای پیش از اوست: تاکنون پیشتاز نیست.",
        "{who} has {votes} votes so far, enough ({needed}), but the {seats} seat(s) go to "
        "candidates ahead so far: not leading so far.",
    ),
    "runoff": (
        "{seats} کرسی باقی می‌ماند اگر شمارش اکنون پایان می‌یافت: {count} نامزد پیشتاز از میان "
        "بقیه به دور دوم می‌رفتند.",
        "{seats} seat(s) would be left if the count stopped now: the {count} candidate(s) "
        "leading among the rest would go to a runoff.",
    ),
    "advances-to-runoff": (
        "{who} با {votes} رأی، رتبه {rank} دور دوم: تاکنون پیشتاز برای دور دوم.",
        "{who} has {votes} votes so far, place {rank} of the runoff: leading for it so far.",
    ),
    "elected": (
        "{who} با {votes} رأی، رتبه {rank}: تاکنون پیشتاز.",
        "{who} has {votes} votes so far, place {rank}: leading so far.",
    ),
    "alternate": (
        "{who} با {votes} رأی: تاکنون در جایگاه علی‌البدل شماره {rank}.",
        "{who} has {votes} votes so far: in the place of alternate number {rank} so far.",
    ),
    "not-elected": (
        "{who} با {votes} رأی: تاکنون پیشتاز نیست.",
        "{who} has {votes} votes so far: not leading so far.",
    ),
}

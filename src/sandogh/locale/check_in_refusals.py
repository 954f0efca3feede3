"""Why a voter got no ballot card at a box, in Persian and English, with what to do: the
centre's reasons (`services.check_in_rules.RefusalReason`, `DeviceRefusal`,
`core.station.Impossible`), the box's own (`station.box_check_in.LocalRefusal`) and, for a
mistyped code, its fault (`core.voters.CodeFault`). The operator's screen shows these words,
never the machine code.

No sentence names where or when the voter voted (DESIGN.md §3): a runoff's refusal sends the
voter to the constituency where they voted in round one without naming it. A key is the reason
in lower case with `_` for `-`, after `check_in_refused_` (or `code_fault_`).
"""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "check_in_refused_invalid_code": "کد ملی درست نیست",
    "check_in_refused_not_in_registry": "این کد ملی در ثبت احوال یافت نشد",
    "check_in_refused_under_age": "رأی‌دهنده در روز رأی‌گیری به سن رأی نرسیده است",
    "check_in_refused_dead": "ثبت احوال این کد ملی را از آنِ درگذشته‌ای می‌داند",
    "check_in_refused_not_citizen": "دارنده این کد ملی تابع ایران نیست",
    "check_in_refused_runoff_elsewhere": "برگه رأی این دور دوم را تنها در حوزه‌ای می‌توان داد"
    " که رأی‌دهنده در دور نخست در آن رأی داده است. به شعبه‌ای از حوزه‌ای بروید که در دور نخست"
    " در آن رأی دادید.",
    "check_in_refused_by_election_elsewhere": "برگه رأی این انتخابات میان‌دوره‌ای را تنها در"
    " حوزه‌ای می‌توان داد که رأی‌دهنده در انتخابات اصلی در آن رأی داده است. به شعبه‌ای از"
    " همان حوزه بروید.",
    "check_in_refused_already_voted": "با این کد ملی در این دور پیش‌تر رأی داده شده است",
    "check_in_refused_unknown_station": "مرکز این شعبه را در شعبه‌های انتخابات نمی‌شناسد",
    "check_in_refused_station_not_in_contest": "در این شعبه رأی‌گیری هیچ انتخاباتی نیست",
    "check_in_refused_centre_unreachable": "مرکز در دسترس نیست و این شعبه بی‌مرکز کسی را"
    " نمی‌پذیرد؛ چند دقیقه دیگر دوباره بکوشید",
    "check_in_refused_checked_in_here": "این رأی‌دهنده بی‌مرکز در همین صندوق پذیرفته شده است",
    "check_in_refused_card_unused": "برای این رأی‌دهنده کارت تعرفه‌ای شارژ شده و هنوز به کار"
    " نرفته است",
    "check_in_refused_nothing_to_cancel": "برای این رأی‌دهنده کارت تعرفه به‌کارنرفته‌ای در این"
    " صندوق نیست که باطل شود",
    "check_in_refused_after_final_report": "صورتجلسه پایانی این شعبه رسیده است؛ رأی‌دهنده‌ای"
    " پذیرفته نمی‌شود",
    "check_in_refused_over_capacity": "برگه رأی این شعبه بیش از این نیست؛ به ناظر خبر دهید",
    "check_in_refused_earlier_round_missing": "دفتر رأی‌دهندگان انتخابات اصلی این میان‌دوره‌ای در"
    " مرکز نیست و حوزهٔ رأی‌دادن را نمی‌توان سنجید؛ به ناظر خبر دهید",
    "check_in_refused_unknown_device": "این صندوق برای این انتخابات ثبت نشده است؛ به ناظر خبر دهید",
    "check_in_refused_revoked_device": "ثبت این صندوق لغو شده است؛ به ناظر خبر دهید",
    "check_in_refused_wrong_station": "این صندوق برای شعبه دیگری ثبت شده است؛ به ناظر خبر دهید",
    "check_in_refused_other": "مرکز این رأی‌دهنده را نپذیرفت؛ به ناظر خبر دهید",
    "code_fault_not_digits": "جز رقم چیزی نوشته شده است",
    "code_fault_too_short": "کمتر از ده رقم است",
    "code_fault_too_long": "بیشتر از ده رقم است",
    "code_fault_same_digit": "همه رقم‌ها یکی است",
    "code_fault_wrong_check_digit": "رقم کنترل نمی‌خواند؛ کد را دوباره بخوانید",
}

EN: dict[str, str] = {
    "check_in_refused_invalid_code": "The national code is not valid",
    "check_in_refused_not_in_registry": "The civil registry has no one of this national code",
    "check_in_refused_under_age": "The voter is not of voting age on the polling day",
    "check_in_refused_dead": "The civil registry holds this national code as a dead person's",
    "check_in_refused_not_citizen": "The holder of this national code is not an Iranian citizen",
    "check_in_refused_runoff_elsewhere": "This runoff's ballot can be given only in the"
    " constituency where the voter voted in the first round. Go to a station of the"
    " constituency where you voted in the first round.",
    "check_in_refused_by_election_elsewhere": "This by-election's ballot can be given only in the"
    " constituency where the voter voted in the main election. Go to a station of that"
    " constituency.",
    "check_in_refused_already_voted": "This national code has already voted in this round",
    "check_in_refused_unknown_station": "The centre knows no station of the election by this code",
    "check_in_refused_station_not_in_contest": "No contest is voted in at this station",
    "check_in_refused_centre_unreachable": "The centre cannot be reached and this station takes"
    " no one without it; try again in a few minutes",
    "check_in_refused_checked_in_here": "This voter was already checked in at this box offline",
    "check_in_refused_card_unused": "A ballot card was charged for this voter and is not used yet",
    "check_in_refused_nothing_to_cancel": "This box holds no unused ballot card of this voter to"
    " cancel",
    "check_in_refused_after_final_report": "This station's final report is in; it takes no"
    " more voters",
    "check_in_refused_over_capacity": "This station has no more ballot papers; tell the supervisor",
    "check_in_refused_earlier_round_missing": "The centre does not hold the voted ledger of this"
    " by-election's main election, so where a voter may vote cannot be checked; tell the"
    " supervisor",
    "check_in_refused_unknown_device": "This box is not enrolled for the election; tell the"
    " supervisor",
    "check_in_refused_revoked_device": "This box's enrolment was revoked; tell the supervisor",
    "check_in_refused_wrong_station": "This box is enrolled for another station; tell the"
    " supervisor",
    "check_in_refused_other": "The centre refused this voter; tell the supervisor",
    "code_fault_not_digits": "it holds something other than digits",
    "code_fault_too_short": "it has fewer than ten digits",
    "code_fault_too_long": "it has more than ten digits",
    "code_fault_same_digit": "all its digits are the same",
    "code_fault_wrong_check_digit": "its check digit does not match; read the code again",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def check_in_refusal_key(reason: str) -> str:
    """The key of the words for `reason`, a machine code; `check_in_refused_other` if none."""
    key = "check_in_refused_" + reason.replace("-", "_")
    return key if key in FA else "check_in_refused_other"


def code_fault_key(fault: str) -> str | None:
    """The key of the words for a national code's `fault`, if it is one."""
    key = "code_fault_" + fault.replace("-", "_")
    return key if key in FA else None

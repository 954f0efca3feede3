"""What the console's audit pages say, in Persian and English (issue 11).

The decisions, the kinds of audit, the reasons for a hand count and the refusals are the words
`sandogh audit` says (`locale.audit_words`), under keys of their own here; the rest is what only
the pages say: the headquarters' words for the boards' work (برگه, صندوق/کیسه, بذر, قرعه‌کشی) and
refusals that name the paper and say what to do.
"""

from __future__ import annotations

from sandogh.locale import Lang
from sandogh.locale.audit_words import DECISIONS, ESCALATIONS, KINDS, REFUSALS, SAID

_SHARED = {
    "decision_": DECISIONS,
    "escalation_": ESCALATIONS,
    "audit_kind_": KINDS,
    "audit_refused_": REFUSALS,
    "audit_said_": SAID,
}

_FA: dict[str, str] = {
    "audit_standing": "وضعیت حسابرسی",
    "audit_h_assertion_of": "رقابت و ادعا",
    "audit_h_risk_limit": "حد ریسک",
    "audit_h_seed": "بذر",
    "audit_h_kind": "نوع حسابرسی",
    "audit_h_decision": "تصمیم",
    "audit_h_p_value": "ادعا: مقدار P (حد ریسک {limit})",
    "audit_h_round": "دور",
    "audit_h_hash": "چکیده",
    "audit_h_station": "شعبه",
    "audit_h_container": "صندوق/کیسه",
    "audit_h_position": "ردیف",
    "audit_h_county": "شهرستان",
    "audit_papers_listed": "{papers} برگه در فهرست برگه‌ها؛ چکیده فهرست:",
    "audit_no_round_closed": "هنوز دوری بسته نشده است.",
    "audit_rounds_h": "دورها",
    "audit_paper_at": "ردیف {position} از صندوق/کیسه {container}",
    "audit": "حسابرسی برگه‌ها",
    "no_audit": "برای این انتخابات حسابرسی‌ای آغاز نشده است.",
    "audit_start": "آغاز حسابرسی",
    "audit_contests": "رقابت‌هایی که حسابرسی می‌شوند",
    "audit_risk_limit_percent": "حد ریسک (درصد)",
    "audit_seed_form": "ثبت بذر: رقم‌های تاس‌های ریخته‌شده در جلسه علنی",
    "audit_seed_help": "هر سطر یک ریختن، به ترتیب: نام ریزنده=رقم‌ها (برای نمونه: ناظر=۵۸۱۲۰۹۳۷۴۶)؛ "
    "روی هم دست‌کم ۲۰ رقم.",
    "audit_rolls": "ریختن‌ها",
    "audit_bad_roll": "سطر «{line}» به شکل نام=رقم‌ها نیست.",
    "audit_bad_seed": "بذر پذیرفته نشد: رقم‌ها باید از ۰ تا ۹ و روی هم دست‌کم ۲۰ رقم باشند.",
    "audit_draw": "قرعه‌کشی دور بعد",
    "audit_close": "بستن دور و مقایسه با سوابق",
    "audit_records": "پرونده سوابق الکترونیکی صندوق‌ها: همان که در آغاز داده شد (خالی اگر داده نشد)",
    "audit_records_help": "پرونده را برگزینید یا محتوای آن را در این کادر بگذارید.",
    "audit_bad_records": "پرونده سوابق خوانده نشد؛ باید JSON به شکل "
    '{{کد: {{"station": شعبه، "reads": خوانده}}}} باشد، هر کد یک بار.',
    "audit_start_records": "سوابق الکترونیکی صندوق‌ها (JSON)؛ چکیده آن‌ها پیش از بذر در برنامه "
    "ثبت می‌شود و در بستن هر دور همین پرونده لازم است. بی آن، هیچ برگه‌ای با سابقه مقایسه نمی‌شود.",
    "audit_bad_percent": "حد ریسک «{value}» درصدی میان ۰ و ۱۰۰ نیست.",
    "audit_no_contest": "دست‌کم یک رقابت از رقابت‌های این انتخابات را برگزینید.",
    "audit_contest": "رقابت و حوزه",
    "audit_next_size": "اندازه نمونه دور بعد",
    "audit_open_none": "دوری باز نیست.",
    "audit_hand_counts": "شمارش‌های دستی",
    "audit_pull_list": "فهرست برداشت برگه‌ها",
    "audit_pull_help": "هر برگه را یک بار بیرون بیاورید: شعبه، صندوق/کیسه و ردیف برگه در آن.",
    "audit_positions": "ردیف برگه‌ها",
    "audit_whole_station": "همه برگه‌ها (شمارش دستی شعبه)",
    "audit_print": "چاپ",
    "audit_nothing_here": "در این محدوده برگه‌ای برای این دور کشیده نشده است.",
    "audit_enter": "ثبت خوانده‌های هیئت",
    "audit_enter_help": "آنچه روی برگه می‌بینید ثبت کنید؛ سابقه الکترونیکی و ارقام اعلام‌شده "
    "تا بسته‌شدن دور نشان داده نمی‌شود.",
    "audit_found": "برگه پیدا شد؟",
    "audit_yes": "بله",
    "audit_no": "خیر",
    "audit_code": "کد تأیید چاپ‌شده روی برگه",
    "audit_invalid": "باطل",
    "audit_absent": "این رقابت روی برگه نیست",
    "audit_marked": "رأی به نامزد(ها)",
    "audit_save": "ثبت",
    "audit_all_read": "همه برگه‌های این محدوده در دور باز ثبت شده‌اند.",
    "audit_saved": "خوانده {paper} ثبت شد.",
    "audit_station_count": "شمارش دستی شعبه {station}",
    "audit_cards": "برگه‌ها",
    "audit_invalid_with_marks": "برگه {paper}: «باطل» یا «نیست» با نامزد علامت‌خورده ناسازگار "
    "است؛ یکی را برگزینید.",
    "audit_bad_field": "خانه «{field}» مقدار «{value}» را نمی‌پذیرد؛ آن را با فرم همین صفحه "
    "بفرستید.",
    "audit_field_paper": "نشانی برگه",
    "audit_field_marks": "نامزدهای علامت‌خورده",
    "audit_bad_count": "شعبه {station}: «{value}» عدد نیست؛ شمارش‌ها را با رقم بنویسید.",
    "audit_not_drawn": "برگه {paper} در دور باز کشیده نشده است؛ نشانی آن را با فهرست برداشت "
    "بسنجید.",
    "audit_read_twice": "برگه {paper} پیش‌تر ثبت شده است و دوباره ثبت نمی‌شود؛ اگر نادرست "
    "خوانده شده، به ناظر حسابرسی گزارش دهید.",
    "audit_not_audited": "برگه و رقابت {paper}: این رقابت در دور باز حسابرسی نمی‌شود.",
    "audit_not_standing": "برگه و رقابت {paper}: علامتی برای کسی که در این رقابت نامزد نیست.",
    "audit_too_many_marks": "برگه و رقابت {paper}: بیش از کرسی‌ها علامت خورده است؛ چنین برگه‌ای "
    "باطل است: «باطل» را برگزینید.",
    "audit_no_open_round": "اکنون دوری باز نیست؛ ناظر باید نخست دور بعد را قرعه بکشد، سپس "
    "خوانده‌ها را ثبت کنید.",
    "audit_station_not_drawn": "شعبه {station} در دور باز برای شمارش دستی کشیده نشده است؛ آن را "
    "با فهرست برداشت بسنجید.",
    "audit_station_read_twice": "شمارش دستی شعبه {station} پیش‌تر ثبت شده است و دوباره ثبت "
    "نمی‌شود؛ اگر نادرست شمرده شده، به ناظر حسابرسی گزارش دهید.",
    "audit_discrepancies": "مغایرت‌ها",
    "audit_board_read": "خوانده هیئت",
    "audit_record_says": "سابقه صندوق",
    "audit_reported_sheet": "صورتجلسه اعلام‌شده شعبه",
    "audit_overstatement": "بیش‌شماری",
    "audit_not_found": "پیدا نشد",
    "audit_no_discrepancies": "در دورهای بسته‌شده مغایرتی نیست.",
    "audit_done": "انجام شد.",
    "claim_beats": "{a} بیش از {b} رأی دارد",
    "claim_above-share": "{a} بیش از سهم لازم رأی دارد",
    "claim_below-share": "{a} کمتر از سهم لازم رأی دارد",
    "claim_list-beats": "آخرین کرسی {a} بر کرسی بعدی {b} پیش است",
    "claim_list-remainder": "آخرین کرسی {a} بر کرسی بعدی {b} پیش است (بزرگ‌ترین باقی‌مانده)",
    "claim_list-quota": "{a} زیر ظرفیت خود می‌ماند",
}

_EN: dict[str, str] = {
    "audit_standing": "Standing of the audit",
    "audit_h_assertion_of": "Contest and assertion",
    "audit_h_risk_limit": "Risk limit",
    "audit_h_seed": "Seed",
    "audit_h_kind": "Kind",
    "audit_h_decision": "Decision",
    "audit_h_p_value": "Assertion: P-value (risk limit {limit})",
    "audit_h_round": "Round",
    "audit_h_hash": "Hash",
    "audit_h_station": "Station",
    "audit_h_container": "Container",
    "audit_h_position": "Position",
    "audit_h_county": "County",
    "audit_papers_listed": "{papers} papers in the manifest; its hash:",
    "audit_no_round_closed": "No round is closed yet.",
    "audit_rounds_h": "Rounds",
    "audit_paper_at": "position {position} of container {container}",
    "audit": "Paper audit",
    "no_audit": "No audit has been started for this election.",
    "audit_start": "Start the audit",
    "audit_contests": "Contests to audit",
    "audit_risk_limit_percent": "Risk limit (percent)",
    "audit_seed_form": "Record the seed: the digits of the dice rolled in public",
    "audit_seed_help": "One roll a line, in order: who=digits (e.g. supervisor=5812093746); "
    "at least 20 digits in all.",
    "audit_rolls": "Rolls",
    "audit_bad_roll": "The line “{line}” is not who=digits.",
    "audit_bad_seed": "The seed is refused: digits 0 to 9 only, at least 20 in all.",
    "audit_draw": "Draw the next round",
    "audit_close": "Close the round and compare with the records",
    "audit_records": "The boxes' records file: the one given at start (empty if none was)",
    "audit_records_help": "Choose the file, or paste its content in this box.",
    "audit_bad_records": "The records file could not be read; it must be JSON "
    '{{CODE: {{"station": S, "reads": READS}}}}, each code once.',
    "audit_start_records": "The boxes' cast-vote records (JSON); their hash is committed in the "
    "plan before the seed and each round's close needs this same file. Without them no paper "
    "is compared with a record.",
    "audit_bad_percent": "The risk limit “{value}” is not a percentage between 0 and 100.",
    "audit_no_contest": "Choose at least one of this election's contests.",
    "audit_contest": "Contest and constituency",
    "audit_next_size": "Next sample size",
    "audit_open_none": "No round is open.",
    "audit_hand_counts": "Hand counts",
    "audit_pull_list": "Pull list",
    "audit_pull_help": "Pull each paper once: station, container and the paper's position in it.",
    "audit_positions": "Positions",
    "audit_whole_station": "Every paper (hand count of the station)",
    "audit_print": "Print",
    "audit_nothing_here": "No paper of this place was drawn in this round.",
    "audit_enter": "The board's readings",
    "audit_enter_help": "Enter what the paper shows; the electronic record and the reported "
    "figures are not shown until the round closes.",
    "audit_found": "Paper found?",
    "audit_yes": "Yes",
    "audit_no": "No",
    "audit_code": "Confirmation code printed on the paper",
    "audit_invalid": "Invalid",
    "audit_absent": "The contest is not on the paper",
    "audit_marked": "A vote for the candidate(s)",
    "audit_save": "Save",
    "audit_all_read": "Every paper of this place in the open round is entered.",
    "audit_saved": "The reading of {paper} is saved.",
    "audit_station_count": "Hand count of station {station}",
    "audit_cards": "Papers",
    "audit_invalid_with_marks": "Paper {paper}: “invalid” or “not on the paper” cannot go with "
    "a candidate marked; choose one.",
    "audit_bad_field": "The field “{field}” does not take “{value}”; send it with this page's "
    "form.",
    "audit_field_paper": "Paper's address",
    "audit_field_marks": "Candidates marked",
    "audit_bad_count": "Station {station}: “{value}” is not a number; write the counts in digits.",
    "audit_not_drawn": "Paper {paper} was not drawn in the open round; check its address "
    "against the pull list.",
    "audit_read_twice": "Paper {paper} is already entered and is not entered again; if it was "
    "misread, tell the audit's supervisor.",
    "audit_not_audited": "Paper and contest {paper}: this contest is not audited in the open "
    "round.",
    "audit_not_standing": "Paper and contest {paper}: a mark for no candidate standing in it.",
    "audit_too_many_marks": "Paper and contest {paper}: more marks than seats; such a ballot is "
    "invalid: choose “invalid”.",
    "audit_no_open_round": "No round is open now; the supervisor must draw the next round "
    "before readings are entered.",
    "audit_station_not_drawn": "Station {station} was not drawn for a hand count in the open "
    "round; check it against the pull list.",
    "audit_station_read_twice": "The hand count of station {station} is already entered and is "
    "not entered again; if it was miscounted, tell the audit's supervisor.",
    "audit_discrepancies": "Discrepancies",
    "audit_board_read": "The board read",
    "audit_record_says": "The box's record",
    "audit_reported_sheet": "The station's reported sheet",
    "audit_overstatement": "Overstatement",
    "audit_not_found": "not found",
    "audit_no_discrepancies": "No discrepancy in the closed rounds.",
    "audit_done": "Done.",
    "claim_beats": "{a} has more votes than {b}",
    "claim_above-share": "{a} has more than the share needed",
    "claim_below-share": "{a} has less than the share needed",
    "claim_list-beats": "{a}'s last seat beats {b}'s next",
    "claim_list-remainder": "{a}'s last seat beats {b}'s next (largest remainder)",
    "claim_list-quota": "{a} stays below its capacity",
}


def _with_shared(own: dict[str, str], lang: Lang) -> dict[str, str]:
    shared = {
        prefix + key: words[lang]
        for prefix, table in _SHARED.items()
        for key, words in table.items()
    }
    return shared | own


FA = _with_shared(_FA, "fa")
EN = _with_shared(_EN, "en")

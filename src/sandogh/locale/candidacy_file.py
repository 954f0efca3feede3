"""One applicant's file as `sandogh candidates show` gives it, in Persian and English: the four
authorities' answers beside the boards' decisions, where a board decides (the usability review of
issue 12). The boards', authorities' and outcomes' names are `locale.candidacy`'s."""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "file_title": "پرونده داوطلب {applicant}: {name} — {contest}، {constituency}",
    "answers_title": "پاسخ مراجع چهارگانه",
    "decisions_title": "تصمیم‌های هیئت‌ها",
    "col_authority": "مرجع",
    "col_answer": "پاسخ",
    "col_reference": "شماره نامه",
    "col_day": "روز",
    "col_board": "هیئت",
    "col_outcome": "تصمیم",
    "col_article": "ماده",
    "col_reason": "دلایل",
    "clear": "بی‌مانع",
    "not_clear": "دارای سابقه",
    "asked": "پرسیده شده، بی‌پاسخ",
    "not_asked": "پرسیده نشده",
    "objection": "اعتراض در {day}: {grounds}",
}

EN: dict[str, str] = {
    "file_title": "the file of applicant {applicant}: {name} — {contest}, {constituency}",
    "answers_title": "the four authorities' answers",
    "decisions_title": "the boards' decisions",
    "col_authority": "authority",
    "col_answer": "answer",
    "col_reference": "letter",
    "col_day": "day",
    "col_board": "board",
    "col_outcome": "decision",
    "col_article": "article",
    "col_reason": "reasons",
    "clear": "clear",
    "not_clear": "has a record",
    "asked": "asked, no answer yet",
    "not_asked": "not asked",
    "objection": "objection on {day}: {grounds}",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}

"""What the console's candidacy pages say, in Persian and English (issue 12, section 1).

The stages, boards, outcomes, authorities and the refusals are the words `sandogh candidates`
says (`locale.candidacy`); here is what only the pages say: the headquarters' words for the forms
(ثبت‌نام داوطلب، پاسخ استعلام، تصمیم هیئت، اعتراض، فهرست نهایی، قرعه‌کشی کد نامزدها) and what to do
after a refusal.
"""

from __future__ import annotations

FA: dict[str, str] = {
    "candidacy": "داوطلبان",
    "cy_calendar": "گاه‌شمار انتخابات",
    "cy_today": "امروز",
    "cy_today_stage": "مرحله امروز",
    "cy_no_calendar": "گاه‌شمار این انتخابات هنوز ذخیره نشده است؛ ستاد انتخابات کشور آن را "
    "از خط فرمان "
    "سامانه ذخیره می‌کند.",
    "cy_no_definition": "تعریف انتخابات «{election}» هنوز در این مرکز بارگذاری نشده است، و "
    "نامزدی بی آن آغاز نمی‌شود: جای هر داوطلب و هر حکم با حوزه‌های همان تعریف سنجیده می‌شود. "
    "نخست پیش‌نویس تعریف انتخابات (واحدها و حوزه‌ها، بی نامزد) را از خط فرمان سامانه "
    "بارگذاری کنید، سپس گاه‌شمار آن را.",
    "cy_no_election": "هنوز هیچ انتخاباتی در این مرکز بارگذاری نشده است، و نامزدی بی تعریف "
    "انتخابات آغاز نمی‌شود: جای هر داوطلب و هر حکم با حوزه‌های همان تعریف سنجیده می‌شود. "
    "نخست پیش‌نویس تعریف انتخابات (واحدها و حوزه‌ها، بی نامزد) را از خط فرمان سامانه "
    "بارگذاری کنید، سپس گاه‌شمار آن را.",
    "cy_applicants": "داوطلبان هر رقابت و حوزه",
    "cy_no_applicants": "هنوز داوطلبی ثبت‌نام نکرده است.",
    "cy_answered": "پاسخ استعلام",
    "cy_decisions": "تصمیم‌ها",
    "cy_objection": "اعتراض",
    "cy_register": "ثبت‌نام داوطلب",
    "cy_national_code": "کد ملی",
    "cy_name_fa": "نام به فارسی",
    "cy_name_en": "نام به انگلیسی",
    "cy_born": "تاریخ تولد (شناسنامه، مانند ۱۳۶۰/۰۱/۱۵)",
    "cy_resident_since": "ساکن حوزه از (اختیاری، مانند ۱۳۹۰/۰۶/۰۱)",
    "cy_education": "تحصیلات",
    "cy_documents": "مدارک تحویل‌شده",
    "cy_applicant": "شماره داوطلب",
    "cy_constituency": "حوزه انتخابیه",
    "cy_inquire": "استعلام از مراجع چهارگانه",
    "cy_inquire_note": "نامه استعلام برای مراجعی که هنوز پاسخ نداده‌اند ثبت می‌شود.",
    "cy_answer": "ثبت پاسخ استعلام",
    "cy_authority": "مرجع",
    "cy_reference": "شماره نامه پاسخ",
    "cy_result": "نتیجه استعلام",
    "cy_clear": "بی‌مانع",
    "cy_not_clear": "دارای سابقه",
    "cy_answer_reason": "شرح پاسخ",
    "cy_decide": "تصمیم هیئت",
    "cy_board": "هیئت",
    "cy_outcome": "تصمیم",
    "cy_article": "ماده قانونی",
    "cy_reason": "دلایل",
    "cy_members": "اعضای هیئت (نام کاربری، با ویرگول جدا)",
    "cy_on_objection": "تصمیم نهایی بر اعتراض",
    "cy_object": "اعتراض داوطلب",
    "cy_grounds": "دلایل اعتراض",
    "cy_final_list": "اعلام فهرست نهایی",
    "cy_published": "فهرست نهایی «{contest}» در {day}: {count} نامزد ({by})",
    "cy_draw": "قرعه‌کشی کد نامزدها",
    "cy_secret": "راز قرعه (همان که به آن متعهد شدید)",
    "cy_commit": "تعهد به راز قرعهٔ کدها (پیش از اعلام فهرست نهایی)",
    "cy_commit_secret": "راز قرعه (دست‌کم ۲۰ نویسه؛ تنها چکیدهٔ آن ثبت می‌شود)",
    "cy_committed": "تعهد قرعهٔ کدهای «{contest}» در {day} به دست {by} ثبت شد: {commitment}",
    "cy_answers": "پاسخ مراجع چهارگانه",
    "cy_unanswered": "بی‌پاسخ",
    "cy_drawn_by": "قرعه‌کشان (با ویرگول جدا)",
    "cy_width": "شمار رقم‌های کد",
    "cy_drawn": "کدهای «{contest}» با بذر {seed} به دست {by}",
    "cy_code": "کد",
    "cy_new_hash": "چکیده تعریف تازه انتخابات:",
    "cy_done": "ثبت شد.",
    "cy_answer_known": "پاسخی از {authority} با همین شماره نامه پیش‌تر ثبت شده است؛ "
    "شماره نامه پاسخ را از روی نامه دوباره بخوانید.",
    "cy_bad_date": "«{value}» تاریخ نیست؛ تاریخ را مانند ۱۳۶۰/۰۱/۱۵ بنویسید.",
    "cy_bad_field": "«{field}» را پر کنید.",
    "cy_what_to_do_window": "این کار را در بازه همین مرحله در گاه‌شمار انجام دهید.",
    "cy_what_to_do_rights": "این کار با نقش هیئتی است که قانون نام می‌برد؛ "
    "از حساب آن هیئت وارد شوید.",
}

EN: dict[str, str] = {
    "candidacy": "Candidacy",
    "cy_calendar": "The election calendar",
    "cy_today": "today",
    "cy_today_stage": "today's stage",
    "cy_no_calendar": "This election's calendar is not stored yet; the national headquarters "
    "stores it with `sandogh candidates calendar`.",
    "cy_no_definition": "The definition of {election} is not loaded at this centre yet, and "
    "candidacy does not begin without it: each applicant's and each grant's place is checked "
    "against its constituencies. Load the election's draft definition first (its units and "
    "constituencies, no candidates) with `sandogh load DRAFT.json`, then store its calendar.",
    "cy_no_election": "No election is loaded at this centre yet, and candidacy does not begin "
    "without its definition: each applicant's and each grant's place is checked against its "
    "constituencies. Load the election's draft definition first (its units and constituencies, "
    "no candidates) with `sandogh load DRAFT.json`, then store its calendar.",
    "cy_applicants": "Applicants per contest and constituency",
    "cy_no_applicants": "No applicant has registered yet.",
    "cy_answered": "Inquiries answered",
    "cy_decisions": "Decisions",
    "cy_objection": "Objection",
    "cy_register": "Register an applicant",
    "cy_national_code": "National code",
    "cy_name_fa": "Name in Persian",
    "cy_name_en": "Name in English",
    "cy_born": "Date of birth (certificate, Jalali, e.g. 1360/01/15)",
    "cy_resident_since": "Resident since (optional, Jalali, e.g. 1390/06/01)",
    "cy_education": "Education",
    "cy_documents": "Documents handed in",
    "cy_applicant": "Applicant number",
    "cy_constituency": "Constituency",
    "cy_inquire": "Ask the four authorities",
    "cy_inquire_note": "A letter is recorded for each authority that has not answered yet.",
    "cy_answer": "Record an inquiry's answer",
    "cy_authority": "Authority",
    "cy_reference": "The answer's letter number",
    "cy_result": "The inquiry's result",
    "cy_clear": "clear",
    "cy_not_clear": "has a record",
    "cy_answer_reason": "What the answer says",
    "cy_decide": "A board's decision",
    "cy_board": "Board",
    "cy_outcome": "Decision",
    "cy_article": "Article of law",
    "cy_reason": "Reasons",
    "cy_members": "Board members (usernames, comma-separated)",
    "cy_on_objection": "Final decision on the objection",
    "cy_object": "An applicant's objection",
    "cy_grounds": "Grounds of the objection",
    "cy_final_list": "Publish the final list",
    "cy_published": "Final list of {contest} on {day}: {count} candidates ({by})",
    "cy_draw": "Draw the candidates' codes",
    "cy_secret": "The draw's secret (the one committed to)",
    "cy_commit": "Commit to the code draw's secret (before the final list)",
    "cy_commit_secret": "The draw's secret (at least 20 characters; only its hash is recorded)",
    "cy_committed": "The code draw of {contest} committed to on {day} by {by}: {commitment}",
    "cy_answers": "The four authorities' answers",
    "cy_unanswered": "no answer",
    "cy_drawn_by": "Drawn by (comma-separated)",
    "cy_width": "Digits of a code",
    "cy_drawn": "Codes of {contest} drawn with seed {seed} by {by}",
    "cy_code": "Code",
    "cy_new_hash": "Hash of the new election definition:",
    "cy_done": "Recorded.",
    "cy_answer_known": "An answer of {authority} with this letter number is already recorded; "
    "read the answer's letter number again from the letter.",
    "cy_bad_date": "{value} is not a date; write it as 1360/01/15 (Jalali).",
    "cy_bad_field": "Fill in {field}.",
    "cy_what_to_do_window": "Do this within the stage's window in the calendar.",
    "cy_what_to_do_rights": "This belongs to the board the law names; sign in with that board's "
    "account.",
}

"""Candidacy and the election calendar in Persian and English: the stages' names, the refusals
of `core.candidacy` and the lines of `sandogh candidates` (issue 12, section 1).

Terms as `reference/iran-candidacy.md` gives them: داوطلب (an applicant, until the final list),
نامزد (a candidate, once listed), هیئت اجرایی, هیئت نظارت, استعلام, اعتراض, تأیید صلاحیت, رد
صلاحیت, عدم احراز صلاحیت. Dates are shown in the Jalali calendar (`locale.dates`).
"""

from __future__ import annotations

from sandogh.core.candidacy.applicant_checks import BadField
from sandogh.core.candidacy.calendar import OutsideWindowError, Stage, Window
from sandogh.core.candidacy.calendar_change import CalendarChangeError
from sandogh.core.candidacy.conditions import Unmet
from sandogh.core.candidacy.process import CandidacyRefusedError, WithdrawalClosedError
from sandogh.locale.dates import format_jalali
from sandogh.locale.definition_names import name_or_id
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.documents import document_name
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "kind_president": "ریاست جمهوری",
    "kind_parliament": "مجلس شورای اسلامی",
    "kind_experts": "مجلس خبرگان رهبری",
    "kind_councils": "شوراهای اسلامی شهر و روستا",
    "kind_by-election": "میان‌دوره‌ای",
    "schedule_title": "{kind}، دور {round}: {contests}",
    "stage_registration": "ثبت‌نام داوطلبان",
    "stage_inquiries": "استعلام از مراجع چهارگانه",
    "stage_executive-review": "بررسی صلاحیت در هیئت اجرایی",
    "stage_supervisory-review": "بررسی صلاحیت در هیئت نظارت",
    "stage_objections": "اعتراض داوطلبان",
    "stage_objection-review": "رسیدگی به اعتراض‌ها",
    "stage_final-list": "اعلام فهرست نهایی نامزدها",
    "stage_campaign": "تبلیغات",
    "stage_silence": "ممنوعیت تبلیغات",
    "stage_polling": "رأی‌گیری",
    "stage_results": "اعلام نتایج",
    "stage_complaints": "شکایات",
    "withdrawal": "انصراف نامزد از فهرست نهایی",
    "window": "از {first} تا {last}",
    "window_closes": "از {first} تا ساعت {closes} {last}",
    "outside_window": "{stage} برای «{contest}» در {day} پذیرفته نیست: بازه آن {window} است.",
    "no_stage": "{stage} برای «{contest}» در {day} پذیرفته نیست: "
    "در گاه‌شمار این انتخابات چنین مرحله‌ای نیست.",
    # the refusals of core.candidacy.process and services.candidacy
    "refused_ineligible": "ثبت‌نام پذیرفته نیست: {unmet}",
    "refused_already-registered": "این داوطلب پیش‌تر با شماره {applicant} "
    "در همین انتخابات ثبت‌نام کرده است.",
    "refused_already-asked": "از {names} درباره داوطلب {applicant} پیش‌تر استعلام شده است.",
    "refused_not-asked": "از {names} درباره داوطلب {applicant} استعلامی نشده است؛ "
    "پاسخ پذیرفته نیست.",
    "refused_inquiries-pending": "پاسخ استعلام {names} درباره داوطلب {applicant} هنوز نرسیده است.",
    "refused_out-of-turn": "نوبت این تصمیم درباره داوطلب {applicant} نیست: نخست {names}.",
    "refused_already-decided": "{names} درباره داوطلب {applicant} پیش‌تر تصمیم گرفته است.",
    "refused_no-article": "تصمیم درباره داوطلب {applicant} باید ماده قانونی خود را بیاورد.",
    "refused_not-disqualified": "صلاحیت داوطلب {applicant} تأیید شده است؛ اعتراضی در کار نیست.",
    "refused_already-objected": "داوطلب {applicant} پیش‌تر اعتراض کرده است؛ اعتراض یک بار است.",
    "refused_no-objection": "داوطلب {applicant} اعتراضی نکرده است.",
    "refused_pending": "فهرست نهایی هنوز اعلام‌شدنی نیست: تکلیف داوطلبان {names} روشن نشده است.",
    "refused_not-listed": "داوطلب {applicant} در فهرست نهایی اعلام‌شده نیست؛ انصرافی در کار نیست.",
    "refused_already-withdrawn": "انصراف داوطلب {applicant} پیش‌تر ثبت شده است.",
    "refused_codes-drawn": "کدهای نامزدها قرعه‌کشی شده است؛ انصراف {applicant} را با "
    "«sandogh candidates withdraw» بر تعریف بارگذاری‌شده ثبت کنید.",
    "pool_too_small": "در حوزه {constituency} {listed} نامزد هست ولی مجموعه کدها "
    "تنها {count} کد دارد: {pool}",
    "no_calendar": "گاه‌شمار انتخابات «{election}» ذخیره نشده است.",
    "unrecorded": "گام {number} پرونده داوطلبان در دفتر رویدادها ثبت نشده یا با آن نمی‌خواند؛ "
    "پذیرفته نیست.",
    "unstored": "گامی از پرونده داوطلبان که رویداد {entry} دفتر رویدادها ثبت کرده است در پایگاه "
    "داده نیست و بیرون از سامانه پاک شده است؛ تا پایگاه داده درست نشود، چیزی از پرونده‌ها نشان "
    "داده یا منتشر نمی‌شود.",
    "unscheduled": "گاه‌شمار انتخابات «{election}» رقابت «{contest}» را ندارد.",
    "no_applicant": "داوطلبی با شماره {applicant} در انتخابات «{election}» نیست.",
    "not_published": "فهرست نهایی «{contest}» هنوز اعلام نشده است.",
    "not_operators": "این نام‌ها حساب کاربری این سامانه نیستند: {names}",
    "already_drawn": "کدهای «{contest}» پیش‌تر با بذر {seed} به دست {by} قرعه‌کشی شده است؛ "
    "قرعه یک بار کشیده می‌شود.",
    "access_denied": "{user} با نقش {role} اجازه این کار را ندارد.",
    "not_electoral": "نامزدی کار ستادهای انتخابات وزارت کشور و هیئت‌های نظارت است، نه مدیر "
    "سامانه: {user} با نقش مدیر سامانه، سامانه را اداره می‌کند و هیچ گام نامزدی (ثبت‌نام، استعلام، "
    "تصمیم، فهرست، قرعه‌کشی کدها یا انصراف) را ثبت نمی‌کند.",
    "outside_place": "حوزه {constituency} بیرون از حوزه حکم {user} ({place}) است؛ "
    "هر هیئت تنها به داوطلبان حوزه‌های درون حوزه خود رسیدگی می‌کند.",
    "outside_place_part": "حوزه {constituency} ({units}) بیرون از حوزه حکم {user} ({place}) "
    "است؛ هر هیئت تنها به داوطلبان حوزه‌های درون حوزه خود رسیدگی می‌کند.",
    "unknown_constituency": "حوزه {constituency} از حوزه‌های رقابت «{contest}» در تعریف "
    "ذخیره‌شده «{election}» نیست؛ نامزدی در آن جایی بر برگه رأی نمی‌یابد. حوزه‌ای از همین رقابت را "
    "برگزینید.",
    "unknown_contest": "تعریف ذخیره‌شده «{election}» رقابت «{contest}» را ندارد.",
    "no_definition": "تعریف «{election}» در این مرکز بارگذاری نشده است، پس جای هیچ حوزه و حکمی "
    "سنجیده نمی‌شود و هیچ گام نامزدی یا گاه‌شماری پذیرفته نیست؛ نخست پیش‌نویس تعریف این انتخابات "
    "(واحدها و حوزه‌های آن) را با فرمان sandogh load بارگذاری کنید.",
    "calendar_not_root": "گاه‌شمار انتخابات تصمیمی کشوری است: تنها با حکم ستاد انتخابات کشور "
    "در ریشه "
    "تقسیمات «{election}» ({root}) ذخیره می‌شود، نه با حکم {user} در {place}.",
    "calendar_definition": "گاه‌شمار «{election}» با تعریف بارگذاری‌شده آن نمی‌خواند و ذخیره "
    "نشد: {each}",
    "calendar_unknown_contest": "رقابت «{contest}» در تعریف «{election}» نیست",
    "calendar_missing_contest": "رقابت «{contest}» تعریف «{election}» در هیچ برنامه‌ای از "
    "گاه‌شمار نیامده است",
    "calendar_polling_day": "مرحله رأی‌گیری از {first} تا {last} است، نه در روز انتخابات در "
    "تعریف ({day})",
    "not_national": "گاه‌شمار انتخابات تصمیمی کشوری است: تنها ستاد انتخابات کشور آن را ذخیره "
    "یا دگرگون می‌کند، نه {user} با نقش {role}.",
    "calendar_frozen": "گاه‌شمار «{election}» در {day} دگرگون نمی‌شود: {stage} برای «{contest}» "
    "آغاز شده است (بازه آن {window})؛ مرحله آغازشده همان می‌ماند.",
    "calendar_backdated": "گاه‌شمار «{election}» در {day} دگرگون نمی‌شود: {stage} برای "
    "«{contest}» در بازه تازه {window} تا این روز آغاز می‌شد؛ دگرگونی از فردا اثر می‌کند.",
    "refused_malformed": "ثبت‌نام پذیرفته نیست: {bad}",
    "bad": "«{field}» {fault}",
    "field_name_fa": "نام فارسی",
    "field_name_en": "نام انگلیسی",
    "field_documents": "مدارک",
    "fault_blank": "خالی است",
    "fault_hidden": "نویسهٔ کنترلی، جهت‌نما یا نادیدنی دارد ({detail})",
    "fault_stray-zwnj": "نیم‌فاصله در آغاز یا پایان یا دوبار پشت هم دارد",
    "fault_unknown-document": "مدرک «{detail}» در فهرست مدارک گاه‌شمار نیست",
    "fault_duplicate-document": "مدرک «{detail}» دو بار داده شده است",
    "condition_age": "سن",
    "condition_education": "تحصیلات",
    "condition_residence": "سکونت",
    "condition_document": "مدرک",
    "unmet": "{condition} ({detail}؛ {article})",
    "detail_age": "{found} سال تمام، کمتر از {needed}",
    "detail_age_over": "{found} سال تمام، بیش از {needed}",
    "detail_education": "{found}، کمتر از {needed}",
    "detail_residence": "{found} ماه در حوزه، کمتر از {needed}",
    "detail_document": "{needed} داده نشده است",
    "unmet_document": "{detail} ({article})",
    "education_literacy": "سواد خواندن و نوشتن",
    "education_diploma": "دیپلم",
    "education_associate": "کاردانی",
    "education_bachelor": "کارشناسی",
    "education_master": "کارشناسی ارشد",
    "education_doctorate": "دکتری",
    # names
    "board_executive": "هیئت اجرایی",
    "board_supervisory": "هیئت نظارت",
    "outcome_qualified": "تأیید صلاحیت",
    "outcome_rejected": "رد صلاحیت",
    "outcome_not-established": "عدم احراز صلاحیت",
    "outcome_pending": "در دست بررسی",
    "outcome_withdrawn": "انصراف از فهرست نهایی",
    "authority_civil-registry": "ثبت احوال",
    "authority_police": "فراجا",
    "authority_judiciary": "قوه قضاییه",
    "authority_intelligence": "وزارت اطلاعات",
    # what the commands print
    "calendar_stored": "گاه‌شمار انتخابات «{election}» ذخیره شد.",
    "registered": "داوطلب {name} با شماره {applicant} ثبت‌نام شد.",
    "asked": "استعلام درباره داوطلب {applicant} فرستاده شد: {names}",
    "answers_stored": "{count} پاسخ استعلام ثبت شد.",
    "unreadable": "پرونده پاسخ خوانا نیست: {name}",
    "answer_refused": "پاسخ {id} پذیرفته نشد و در پوشه ماند: {why}",
    "decided": "{board} درباره داوطلب {applicant}: {outcome} ({article})",
    "objected": "اعتراض داوطلب {applicant} ثبت شد.",
    "withdrew_listed": "انصراف نامزد {applicant} از فهرست نهایی پیش از قرعه‌کشی کدها ثبت شد.",
    "published": "فهرست نهایی «{contest}» در {day} اعلام شد: {count} نامزد.",
    "drawn": "کدها با بذر {seed} قرعه‌کشی شد؛ چکیده تعریف تازه: {hash}",
    "col_applicant": "شماره",
    "col_name": "نام",
    "col_contest": "رقابت",
    "col_constituency": "حوزه انتخابیه",
    "col_standing": "وضعیت صلاحیت",
    "col_stage": "مرحله",
    "col_window": "بازه",
}

EN: dict[str, str] = {
    "kind_president": "presidential",
    "kind_parliament": "Majlis",
    "kind_experts": "Assembly of Experts",
    "kind_councils": "city and village councils",
    "kind_by-election": "by-election",
    "schedule_title": "{kind}, round {round}: {contests}",
    "stage_registration": "registration of applicants",
    "stage_inquiries": "inquiries to the four authorities",
    "stage_executive-review": "the executive board's review",
    "stage_supervisory-review": "the supervisory board's review",
    "stage_objections": "objections",
    "stage_objection-review": "the review of objections",
    "stage_final-list": "the final list of candidates",
    "stage_campaign": "the campaign",
    "stage_silence": "the silence day",
    "stage_polling": "polling",
    "stage_results": "the results",
    "stage_complaints": "complaints",
    "withdrawal": "a withdrawal from the final list",
    "window": "from {first} to {last}",
    "window_closes": "from {first} to {closes} on {last}",
    "outside_window": "{stage} for {contest} is refused on {day}: its window is {window}.",
    "no_stage": "{stage} for {contest} is refused on {day}: "
    "this election's calendar has no such stage.",
    "refused_ineligible": "registration refused: {unmet}",
    "refused_already-registered": "this applicant is already registered in this election "
    "as {applicant}.",
    "refused_already-asked": "{names} already asked about applicant {applicant}.",
    "refused_not-asked": "{names} was not asked about applicant {applicant}; "
    "the answer is refused.",
    "refused_inquiries-pending": "{names} has not answered about applicant {applicant} yet.",
    "refused_out-of-turn": "not the turn of this decision on applicant {applicant}: first {names}.",
    "refused_already-decided": "{names} already decided on applicant {applicant}.",
    "refused_no-article": "a decision on applicant {applicant} must cite its article.",
    "refused_not-disqualified": "applicant {applicant} is qualified; "
    "there is nothing to object to.",
    "refused_already-objected": "applicant {applicant} has objected already; "
    "an objection is made once.",
    "refused_no-objection": "applicant {applicant} has not objected.",
    "refused_pending": "the final list cannot be published yet: applicants {names} are undecided.",
    "refused_not-listed": "applicant {applicant} is not on the published final list; "
    "there is nothing to withdraw from.",
    "refused_already-withdrawn": "the withdrawal of applicant {applicant} is recorded already.",
    "refused_codes-drawn": "the candidates' codes are drawn; record the withdrawal of "
    "{applicant} on the loaded definition with `sandogh candidates withdraw`.",
    "pool_too_small": "{listed} candidates are listed in {constituency} but the pool has only "
    "{count} codes: {pool}",
    "no_calendar": "no calendar of {election} is stored.",
    "unrecorded": "candidacy step {number} is not in the event log, or differs from it; "
    "it is refused.",
    "unstored": "the candidacy step that log entry {entry} records is not in the store: it was "
    "deleted outside sandogh, and nothing of the files is shown or published until it is put "
    "right.",
    "unscheduled": "the calendar of {election} has no contest {contest}.",
    "no_applicant": "{election} has no applicant {applicant}.",
    "not_published": "the final list of {contest} is not published yet.",
    "not_operators": "not operator accounts of this system: {names}",
    "already_drawn": "the codes of {contest} were drawn with seed {seed} by {by}; "
    "a draw is made once.",
    "access_denied": "{user} in the role {role} may not do this.",
    "not_electoral": "candidacy is the work of the Interior Ministry's election headquarters and "
    "the supervisory boards, not the system's administrator: {user}, an administrator, administers "
    "the system and records no step of candidacy (registration, inquiry, decision, list, code draw "
    "or withdrawal).",
    "outside_place": "constituency {constituency} lies outside the place of "
    "{user}'s grant ({place}); a board acts only on applicants of constituencies within its place.",
    "outside_place_part": "constituency {constituency} ({units}) lies outside the place of "
    "{user}'s grant ({place}); a board acts only on applicants of constituencies within its place.",
    "unknown_constituency": "constituency {constituency} is not one of contest {contest}'s in "
    "the stored definition of {election}; a candidate there would have no place on a ballot. "
    "Choose a constituency of this contest.",
    "unknown_contest": "the stored definition of {election} has no contest {contest}.",
    "no_definition": "the definition of {election} is not loaded at this centre, so no "
    "constituency or grant can be placed and no candidacy or calendar step is taken; load the "
    "election's draft definition (its units and constituencies) first: sandogh load DRAFT.json.",
    "calendar_not_root": "the calendar is a national decision: it is stored under a national HQ "
    "grant at the root of {election}'s units ({root}) only, not by {user} at {place}.",
    "calendar_definition": "the calendar of {election} disagrees with its loaded definition and "
    "was not stored: {each}",
    "calendar_unknown_contest": "contest {contest} is not in the definition of {election}",
    "calendar_missing_contest": "contest {contest} of the definition of {election} is in no "
    "schedule of the calendar",
    "calendar_polling_day": "the polling stage runs from {first} to {last}, not on the "
    "election's day in the definition ({day})",
    "not_national": "the calendar is a national decision: only the national election HQ stores "
    "or changes it, not {user} in the role {role}.",
    "calendar_frozen": "the calendar of {election} may not change on {day}: {stage} for "
    "{contest} has begun (its window is {window}); a stage that has begun stays as it is.",
    "calendar_backdated": "the calendar of {election} may not change on {day}: {stage} for "
    "{contest} would begin by then (its new window is {window}); a change takes effect from the "
    "next day on.",
    "refused_malformed": "registration refused: {bad}",
    "bad": "«{field}» {fault}",
    "field_name_fa": "Persian name",
    "field_name_en": "English name",
    "field_documents": "documents",
    "fault_blank": "is blank",
    "fault_hidden": "holds a control, direction or invisible character ({detail})",
    "fault_stray-zwnj": "has a zero-width non-joiner at an end or twice in a row",
    "fault_unknown-document": "document «{detail}» is not one the calendar lists",
    "fault_duplicate-document": "document «{detail}» is handed in twice",
    "condition_age": "age",
    "condition_education": "education",
    "condition_residence": "residence",
    "condition_document": "document",
    "unmet": "{condition} ({detail}; {article})",
    "detail_age": "{found} full years, under {needed}",
    "detail_age_over": "{found} full years, over {needed}",
    "detail_education": "{found}, under {needed}",
    "detail_residence": "{found} months in the constituency, under {needed}",
    "detail_document": "{needed} not handed in",
    "unmet_document": "{detail} ({article})",
    "education_literacy": "literacy",
    "education_diploma": "a diploma",
    "education_associate": "an associate degree",
    "education_bachelor": "a bachelor's degree",
    "education_master": "a master's degree",
    "education_doctorate": "a doctorate",
    "board_executive": "the executive board",
    "board_supervisory": "the supervisory board",
    "outcome_qualified": "qualified",
    "outcome_rejected": "rejected",
    "outcome_not-established": "not established",
    "outcome_pending": "under review",
    "outcome_withdrawn": "withdrew from the final list",
    "authority_civil-registry": "the civil registry",
    "authority_police": "the police",
    "authority_judiciary": "the judiciary",
    "authority_intelligence": "the intelligence ministry",
    "calendar_stored": "the calendar of {election} is stored.",
    "registered": "applicant {name} is registered as number {applicant}.",
    "asked": "inquiries about applicant {applicant} sent: {names}",
    "answers_stored": "{count} inquiry answers recorded.",
    "unreadable": "answer file unreadable: {name}",
    "answer_refused": "answer {id} refused, left in the folder: {why}",
    "decided": "{board} on applicant {applicant}: {outcome} ({article})",
    "objected": "the objection of applicant {applicant} is recorded.",
    "withdrew_listed": "the withdrawal of candidate {applicant} from the final list, before the "
    "codes are drawn, is recorded.",
    "published": "the final list of {contest} is published on {day}: {count} candidates.",
    "drawn": "codes drawn with seed {seed}; the new definition hash: {hash}",
    "col_applicant": "number",
    "col_name": "name",
    "col_contest": "contest",
    "col_constituency": "constituency",
    "col_standing": "standing",
    "col_stage": "stage",
    "col_window": "window",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def stage_name(stage: Stage, lang: Lang) -> str:
    return CATALOGUE[lang][f"stage_{stage.value}"]


def window_text(window: Window, lang: Lang) -> str:
    first, last = format_jalali(window.first, lang), format_jalali(window.last, lang)
    if window.closes is None:
        return text_in(CATALOGUE, "window", lang, first=first, last=last)
    closes = window.closes.isoformat("minutes")
    closes = to_persian_digits(closes) if lang == "fa" else closes
    return text_in(CATALOGUE, "window_closes", lang, first=first, last=last, closes=closes)


def outside_window_text(error: OutsideWindowError, lang: Lang) -> str:
    """The refusal of a stage out of its window, naming the stage and its window."""
    withdrawal = isinstance(error, WithdrawalClosedError)
    values = {
        "stage": CATALOGUE[lang]["withdrawal"] if withdrawal else stage_name(error.stage, lang),
        "contest": error.contest,
        "day": format_jalali(error.day, lang),
    }
    if error.window is None:
        return text_in(CATALOGUE, "no_stage", lang, **values)
    window = window_text(error.window, lang)
    return text_in(CATALOGUE, "outside_window", lang, **values, window=window)


def name_text(name: str, lang: Lang) -> str:
    """An authority's, a board's or an outcome's name, or a number in `lang`'s digits."""
    for kind in ("authority", "board", "outcome"):
        found = CATALOGUE[lang].get(f"{kind}_{name}")
        if found is not None:
            return found
    return to_persian_digits(name) if lang == "fa" else name


def calendar_change_text(error: CalendarChangeError, lang: Lang) -> str:
    """A refused new version of the calendar, naming the first stage it may not change."""
    frozen = error.frozen[0]
    return text_in(
        CATALOGUE,
        "calendar_frozen" if frozen.begun else "calendar_backdated",
        lang,
        election=error.election,
        day=format_jalali(error.day, lang),
        stage=stage_name(frozen.stage, lang),
        contest=name_or_id(error.names.get(frozen.contest), frozen.contest, lang),
        window=window_text(frozen.window, lang),
    )


def refused_text(error: CandidacyRefusedError, lang: Lang) -> str:
    """A refused candidacy step: why, whose, and what it concerns."""
    comma = "، " if lang == "fa" else ", "
    if error.unmet:
        unmet = comma.join(_unmet(u, lang) for u in error.unmet)
        return text_in(CATALOGUE, "refused_ineligible", lang, unmet=unmet)
    if error.bad:
        bad = comma.join(_bad(b, lang) for b in error.bad)
        return text_in(CATALOGUE, "refused_malformed", lang, bad=bad)
    template = CATALOGUE[lang][f"refused_{error.refusal.value}"]
    values: dict[str, str | int] = {}
    if "{applicant}" in template:
        values["applicant"] = error.applicant or 0
    if "{names}" in template:
        values["names"] = comma.join(name_text(n, lang) for n in error.names)
    return text_in(CATALOGUE, f"refused_{error.refusal.value}", lang, **values)


def _unmet(unmet: Unmet, lang: Lang) -> str:
    article = unmet.article.fa if lang == "fa" else unmet.article.en
    if unmet.condition == "document":  # «شناسنامه داده نشده است (ماده …)»: the name says what
        return text_in(
            CATALOGUE, "unmet_document", lang, detail=_detail(unmet, lang), article=article
        )
    condition = CATALOGUE[lang][f"condition_{unmet.condition}"]
    return text_in(
        CATALOGUE, "unmet", lang, condition=condition, detail=_detail(unmet, lang), article=article
    )


def _detail(unmet: Unmet, lang: Lang) -> str:
    key = f"detail_{unmet.condition}" + ("_over" if unmet.over else "")

    def shown(value: str) -> str:
        level = CATALOGUE[lang].get(f"education_{value}")
        if level is not None:
            return level
        return to_persian_digits(value) if lang == "fa" else value

    if unmet.condition == "document":
        return text_in(CATALOGUE, key, lang, needed=document_name(unmet.needed, lang))
    values = {"needed": shown(unmet.needed)}
    if "{found}" in CATALOGUE[lang][key]:  # a document missing has nothing found to show
        values["found"] = shown(unmet.found)
    return text_in(CATALOGUE, key, lang, **values)


def _bad(bad: BadField, lang: Lang) -> str:
    template = CATALOGUE[lang][f"fault_{bad.fault.value}"]
    values = {"detail": bad.detail} if "{detail}" in template else {}
    fault = text_in(CATALOGUE, f"fault_{bad.fault.value}", lang, **values)
    field = CATALOGUE[lang][f"field_{bad.field}"]
    return text_in(CATALOGUE, "bad", lang, field=field, fault=fault)

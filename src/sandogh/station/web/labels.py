"""The kiosk's own sentences for staff log-in, closing, the report's journey, refusals and
cast-or-challenge (docs/e2e.md §7), in Persian and English. Why the centre refused a report or
the chain is said in words (`centre_refusal`), and why a voter got no ballot card
(`check_in_refusal`), never as the API's machine word.

The voting screens and the figures keep their keys in the main catalogue (`box_*` in
`sandogh.locale.messages`, which `label` falls back to); what only the hardened screens of issue 9
say is here. Staff titles follow the station's minutes (رئیس شعبه, منشی, عضو, ناظر).
"""

from __future__ import annotations

from sandogh.locale import Lang, check_in_refusals, e2e_refusals
from sandogh.locale.messages import FA as MAIN_FA
from sandogh.locale.messages import text_in
from sandogh.station.box_check_in import CheckInRefused
from sandogh.station.local_outbox import OutboxKind
from sandogh.station.web import staff_labels

FA: dict[str, str] = {
    "kiosk_log_in": "ورود رئیس و اعضای شعبه",
    "kiosk_log_in_why": (
        "پیش از هر کاری در صفحه رئیس و اعضای شعبه، هر یک از آنان با کارت و رمز خود"
        " یا پرونده کلید خود وارد شود."
    ),
    "kiosk_key_file": "انتخاب پرونده کلید",
    "kiosk_enter": "ورود",
    "kiosk_log_out": "خروج همه اعضای شعبه",
    "kiosk_logged_in": "اعضای واردشده شعبه",
    "kiosk_add_staff": "ورود یکی دیگر از اعضای شعبه",
    "kiosk_no_key": "پرونده کلیدی انتخاب نشده است.",
    "kiosk_bad_key": "این پرونده کلید نیست: باید ۶۴ رقم شانزده‌شانزدهی (۳۲ بایت) باشد.",
    "kiosk_unknown_key": "این کلید از آنِ هیچ‌یک از رئیس و اعضای ثبت‌شده این شعبه نیست.",
    "kiosk_logged_out": "همه اعضای شعبه خارج شدند.",
    "kiosk_idle_note": "پس از {minutes} دقیقه بی‌کاری، ورود اعضای شعبه خودبه‌خود پایان می‌یابد.",
    "kiosk_role_head": "رئیس شعبه",
    "kiosk_role_secretary": "منشی",
    "kiosk_role_member": "عضو",
    "kiosk_role_supervisor": "ناظر",
    "kiosk_close_title": "پایان رأی‌گیری؟",
    "kiosk_close_means": (
        "با پایان رأی‌گیری، صندوق دیگر هیچ رأی‌دهنده‌ای نمی‌پذیرد و کارت تعرفه‌ای شارژ نمی‌شود؛"
        " این کار بازگشت‌پذیر نیست. پس از آن آرا شمرده و صورتجلسه امضا می‌شود."
    ),
    "kiosk_close_yes": "آری، رأی‌گیری پایان یابد",
    "kiosk_close_no": "نه، بازگشت",
    "kiosk_reports": "صورتجلسه‌ها",
    "kiosk_report_zero": "صورتجلسه آغاز رأی‌گیری",
    "kiosk_report_final": "صورتجلسه پایانی",
    "kiosk_report_chain": "زنجیره برگه‌های رأی رمزشده",
    "kiosk_refusal_logged": "دلیل آن در رخدادهای صندوق ثبت شده است",
    "kiosk_retry_note": "صندوق خودش بارها می‌فرستد تا رسید مرکز برسد.",
    "kiosk_refused_title": "این درخواست پذیرفته نشد",
    "kiosk_refused_forged": (
        "این درخواست از صفحه‌های خود صندوق نیامده یا برگه آن کهنه است."
        " صفحه را از نو باز کنید و دوباره بکوشید."
    ),
    "kiosk_refused_staff": "برای این کار، رئیس و اعضای شعبه باید نخست وارد شوند.",
    "kiosk_refused_host": "این صندوق تنها به نشانی خودش پاسخ می‌دهد.",
    "kiosk_refused_client": "این صندوق تنها به مرورگر خودش پاسخ می‌دهد.",
    "kiosk_back_to_start": "بازگشت به آغاز",
    "kiosk_need_two": "برای شمارش آرا دست‌کم دو نفر از رئیس و اعضای شعبه باید وارد شده باشند.",
    # cast or challenge (docs/e2e.md §7): the code, in Persian digits, is shown by the template
    "kiosk_seal": "مهر و موم برگه رأی من",
    "kiosk_seal_means": (
        "صندوق برگه شما را رمزگذاری می‌کند و کد رهگیری آن را نشان می‌دهد. رأی شما هنوز ثبت نشده است."
    ),
    "kiosk_code_title": "کد رهگیری برگه رأی شما",
    "kiosk_code_how": (
        "این کد را یادداشت کنید یا رسیدی را که صندوق برایتان چاپ می‌کند نگه دارید؛ همین کد روی"
        " نسخه کاغذی برگه هم چاپ می‌شود. پس از انتخابات، کد را در تارنمای نتایج جست‌وجو کنید"
        " تا ببینید برگه شما شمرده شده است."
    ),
    "kiosk_code_choose": "اکنون یکی را برگزینید:",
    "kiosk_cast": "ثبت نهایی رأی",
    "kiosk_cast_means": "برگه به صندوق می‌رود و شمرده می‌شود.",
    "kiosk_challenge": "بررسی این برگه؛ شمارش نمی‌شود",
    "kiosk_challenge_means": "برگه باز می‌شود تا ببینید صندوق همان را رمزگذاری کرده که برگزیدید.",
    "kiosk_change_note": ("برای تغییر انتخاب‌ها، «بررسی این برگه» را بزنید و سپس دوباره رأی دهید."),
    "kiosk_challenge_title": "این برگه بررسی شود؟",
    "kiosk_challenge_warn": (
        "این برگه باز و چاپ می‌شود و هرگز شمرده نمی‌شود. انتخاب‌های آن در سیاهه انتخابات"
        " منتشر می‌شود و هر کس می‌تواند آن‌ها را ببیند. پس از آن، با همان کارت تعرفه دوباره"
        " رأی می‌دهید."
    ),
    "kiosk_challenge_yes": "آری، این برگه را باز کن",
    "kiosk_challenge_no": "نه، بازگشت به کد رهگیری",
    "kiosk_opened_title": "ابطال‌شده برای بررسی — شمرده نمی‌شود",
    "kiosk_opened_what": (
        "صندوق این انتخاب‌ها را رمزگذاری کرده بود. اگر با آنچه برگزیدید یکی نیست، به ناظر شعبه"
        " خبر دهید."
    ),
    "kiosk_code": "کد رهگیری",
    "kiosk_nonce": "کلید بازکردن برگه (برای بررسی)",
    "kiosk_opened_published": (
        "این برگه با همین کد در میان برگه‌های بررسی‌شده منتشر می‌شود و هر کس می‌تواند آن را"
        " دوباره رمزگذاری کند و بسنجد."
    ),
    "kiosk_vote_again": "رأی دادن دوباره با همین کارت",
    "kiosk_take_receipt": "رسید کد رهگیری خود را از چاپگر بردارید.",
    "kiosk_seal_lost": (
        "صندوق دیگر این برگه مهر و موم‌شده را نگه نمی‌دارد و چیزی از آن ثبت نشد؛"
        " انتخاب‌ها را بازبینی کنید و دوباره مهر و موم کنید."
    ),
    "kiosk_challenged": "برگه‌های ابطال‌شده برای بررسی (شمرده نمی‌شوند)",
    "kiosk_close_so_far": "تا این لحظه",
    # the voter's ballot screens (issue 13): scanned card, candidate tiles, blank, idle
    "kiosk_welcome": "به صندوق اخذ رأی خوش آمدید",
    "kiosk_scan_title": "کارت خود را جلوی اسکنر بگیرید",
    "kiosk_scan_reader": "یا آن را در کارت‌خوان بگذارید. رأی دادن خودبه‌خود آغاز می‌شود.",
    "kiosk_scan_help": "اگر کارت خوانده نشد، به اعضای شعبه بگویید.",
    "kiosk_reader_remove": (
        "کارتی که در کارت‌خوان است رأی تازه‌ای را آغاز نمی‌کند؛"
        " آن را بیرون بیاورید و به اعضای شعبه بازگردانید."
    ),
    "kiosk_candidates": "نامزدها",
    "kiosk_tile_hint": "روی نامزد مورد نظر خود بزنید؛ برای پس گرفتن، دوباره روی آن بزنید.",
    "kiosk_code_word": "کد",
    "kiosk_chosen_mark": "انتخاب شد",
    "kiosk_withdrawn_mark": "انصراف داده",
    "kiosk_seats_chosen": "{chosen} از {seats} انتخاب شده",
    "kiosk_know_code": "کد نامزد خود را می‌دانید؟",
    "kiosk_blank_title": "رأی سفید؟",
    "kiosk_blank_warn": (
        "با رأی سفید، انتخاب‌های شما در این انتخابات پاک می‌شود و به هیچ نامزدی رأی داده نمی‌شود."
    ),
    "kiosk_blank_yes": "آری، رأی سفید و پاک شدن انتخاب‌ها",
    "kiosk_blank_no": "نه، انتخاب‌هایم بماند",
    "kiosk_idle_title": "هنوز رأی می‌دهید؟",
    "kiosk_idle_warn": (
        "اگر ادامه ندهید، این برگه رأی تا چند لحظه دیگر بسته می‌شود و هیچ رأیی از آن ثبت نمی‌شود."
    ),
    "kiosk_idle_stay": "ادامه می‌دهم",
    # the voter's aids (issue 13): the bar on every voter screen and the audio ballot's words
    "kiosk_access_bar": "امکانات دسترسی‌پذیری",
    "kiosk_text_size": "اندازه نوشته",
    "kiosk_size_normal": "عادی",
    "kiosk_size_large": "درشت",
    "kiosk_size_xlarge": "بسیار درشت",
    "kiosk_high_contrast": "رنگ‌های پرتضاد",
    "kiosk_audio_ballot": "برگه رأی گویا (هدفون)",
    "kiosk_audio_keys": (
        "برگه رأی گویا روشن است. با کلیدهای بعدی و قبلی گزینه‌ها را بشنوید، با کلید انتخاب"
        " برگزینید، با کلید بازگشت اصلاح کنید و با کلید تکرار دوباره بشنوید."
    ),
    "kiosk_audio_contest_how": (
        "با کلید بعدی نامزدها را یکی‌یکی بشنوید و با کلید انتخاب، نامزد خود را برگزینید."
    ),
    "kiosk_audio_blank_means": "در این انتخابات به هیچ نامزدی رأی نمی‌دهید.",
    "kiosk_audio_review_how": (
        "با کلید بعدی انتخاب‌های خود را در هر انتخابات بشنوید؛ سپس تأیید کنید یا بازگردید و"
        " تغییر دهید."
    ),
    "kiosk_audio_code": "کد {code}",
    "kiosk_no_speech": (
        "برنامه گفتار espeak-ng روی این صندوق نصب نیست؛ صفحه‌ها بدون برگه رأی گویا باز شد."
        " آن را نصب کنید: sudo apt-get install espeak-ng"
    ),
    # kiosk-words (issue 13): who the registry says the voter at check-in is
    "kiosk_voter_name": "نام در ثبت احوال",
    "kiosk_voter_no_name": "ثبت احوال نامی برای این کد ملی ندارد",
    "kiosk_voter_photo": "عکس رأی‌دهنده در ثبت احوال",
    "kiosk_voter_compare": (
        "نام و عکس را با کارت ملی و چهره رأی‌دهنده بسنجید؛ اگر یکی نیست، تأیید نکنید"
        " و به ناظر شعبه خبر دهید."
    ),
    "kiosk_voter_unnamed": "ثبت احوال نام و عکسی نفرستاد؛ کارت ملی رأی‌دهنده را با چهره او بسنجید.",
    "kiosk_voter_offline": (
        "مرکز در دسترس نیست و نام و عکسی از ثبت احوال نرسیده است؛ کارت ملی رأی‌دهنده را با"
        " چهره او بسنجید."
    ),
} | staff_labels.FA

EN: dict[str, str] = {
    "kiosk_log_in": "Station staff log-in",
    "kiosk_log_in_why": (
        "Before any action on the station staff's screen, each member of staff logs in with their"
        " own staff card and PIN, or their own key file."
    ),
    "kiosk_key_file": "Choose your key file",
    "kiosk_enter": "Log in",
    "kiosk_log_out": "Log all staff out",
    "kiosk_logged_in": "Staff logged in",
    "kiosk_add_staff": "Log another member of staff in",
    "kiosk_no_key": "No key file was chosen.",
    "kiosk_bad_key": "This file is not a key: it must hold 64 hexadecimal digits (32 bytes).",
    "kiosk_unknown_key": "This key belongs to none of the staff registered for this station.",
    "kiosk_logged_out": "All staff are logged out.",
    "kiosk_idle_note": "After {minutes} minutes without use, the staff log-in ends by itself.",
    "kiosk_role_head": "Head of station",
    "kiosk_role_secretary": "Secretary",
    "kiosk_role_member": "Member",
    "kiosk_role_supervisor": "Supervisor",
    "kiosk_close_title": "Close voting?",
    "kiosk_close_means": (
        "Once voting is closed the box takes no more voters and charges no more ballot cards;"
        " this cannot be undone. The ballots are then counted and the report signed."
    ),
    "kiosk_close_yes": "Yes, close voting",
    "kiosk_close_no": "No, go back",
    "kiosk_reports": "Reports",
    "kiosk_report_zero": "Opening (zero) report",
    "kiosk_report_final": "Final report",
    "kiosk_report_chain": "Encrypted ballot chain",
    "kiosk_refusal_logged": "the reason is kept among the box's incidents",
    "kiosk_retry_note": "The box keeps sending by itself until the centre's receipt is back.",
    "kiosk_refused_title": "This request was refused",
    "kiosk_refused_forged": (
        "This request did not come from the box's own screens, or its form is stale."
        " Open the screen again and retry."
    ),
    "kiosk_refused_staff": "The station's staff must log in first.",
    "kiosk_refused_host": "This box answers at its own address only.",
    "kiosk_refused_client": "This box serves its own screen only.",
    "kiosk_back_to_start": "Back to the start",
    "kiosk_need_two": "Counting needs at least two members of the station's staff logged in.",
    "kiosk_seal": "Seal my ballot",
    "kiosk_seal_means": (
        "The box encrypts your ballot and shows its confirmation code. Your vote is not"
        " recorded yet."
    ),
    "kiosk_code_title": "Your ballot's confirmation code",
    "kiosk_code_how": (
        "Write this code down, or keep the receipt the box prints for you; the same code is"
        " printed on the ballot's paper copy. After the election, look the code up on the results"
        " site to see that your ballot was counted."
    ),
    "kiosk_code_choose": "Now choose one:",
    "kiosk_cast": "Cast my ballot",
    "kiosk_cast_means": "The ballot goes into the box and is counted.",
    "kiosk_challenge": "Check this ballot; it will not be counted",
    "kiosk_challenge_means": "The ballot is opened so you can see the box encrypted your choices.",
    "kiosk_change_note": "To change your choices, press “Check this ballot”, then vote again.",
    "kiosk_challenge_title": "Check this ballot?",
    "kiosk_challenge_warn": (
        "This ballot is opened and printed, and it is never counted. Its choices are published"
        " in the election record for anyone to see. Then you vote again with the same ballot"
        " card."
    ),
    "kiosk_challenge_yes": "Yes, open this ballot",
    "kiosk_challenge_no": "No, back to the confirmation code",
    "kiosk_opened_title": "Challenged for checking — not counted",
    "kiosk_opened_what": (
        "These are the choices the box encrypted. If they are not what you chose, tell the"
        " station's supervisor."
    ),
    "kiosk_code": "Confirmation code",
    "kiosk_nonce": "The ballot's opening key (for checking)",
    "kiosk_opened_published": (
        "This ballot is published with this code among the challenged ballots; anyone can encrypt"
        " it again and compare."
    ),
    "kiosk_vote_again": "Vote again with this card",
    "kiosk_take_receipt": "Take the receipt with your confirmation code from the printer.",
    "kiosk_seal_lost": (
        "The box no longer holds this sealed ballot and nothing of it was recorded; review"
        " your choices and seal again."
    ),
    "kiosk_challenged": "Ballots challenged for checking (not counted)",
    "kiosk_close_so_far": "So far",
    # the voter's ballot screens (issue 13): scanned card, candidate tiles, blank, idle
    "kiosk_welcome": "Welcome to the ballot box",
    "kiosk_scan_title": "Hold your card in front of the scanner",
    "kiosk_scan_reader": "Or put it into the card reader. Voting starts by itself.",
    "kiosk_scan_help": "If the card is not read, tell the station's staff.",
    "kiosk_reader_remove": (
        "The card in the reader cannot start a new ballot; take it out and return it to the"
        " station's staff."
    ),
    "kiosk_candidates": "Candidates",
    "kiosk_tile_hint": "Tap the candidate of your choice; tap again to take the choice back.",
    "kiosk_code_word": "Code",
    "kiosk_chosen_mark": "Chosen",
    "kiosk_withdrawn_mark": "Withdrawn",
    "kiosk_seats_chosen": "{chosen} of {seats} chosen",
    "kiosk_know_code": "Do you know your candidate's code?",
    "kiosk_blank_title": "Blank vote?",
    "kiosk_blank_warn": (
        "A blank vote discards your choices in this contest and gives a vote to no candidate."
    ),
    "kiosk_blank_yes": "Yes, vote blank and discard my choices",
    "kiosk_blank_no": "No, keep my choices",
    "kiosk_idle_title": "Are you still voting?",
    "kiosk_idle_warn": (
        "If you do not continue, this ballot closes in a few moments and nothing of it is recorded."
    ),
    "kiosk_idle_stay": "I am still voting",
    # the voter's aids (issue 13): the bar on every voter screen and the audio ballot's words
    "kiosk_access_bar": "Accessibility",
    "kiosk_text_size": "Text size",
    "kiosk_size_normal": "Normal",
    "kiosk_size_large": "Large",
    "kiosk_size_xlarge": "Extra large",
    "kiosk_high_contrast": "High contrast",
    "kiosk_audio_ballot": "Audio ballot (headphones)",
    "kiosk_audio_keys": (
        "The audio ballot is on. Press next and previous to hear each option, select to choose"
        " it, back to correct, and repeat to hear it again."
    ),
    "kiosk_audio_contest_how": (
        "Press next to hear the candidates one by one, and select to choose yours."
    ),
    "kiosk_audio_blank_means": "You vote for no candidate in this contest.",
    "kiosk_audio_review_how": (
        "Press next to hear your choices in each contest, then confirm, or go back and change them."
    ),
    "kiosk_audio_code": "code {code}",
    "kiosk_no_speech": (
        "espeak-ng is not installed on this box; the screens are served without the audio"
        " ballot. Install it: sudo apt-get install espeak-ng"
    ),
    # kiosk-words (issue 13): who the registry says the voter at check-in is
    "kiosk_voter_name": "Name in the civil registry",
    "kiosk_voter_no_name": "The civil registry holds no name for this national code",
    "kiosk_voter_photo": "The voter's photo in the civil registry",
    "kiosk_voter_compare": (
        "Compare the name and photo with the voter's national ID card and face; if they do not"
        " match, do not confirm, and tell the station's supervisor."
    ),
    "kiosk_voter_unnamed": (
        "The civil registry sent no name or photo; compare the voter's national ID card with"
        " their face."
    ),
    "kiosk_voter_offline": (
        "The centre cannot be reached and no name or photo came from the civil registry; compare"
        " the voter's national ID card with their face."
    ),
} | staff_labels.EN

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def label(key: str, lang: Lang, **values: str | int) -> str:
    """The kiosk's label `key` in `lang` (else the main catalogue's); numbers in its digits."""
    return text_in(_CATALOGUE, key, lang, **values)


def centre_refusal(kind: OutboxKind, reason: str, lang: Lang) -> str:
    """Why the centre refused the box's `kind` of item for `reason` (the API's machine word), in
    `lang`: a chain's from `locale.e2e_refusals`, a report's from the catalogue's `refused_…`
    where it has one, else that the box's incidents keep the reason (the courier records it)."""
    if kind is OutboxKind.BALLOT_CHAIN:
        key = e2e_refusals.chain_refusal_key(reason)
        if key in e2e_refusals.FA:
            return text_in(e2e_refusals.CATALOGUE, key, lang)
    key = "refused_" + reason.replace("-", "_")
    if kind is OutboxKind.REPORT and key in MAIN_FA:
        return label(key, lang)
    return label("kiosk_refusal_logged", lang)


def check_in_refusal(refused: CheckInRefused, lang: Lang) -> str:
    """Why the voter got no ballot card, in `lang` (`locale.check_in_refusals`): a mistyped
    code with its fault; the centre's own detail, in English, stays off the screen."""
    words = text_in(
        check_in_refusals.CATALOGUE, check_in_refusals.check_in_refusal_key(refused.reason), lang
    )
    fault = None if refused.by_centre else check_in_refusals.code_fault_key(refused.detail)
    if fault is None:
        return words
    return f"{words}: {text_in(check_in_refusals.CATALOGUE, fault, lang)}"

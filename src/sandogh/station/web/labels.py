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
    # ---- the staff's close, minutes and deliveries (issue 13, kiosk-staff) ----
    "kiosk_rec_heading": "تطبیق پیش از پایان رأی‌گیری",
    "kiosk_rec_charged": "کارت‌های تعرفه شارژشده",
    "kiosk_rec_used": "کارت‌های به‌کاررفته",
    "kiosk_rec_cancelled": "کارت‌های باطل‌شده (که به جای هر یک کارت دیگری شارژ شد)",
    "kiosk_rec_unused": "کارت تعرفه‌ای شارژ شده و به کار نرفته است.",
    "kiosk_rec_unused_named": "{n} کارت تعرفه شارژ شده و هرگز به کار نرفته است.",
    "kiosk_rec_unused_count": "کارت‌های تعرفه شارژشده و هرگز به‌کارنرفته",
    "kiosk_rec_used_cast": "شمار کارت‌های به‌کاررفته با شمار آرای ثبت‌شده برابر نیست.",
    "kiosk_rec_papers": "شمار نسخه‌های کاغذی با شمار آرای ثبت‌شده برابر نیست.",
    "kiosk_rec_papers_counted": "نسخه‌های کاغذی رأی در صندوق (به شمارش اعضای شعبه)",
    "kiosk_rec_papers_note": "نسخه‌های کاغذی چاپ‌شده در صندوق را بشمارید و شمار آن را بنویسید.",
    "kiosk_rec_explain": "توضیح اعضای شعبه درباره مغایرت",
    "kiosk_rec_explain_note": (
        "اگر ارقام با هم نمی‌خوانند، علت را بنویسید؛ این توضیح همراه صورتجلسه ثبت می‌شود."
    ),
    "kiosk_close_papers_needed": (
        "شمار نسخه‌های کاغذی رأی در صندوق را با عدد بنویسید؛ رأی‌گیری پایان نیافت."
    ),
    "kiosk_close_explain": (
        "ارقام با هم نمی‌خوانند: علت مغایرت را در چند کلمه بنویسید؛ رأی‌گیری پایان نیافت."
    ),
    "kiosk_minutes_open": "بررسی و امضای صورتجلسه",
    "kiosk_minutes_title": "صورتجلسه نتیجه شمارش آرا",
    "kiosk_minutes_check_note": (
        "هر یک از رئیس و اعضای شعبه صورتجلسه را بررسی کند و با ورود خود تأیید کند؛"
        " صورتجلسه با کلید کسانی امضا می‌شود که آن را بررسی کرده‌اند."
    ),
    "kiosk_minutes_signed_note": "این صورتجلسه امضا شده است؛ امضاکنندگان در پایین آمده‌اند.",
    "kiosk_minutes_candidate": "نامزد",
    "kiosk_minutes_votes": "آرا",
    "kiosk_minutes_signers": "امضای رئیس و اعضای شعبه",
    "kiosk_minutes_check": "{person}: صورتجلسه را بررسی کردم و امضا می‌کنم",
    "kiosk_minutes_first": (
        "هنوز کسی صورتجلسه را بررسی نکرده است: هر یک از اعضای حاضر آن را بررسی و تأیید کند."
    ),
    "kiosk_minutes_not_yet": "صورتجلسه پس از شمارش آرا آماده می‌شود.",
    "kiosk_signer_signed": "امضا کرده است",
    "kiosk_signer_checked": "بررسی کرد؛ با «امضا و ارسال» امضا می‌شود",
    "kiosk_signer_present": "حاضر است، هنوز بررسی نکرده",
    "kiosk_signer_absent": "وارد نشده است، امضا نکرده",
    "kiosk_delivery_queued": "در صف ارسال",
    "kiosk_delivery_sending": "در حال ارسال",
    "kiosk_delivery_received": "رسید دریافت شد",
    "kiosk_delivery_refused": "مرکز نپذیرفت",
    "kiosk_receipt_at": "زمان رسید: {at}",
    "kiosk_receipt_hash": "اثر انگشت (هش) گزارش رسیده:",
    "kiosk_next_try": "تلاش خودکار بعدی: ساعت {at} ({attempts} تلاش تاکنون)",
    "kiosk_opening": "گشودن صندوق",
    "kiosk_open_title": "آغاز رأی‌گیری",
    "kiosk_open_check": (
        "پیش از نخستین رأی‌دهنده، رئیس و اعضای شعبه صورتجلسه آغاز رأی‌گیری را بررسی کنند: همه"
        " نامزدها صفر،"
        " هیچ کارتی شارژ نشده و هیچ رأیی در صندوق نیست."
    ),
    "kiosk_open_who_signs": (
        "صورتجلسه آغاز رأی‌گیری با کلید صندوق و کلید این اعضای واردشده شعبه امضا می‌شود:"
    ),
    "kiosk_open_sign": "امضای صورتجلسه آغاز رأی‌گیری و گشودن صندوق",
    "kiosk_open_signed": (
        "صورتجلسه آغاز رأی‌گیری امضا و چاپ شد و در صف ارسال به مرکز است. امضاکنندگان:"
    ),
    "kiosk_open_papers_needed": (
        "شمار تعرفه‌های دریافتی هر انتخابات را با عدد بنویسید؛ صندوق گشوده نشد."
    ),
    "kiosk_start_voting": "آغاز رأی‌گیری",
    "kiosk_by_card": "ورود با کارت و رمز",
    "kiosk_by_key_file": "ورود با پرونده کلید",
    "kiosk_card": "کارت کارکنان (با اسکنر بخوانید)",
    "kiosk_card_note": "کارت را جلوی اسکنر بگیرید؛ سپس رمز خود را بنویسید.",
    "kiosk_card_file": "یا انتخاب پرونده کارت",
    "kiosk_pin": "رمز شخصی",
    "kiosk_minutes_pin": "رمز شخصی {person}",
    "kiosk_minutes_key": "پرونده کلید {person} را دوباره انتخاب کنید",
    "kiosk_minutes_other_key": "این پرونده کلید همان عضوی نیست که صورتجلسه را بررسی می‌کند؛"
    " پرونده کلید خود را انتخاب کنید.",
    "kiosk_file_none": "هنوز پرونده‌ای انتخاب نشده است",
    "kiosk_card_bad": "این کارت خوانده نشد؛ دوباره کارت را بخوانید.",
    "kiosk_card_old": (
        "این کارت با نسخه پیشین ساخته شده و دیگر پذیرفته نیست؛ اکنون با پرونده کلید خود وارد"
        " شوید و کارت تازه‌ای برای این صندوق بسازید."
    ),
    "kiosk_card_other_box": (
        "این کارت برای این صندوق ساخته نشده است؛ با پرونده کلید خود وارد شوید و با کلید کارت"
        " این صندوق کارت تازه‌ای بسازید."
    ),
    "kiosk_card_not_holders": (
        "این کارت با کلید دارنده‌اش ساخته نشده است؛ رمزی با آن امتحان نشد و چیزی شمرده نشد."
        " دارنده کارت با پرونده کلید خود وارد شود و با فرمان «sandogh staff card» کارت را"
        " دوباره بسازد."
    ),
    "kiosk_no_cards": "این صندوق کارت کارکنان نمی‌پذیرد؛ با پرونده کلید خود وارد شوید.",
    "kiosk_pin_needed": "رمز شخصی خود را بنویسید.",
    "kiosk_wrong_pin": "رمز نادرست است؛ {left} بار دیگر می‌توانید امتحان کنید.",
    "kiosk_card_locked": (
        "به سبب رمزهای نادرست پیاپی، ورود با این کارت تا ساعت {until} بسته است. دارنده کارت"
        " با پرونده کلید خود دوباره وارد شود تا قفل برداشته شود؛ بی پرونده کلید، با رئیس شعبه"
        " یا ستاد انتخابات تماس بگیرید."
    ),
    # kiosk-identity (issue 13): the look-up before the check-in, confirmed by the staff
    "kiosk_identity_nothing_yet": (
        "هنوز چیزی ثبت نشده و کارتی شارژ نشده است؛ تنها اگر همان کس است، تأیید کنید."
    ),
    "kiosk_identity_confirm": "همان کس است؛ کارت تعرفه را شارژ کن",
    "kiosk_card_written": "کارت را از دستگاه کارت تعرفه بردارید و به رأی‌دهنده بدهید.",
    "kiosk_card_by_hand": "این کد را روی یک کارت تعرفه بنویسید و کارت را به رأی‌دهنده بدهید:",
    "kiosk_card_writer_failed": (
        "دستگاه کارت تعرفه کارت را ننوشت؛ کارت این رأی‌دهنده را با دست بنویسید و دستگاه را"
        " بررسی کنید."
    ),
    "kiosk_identity_reject": "همان کس نیست",
    # recharging (review S23 A3): a card charged, unused, lost or miscopied
    "kiosk_recharge_offer_note": (
        "اگر کارت گم شده یا کد آن نادرست نوشته شده است، رئیس شعبه و یکی دیگر از اعضای شعبه"
        " می‌توانند آن را باطل کنند و کارت تازه‌ای برای همین رأی‌دهنده شارژ کنند. نخست کارت"
        " شناسایی او را بسنجید."
    ),
    "kiosk_recharge_offer": "باطل کردن کارت و شارژ کارت تازه",
    "kiosk_recharge_title": "باطل کردن کارت تعرفه و شارژ کارت تازه",
    "kiosk_recharge_means": (
        "کارت تعرفه شارژشده این رأی‌دهنده باطل می‌شود و دیگر در صندوق پذیرفته نمی‌شود؛ کارت"
        " تازه‌ای برای همان پذیرش شارژ می‌شود. این کار با نام شما ثبت می‌شود و در شمار کارت‌های"
        " باطل‌شده صورتجلسه می‌آید."
    ),
    "kiosk_recharge_key": "پرونده کلید {person}",
    "kiosk_recharge_note": (
        "رئیس شعبه و دست‌کم یکی دیگر از اعضای شعبه، هر یک با رمز کارت خود یا پرونده کلید خود،"
        " تأیید می‌کنند."
    ),
    "kiosk_recharge_confirm": "باطل کن و کارت تازه شارژ کن",
    "kiosk_recharge_two": (
        "کارتی باطل نشد: رئیس شعبه و دست‌کم یکی دیگر از اعضای شعبه باید هر یک رمز کارت یا"
        " پرونده کلید خود را بدهند."
    ),
    "kiosk_recharged": "کارت پیشین این رأی‌دهنده باطل شد.",
    "kiosk_identity_rejected": (
        "رأی‌دهنده احراز هویت نشد: چیزی ثبت نشد و کارتی شارژ نشد. به ناظر شعبه خبر دهید."
    ),
    "kiosk_identity_none": "نخست کد ملی را استعلام کنید و نام و عکس را بسنجید.",
    # fix-minutes (finding F9): the centre's rule for the final minutes' signers, before signing
    "kiosk_minutes_unsigned": (
        "صورتجلسه امضا نشد: صورتجلسه پایانی امضای دست‌کم دو نفر از رئیس و اعضای شعبه، از جمله"
        " رئیس شعبه، را می‌خواهد. هنوز باید بررسی و تأیید کنند: {waiting}"
    ),
    "kiosk_minutes_refused_note": (
        "مرکز صورتجلسه امضاشده را نپذیرفت (چرایی آن در صفحه رئیس و اعضای شعبه است)؛"
        " صورتجلسه را دوباره بررسی و امضا کنید تا به جای آن فرستاده شود."
    ),
}

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
    # ---- the staff's close, minutes and deliveries (issue 13, kiosk-staff) ----
    "kiosk_rec_heading": "Reconciliation before the close",
    "kiosk_rec_charged": "Ballot cards charged",
    "kiosk_rec_used": "Ballot cards used",
    "kiosk_rec_cancelled": "Ballot cards cancelled (each charged again)",
    "kiosk_rec_unused": "A ballot card was charged and never used.",
    "kiosk_rec_unused_named": "{n} ballot card(s) charged and never used.",
    "kiosk_rec_unused_count": "Ballot cards charged and never used",
    "kiosk_rec_used_cast": "The cards used do not match the ballots cast.",
    "kiosk_rec_papers": "The paper copies do not match the ballots cast.",
    "kiosk_rec_papers_counted": "Paper copies in the box (as the staff counted them)",
    "kiosk_rec_papers_note": "Count the paper copies printed into the box and write their number.",
    "kiosk_rec_explain": "The staff's explanation of the mismatch",
    "kiosk_rec_explain_note": (
        "If the figures do not agree, say why; your words are recorded with the minutes."
    ),
    "kiosk_close_papers_needed": (
        "Write the number of paper copies in the box; voting has not been closed."
    ),
    "kiosk_close_explain": (
        "The figures do not agree: explain the mismatch in a few words; voting has not been closed."
    ),
    "kiosk_minutes_open": "Check and sign the minutes",
    "kiosk_minutes_title": "Minutes of the count",
    "kiosk_minutes_check_note": (
        "Each member of the station's staff checks the minutes and confirms on their own log-in;"
        " the minutes are signed with the keys of those who checked them."
    ),
    "kiosk_minutes_signed_note": "These minutes are signed; who signed is listed below.",
    "kiosk_minutes_candidate": "Candidate",
    "kiosk_minutes_votes": "Votes",
    "kiosk_minutes_signers": "Signatures of the station's staff",
    "kiosk_minutes_check": "{person}: I have checked the minutes and sign them",
    "kiosk_minutes_first": (
        "No one has checked the minutes yet: each member present checks and confirms them first."
    ),
    "kiosk_minutes_not_yet": "The minutes are ready once the ballots are counted.",
    "kiosk_signer_signed": "Signed",
    "kiosk_signer_checked": "Checked; signs with “Sign and send”",
    "kiosk_signer_present": "Logged in, not yet checked",
    "kiosk_signer_absent": "Not logged in, not signed",
    "kiosk_delivery_queued": "Queued to send",
    "kiosk_delivery_sending": "Sending",
    "kiosk_delivery_received": "Receipt received",
    "kiosk_delivery_refused": "Refused by the centre",
    "kiosk_receipt_at": "Receipt time: {at}",
    "kiosk_receipt_hash": "Fingerprint (hash) of the report received:",
    "kiosk_next_try": "Next automatic try: {at} ({attempts} attempts so far)",
    "kiosk_opening": "Opening the box",
    "kiosk_open_title": "Start of polling",
    "kiosk_open_check": (
        "Before the first voter, the station's staff check the zero report: every candidate at"
        " zero, no card charged and no ballot in the box."
    ),
    "kiosk_open_who_signs": "The zero report is signed with the box's key and these staff's keys:",
    "kiosk_open_sign": "Sign the zero report and open the box",
    "kiosk_open_signed": "The zero report is signed, printed and queued for the centre. Signed by:",
    "kiosk_open_papers_needed": (
        "Write the number of ballot papers received for each contest; the box was not opened."
    ),
    "kiosk_start_voting": "Start voting",
    "kiosk_by_card": "Log in with staff card and PIN",
    "kiosk_by_key_file": "Log in with a key file",
    "kiosk_card": "Staff card (scan it)",
    "kiosk_card_note": "Hold the card to the scanner, then type your PIN.",
    "kiosk_card_file": "Or choose the card's file",
    "kiosk_pin": "PIN",
    "kiosk_minutes_pin": "{person}'s PIN",
    "kiosk_minutes_key": "Choose {person}'s key file again",
    "kiosk_minutes_other_key": "This key file is not that of the member checking the minutes;"
    " choose your own key file.",
    "kiosk_file_none": "No file chosen yet",
    "kiosk_card_bad": "This card could not be read; scan it again.",
    "kiosk_card_old": (
        "This card was made by an earlier version and is no longer accepted: log in with your"
        " key file now, and make a new card for this box."
    ),
    "kiosk_card_other_box": (
        "This card was not made for this box: log in with your key file, and make a new card"
        " with this box's card key."
    ),
    "kiosk_card_not_holders": (
        "This card was not made by its holder's key: no PIN was tried and nothing counted."
        " Its holder logs in with their key file and makes the card again with"
        " `sandogh staff card`."
    ),
    "kiosk_no_cards": "This box takes no staff cards: log in with your key file.",
    "kiosk_pin_needed": "Type your PIN.",
    "kiosk_wrong_pin": "Wrong PIN; you may try {left} more times.",
    "kiosk_card_locked": (
        "After wrong PINs in a row, this card is locked out until {until}. Its holder logs in"
        " again with their key file to lift the lock-out; without it, call the head of station"
        " or the election headquarters."
    ),
    # kiosk-identity (issue 13): the look-up before the check-in, confirmed by the staff
    "kiosk_identity_nothing_yet": (
        "Nothing is recorded and no card charged yet: confirm only if this is the person."
    ),
    "kiosk_identity_confirm": "This is the person: charge the ballot card",
    "kiosk_card_written": "Take the card from the card writer and hand it to the voter.",
    "kiosk_card_by_hand": "Write this code on a ballot card and hand the card to the voter:",
    "kiosk_card_writer_failed": (
        "The card writer did not write the card: write this voter's card by hand, and check"
        " the writer."
    ),
    "kiosk_identity_reject": "Not this person",
    # recharging (review S23 A3): a card charged, unused, lost or miscopied
    "kiosk_recharge_offer_note": (
        "If the card was lost or its code miscopied, the head of station and one other member"
        " may cancel it and charge a new card for this voter. Check their ID card first."
    ),
    "kiosk_recharge_offer": "Cancel the card and charge a new one",
    "kiosk_recharge_title": "Cancel a ballot card and charge a new one",
    "kiosk_recharge_means": (
        "This voter's charged card is cancelled and no longer accepted at the box; a new card is"
        " charged for the same check-in. It is recorded under your names and counted among the"
        " cancelled cards in the minutes."
    ),
    "kiosk_recharge_key": "{person}'s key file",
    "kiosk_recharge_note": (
        "The head of station and at least one other member confirm, each with their card's PIN"
        " or their key file."
    ),
    "kiosk_recharge_confirm": "Cancel it and charge a new card",
    "kiosk_recharge_two": (
        "No card was cancelled: the head of station and at least one other member must each give"
        " their card's PIN or their key file."
    ),
    "kiosk_recharged": "This voter's earlier card is cancelled.",
    "kiosk_identity_rejected": (
        "The voter was not identified: nothing was recorded and no card charged. Tell the"
        " station's supervisor."
    ),
    "kiosk_identity_none": "Look the national code up first, and compare the name and photo.",
    # fix-minutes (finding F9): the centre's rule for the final minutes' signers, before signing
    "kiosk_minutes_unsigned": (
        "The minutes were not signed: the final minutes need the signatures of at least two of"
        " the station's staff, the head of station among them. Still to check and confirm:"
        " {waiting}"
    ),
    "kiosk_minutes_refused_note": (
        "The centre refused the signed minutes (the staff page says why); check and sign them"
        " again, and the new minutes are sent in their place."
    ),
}

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

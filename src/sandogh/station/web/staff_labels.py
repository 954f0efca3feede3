"""The kiosk's sentences for the station's staff: the reconciliation of cards before the
close, the minutes and their signers (the centre's rule, finding F9), the deliveries, a card
recharged, and the look-up of a voter at check-in (issue 13, kiosk-staff and kiosk-identity; review
S23 A3), in Persian and English. `labels` merges them into the kiosk's catalogue.
"""

from __future__ import annotations

FA: dict[str, str] = {
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

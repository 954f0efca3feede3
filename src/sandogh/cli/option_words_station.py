"""The ballot box's, its staff's and the pre-election record's commands' option and argument help
in Persian (`cli/help_words.OPTIONS`), each under the English its command declares: a changed
English line has no Persian until it is given one here, which tests/cli/test_help_words.py
requires."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # station
    "The station's directory: its database, device key and card key.": (
        "پوشه صندوق: پایگاه داده آن، کلید دستگاه و کلید کارت."
    ),
    "URL of the central service.": "نشانی URL سرویس مرکزی.",
    "The election day's id.": "شناسه روز انتخابات.",
    "The polling station's code.": "کد شعبه اخذ رأی.",
    "While the centre is unreachable: refuse voters, or check them in provisionally.": (
        "وقتی مرکز در دسترس نیست: رد رأی‌دهندگان، یا احراز هویت موقت آن‌ها."
    ),
    (
        "The enrolling operator's username (asked when not given); the password is read from "
        "$SANDOGH_OPERATOR_PASSWORD, else from stdin with --password-stdin, else asked."
    ): (
        "نام کاربری کاربری که صندوق را ثبت می‌کند (اگر داده نشود پرسیده می‌شود)؛ گذرواژه از "
        "$SANDOGH_OPERATOR_PASSWORD خوانده می‌شود، وگرنه با --password-stdin از ورودی "
        "استاندارد، وگرنه پرسیده می‌شود."
    ),
    "Read the password from stdin's first line.": "خواندن گذرواژه از نخستین سطر ورودی استاندارد.",
    "The authenticator's code, if the account has one (asked at a terminal).": (
        "کد برنامه احراز هویت، اگر حساب آن را دارد (در پایانه پرسیده می‌شود)."
    ),
    "Seconds to wait for each answer of the centre.": "ثانیه‌های انتظار برای هر پاسخ مرکز.",
    "Ballot papers received: N for every contest, or CONTEST=N (repeatable).": (
        "تعرفه‌های دریافت‌شده: شمار برای هر رقابت، یا رقابت=شمار (تکرارپذیر)."
    ),
    (
        "URL of the central service (e.g. http://127.0.0.1:8000/); without it, what the box sends "
        "stays queued."
    ): (
        "نشانی URL سرویس مرکزی (مثلاً http://127.0.0.1:8000/)؛ بی آن، آنچه صندوق می‌فرستد در "
        "صف می‌ماند."
    ),
    (
        "A file to print reports into (one JSON line per report; default DIR/printer.jsonl; "
        "voters' paper copies are never written to it), or escpos:DEVICE for an ESC/POS receipt "
        "printer on that device file."
    ): (
        "پرونده‌ای که صورتجلسه‌ها در آن چاپ می‌شوند (هر صورتجلسه یک سطر JSON؛ پیش‌فرض "
        "پوشه/printer.jsonl؛ نسخه کاغذی رأی‌دهندگان هرگز در آن نوشته نمی‌شود)، یا "
        "escpos:دستگاه برای چاپگر رسید ESC/POS روی آن پرونده دستگاه."
    ),
    "Start voting once the box is open.": "آغاز رأی‌گیری همین که صندوق باز شد.",
    "Ballot papers spoiled: N for every contest, or CONTEST=N (repeatable).": (
        "تعرفه‌های مخدوش: شمار برای هر رقابت، یا رقابت=شمار (تکرارپذیر)."
    ),
    "A paper station: its sheets are entered by hand.": (
        "شعبه کاغذی: برگه‌های آن با دست وارد می‌شود."
    ),
    (
        "A staff member's role and key file, ROLE=FILE (repeatable): two registered members (or "
        "the only one) open the ballots to count them, and sign the report."
    ): (
        "نقش و پرونده کلید یکی از رئیس و اعضای شعبه، نقش=پرونده (تکرارپذیر): دو عضو ثبت‌شده "
        "(یا تنها عضو) برگه‌ها را برای شمارش می‌گشایند و صورتجلسه را امضا می‌کنند."
    ),
    "Count the sheets agreed by double entry first.": (
        "نخست شمارش برگه‌هایی که با دو بار ورود یکسان درآمده‌اند."
    ),
    "Where to write the chain file.": "جایی که پرونده زنجیره در آن نوشته می‌شود.",
    "The port the box's screens listen on.": "درگاهی که صفحه‌های صندوق روی آن گوش می‌دهند.",
    (
        "escpos:DEVICE: the check-in desk's receipt printer, which prints each ballot card as its "
        "QR code; without one, the staff write each card by hand from its code."
    ): (
        "escpos:دستگاه: چاپگر رسید میز احراز هویت، که هر کارت رأی را به شکل کد QR آن چاپ "
        "می‌کند؛ بی آن، رئیس و اعضای شعبه هر کارت را از روی کدش با دست می‌نویسند."
    ),
    # staff
    "The new key file (never overwritten).": "پرونده کلید تازه (هرگز بازنویسی نمی‌شود).",
    "The member's own key file.": "پرونده کلید خود عضو شعبه.",
    "The new card file (never overwritten).": "پرونده کارت تازه (هرگز بازنویسی نمی‌شود).",
    (
        "The public card key of the box the card opens at: the line `sandogh station card-key` "
        "prints."
    ): (
        "کلید عمومی کارت صندوقی که کارت در آن باز می‌شود: سطری که `sandogh station card-key` "
        "چاپ می‌کند."
    ),
    "Or the box's own folder, to make the card at the box.": (
        "یا پوشه خود صندوق، برای ساختن کارت در کنار صندوق."
    ),
    "The role they sign under at the station.": "نقشی که با آن در شعبه امضا می‌کند.",
    "The staff member's full name.": "نام کامل عضو شعبه.",
    "Their public key, ed25519:HEX.": "کلید عمومی او، ed25519:شانزده‌شانزدهی.",
    "Only this station.": "تنها همین شعبه.",
    "Their code (e.g. national code).": "کد او (مثلاً کد ملی).",
    "Their full name.": "نام کامل او.",
    "Their role at the station (head, secretary, member, …).": (
        "نقش او در شعبه (`head` رئیس شعبه، `secretary` منشی، `member` عضو شعبه، …)."
    ),
    "training or briefing.": "`training` آموزش یا `briefing` نشست توجیهی.",
    "The day held (YYYY-MM-DD).": "روز برگزاری (سال-ماه-روز میلادی).",
    "Where it was held.": "جای برگزاری.",
    "What it taught or briefed.": "آنچه آموزش داده یا توجیه شد.",
    "A person who attended (their code); repeat.": "کسی که حاضر بود (کد او)؛ تکرارپذیر.",
    "The unit's code; the operator's place by default.": "کد واحد؛ پیش‌فرض جای کاربر.",
    # anchor
    "BODY:NAME:ed25519:HEX, BODY one of hq, supervisory-board, log (repeat).": (
        "نهاد:نام:ed25519:شانزده‌شانزدهی که نهاد یکی از `hq`، `supervisory-board` یا `log` است "
        "(تکرارپذیر)."
    ),
    "k: officials who must sign.": "`k`: شمار مقام‌هایی که باید امضا کنند.",
    "Where to write the record.": "جایی که سیاهه در آن نوشته می‌شود.",
    "The guardians' ceremony record (guardians finish): its joint key and HE join.": (
        "سابقه مراسم کلید امینان (`guardians finish`): کلید مشترک و پیوستن رمزگذاری همریخت آن."
    ),
    "The record, an amendment, or a build decision, to sign.": (
        "سیاهه، اصلاحیه یا تصمیم نسخه‌ای که امضا می‌شود."
    ),
    "Your own key file (staff keygen).": "پرونده کلید خودتان (`sandogh staff keygen`).",
    "The signature file to add to (default: FILE's name with .signatures.json).": (
        "پرونده امضاهایی که امضا به آن افزوده می‌شود (پیش‌فرض: نام پرونده با .signatures.json)."
    ),
    "The record the officials signed.": "سیاهه‌ای که مقام‌ها امضا کردند.",
    "Their signature files.": "پرونده‌های امضای آنان.",
    "The station's code.": "کد شعبه.",
    "Why, for the public record.": "چرا؛ برای سابقه عمومی.",
    "Where to write the amendment.": "جایی که اصلاحیه در آن نوشته می‌شود.",
    "A new box: ed25519:HEX.": "صندوقی تازه: ed25519:شانزده‌شانزدهی.",
    "A new member of staff: ed25519:HEX.": "عضوی تازه از رئیس و اعضای شعبه: ed25519:شانزده‌شانزدهی.",
    "Their role.": "نقش او.",
    "The key this one replaces.": "کلیدی که این کلید جایگزین آن می‌شود.",
    "The amendment the officials signed.": "اصلاحیه‌ای که مقام‌ها امضا کردند.",
}

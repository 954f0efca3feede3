"""The candidacy's, the boards' decisions', readiness's and the fleet's commands' option and
argument help in Persian (`cli/help_words.OPTIONS`), each under the English its command
declares: a changed English line has no Persian until it is given one here, which
tests/cli/test_help_words.py requires."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # candidates
    "The calendar file (sandogh/calendar@1, JSON).": "پرونده گاه‌شمار (sandogh/calendar@1، JSON).",
    "The contest's id.": "شناسه رقابت.",
    "The constituency's id.": "شناسه حوزه.",
    "The applicant's national code.": "کد ملی داوطلب.",
    "The name in Persian.": "نام به فارسی.",
    "The name in English.": "نام به انگلیسی.",
    "Original birth date.": "تاریخ تولد در شناسنامه.",
    "The highest degree.": "بالاترین مدرک تحصیلی.",
    "Living in the place since.": "تاریخ آغاز سکونت در این محل.",
    "KIND=FILE, once per document handed in (hashed).": (
        "نوع=پرونده، یک بار برای هر مدرک تحویل‌شده (چکیده آن نگه داشته می‌شود)."
    ),
    "The applicant's number.": "شماره داوطلب.",
    "The authorities' exchange folder.": "پوشه تبادل با مراجع.",
    "The deciding board.": "هیئتی که تصمیم می‌گیرد.",
    "The decision.": "تصمیم.",
    "The article the decision cites.": "ماده قانونی که تصمیم به آن استناد می‌کند.",
    "The board's reasons.": "دلیل‌های هیئت.",
    "A board member's account, each.": "حساب کاربری هر عضو هیئت، هر یک جدا.",
    "The final decision on an objection.": "تصمیم نهایی درباره اعتراض.",
    "The applicant's grounds.": "دلیل‌های اعتراض داوطلب.",
    "The candidate's ballot code.": "کد نامزد روی برگه رأی.",
    "Before or after the ballots were printed.": "پیش یا پس از چاپ برگه‌های رأی.",
    "A file holding the board's secret (UTF-8, a trailing newline ignored).": (
        "پرونده‌ای که راز هیئت را دارد (UTF-8؛ سطر خالی پایانی نادیده گرفته می‌شود)."
    ),
    "The definition to fill.": "تعریفی که کدها در آن نوشته می‌شود.",
    "Who drew, each.": "کسانی که قرعه را کشیدند، هر یک جدا.",
    "The new definition (JSON).": "تعریف تازه (JSON).",
    "Digits of a code, zero-padded.": "شمار رقم‌های هر کد، با صفرهای پیشین.",
    "A code of the pool given out in turn.": "کدی از مجموعه کدها، که به نوبت داده می‌شود.",
    # supervise
    "Constituency id.": "شناسه حوزه.",
    "The reference of the body's decision.": "شماره تصمیم مرجع.",
    "The voting mode approved.": "شیوه رأی‌گیری تأییدشده.",
    # lot
    "One contest; every contest by default.": "یک رقابت؛ پیش‌فرض همه رقابت‌ها.",
    "One constituency of --contest; all by default.": "یک حوزه از رقابت --contest؛ پیش‌فرض همه.",
    # void
    "Polling station code.": "کد شعبه اخذ رأی.",
    "Why the board voided.": "چرا هیئت نظارت ابطال کرد.",
    "The upheld violation case the void follows from.": (
        "پرونده تخلف تأییدشده‌ای که ابطال از آن برمی‌آید."
    ),
    "The boxes concerned (station codes).": "صندوق‌های مورد نظر (کد شعبه‌ها).",
    # case
    "What the case is about.": "پرونده درباره چیست.",
    "What happened.": "چه رخ داد.",
    "The unit the case is filed at; your place by default.": (
        "واحدی که پرونده در آن تشکیل می‌شود؛ پیش‌فرض جای شما."
    ),
    "A station concerned (repeatable).": "شعبه‌ای که به آن مربوط است (تکرارپذیر).",
    "A candidate concerned, CONTEST:CODE (repeatable).": (
        "نامزدی که به آن مربوط است، رقابت:کد (تکرارپذیر)."
    ),
    "The file's number.": "شماره پرونده نزد مرجع رسیدگی.",
    "The case's number.": "شماره پرونده.",
    "Its new status.": "وضعیت تازه آن.",
    "A note on its course.": "یادداشتی درباره روند آن.",
    "Only these.": "تنها با همین وضعیت.",
    # incident
    "The incident's number.": "شماره رخداد.",
    "The operator who takes it.": "کاربری که آن را بر عهده می‌گیرد.",
    "How it was resolved.": "چگونه رفع شد.",
    # readiness
    "The unit's code; the acting operator's place by default.": (
        "کد واحد؛ پیش‌فرض جای کاربری که اقدام می‌کند."
    ),
    "fleet, papers or staff.": "`fleet` صندوق‌ها، `papers` تعرفه‌ها یا `staff` رئیس و اعضای شعبه.",
    "The register's CSV (docs/formats.md).": "پرونده CSV دفتر (docs/formats.md).",
    "The CSV file to write.": "پرونده CSV که نوشته می‌شود.",
    "How staff and box get there.": "رئیس و اعضای شعبه و صندوق چگونه به آن‌جا می‌رسند.",
    "Hours after close before it is late.": (
        "ساعت‌هایی پس از پایان رأی‌گیری که گزارش پس از آن دیر است."
    ),
    "A helicopter on standby.": "بالگردی در آماده‌باش.",
    "The day its link was tested.": "روزی که ارتباط آن آزموده شد.",
    "Whether that test passed.": "آیا آن آزمون موفق بود.",
    "The earlier election it happened in.": "انتخابات پیشینی که مشکل در آن پیش آمد.",
    # fleet
    "The build: sha256: and 64 hex digits.": "نسخه: sha256: و ۶۴ رقم شانزده‌شانزدهی.",
    "What the headquarters call it.": "نامی که ستاد انتخابات به آن می‌دهد.",
    "Where to write the decision for the officials to sign.": (
        "جایی که تصمیم برای امضای مقام‌ها در آن نوشته می‌شود."
    ),
    "The decision the officials signed.": "تصمیمی که مقام‌ها امضا کردند.",
    "The box's serial, as in the register.": "شماره سریال صندوق، چنان‌که در دفتر است.",
    "The province, county or station it goes to.": (
        "استان، فرمانداری یا شعبه‌ای که صندوق به آن فرستاده می‌شود."
    ),
}

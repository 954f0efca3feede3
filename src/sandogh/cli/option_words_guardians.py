"""The guardians', the accounts', the end-to-end record's and the audit's commands' option and
argument help in Persian (`cli/help_words.OPTIONS`), each under the English its command
declares: a changed English line has no Persian until it is given one here, which
tests/cli/test_help_words.py requires."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # guardians
    "k: guardians needed to decrypt.": "`k`: شمار امینانی که برای گشودن جمع لازم است.",
    "ROLE:NAME:ed25519:HEX, in the ceremony's order (repeat).": (
        "نقش:نام:ed25519:شانزده‌شانزدهی، به ترتیب مراسم (تکرارپذیر)."
    ),
    "The directory of the ceremony's public files.": "پوشه پرونده‌های عمومی مراسم.",
    "The election's definition file, as `sandogh load` takes it: its id and hash.": (
        "پرونده تعریف انتخابات، چنان‌که `sandogh load` می‌گیرد: شناسه و چکیده آن."
    ),
    "The definition's sha256:HEX (`sandogh load` prints it).": (
        "چکیده sha256:شانزده‌شانزدهی تعریف (`sandogh load` آن را چاپ می‌کند)."
    ),
    "Where your secret files are kept (default: your key file's directory).": (
        "جایی که پرونده‌های رازتان نگه داشته می‌شود (پیش‌فرض: پوشه پرونده کلیدتان)."
    ),
    "The ceremony's record (election.json).": "سابقه مراسم (election.json).",
    "The file to write.": "پرونده‌ای که نوشته می‌شود.",
    "The encrypted tally.": "جمع رمزشده آرا.",
    "A large contest's mix input, to decrypt its last mix's rows.": (
        "ورودی بر هم زدن یک رقابت بزرگ، برای گشودن سطرهای آخرین بر هم زدن آن."
    ),
    "Every mix of the input, in order (repeat).": (
        "همه بر هم زدن‌های این ورودی، به ترتیب (تکرارپذیر)."
    ),
    (
        "The published snapshot's election folder (data/<election>): its definition, sealed "
        "record (anchor/), chains (e2e/ballots/) and reports (reports/), to hold the tally to."
    ): (
        "پوشه انتخابات در انتشار منتشرشده (data/<انتخابات>): تعریف، سیاهه مهرشده (anchor/)، "
        "زنجیره‌ها (e2e/ballots/) و صورتجلسه‌ها (reports/) آن، که جمع با آن‌ها سنجیده می‌شود."
    ),
    (
        "The sealed pre-election record's fingerprint or an amendment's head, long or short, as "
        "given to you at the ceremony or printed in a newspaper. Pass the head of the latest "
        "amendment in the centre's log: given the original seal's fingerprint, a snapshot that "
        "leaves out later amendments (a stolen box replaced) is accepted."
    ): (
        "اثر انگشت سیاهه مهرشده پیش از انتخابات یا سر یک اصلاحیه، بلند یا کوتاه، چنان‌که در "
        "مراسم به شما داده شد یا در روزنامه چاپ شد. سر آخرین اصلاحیه در دفتر رویدادهای مرکز "
        "را بدهید: با اثر انگشت مهر نخست، انتشاری که اصلاحیه‌های بعدی را ندارد (صندوقی دزدیده "
        "و جایگزین‌شده) پذیرفته می‌شود."
    ),
    (
        "A rehearsal only: accept a snapshot with no sealed record, trusting each chain's own box "
        "key."
    ): ("تنها برای تمرین: پذیرفتن انتشاری بی سیاهه مهرشده، با اعتماد به کلید صندوق خود هر زنجیره."),
    (
        "A station the sealed record gives a box whose box you know, from a second source, never "
        "opened (repeat): its chain may then be missing from the snapshot."
    ): (
        "شعبه‌ای که سیاهه مهرشده برایش صندوقی دارد و از منبعی دوم می‌دانید آن صندوق هرگز باز "
        "نشد (تکرارپذیر): زنجیره‌اش می‌تواند در انتشار نباشد."
    ),
    (
        "A station whose box opened and, you know from a second source, never closed (repeat): it "
        "has no final report, and its chain may be missing from the snapshot."
    ): (
        "شعبه‌ای که صندوقش باز شد و از منبعی دوم می‌دانید هرگز بسته نشد (تکرارپذیر): صورتجلسه "
        "پایانی ندارد و زنجیره‌اش می‌تواند در انتشار نباشد."
    ),
    "The guardians' partial decryptions.": "گشوده‌های جزئی امینان.",
    "The constituency's mix input (sandogh publish).": "ورودی بر هم زدن حوزه (`sandogh publish`).",
    "The mixes before yours, in order (repeat).": "بر هم زدن‌های پیش از شما، به ترتیب (تکرارپذیر).",
    "Every mix, in order.": "همه بر هم زدن‌ها، به ترتیب.",
    # user
    "The account's username.": "نام کاربری حساب.",
    "The role (DESIGN.md §6).": "نقش (DESIGN.md §6).",
    "The unit code the role is scoped to (IR, IR-08, …).": (
        "کد واحدی که نقش در آن است (IR، IR-08، …)."
    ),
    (
        "The centre's server key file (sandogh server-key keygen), which seals the operators' "
        "TOTP secrets; default $SANDOGH_SERVER_KEY_FILE."
    ): (
        "پرونده کلید سرور مرکز (`sandogh server-key keygen`) که رازهای TOTP کاربران را مهر "
        "می‌کند؛ پیش‌فرض $SANDOGH_SERVER_KEY_FILE."
    ),
    "The operator's name as shown; default the username.": (
        "نام کاربر چنان‌که نشان داده می‌شود؛ پیش‌فرض نام کاربری."
    ),
    "Read the password from this file (its first line); else it is asked for.": (
        "خواندن گذرواژه از این پرونده (نخستین سطر آن)؛ وگرنه پرسیده می‌شود."
    ),
    "Issue a TOTP secret; privileged roles always get one.": (
        "دادن راز TOTP؛ نقش‌های دارای اختیار بالا همیشه آن را می‌گیرند."
    ),
    (
        "The supervisory body a supervisor acts for (guardian-council: president, Majlis, "
        "Experts; majlis: councils); the Guardian Council's boards when not given."
    ): (
        "مرجع نظارتی‌ای که ناظر برایش اقدام می‌کند (`guardian-council`: ریاست جمهوری، مجلس "
        "شورای اسلامی و خبرگان؛ `majlis`: شوراها)؛ اگر داده نشود، هیئت‌های نظارت شورای "
        "نگهبان."
    ),
    # e2e
    "The ceremony record `guardians finish` wrote.": "سابقه مراسمی که `guardians finish` نوشت.",
    # audit
    "A contest to audit (repeat).": "رقابتی که حسابرسی می‌شود (تکرارپذیر).",
    "The risk limit: 5%, 0.05 or 1/20.": "حد خطر: `5%`، `0.05` یا `1/20`.",
    (
        'The boxes\' cast-vote records, JSON {CODE: {"station": S, "reads": READS}}: committed '
        "(hash and count) in the plan; only their stations are compared."
    ): (
        'سوابق آرای صندوق‌ها، JSON {کد: {"station": شعبه, "reads": خوانده‌ها}}: در برنامه حسابرسی '
        "تعهد می‌شود (چکیده و شمار)؛ تنها شعبه‌های آن‌ها مقایسه می‌شوند."
    ),
    "WHO=DIGITS, as rolled, in roll order (repeat).": (
        "نام=رقم‌ها، چنان‌که ریخته شد، به ترتیب ریختن (تکرارپذیر)."
    ),
    "Write the boards' blank sheet (CSV) here.": "نوشتن برگه خالی هیئت‌ها (CSV) در این‌جا.",
    "The boards' filled-in sheet, CSV or JSON.": "برگه پرشده هیئت‌ها، CSV یا JSON.",
    "The boxes' records committed at start (the same file, same hash).": (
        "سوابق صندوق‌ها که در آغاز تعهد شد (همان پرونده، با همان چکیده)."
    ),
    "The folder to write (docs/audit.md §7).": "پوشه‌ای که نوشته می‌شود (docs/audit.md §7).",
    "The published audit folder (docs/audit.md §7).": "پوشه منتشرشده حسابرسی (docs/audit.md §7).",
    "CONTEST:CONSTITUENCY.": "رقابت و حوزه: رقابت:حوزه.",
    "Ballots cast, counted by hand.": "آرای مأخوذه، با شمارش دستی.",
    "Valid ballots, counted by hand.": "آرای صحیح، با شمارش دستی.",
    "CODE=VOTES (repeat).": "کد=آرا (تکرارپذیر).",
    "KIND=BALLOTS (repeat): blank, illegible, …": (
        "نوع=شمار (تکرارپذیر): `blank` سفید، `illegible` ناخوانا، …"
    ),
    "The board's decision: why and its reference.": "تصمیم هیئت: دلیل و شماره تصمیم.",
    "Why it is undone, and its reference.": "دلیل لغو، و شماره تصمیم آن.",
    "Why, and the board's reference.": "دلیل، و شماره تصمیم هیئت.",
    "Withdraw it; no totals in its place.": "پس گرفتن آن؛ جمعی به جای آن نمی‌نشیند.",
    "Valid ballots.": "آرای صحیح.",
    "KIND=BALLOTS (repeat).": "نوع=شمار (تکرارپذیر).",
}

"""The commands that define, publish and verify an election, and the results and the log's option
and argument help in Persian (`cli/help_words.OPTIONS`), each under the English its command
declares: a changed English line has no Persian until it is given one here, which
tests/cli/test_help_words.py requires."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # publish
    "The snapshot's folder.": "پوشه انتشار.",
    "Publish this election only (default: every one stored).": (
        "انتشار تنها همین انتخابات (پیش‌فرض: همه انتخابات ذخیره‌شده)."
    ),
    (
        "Database URL (sqlite:///FILE or postgresql://…); default $SANDOGH_DATABASE_URL, else "
        "sqlite:///sandogh.sqlite."
    ): (
        "نشانی پایگاه داده (sqlite:///پرونده یا postgresql://…)؛ پیش‌فرض $SANDOGH_DATABASE_URL "
        "و اگر نباشد sqlite:///sandogh.sqlite."
    ),
    "Keep following the event log until interrupted.": (
        "دنبال کردن پیوسته دفتر رویدادها تا وقتی که متوقف شود."
    ),
    "Seconds between reads of the log.": "ثانیه‌های میان دو خواندن دفتر رویدادها.",
    "Bring an existing snapshot up to date from the log, writing only what changed.": (
        "به‌روز کردن انتشاری که هست از روی دفتر رویدادها، با نوشتن تنها آنچه تغییر کرده است."
    ),
    "While following, rewrite csv/totals.csv and the NIST report at most this often.": (
        "در دنبال کردن، بازنویسی csv/totals.csv و گزارش NIST دست‌بالا با این فاصله."
    ),
    "The smallest units the NIST report gives votes for.": (
        "کوچک‌ترین واحدهایی که گزارش NIST آرای آن‌ها را می‌دهد."
    ),
    (
        "The centre's log key file (sandogh log keygen), to sign the event log's checkpoints "
        "with; default $SANDOGH_LOG_KEY_FILE."
    ): (
        "پرونده کلید لاگ مرکز (`sandogh log keygen`) برای امضای نقطه‌های دفتر رویدادها؛ "
        "پیش‌فرض $SANDOGH_LOG_KEY_FILE."
    ),
    (
        "Serve Prometheus metrics on this TCP port, apart from the API and the site "
        "(docs/deployment.md); none by default."
    ): (
        "ارائه سنجه‌های `Prometheus` روی این درگاه TCP، جدا از API و سایت نتایج "
        "(docs/deployment.md)؛ پیش‌فرض: هیچ."
    ),
    (
        "Address the metrics listen on; loopback only by default: only the operators' Prometheus "
        "may reach it."
    ): (
        "نشانی‌ای که سنجه‌ها روی آن ارائه می‌شوند؛ پیش‌فرض تنها نشانی محلی همین رایانه، تا "
        "تنها `Prometheus` ستاد به آن برسد."
    ),
    (
        "Processes that write a large election's files and render its site's pages on a whole "
        "regeneration (default: one per core)."
    ): (
        "شمار پردازه‌هایی که در بازسازی کامل، پرونده‌های یک انتخابات بزرگ و صفحه‌های سایت نتایج"
        " آن را می‌نویسند (پیش‌فرض: یکی برای هر هسته)."
    ),
    (
        "Write the E2E record's encrypted tallies here, a file for each station and constituency, "
        "for `sandogh guardians decrypt` (docs/e2e.md §8), and a large contest's mix input, "
        "mixes/<contest>/<constituency>.json (§11.4)."
    ): (
        "نوشتن جمع‌های رمزشده سیاهه رأی‌گیری رمزشده (E2E) در این پوشه، یک پرونده برای هر شعبه "
        "و هر حوزه، برای `sandogh guardians decrypt` (docs/e2e.md §8)، و ورودی بر هم زدن هر "
        "رقابت بزرگ، mixes/<رقابت>/<حوزه>.json (§11.4)."
    ),
    (
        "Where `sandogh guardians combine` wrote the decrypted tallies (the same paths), and a "
        "large contest's mixes and decrypted rows (mixes/<contest>/<constituency>/mix-<t>.json, "
        "rows.json): they join the E2E record."
    ): (
        "پوشه‌ای که `sandogh guardians combine` جمع‌های گشوده را در آن نوشت (با همان مسیرها)، "
        "با بر هم زدن‌ها و سطرهای گشوده هر رقابت بزرگ "
        "(mixes/<رقابت>/<حوزه>/mix-<شماره>.json و rows.json)؛ این‌ها به سیاهه رأی‌گیری "
        "رمزشده (E2E) افزوده می‌شوند."
    ),
    "Language of the output: fa (Persian) or en.": "زبان خروجی: `fa` (فارسی) یا `en` (انگلیسی).",
    # verify-results
    "The snapshot: a folder or an http(s) URL.": "انتشار: یک پوشه یا یک نشانی HTTP یا HTTPS.",
    "Check this election only (default: every one).": "سنجش تنها همین انتخابات (پیش‌فرض: همه).",
    (
        "The pre-election record's fingerprint, or its last amendment's head, from a second "
        "source: sha256:HEX, or its short form of 40 digits (repeat for each election)."
    ): (
        "اثر انگشت سیاهه پیش از انتخابات، یا سر آخرین اصلاحیه آن، از منبعی دوم: "
        "sha256:شانزده‌شانزدهی یا شکل کوتاه آن با ۴۰ رقم (برای هر انتخابات یک بار)."
    ),
    "The pre-election record itself, from a second source: a file or URL.": (
        "خود سیاهه پیش از انتخابات، از منبعی دوم: یک پرونده یا یک نشانی URL."
    ),
    "Check without an anchor, and say so loudly.": "سنجش بی لنگر، با هشداری آشکار در خروجی.",
    (
        "The published audit folder (docs/audit.md §7): check every hand-count correction against "
        "the hand counts it publishes and its replay."
    ): (
        "پوشه منتشرشده حسابرسی (docs/audit.md §7): سنجش هر اصلاح شمارش دستی با شمارش‌های "
        "دستی‌ای که منتشر می‌کند و با اجرای دوباره آن."
    ),
    "Print JSON (shapes in docs/cli-json.md) instead of tables.": (
        "چاپ JSON (شکل‌ها در docs/cli-json.md) به جای جدول."
    ),
    # publish-serve
    "Address to listen on; loopback only by default.": (
        "نشانی‌ای که سرویس روی آن گوش می‌دهد؛ پیش‌فرض تنها نشانی محلی همین رایانه."
    ),
    "TCP port.": "درگاه TCP.",
    # verify-election
    "Processes checking stations (default: every core).": (
        "شمار پردازه‌هایی که شعبه‌ها را می‌سنجند (پیش‌فرض: همه هسته‌ها)."
    ),
    "Seconds a file may take over HTTP, per MiB it may hold (at least one MiB's).": (
        "ثانیه‌هایی که خواندن یک پرونده از راه HTTP می‌تواند به ازای هر مگابایت آن بکشد "
        "(دست‌کم برای یک مگابایت)."
    ),
    "Seconds the whole run may take; a read after them fails (default: none).": (
        "ثانیه‌هایی که همه اجرا می‌تواند بکشد؛ خواندنی پس از آن شکست می‌خورد (پیش‌فرض: بی‌مرز)."
    ),
    (
        "The sealed pre-election record's fingerprint, or its last amendment's head, from a "
        "second source: sha256:HEX, or its short form of 40 digits (repeat for each election). "
        "Without it the record in the snapshot is taken unauthenticated."
    ): (
        "اثر انگشت سیاهه مهرشده پیش از انتخابات، یا سر آخرین اصلاحیه آن، از منبعی دوم: "
        "sha256:شانزده‌شانزدهی یا شکل کوتاه آن با ۴۰ رقم (برای هر انتخابات یک بار). بی آن، "
        "سیاهه درون انتشار بی‌احراز پذیرفته می‌شود."
    ),
    # load
    "Definition file, YAML or JSON.": "پرونده تعریف، YAML یا JSON.",
    # outcome
    "Election id; may be left out when the store holds only one.": (
        "شناسه انتخابات؛ وقتی پایگاه داده تنها یک انتخابات دارد، می‌توان آن را نداد."
    ),
    "Contest id.": "شناسه رقابت.",
    # runoff
    "Id of the runoff election day.": "شناسه روز انتخابات دور دوم.",
    "The runoff's polling day (YYYY-MM-DD).": "روز رأی‌گیری دور دوم (سال-ماه-روز میلادی).",
    "Where to write the definition.": "جایی که تعریف در آن نوشته می‌شود.",
    "Its name in Persian; default: «دور دوم» and the id.": (
        "نام آن به فارسی؛ پیش‌فرض: «دور دوم» و شناسه."
    ),
    "Its name in English; default: Runoff and the id.": (
        "نام آن به انگلیسی؛ پیش‌فرض: `Runoff` و شناسه."
    ),
    # check-statement
    "Statement of published figures (YAML).": "بیانیه رقم‌های منتشرشده (YAML).",
    # demo
    (
        "Run the Kerman runoff's election day live instead: the centre, the results site, a "
        "ballot box's screens and a simulated day, on loopback (what `make run` does)."
    ): (
        "اجرای زنده روز انتخابات دور دوم کرمان به جای آن: مرکز، سایت نتایج، صفحه‌های یک صندوق "
        "اخذ رأی و روزی شبیه‌سازی‌شده، همه روی همین رایانه (آنچه `make run` می‌کند)."
    ),
    "With --live: the folder it starts afresh in.": (
        "با --live: پوشه‌ای که از نو در آن آغاز می‌کند."
    ),
    "The centre's port.": "درگاه مرکز.",
    "The results site's port.": "درگاه سایت نتایج.",
    "The box's screens' port.": "درگاه صفحه‌های صندوق.",
    "Stations simulated.": "شمار شعبه‌های شبیه‌سازی‌شده.",
    "Voters over all of them, about.": "شمار تقریبی رأی‌دهندگان در همه آن‌ها.",
    "How long the simulated day lasts.": "درازای روز شبیه‌سازی‌شده.",
    "Chooses stations, voters, order.": "بذری که شعبه‌ها، رأی‌دهندگان و ترتیب را برمی‌گزیند.",
    "Stop once the day is over and published.": "توقف پس از پایان روز و انتشار نتایج.",
    (
        "With --live: end-to-end verifiable, the guardians' ceremony first (its joint key in the "
        "sealed pre-election record), encrypted and challenged ballots, and the record decrypted, "
        "held to the sealed record, when the day is over."
    ): (
        "با --live: رأی‌گیری رمزشده (سرتاسری): نخست مراسم کلید امینان (کلید مشترک آن در سیاهه "
        "مهرشده پیش از انتخابات)، برگه‌های رمزشده و برگه‌های به‌چالش‌کشیده، و پس از پایان "
        "روز، گشودن سیاهه و سنجش آن با سیاهه مهرشده."
    ),
    (
        "With --live: how many of the province's other stations report beside the simulated ones "
        "(default: all of them; on an E2E day, those that vote on paper)."
    ): (
        "با --live: چند شعبه دیگر استان در کنار شعبه‌های شبیه‌سازی‌شده گزارش می‌دهند "
        "(پیش‌فرض: همه؛ در روز رأی‌گیری رمزشده، آن‌ها که با برگه کاغذی رأی می‌گیرند)."
    ),
    # serve
    "Civil registry: synthetic:SEED:SIZE or file:PATH; default $SANDOGH_REGISTRY.": (
        "ثبت احوال: synthetic:بذر:اندازه یا file:مسیر؛ پیش‌فرض $SANDOGH_REGISTRY."
    ),
    "Server processes on the one socket: one per core the centre may use.": (
        "شمار پردازه‌های سرور روی یک سوکت: یکی برای هر هسته‌ای که مرکز می‌تواند به کار برد."
    ),
    (
        "The server key file (sandogh server-key keygen), which seals the operators' TOTP "
        "secrets; default $SANDOGH_SERVER_KEY_FILE."
    ): (
        "پرونده کلید سرور (`sandogh server-key keygen`) که رازهای TOTP کاربران را مهر می‌کند؛ "
        "پیش‌فرض $SANDOGH_SERVER_KEY_FILE."
    ),
    (
        "A reverse proxy on this machine forwards the callers (docs/deploy.md): take a caller's "
        "address from the X-Forwarded-For it sets on requests from loopback."
    ): (
        "یک پراکسی معکوس روی همین رایانه درخواست‌ها را می‌رساند (docs/deploy.md): نشانی "
        "درخواست‌کننده از سرآیند `X-Forwarded-For` درخواست‌هایی که از نشانی محلی می‌رسند "
        "خوانده می‌شود."
    ),
    # simulate
    "Stations to run.": "شمار شعبه‌هایی که اجرا می‌شوند.",
    "Share of each station's voters.": "سهمی از رأی‌دهندگان هر شعبه.",
    "Empty database for the centre; default a fresh SQLite file.": (
        "پایگاه داده خالی برای مرکز؛ پیش‌فرض یک پرونده تازه `SQLite`."
    ),
    "Boxes at once.": "شمار صندوق‌هایی که هم‌زمان کار می‌کنند.",
    (
        "End-to-end verifiable: the guardians' ceremony (its joint key in the sealed pre-election "
        "record), encrypted and challenged ballots, the chains, the tallies decrypted held to the "
        "sealed record, and verify-election on the record."
    ): (
        "رأی‌گیری رمزشده (سرتاسری): مراسم کلید امینان (کلید مشترک آن در سیاهه مهرشده پیش از "
        "انتخابات)، برگه‌های رمزشده و به‌چالش‌کشیده، زنجیره‌ها، جمع‌های گشوده و سنجیده با "
        "سیاهه مهرشده، و `verify-election` بر سیاهه."
    ),
    "With --e2e, keep the published snapshot with its E2E record here.": (
        "با --e2e، نگه داشتن انتشار با سیاهه رأی‌گیری رمزشده (E2E) آن در این پوشه."
    ),
    # certify
    "Why the board certifies.": "چرا هیئت نظارت تأیید صحت می‌کند.",
    "The reference of the board's decision.": "شماره تصمیم هیئت.",
    "The operator acting (username).": "کاربری که اقدام می‌کند (نام کاربری).",
    "The role they act in.": "نقشی که در آن اقدام می‌کند.",
    "The unit code their role is held at (e.g. IR-08).": (
        "کد واحدی که نقش او در آن است (مثلاً IR-08)."
    ),
    "The supervisory body they act for; the Guardian Council's boards by default.": (
        "مرجع نظارتی‌ای که برایش اقدام می‌کند؛ پیش‌فرض هیئت‌های نظارت شورای نگهبان."
    ),
    "One constituency; the whole contest by default.": "یک حوزه؛ پیش‌فرض همه رقابت.",
    # uncertify
    "Why the certification is undone.": "چرا تأیید صحت لغو می‌شود.",
    # results
    "Tally-sheet CSV (docs/formats.md).": "صورتجلسه‌های شمارش به شکل CSV (docs/formats.md).",
    "Election id.": "شناسه انتخابات.",
    "Reporting unit code.": "کد واحد گزارش‌دهنده.",
    "Which page of the units just below the unit to show, 100 to a page (default: the first).": (
        "صفحه‌ای از واحدهای درست زیر این واحد که نشان داده شود، ۱۰۰ واحد در هر صفحه (پیش‌فرض: "
        "صفحهٔ نخست)."
    ),
    # log
    "SEQUENCE:HASH of an entry recorded apart from the log, to detect truncation.": (
        "شماره:چکیده رویدادی که جدا از دفتر رویدادها ثبت شده است، برای یافتن کوتاه‌شدن دفتر."
    ),
    (
        "A published snapshot (folder or http(s) URL): hold the log to its signed checkpoints "
        "(log/checkpoints.json)."
    ): (
        "انتشاری منتشرشده (پوشه یا نشانی HTTP یا HTTPS): سنجش دفتر رویدادها با نقطه‌های "
        "امضاشده آن (log/checkpoints.json)."
    ),
    (
        "The centre's log key (ed25519:…), from a second source; default the snapshot's own "
        "log/key.txt, with a warning. Without --against: hold the log to the checkpoints stored "
        "beside it, signed by this key."
    ): (
        "کلید لاگ مرکز (ed25519:…) از منبعی دوم؛ پیش‌فرض log/key.txt خود انتشار، با هشدار. بی "
        "--against: سنجش دفتر رویدادها با نقطه‌های امضاشده‌ای که کنار آن نگه داشته شده و با "
        "این کلید امضا شده‌اند."
    ),
    "JSON-lines file to write.": "پرونده‌ای که نوشته می‌شود، هر سطر یک JSON.",
    "The key file to create (mode 0600).": "پرونده کلیدی که ساخته می‌شود (دسترسی 0600).",
    "The log key file.": "پرونده کلید لاگ.",
    # registry
    "People (national_code, birth_date, alive, citizen): .csv, .parquet, .pq.": (
        "مردم، با ستون‌های `national_code`، `birth_date`، `alive` و `citizen`: .csv، .parquet "
        "یا .pq."
    ),
    "The registry file to build; it must not exist yet.": (
        "پرونده ثبت احوالی که ساخته می‌شود؛ نباید از پیش باشد."
    ),
}

"""What `verify-results` says (`cli.verification_view`), in Persian and English: its headings,
its verdict and each kind of finding.
"""

from __future__ import annotations

FA: dict[str, str] = {
    "verify_heading": "سنجش نتایج منتشرشده در {location}",
    "definition": "چکیده تعریف انتخابات: {hash}",
    "reports_read": "{reports} گزارش امضاشده خوانده شد؛ همه سنجه‌های {verified} گزارش درست است.",
    "readded": "آرای {readded} صورتجلسه نهایی دوباره جمع زده شد و "
    "{documents} پرونده با آن سنجیده شد.",
    "not_checked": "سنجیده نشد (کهنه‌تر از این انتشار): {file}",
    "all_agree": "همه ارقام منتشرشده با جمع دوباره گزارش‌های امضاشده می‌خواند.",
    "disagreements": "{count} مغایرت:",
    "more": "… و {count} مغایرت دیگر (همه با --json)",
    "missing": "پرونده {file} نیست",
    "unreadable": "پرونده {file} خوانا نیست: {detail}",
    "definition_mismatch": "چکیده تعریف با این انتشار نمی‌خواند: "
    "{published} اعلام شده، پرونده {expected}",
    "report": "گزارش {figure} دیگری دارد: {published} به جای {expected} ({file})",
    "report_hash": "چکیده گزارش با چکیده فهرست‌شده نمی‌خواند: "
    "{published} فهرست‌شده، {expected} پرونده ({file})",
    "device": "امضاکننده {published} صندوق ثبت‌شده این شعبه در devices.json نیست ({file})",
    "signature": "امضای گزارش درست نیست: {detail} ({file})",
    "unsigned": "ارقام منتشرشده این شعبه گزارش نهایی امضاشده‌ای پشت خود ندارد ({file})",
    "figure": "{figure}: منتشرشده {published}، جمع دوباره {expected} ({file})",
    "anchor": "سیاهه پیش از انتخابات با آنچه از منبع دوم داده شد نمی‌خواند: {detail} ({file})",
    "not_covered": "سیاهه پیش از انتخابات این گزارش را پوشش نمی‌دهد: {figure} — {detail} ({file})",
    "build_unapproved-build": "گزارش با نسخه نرم‌افزار {published} امضا شده که در زمان دریافت "
    "آن ({expected}) در builds.json تأییدشده نبود ({file})",
    "build_revoked-build": "گزارش با نسخه نرم‌افزار {published} امضا شده که تأیید آن پیش از "
    "دریافت گزارش ({expected}) لغو شده بود ({file})",
    "build_decision-signatures": "تصمیم نسخه نرم‌افزار {published} ({figure}) امضای معتبر "
    "{expected} مقام سیاهه پیش از انتخابات، از هر دو نهاد، را ندارد یا امضایی از آن جعلی است؛ "
    "این تصمیم به حساب نمی‌آید ({file})",
    "build_decision-document": "سند امضاشده تصمیم نسخه نرم‌افزار {published} ({figure}) همان "
    "تصمیمی نیست که فهرست شده است؛ این تصمیم به حساب نمی‌آید ({file})",
    "build_no-build": "گزارش نسخه نرم‌افزار صندوق را نام نمی‌برد و در زمان دریافت آن ({expected}) "
    "نسخه‌هایی تأیید شده بود ({file})",
    "candidacy_draw": "کدهای منتشرشده نامزدها آن نیست که قرعه با بذر، فهرست و کدهای منتشرشده "
    "می‌دهد: منتشرشده {published}؛ قرعه دوباره {expected} ({file})",
    "candidacy_definition": "نامزدهای تعریف انتخابات آن نیست که قرعه منتشرشده می‌دهد: در تعریف "
    "{published}؛ قرعه دوباره {expected} ({file})",
    "candidacy_commitment": "{figure}: تعهد قرعه کدها با راز و فهرست منتشرشده نمی‌خواند یا پیش از "
    "فهرست نهایی ثبت نشده است: منتشرشده {published}؛ باید {expected} ({file})",
    "audit_no-hand-count": "{figure}: پوشه حسابرسی شمارش دستی‌ای از {published} منتشر نکرده است "
    "({file})",
    "audit_pending": "{figure}: شمارش دستی {published} در پوشه حسابرسی هنوز تصدیق نشده است "
    "({file})",
    "audit_audit": "{figure}: رکورد حسابرسی {published} نام برده شده؛ شمارش دستی پوشه حسابرسی "
    "{expected} را نام می‌برد ({file})",
    "audit_figure": "{figure}: منتشرشده {published}، شمارش دستی پوشه حسابرسی {expected} ({file})",
    "audit_not-corrected": "{published} در پوشه حسابرسی تصدیق شده و در supervision.json اصلاح "
    "نشده است ({file})",
    "audit_audit-fails": "پوشه حسابرسی سنجه خود را نمی‌گذراند ({file} {figure})؛ "
    "sandogh audit verify را اجرا کنید",
    "audit_no-election": "این انتشار انتخاباتی از پوشه حسابرسی ندارد",
    "anchor_needed": "بی‌لنگر «مطابق است» گفته نمی‌شود. اثر انگشت سیاهه پیش از انتخابات را از "
    "منبعی دیگر (روزنامه، ناظران) با --anchor sha256:… بدهید، یا خود سیاهه را با --record؛ "
    "برای سنجش بی‌لنگر --unanchored.",
    "unanchored": "هشدار: هیچ چیز لنگر نشد. کلید صندوق‌ها از devices.json همین انتشار خوانده شد و "
    "کلید کارکنان سنجیده نشد؛ «مطابق است» اینجا فقط یعنی این داده‌ها با خودشان می‌خوانند.",
    "anchored": "سیاهه پیش از انتخابات با لنگر داده‌شده می‌خواند.",
    "covers_record": "لنگر داده‌شده تنها خود سیاهه را پوشش می‌دهد، نه هیچ‌یک از اصلاحیه‌هایش را.",
    "covers_unamended": "لنگر داده‌شده خود سیاهه را پوشش می‌دهد؛ این انتشار اصلاحیه‌ای بر آن ندارد.",
    "covers_amendments": "لنگر داده‌شده سیاهه و اصلاحیه‌های ۱ تا {count} را پوشش می‌دهد.",
    "amendments_unanchored": "هشدار: {published} اصلاحیه منتشر و سنجیده شد، اما اینکه پس از "
    "{covered} اصلاحیه‌ای (مثلاً جایگزینی یک صندوق) پنهان نشده باشد فقط به گفته "
    "منتشرکننده است. سر کنونی زنجیره اصلاحیه‌ها را از مقامات بپرسید و با --anchor بدهید "
    "(سر زنجیره در این انتشار: {head}).",
    "after_record": "خود سیاهه",
    "after_amendment": "اصلاحیه {covered}",
    "decisions": "{file} آن نیست که کلید لاگ در {detail} برایش امضا کرده است: چکیده پرونده "
    "{published}، چکیده امضاشده {expected}",
    "lot": "قرعه {file} نمی‌خواند ({figure}): منتشرشده {published}، مورد انتظار {expected}؛ "
    "بذر قرعه باید از راز متعهدشده و خود تساوی ساخته شده باشد",
    "certification_reason": "لغو تأیید صحت در {file} دلیلی با کلمات ندارد",
    "certification_early": "لغو تأیید صحت در {file} تاریخ {published} دارد، پیش از خود تأیید صحت "
    "در {expected}",
    "certification_twice": "در {file} دو تأیید صحت با هم بر یک حوزه در کار است؛ دومی، در "
    "{published}، پذیرفته نمی‌شد (نخستین در {expected})",
    "decisions_checkpoint": "{file} به نقطه بازبینی {published} از لاگ استناد می‌کند که با همان "
    "کلید امضا و در {detail} منتشر نشده است",
    "decisions_signed": "تصمیم‌های نظارتی (supervision.json) را کلید لاگ رویدادها، که سیاهه پیش "
    "از انتخابات نام می‌برد، امضا کرده است.",
    "decisions_unvouched": "هشدار: تصمیم‌های نظارتی (ابطال‌ها، تأییدها، قرعه‌ها، انصراف‌ها و "
    "اصلاح‌ها در supervision.json) فقط به گفته منتشرکننده است: سیاهه پیش از انتخابات لنگر نشد یا "
    "کلید لاگ رویدادها را نام نمی‌برد.",
}

EN: dict[str, str] = {
    "verify_heading": "Checking the results published at {location}",
    "definition": "Definition hash: {hash}",
    "reports_read": "{reports} signed reports read; every check passed for {verified}.",
    "readded": "{readded} final reports re-added; {documents} published files compared with them.",
    "not_checked": "Not checked (older than this snapshot): {file}",
    "all_agree": "Every published figure agrees with the signed reports re-added.",
    "disagreements": "{count} disagreements:",
    "more": "… and {count} more (all of them with --json)",
    "missing": "{file} is missing",
    "unreadable": "{file} cannot be read: {detail}",
    "definition_mismatch": "The definition does not hash to this snapshot's: "
    "{published} published, the file's {expected}",
    "report": "the report names another {figure}: {published} instead of {expected} ({file})",
    "report_hash": "the report does not hash to the hash listed: {published} listed, {expected} "
    "the file's ({file})",
    "device": "signed by {published}, not a box devices.json lists for the station ({file})",
    "signature": "a signature does not verify: {detail} ({file})",
    "unsigned": "the station's published figures have no signed final report behind them ({file})",
    "figure": "{figure}: published {published}, re-added {expected} ({file})",
    "anchor": "the pre-election record does not hold against what the second source gave: "
    "{detail} ({file})",
    "not_covered": "the pre-election record does not cover this report: {figure} — {detail} "
    "({file})",
    "build_unapproved-build": "signed under build {published}, which builds.json does not show "
    "approved when the report was received ({expected}) ({file})",
    "build_revoked-build": "signed under build {published}, whose approval builds.json shows "
    "revoked before the report was received ({expected}) ({file})",
    "build_decision-signatures": "the decision on build {published} ({figure}) is not signed "
    "validly by {expected} officials of the pre-election record, of both bodies, or a signature "
    "of it is forged: k officials did not make it, and it counts for nothing ({file})",
    "build_decision-document": "the signed document of the decision on build {published} "
    "({figure}) is not the decision listed: it counts for nothing ({file})",
    "build_no-build": "the report names no build, and builds.json shows builds approved when it "
    "was received ({expected}) ({file})",
    "candidacy_draw": "the candidates' codes published are not those the published seed, list "
    "and pool draw: published {published}; drawn again {expected} ({file})",
    "candidacy_definition": "the definition's candidates are not those the published draw gives: "
    "defined {published}; drawn again {expected} ({file})",
    "candidacy_commitment": "{figure}: the code draw's commitment does not hold with the published "
    "secret and list, or was not recorded before the final list: published {published}; "
    "should be {expected} ({file})",
    "audit_no-hand-count": "{figure}: the audit folder publishes no hand count of {published} "
    "({file})",
    "audit_pending": "{figure}: the audit folder's hand count of {published} is not certified "
    "({file})",
    "audit_audit": "{figure}: names audit record {published}; the audit folder's hand count "
    "names {expected} ({file})",
    "audit_figure": "{figure}: published {published}, the audit folder's hand count {expected} "
    "({file})",
    "audit_not-corrected": "{published} is certified in the audit folder and not corrected in "
    "supervision.json ({file})",
    "audit_audit-fails": "the audit folder fails its own check ({file} {figure}); run sandogh "
    "audit verify",
    "audit_no-election": "this snapshot holds no election of the audit folder's",
    "anchor_needed": "Refusing to say “agrees” without an anchor. Give the pre-election record's "
    "fingerprint from a second source (a newspaper, observers) with --anchor sha256:…, or the "
    "record itself with --record; --unanchored checks without one.",
    "unanchored": "WARNING: NOTHING WAS ANCHORED. The boxes' keys came from this snapshot's own "
    "devices.json and no staff key was checked; “agrees” here means only that the data agrees "
    "with itself.",
    "anchored": "The pre-election record holds against the anchor given.",
    "covers_record": "The anchor given covers the record alone, none of its amendments.",
    "covers_unamended": "The anchor given covers the record; this snapshot publishes no "
    "amendment of it.",
    "covers_amendments": "The anchor given covers the record and amendments 1..{count}.",
    "amendments_unanchored": "WARNING: {published} amendments were published and checked, but "
    "that no amendment (a replaced box, say) after {covered} was left out rests only "
    "on the publisher's word. Ask the officials for the amendment chain's current head and give "
    "it with --anchor (this snapshot's head: {head}).",
    "after_record": "the record itself",
    "after_amendment": "amendment {covered}",
    "decisions": "{file} is not what the log key signed for it in {detail}: the file's SHA-256 "
    "{published}, the one signed {expected}",
    "lot": "the lot in {file} does not hold ({figure}): published {published}, expected "
    "{expected}; a lot's seed must come from its committed secret and the tie",
    "certification_reason": "the undoing of a certification in {file} gives no reason in words",
    "certification_early": "the undoing of a certification in {file} is dated {published}, "
    "before the certification itself at {expected}",
    "certification_twice": "{file} holds two certifications in force over one scope; the "
    "second, at {published}, would have been refused (the first at {expected})",
    "decisions_checkpoint": "{file} names log checkpoint {published}, which {detail} does not "
    "publish signed by the same key",
    "decisions_signed": "The supervisory decisions (supervision.json) are signed by the event "
    "log's key the pre-election record names.",
    "decisions_unvouched": "WARNING: the supervisory decisions (voids, certifications, lots, "
    "withdrawals and corrections in supervision.json) rest only on the publisher's word: no "
    "pre-election record was anchored, or it names no event-log key.",
}

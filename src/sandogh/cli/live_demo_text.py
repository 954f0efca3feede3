"""What `sandogh demo --live` prints, in Persian and in English."""

from __future__ import annotations

from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang

_FA: dict[str, str] = {
    "port_taken": "درگاه {wanted} گرفته است؛ {what} روی درگاه {port}",
    "rendering": "ساخت داده‌ها و صفحه‌های سایت نتایج (نزدیک به بیست ثانیه)…",
    "site": "سایت نتایج",
    "console": "سامانه ستاد انتخابات",
    "kiosk": "صندوق {station} (رئیس و اعضای شعبه، و رأی‌دهنده)",
    "api": "سرویس مرکزی (API)",
    "accounts": "حساب‌های نمایشی — فقط برای این نمایش، هرگز در انتخابات واقعی:",
    "account": "{username} / {password}  ({role} در {place})",
    "totp": "رمز یک‌بارمصرف (TOTP) {username}: {secret} — رمز کنونی {code}",
    "voters": "کد ملی چند رأی‌دهنده برای صندوق: {codes}",
    "staff_keys": "پرونده‌های کلید رئیس و اعضای شعبه، برای ورود در صفحه آنان در صندوق: {files}",
    "day": "روز انتخابات شبیه‌سازی‌شده: {stations} شعبه، {voters} رأی‌دهنده، در {duration}؛ "
    "{province} شعبه دیگر استان هم گزارش می‌دهند (هویت رأی‌دهندگانشان دسته‌دسته با صندوق هر "
    "شعبه احراز می‌شود، به شمار تعرفه‌های مصرف‌شده؛ گزارش امضاشده با صندوق و رئیس و منشی شعبه)",
    "progress": "{clock}  {reported} از {stations} شعبه گزارش داد؛ {cast} رأی",
    "done": "روز انتخابات تمام شد: {cast} رأی در {stations} شعبه.",
    "serving": "نشانی‌ها همچنان در دسترس‌اند؛ برای پایان Ctrl+C",
    "failed": "{what} از کار افتاد: {error} — نمایش متوقف شد",
    "stopped": "همه چیز متوقف شد.",
    "centre": "سرویس مرکزی",
    "publisher": "انتشار نتایج",
    "site_server": "سرور سایت نتایج",
    "kiosk_server": "صفحه‌های صندوق",
    "simulation": "روز انتخابات شبیه‌سازی‌شده",
    "e2e_ceremony": "مراسم کلید سه امین (حد نصاب دو) انجام شد؛ کلید مشترک: {joint}",
    "sealed": "سیاهه پیش از انتخابات، با کلید لاگ مرکز در آن، پیش از آغاز رأی‌گیری مهر شد؛ "
    "اثر انگشت: {fingerprint} (کوتاه: {short})؛ نتایج منتشرشده و رأی هیئت‌های نظارت را با آن "
    "بسنجید: sandogh verify-results {site} -e {election} --anchor {short}",
    "e2e_decrypted": "امین ۱ و امین ۳ همه {tallies} جمع رمزشده را با لنگر سیاهه مهرشده "
    "(--anchor {short}) گشودند؛ سیاهه انتخابات کامل است: "
    "sandogh verify-election {site} --anchor {short} — و «آیا رأی من شمرده شد؟» در سایت نتایج",
    "stages": "مرحله‌های پیش از روز رأی‌گیری، هر یک در روز خود در گاه‌شمار ۱۴۰۳:",
    "stage_registered": "  ثبت‌نام: {applicants} داوطلب دور اول در {day} "
    "(در ۱۴۰۳ هشتاد نفر در سراسر کشور)",
    "stage_listed": "  استعلام از مراجع چهارگانه و رأی هیئت‌های نظارت شورای نگهبان: "
    "{listed} نامزد از {applicants} داوطلب در فهرست نهایی",
    "stage_withdrew": "  انصراف {name} در {day}، پیش از قرعه‌کشی کدها",
    "stage_drawn": "  قرعه‌کشی کدها با آشکار کردن راز متعهدشده {secret}: {codes}؛ "
    "چکیده تعریف قرعه‌کشی‌شده {hash}… "
    "همان چکیده round1.yaml است",
    "stage_certified": "  نتایج {election} را {by} (هیئت نظارت شورای نگهبان) تأیید کرد",
    "stage_modes": "  شیوه هر شعبه از تعریف: {electronic} تمام‌الکترونیک، {semi_electronic} "
    "نیمه‌الکترونیک، {paper} کاغذی؛ رأی‌گیری الکترونیک با تأیید هیئت‌های نظارت شورای نگهبان "
    "(شمار حوزه‌ها: {approved})",
    "stage_staff": "  {people} نفر، رئیس و اعضای {stations} شعبه این نمایش، به نام و نقش "
    "تعیین شدند، "
    "آموزش دیدند و در نشست توجیهی بودند (در ۱۴۰۳: ۶۰٬۰۰۰ نفر در استان کرمان آموزش دیدند)",
    "stage_boxes": "  برنامه {remote} شعبه صعب‌العبور (بالگرد در آماده‌باش، آزمون ارتباط)؛ "
    "{boxes} صندوق الکترونیک از ستاد انتخابات کشور به ستاد انتخابات استان، فرمانداری و شعبه "
    "رسید و نصب شد",
    "training_topic": "آموزش عوامل اجرایی شعبه‌ها و کاربران سامانه (دور دوم)",
    "briefing_topic": "نشست توجیهی عوامل اجرایی، کاربران و نمایندگان فرماندار (دور دوم)",
    "guide": "کجا ببینید: در سامانه ستاد انتخابات {console}candidacy (داوطلبان و فهرست نهایی)، "
    "{console}readiness (آمادگی، کارکنان، صندوق‌ها، شعبه‌های صعب‌العبور) و {console}atlas؛ "
    "در خط فرمان: sandogh candidates list -e kerman-1403-r1 {db} · "
    "sandogh outcome --election kerman-1403-r1 {db} · "
    "sandogh staff roster --election kerman-1403-r2 {who} {db} · "
    "sandogh fleet show --election kerman-1403-r2 {who} {db}؛ "
    "تأیید نتایج دور دوم به دست هیئت نظارت شورای نگهبان پس از رسیدن گزارش همه ۲٬۴۲۷ شعبه "
    "(این نمایش در پایان روز انجامش می‌دهد؛ پیش از آن رد می‌شود و می‌گوید چرا): "
    "sandogh certify president -e kerman-1403-r2 {board} {db}",
    "kiosk_closed": "صندوق {station} بسته شد: رئیس و منشی شعبه آرا را شمردند، صورتجلسه را امضا "
    "کردند و گزارش نهایی فرستاده شد",
    "kiosk_counted": "صندوق {station} را اعضای شعبه پیش‌تر بسته بودند؛ اکنون رئیس و منشی شعبه آرا "
    "را شمردند، صورتجلسه را امضا کردند و گزارش نهایی فرستاده شد",
    "kiosk_signed": "آرای صندوق {station} را اعضای شعبه پیش‌تر شمرده بودند؛ اکنون رئیس و منشی "
    "شعبه صورتجلسه را امضا کردند و گزارش نهایی فرستاده شد",
    "kiosk_found_reported": "صندوق {station} را اعضای شعبه پیش‌تر بسته، شمرده و گزارش کرده "
    "بودند؛ این نمایش کاری در آن نکرد",
    "kiosk_left_open": "صندوق {station} باز می‌ماند: کسی در آن رأی نداد، و امینان جمع رمزشده "
    "صندوق بسته‌ای بی هیچ رأی را هنوز نمی‌گشایند",
    "round_certified": "همه شعبه‌ها گزارش دادند؛ دور دوم کامل است و نتایج {election} را {by} "
    "(هیئت نظارت شورای نگهبان) تأیید کرد",
    "round_incomplete": "دور دوم کامل نیست: {reported} از {total} شعبه گزارش دادند؛ {left} شعبه "
    "دیگر در این نمایش صندوقی ندارند (--province شمار شعبه‌های دیگر استان را کم می‌کند، و در "
    "روز رأی‌گیری رمزشده (سرتاسری) فقط صندوق خود یک شعبه الکترونیک می‌تواند گزارشش را بدهد)؛ "
    "پس تأیید نتایج رد شد",
}
_EN: dict[str, str] = {
    "port_taken": "port {wanted} is taken; the {what} uses port {port}",
    "rendering": "Writing the results snapshot and rendering the site (about 20 s)…",
    "site": "Results site",
    "console": "Election headquarters console",
    "kiosk": "Ballot box {station} (station staff, and voter)",
    "api": "Central service (API)",
    "accounts": "Demo accounts — for this demo only, never on a real election:",
    "account": "{username} / {password}  ({role} at {place})",
    "totp": "TOTP secret of {username}: {secret} — current code {code}",
    "voters": "National codes of a few voters for the box: {codes}",
    "staff_keys": "Key files of the station's head and members, to log in on their screen of "
    "the box: {files}",
    "day": "Simulated election day: {stations} stations, {voters} voters, over {duration}; "
    "{province} more stations of the province report too (their voters checked in by each "
    "station's box in batches, as many as its ballot papers used; reports signed by box, head "
    "and secretary)",
    "progress": "{clock}  {reported} of {stations} stations reported · {cast} ballots",
    "done": "The election day is over: {cast} ballots at {stations} stations.",
    "serving": "Still serving at the addresses above; Ctrl+C to stop",
    "failed": "the {what} stopped: {error} — the demo stops",
    "stopped": "Everything stopped.",
    "centre": "central service",
    "publisher": "results publisher",
    "site_server": "results site's server",
    "kiosk_server": "box's screens",
    "simulation": "simulated election day",
    "e2e_ceremony": "Key ceremony of three guardians (quorum two) done; joint key: {joint}",
    "sealed": "Pre-election record sealed before polls opened; fingerprint {fingerprint} "
    "(short {short}); it names the centre's log key. Check the published results and the "
    "supervisory decisions against it: "
    "sandogh verify-results {site} -e {election} --anchor {short}",
    "e2e_decrypted": "Guardians 1 and 3 decrypted {tallies} encrypted tallies anchored to the "
    "sealed record (--anchor {short}); the election record is complete: "
    "sandogh verify-election {site} --anchor {short} — and “Was my ballot counted?” on the site",
    "stages": "The stages before polling day, each on its day of the 1403 calendar:",
    "stage_registered": "  Registration: {applicants} applicants for round 1 on {day} "
    "(80 nationwide in 2024)",
    "stage_listed": "  Inquiries to the four authorities and the Guardian Council's boards: "
    "{listed} candidates of {applicants} applicants on the final list",
    "stage_withdrew": "  {name} withdrew on {day}, before the codes were drawn",
    "stage_drawn": "  Codes drawn by revealing the committed secret {secret}: {codes}; "
    "the drawn definition's hash {hash}… "
    "is round1.yaml's",
    "stage_certified": "  The results of {election} certified by {by} (Guardian Council board)",
    "stage_modes": "  Each station's mode from the definition: {electronic} electronic, "
    "{semi_electronic} semi-electronic, {paper} paper; electronic voting approved by the "
    "Guardian Council's boards (constituencies: {approved})",
    "stage_staff": "  {people} staff of the demo's {stations} stations named by role, trained "
    "and briefed (in 2024: 60,000 trained in Kerman province)",
    "stage_boxes": "  Plans of {remote} hard-to-reach stations (helicopter on standby, link "
    "tested); {boxes} electronic boxes shipped national → province → county → station, installed",
    "training_topic": "Training of station staff and system users (round 2)",
    "briefing_topic": "Briefing of executive staff, users and governors' representatives (round 2)",
    "guide": "Where to see them: the election headquarters console's {console}candidacy "
    "(applicants and the final "
    "list), {console}readiness (readiness, staff, boxes, hard-to-reach stations) and "
    "{console}atlas; commands: sandogh candidates list -e kerman-1403-r1 {db} · "
    "sandogh outcome --election kerman-1403-r1 {db} · "
    "sandogh staff roster --election kerman-1403-r2 {who} {db} · "
    "sandogh fleet show --election kerman-1403-r2 {who} {db}; round 2 is certified by the "
    "Guardian Council's board once all 2,427 stations have reported (the demo does it at the "
    "end of the day; before then it is refused, saying why): "
    "sandogh certify president -e kerman-1403-r2 {board} {db}",
    "kiosk_closed": "Ballot box {station} closed: its head and secretary counted, signed the "
    "minutes and sent the final report",
    "kiosk_counted": "Ballot box {station} had been closed by its staff; its head and secretary "
    "have now counted, signed the minutes and sent the final report",
    "kiosk_signed": "Ballot box {station} had been counted by its staff; its head and secretary "
    "have now signed the minutes and sent the final report",
    "kiosk_found_reported": "Ballot box {station} had already been closed, counted and reported "
    "by its staff; the demo did nothing to it",
    "kiosk_left_open": "Ballot box {station} stays open: no one voted at it, and the guardians "
    "cannot yet decrypt the tally of a box closed with no ballot",
    "round_certified": "Every station has reported: round 2 is complete, and the results of "
    "{election} are certified by {by} (Guardian Council board)",
    "round_incomplete": "Round 2 is not complete: {reported} of {total} stations reported; the "
    "other {left} have no box in this demo (--province limits the rest of the province, and on "
    "an E2E day only a station's own box can report an electronic station), so the results are "
    "not certified",
}


def say(key: str, lang: Lang, **values: str | int) -> str:
    """A message of the live demo in `lang`; whole numbers in its digits."""
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )

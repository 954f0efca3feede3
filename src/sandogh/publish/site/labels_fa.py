"""The results site's own labels and sentences in Persian (`site.labels`): the official terms and
orthography of the election headquarters (شعبه, آرای مأخوذه, the zero-width non-joiner in
«شعبه‌ها»; docs/glossary.md)."""

from __future__ import annotations

FA: dict[str, str] = {
    "site_title": "نتایج انتخابات",
    "elections_published": "انتخابات منتشرشده",
    "no_elections": "هنوز نتیجه‌ای منتشر نشده است.",
    "skip": "رفتن به محتوای اصلی",
    "breadcrumbs": "مسیر",
    "other_language": "English",
    "search": "جست‌وجوی شعبه",
    "search_label": "نام یا کد شعبه",
    "search_hint": "دست‌کم دو حرف یا رقم بنویسید؛ نام شعبه، شهرستان یا کد آن.",
    "search_count": "{count} نتیجه",
    "search_more": "تنها {shown} نتیجه نخست نشان داده شده است؛ دقیق‌تر بنویسید.",
    "search_all": "همه شعبه‌ها",
    "search_needs_script": (
        "جست‌وجو به جاوااسکریپت نیاز دارد؛ از مسیر کشور، استان و شهرستان به شعبه برسید."
    ),
    "election_day": "روز رأی‌گیری",
    "updated": "به‌روزرسانی: {when}",
    "tehran_time": "{day}، ساعت {time} به وقت تهران",
    "live_updated": "ارقام به‌روز شد.",
    "on_this_page": "در این صفحه",
    "status_partial": "ناتمام",
    "status_complete": "شمارش کامل",
    "status_certified": "تأییدشده",
    "hand_count_superseded": "ارقام گزارش‌شده اینجا با شمارش دستی کامل حوزه {constituency} که "
    "{when} تأیید شد کنار گذاشته شده است؛ نتیجه حوزه ارقام آن شمارش است.",
    "hand_count_counted": "ارقام حوزه {constituency} در این جمع، شمارش دستی کامل آن است که {when} "
    "تأیید شد، به جای جمع برگه‌های گزارش‌شده.",
    "status": "وضعیت",
    "result_elected": "منتخب",
    "result_advanced-to-runoff": "راه‌یافته به دور دوم",
    "result_alternate": "علی‌البدل",
    "result_not-elected": "انتخاب‌نشده",
    "result_withdrawn": "انصراف‌داده",
    "party_list_line": (
        "فهرست {party_list}: {seats} کرسی؛ منتخبان: {elected}؛ علی‌البدل: {alternates}"
    ),
    "result_leading": "پیشتاز",
    "result_awaiting-lot": "در انتظار قرعه",
    "result": "نتیجه",
    "name": "نام",
    "reported_yes": "گزارش داده",
    "reported_no": "هنوز گزارش نداده",
    "of": "{reported} از {total}",
    "areas": "نتایج به تفکیک {kind}",
    "areas_mixed": "نتایج به تفکیک واحد",
    "votes_heading": "آرای نامزدها",
    "votes_elsewhere": (
        "آرای نامزدهای هر حوزه انتخابیه‌ای که در این محدوده است، در صفحه همان حوزه آمده است "
        "(فهرست حوزه‌ها پایین‌تر است)."
    ),
    "standings_in_votes": "نتیجه هر نامزد در ستون «نتیجه» جدول آرای نامزدها آمده است.",
    "chart_turnout": "نمودار مشارکت: {summary}",
    "figures_heading": "آرای مأخوذه",
    "turnout_by_cast": "مشارکت بر پایه آرای مأخوذه",
    "no_eligible": "شمار واجدان شرایط در دست نیست؛ مشارکت حساب نمی‌شود.",
    "announce_none": "هنوز هیچ شعبه‌ای از {total} شعبه گزارش نداده است.",
    "announce_station_waiting": "این شعبه هنوز گزارش نداده است.",
    # the announcement: how much is counted, then who leads, has the most votes, or are tied
    "announce_counted_some": "با شمارش آرای {reported} شعبه از {total} شعبه",
    "announce_counted_all": "با شمارش آرای همه {total} شعبه",
    "announce_counted_both": "با شمارش آرای هر دو شعبه",
    "announce_counted_only": "با شمارش آرای تنها شعبه",
    "announce_counted_voided": (
        "با شمارش آرای {counted} شعبه از {total} شعبه و ابطال آرای {voided} شعبه "
        "به تصمیم هیئت نظارت"
    ),
    "announce_leading": "{name} با {votes} رأی پیشتاز است.",
    "announce_most": "{name} با {votes} رأی بیشترین آرا را دارد.",
    "announce_tied": "{name} هر یک با {votes} رأی برابرند.",
    "announce_no_votes": (
        "با شمارش آرای {reported} شعبه از {total} شعبه، هنوز رأی صحیحی شمرده نشده است."
    ),
    "outcome_heading": "نتیجه تاکنون: {name}",
    "outcome_link": "نتیجه حوزه انتخابیه {name}",
    "seat": "{seats} کرسی",
    "seats": "{seats} کرسی",
    "runoff_needed": "برگزاری دور دوم لازم است.",
    "reasons": "دلایل",
    "constituencies_heading": "حوزه‌های انتخابیه در این محدوده",
    "constituency": "حوزه انتخابیه",
    "compare_heading": "مقایسه دور {before} و دور {after}",
    "change": "تغییر",
    "not_standing": "نامزد نبوده",
    "downloads": "داده‌ها برای بارگیری",
    "file_unit": "نتایج {contest} در این واحد (JSON)",
    "file_outcome": "نتیجه {contest} در حوزه {name} (JSON)",
    "file_county_csv": "صورتجلسه‌های شعبه‌های شهرستان {name} (CSV)",
    "file_report_zero": "صورتجلسه امضاشده آغاز رأی‌گیری",
    "file_report_final": "صورتجلسه امضاشده پایان شمارش",
    "file_totals": "جمع همه واحدها (CSV)",
    "file_nist": "گزارش NIST SP 1500-100 (JSON)",
    "file_definition": "تعریف انتخابات (JSON)",
    "file_devices": "کلیدهای عمومی صندوق‌ها (JSON)",
    "file_units": "فهرست واحدها (JSON)",
    "file_anchor_record": "سیاهه پیش از انتخابات: کلید صندوق‌ها و کارکنان هر شعبه (JSON)",
    "file_anchor_signatures": "امضای مقام‌های ستاد انتخابات و هیئت نظارت بر سیاهه (JSON)",
    "file_anchor_amendments": "اصلاحیه‌های امضاشده سیاهه (JSON)",
    "anchor_fingerprint": "اثر انگشت سیاهه پیش از انتخابات:",
    # the command isolated left to right (LRI…PDI), or its «--anchor» lands before its name
    "anchor_note": "این رشته را با آنچه روزنامه‌ها و ناظران پیش از رأی‌گیری منتشر کرده‌اند "
    "بسنجید؛ سنجش خودکار: \u2066sandogh verify-results --anchor\u2069",
    "file_snapshot": "وضعیت این انتشار (JSON)",
    "verify_note": (
        "هر کس می‌تواند امضای همه صورتجلسه‌ها را بسنجد و آن‌ها را "
        "دوباره جمع بزند: sandogh verify-results"
    ),
    "map": "نقشه",
    "map_label": "نقشه {contest}",
    "map_colour": "رنگ بر پایه",
    "map_winner": "پیشتاز",
    "tied": "برابر",  # two or more with the most votes: a tie, no one leads (S23 A2)
    "map_turnout": "مشارکت",
    "map_contest": "انتخابات",
    "map_no_data": "بی‌گزارش",
    "map_needs_script": "نقشه به جاوااسکریپت نیاز دارد؛ همین ارقام در جدول بالا آمده است.",
    "map_attribution": "مرزها: © OpenStreetMap contributors (ODbL)",
    "station_details": "مشخصات شعبه",
    "mobility_fixed": "ثابت",
    "mobility_mobile": "سیار",
    "setting_urban": "شهری",
    "setting_rural": "روستایی",
    "mode_electronic": "تمام‌الکترونیک",
    "mode_semi-electronic": "نیمه‌الکترونیک",
    "mode_paper": "کاغذی",
    "hard_to_reach": "صعب‌العبور",
    "kind_of_station": "نوع",
    "place": "محیط",
    "voting_mode": "شیوه رأی‌گیری",
    "location": "موقعیت",
    "yes": "بله",
    "no": "خیر",
    "no_location": "ثبت نشده",
    "legend_reported": "گزارش داده",
    "legend_waiting": "هنوز گزارش نداده",
    "stations_reported_short": "شعبه‌های گزارش‌داده",
    "bin_below": "کمتر از {high}",
    "bin_between": "{low} تا {high}",
    "bin_above": "{low} و بیشتر",
    "candidates_title": "فهرست نهایی نامزدها",
    "candidates_published": "فهرست نهایی در {day} منتشر شد.",
    "candidates_drawn": "کد نامزدها به قرعه‌ای ثبت‌شده داده شد؛ بذر قرعه: «{seed}»؛ قرعه‌کشی: {by}.",
    "candidates_committed": "ستاد در {day} به راز قرعه متعهد شد و فهرست نهایی در {listed} منتشر "
    "شد؛ تعهد (SHA-256 راز):",
    "candidates_revealed": "راز آشکارشده در قرعه‌کشی، که هر کس می‌تواند بسنجد هش آن همان تعهد است:",
    "candidates_constituency": "حوزه انتخابیه",
    "candidates_withdrew": "انصراف پیش از قرعه",
    "candidates_verify_note": (
        "هر کس می‌تواند قرعه را با بذر و فهرست منتشرشده در candidacy.json دوباره انجام دهد: "
        "sandogh verify-results همین کار را می‌کند و کدهای برگه رأی را با آن می‌سنجد."
    ),
    "ballot": "آیا رأی من شمرده شد؟",
    "ballot_intro": (
        "کد رهگیری‌ای را که صندوق پس از رأی شما نشان داد و بر نسخه کاغذی چاپ کرد بنویسید: "
        "بیست رقم (با فاصله یا بی آن، رقم فارسی یا لاتین) یا کد کامل شانزده‌شانزدهی."
    ),
    "ballot_label": "کد رهگیری",
    "ballot_button": "جست‌وجو",
    "ballot_needs_script": (
        "این جست‌وجو به جاوااسکریپت نیاز دارد. کدها در پرونده‌های e2e/codes همین انتشار است."
    ),
    "ballot_searching": "در حال جست‌وجو…",
    "ballot_not_a_code": (
        "این کد رهگیری نیست: بیست رقم یا دست‌کم شانزده نویسه شانزده‌شانزدهی بنویسید."
    ),
    "ballot_not_found": (
        "این کد در سیاهه انتخابات نیست. کد را دوباره با نسخه کاغذی بسنجید؛ اگر درست است، "
        "آن را به ناظران گزارش دهید."
    ),
    "ballot_unreadable": "سیاهه کدها خوانده نشد؛ دوباره بکوشید.",
    "ballot_cast": (
        "رأی با این کد در صندوق {station} ثبت شده و در شمارش رمزگشایی‌شده آن شعبه آمده است. "
        "اگر این رأی را برای بررسی گشوده بودید (نه به صندوق انداخته)، به ناظران گزارش دهید."
    ),
    "ballot_pending": (
        "رأی با این کد در زنجیره منتشرشده صندوق {station} و در شمارش رمزشده آن شعبه است. "
        "این شمارش هنوز رمزگشایی نشده است: پس از آنکه امین‌ها آن را رمزگشایی کنند و نتیجه "
        "منتشر شود، اینجا «شمرده شده» می‌آید. اگر این رأی را برای بررسی گشوده بودید، به ناظران "
        "گزارش دهید."
    ),
    "ballot_challenged": (
        "این رأی برای بررسی گشوده (ابطال) شده و شمرده نمی‌شود. اگر شما این رأی را به صندوق "
        "انداخته بودید و نگشوده بودید، رأی شما شمرده نشده است: به ناظران گزارش دهید. آنچه "
        "صندوق رمز کرده بود (باید با رسید چاپی بررسی یکی باشد):"
    ),
    "ballot_bad_entry": (
        "یک نوشته از این بخش سیاهه کدها خوانده نشد و کنار گذاشته شد؛ اگر کد شما پیدا نشد، "
        "به ناظران گزارش دهید."
    ),
    "ballot_station_link": "نتایج {station}",
    "ballot_code": "کد",
    "ballot_state_cast": "شمرده شده",
    "ballot_state_challenged": "ابطال‌شده برای بررسی، شمرده نشده",
    "ballot_state_pending": "ثبت‌شده در زنجیره، در انتظار رمزگشایی",
    "ballot_blank": "سفید (هیچ نامزدی)",
    "ballot_verify_note": (
        "اینکه هر رأی ثبت‌شده در شمارش شعبه آمده است را هر کس می‌تواند بسنجد: sandogh verify-election"
    ),
    # issue 13: honest partial results, voids and certifications, the front page's headline
    "papers_heading": "تعرفه‌ها و برگه‌های کنارگذاشته",
    "void_set_aside": "برگه‌های باطله غیرمأخوذه (بیرون از آرای مأخوذه)",
    "turnout_over": (
        "مشارکت در {reported} شعبه از {total} شعبه که گزارش داده‌اند، "
        "بر پایه {eligible} واجد شرایط همان شعبه‌ها."
    ),
    "turnout_waiting": "مشارکت پس از گزارش نخستین شعبه حساب می‌شود.",
    "not_final": (
        "نتیجه نهایی نیست: {reported} شعبه از {total} شعبه گزارش داده‌اند؛ "
        "تا گزارش همه شعبه‌ها کسی منتخب نیست."
    ),
    "result_trailing": "—",
    "compare_over": (
        "این مقایسه تنها در {reported} شعبه از {total} شعبه است که در این دور گزارش داده‌اند: "
        "آرای دور پیش در همان شعبه‌ها."
    ),
    "certified_by": "تأیید {role} ({place})، حساب {by}، {when}",
    "certification_undone": (
        "تأیید لغو شد: به دست {role} ({place})، حساب {by}، {when}؛ دلیل: {reason}"
    ),
    "certification_undone_ref": (
        "تأیید لغو شد: به دست {role} ({place})، حساب {by}، {when}؛ "
        "دلیل: {reason} (تصمیم {reference})"
    ),
    "role_supervisor": "هیئت نظارت",
    "role_national-hq": "ستاد انتخابات کشور",
    "role_provincial-hq": "ستاد انتخابات استان",
    "role_county-hq": "ستاد انتخابات شهرستان",
    "role_admin": "مدیر سامانه",
    "voided_station": (
        "آرای این شعبه به تصمیم هیئت نظارت باطل شد و در جمع‌ها شمرده نمی‌شود. "
        "دلیل: {reason}؛ شماره تصمیم: {reference}."
    ),
    "voided_candidate": (
        "آرای یکی از نامزدها در این شعبه به تصمیم هیئت نظارت باطل شد. "
        "دلیل: {reason}؛ شماره تصمیم: {reference}."
    ),
    "map_reported": "{reported} از {total} شعبه گزارش داده",
    "map_little": "نیمی از شعبه‌ها یا کمتر گزارش داده",
    "map_outside": "بیرون از این محدوده یا بی‌شعبه در این انتخابات",
    "headline_turnout": "مشارکت در شعبه‌های گزارش‌داده",
    "headline_leading": "پیشتاز {contest}",
    "headline_tied": "برابر در {contest}",
    "headline_most": "بیشترین آرای {contest}",
    # issue 13, second wave: the day of a void, and a constituency voided on its outcome
    "void_decided_at": "تاریخ تصمیم: {when}.",
    "voided_constituency": (
        "انتخابات این حوزه به تصمیم هیئت نظارت باطل شد: کسی از آن منتخب نیست و کرسی‌های آن "
        "به انتخاباتی دیگر می‌ماند. دلیل: {reason}؛ شماره تصمیم: {reference}."
    ),
    "voided_every_station": (
        "آرای همه شعبه‌های این حوزه به تصمیم هیئت نظارت باطل شد؛ در این حوزه رأیی شمرده نمی‌شود."
    ),
    # issue 13, session 21: no outcome word before the count is complete, each base named, a
    # voided station's status
    "party_list_line_so_far": (
        "فهرست {party_list}: تاکنون {seats} کرسی؛ پیشتازان: {elected}؛ پس از آنان: {alternates}"
    ),
    "outcome_heading_final": "نتیجه: {name}",
    "percent_of_valid": "درصد از آرای صحیح",
    "percent_of_cast": "درصد از آرای مأخوذه",
    "eligible_reporting": "واجدان شرایط شعبه‌های گزارش‌داده",
    "eligible_all": "واجدان شرایط همه شعبه‌ها",
    "status_voided": "باطل‌شده به تصمیم هیئت نظارت",
    # issue 13, session 22: voided ballots counted apart, voided stations in the area lists and
    # left out of turnout and of the round comparison
    "voided_set_aside": "آرای باطل‌شده به تصمیم هیئت نظارت (بیرون از آرای مأخوذه)",
    "area_voided": "باطل‌شده",
    "of_voided": "{reported} از {total} ({voided} باطل‌شده)",
    "stations_reported_voided": (
        "{reported} شعبه از {total} شعبه گزارش داده‌اند؛ "
        "آرای {voided} شعبه از آنها به تصمیم هیئت نظارت باطل شد"
    ),
    "eligible_counted": "واجدان شرایط شعبه‌هایی که آرایشان شمرده می‌شود",
    "turnout_all_voided": (
        "آرای همه شعبه‌های گزارش‌داده به تصمیم هیئت نظارت باطل شد؛ مشارکت حساب نمی‌شود."
    ),
    "turnout_station_voided": "آرای این شعبه باطل شد؛ مشارکت آن حساب نمی‌شود.",
    "turnout_over_counted": (
        "مشارکت در {counted} شعبه از {total} شعبه که آرایشان شمرده می‌شود "
        "({voided} شعبه باطل‌شده به تصمیم هیئت نظارت در این حساب نیست)، "
        "بر پایه {eligible} واجد شرایط همان شعبه‌ها."
    ),
    "compare_over_counted": (
        "این مقایسه تنها در {counted} شعبه از {total} شعبه است که آرایشان در این دور شمرده "
        "می‌شود ({voided} شعبه باطل‌شده به تصمیم هیئت نظارت در آن نیست): "
        "آرای دور پیش در همان شعبه‌ها."
    ),
    # issue 14, session 27: long lists on pages of their own
    "list_pages": "صفحه‌های فهرست",
    "list_page": "صفحهٔ {page} از {pages} (واحدهای {first} تا {last} از {below})",
    "list_of": "فهرست {name}",
    "previous_page": "صفحهٔ پیشین",
    "next_page": "صفحهٔ بعد",
    "constituencies_by_area": (
        "{count} حوزه انتخابیه؛ هر یک در صفحهٔ واحدی فهرست شده است که آن را دربر دارد."
    ),
    "constituencies_count": "حوزه‌های انتخابیه",
    "constituencies_complete": "با شمارش کامل",
}

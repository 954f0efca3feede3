"""The results site's own labels and sentences, in Persian and English.

Figures, ballots and places keep the names of the main catalogue (`sandogh.locale.messages`,
which `label` falls back to); what only the public site says is here. Persian follows the same
official terms and orthography (شعبه, آرای مأخوذه, the zero-width non-joiner in «شعبه‌ها»).
"""

from __future__ import annotations

from sandogh.locale import Lang
from sandogh.locale.messages import text_in

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
    "chart": "نمودار آرای نامزدها: {summary}",
    "chart_turnout": "نمودار مشارکت: {summary}",
    "figures_heading": "آرای مأخوذه",
    "turnout_by_cast": "مشارکت بر پایه آرای مأخوذه",
    "no_eligible": "شمار واجدان شرایط در دست نیست؛ مشارکت حساب نمی‌شود.",
    "announce_none": "هنوز هیچ شعبه‌ای از {total} شعبه گزارش نداده است.",
    "announce_station_waiting": "این شعبه هنوز گزارش نداده است.",
    "announce_partial": (
        "با شمارش آرای {reported} شعبه از {total} شعبه، {name} با {votes} رأی پیشتاز است."
    ),
    "announce_complete": (
        "با شمارش آرای همه {total} شعبه، {name} با {votes} رأی بیشترین آرا را دارد."
    ),
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
    "anchor_fingerprint": "اثر انگشت سیاهه پیش از انتخابات: {short}",
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
    "void_set_aside_voided": (
        "برگه‌های باطله غیرمأخوذه و آرای صندوق‌های باطل‌شده به تصمیم هیئت نظارت (بیرون از آرای مأخوذه)"
    ),
}

EN: dict[str, str] = {
    "site_title": "Election results",
    "elections_published": "Elections published",
    "no_elections": "No results have been published yet.",
    "skip": "Skip to main content",
    "breadcrumbs": "Breadcrumb",
    "other_language": "فارسی",
    "search": "Find a polling station",
    "search_label": "Station name or code",
    "search_hint": "Type at least two letters or digits: a station's, a county's name, or a code.",
    "search_count": "{count} results",
    "search_more": "Only the first {shown} results are shown; type more to narrow them.",
    "search_all": "All stations",
    "search_needs_script": (
        "Search needs JavaScript; reach a station through the nation, province and county pages."
    ),
    "election_day": "Election day",
    "updated": "Updated {when}",
    "tehran_time": "{day}, {time} Tehran time",
    "live_updated": "Figures updated.",
    "on_this_page": "On this page",
    "status_partial": "Partial",
    "status_complete": "Count complete",
    "status_certified": "Certified",
    "hand_count_superseded": "The figures reported here are superseded by the full hand count "
    "of constituency {constituency}, certified {when}: the constituency's result is that count.",
    "hand_count_counted": "This total counts constituency {constituency} by its full hand count, "
    "certified {when}, in place of the reported sheets' sum.",
    "status": "Status",
    "result_elected": "Elected",
    "result_advanced-to-runoff": "Advances to runoff",
    "result_alternate": "Alternate",
    "result_not-elected": "Not elected",
    "result_withdrawn": "Withdrawn",
    "party_list_line": (
        "List {party_list}: {seats} seats; elected: {elected}; alternates: {alternates}"
    ),
    "result_leading": "Leading",
    "result_awaiting-lot": "Awaiting a lot",
    "result": "Result",
    "name": "Name",
    "reported_yes": "Reported",
    "reported_no": "Not yet reported",
    "of": "{reported} of {total}",
    "areas": "Results by {kind}",
    "areas_mixed": "Results by area",
    "votes_heading": "Votes per candidate",
    "chart": "Chart of votes per candidate: {summary}",
    "chart_turnout": "Chart of turnout: {summary}",
    "figures_heading": "Ballots cast",
    "turnout_by_cast": "Turnout by ballots cast",
    "no_eligible": "The number of eligible voters is not given, so turnout is not computed.",
    "announce_none": "None of the {total} stations has reported yet.",
    "announce_station_waiting": "This station has not reported yet.",
    "announce_partial": (
        "With {reported} of {total} stations counted, {name} leads with {votes} votes."
    ),
    "announce_complete": "With all {total} stations counted, {name} has the most votes: {votes}.",
    "announce_no_votes": (
        "With {reported} of {total} stations counted, no valid vote is counted yet."
    ),
    "outcome_heading": "Outcome so far: {name}",
    "outcome_link": "The outcome in the {name} constituency",
    "seat": "{seats} seat",
    "seats": "{seats} seats",
    "runoff_needed": "A runoff is needed.",
    "reasons": "Why",
    "constituencies_heading": "Constituencies in this area",
    "constituency": "Constituency",
    "compare_heading": "Round {before} against round {after}",
    "change": "Change",
    "not_standing": "not standing",
    "downloads": "Downloads",
    "file_unit": "{contest} results in this unit (JSON)",
    "file_outcome": "{contest} outcome in {name} (JSON)",
    "file_county_csv": "Tally sheets of the stations of {name} (CSV)",
    "file_report_zero": "Signed opening (zero) report",
    "file_report_final": "Signed final report (tally sheet)",
    "file_totals": "Totals of every unit (CSV)",
    "file_nist": "NIST SP 1500-100 election report (JSON)",
    "file_definition": "Election definition (JSON)",
    "file_devices": "Ballot boxes' public keys (JSON)",
    "file_units": "List of units (JSON)",
    "file_anchor_record": "Pre-election record: each station's box and staff keys (JSON)",
    "file_anchor_signatures": "The HQ's and the supervisory board's officials' signatures of it "
    "(JSON)",
    "file_anchor_amendments": "Its signed amendments (JSON)",
    "anchor_fingerprint": "Fingerprint of the pre-election record: {short}",
    "anchor_note": "Compare it with the one newspapers and observers published before polls "
    "opened; to check by machine: sandogh verify-results --anchor",
    "file_snapshot": "This snapshot's state (JSON)",
    "verify_note": (
        "Anyone can check every report's signature and re-add them: sandogh verify-results"
    ),
    "map": "Map",
    "map_label": "Map of the {contest} contest",
    "map_colour": "Colour by",
    "map_winner": "Leader",
    "map_turnout": "Turnout",
    "map_contest": "Contest",
    "map_no_data": "No results yet",
    "map_needs_script": "The map needs JavaScript; the table above has the same figures.",
    "map_attribution": "Boundaries: © OpenStreetMap contributors (ODbL)",
    "station_details": "About the station",
    "mobility_fixed": "Fixed",
    "mobility_mobile": "Mobile",
    "setting_urban": "Urban",
    "setting_rural": "Rural",
    "mode_electronic": "Fully electronic",
    "mode_semi-electronic": "Semi-electronic",
    "mode_paper": "Paper",
    "hard_to_reach": "Hard to reach",
    "kind_of_station": "Kind",
    "place": "Setting",
    "voting_mode": "Voting mode",
    "location": "Location",
    "yes": "Yes",
    "no": "No",
    "no_location": "not recorded",
    "legend_reported": "Reported",
    "legend_waiting": "Not yet reported",
    "stations_reported_short": "Stations reported",
    "bin_below": "under {high}",
    "bin_between": "{low} to {high}",
    "bin_above": "{low} and over",
    "candidates_title": "Final list of candidates",
    "candidates_published": "The final list was published on {day}.",
    "candidates_drawn": "The candidates' codes were given by a recorded draw; seed «{seed}»; "
    "drawn by {by}.",
    "candidates_committed": "The headquarters committed to the draw's secret on {day}; the final "
    "list was published on {listed}. Commitment (SHA-256 of the secret):",
    "candidates_revealed": "The secret revealed at the draw, which anyone can hash to the "
    "commitment:",
    "candidates_constituency": "Constituency",
    "candidates_withdrew": "withdrew before the draw",
    "candidates_verify_note": (
        "Anyone can redo the draw from the seed and list published in candidacy.json: "
        "sandogh verify-results does, and holds the ballot's codes to it."
    ),
    "ballot": "Was my ballot counted?",
    "ballot_intro": (
        "Type the confirmation code the ballot box showed after your vote and printed on your "
        "paper copy: twenty digits (with or without spaces, Persian or Latin digits), or the "
        "whole code in hex."
    ),
    "ballot_label": "Confirmation code",
    "ballot_button": "Look up",
    "ballot_needs_script": (
        "This look-up needs JavaScript. The codes are in this snapshot's e2e/codes files."
    ),
    "ballot_searching": "Looking up…",
    "ballot_not_a_code": (
        "This is not a confirmation code: type twenty digits, or at least sixteen hex characters."
    ),
    "ballot_not_found": (
        "This code is not in the election record. Check it against your paper copy again; if it "
        "is right, report it to the observers."
    ),
    "ballot_unreadable": "The codes could not be read; try again.",
    "ballot_cast": (
        "The ballot with this code was cast at {station} and is in that station's decrypted "
        "tally. If you challenged this ballot (opened it rather than cast it), report it to the "
        "observers."
    ),
    "ballot_pending": (
        "The ballot with this code is in the published chain of {station}'s box and in that "
        "station's encrypted tally. The tally is not decrypted yet: once the guardians have "
        "decrypted it and the result is published, this page will say counted. If you "
        "challenged this ballot, report it to the observers."
    ),
    "ballot_challenged": (
        "This ballot was challenged (opened for checking) and is not counted. If you cast this "
        "ballot and did not challenge it, your vote was not counted: report it to the observers. "
        "What the box had encrypted (it must match your printed challenge receipt):"
    ),
    "ballot_bad_entry": (
        "One entry of this part of the code index could not be read and was left out; if your "
        "code is not found, report it to the observers."
    ),
    "ballot_station_link": "Results of {station}",
    "ballot_code": "Code",
    "ballot_state_cast": "counted",
    "ballot_state_challenged": "challenged for checking, not counted",
    "ballot_state_pending": "in the chain, awaiting decryption",
    "ballot_blank": "blank (no candidate)",
    "ballot_verify_note": (
        "Anyone can check that every ballot cast is in its station's tally: sandogh verify-election"
    ),
    # issue 13: honest partial results, voids and certifications, the front page's headline
    "papers_heading": "Ballot papers and ballots set aside",
    "void_set_aside": "Void ballots (set aside, not counted as cast)",
    "turnout_over": (
        "Turnout in the {reported} of {total} stations that have reported, "
        "over those stations' {eligible} eligible voters."
    ),
    "turnout_waiting": "Turnout is computed once the first station reports.",
    "not_final": (
        "Not final: {reported} of {total} stations have reported; "
        "no one is elected until every station has."
    ),
    "result_trailing": "—",
    "compare_over": (
        "Compared over the {reported} of {total} stations that have reported in this round only: "
        "the earlier round's votes in those same stations."
    ),
    "certified_by": "Certified by the {role} ({place}), account {by}, {when}",
    "role_supervisor": "supervisory board",
    "role_national-hq": "national election headquarters",
    "role_provincial-hq": "provincial election headquarters",
    "role_county-hq": "county election headquarters",
    "role_admin": "system administrator",
    "voided_station": (
        "This station's ballots were voided by the supervisory board and are not counted in "
        "any total. Reason: {reason}; decision {reference}."
    ),
    "voided_candidate": (
        "One candidate's votes at this station were voided by the supervisory board. "
        "Reason: {reason}; decision {reference}."
    ),
    "map_reported": "{reported} of {total} stations reported",
    "map_little": "Half the stations or fewer reported",
    "map_outside": "Outside this area, or no stations in this election",
    "headline_turnout": "Turnout where reported",
    "headline_leading": "Leading, {contest}",
    "headline_most": "Most votes, {contest}",
    # issue 13, second wave: the day of a void, and a constituency voided on its outcome
    "void_decided_at": "Decided {when}.",
    "voided_constituency": (
        "The election in this constituency was voided by the supervisory board: no one is "
        "elected from it, and its seats wait for a new election. Reason: {reason}; "
        "decision {reference}."
    ),
    "voided_every_station": (
        "The ballots of every station in this constituency were voided by the supervisory "
        "board; no vote counts here."
    ),
    # issue 13, session 21: no outcome word before the count is complete, each base named, a
    # voided station's status
    "party_list_line_so_far": (
        "List {party_list}: {seats} seats so far; leading: {elected}; next: {alternates}"
    ),
    "outcome_heading_final": "Outcome: {name}",
    "percent_of_valid": "% of valid ballots",
    "percent_of_cast": "% of ballots cast",
    "eligible_reporting": "Eligible voters of the stations reported",
    "eligible_all": "Eligible voters of all stations",
    "status_voided": "Voided by the supervisory board",
    "void_set_aside_voided": (
        "Void papers and the ballots of boxes voided by the supervisory board (outside the "
        "ballots cast)"
    ),
}

_CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def label(key: str, lang: Lang, **values: str | int) -> str:
    """The site's label `key` in `lang` (else the main catalogue's); whole numbers in its digits."""
    return text_in(_CATALOGUE, key, lang, **values)

"""What `sandogh station …` says on the operator's terminal, in Persian and English (issue 13):
the enrolment, the opening and close, a report's summary, a sync, the box's status, the prompts of
the enrolling operator's log-in. The box's phases and figures keep the names the kiosk shows them
by (`box_*` and the figures of the main catalogue), and the reports their names on paper
(`locale.printouts`).
"""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "station_enrolled": "صندوق {device} برای شعبه {station} از «{election}» ثبت شد.",
    "station_contests": "انتخابات‌های برگه رأی: {contests}",
    "station_policy": "هنگامی که مرکز در دسترس نیست: {policy}",
    "station_policy_refuse": "رأی‌دهنده پذیرفته نمی‌شود تا مرکز در دسترس باشد",
    "station_policy_provisional": "رأی‌دهنده موقت پذیرفته و پس از آن با مرکز هماهنگ می‌شود",
    "station_voting_started": "رأی‌گیری آغاز شد.",
    "station_voting_closed": "رأی‌گیری پایان یافت.",
    "station_count_needs_staff": "برای شمارش آرا، پرونده کلید رئیس و اعضای شعبه را بدهید:"
    " --staff نقش=پرونده",
    "station_report_signed": "صورتجلسه پایانی امضا و چاپ شد و در صف ارسال به مرکز است.",
    "station_chain_written": "پرونده زنجیره برگه‌ها ({lines} سطر) در {file} نوشته شد.",
    "station_report": "{title}، شماره {number}، شعبه {station}: {ballots} برگه رأی",
    "station_sheet": "  {contest}: آرای مأخوذه {cast}، صحیح {valid}، باطله {invalid}؛"
    " تعرفه مصرفی {used} از {received}",
    "station_votes": "    {candidate}: {votes}",
    "station_sent": "ارسال به مرکز: {sent} رسید، {waiting} در صف، {refused} ردشده",
    "station_next_try": "تلاش بعدی: {at} (به وقت تهران)",
    "station_new_incidents": "{count} رخداد تازه برای ناظران ثبت شد.",
    "station_election": "انتخابات",
    "station_station": "شعبه",
    "station_device": "کلید صندوق",
    "station_extended_by": "تمدید رأی‌گیری",
    "station_minutes": "{minutes} دقیقه",
    "station_outbox": "در صف ارسال به مرکز",
    "station_outbox_refused": "ردشده از سوی مرکز",
    "station_incidents": "رخدادهای ثبت‌شده برای ناظران",
    "station_ask_user": "نام کاربری شما در سامانه ستاد انتخابات",
    "station_ask_password": "گذرواژه",
    "station_ask_totp": "کد یک‌بارمصرف (اگر حساب آن را ندارد، خالی بگذارید)",
}

EN: dict[str, str] = {
    "station_enrolled": "Enrolled the box {device} for station {station} of “{election}”.",
    "station_contests": "Contests on the ballot: {contests}",
    "station_policy": "While the centre cannot be reached: {policy}",
    "station_policy_refuse": "voters wait until the centre can be reached",
    "station_policy_provisional": "voters are checked in provisionally, synced later",
    "station_voting_started": "Voting has started.",
    "station_voting_closed": "Voting is closed.",
    "station_count_needs_staff": "To count the ballots, give the key files of the station's"
    " head and members: --staff ROLE=FILE",
    "station_report_signed": "The final report is signed, printed and queued for the centre.",
    "station_chain_written": "The ballot chain ({lines} lines) is written to {file}.",
    "station_report": "{title}, no. {number}, station {station}: {ballots} ballots",
    "station_sheet": "  {contest}: cast {cast}, valid {valid}, invalid {invalid};"
    " ballot papers used {used} of {received}",
    "station_votes": "    {candidate}: {votes}",
    "station_sent": "Sent to the centre: {sent} received, {waiting} queued, {refused} refused",
    "station_next_try": "Next try: {at} (Tehran time)",
    "station_new_incidents": "{count} new incidents noted for the supervisors.",
    "station_election": "Election",
    "station_station": "Station",
    "station_device": "The box's key",
    "station_extended_by": "Voting extended by",
    "station_minutes": "{minutes} minutes",
    "station_outbox": "Queued for the centre",
    "station_outbox_refused": "Refused by the centre",
    "station_incidents": "Incidents noted for the supervisors",
    "station_ask_user": "your username at the election headquarters console",
    "station_ask_password": "password",
    "station_ask_totp": "one-time code (empty if the account has none)",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}

"""What the ballot box prints, in Persian and English (issue 13): the صورتجلسه آغاز رأی‌گیری at
opening, the صورتجلسه پایانی after the count, the voter's paper copy, an E2E box's receipt and
challenged ballot (`station.printouts`). The figures' own names (آرای مأخوذه, تعرفه‌های دریافتی,
…) are the main catalogue's, as the results and the kiosk say them; the signers' roles are
`staff_refusals.ROLES`'. A box prints in its own language, whichever the voter reads on the
screen: a paper copy in the voter's language would tell one voter's copy from another's.
"""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "print_zero": "صورتجلسه آغاز رأی‌گیری",
    "print_final": "صورتجلسه پایانی (شمارش آرا)",
    "print_number": "صورتجلسه شماره {number} این صندوق",
    "print_station": "شعبه اخذ رأی: {station}",
    "print_at": "چاپ: {moment} (به وقت تهران)",
    "print_figure": "{label}: {figure}",
    "print_in_words": "{number} ({words})",
    "print_invalid_kind": "  {label}: {number}",
    "print_votes": "  {candidate}: {figure}",
    "print_signed_by": "امضاکنندگان: {signers}",
    "print_device": "صندوق",
    "print_election_id": "شناسه انتخابات: {election}",
    "print_definition": "چکیده تعریف انتخابات:",
    "print_device_key": "کلید صندوق:",
    "print_build": "نسخه نرم‌افزار صندوق:",
    "print_records": "برگه‌های رأی ثبت‌شده: {count}؛ چکیده آن‌ها:",
    "print_e2e_close": "پایان زنجیره برگه‌های رمزشده:",
    "print_e2e_tally": "چکیده جمع رمزشده آرا:",
    "print_digest": "چکیده این صورتجلسه (همان که در کدهای QR و نزد مرکز است):",
    "print_copy": "نسخه کاغذی برگه رأی",
    "print_receipt": "رسید کد رهگیری برگه رأی",
    "print_receipt_how": "پس از انتخابات، این کد را در تارنمای نتایج جست‌وجو کنید.",
    "print_challenged": "برگه رأی بازشده برای بررسی",
    "print_code": "کد رهگیری: {code}",
    "print_code_latin": "({code})",
    "print_nonce": "کلید بازکردن برگه:",
}

EN: dict[str, str] = {
    "print_zero": "Opening (zero) report",
    "print_final": "Final report (the count)",
    "print_number": "This box's report no. {number}",
    "print_station": "Polling station: {station}",
    "print_at": "Printed {moment} (Tehran time)",
    "print_figure": "{label}: {figure}",
    "print_in_words": "{number} ({words})",
    "print_invalid_kind": "  {label}: {number}",
    "print_votes": "  {candidate}: {figure}",
    "print_signed_by": "Signed by: {signers}",
    "print_device": "the box",
    "print_election_id": "Election id: {election}",
    "print_definition": "Definition hash:",
    "print_device_key": "The box's key:",
    "print_build": "The box's software build:",
    "print_records": "Ballots recorded: {count}; their digest:",
    "print_e2e_close": "Close of the encrypted ballots' chain:",
    "print_e2e_tally": "Hash of the encrypted tally:",
    "print_digest": "This report's digest (as in its QR codes and at the centre):",
    "print_copy": "Paper copy of the ballot",
    "print_receipt": "Receipt: the ballot's confirmation code",
    "print_receipt_how": "After the election, look this code up on the results site.",
    "print_challenged": "Ballot opened for checking",
    "print_code": "Confirmation code: {code}",
    "print_code_latin": "({code})",
    "print_nonce": "The ballot's opening key:",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}

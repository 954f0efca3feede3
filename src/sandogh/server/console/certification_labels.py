"""The results page's words for certifications and their undoing (issue 13), in Persian and
English: each certification with the board's reason and decision, each undone one with who undid
it, when and why («تأیید لغو شد», docs/glossary.md), what the page says when the store holds a
decision the event log does not record, and the ballots and stations a board voided, in the
published word («باطل‌شده»): never the void ballots a station sets aside (باطله غیرمأخوذه);
and which page of the units just below the unit it shows (issue 14), with links to the others.
"""

from __future__ import annotations

FA: dict[str, str] = {
    "certifications": "تأییدهای صحت",
    "certified_for": "{scope}: تأیید صحت شد به دست {by}، {when}",
    "certified_why": "دلیل: {reason}؛ شماره تصمیم: {reference}",
    "certification_undone": "{scope}: تأیید لغو شد به دست {by}، {when}",
    "certification_undone_of": "(تأیید صحت {certified_by}، {certified_when})",
    "certifications_undone": "تأییدهای لغوشده",
    "certify_reason_help": (
        "دلیل تأیید صحت و شماره تصمیم هیئت نظارت را بنویسید؛ هر دو با تأیید ثبت و منتشر می‌شوند."
    ),
    "uncertify_help": (
        "لغو تأیید صحت با دلیل و شماره تصمیم هیئت ثبت می‌شود و تأیید لغوشده با آن منتشر می‌شود."
    ),
    "unrecorded_heading": "نتایج نشان داده نمی‌شود",
    "units_pages": "صفحه‌های واحدهای زیر این واحد",
    "units_page": "صفحهٔ {page} از {pages} صفحهٔ واحدهای زیر این واحد ({below} واحد)",
    "previous_page": "صفحهٔ پیشین",
    "next_page": "صفحهٔ بعد",
    "ballots_voided": "آرای باطل‌شده به تصمیم هیئت نظارت",
    "certify_preview_voided": (
        "آرای {count} شعبه باطل‌شده به تصمیم هیئت نظارت در آنچه تأیید صحت می‌شود نیست؛ این شعبه‌ها:"
    ),
}

EN: dict[str, str] = {
    "certifications": "Certifications",
    "certified_for": "{scope}: certified by {by}, {when}",
    "certified_why": "Reason: {reason}; decision: {reference}",
    "certification_undone": "{scope}: certification undone by {by}, {when}",
    "certification_undone_of": "(the certification by {certified_by}, {certified_when})",
    "certifications_undone": "Certifications undone",
    "certify_reason_help": (
        "Give the reason for the certification and the reference of the board's decision; both "
        "are recorded and published with it."
    ),
    "uncertify_help": (
        "Undoing is recorded with the board's reason and decision reference, and the undone "
        "certification is published with it."
    ),
    "unrecorded_heading": "The results are not shown",
    "units_pages": "Pages of the units below this unit",
    "units_page": "Page {page} of {pages} of the units below this unit ({below} units)",
    "previous_page": "Previous page",
    "next_page": "Next page",
    "ballots_voided": "Ballots voided by the supervisory board",
    "certify_preview_voided": (
        "The ballots of {count} station(s) voided by the supervisory board are not in what is "
        "certified; these stations:"
    ),
}

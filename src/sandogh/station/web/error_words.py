"""Every failure the kiosk can meet, said in words that tell the person what to do next, in
Persian and English: never the exception's English text or a machine word (issue 13).

Table-driven: each machine reason has its key here. An action the station's phase does not
allow (`core.station.ActionRefusedError`) is said by whether it came too early or too late for
that action (`_ORDER`), so a voter in the booth when the station is closed under them reads that
voting has ended here and to ask the staff. Typed refusals (`CardRefusal`, `BallotFlowRefusal`,
`StaffKeyRefusal`) are said by their reason; the centre's refusals by the words the catalogue has
for its reason (`refused_…`), else the general words. A failure of no kind named here is said in
general words: the box did not do it, nothing changed, tell the station's supervisor. None of
them names where or when a voter voted (DESIGN.md §3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sandogh.core.candidacy.calendar import OutsideWindowError
from sandogh.core.errors import SandoghError
from sandogh.core.station.lifecycle import ALLOWED, Action, ActionRefusedError, Phase
from sandogh.locale import Lang
from sandogh.locale.candidacy import outside_window_text
from sandogh.locale.messages import FA as MAIN_FA
from sandogh.locale.messages import text, text_in
from sandogh.station.errors import (
    AlreadyEnrolledError,
    BallotFlowError,
    BallotRejectedError,
    CardRefusedError,
    CentreAnswerError,
    EnrolmentDocumentError,
    EntryError,
    NotEnrolledError,
    PaperAccountError,
    QrError,
    StaffKeyError,
    StationFilesError,
)
from sandogh.station.polling_days import OutsidePollingError
from sandogh.station.ports import CentreRefusedError, CentreUnreachableError
from sandogh.station.voting_mode import NOT_APPROVED, ModeNotApprovedError

FA: dict[str, str] = {
    # an action the station's phase does not allow: too early, or too late, for it
    "kiosk_late_open": "صندوق پیش‌تر گشوده شده است؛ نیازی به گشودن دوباره نیست.",
    "kiosk_early_start_voting": "صندوق هنوز گشوده نشده است؛ نخست صورتجلسه آغاز رأی‌گیری را امضا"
    " کنید.",
    "kiosk_late_start_voting": "رأی‌گیری در این شعبه پیش‌تر آغاز شده است.",
    "kiosk_early_check_in": "رأی‌گیری در این شعبه هنوز آغاز نشده است؛ رئیس شعبه نخست آغاز"
    " رأی‌گیری را اعلام کند.",
    "kiosk_late_check_in": "رأی‌گیری در این شعبه پایان یافته است؛ رأی‌دهنده‌ای پذیرفته نمی‌شود.",
    "kiosk_early_cast": "رأی‌گیری در این شعبه هنوز آغاز نشده است؛ به رئیس و اعضای شعبه خبر دهید.",
    "kiosk_late_cast": "رأی‌گیری در این شعبه پایان یافته است و رأی شما ثبت نشد؛ به رئیس و"
    " اعضای شعبه خبر دهید.",
    "kiosk_early_extend": "رأی‌گیری هنوز آغاز نشده است؛ تمدید پس از آغاز رأی‌گیری ممکن است.",
    "kiosk_late_extend": "رأی‌گیری پایان یافته است و دیگر تمدید نمی‌شود.",
    "kiosk_early_close": "رأی‌گیری هنوز آغاز نشده است؛ چیزی برای پایان دادن نیست.",
    "kiosk_late_close": "رأی‌گیری پیش‌تر پایان یافته است؛ گام بعد شمارش آرا است.",
    "kiosk_early_count": "رأی‌گیری هنوز پایان نیافته است؛ نخست «پایان رأی‌گیری» را بزنید.",
    "kiosk_late_count": "آرا پیش‌تر شمرده شده است؛ گام بعد امضا و ارسال صورتجلسه است.",
    "kiosk_early_report": "آرا هنوز شمرده نشده است؛ نخست «شمارش آرا» را بزنید.",
    "kiosk_late_report": "صورتجلسه پایانی پیش‌تر امضا شده است؛ وضعیت ارسال آن در همین صفحه است.",
    "kiosk_early_report_again": "صورتجلسه پایانی هنوز امضا و فرستاده نشده است؛ امضای دوباره"
    " تنها برای صورتجلسه‌ای است که مرکز نپذیرفته است.",
    # the voter's ballot card and ballot
    "kiosk_card_unknown": "این کارت تعرفه در این صندوق شارژ نشده است؛"
    " به رئیس و اعضای شعبه مراجعه کنید.",
    "kiosk_card_used": "با این کارت تعرفه پیش‌تر رأی داده شده است؛"
    " به رئیس و اعضای شعبه مراجعه کنید.",
    "kiosk_card_cancelled": "رئیس و اعضای شعبه این کارت تعرفه را باطل کرده‌اند؛"
    " کارتی را که به جای آن شارژ شده است از آنان بگیرید.",
    "kiosk_ballot_rejected": "انتخاب‌ها با برگه رأی این کارت نمی‌خواند و چیزی ثبت نشد؛"
    " انتخاب‌ها را بازبینی کنید.",
    "kiosk_flow_not_e2e": "این صندوق برگه را مهر و موم نمی‌کند؛ به ناظر شعبه خبر دهید.",
    "kiosk_flow_nothing_prepared": "صندوق برگه مهر و موم‌شده‌ای برای این کارت ندارد و چیزی ثبت"
    " نشد؛ انتخاب‌ها را بازبینی کنید و دوباره مهر و موم کنید.",
    "kiosk_flow_choices_needed": "انتخاب‌های برگه به صندوق نرسید و چیزی ثبت نشد؛ دوباره بکوشید.",
    "kiosk_flow_chain_open": "زنجیره برگه‌ها پس از پایان رأی‌گیری برون‌بری می‌شود.",
    "kiosk_flow_chain_moved": "صندوق در این میان برگه دیگری ثبت کرد و چیزی از برگه شما ثبت"
    " نشد؛ دوباره مهر و موم کنید.",
    "kiosk_flow_code_differs": "برگه‌ای که صندوق نگه داشته همان نیست که کدش را دیدید و چیزی ثبت"
    " نشد؛ دوباره مهر و موم کنید.",
    # the station's set-up, its count and the centre
    "kiosk_not_enrolled": "این صندوق هنوز برای شعبه‌ای ثبت نشده است؛ به ناظر شعبه خبر دهید.",
    "kiosk_already_enrolled": "این صندوق پیش‌تر برای شعبه‌ای ثبت شده است.",
    "kiosk_enrolment_unusable": "سند ثبت صندوق از مرکز به کار نمی‌آید؛ به ناظر شعبه خبر دهید.",
    "kiosk_centre_answer": "پاسخ مرکز به کار نمی‌آید و کارتی شارژ نشد؛ به ناظر شعبه خبر دهید.",
    "kiosk_centre_unreachable": "مرکز در دسترس نیست؛ چند دقیقه دیگر دوباره بکوشید.",
    "kiosk_centre_refused": "مرکز این درخواست را نپذیرفت؛ به ناظر شعبه خبر دهید.",
    "kiosk_papers": "شمار برگه‌های رأی جور درنمی‌آید (منفی، یا مصرف‌شده و باطل‌شده بیش از"
    " رسیده)؛ شمارها را دوباره بشمارید.",
    "kiosk_entry": "شمارهای واردشده پذیرفته نشد یا دو ورود یکی نیست؛ برگه شمارش را دوباره"
    " بخوانید و وارد کنید.",
    "kiosk_files": "پرونده‌های صندوق در دسترس نیست یا دست خورده است؛ به ناظر شعبه خبر دهید.",
    "kiosk_qr": "کدهای QR یک صورتجلسه کامل نمی‌سازند؛ همه کدها را دوباره بخوانید.",
    "kiosk_error_other": "صندوق این کار را انجام نداد و چیزی تغییر نکرد؛ به ناظر شعبه خبر دهید.",
}

EN: dict[str, str] = {
    "kiosk_late_open": "The box is already open; it need not be opened again.",
    "kiosk_early_start_voting": "The box is not open yet; sign the opening (zero) report first.",
    "kiosk_late_start_voting": "Voting has already begun at this station.",
    "kiosk_early_check_in": "Voting has not begun at this station yet; the head of station"
    " starts it first.",
    "kiosk_late_check_in": "Voting has ended at this station; no more voters are taken.",
    "kiosk_early_cast": "Voting has not begun at this station yet; ask the station's staff.",
    "kiosk_late_cast": "Voting has ended at this station and your ballot was not recorded;"
    " ask the station's staff.",
    "kiosk_early_extend": "Voting has not begun; it can be extended once it has.",
    "kiosk_late_extend": "Voting has ended and can no longer be extended.",
    "kiosk_early_close": "Voting has not begun; there is nothing to close.",
    "kiosk_late_close": "Voting is already closed; the next step is the count.",
    "kiosk_early_count": "Voting is not closed yet; press “Close voting” first.",
    "kiosk_late_count": "The ballots are already counted; the next step is to sign and send"
    " the report.",
    "kiosk_early_report": "The ballots are not counted yet; press “Count” first.",
    "kiosk_late_report": "The final report is already signed; its delivery is shown on this page.",
    "kiosk_early_report_again": "The final report is not signed and sent yet; signing again is"
    " only for a report the centre refused.",
    "kiosk_card_unknown": "This ballot card was not charged at this box; ask the station's staff.",
    "kiosk_card_cancelled": (
        "This ballot card was cancelled by the station's staff; ask them for the card charged"
        " in its place."
    ),
    "kiosk_card_used": "A ballot was already cast with this card; ask the station's staff.",
    "kiosk_ballot_rejected": "The choices do not fit this card's ballot and nothing was"
    " recorded; review your choices.",
    "kiosk_flow_not_e2e": "This box does not seal ballots; tell the supervisor.",
    "kiosk_flow_nothing_prepared": "The box holds no sealed ballot for this card and nothing was"
    " recorded; review your choices and seal again.",
    "kiosk_flow_choices_needed": "The ballot's choices did not reach the box and nothing was"
    " recorded; try again.",
    "kiosk_flow_chain_open": "The ballot chain is exported once voting has closed.",
    "kiosk_flow_chain_moved": "The box recorded another ballot meanwhile and nothing of yours was"
    " recorded; seal again.",
    "kiosk_flow_code_differs": "The ballot the box holds is not the one whose code you saw and"
    " nothing was recorded; seal again.",
    "kiosk_not_enrolled": "This box is not enrolled for a station yet; tell the supervisor.",
    "kiosk_already_enrolled": "This box is already enrolled for a station.",
    "kiosk_enrolment_unusable": "The centre's enrolment document cannot be used; tell the"
    " supervisor.",
    "kiosk_centre_answer": "The centre's answer cannot be used and no card was charged; tell the"
    " supervisor.",
    "kiosk_centre_unreachable": "The centre cannot be reached; try again in a few minutes.",
    "kiosk_centre_refused": "The centre refused this request; tell the supervisor.",
    "kiosk_papers": "The ballot-paper figures do not add up (negative, or more used and spoiled"
    " than received); count them again.",
    "kiosk_entry": "The figures entered were refused, or the two entries differ; read the tally"
    " sheet again and enter it.",
    "kiosk_files": "The box's files are missing or were tampered with; tell the supervisor.",
    "kiosk_qr": "The QR codes do not make up one whole report; read them all again.",
    "kiosk_error_other": "The box did not do this and nothing changed; tell the supervisor.",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}

#: The phases in the order a polling day goes through them.
_ORDER = tuple(Phase)


def phase_key(phase: Phase, action: Action) -> str:
    """The key of the words for `action` refused in `phase`: too early or too late for it."""
    allowed_in = [p for p in _ORDER if action in ALLOWED[p]]
    early = bool(allowed_in) and _ORDER.index(phase) < _ORDER.index(allowed_in[0])
    return f"kiosk_{'early' if early else 'late'}_{action.value.replace('-', '_')}"


def _centre_key(error: CentreRefusedError) -> str:
    said = "refused_" + error.reason.replace("-", "_")
    return said if said in MAIN_FA else "kiosk_centre_refused"


#: A failure's kind → the key of its words (in `CATALOGUE`, or the main catalogue's for a refusal
#: it already says: a count's staff keys, a mode not approved, a centre's reason); the first kind
#: the failure is wins.
_SAID: tuple[tuple[type[SandoghError], Callable[[Any], str]], ...] = (
    (ActionRefusedError, lambda e: phase_key(e.phase, e.action)),
    (CardRefusedError, lambda e: "kiosk_card_" + e.reason.value.replace("card", "").strip("-")),
    (BallotFlowError, lambda e: "kiosk_flow_" + e.reason.value.replace("-", "_")),
    (StaffKeyError, lambda e: e.reason.value),
    (ModeNotApprovedError, lambda _: NOT_APPROVED),
    (CentreRefusedError, _centre_key),
    (BallotRejectedError, lambda _: "kiosk_ballot_rejected"),
    (NotEnrolledError, lambda _: "kiosk_not_enrolled"),
    (AlreadyEnrolledError, lambda _: "kiosk_already_enrolled"),
    (EnrolmentDocumentError, lambda _: "kiosk_enrolment_unusable"),
    (CentreAnswerError, lambda _: "kiosk_centre_answer"),
    (CentreUnreachableError, lambda _: "kiosk_centre_unreachable"),
    (PaperAccountError, lambda _: "kiosk_papers"),
    (EntryError, lambda _: "kiosk_entry"),
    (StationFilesError, lambda _: "kiosk_files"),
    (QrError, lambda _: "kiosk_qr"),
)


def error_key(error: SandoghError) -> str:
    """The key of the words for `error`; the general words' for a kind not in the table."""
    for kind, said in _SAID:
        if isinstance(error, kind):
            return said(error)
    return "kiosk_error_other"


def error_text(
    error: object, lang: Lang, contest_name: Callable[[str], str] | None = None
) -> str | None:
    """What to tell the person of `error` (a failure kept to be shown), in `lang`; None for no
    failure. The exception's own text never reaches a screen; a contest is named by
    `contest_name` (its name in `lang`), not by its id."""
    if not isinstance(error, SandoghError):
        return None
    if isinstance(error, OutsidePollingError):  # names the stage and its window
        refused = error.refused
        named = (contest_name or (lambda contest: contest))(refused.contest)
        return outside_window_text(
            OutsideWindowError(named, refused.stage, refused.window, refused.day), lang
        )
    key = error_key(error)
    return text_in(CATALOGUE, key, lang) if key in FA else text(key, lang)

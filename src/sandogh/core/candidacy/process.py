"""Candidacy as a state machine: registration, inquiries, the boards' decisions, objections and
the final list, each step allowed only in its turn and in its window.

`reference/iran-candidacy.md`: an applicant (داوطلب) registers in the registration window (§2.1
item 6, §3 Art. 55, §4, §5); the four authorities the law names (مراجع چهارگانه: civil registry,
police, judiciary, intelligence; §2.3) are asked about them and their answers are kept; the
executive board (هیئت اجرایی, formed at the governorate; Majlis Art. 50-ff., councils Art. 50)
decides first, then the supervisory board (هیئت نظارت: the Guardian Council's for the presidency,
the Majlis and the Experts; the Majlis's for the councils) — the presidency has no executive board
(§3, Art. 56–57). Each decision is qualified (تأیید), rejected (رد) or not established (عدم احراز,
a separate outcome, §1) and cites its article. An applicant not qualified may object once in the
objection window (§2.1 items 8–10, §5 item 4); the supervisory board's decision on it is final. The
final list (§2.1 item 12) holds the qualified, and is refused while any applicant's standing is
pending. An applicant becomes a candidate (نامزد) only on that list. A candidate on it may withdraw
(انصراف) from the final list until polling day; before the codes are drawn (and the ballot papers
printed) the draw leaves them out (`Withdrew`); after it, the withdrawal is recorded against the
loaded definition instead (`core.candidacy.withdrawal`).

The inquiries are asked in the inquiry stage where the calendar has one, else in the first review;
an answer is recorded whenever it comes, in or out of any window, because an answer is never lost.
The state is a fold of the recorded steps (`fold`); the checks take the state and the calendar and
raise `CandidacyRefusedError`, naming why, or return nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.candidacy.applicant_checks import BadField, applicant_problems
from sandogh.core.candidacy.calendar import OutsideWindowError, Schedule, Stage, require
from sandogh.core.candidacy.conditions import Applicant, Unmet, unmet
from sandogh.core.errors import SandoghError


class Authority(StrEnum):
    CIVIL_REGISTRY = "civil-registry"  # ثبت احوال
    POLICE = "police"  # فراجا
    JUDICIARY = "judiciary"  # قوه قضاییه
    INTELLIGENCE = "intelligence"  # وزارت اطلاعات


class Board(StrEnum):
    EXECUTIVE = "executive"  # هیئت اجرایی
    SUPERVISORY = "supervisory"  # هیئت نظارت


class Outcome(StrEnum):
    QUALIFIED = "qualified"  # تأیید صلاحیت
    REJECTED = "rejected"  # رد صلاحیت
    NOT_ESTABLISHED = "not-established"  # عدم احراز صلاحیت


@dataclass(frozen=True)
class Registration:
    applicant: int  # the applicant's number in the election, from 1
    contest: str
    constituency: str
    person: Applicant
    day: datetime.date


@dataclass(frozen=True)
class Inquiry:
    applicant: int
    authority: Authority
    day: datetime.date


@dataclass(frozen=True)
class Answer:
    """An authority's answer: `clear` is green (nothing against), else red with its reason."""

    applicant: int
    authority: Authority
    answer_id: str  # the authority's own reference: one answer is recorded once
    clear: bool
    reason: str
    day: datetime.date


@dataclass(frozen=True)
class Decision:
    """A board's decision; `by` the account that recorded it, `members` the board's accounts."""

    applicant: int
    board: Board
    outcome: Outcome
    article: str
    reason: str
    by: str
    members: tuple[str, ...]
    day: datetime.date
    on_objection: bool = False


@dataclass(frozen=True)
class Objection:
    applicant: int
    grounds: str
    day: datetime.date


@dataclass(frozen=True)
class Withdrew:
    """A listed candidate's withdrawal before the codes are drawn: they are on no ballot."""

    applicant: int
    day: datetime.date


Step = Registration | Inquiry | Answer | Decision | Objection | Withdrew

#: The stages a candidate on the final list may withdraw in: until polling day.
WITHDRAWAL_STAGES = (Stage.FINAL_LIST, Stage.CAMPAIGN, Stage.SILENCE)


@dataclass(frozen=True)
class Candidacy:
    """One applicant's file as the recorded steps make it."""

    registration: Registration
    asked: tuple[Authority, ...] = ()
    answers: tuple[Answer, ...] = ()
    decisions: tuple[Decision, ...] = ()
    objection: Objection | None = None
    withdrew: Withdrew | None = None

    @property
    def number(self) -> int:
        return self.registration.applicant

    def answered(self) -> frozenset[Authority]:
        return frozenset(a.authority for a in self.answers)

    def standing(self) -> Outcome | None:
        """The outcome that stands, or None while a board or an objection is still to decide."""
        if self.objection is not None:
            final = [d for d in self.decisions if d.on_objection]
            return final[-1].outcome if final else None
        supervisory = [d for d in self.decisions if d.board is Board.SUPERVISORY]
        return supervisory[-1].outcome if supervisory else None

    def latest(self) -> Decision | None:
        return self.decisions[-1] if self.decisions else None


class Refusal(StrEnum):
    INELIGIBLE = "ineligible"
    ALREADY_REGISTERED = "already-registered"
    ALREADY_ASKED = "already-asked"
    NOT_ASKED = "not-asked"
    INQUIRIES_PENDING = "inquiries-pending"
    OUT_OF_TURN = "out-of-turn"
    ALREADY_DECIDED = "already-decided"
    NO_ARTICLE = "no-article"
    NOT_DISQUALIFIED = "not-disqualified"
    ALREADY_OBJECTED = "already-objected"
    NO_OBJECTION = "no-objection"
    PENDING = "pending"
    NOT_LISTED = "not-listed"
    ALREADY_WITHDRAWN = "already-withdrawn"
    CODES_DRAWN = "codes-drawn"
    MALFORMED = "malformed"  # names or documents unfit (`core.candidacy.applicant_checks`)


class WithdrawalClosedError(OutsideWindowError):
    """A withdrawal from the final list outside its span: the list's day to the eve of polling."""


class CandidacyRefusedError(SandoghError):
    """A step refused: `refusal` says why, `applicant` whose, `names` what it concerns (unmet
    conditions, authorities, applicants)."""

    def __init__(
        self,
        refusal: Refusal,
        applicant: int | None,
        names: Iterable[str] = (),
        unmet: tuple[Unmet, ...] = (),
        bad: tuple[BadField, ...] = (),
    ) -> None:
        self.refusal = refusal
        self.applicant = applicant
        self.names = tuple(names)
        self.unmet = unmet
        self.bad = bad
        who = "" if applicant is None else f"applicant {applicant}: "
        shown = (
            [f"{u.condition} ({u.detail}; {u.article.en})" for u in unmet]
            or [f"{b.field}: {b.fault} {b.detail}".rstrip() for b in bad]
            or list(self.names)
        )
        super().__init__(f"{who}{refusal}" + (": " + ", ".join(shown) if shown else ""))


def fold(steps: Iterable[Step]) -> dict[int, Candidacy]:
    """Every applicant's file, by number, from the steps in the order they were recorded."""
    files: dict[int, Candidacy] = {}
    for step in steps:
        if isinstance(step, Registration):
            files[step.applicant] = Candidacy(step)
            continue
        now = files[step.applicant]
        match step:
            case Inquiry():
                files[step.applicant] = replace(now, asked=(*now.asked, step.authority))
            case Answer():
                files[step.applicant] = replace(now, answers=(*now.answers, step))
            case Decision():
                files[step.applicant] = replace(now, decisions=(*now.decisions, step))
            case Objection():
                files[step.applicant] = replace(now, objection=step)
            case Withdrew():
                files[step.applicant] = replace(now, withdrew=step)
    return files


def check_registration(
    schedule: Schedule, registration: Registration, files: Iterable[Candidacy]
) -> None:
    """In the registration window, with fit names and documents, meeting every checkable
    condition, once per contest."""
    require(schedule, registration.contest, Stage.REGISTRATION, registration.day)
    bad = applicant_problems(registration.person, schedule.conditions)
    if bad:
        raise CandidacyRefusedError(Refusal.MALFORMED, None, bad=bad)
    code = registration.person.national_code
    for other in files:
        if other.registration.contest == registration.contest and (
            other.registration.person.national_code == code
        ):
            raise CandidacyRefusedError(Refusal.ALREADY_REGISTERED, other.number)
    if schedule.conditions is not None:
        found = unmet(registration.person, schedule.conditions, registration.day)
        if found:
            raise CandidacyRefusedError(Refusal.INELIGIBLE, None, unmet=found)


def inquiry_stage(schedule: Schedule) -> Stage:
    """Where the calendar has no inquiry stage the first board asks in its own review."""
    for stage in (Stage.INQUIRIES, Stage.EXECUTIVE_REVIEW, Stage.SUPERVISORY_REVIEW):
        if schedule.window(stage) is not None:
            return stage
    return Stage.INQUIRIES


def check_inquiry(schedule: Schedule, file: Candidacy, inquiry: Inquiry) -> None:
    require(schedule, file.registration.contest, inquiry_stage(schedule), inquiry.day)
    if inquiry.authority in file.asked:
        raise CandidacyRefusedError(Refusal.ALREADY_ASKED, file.number, [inquiry.authority])


def check_answer(file: Candidacy, answer: Answer) -> None:
    """An answer to a question asked; recorded whatever the day."""
    if answer.authority not in file.asked:
        raise CandidacyRefusedError(Refusal.NOT_ASKED, file.number, [answer.authority])


def check_decision(schedule: Schedule, file: Candidacy, decision: Decision) -> None:
    """The executive board first (where the kind has one), then the supervisory board, then, on
    an objection, the supervisory board's final decision; each in its window, citing its article."""
    contest = file.registration.contest
    if not decision.article.strip():
        raise CandidacyRefusedError(Refusal.NO_ARTICLE, file.number)
    has_executive = schedule.window(Stage.EXECUTIVE_REVIEW) is not None
    boards = [d.board for d in file.decisions if not d.on_objection]
    if decision.on_objection:
        if decision.board is not Board.SUPERVISORY:
            raise CandidacyRefusedError(Refusal.OUT_OF_TURN, file.number, [decision.board])
        if file.objection is None:
            raise CandidacyRefusedError(Refusal.NO_OBJECTION, file.number)
        if file.standing() is not None:
            raise CandidacyRefusedError(Refusal.ALREADY_DECIDED, file.number, [decision.board])
        require(schedule, contest, Stage.OBJECTION_REVIEW, decision.day)
        return
    if decision.board in boards:
        raise CandidacyRefusedError(Refusal.ALREADY_DECIDED, file.number, [decision.board])
    first = Board.EXECUTIVE if has_executive else Board.SUPERVISORY
    if decision.board is Board.SUPERVISORY and has_executive and Board.EXECUTIVE not in boards:
        raise CandidacyRefusedError(Refusal.OUT_OF_TURN, file.number, [Board.EXECUTIVE])
    if decision.board is Board.EXECUTIVE and not has_executive:
        raise CandidacyRefusedError(Refusal.OUT_OF_TURN, file.number, [Board.SUPERVISORY])
    stage = (
        Stage.EXECUTIVE_REVIEW if decision.board is Board.EXECUTIVE else Stage.SUPERVISORY_REVIEW
    )
    require(schedule, contest, stage, decision.day)
    missing = [a for a in Authority if a not in file.answered()]
    if decision.board is first and missing:
        raise CandidacyRefusedError(Refusal.INQUIRIES_PENDING, file.number, missing)


def check_objection(schedule: Schedule, file: Candidacy, objection: Objection) -> None:
    """Once, in the objection window, against a supervisory decision that did not qualify."""
    if file.objection is not None:
        raise CandidacyRefusedError(Refusal.ALREADY_OBJECTED, file.number)
    standing = file.standing()
    if standing is None:
        raise CandidacyRefusedError(Refusal.OUT_OF_TURN, file.number, [Board.SUPERVISORY])
    if standing is Outcome.QUALIFIED:
        raise CandidacyRefusedError(Refusal.NOT_DISQUALIFIED, file.number)
    require(schedule, file.registration.contest, Stage.OBJECTIONS, objection.day)


def final_list(
    schedule: Schedule, contest: str, files: Iterable[Candidacy], day: datetime.date
) -> tuple[Candidacy, ...]:
    """The qualified applicants of `contest` by number, in the final-list window; refused while
    any applicant's standing is still to be decided."""
    require(schedule, contest, Stage.FINAL_LIST, day)
    mine = sorted((f for f in files if f.registration.contest == contest), key=lambda f: f.number)
    pending = [str(f.number) for f in mine if f.standing() is None]
    if pending:
        raise CandidacyRefusedError(Refusal.PENDING, None, pending)
    return tuple(f for f in mine if f.standing() is Outcome.QUALIFIED and f.withdrew is None)


def check_withdrawal(
    schedule: Schedule, file: Candidacy, withdrew: Withdrew, *, listed: bool, drawn: bool
) -> None:
    """Once, by a candidate on the published final list (`listed`), from the list's day until
    polling day, and only while the codes are not drawn (`drawn`: after the draw a withdrawal
    is the loaded definition's, marked on the printed ballot)."""
    if file.withdrew is not None:
        raise CandidacyRefusedError(Refusal.ALREADY_WITHDRAWN, file.number)
    if not listed:
        raise CandidacyRefusedError(Refusal.NOT_LISTED, file.number)
    if drawn:
        raise CandidacyRefusedError(Refusal.CODES_DRAWN, file.number)
    windows = [w for s in WITHDRAWAL_STAGES if (w := schedule.window(s)) is not None]
    if not any(w.holds(withdrew.day) for w in windows):
        # the refusal names the whole span, from the list's first day to the last before polling
        window = replace(windows[0], last=windows[-1].last, closes=None) if windows else None
        raise WithdrawalClosedError(
            file.registration.contest, Stage.FINAL_LIST, window, withdrew.day
        )

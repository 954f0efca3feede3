"""A full hand count certified as a hand-count correction: who may, each refusal, the log entry,
the status, and the results that show it; on every store. The attack of a certified row whose
totals are rewritten in the database is mounted on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, update

from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.supervision import Decision as VoidDecision
from sandogh.core.supervision import StationVoid, input_digest
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.audit_errors import (
    HandCountCertifiedError,
    HandCountInvalidError,
    HandCountNotDueError,
    HandCountNotRecordedError,
    HandCountPendingError,
    ReasonMissingError,
    ResultsChangedError,
    StoredHandCountError,
)
from sandogh.services.audit_status import audit_status, record_hand_count
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.certifications import CertifiedError, certify, uncertify
from sandogh.services.hand_count_corrections import (
    certify_hand_count,
    replace_hand_count,
    uncertify_hand_count,
)
from sandogh.services.outcomes import decide_contests
from sandogh.services.results import show_results, tally
from sandogh.services.unrecorded import UnrecordedDecisionError
from sandogh.services.voids import CorrectedError, void
from sandogh.store.tables import AuditHandCountRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

from .audit_build import FIVE_PERCENT, NewUnitOfWork, load, sheets_of
from .test_audits import DICE, SMALL, STATIONS

NOW = {"now": TEST_NOW}
BOARD = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))
PROVINCE = Actor("kermani", Grant(Role.SUPERVISOR, "IR-08"))
SECOND = Actor("dovom", Grant(Role.SUPERVISOR, "IR"))  # a second national board member
HAND = Counts(cast=900, valid=897, invalid={InvalidKind.BLANK: 3}, votes={"21": 437, "25": 460})
REASON = "full hand count of the audit, board minutes 12"


def _escalated(uow: NewUnitOfWork, *, counted: bool = True) -> None:
    """president:IR at 151 to 149 in each of three stations: the audit sends it to a hand count."""
    load(uow, SMALL, sheets_of(dict.fromkeys(STATIONS, (151, 149))))
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, **NOW)
    record_seed(uow, SMALL.id, DICE, **NOW)
    if counted:
        record_hand_count(uow, SMALL.id, "president:IR", HAND, **NOW)


def _events(uow: NewUnitOfWork) -> list[tuple[str, dict[str, object]]]:
    with uow() as work:
        return [(e.event.type.value, dict(e.event.details)) for e in work.events.entries()]


def test_a_certified_hand_count_is_the_result_logged_and_shown(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    _escalated(uow)
    with uow() as work:
        reported = tally(work, SMALL.id)
    made = certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    assert (made.cast, made.by, made.grant, made.audit[:7]) == (
        900,
        "tehrani",
        BOARD.grant,
        "sha256:",
    )

    (logged,) = [d for t, d in _events(uow) if t == "hand-count-certified"]
    assert logged["votes"] == {"21": 437, "25": 460}
    assert (logged["cast"], logged["audit"], logged["acting_at"]) == (900, made.audit, "IR")
    status = audit_status(uow, SMALL.id)  # the audit still reads: it audits what was reported
    assert status.certified == frozenset({"president:IR"})

    (nation,) = show_results(uow, SMALL.id, contest="president").results
    assert (nation.total.counts.cast, dict(nation.total.counts.votes)) == (900, HAND.votes)
    assert nation.corrected == made
    (station,) = show_results(uow, SMALL.id, unit=STATIONS[0], contest="president").results
    assert dict(station.total.counts.votes) == {"21": 151, "25": 149}  # as reported, superseded
    assert station.corrected == made
    (outcomes,) = decide_contests(uow, SMALL.id).contests
    assert outcomes.decided[0].outcome.elected == ("25",)

    with pytest.raises(HandCountCertifiedError):
        certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    # a void would be silently overridden by the hand count's figures: refused
    with pytest.raises(CorrectedError, match="touches president:IR"):
        void(uow, BOARD, SMALL.id, StationVoid(STATIONS[0], None, VoidDecision("r", "ref")), **NOW)

    # certifying the contest now certifies the corrected figures: the digest covers the hand count
    certified = certify(
        uow,
        BOARD,
        SMALL.id,
        "president",
        "IR",
        reason="نتیجه بررسی شد",
        reference="هیئت ۱۴۰۳/۱",
        **NOW,
    )
    without = input_digest(
        reported.geography,
        reported.stored.definition_hash,
        "president",
        "IR",
        sheets=_sheets(uow),
        voids=(),
    )
    assert certified.digest != without
    assert certified.digest == input_digest(
        reported.geography,
        reported.stored.definition_hash,
        "president",
        "IR",
        sheets=_sheets(uow),
        voids=(),
        corrections=[made],
    )


def _sheets(uow: NewUnitOfWork) -> list[TallySheet]:
    with uow() as work:
        return list(work.tallies.all(SMALL.id))


def test_only_a_grant_covering_the_constituency_certifies_and_a_refusal_is_logged(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    _escalated(uow)
    with pytest.raises(AccessDeniedError):
        certify_hand_count(uow, PROVINCE, SMALL.id, "president:IR", reason=REASON, **NOW)
    clerk = Actor("clerk", Grant(Role.AUDITOR, "IR"))
    with pytest.raises(AccessDeniedError):
        certify_hand_count(uow, clerk, SMALL.id, "president:IR", reason=REASON, **NOW)
    denied = [d for t, d in _events(uow) if t == "access-denied"]
    assert [d["action"] for d in denied] == ["certify", "certify"]
    assert audit_status(uow, SMALL.id).certified == frozenset()


def test_each_refusal_is_named(new_unit_of_work: NewUnitOfWork) -> None:
    uow = new_unit_of_work
    _escalated(uow, counted=False)
    with pytest.raises(HandCountNotRecordedError):
        certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    record_hand_count(uow, SMALL.id, "president:IR", HAND, **NOW)
    # a certification in force froze the reported figures: it is undone first
    certify(
        uow, BOARD, SMALL.id, "president", reason="نتیجه بررسی شد", reference="هیئت ۱۴۰۳/۱", **NOW
    )
    with pytest.raises(CertifiedError):
        certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    assert not [t for t, _ in _events(uow) if t == "hand-count-certified"]


def test_a_contest_the_audit_samples_is_refused(new_unit_of_work: NewUnitOfWork) -> None:
    uow = new_unit_of_work
    load(uow, SMALL, sheets_of(dict.fromkeys(STATIONS, (1600, 1400)), papers=3000))
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, **NOW)
    with pytest.raises(HandCountNotDueError):
        certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)


def test_audit_records_changed_since_they_were_logged_are_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    _escalated(uow)
    void(uow, BOARD, SMALL.id, StationVoid(STATIONS[0], None, VoidDecision("r", "ref")), **NOW)
    with pytest.raises(ResultsChangedError):
        certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)


def test_a_certified_hand_count_rewritten_in_the_database_is_refused(engine: Engine) -> None:
    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=TEST_NOW)

    _escalated(uow)
    certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    forged = {"cast": 900, "valid": 897, "invalid": {"blank": 3}, "votes": {"21": 460, "25": 437}}
    with engine.begin() as connection:
        connection.execute(update(AuditHandCountRow).values(counts=forged))
    with pytest.raises(UnrecordedDecisionError, match=r"records votes") as raised:
        show_results(uow, SMALL.id)
    assert raised.value.number == "president:IR"


@pytest.mark.parametrize(
    ("counts", "path"),
    [
        ({"cast": "903", "valid": 900, "votes": {}}, r"counts\.cast: '903' is not a count"),
        ({"cast": 903, "valid": 900, "votes": {"21": -1}}, r"counts\.votes\.21: -1 is not"),
        ({"cast": 903, "valid": 900, "votes": []}, r"counts\.votes: \[\] is not an object"),
        (
            {"cast": 903, "valid": 900, "invalid": {"x": 1}, "votes": {}},
            r"counts\.invalid\.x: no such",
        ),
    ],
)
def test_a_stored_hand_count_that_does_not_read_names_the_path(
    engine: Engine, counts: dict[str, object], path: str
) -> None:
    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=TEST_NOW)

    _escalated(uow)
    with engine.begin() as connection:
        connection.execute(update(AuditHandCountRow).values(counts=counts))
    with pytest.raises(StoredHandCountError, match=r"hand_counts\[president:IR\]\." + path):
        audit_status(uow, SMALL.id)


def test_undoing_a_correction_needs_a_second_national_board_member_and_a_reason(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The board member who certified a national correction cannot undo it, nor a grant below,
    an HQ or an administrator (R4); a second national board member can, logged with a reason,
    and the hand count is pending again with the reported figures the result."""
    uow = new_unit_of_work
    _escalated(uow)
    certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    lower = (BOARD, PROVINCE, Actor("hq", Grant(Role.NATIONAL_HQ, "IR")))
    for refused in (*lower, Actor("modir", Grant(Role.ADMIN, "IR"))):
        with pytest.raises(AccessDeniedError):
            uncertify_hand_count(uow, refused, SMALL.id, "president:IR", reason="x", **NOW)
    assert [d["action"] for t, d in _events(uow) if t == "access-denied"] == ["certify"] * 4
    with pytest.raises(ReasonMissingError):
        uncertify_hand_count(uow, SECOND, SMALL.id, "president:IR", reason=" ", **NOW)
    # a certification in force froze the corrected figures: it is undone first
    certify(
        uow,
        BOARD,
        SMALL.id,
        "president",
        "IR",
        reason="نتیجه بررسی شد",
        reference="هیئت ۱۴۰۳/۱",
        **NOW,
    )
    with pytest.raises(CertifiedError):
        uncertify_hand_count(uow, SECOND, SMALL.id, "president:IR", reason="minutes 13", **NOW)
    uncertify(
        uow,
        SECOND,
        SMALL.id,
        "president",
        "IR",
        reason="شمارش دستی بازبینی می‌شود",
        reference="هیئت ۱۴۰۳/۲",
        **NOW,
    )

    undone = uncertify_hand_count(uow, SECOND, SMALL.id, "president:IR", reason="minutes 13", **NOW)
    assert (undone.by, undone.cast) == ("tehrani", 900)
    with uow() as work:
        (entry,) = [e for e in work.events.entries() if e.event.type.value.endswith("uncertified")]
    logged = entry.event.details
    assert (entry.event.actor, entry.event.role, logged["reason"], logged["certified_by"]) == (
        "dovom",
        "supervisor",
        "minutes 13",
        "tehrani",
    )
    assert audit_status(uow, SMALL.id).certified == frozenset()
    (nation,) = show_results(uow, SMALL.id, contest="president").results
    assert (dict(nation.total.counts.votes), nation.corrected) == ({"21": 453, "25": 447}, None)
    (outcomes,) = decide_contests(uow, SMALL.id).contests
    assert outcomes.decided[0].outcome.elected == ("21",)
    with pytest.raises(HandCountPendingError):
        uncertify_hand_count(uow, SECOND, SMALL.id, "president:IR", reason="again", **NOW)
    # pending again: the board may certify it anew
    again = certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    assert again.votes == HAND.votes


def test_an_impossible_hand_count_is_refused_naming_each_problem_and_not_stored(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """F12 of the S18 review: 10 cast, 20 valid, 20 votes for 900 papers was stored, then
    could be neither certified nor entered again."""
    uow = new_unit_of_work
    _escalated(uow, counted=False)
    impossible = Counts(cast=10, valid=20, votes={"21": 10, "25": 5, "99": 5})
    with pytest.raises(HandCountInvalidError) as raised:
        record_hand_count(uow, SMALL.id, "president:IR", impossible, **NOW)
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("votes.99", "no candidate '99' stands in president:IR"),
        ("cast", "10 is not valid 20 + invalid 0"),
        (
            "cast",
            "10 cast, the manifest holds 900 papers, 890 not counted: count every container again",
        ),
    ]
    over = Counts(cast=1000, valid=1000, votes={"21": 500, "25": 500})
    with pytest.raises(HandCountInvalidError, match="1000 cast, the manifest holds 900"):
        record_hand_count(uow, SMALL.id, "president:IR", over, **NOW)
    negative = Counts(cast=900, valid=900, votes={"21": 901, "25": -1})
    with pytest.raises(HandCountInvalidError, match=r"votes\.25: -1 is negative"):
        record_hand_count(uow, SMALL.id, "president:IR", negative, **NOW)
    assert audit_status(uow, SMALL.id).hand_counts == ()
    record_hand_count(uow, SMALL.id, "president:IR", HAND, **NOW)


def test_a_full_hand_count_of_a_handful_of_papers_is_refused_recorded_or_replaced(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """R2 of the S18 re-attack: 1 paper of 900 counted, all for the reported loser, was
    recorded, replaced by 3 and certified, electing the loser."""
    uow = new_unit_of_work
    _escalated(uow, counted=False)
    handful = Counts(cast=1, valid=1, votes={"25": 1})
    with pytest.raises(HandCountInvalidError, match="1 cast, the manifest holds 900 papers, 899"):
        record_hand_count(uow, SMALL.id, "president:IR", handful, **NOW)
    assert audit_status(uow, SMALL.id).hand_counts == ()
    record_hand_count(uow, SMALL.id, "president:IR", HAND, **NOW)
    three = Counts(cast=3, valid=3, votes={"25": 3})
    with pytest.raises(HandCountInvalidError, match="3 cast, the manifest holds 900 papers, 897"):
        replace_hand_count(uow, BOARD, SMALL.id, "president:IR", three, reason=REASON, **NOW)


def test_a_pending_hand_count_is_replaced_or_withdrawn_by_the_board_never_a_certified_one(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    _escalated(uow)
    right = Counts(cast=900, valid=900, votes={"21": 440, "25": 460})
    with pytest.raises(AccessDeniedError):
        replace_hand_count(uow, PROVINCE, SMALL.id, "president:IR", right, reason=REASON, **NOW)
    with pytest.raises(ReasonMissingError):
        replace_hand_count(uow, BOARD, SMALL.id, "president:IR", right, reason=" ", **NOW)
    wrong = Counts(cast=900, valid=900, votes={"21": 440, "25": 440})
    with pytest.raises(HandCountInvalidError, match="the votes add up to 880"):
        replace_hand_count(uow, BOARD, SMALL.id, "president:IR", wrong, reason=REASON, **NOW)
    replace_hand_count(uow, BOARD, SMALL.id, "president:IR", right, reason=REASON, **NOW)
    (kept,) = audit_status(uow, SMALL.id).hand_counts
    assert dict(kept.counts.votes) == {"21": 440, "25": 460}
    (logged,) = [d for t, d in _events(uow) if t == "audit-hand-count-replaced"]
    assert (logged["reason"], logged["withdrawn"]["cast"], logged["counts"]["valid"]) == (  # type: ignore[index]
        REASON,
        900,
        900,
    )
    certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    with pytest.raises(HandCountCertifiedError):
        replace_hand_count(uow, BOARD, SMALL.id, "president:IR", None, reason=REASON, **NOW)
    uncertify_hand_count(uow, SECOND, SMALL.id, "president:IR", reason=REASON, **NOW)
    replace_hand_count(uow, BOARD, SMALL.id, "president:IR", None, reason=REASON, **NOW)
    assert audit_status(uow, SMALL.id).hand_counts == ()
    with pytest.raises(HandCountNotRecordedError):
        replace_hand_count(uow, BOARD, SMALL.id, "president:IR", None, reason=REASON, **NOW)
    record_hand_count(uow, SMALL.id, "president:IR", HAND, **NOW)


def test_a_certified_hand_count_uncertified_or_recertified_by_sql_is_refused(
    engine: Engine,
) -> None:
    """The log to the store (the outsider's F3 of session 24): a certified hand count put back
    to pending by hand, with no entry undoing it, is refused; so is one certified again by hand
    after the log records its undoing."""

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=TEST_NOW)

    _escalated(uow)
    certify_hand_count(uow, BOARD, SMALL.id, "president:IR", reason=REASON, **NOW)
    with engine.connect() as connection:
        kept = connection.execute(select(AuditHandCountRow)).one()._asdict()
    certified = {k: kept[k] for k in kept if k.startswith(("certified", "log_", "reason", "audit"))}
    pending = {**dict.fromkeys(certified), "status": "pending-certification"}
    with engine.begin() as connection:
        connection.execute(update(AuditHandCountRow).values(**pending))
    with pytest.raises(UnrecordedDecisionError, match="holds no certified hand count"):
        show_results(uow, SMALL.id)
    with engine.begin() as connection:
        connection.execute(update(AuditHandCountRow).values(status="certified", **certified))
    show_results(uow, SMALL.id)  # as the log left it, believed again
    uncertify_hand_count(uow, SECOND, SMALL.id, "president:IR", reason="minutes 13", **NOW)
    with engine.begin() as connection:
        connection.execute(update(AuditHandCountRow).values(status="certified", **certified))
    with pytest.raises(UnrecordedDecisionError, match="held certified, but entry"):
        show_results(uow, SMALL.id)

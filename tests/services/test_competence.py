"""Which body decides what (issue 12, section 2): only the competent body's accounts void,
certify or approve electronic voting in a contest; a refusal names the body required in Persian
and English and is logged; an approval is a recorded decision in the hash chain. On the in-memory
fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, delete, update

from sandogh.core.access import Body, Grant, Role
from sandogh.core.definition.model import VotingMode
from sandogh.core.log import Checkpoint, Disposition, EventType
from sandogh.core.log.verify import verify
from sandogh.core.supervision import Decision, StationVoid
from sandogh.core.supervision.modes import ModeApprovalError
from sandogh.locale import to_persian_digits
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.certifications import certify, uncertify
from sandogh.services.competence import WrongBodyError
from sandogh.services.days import day_of
from sandogh.services.devices import EnrolmentError, EnrolmentRefusal, enrol_device
from sandogh.services.lot_commitments import commit_lot
from sandogh.services.mode_approvals import (
    AlreadyApprovedError,
    approve_mode,
    recorded_approvals,
    unapproved_at,
)
from sandogh.services.outcome_decisions import draw_lot
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results
from sandogh.services.unrecorded import UnrecordedDecisionError
from sandogh.services.voids import void
from sandogh.store.tables import ModeApprovalRow
from sandogh.store.unit_of_work import SqlUnitOfWork

from .build import DEVICE, LATER, NOW, ST_1, ST_2, council, day, final, load, parliament, president

NewUnitOfWork = Callable[[], UnitOfWork]
DAY_2021 = day("day-1400", (president(False), parliament(False), council()), NOW.date())
GUARDIAN = Actor("nazer", Grant(Role.SUPERVISOR, "IR", Body.GUARDIAN_COUNCIL))
MAJLIS = Actor("majlesi", Grant(Role.SUPERVISOR, "IR", Body.MAJLIS))
BEFORE_0017 = Actor("qadimi", Grant(Role.SUPERVISOR, "IR"))  # no body recorded
ADMIN = Actor("root", Grant(Role.ADMIN, "IR"))  # an administrator records no body
BOUGHT = Decision("vote buying proven", "هیات نظارت ۱۴۰۰/۷")
SECRET = "راز هیئت نظارت ۱۴۰۰ — 9f3a71c2e5"


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, DAY_2021, approved=False)
    return new_unit_of_work


def _denied(uow: NewUnitOfWork) -> list[dict[str, object]]:
    with uow() as work:
        return [
            dict(e.event.details)
            for e in work.events.entries()
            if e.event.type is EventType.ACCESS_DENIED
        ]


def test_the_wrong_body_is_refused_certifying_and_the_competent_one_certifies(
    uow: NewUnitOfWork,
) -> None:
    votes = {"president": [("21",)], "parliament": [("31",)], "council": [("51",)]}
    sheets = [s for st in (ST_1, ST_2) for s in final(DAY_2021, st, DEVICE, votes).sheets]
    import_results(uow, DAY_2021.id, sheets, now=NOW)

    with pytest.raises(WrongBodyError) as refused:
        certify(
            uow,
            MAJLIS,
            DAY_2021.id,
            "parliament",
            "P1",
            reason="نتیجه بررسی شد",
            reference="هیئت ۱۴۰۳/۱",
            now=LATER,
        )
    assert refused.value.required is Body.GUARDIAN_COUNCIL
    assert "هیئت‌های نظارت شورای نگهبان" in refused.value.fa
    assert "the Guardian Council's supervisory boards" in refused.value.en
    assert "مجلس" in refused.value.fa  # the contest, by its Persian name
    with pytest.raises(WrongBodyError, match="Majlis's supervisory boards"):
        certify(
            uow,
            GUARDIAN,
            DAY_2021.id,
            "council",
            reason="نتیجه بررسی شد",
            reference="هیئت ۱۴۰۳/۱",
            now=LATER,
        )
    with pytest.raises(WrongBodyError):  # a box voided in every contest touches the council's
        void(uow, GUARDIAN, DAY_2021.id, StationVoid(ST_1, None, BOUGHT), now=LATER)
    assert [(d["action"], d["contest"], d["body"], d["required"]) for d in _denied(uow)] == [
        ("certify", "parliament", "majlis", "guardian-council"),
        ("certify", "council", "guardian-council", "majlis"),
        ("void", "council", "guardian-council", "majlis"),
    ]

    assert (
        certify(
            uow,
            GUARDIAN,
            DAY_2021.id,
            "parliament",
            "P1",
            reason="نتیجه بررسی شد",
            reference="هیئت ۱۴۰۳/۱",
            now=LATER,
        ).by
        == "nazer"
    )
    assert (
        certify(
            uow,
            MAJLIS,
            DAY_2021.id,
            "council",
            reason="نتیجه بررسی شد",
            reference="هیئت ۱۴۰۳/۱",
            now=LATER,
        ).by
        == "majlesi"
    )
    # an account that records no body acts for the Guardian Council (core.access.bodies)
    void(uow, BEFORE_0017, DAY_2021.id, StationVoid(ST_2, "president", BOUGHT), now=LATER)
    with pytest.raises(WrongBodyError):
        void(uow, BEFORE_0017, DAY_2021.id, StationVoid(ST_2, "council", BOUGHT), now=LATER)


def test_electronic_voting_is_approved_per_constituency_by_the_competent_body_and_logged(
    uow: NewUnitOfWork,
) -> None:
    def missing(station: str) -> list[tuple[str, str]]:
        with uow() as work:
            day = day_of(work, DAY_2021.id)
            return [(u.contest, u.constituency) for u in unapproved_at(work, day, station)]

    everything = [("president", "IR"), ("parliament", "P1"), ("council", "C1")]
    assert missing(ST_1) == everything  # the definition's electronic station, nothing approved
    box = DEVICE.public_key.raw.hex()
    with pytest.raises(EnrolmentError) as refused:  # the centre refuses the box
        enrol_device(uow, election_id=DAY_2021.id, station=ST_1, public_key_hex=box, now=NOW)
    assert refused.value.reason is EnrolmentRefusal.MODE_NOT_APPROVED

    with pytest.raises(WrongBodyError, match="Majlis's supervisory boards"):
        approve_mode(uow, GUARDIAN, None, "council", "C1", reference="۱۴۰۰/۳", now=LATER)
    with pytest.raises(ModeApprovalError) as bad:
        approve_mode(
            uow, GUARDIAN, None, "president", "P9", reference=" ", mode=VotingMode.PAPER, now=LATER
        )
    assert [p.path for p in bad.value.problems] == ["constituency", "mode", "reference"]

    made = approve_mode(uow, GUARDIAN, None, "president", "IR", reference="۱۴۰۰/۱", now=LATER)
    with pytest.raises(AlreadyApprovedError, match="۱۴۰۰/۱"):
        approve_mode(uow, GUARDIAN, None, "president", "IR", reference="۱۴۰۰/۹", now=LATER)
    approve_mode(uow, GUARDIAN, None, "parliament", "P1", reference="۱۴۰۰/۲", now=LATER)
    assert missing(ST_1) == [("council", "C1")]
    approve_mode(uow, MAJLIS, None, "council", "C1", reference="۱۴۰۰/۳", now=LATER)
    assert missing(ST_1) == missing(ST_2) == []
    enrol_device(uow, election_id=DAY_2021.id, station=ST_1, public_key_hex=box, now=NOW)

    with uow() as work:
        entries = list(work.events.entries())
        stored = work.mode_approvals.of_election(DAY_2021.id)
        asked = [("president", "IR"), ("council", "C1"), ("council", "C9")]
        places = work.mode_approvals.in_constituencies(DAY_2021.id, asked)
        assert work.mode_approvals.in_constituencies(DAY_2021.id, []) == []
    assert places == [stored[0], stored[2]]  # those asked that are approved, in order
    assert verify(entries, Checkpoint(made.logged.sequence, made.logged.hash)).ok
    (logged,) = [e for e in entries if e.sequence == made.logged.sequence]
    assert logged.hash == made.logged.hash
    assert [(r.approval.contest, r.approval.body) for r in stored] == [
        ("council", Body.MAJLIS),
        ("parliament", Body.GUARDIAN_COUNCIL),
        ("president", Body.GUARDIAN_COUNCIL),
    ]
    assert stored[2] == made
    assert logged.event.type is EventType.VOTING_MODE_APPROVED
    assert logged.event.disposition is Disposition.DONE
    assert dict(logged.event.details) == {
        "election": DAY_2021.id,
        "contest": "president",
        "constituency": "IR",
        "mode": "electronic",
        "body": "guardian-council",
        "reference": "۱۴۰۰/۱",
        "acting_at": "IR",
    }
    assert [d["required"] for d in _denied(uow)] == ["majlis"]


def test_an_administrator_takes_no_supervisory_decision_and_each_refusal_is_logged(
    uow: NewUnitOfWork,
) -> None:
    """Second review of issue 12, R4: an `admin` grant records no body and was taken for the
    Guardian Council's boards — it committed and drew a lot (naming no drawer) and certified.
    Now each supervisory decision refuses it, logged as ACCESS_DENIED, and the competent board
    still decides."""
    decisions = {
        "certify": lambda: certify(
            uow,
            ADMIN,
            DAY_2021.id,
            "parliament",
            "P1",
            reason="نتیجه بررسی شد",
            reference="هیئت ۱۴۰۳/۱",
            now=LATER,
        ),
        "uncertify": lambda: uncertify(
            uow, ADMIN, DAY_2021.id, "parliament", "P1", reason="x", reference="y", now=LATER
        ),
        "void": lambda: void(
            uow, ADMIN, DAY_2021.id, StationVoid(ST_1, "president", BOUGHT), now=LATER
        ),
        "commit": lambda: commit_lot(uow, ADMIN, DAY_2021.id, None, secret=SECRET, now=NOW),
        "draw": lambda: draw_lot(
            uow, ADMIN, DAY_2021.id, "parliament", "P1", secret=SECRET, drawn_by=["الف"], now=LATER
        ),
        "approve": lambda: approve_mode(
            uow, ADMIN, None, "president", "IR", reference="۱۴۰۰/۱", now=LATER
        ),
    }
    for name, decide in decisions.items():
        with pytest.raises(AccessDeniedError, match="root \\(admin at IR\\) may not") as refused:
            decide()
        assert not isinstance(refused.value, WrongBodyError), name  # refused its role, not body
    with uow() as work:
        denied = [
            (e.event.actor, e.event.role, e.event.details["action"])
            for e in work.events.entries()
            if e.event.type is EventType.ACCESS_DENIED
        ]
        assert not work.certifications.in_force(DAY_2021.id)
        assert not work.voids.all(DAY_2021.id)
        assert not work.mode_approvals.of_election(DAY_2021.id)
    assert denied == [("root", "admin", "void" if n == "void" else "certify") for n in decisions]
    # the competent board does what the administrator may not
    assert (
        commit_lot(uow, GUARDIAN, DAY_2021.id, "parliament", secret=SECRET, now=NOW).by == "nazer"
    )
    made = approve_mode(uow, GUARDIAN, None, "president", "IR", reference="۱۴۰۰/۱", now=LATER)
    assert made.approval.by == "nazer"


def test_an_approval_deleted_changed_or_written_by_hand_is_refused(engine: Engine) -> None:
    """The outsider's N1 of session 25 in the approvals' register: its rows named their entries,
    but nothing held the log to the rows; one deleted, changed or added by hand is refused by
    every reader (the console's decisions, the box's enrolment), naming the entry."""

    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, DAY_2021, approved=False)
    made = approve_mode(uow, GUARDIAN, None, "president", "IR", reference="۱۴۰۰/۱", now=LATER)
    at = made.logged.sequence

    def refused(match: str) -> None:
        with uow() as work, pytest.raises(UnrecordedDecisionError, match=match) as raised:
            recorded_approvals(work, DAY_2021.id)
        assert f"تأیید شیوه رأی‌گیری رویداد {to_persian_digits(str(at))}" in raised.value.fa
        with uow() as work, pytest.raises(UnrecordedDecisionError):
            unapproved_at(work, day_of(work, DAY_2021.id), ST_1)

    with uow() as work:
        assert recorded_approvals(work, DAY_2021.id) == [made]
    with engine.begin() as connection:
        connection.execute(update(ModeApprovalRow).values(reference="۱۴۰۰/۹"))
    refused("۱۴۰۰/۹")
    with engine.begin() as connection:
        connection.execute(update(ModeApprovalRow).values(reference="۱۴۰۰/۱", constituency="P1"))
        connection.execute(update(ModeApprovalRow).values(contest="parliament"))
    refused("records contest 'president', not 'parliament'")
    with engine.begin() as connection:
        connection.execute(delete(ModeApprovalRow))
    refused(f"the store holds no mode approval that entry {at} records")

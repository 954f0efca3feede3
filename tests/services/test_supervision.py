"""Voids and certifications: results recount at once, rights by role and place, certification
freezes its inputs; on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.definition.geography import Geography
from sandogh.core.log import Disposition, EventType
from sandogh.core.supervision import (
    CandidateVoid,
    CertificationDecisionError,
    ConstituencyVoid,
    Decision,
    StationVoid,
    input_digest,
)
from sandogh.formats.definition_file import definition_hash
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.certifications import (
    AlreadyCertifiedError,
    CertifiedError,
    IncompleteResultsError,
    NotCertifiedError,
    certify,
    uncertify,
)
from sandogh.services.ingest import ingest_report
from sandogh.services.outcomes import decide_contests
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError
from sandogh.services.results import import_results, show_results
from sandogh.services.voids import void

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    ST_2,
    ST_3,
    enrol,
    final,
    load,
    open_station,
)
from .build import signed as signed_report

NewUnitOfWork = Callable[[], UnitOfWork]
VOTES: Mapping[str, Mapping[str, Sequence[tuple[str, ...]]]] = {
    ST_1: {
        "president": [("21",), ("21",), ("21",), ("25",)],
        "parliament": [("31", "32"), ("31",), ("33",), ("32",)],
    },
    ST_2: {
        "president": [("21",), ("21",), ("25",), ("25",)],
        "parliament": [("31",), ("32", "33"), (), ("34",)],
    },
    ST_3: {"president": [("21",), ("25",)], "parliament": [("41",), ("42",)]},
}
BOUGHT = Decision("vote buying proven", "هیات نظارت استان ۱۴۰۳/۲۱")
SUPERVISOR = Actor("hoseini", Grant(Role.SUPERVISOR, "IR-08"))
#: the board's reason and decision reference, as a certification and its undoing carry them
CERTIFYING = {"reason": "نتیجه بررسی شد", "reference": "هیئت ۱۴۰۳/۱"}
UNDOING = {"reason": "شکایت نامزد", "reference": "هیئت ۱۴۰۳/۲"}


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    return new_unit_of_work


def _import(uow: NewUnitOfWork, *stations: str, contests: Sequence[str] = ()) -> None:
    sheets = [
        sheet
        for station in stations
        for sheet in final(ROUND_2_DAY, station, DEVICE, VOTES[station]).sheets
        if not contests or sheet.contest in contests
    ]
    import_results(uow, ROUND_2, sheets, now=NOW)


def _entries(uow: NewUnitOfWork) -> list[tuple[str, str, str, str, str]]:
    with uow() as work:
        return [
            (e.event.type.value, e.event.actor, e.event.role, e.event.place, e.event.disposition)
            for e in work.events.entries()
        ]


def test_voiding_a_candidates_votes_recounts_results_and_outcome(uow: NewUnitOfWork) -> None:
    _import(uow, ST_1, ST_2, ST_3)
    (before,) = decide_contests(uow, ROUND_2, contest="president").contests[0].decided
    assert before.outcome.elected == ("21",)  # 6 of 10 ballots cast

    done = void(
        uow, SUPERVISOR, ROUND_2, CandidateVoid("president", "21", (ST_1, ST_2), BOUGHT), now=LATER
    )
    assert (done.effect.boxes, done.effect.ballots, done.effect.votes) == (2, 5, {"21": 5})

    (county,) = show_results(uow, ROUND_2, unit="IR-08-0801", contest="president").results
    c = county.total.counts
    assert (dict(c.votes), c.valid, c.cast, c.void) == ({"21": 0, "25": 3}, 3, 3, 5)
    assert [(e.boxes, e.votes) for e in county.voided] == [(2, {"21": 5})]
    assert county.stations_voided == 0  # the boxes stand; only 21's votes in them are void
    view = show_results(uow, ROUND_2, unit="IR-08", contest="president")
    (province,) = view.results
    assert dict(province.total.counts.votes) == {"21": 1, "25": 4}
    assert (province.total.counts.cast, province.total.stations_reported) == (5, 3)
    assert view.findings == ()
    (after,) = decide_contests(uow, ROUND_2, contest="president").contests[0].decided
    assert after.outcome.elected == ("25",)  # more than half of the 5 ballots still cast
    assert [e.ballots for e in after.voided] == [5]

    with uow() as work:
        event = list(work.events.entries())[-1].event
    assert (event.type.value, event.actor, event.role, event.place) == (
        "candidate-votes-voided",
        "hoseini",
        "supervisor",
        "IR-08-0801",
    )
    assert event.details["votes"] == {"21": 5}
    assert event.details["acting_at"] == "IR-08"
    assert event.details["reference"] == BOUGHT.reference


def test_only_supervisors_void_and_only_within_their_place(uow: NewUnitOfWork) -> None:
    """An administrator voids no more (R4): the supervisory bodies decide, the admin administers."""
    _import(uow, ST_1, ST_2, ST_3)
    box = StationVoid(ST_3, "president", Decision("no seal", "هیات ۷"))
    for role in Role:
        actor = Actor(f"op-{role}", Grant(role, "IR-08"))
        if role is Role.SUPERVISOR:
            void(uow, actor, ROUND_2, box, now=LATER)
        else:
            with pytest.raises(AccessDeniedError, match=f"may not void at {ST_3}"):
                void(uow, actor, ROUND_2, box, now=LATER)
    elsewhere = Actor("kermani", Grant(Role.SUPERVISOR, "IR-08-0801"))
    with pytest.raises(AccessDeniedError):
        void(uow, elsewhere, ROUND_2, box, now=LATER)

    with uow() as work:
        assert len(work.voids.all(ROUND_2)) == 1
    denied = [e for e in _entries(uow) if e[0] == "access-denied"]
    assert len(denied) == len(Role) - 1 + 1  # each other role, and the supervisor elsewhere
    assert ("access-denied", "op-admin", "admin", ST_3, "denied") in denied
    assert all(
        place == ST_3 and disposition == Disposition.DENIED for *_, place, disposition in denied
    )
    assert ("access-denied", "kermani", "supervisor", ST_3, "denied") in denied


def test_a_voided_box_counts_as_reported_and_voided(uow: NewUnitOfWork) -> None:
    _import(uow, ST_1, ST_2, ST_3)
    void(uow, SUPERVISOR, ROUND_2, StationVoid(ST_3, None, BOUGHT), now=LATER)
    view = show_results(uow, ROUND_2, unit="IR-08")
    president, parliament = view.results
    assert (president.total.stations_reported, president.stations_voided) == (3, 1)
    assert (president.total.counts.cast, president.total.counts.void) == (8, 2)
    assert president.total.counts.papers_used == 10  # the voters came; their papers were used
    assert parliament.stations_voided == 1
    assert view.findings == ()


def test_a_voided_constituency_elects_nobody(uow: NewUnitOfWork) -> None:
    _import(uow, ST_1, ST_2, ST_3)
    void(uow, SUPERVISOR, ROUND_2, ConstituencyVoid("parliament", "P2", BOUGHT), now=LATER)
    p1, p2 = decide_contests(uow, ROUND_2, contest="parliament").contests[0].decided
    assert p1.outcome.elected == ("31", "32")
    assert p2.outcome.elected == ()
    assert [r.key for r in p2.outcome.reasons] == ["constituency-voided"]
    assert [(e.boxes, e.ballots) for e in p2.voided] == [(1, 2)]


def test_certifying_freezes_its_inputs_until_a_higher_grant_undoes_it(uow: NewUnitOfWork) -> None:
    enrol(uow, ST_3, DEVICE_3)
    open_station(uow, ROUND_2_DAY, ST_3, DEVICE_3)
    kerman = Actor("kermani", Grant(Role.SUPERVISOR, "IR-08-0801"))
    bam = Actor("bami", Grant(Role.SUPERVISOR, "IR-08-0802"))
    _import(uow, ST_1, ST_2)
    national = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))
    with pytest.raises(IncompleteResultsError, match="only 2 of 3 stations"):
        certify(uow, national, ROUND_2, "president", **CERTIFYING, now=LATER)
    with pytest.raises(AccessDeniedError):
        certify(uow, kerman, ROUND_2, "parliament", "P2", **CERTIFYING, now=LATER)

    with pytest.raises(CertificationDecisionError) as unworded:  # issue 13: as a void's
        certify(uow, kerman, ROUND_2, "parliament", "P1", reason="...", reference="-", now=LATER)
    assert [p.path for p in unworded.value.problems] == ["reason", "reference"]
    made = certify(uow, kerman, ROUND_2, "parliament", "P1", **CERTIFYING, now=LATER)
    assert (made.reason, made.reference) == tuple(CERTIFYING.values())
    with uow() as work:
        sheets = list(work.tallies.all(ROUND_2))
    geography = Geography.of(ROUND_2_DAY)
    expected = input_digest(
        geography, definition_hash(ROUND_2_DAY), "parliament", "P1", sheets=sheets, voids=[]
    )
    assert made.digest == expected
    with pytest.raises(AlreadyCertifiedError):
        certify(uow, SUPERVISOR, ROUND_2, "parliament", "P1", **CERTIFYING, now=LATER)

    # Frozen: a void, an import or a report touching parliament in P1 is refused.
    in_p1 = CandidateVoid("parliament", "31", (ST_1,), BOUGHT)
    with pytest.raises(CertifiedError, match="constituency P1"):
        void(uow, SUPERVISOR, ROUND_2, in_p1, now=LATER)
    with pytest.raises(CertifiedError, match="importing 1 sheet"):
        _import(uow, ST_1, contests=["parliament"])
    void(uow, SUPERVISOR, ROUND_2, StationVoid(ST_1, "president", BOUGHT), now=LATER)  # not frozen

    _import(uow, ST_3)
    certify(uow, bam, ROUND_2, "parliament", "P2", **CERTIFYING, now=LATER)
    report = signed_report(final(ROUND_2_DAY, ST_3, DEVICE_3, VOTES[ST_3]), DEVICE_3)
    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(uow, signed=report, now=LATER)
    assert refused.value.reason is ReportRefusal.CERTIFIED
    assert [p.path for p in refused.value.problems] == ["sheets[parliament]"]
    assert refused.value.incident is not None
    assert refused.value.incident.kind is IncidentKind.REFUSED_REPORT

    # Undoing needs a grant above the certifier's that may certify there.
    for lower in (
        Actor("other", Grant(Role.SUPERVISOR, "IR-08-0801")),
        Actor("hq", Grant(Role.PROVINCIAL_HQ, "IR-08")),
    ):
        with pytest.raises(AccessDeniedError):
            uncertify(uow, lower, ROUND_2, "parliament", "P1", **UNDOING, now=LATER)
    # review S19, F2 and issue 13: why, in words, and by which decision of the board
    for reason, reference in ((" ", "هیئت ۱۴۰۳/۲"), ("شکایت", "..."), ("ـ", "")):
        with pytest.raises(CertificationDecisionError, match="an undoing of a certification"):
            uncertify(
                uow,
                SUPERVISOR,
                ROUND_2,
                *("parliament", "P1"),
                reason=reason,
                reference=reference,
                now=LATER,
            )
    undone = uncertify(uow, SUPERVISOR, ROUND_2, "parliament", "P1", **UNDOING, now=LATER)
    assert undone.certification == made
    assert (undone.by, undone.role, undone.place) == ("hoseini", "supervisor", "IR-08")
    with uow() as work:
        certified = work.events.of_type(EventType.RESULT_CERTIFIED, ROUND_2)[0].event.details
        (undoing,) = work.events.of_type(EventType.CERTIFICATION_UNDONE, ROUND_2)
        stored = work.certifications.records(ROUND_2)[0]
    assert {k: certified[k] for k in CERTIFYING} == CERTIFYING
    assert {k: undoing.event.details[k] for k in UNDOING} == UNDOING
    assert stored.logged is not None  # the undoing names the certification's entry, and is named
    assert undoing.event.details["certification"] == stored.logged.sequence
    assert stored.undo_logged is not None
    assert (stored.undone, stored.undo_logged.sequence) == (undone, undoing.sequence)
    with pytest.raises(NotCertifiedError):
        uncertify(uow, SUPERVISOR, ROUND_2, "parliament", "P1", **UNDOING, now=LATER)
    void(uow, SUPERVISOR, ROUND_2, in_p1, now=LATER)

    view = show_results(uow, ROUND_2, unit="IR-08", contest="parliament")
    assert [(c.contest, c.constituency, c.by) for c in view.tallied.certifications] == [
        ("parliament", "P2", "bami")
    ]
    assert view.tallied.undone == (undone,)  # kept, with who undid it, when and why
    p1, p2 = decide_contests(uow, ROUND_2, contest="parliament").contests[0].decided
    assert p1.certified is None
    assert p2.certified is not None
    kinds = [e[0] for e in _entries(uow)]
    assert kinds.count("result-certified") == 2
    assert kinds.count("certification-undone") == 1
    assert kinds.count("access-denied") == 3

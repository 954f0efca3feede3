"""In an end-to-end verifiable election the centre refuses a box's final report that commits to
no chain (docs/e2e.md §7): such a report would take its station out of the E2E record, its
figures checked by nothing (the review's attack: a box re-signs its final report without `e2e`,
500 votes moved, and the publisher lists it as `no-e2e`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sandogh.core.anchor import E2EKeys
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.report import E2ECommitment
from sandogh.locale.messages import EN, FA
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.enrolment import Enrolment
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import UnitOfWork
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError
from tests.e2e_build import ceremony

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    enrol,
    final,
    load,
    register_station_staff,
    runoff_with_box,
    seal_record,
    signed,
    zero,
)

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    """ROUND_2, ST_1's box enrolled and its zero report in; no ceremony yet."""
    runoff_with_box(new_unit_of_work)
    ingest_report(new_unit_of_work, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    return new_unit_of_work


def _load_ceremony(uow: NewUnitOfWork) -> None:
    with uow() as work:
        definition_hash = work.elections.hash_of(ROUND_2)
    assert definition_hash is not None
    load_ceremony(uow, election_id=ROUND_2, record=ceremony(ROUND_2, definition_hash).data, now=NOW)


def test_a_final_report_without_e2e_is_refused_once_the_election_is_e2e(
    uow: NewUnitOfWork,
) -> None:
    _load_ceremony(uow)

    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(
            uow, signed=signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE), now=LATER
        )

    assert refused.value.reason is ReportRefusal.NOT_E2E
    assert "e2e: missing" in str(refused.value)
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_1, "final") is None
        assert [i.details["reason"] for i in work.incidents.all(ROUND_2)] == ["not-e2e"]
    assert "refused_not_e2e" in FA
    assert "refused_not_e2e" in EN


def test_a_final_report_without_e2e_is_taken_in_an_election_without_e2e(uow: NewUnitOfWork) -> None:
    report = final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES)
    ingest_report(uow, signed=signed(report, DEVICE), now=LATER)  # no ceremony, no sealed key
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_1, "final") is not None


def test_a_final_report_without_e2e_is_refused_when_the_sealed_record_carries_the_key(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """No ceremony record at the centre, but the guardians' key sealed before polls opened: the
    boxes were enrolled to encrypt, and a plain final report is refused all the same."""
    uow = new_unit_of_work
    runoff_with_box(uow)
    seal_record(uow, ROUND_2, E2EKeys("sha256:" + "12" * 32, "ab" * 32, "cd" * 32))
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)

    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(
            uow, signed=signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE), now=LATER
        )

    assert refused.value.reason is ReportRefusal.NOT_E2E


def _semi_electronic(election: Election, station: str) -> Election:
    """`election` with `station` voting semi-electronically: its box checks voters in, its
    ballots are marked on paper and counted by hand (Kerman's province, mostly)."""
    units = tuple(
        dataclasses.replace(
            u,
            station=dataclasses.replace(u.station, mode=VotingMode.SEMI_ELECTRONIC),
        )
        if u.code == station and u.station is not None
        else u
        for u in election.units
    )
    return dataclasses.replace(election, units=units)


MIXED = _semi_electronic(ROUND_2_DAY, ST_1)


def _mixed_day(uow: NewUnitOfWork) -> Enrolment:
    """MIXED loaded, its ceremony record in, and ST_1's semi-electronic box enrolled, its zero
    report taken."""
    load(uow, MIXED)
    with uow() as work:
        definition_hash = work.elections.hash_of(ROUND_2)
    assert definition_hash is not None
    load_ceremony(uow, election_id=ROUND_2, record=ceremony(ROUND_2, definition_hash).data, now=NOW)
    enrolled = enrol(uow, ST_1, DEVICE)
    register_station_staff(uow, ROUND_2, ST_1)
    ingest_report(uow, signed=signed(zero(MIXED, ST_1, DEVICE), DEVICE), now=NOW)
    return enrolled


def test_a_semi_electronic_station_of_an_e2e_election_reports_on_paper(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The old failure: the centre sent a semi-electronic box the E2E keys and refused its paper
    final report as `not-e2e`, so Kerman's paper ballots could not be reported at all. Its box
    is now sent no key, and its final report, committing to no chain, is taken."""
    uow = new_unit_of_work
    enrolled = _mixed_day(uow)

    taken = ingest_report(
        uow, signed=signed(final(MIXED, ST_1, DEVICE, RUNOFF_VOTES), DEVICE), now=LATER
    )

    assert enrolled.mode is VotingMode.SEMI_ELECTRONIC
    assert enrolled.e2e is None
    assert taken.sheets == 2
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_1, "final") is not None
    electronic = enrol(uow, ST_2, DEVICE_3)
    assert electronic.e2e is not None  # the electronic station's box encrypts


def test_a_semi_electronic_final_report_committing_to_a_chain_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """A box of a paper-ballot station that commits to a chain anyway commits to ballots it
    never took: refused, so the record holds chains of the electronic stations alone."""
    uow = new_unit_of_work
    _mixed_day(uow)
    commitment = E2ECommitment("ab" * 32, "cd" * 32)
    report = dataclasses.replace(final(MIXED, ST_1, DEVICE, RUNOFF_VOTES), e2e=commitment)

    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(uow, signed=signed(report, DEVICE), now=LATER)

    assert refused.value.reason is ReportRefusal.NONCONFORMING
    assert "votes semi-electronic" in str(refused.value)

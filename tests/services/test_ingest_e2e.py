"""In an end-to-end verifiable election the centre refuses a box's final report that commits to
no chain (docs/e2e.md §7): such a report would take its station out of the E2E record, its
figures checked by nothing (the review's attack: a box re-signs its final report without `e2e`,
500 votes moved, and the publisher lists it as `no-e2e`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.anchor import E2EKeys
from sandogh.locale.messages import EN, FA
from sandogh.services.devices import enrol_device
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import UnitOfWork
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError
from tests.e2e_build import ceremony

from .build import (
    DEVICE,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    final,
    load,
    register_station_staff,
    seal_record,
    signed,
    zero,
)

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    """ROUND_2, ST_1's box enrolled and its zero report in; no ceremony yet."""
    load(new_unit_of_work, ROUND_2_DAY)
    enrol_device(
        new_unit_of_work,
        election_id=ROUND_2,
        station=ST_1,
        public_key_hex=DEVICE.public_key.raw.hex(),
        now=NOW,
    )
    register_station_staff(new_unit_of_work, ROUND_2, ST_1)
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
    load(uow, ROUND_2_DAY)
    key = DEVICE.public_key.raw.hex()
    enrol_device(uow, election_id=ROUND_2, station=ST_1, public_key_hex=key, now=NOW)
    register_station_staff(uow, ROUND_2, ST_1)
    seal_record(uow, ROUND_2, E2EKeys("sha256:" + "12" * 32, "ab" * 32, "cd" * 32))
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)

    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(
            uow, signed=signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE), now=LATER
        )

    assert refused.value.reason is ReportRefusal.NOT_E2E

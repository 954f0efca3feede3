"""Loading the guardians' ceremony record into the centre: once, of this election and definition,
checked; the enrolment then carries its context (docs/e2e.md §5, §7)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.services.e2e_ceremony import CeremonyLoadError, CeremonyRefusal, load_ceremony
from sandogh.services.ports import UnitOfWork
from tests.e2e_build import ceremony

from .build import (
    DEVICE,
    NOW,
    ROUND_1,
    ROUND_1_DAY,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    enrol,
    event_types,
    load,
)

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_1_DAY, ROUND_2_DAY)
    return new_unit_of_work


def _hash(uow: NewUnitOfWork, election: str) -> str:
    with uow() as work:
        found = work.elections.hash_of(election)
    assert found is not None
    return found


def _refused(uow: NewUnitOfWork, record: bytes) -> CeremonyRefusal:
    with pytest.raises(CeremonyLoadError) as refused:
        load_ceremony(uow, election_id=ROUND_2, record=record, now=NOW)
    return refused.value.reason


def test_a_record_is_loaded_once_and_reaches_the_boxes(uow: NewUnitOfWork) -> None:
    guardians = ceremony(ROUND_2, _hash(uow, ROUND_2))

    stored = load_ceremony(uow, election_id=ROUND_2, record=guardians.data, now=NOW)
    again = load_ceremony(uow, election_id=ROUND_2, record=guardians.data, now=NOW)

    assert again == stored
    assert (stored.joint_key, stored.extended_hash) == (
        guardians.record.joint_key.hex(),
        guardians.record.extended_hash.hex(),
    )
    assert event_types(uow).count("e2e-ceremony-loaded") == 1
    enrolment = enrol(uow, ST_1, DEVICE)
    assert enrolment.e2e == (stored.joint_key, stored.extended_hash)


def test_a_record_of_another_election_another_ceremony_or_none_is_refused(
    uow: NewUnitOfWork,
) -> None:
    other = ceremony(ROUND_1, _hash(uow, ROUND_1))
    assert _refused(uow, other.data) is CeremonyRefusal.OTHER_ELECTION
    assert _refused(uow, b"{}") is CeremonyRefusal.MALFORMED
    load_ceremony(
        uow, election_id=ROUND_2, record=ceremony(ROUND_2, _hash(uow, ROUND_2)).data, now=NOW
    )
    second = ceremony(ROUND_2, _hash(uow, ROUND_2), seed=2)
    assert _refused(uow, second.data) is CeremonyRefusal.LOADED

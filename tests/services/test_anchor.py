"""The pre-election record drafted from the store, signed, sealed and amended, and the centre
refusing what it does not cover; on the in-memory fake, SQLite and PostgreSQL (issue 9, §2)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.anchor import (
    AMENDMENT_LINE,
    Body,
    Coverage,
    E2EKeys,
    decode_record,
    encode_amendment,
    next_amendment,
    sign_bytes,
    sign_record,
)
from sandogh.core.report import SigningKey, StaffRole
from sandogh.formats.definition_file import definition_hash
from sandogh.services.acting import Actor
from sandogh.services.anchor import (
    AnchorError,
    AnchorRefusal,
    add_signature,
    amend_record,
    draft_record,
    record_of,
    seal_record,
)
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import UnitOfWork
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError
from sandogh.services.staff import StaffError, StaffRefusal, register_staff
from tests.core.anchor.build import AUTHORITIES, BOARD_CHAIR, HQ_CHIEF, HQ_DEPUTY, SEALERS

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
    ST_3,
    enrol,
    event_types,
    final,
    load,
    register_station_staff,
    signed,
    station_staff,
    zero,
)
from .build import seal_record as sealed_by_officials

NewUnitOfWork = Callable[[], UnitOfWork]
FRESH_BOX = SigningKey.from_seed(b"F" * 32)


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    for key, station in ((DEVICE, ST_1), (DEVICE_3, ST_3)):
        enrol(new_unit_of_work, station, key)
    register_station_staff(new_unit_of_work, ROUND_2, ST_1, ST_2, ST_3)
    return new_unit_of_work


def _draft(uow: NewUnitOfWork) -> bytes:
    drafted = draft_record(
        uow, election_id=ROUND_2, authorities=AUTHORITIES, threshold=3, now=NOW, actor="hq-1"
    )
    return drafted.data


def test_the_record_is_drafted_from_the_store_signed_one_by_one_and_sealed(
    uow: NewUnitOfWork,
) -> None:
    record = decode_record(_draft(uow))
    assert (record.election, record.definition_hash) == (ROUND_2, definition_hash(ROUND_2_DAY))
    assert [s.station for s in record.stations] == [ST_1, ST_2, ST_3]
    assert record.station(ST_1).devices == (DEVICE.public_key,)  # type: ignore[union-attr]
    assert record.station(ST_2).devices == ()  # type: ignore[union-attr]
    assert {(s.role, s.key) for s in record.station(ST_3).staff} == {  # type: ignore[union-attr]
        (role, key.public_key) for role, key in station_staff(ST_3)
    }
    assert {a.body for a in record.authorities} == set(Body)

    for key in SEALERS[:2]:
        add_signature(uow, election_id=ROUND_2, signature=sign_record(record, key), now=NOW)
    with pytest.raises(AnchorError) as too_few:
        seal_record(uow, election_id=ROUND_2, now=NOW)
    assert too_few.value.reason is AnchorRefusal.TOO_FEW_SIGNATURES
    add_signature(uow, election_id=ROUND_2, signature=sign_record(record, SEALERS[2]), now=NOW)
    sealed = seal_record(uow, election_id=ROUND_2, now=NOW)

    assert sealed.sealed_at == NOW
    assert record_of(uow, election_id=ROUND_2)[0] == sealed
    assert event_types(uow)[-5:] == ["record-drafted", *["record-signed"] * 3, "record-sealed"]
    with pytest.raises(AnchorError) as again:
        _draft(uow)
    assert again.value.reason is AnchorRefusal.SEALED


def test_a_signature_by_a_non_official_or_over_other_bytes_is_refused(uow: NewUnitOfWork) -> None:
    record = decode_record(_draft(uow))
    for signature, reason in (
        (sign_record(record, DEVICE), AnchorRefusal.NOT_AN_OFFICIAL),
        (sign_bytes(AMENDMENT_LINE, _draft(uow), HQ_DEPUTY), AnchorRefusal.BAD_SIGNATURE),
    ):
        with pytest.raises(AnchorError) as refused:
            add_signature(uow, election_id=ROUND_2, signature=signature, now=NOW)
        assert refused.value.reason is reason
    assert record_of(uow, election_id=ROUND_2)[0].signatures == ()


def test_a_draft_replaced_drops_its_signatures(uow: NewUnitOfWork) -> None:
    record = decode_record(_draft(uow))
    add_signature(uow, election_id=ROUND_2, signature=sign_record(record, HQ_CHIEF), now=NOW)
    _draft(uow)
    assert record_of(uow, election_id=ROUND_2)[0].signatures == ()


def test_sealing_after_a_station_opened_is_refused(uow: NewUnitOfWork) -> None:
    record = decode_record(_draft(uow))
    for key in SEALERS:
        add_signature(uow, election_id=ROUND_2, signature=sign_record(record, key), now=NOW)
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)

    with pytest.raises(AnchorError) as refused:
        seal_record(uow, election_id=ROUND_2, now=NOW)

    assert refused.value.reason is AnchorRefusal.POLLS_OPEN


def test_a_draft_the_store_has_moved_on_from_is_not_sealed(uow: NewUnitOfWork) -> None:
    record = decode_record(_draft(uow))
    for key in SEALERS:
        add_signature(uow, election_id=ROUND_2, signature=sign_record(record, key), now=NOW)
    enrol(uow, ST_2, FRESH_BOX)  # enrolled after the draft: the draft would leave it out

    with pytest.raises(AnchorError) as refused:
        seal_record(uow, election_id=ROUND_2, now=NOW)

    assert refused.value.reason is AnchorRefusal.STALE_DRAFT
    assert [p.path for p in refused.value.problems] == [f"stations[{ST_2}]"]


def _refused(uow: NewUnitOfWork, data: bytes) -> ReportRefusedError:
    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(uow, signed=data, now=LATER)
    return refused.value


def test_the_attack_a_fresh_box_and_a_made_up_staff_key_after_sealing(uow: NewUnitOfWork) -> None:
    """Issue 9, §2: a report signed by a freshly enrolled key and a made-up staff key was taken.
    After sealing, the fresh box is enrolled at the centre (its staff key is refused there): the
    record covers neither, so the centre refuses."""
    sealed_by_officials(uow, ROUND_2)
    enrol(uow, ST_2, FRESH_BOX)
    made_up = SigningKey.from_seed(b"M" * 32)
    with pytest.raises(StaffError) as late:  # nor is a staff key registered after the seal
        register_staff(
            uow,
            Actor("hq-1", Grant(Role.NATIONAL_HQ, "IR")),
            election_id=ROUND_2,
            station=ST_2,
            person="Nobody",
            role=StaffRole.MEMBER,
            public_key=made_up.public_key.text,
            now=NOW,
        )
    assert late.value.reason is StaffRefusal.SEALED

    opening = signed(zero(ROUND_2_DAY, ST_2, FRESH_BOX), FRESH_BOX)
    refused = _refused(uow, opening)
    assert refused.reason is ReportRefusal.NOT_IN_RECORD
    assert "is on record nowhere, not for ST-0801-0002" in str(refused)

    staff = (station_staff(ST_2)[0], (StaffRole.MEMBER, made_up))
    votes = {"president": [("25",)], "parliament": [("31",)]}
    counted = signed(final(ROUND_2_DAY, ST_2, FRESH_BOX, votes), FRESH_BOX, staff)
    assert _refused(uow, counted).reason is ReportRefusal.NOT_IN_RECORD
    # the made-up staff key, beside the station's own box, is not registered on record
    own = signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE, staff)
    assert _refused(uow, own).reason is ReportRefusal.UNREGISTERED_STAFF


def test_the_boxes_on_record_report_as_before(uow: NewUnitOfWork) -> None:
    sealed_by_officials(uow, ROUND_2)
    coverage = Coverage.of(decode_record(record_of(uow, election_id=ROUND_2)[0].data))
    assert DEVICE.public_key in coverage.devices[ST_1]
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    assert ingest_report(
        uow, signed=signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE), now=LATER
    )


def test_a_replaced_box_is_covered_by_a_signed_amendment(uow: NewUnitOfWork) -> None:
    sealed_by_officials(uow, ROUND_2)
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    enrol(uow, ST_1, FRESH_BOX)
    record = decode_record(record_of(uow, election_id=ROUND_2)[0].data)
    amendment = next_amendment(
        record,
        [],
        station=ST_1,
        reason="the box's screen broke at 11:40",
        device=FRESH_BOX.public_key,
        replaces=DEVICE.public_key,
    )
    data = encode_amendment(amendment)
    counted = signed(final(ROUND_2_DAY, ST_1, FRESH_BOX, RUNOFF_VOTES), FRESH_BOX)
    assert _refused(uow, counted).reason is ReportRefusal.NOT_IN_RECORD

    forged = [sign_bytes(AMENDMENT_LINE, data, key) for key in (HQ_CHIEF, DEVICE, FRESH_BOX)]
    with pytest.raises(AnchorError) as refused:
        amend_record(uow, election_id=ROUND_2, amendment=amendment, signatures=forged, now=NOW)
    assert refused.value.reason is AnchorRefusal.TOO_FEW_SIGNATURES

    signatures = [
        sign_bytes(AMENDMENT_LINE, data, key) for key in (HQ_CHIEF, BOARD_CHAIR, *SEALERS[2:])
    ]
    added = amend_record(
        uow, election_id=ROUND_2, amendment=amendment, signatures=signatures, now=NOW
    )
    assert added.number == 1
    assert event_types(uow)[-1] == "record-amended"
    # the replaced box's zero report opened the station for the box that replaced it
    assert ingest_report(uow, signed=counted, now=LATER)
    old = signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE)
    assert _refused(uow, old).reason is ReportRefusal.REPLACED_DEVICE


def test_a_box_is_not_replaced_after_its_station_reported(uow: NewUnitOfWork) -> None:
    """The attack of the review: a box replaced after its station's final report was accepted
    leaves that report signed by a box the record no longer lets sign one, so an honest snapshot
    verifies as disagreeing. The centre refuses the amendment instead."""
    sealed_by_officials(uow, ROUND_2)
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    ingest_report(
        uow, signed=signed(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), DEVICE), now=LATER
    )
    enrol(uow, ST_1, FRESH_BOX)
    record = decode_record(record_of(uow, election_id=ROUND_2)[0].data)
    amendment = next_amendment(
        record,
        [],
        station=ST_1,
        reason="replaced after the count",
        device=FRESH_BOX.public_key,
        replaces=DEVICE.public_key,
    )
    signatures = [sign_bytes(AMENDMENT_LINE, encode_amendment(amendment), k) for k in SEALERS]

    with pytest.raises(AnchorError) as refused:
        amend_record(uow, election_id=ROUND_2, amendment=amendment, signatures=signatures, now=NOW)

    assert refused.value.reason is AnchorRefusal.STATION_REPORTED
    assert f"{ST_1}'s final report is already accepted" in str(refused.value)
    assert not record_of(uow, election_id=ROUND_2)[1]


def test_the_guardians_joint_key_joins_the_draft(uow: NewUnitOfWork) -> None:
    keys = E2EKeys("sha256:" + "12" * 32, "ab" * 32, "cd" * 32)
    drafted = draft_record(
        uow,
        election_id=ROUND_2,
        authorities=AUTHORITIES,
        threshold=3,
        now=NOW,
        actor="hq-1",
        e2e=keys,
    )
    assert decode_record(drafted.data).e2e == keys
    assert decode_record(_draft(uow)).e2e is None

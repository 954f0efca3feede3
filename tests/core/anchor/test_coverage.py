import pytest

from sandogh.core.anchor import Coverage, check_opened, check_staff, next_amendment
from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import (
    Refusal,
    ReportKind,
    SignatureError,
    SignedReport,
    SigningKey,
    StaffRole,
    sign_as_staff,
    sign_report,
)

from ..report.build import DEVICE, HEAD, OTHER_DEVICE, SECRETARY, STATION, report
from ..report.test_report import RUNOFF
from .build import OTHER_HEAD, OTHER_STATION, record
from .test_amendments import NEW_BOX

FINAL = report([TallySheet(STATION, "president", RUNOFF)], sequence=3)
STAFF = record().stations[0].staff


def _refusal(signed: SignedReport, kind: ReportKind = ReportKind.FINAL) -> Refusal:
    with pytest.raises(SignatureError) as caught:
        check_staff(signed, kind, STATION, STAFF)
    return caught.value.reason


def _signed(*staff: tuple[StaffRole, SigningKey]) -> SignedReport:
    signed = sign_report(FINAL, DEVICE)
    for role, key in staff:
        signed = sign_as_staff(signed, role, key)
    return signed


def test_a_final_report_signed_by_its_head_and_secretary_is_covered() -> None:
    check_staff(
        _signed((StaffRole.HEAD, HEAD), (StaffRole.SECRETARY, SECRETARY)),
        ReportKind.FINAL,
        STATION,
        STAFF,
    )


def test_a_final_report_without_staff_signatures_is_refused() -> None:
    assert _refusal(_signed()) is Refusal.MISSING_STAFF
    assert _refusal(_signed((StaffRole.SECRETARY, SECRETARY))) is Refusal.MISSING_STAFF
    check_staff(_signed(), ReportKind.ZERO, STATION, STAFF)  # a zero report needs none


def test_a_made_up_or_another_stations_staff_key_is_refused() -> None:
    made_up = SigningKey.from_seed(b"z" * 32)
    assert _refusal(_signed((StaffRole.HEAD, made_up), (StaffRole.SECRETARY, SECRETARY))) is (
        Refusal.UNREGISTERED_STAFF
    )
    assert _refusal(_signed((StaffRole.HEAD, OTHER_HEAD), (StaffRole.SECRETARY, SECRETARY))) is (
        Refusal.UNREGISTERED_STAFF
    )


def test_a_staff_key_signing_under_another_role_is_refused() -> None:
    signed = _signed((StaffRole.HEAD, SECRETARY), (StaffRole.SECRETARY, HEAD))
    assert _refusal(signed) is Refusal.STAFF_ROLE_MISMATCH


def test_a_box_not_on_record_or_of_another_station_is_refused() -> None:
    coverage = Coverage.of(record())
    coverage.check_device(STATION, DEVICE.public_key, ReportKind.FINAL)
    for key, where in ((OTHER_DEVICE, f"on record for {OTHER_STATION}"), (NEW_BOX, "nowhere")):
        with pytest.raises(SignatureError) as caught:
            coverage.check_device(STATION, key.public_key, ReportKind.ZERO)
        assert caught.value.reason is Refusal.NOT_IN_RECORD
        assert where in str(caught.value)


def test_a_replacing_box_is_covered_and_the_replaced_one_sends_no_final_report() -> None:
    amendment = next_amendment(
        record(),
        [],
        station=STATION,
        reason="broken",
        device=NEW_BOX.public_key,
        replaces=DEVICE.public_key,
    )
    coverage = Coverage.of(record(), [amendment])
    coverage.check_device(STATION, NEW_BOX.public_key, ReportKind.FINAL)
    coverage.check_device(STATION, DEVICE.public_key, ReportKind.ZERO)
    with pytest.raises(SignatureError) as caught:
        coverage.check_device(STATION, DEVICE.public_key, ReportKind.FINAL)
    assert caught.value.reason is Refusal.REPLACED_DEVICE
    check_opened(DEVICE.public_key, coverage.lineage(NEW_BOX.public_key))


def test_a_final_report_of_a_box_that_sent_no_zero_report_is_refused() -> None:
    for zero in (None, OTHER_DEVICE.public_key):
        with pytest.raises(SignatureError) as caught:
            check_opened(zero, frozenset({DEVICE.public_key}))
        assert caught.value.reason is Refusal.NO_ZERO_REPORT

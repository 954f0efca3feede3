import json

import nacl.signing
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import (
    Refusal,
    SignatureError,
    SignedReport,
    StaffRole,
    StaffSignature,
    StationReport,
    decode_report,
    decode_signed,
    encode_report,
    encode_signed,
    sign_as_staff,
    sign_report,
    station_ballot,
    verify_signed,
    zero_report,
)

from .build import (
    DEFINITION_HASH,
    DEVICE,
    HEAD,
    OTHER_DEVICE,
    SECRETARY,
    STATION,
    kerman,
    report,
    reports,
)
from .test_report import RUNOFF

FINAL = report([TallySheet(STATION, "president", RUNOFF)], sequence=3)


def _refusal(signed: SignedReport) -> Refusal:
    with pytest.raises(SignatureError) as caught:
        verify_signed(signed, DEVICE.public_key)
    return caught.value.reason


def _staffed() -> SignedReport:
    signed = sign_as_staff(sign_report(FINAL, DEVICE), StaffRole.SECRETARY, SECRETARY)
    return sign_as_staff(signed, StaffRole.HEAD, HEAD)


def test_a_signed_report_verifies_and_gives_the_report_back() -> None:
    signed = sign_report(FINAL, DEVICE)
    assert signed.report == encode_report(FINAL)
    assert verify_signed(signed, DEVICE.public_key) == FINAL


def test_a_report_read_already_is_held_to_the_bytes_signed() -> None:
    # the centre passes the report it read from the bytes; one that is not theirs is refused,
    # and a changed signature is still found
    signed = sign_report(FINAL, DEVICE)
    assert verify_signed(signed, DEVICE.public_key, read=FINAL) == FINAL
    other = report([TallySheet(STATION, "president", RUNOFF)], sequence=4)
    with pytest.raises(SignatureError) as caught:
        verify_signed(signed, DEVICE.public_key, read=other)
    assert caught.value.reason is Refusal.MALFORMED
    forged = SignedReport(signed.report, bytes(64), signed.staff)
    with pytest.raises(SignatureError) as caught:
        verify_signed(forged, DEVICE.public_key, read=FINAL)
    assert caught.value.reason is Refusal.BAD_SIGNATURE


def test_the_device_signs_the_documented_message() -> None:
    # anyone can check a report with any Ed25519 library, from the module docstring alone
    signed = sign_report(FINAL, DEVICE)
    message = b"sandogh/station-report@1 device\n" + signed.report
    nacl.signing.VerifyKey(DEVICE.public_key.raw).verify(message, signed.device_signature)


def test_the_signed_zero_report_of_opening_verifies() -> None:
    zero = zero_report(
        election="kerman-1403-r2",
        definition_hash=DEFINITION_HASH,
        station=STATION,
        device=DEVICE.public_key,
        sequence=0,
        ballot=station_ballot(kerman(), STATION),
    )
    signed = decode_signed(encode_signed(sign_report(zero, DEVICE)))
    assert verify_signed(signed, DEVICE.public_key) == zero


def test_a_report_from_another_device_is_refused_as_unknown() -> None:
    theirs = sign_report(report(device=OTHER_DEVICE.public_key), OTHER_DEVICE)
    assert _refusal(theirs) is Refusal.UNKNOWN_DEVICE


def test_a_report_signed_by_another_key_in_the_devices_name_is_refused() -> None:
    data = encode_report(FINAL)
    forged = SignedReport(data, OTHER_DEVICE.sign(b"sandogh/station-report@1 device\n" + data))
    assert _refusal(forged) is Refusal.BAD_SIGNATURE


def test_a_device_signs_only_its_own_reports() -> None:
    with pytest.raises(SignatureError) as caught:
        sign_report(FINAL, OTHER_DEVICE)
    assert caught.value.reason is Refusal.WRONG_SIGNER


def test_a_staff_signature_from_the_device_message_or_another_role_does_not_verify() -> None:
    signed = sign_report(FINAL, DEVICE)
    device_like = StaffSignature(StaffRole.HEAD, DEVICE.public_key, signed.device_signature)
    relabelled = StaffSignature(StaffRole.HEAD, SECRETARY.public_key, _staffed().staff[1].signature)
    for staff in (device_like, relabelled):
        bad = SignedReport(signed.report, signed.device_signature, (staff,))
        assert _refusal(bad) is Refusal.BAD_STAFF_SIGNATURE


def test_staff_signatures_are_kept_sorted_and_verified() -> None:
    signed = _staffed()
    assert [s.role for s in signed.staff] == [StaffRole.HEAD, StaffRole.SECRETARY]
    assert verify_signed(signed, DEVICE.public_key) == FINAL
    assert decode_signed(encode_signed(signed)) == signed


def test_one_key_signs_once_as_staff() -> None:
    with pytest.raises(SignatureError) as caught:
        sign_as_staff(_staffed(), StaffRole.MEMBER, HEAD)
    assert caught.value.reason is Refusal.MALFORMED


def test_signatures_of_the_wrong_length_are_malformed() -> None:
    with pytest.raises(SignatureError) as caught:
        SignedReport(encode_report(FINAL), bytes(63))
    assert caught.value.reason is Refusal.MALFORMED


def test_report_bytes_that_are_not_a_report_are_malformed() -> None:
    data = b'{"not":"a report"}'
    signed = SignedReport(data, DEVICE.sign(b"sandogh/station-report@1 device\n" + data))
    assert _refusal(signed) is Refusal.MALFORMED


@settings(max_examples=100)
@given(made=reports())
def test_a_signed_report_reads_back_from_its_bytes(made: StationReport) -> None:
    key = DEVICE if made.device == DEVICE.public_key else OTHER_DEVICE
    signed = sign_as_staff(sign_report(made, key), StaffRole.HEAD, HEAD)
    data = encode_signed(signed)
    assert decode_signed(data) == signed
    assert encode_signed(decode_signed(data)) == data
    assert verify_signed(decode_signed(data), key.public_key) == made


@settings(max_examples=200)
@given(data=st.data())
def test_one_changed_byte_of_the_signed_bytes_or_signature_is_refused(data: st.DataObject) -> None:
    signed = _staffed()
    target = data.draw(st.sampled_from(("report", "device_signature")))
    original = getattr(signed, target)
    i = data.draw(st.integers(0, len(original) - 1))
    flip = data.draw(st.integers(1, 255))
    changed = bytearray(original)
    changed[i] ^= flip
    if target == "report":
        tampered = SignedReport(bytes(changed), signed.device_signature, signed.staff)
    else:
        tampered = SignedReport(signed.report, bytes(changed), signed.staff)
    with pytest.raises(SignatureError):
        verify_signed(tampered, DEVICE.public_key)


@settings(max_examples=200)
@given(data=st.data())
def test_one_changed_byte_anywhere_in_the_printed_bytes_is_refused(data: st.DataObject) -> None:
    printed = encode_signed(_staffed())
    i = data.draw(st.integers(0, len(printed) - 1))
    flip = data.draw(st.integers(1, 255))
    changed = bytearray(printed)
    changed[i] ^= flip
    with pytest.raises(SignatureError):
        verify_signed(decode_signed(bytes(changed)), DEVICE.public_key)


def test_a_changed_staff_role_in_the_printed_bytes_is_refused() -> None:
    printed = encode_signed(_staffed())
    changed = printed.replace(b'"role":"secretary"', b'"role":"supervisor"')
    with pytest.raises(SignatureError) as caught:
        verify_signed(decode_signed(changed), DEVICE.public_key)
    assert caught.value.reason is Refusal.BAD_STAFF_SIGNATURE


def test_the_printed_form_is_documented_canonical_json() -> None:
    signed = _staffed()
    document = json.loads(encode_signed(signed))
    assert sorted(document) == ["device_signature", "format", "report", "staff"]
    assert document["format"] == "sandogh/signed-station-report@1"
    assert decode_report(json.dumps(document["report"], separators=(",", ":")).encode()) == FINAL
    assert document["device_signature"] == signed.device_signature.hex()
    assert [s["role"] for s in document["staff"]] == ["head", "secretary"]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(format="sandogh/signed-station-report@0"), "format"),
        (lambda d: d.update(device_signature="00"), "device_signature"),
        (lambda d: d.update(report=[]), "report"),
        (lambda d: d.update(staff={}), "staff"),
        (lambda d: d["staff"][0].update(role="chair"), "staff[0].role"),
        (lambda d: d["staff"][0].pop("key"), "staff[0].key"),
        (lambda d: d.pop("staff"), "staff"),
    ],
)
def test_a_malformed_signed_report_names_the_field(change: object, path: str) -> None:
    document = json.loads(encode_signed(_staffed()))
    assert callable(change)
    change(document)
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with pytest.raises(SignatureError) as caught:
        decode_signed(data.encode())
    assert caught.value.reason is Refusal.MALFORMED
    assert [p.path for p in caught.value.problems] == [path]


def test_a_lone_surrogate_in_the_embedded_report_is_malformed() -> None:
    document = json.loads(encode_signed(_staffed()))
    document["report"]["station"] = "\ud800"
    with pytest.raises(SignatureError) as caught:
        decode_signed(json.dumps(document).encode())
    assert caught.value.reason is Refusal.MALFORMED


def test_staff_out_of_order_in_the_printed_bytes_is_not_canonical() -> None:
    document = json.loads(encode_signed(_staffed()))
    document["staff"].reverse()
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with pytest.raises(SignatureError, match="canonical form"):
        decode_signed(data.encode())


@pytest.mark.parametrize("number", ["9007199254740992", "-135495570383201288754313560064"])
def test_an_integer_beyond_safe_in_the_embedded_report_is_malformed(number: str) -> None:
    """Found by schemathesis (tests/server/test_schemathesis.py): such a report was a 500."""
    document = json.loads(encode_signed(_staffed()))
    document["report"]["sequence"] = "NUMBER"
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with pytest.raises(SignatureError) as caught:
        decode_signed(data.replace('"NUMBER"', number).encode())
    assert caught.value.reason is Refusal.MALFORMED
    assert [p.path for p in caught.value.problems] == ["report.sequence"]


def test_report_bytes_with_a_number_canonical_json_cannot_hold_cannot_be_embedded() -> None:
    data = b'{"sequence":9007199254740993}'
    signed = SignedReport(data, DEVICE.sign(b"sandogh/station-report@1 device\n" + data))
    with pytest.raises(SignatureError) as caught:
        encode_signed(signed)
    assert caught.value.reason is Refusal.MALFORMED
    assert [p.path for p in caught.value.problems] == ["report.sequence"]

"""The box's build in a signed report (issue 12): inside the signed bytes, so a build changed
after signing fails verification."""

import dataclasses

import pytest

from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import (
    Refusal,
    ReportError,
    SignatureError,
    decode_report,
    decode_signed,
    encode_report,
    encode_signed,
    sign_report,
    verify_signed,
)

from .build import DEVICE, STATION, report
from .test_report import RUNOFF

BUILD = "sha256:" + "12" * 32
OTHER_BUILD = "sha256:" + "34" * 32
BUILT = dataclasses.replace(report([TallySheet(STATION, "president", RUNOFF)]), build=BUILD)


def test_the_build_is_written_in_the_canonical_bytes_and_read_back() -> None:
    data = encode_report(BUILT)
    assert f'"build":"{BUILD}"'.encode() in data
    assert decode_report(data) == BUILT


def test_a_report_without_a_build_reads_as_before() -> None:
    plain = dataclasses.replace(BUILT, build=None)
    assert b'"build"' not in encode_report(plain)
    assert decode_report(encode_report(plain)).build is None


def test_a_build_not_of_the_digest_form_is_refused_with_its_field() -> None:
    with pytest.raises(ReportError) as caught:
        dataclasses.replace(BUILT, build="v1.2")
    assert [p.path for p in caught.value.problems] == ["build"]


def test_a_build_changed_after_signing_fails_verification() -> None:
    # the attack: a box running another build signs, and its build is rewritten to an approved one
    printed = encode_signed(sign_report(BUILT, DEVICE))
    changed = printed.replace(BUILD.encode(), OTHER_BUILD.encode())
    assert changed != printed
    with pytest.raises(SignatureError) as caught:
        verify_signed(decode_signed(changed), DEVICE.public_key)
    assert caught.value.reason is Refusal.BAD_SIGNATURE


def test_a_build_removed_after_signing_fails_verification() -> None:
    printed = encode_signed(sign_report(BUILT, DEVICE))
    removed = printed.replace(f'"build":"{BUILD}",'.encode(), b"")
    with pytest.raises(SignatureError) as caught:
        verify_signed(decode_signed(removed), DEVICE.public_key)
    assert caught.value.reason is Refusal.BAD_SIGNATURE

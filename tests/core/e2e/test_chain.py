"""The chain's hashes (`docs/e2e.md` §7), worked out by hand with hmac, and the readable code."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.e2e.chain import (
    CodeFormError,
    chain_close,
    chain_start,
    code_key,
    confirmation_code,
    readable_code,
)

HE = bytes(range(32))


def _hmac(domain: int, *parts: bytes) -> bytes:
    message = bytes([domain]) + b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    return hmac.digest(HE, message, hashlib.sha256)


def test_the_start_binds_the_station_the_device_and_the_zero_report() -> None:
    device, zero = b"\x01" * 32, b"\x02" * 32
    assert chain_start(HE, "ST-1", device, zero) == _hmac(0x24, b"ST-1", device, zero)
    assert chain_start(HE, "ST-2", device, zero) != chain_start(HE, "ST-1", device, zero)


def test_a_code_follows_the_previous_one_and_the_ballot_hash() -> None:
    previous, chi = b"\x03" * 32, b"\x04" * 32
    assert confirmation_code(HE, previous, chi) == _hmac(0x23, previous, chi)


def test_the_close_counts_cast_and_challenged() -> None:
    last = b"\x05" * 32
    expected = _hmac(0x25, last, (7).to_bytes(4, "big"), (2).to_bytes(4, "big"))
    assert chain_close(HE, last, 7, 2) == expected
    assert chain_close(HE, last, 2, 7) != expected


def test_the_readable_code_is_the_first_eight_bytes_in_twenty_digits() -> None:
    assert readable_code(bytes(32)) == "0000 0000 0000 0000 0000"
    assert readable_code(b"\xff" * 8 + bytes(24)) == "1844 6744 0737 0955 1615"
    assert readable_code((1234567890).to_bytes(8, "big") + b"\x99" * 24) == (
        "0000 0000 0012 3456 7890"
    )


@given(st.binary(min_size=32, max_size=32))
def test_the_readable_code_reads_back(code: bytes) -> None:
    written = readable_code(code)
    assert len(written) == 24
    assert int(written.replace(" ", "")) == int.from_bytes(code[:8], "big")


@given(st.binary(min_size=32, max_size=32))
def test_a_code_is_looked_up_by_its_readable_form_or_its_hex(code: bytes) -> None:
    written = readable_code(code)
    assert code_key(written) == code[:8]
    assert code_key(written.replace(" ", "")) == code[:8]
    assert code_key(code.hex()) == code
    assert code_key(code.hex().upper()) == code


def test_a_code_in_persian_digits_with_marks_around_it_reads_back() -> None:
    persian = "\u2066۱۸۴۴ ۶۷۴۴ ۰۷۳۷ ۰۹۵۵ ۱۶۱۵\u2069"
    assert code_key(persian) == b"\xff" * 8
    assert code_key("1844-6744-0737-0955-1615") == b"\xff" * 8


@pytest.mark.parametrize(
    "written",
    ["", "1844 6744 0737 0955 1616", "1234", "12345678901234567890x", "g" * 64, "0" * 63],
)
def test_anything_else_is_not_a_code(written: str) -> None:
    with pytest.raises(CodeFormError):
        code_key(written)

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.station.errors import QrError
from sandogh.station.qr import PART_BYTES, join_qr_parts, qr_parts


@settings(max_examples=100)
@given(st.binary(max_size=3 * PART_BYTES), st.integers(1, 900), st.randoms())
def test_the_parts_give_the_bytes_back_in_any_order(
    data: bytes, size: int, order: random.Random
) -> None:
    parts = list(qr_parts(data, size))
    assert len(parts) == max(1, -(-len(data) // size))
    order.shuffle(parts)
    assert join_qr_parts(parts) == data


def test_a_part_says_which_of_how_many_it_is() -> None:
    parts = qr_parts(b"x" * 1700)
    assert [p.split(b"\n")[0].split(b" ")[-1] for p in parts] == [b"1/3", b"2/3", b"3/3"]


def test_a_missing_part_parts_of_two_reports_or_a_stranger_are_refused() -> None:
    first, second = qr_parts(b"a" * 1000), qr_parts(b"b" * 1000)
    with pytest.raises(QrError, match="part 2 of 2 is missing"):
        join_qr_parts(first[:1])
    with pytest.raises(QrError, match="different reports"):
        join_qr_parts([first[0], second[1]])
    with pytest.raises(QrError, match="not a sandogh-qr/1 part"):
        join_qr_parts([*first, b"hello"])
    with pytest.raises(QrError, match="read twice, differently"):
        join_qr_parts([*first, first[1][:-1] + b"c"])
    with pytest.raises(QrError, match="no part"):
        join_qr_parts([])


def test_a_changed_byte_is_caught_by_the_report_id() -> None:
    (part,) = qr_parts(b"report")
    with pytest.raises(QrError, match="do not match"):
        join_qr_parts([part[:-1] + b"s"])

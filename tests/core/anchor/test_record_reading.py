"""The plain reading of a record takes only what the strict reading takes, as it reads it."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.anchor import (
    E2EKeys,
    PreElectionRecord,
    RecordError,
    decode_record,
    encode_record,
)
from sandogh.core.anchor.record_reading import read_plainly, read_strictly

from .build import record

_WITH_E2E = dataclasses.replace(
    record(), e2e=E2EKeys("sha256:" + "12" * 32, "ab" * 32, "cd" * 32, "sha256:" + "34" * 32)
)


def _strictly(data: bytes) -> object:
    try:
        return read_strictly(data)
    except RecordError as error:
        return error.problems


@pytest.mark.parametrize("made", [record(), _WITH_E2E])
def test_a_well_made_record_is_read_plainly_as_strictly(made: PreElectionRecord) -> None:
    data = encode_record(made)
    assert read_plainly(data) == read_strictly(data) == made


#: what the plain reading must leave to the strict one: each is refused, and named
_AMISS = [
    (b'{"authorities"', b'{ "authorities"'),  # white space
    (b'"threshold":3', b'"threshold":3.0'),  # not a whole number
    (b'"threshold":3', b'"threshold":true'),
    (b'"threshold":3', b'"threshold":"3"'),
    (b'"threshold":3', b'"threshold":9007199254740992'),  # beyond 2^53 - 1
    (b'"threshold":3', b'"threshold":3,"threshold":3'),  # a member given twice
    (b'"threshold":3', b'"threshold":3,"zzz":1'),  # unknown
    (b'"name":"event log"', b'"name":""'),  # an empty name
    (b'"name":"event log"', b'"name":"\\ud800"'),  # a lone surrogate
    (b'"name":"event log"', b'"name":"event\\u0000log"'),  # a control character
    (b'"person":"Head One"', b'"person":"Head One","person":"Head One"'),
    (b'"body":"log"', b'"body":"LOG"'),
    (b'"role":"head"', b'"role":"boss"'),
    (b'"key":"ed25519:', b'"key":"ED25519:'),
    (b'"devices":["ed25519:', b'"devices":["ed25519:00'),  # a key of 33 bytes
    (b'"station":"ST-0802-0001"', b'"station":"ST 0802"'),
    (b'"format":"sandogh/pre-election-record@1"', b'"format":"sandogh/pre-election-record@2"'),
    (b'"devices":[', b'"devices":{"a":1},"x":['),
    (b'"stations":[', b'"stations":{},"x":['),
]


@pytest.mark.parametrize(("old", "new"), _AMISS)
def test_what_the_plain_reading_leaves_the_strict_one_names(old: bytes, new: bytes) -> None:
    data = encode_record(record())
    assert old in data
    changed = data.replace(old, new, 1)
    assert read_plainly(changed) is None
    with pytest.raises(RecordError) as refused:
        decode_record(changed)
    assert refused.value.problems == _strictly(changed)


def test_stations_out_of_the_records_order_are_not_read_plainly() -> None:
    data = encode_record(record())
    first, second = (s.station.encode() for s in record().stations)
    swapped = data.replace(first, b"\0").replace(second, first).replace(b"\0", second)
    assert read_plainly(swapped) is None
    with pytest.raises(RecordError, match="canonical"):
        decode_record(swapped)


@given(st.data())
def test_any_changed_byte_is_read_plainly_only_as_strictly(data: st.DataObject) -> None:
    encoded = encode_record(_WITH_E2E)
    at = data.draw(st.integers(0, len(encoded) - 1))
    byte = data.draw(st.integers(0, 255))
    changed = encoded[:at] + bytes([byte]) + encoded[at + 1 :]
    plainly = read_plainly(changed)
    assert plainly is None or plainly == _strictly(changed)

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.anchor import (
    Authority,
    Body,
    E2EKeys,
    RecordError,
    StationKeys,
    decode_record,
    encode_record,
    fingerprint,
    matches_fingerprint,
    record_problems,
    short_fingerprint,
)
from sandogh.core.report import SigningKey, StaffRole
from sandogh.core.report.staff import RegisteredStaff

from ..report.build import DEVICE, HEAD, STATION
from .build import ELECTION, HQ_CHIEF, LOG_KEY, OTHER_STATION, record, staff


def test_a_record_reads_back_from_its_canonical_bytes() -> None:
    data = encode_record(record())
    assert decode_record(data) == record()
    assert data.startswith(b'{"authorities":[{"body":"hq"')


def test_a_changed_byte_changes_the_fingerprint_or_is_refused() -> None:
    data = encode_record(record())
    changed = data.replace(b"Secretary One", b"Secretary Two")
    assert decode_record(changed) != record()
    assert not matches_fingerprint(changed, fingerprint(data))
    assert not matches_fingerprint(changed, short_fingerprint(fingerprint(data)))
    with pytest.raises(RecordError, match="canonical"):
        decode_record(data.replace(b'{"authorities"', b'{ "authorities"'))


@given(st.binary(min_size=1, max_size=64))
def test_the_short_fingerprint_is_ten_groups_of_four_digits_and_matches(data: bytes) -> None:
    long = fingerprint(data)
    short = short_fingerprint(long)
    assert [len(group) for group in short.split("-")] == [4] * 10
    assert int(short.replace("-", "")) == int(long[7:39], 16)
    assert matches_fingerprint(data, long)
    assert matches_fingerprint(data, short.replace("-", " "))


def test_a_record_is_well_made() -> None:
    assert record_problems(record()) == []
    bad = dataclasses.replace(
        record(threshold=5),
        authorities=(
            Authority("", Body.HQ, HQ_CHIEF.public_key),
            Authority("log", Body.LOG, LOG_KEY.public_key),
        ),
        stations=(
            StationKeys(
                STATION, (DEVICE.public_key,), (staff(OTHER_STATION, "X", StaffRole.HEAD, HEAD),)
            ),
            StationKeys(OTHER_STATION, (DEVICE.public_key,)),
        ),
    )
    problems = {str(p) for p in record_problems(bad)}
    assert "threshold: 5 is not from 2 to 1, the officials" in problems
    assert "authorities: no official of the supervisory-board is listed" in problems
    assert f"stations[0].staff[0]: is of {OTHER_STATION} of {ELECTION}" in problems
    assert f"{DEVICE.public_key.text} is listed 2 times" in problems
    with pytest.raises(RecordError, match="name: must not be empty"):
        decode_record(encode_record(bad))


_SEEDS = st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=8, unique=True)


@given(_SEEDS, st.text(min_size=1, max_size=20).map(str.strip).filter(bool), st.data())
def test_any_well_made_record_reads_back_and_one_changed_byte_never_passes(
    seeds: list[bytes], person: str, data: st.DataObject
) -> None:
    keys = [SigningKey.from_seed(seed).public_key for seed in seeds]
    roles = data.draw(st.lists(st.sampled_from(StaffRole), min_size=len(keys), max_size=len(keys)))
    split = data.draw(st.integers(0, len(keys)))
    made = dataclasses.replace(
        record(),
        stations=(
            StationKeys(
                STATION,
                tuple(keys[:split]),
                tuple(
                    RegisteredStaff(ELECTION, STATION, person, role, key)
                    for role, key in zip(roles[split:], keys[split:], strict=True)
                ),
            ),
        ),
    )
    if record_problems(made):  # e.g. a name with a control character
        return
    encoded = encode_record(made)
    assert decode_record(encoded) == made
    at = data.draw(st.integers(0, len(encoded) - 1))
    changed = encoded[:at] + bytes([encoded[at] ^ 1]) + encoded[at + 1 :]
    try:
        decode_record(changed)
    except RecordError:
        return
    assert not matches_fingerprint(changed, fingerprint(encoded))


def test_the_guardians_keys_join_the_record_and_a_record_without_them_reads_as_before() -> None:
    before = encode_record(record())
    assert b"e2e" not in before
    keys = E2EKeys("sha256:" + "12" * 32, "ab" * 32, "cd" * 32)
    with_keys = dataclasses.replace(record(), e2e=keys)
    data = encode_record(with_keys)
    assert decode_record(data) == with_keys
    assert decode_record(before).e2e is None
    assert data.startswith(b'{"authorities":')
    assert b'"e2e":{"ceremony":"sha256:' in data
    with pytest.raises(RecordError, match=r"e2e\.joint_key"):
        decode_record(data.replace(b"cdcd", b"CDCD", 1))


def test_the_ceremony_records_hash_joins_the_e2e_member_and_one_without_it_still_reads() -> None:
    """`e2e.record` binds the ceremony record's bytes, its complaints with them (docs/e2e.md §9);
    an `e2e` member sealed before it was added reads as it did."""
    keys = E2EKeys("sha256:" + "12" * 32, "ab" * 32, "cd" * 32, "sha256:" + "34" * 32)
    with_record = dataclasses.replace(record(), e2e=keys)
    data = encode_record(with_record)
    assert decode_record(data) == with_record
    assert b'"joint_key":"' + b"cd" * 32 + b'","record":"sha256:' in data
    without = encode_record(
        dataclasses.replace(with_record, e2e=dataclasses.replace(keys, record=None))
    )
    assert decode_record(without).e2e == E2EKeys(keys.ceremony, keys.extended_hash, keys.joint_key)
    with pytest.raises(RecordError, match=r"e2e\.record"):
        decode_record(data.replace(b"3434", b"ZZ34", 1))

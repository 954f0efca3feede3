import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.report import SigningKey, StaffRole
from sandogh.station.count_key import SEAL_OVERHEAD, draw, recover, seal, sealed_length
from sandogh.station.errors import StaffKeyError, StaffKeyRefusal

from .build import STAFF, STAFF_KEYS

BOUND = 40
REGISTERED = [(member.role, member.key) for member in STAFF]
STRANGER = SigningKey.from_seed(b"x" * 32)


def test_any_two_of_the_staff_open_what_was_sealed() -> None:
    key = draw(member.key for member in STAFF)
    sealed = seal(key.public, b'{"president":["21"]}', BOUND)
    for pair in itertools.combinations(STAFF_KEYS, 2):
        for present in (pair, pair[::-1]):
            opener = recover(key, REGISTERED, present, BOUND)
            assert opener.open(sealed) == b'{"president":["21"]}'
    assert len(key.shares) == 2 * 3  # a pair of halves for each of the 3 pairs


def test_one_of_the_staff_alone_cannot_count() -> None:
    key = draw(member.key for member in STAFF)
    for member in STAFF_KEYS:
        with pytest.raises(StaffKeyError) as refused:
            recover(key, REGISTERED, [member, member], BOUND)  # the same key twice is one
        assert refused.value.reason is StaffKeyRefusal.TOO_FEW


def test_the_only_registered_member_counts_alone() -> None:
    (only,) = STAFF[:1]
    key = draw([only.key])
    opener = recover(key, [(only.role, only.key)], STAFF_KEYS[:1], BOUND)
    assert opener.open(seal(key.public, b"{}", BOUND)) == b"{}"


def test_a_box_with_no_staff_draws_no_key_and_opens_none() -> None:
    with pytest.raises(StaffKeyError) as refused:
        draw([])
    assert refused.value.reason is StaffKeyRefusal.NO_STAFF
    with pytest.raises(StaffKeyError) as unopened:
        recover(draw([STAFF[0].key]), [], STAFF_KEYS, BOUND)
    assert unopened.value.reason is StaffKeyRefusal.NO_STAFF


def test_a_key_not_registered_or_in_another_role_is_named() -> None:
    key = draw(member.key for member in STAFF)
    head, secretary = STAFF_KEYS[0], STAFF_KEYS[1]
    with pytest.raises(StaffKeyError) as unknown:
        recover(key, REGISTERED, [head, (StaffRole.MEMBER, STRANGER)], BOUND)
    assert unknown.value.reason is StaffKeyRefusal.UNREGISTERED
    assert [p.path for p in unknown.value.problems] == ["staff[1]"]
    assert STRANGER.public_key.text in str(unknown.value)
    with pytest.raises(StaffKeyError) as miscast:
        recover(key, REGISTERED, [head, (StaffRole.SUPERVISOR, secretary[1])], BOUND)
    assert miscast.value.reason is StaffKeyRefusal.WRONG_ROLE
    assert "registered as secretary, not supervisor" in str(miscast.value)


def test_shares_of_another_box_do_not_open_this_one() -> None:
    key = draw(member.key for member in STAFF)
    other = draw(member.key for member in STAFF)
    swapped = type(key)(key.public, other.shares)
    with pytest.raises(StaffKeyError) as broken:
        recover(swapped, REGISTERED, STAFF_KEYS[:2], BOUND)
    assert broken.value.reason is StaffKeyRefusal.SHARES_BROKEN


@given(st.binary(max_size=BOUND), st.binary(max_size=BOUND))
def test_every_sealed_ballot_has_one_length(first: bytes, second: bytes) -> None:
    public = bytes(32 * [9])
    lengths = {len(seal(public, record, BOUND)) for record in (first, second)}
    assert lengths == {sealed_length(BOUND)} == {SEAL_OVERHEAD + BOUND + 1}


def test_a_record_longer_than_the_bound_is_refused() -> None:
    with pytest.raises(ValueError, match="longer than the bound"):
        seal(bytes(32), b"x" * (BOUND + 1), BOUND)

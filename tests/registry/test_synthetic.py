"""The synthetic registry: the same people for the same seed, found by their codes alone."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.voters import NationalCode, check_digit, eligibility
from sandogh.registry.synthetic import DOMAIN, RegistrySizeError, SyntheticRegistry
from sandogh.services.ports import Registry

POLLING_DAY = datetime.date(2024, 7, 5)


def test_it_is_a_registry() -> None:
    registry: Registry = SyntheticRegistry(1, size=10)
    assert registry.lookup(next(SyntheticRegistry(1, size=10).codes())) is not None


def test_the_same_seed_gives_the_same_people() -> None:
    first, again = SyntheticRegistry(7, size=500), SyntheticRegistry(7, size=500)
    other = SyntheticRegistry(8, size=500)

    codes = list(first.codes())
    assert codes == list(again.codes())
    assert [first.lookup(c) for c in codes] == [again.lookup(c) for c in codes]
    assert codes != list(other.codes())


def test_every_listed_person_is_found_with_a_record_of_their_own() -> None:
    registry = SyntheticRegistry(3, size=2_000)

    codes = list(registry.codes())
    assert len(codes) == len(set(codes)) == 2_000
    for code in codes:
        record = registry.lookup(code)
        assert record is not None
        assert record.national_code == code


def test_a_larger_registry_holds_the_smaller_one() -> None:
    small, large = SyntheticRegistry(5, size=100), SyntheticRegistry(5, size=1_000)
    assert list(small.codes()) == list(itertools.islice(large.codes(), 100))
    assert all(small.lookup(c) is None for c in itertools.islice(large.codes(), 100, 1_000))


def test_codes_not_listed_are_not_in_it() -> None:
    registry = SyntheticRegistry(11, size=1_000)
    listed = set(registry.codes())
    found = 0
    for n in range(1, 20_001):
        nine = f"{(n * 48_271) % DOMAIN:09d}"
        code = NationalCode(nine + str(check_digit(nine)))
        found += registry.lookup(code) is not None
        assert (registry.lookup(code) is not None) == (code in listed)
    assert found <= 2  # 20,000 of 10^9 codes, 1,000 people: almost surely none


def test_voters_are_exactly_the_people_who_may_vote_on_the_day() -> None:
    registry = SyntheticRegistry(2, size=5_000)

    voters = list(registry.voters(POLLING_DAY))
    records = [registry.lookup(code) for code in registry.codes()]
    eligible = [r.national_code for r in records if r and eligibility(r, POLLING_DAY).eligible]
    assert voters == eligible
    # every refusal of the registry turns up
    assert any(r and not r.alive for r in records)
    assert any(r and not r.citizen for r in records)
    assert any(r and r.birth_date > datetime.date(2006, 7, 5) for r in records)
    assert 0.8 < len(voters) / len(records) < 0.95


@settings(max_examples=100)
@given(seed=st.integers(), person=st.integers(0, DOMAIN - 1))
def test_the_permutation_is_undone(seed: int, person: int) -> None:
    registry = SyntheticRegistry(seed, size=DOMAIN)
    nine = registry._permute(person)
    assert 0 <= nine < DOMAIN
    assert registry._unpermute(nine) == person


@pytest.mark.parametrize("size", [-1, DOMAIN + 1])
def test_a_size_beyond_the_codes_is_refused(size: int) -> None:
    with pytest.raises(RegistrySizeError):
        SyntheticRegistry(1, size=size)


def test_every_person_has_a_persian_name_and_no_photo() -> None:
    registry = SyntheticRegistry(7, size=200)
    records = [registry.lookup(code) for code in registry.codes()]
    names = {r.name for r in records if r is not None and r.photo is None}
    assert len(names) > 50  # many different people, not one name for all
    for name in names:
        assert name is not None
        first, family = name.split(" ")
        assert first.isalpha()
        assert family.isalpha()
        assert not name.isascii()

"""The simulated officials of `cli.simulated_anchor`: those who sign are of both bodies, as
sealing requires, and their keys are made again from the day's seed."""

from sandogh.cli.simulated_anchor import OFFICIALS, THRESHOLD, official_keys
from sandogh.core.anchor import Body


def test_the_officials_who_sign_are_of_both_bodies() -> None:
    signers = official_keys(7)[:THRESHOLD]
    assert {authority.body for authority, _ in signers} == {Body.HQ, Body.SUPERVISORY_BOARD}
    assert all(authority.key == key.public_key for authority, key in signers)


def test_the_officials_keys_come_again_from_the_seed_and_differ_by_it() -> None:
    keys = [authority.key for authority, _ in official_keys(7)]
    assert keys == [authority.key for authority, _ in official_keys(7)]
    assert len(set(keys)) == len(OFFICIALS)
    assert not set(keys) & {authority.key for authority, _ in official_keys(8)}

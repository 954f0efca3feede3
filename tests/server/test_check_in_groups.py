"""Group commit (`server.check_in_groups`): check-ins taken together in one transaction, each
decided exactly once and answered as it would be alone, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime
from concurrent.futures import ThreadPoolExecutor

from sandogh.server.check_in_groups import CheckInGroups, GroupOutcome, commit_group
from sandogh.services.check_in_rules import DeviceRefusal, DeviceRefusedError, Refused
from sandogh.services.checkin import Asked, BallotCard, Checker
from sandogh.services.devices import enrol_device, revoke_device
from sandogh.services.errors import ElectionNotFoundError
from tests.chromium import run_apart

from .live import ELECTION, Live, device, stations, voters

NOW = datetime.datetime(2024, 7, 5, 4, 0, tzinfo=datetime.UTC)


def _enrol(live: Live, boxes: int) -> list[str]:
    """The keys (hex) of `boxes` boxes, each enrolled for a station of its own."""
    keys = [device(n).public_key.raw.hex() for n in range(boxes)]
    for key, station in zip(keys, stations(), strict=False):
        enrol_device(live.uow, election_id=ELECTION, station=station, public_key_hex=key, now=NOW)
    return keys


def _checker(live: Live) -> Checker:
    centre = live.centre
    return Checker(centre.registry, centre.ledger_secret, centre.new_token, centre.check_in_limits)


def _asked(key: str, box: int, code: str, election: str = ELECTION) -> Asked:
    return Asked(election, stations()[box], key, code, datetime.datetime.now(datetime.UTC))


def _said(outcome: GroupOutcome) -> str:
    if isinstance(outcome, BallotCard):
        return "card"
    if isinstance(outcome, Refused):
        return outcome.reason.value
    return type(outcome).__name__


def test_a_voter_twice_in_a_group_and_again_in_the_next_gets_one_card(live: Live) -> None:
    keys = _enrol(live, 3)
    first, second, third = voters(3)
    group = [
        _asked(keys[0], 0, first),
        _asked(keys[1], 1, second),
        _asked(keys[2], 2, first),  # the same voter at another station, in the same group
        _asked(keys[1], 1, third),
    ]
    said = [_said(o) for o in commit_group(live.uow, group, _checker(live))]
    assert said == ["card", "card", "already-voted", "card"]
    again = [_asked(keys[2], 2, second), _asked(keys[0], 0, third)]
    assert [_said(o) for o in commit_group(live.uow, again, _checker(live))] == [
        "already-voted",
        "already-voted",
    ]
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 3


def test_a_check_in_that_fails_alone_leaves_the_others_of_its_group_answered(live: Live) -> None:
    keys = _enrol(live, 2)
    revoke_device(live.uow, election_id=ELECTION, public_key_hex=keys[1], now=NOW)
    first, second, third = voters(3)
    group = [
        _asked(keys[0], 0, first),
        _asked(keys[1], 1, second),  # revoked
        _asked(keys[0], 0, third, election="no-such-election"),
    ]
    outcomes = commit_group(live.uow, group, _checker(live))
    assert _said(outcomes[0]) == "card"
    assert isinstance(outcomes[1], DeviceRefusedError)
    assert outcomes[1].reason is DeviceRefusal.REVOKED_DEVICE
    assert isinstance(outcomes[2], ElectionNotFoundError)
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 1


def test_check_ins_taken_at_once_are_each_answered_once_after_their_commit(live: Live) -> None:
    keys = _enrol(live, 8)
    codes = voters(12)
    groups = CheckInGroups(lambda: live.centre)
    # every voter asked for at two stations at once, all 24 waiting on the one writer
    asked = [_asked(keys[n % 8], n % 8, codes[n % 12]) for n in range(24)]

    async def all_at_once() -> list[GroupOutcome]:
        return await asyncio.gather(*(groups.take(each) for each in asked))

    try:
        said = [_said(o) for o in run_apart(all_at_once())]
    finally:
        groups.stop()
    assert said.count("card") == 12
    assert said.count("already-voted") == 12
    with live.uow() as work:  # answered only once committed: every card is in the ledger
        assert work.ledger.count(ELECTION) == 12


def test_check_ins_of_two_event_loops_are_each_answered_in_their_own(live: Live) -> None:
    # a group's answers go to each loop in one hand-over (issue 14): a loop of its own for each
    # half, both waiting on the one writer, each gets exactly its own answers
    keys = _enrol(live, 4)
    codes = voters(16)
    groups = CheckInGroups(lambda: live.centre)
    halves = [[_asked(keys[n % 4], n % 4, codes[n]) for n in range(half, 16, 2)] for half in (0, 1)]

    async def taken(asked: list[Asked]) -> list[tuple[str, str]]:
        outcomes = await asyncio.gather(*(groups.take(each) for each in asked))
        return [(_said(o), o.station if isinstance(o, BallotCard) else "") for o in outcomes]

    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="loop") as pool:
            said = [f.result() for f in [pool.submit(asyncio.run, taken(half)) for half in halves]]
    finally:
        groups.stop()
    for half, answers in zip(halves, said, strict=True):
        assert answers == [("card", each.station) for each in half]
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 16

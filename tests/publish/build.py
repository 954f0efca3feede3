"""A small election published from a store holding real signed reports, for the publish tests.

The day is the Kerman runoff slice of tests/services/build.py (three stations in two counties; the
presidency everywhere, a Majlis runoff in two constituencies), with a ballot box enrolled at each
station, its head and secretary registered, and reports signed by the box (a final report by the
head and secretary too) taken through `services.ingest`, as the centre takes them.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sandogh.core.anchor import fingerprint
from sandogh.core.definition.model import Election
from sandogh.core.report import SigningKey
from sandogh.publish.snapshot import Publisher
from sandogh.services.anchor import record_of
from sandogh.services.ingest import ingest_report
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.ports import UnitOfWork
from tests.core.anchor.build import LOG_KEY
from tests.services.build import (
    DEVICE,
    DEVICE_3,
    NOW,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    ST_3,
    final,
    load,
    register_station_staff,
    seal_record,
    signed,
    zero,
)
from tests.services.build import enrol as enrol_for

NewUnitOfWork = Callable[[], UnitOfWork]

DEVICE_2 = SigningKey.from_seed(bytes(range(64, 96)))
KEYS = {ST_1: DEVICE, ST_2: DEVICE_2, ST_3: DEVICE_3}
#: Who voted what at each station, one tuple a voter (tests/services/build.py's RUNOFF_VOTES).
VOTES: Mapping[str, Mapping[str, Sequence[tuple[str, ...]]]] = {
    ST_1: RUNOFF_VOTES,
    ST_2: {"president": [("25",), ("25",), ("21",)], "parliament": [("31", "33"), ("32",), ()]},
    ST_3: {"president": [("21",), ("21",)], "parliament": [("41",), ("42",)]},
}


def at(minutes: int) -> datetime.datetime:
    """A moment of the evening of the runoff: `minutes` after 20:00 in Iran."""
    return NOW.replace(hour=20) + datetime.timedelta(minutes=minutes)


def set_up(
    uow: NewUnitOfWork,
    day: Election = ROUND_2_DAY,
    before_opening: Callable[[NewUnitOfWork], object] | None = None,
) -> None:
    """`day` prepared (`prepare`), the pre-election record sealed, `before_opening` done (a
    lot's commitment, say: polling has not begun) and each station opened with a zero report."""
    prepare(uow, day)
    seal_record(uow, day.id)
    if before_opening is not None:
        before_opening(uow)
    for minutes, (station, key) in enumerate(KEYS.items()):
        ingest_report(uow, signed=signed(zero(day, station, key), key), now=at(minutes - 600))


def prepare(uow: NewUnitOfWork, day: Election = ROUND_2_DAY) -> None:
    """`day` loaded, a box enrolled and a head and secretary registered at each station: the
    pre-election record can be drafted and sealed."""
    load(uow, day)
    for station, key in KEYS.items():
        enrol(uow, station, key, day)
    register_station_staff(uow, day.id, *KEYS)


@functools.cache
def record_fingerprint() -> str:
    """The fingerprint of the record `set_up` seals for the runoff, as a newspaper would print it:
    made again in a store of its own, so that no test takes it from the snapshot it checks."""
    store = MemoryStore()

    def new() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(new)
    stored, _ = record_of(new, election_id=ROUND_2_DAY.id)
    return fingerprint(stored.data)


def enrol(uow: NewUnitOfWork, station: str, key: SigningKey, day: Election = ROUND_2_DAY) -> None:
    enrol_for(uow, station, key, day.id)


def final_report(
    station: str,
    *,
    day: Election = ROUND_2_DAY,
    key: SigningKey | None = None,
    votes: Mapping[str, Sequence[tuple[str, ...]]] | None = None,
) -> bytes:
    """The final report of `station`, signed by its box, head and secretary."""
    key = key or KEYS[station]
    return signed(final(day, station, key, votes or VOTES[station]), key)


def report(
    uow: NewUnitOfWork,
    station: str,
    minutes: int,
    *,
    day: Election = ROUND_2_DAY,
    key: SigningKey | None = None,
    votes: Mapping[str, Sequence[tuple[str, ...]]] | None = None,
) -> None:
    """Ingest the final report of `station`, `minutes` after 20:00."""
    data = final_report(station, day=day, key=key, votes=votes)
    ingest_report(uow, signed=data, now=at(minutes))


#: Who voted what in the first round (tests/services/build.py's ROUND_1_DAY): nobody has half of
#: the ballots cast for president, so 21 and 25 go to a runoff.
ROUND_1_VOTES: Mapping[str, Mapping[str, Sequence[tuple[str, ...]]]] = {
    ST_1: {"president": [("21",), ("25",), ("27",)], "parliament": [("31", "32"), ("31", "33")]},
    ST_2: {"president": [("21",), ("25",), ("29",)], "parliament": [("31", "32"), ("34",)]},
    ST_3: {"president": [("21",), ("25",), ("27",), ()], "parliament": [("41",), ("41",), ("42",)]},
}


def publisher(uow: NewUnitOfWork, root: Path) -> Publisher:
    """The snapshot's publisher holding the centre's log key that the sealed record names, so
    that an anchored check holds `supervision.json` to the key's attestation."""
    return Publisher(uow, root, render=False, log_key=LOG_KEY, now=lambda: at(30))

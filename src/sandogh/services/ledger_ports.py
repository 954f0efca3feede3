"""The ports a check-in goes through: the voted ledger and the civil registry."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.voters.eligibility import RegistryRecord
from sandogh.core.voters.national_code import NationalCode


@dataclass(frozen=True)
class LedgerEntry:
    """That a voter checked in for a round: where, when, and in which constituency of each contest.

    It names the voter only by `voter_key` (a keyed hash, `core.voters.ledger_key`) and shares no
    key, time or order with any cast-vote record (DESIGN.md §3, secrecy by construction).
    """

    election: str
    voter_key: str
    station: str
    # the start, in UTC, of the hour of Iran's clock: never the moment; a store coarsens what it is
    # given to it (core.voters.ledger_time)
    at: datetime.datetime
    constituencies: Mapping[str, str]  # contest id → the constituency the voter voted in
    provisional: bool = False  # checked in offline by the station, confirmed on sync
    # offline only: tells a sync sent again from a second check-in (core.voters.ledger_time)
    offline_tag: str | None = None


class LedgerRepository(Protocol):
    def add(self, entry: LedgerEntry) -> bool:
        """Record the check-in unless the voter already checked in for this election: True when
        recorded, False when (election, voter_key) was taken. Decided by the database's unique
        key, so it holds under any number of concurrent check-ins."""

    def add_many(self, entries: Sequence[LedgerEntry]) -> set[tuple[str, str]]:
        """`add` for each of `entries` (no two of one voter) in one statement: the (election,
        voter key) of those recorded."""

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None: ...

    def find_held(self, election_id: str, voter_key: str) -> tuple[bool, LedgerEntry | None]:
        """Whether the election is stored, and the voter's entry in its ledger: in one read, as
        a check-in asks of a by-election's main election (`services.checkin`)."""

    def count(self, election_id: str, station: str | None = None) -> int: ...

    def counts_by_station(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[str, int]:
        """Check-ins per station (of `stations`, else all); a station without any is left out."""

    def counts_by_hour(
        self,
        election_id: str,
        stations: Collection[str] | None = None,
        offset: datetime.timedelta = datetime.timedelta(0),
    ) -> Mapping[datetime.datetime, int]:
        """Check-ins per hour of a clock `offset` ahead of UTC (Tehran's is 3:30; keyed by the
        hour's start, a UTC instant) at `stations`, else at all; an hour without any is left
        out. Counts only: never which voter."""

    def counts_by_contest(self, election_id: str, station: str) -> Mapping[str, int]:
        """Check-ins at `station` per contest the voter was given (the keys of `constituencies`);
        a contest without any is left out. Counts only: never which voter."""


class Registry(Protocol):
    """The civil registry (ثبت احوال), as far as an election needs it."""

    def lookup(self, code: NationalCode) -> RegistryRecord | None: ...

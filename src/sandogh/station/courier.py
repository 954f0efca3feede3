"""Carrying the box's outbox to the centre: offline check-ins, signed reports, the E2E chain.

DESIGN.md §3: a station that cannot reach the centre keeps working, and what it queued is sent
when the link returns; nothing is dropped silently. The outbox is in the station's store
(`local_store`), so it survives a restart. A pass sends every item that is due, offline check-ins
in batches, then the reports, then an E2E box's chain file (docs/e2e.md §7: the centre takes it
against the final report it closes, so it goes once the reports have gone); an item the centre
cannot be reached for waits `Backoff.after(attempts)` before its next try (exponential, up to a
bound) and ends the pass. The
centre takes the same check-in or the same report bytes again as the same, so an answer lost on
the way is harmless to resend. A delivered report or chain leaves its receipt
(`local_outbox.Receipt`: the hash of the bytes the centre took, and when) for the operator's
screen. An item the centre refuses is kept, marked refused, never retried, and noted as a local
incident, as is a synced batch in which the centre found duplicates. The
centre answers a sync with counts only (docs/api.md): which voters were duplicates, and where
else they voted, go to the supervisors at the centre, never back to the box.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.report import ReportKind
from sandogh.station.local_outbox import OutboxItem, OutboxKind, OutboxSummary
from sandogh.station.local_store import LocalStore
from sandogh.station.ports import (
    Backlog,
    CentreClient,
    CentreRefusedError,
    CentreUnreachableError,
    OfflineCheckIn,
)
from sandogh.station.setup import StationSetup

CHECK_IN_BATCH = 500  # offline check-ins per sync request


class LocalIncidentKind(StrEnum):
    DUPLICATE_CHECK_IN = "duplicate-check-in"  # voters of a synced batch the centre already had
    CHECK_INS_REFUSED = "check-ins-refused"
    REPORT_REFUSED = "report-refused"
    CHAIN_REFUSED = "ballot-chain-refused"


@dataclass(frozen=True)
class Backoff:
    """The wait before the n-th retry of an item: `first` × 2^(n−1), never more than `cap`."""

    first: datetime.timedelta = datetime.timedelta(seconds=2)
    cap: datetime.timedelta = datetime.timedelta(minutes=5)

    def after(self, attempts: int) -> datetime.timedelta:
        doublings = min(max(attempts - 1, 0), 32)  # 2^32 × any sane `first` is past the cap
        return min(self.cap, self.first * (1 << doublings))


@dataclass(frozen=True)
class SyncOutcome:
    delivered: int
    postponed: int
    refused: int
    incidents: int  # noted by this pass
    outbox: OutboxSummary  # what is left


def offline_payload(national_code: str, at: datetime.datetime) -> bytes:
    """An offline check-in as queued; `at` to the microsecond, as the centre compares it."""
    entry = {"national_code": national_code, "at": at.isoformat(timespec="microseconds")}
    return json.dumps(entry).encode("ascii")


def _offline_entry(item: OutboxItem) -> OfflineCheckIn:
    entry = json.loads(item.payload)
    return OfflineCheckIn(entry["national_code"], datetime.datetime.fromisoformat(entry["at"]))


@dataclass
class _Tally:
    delivered: int = 0
    postponed: int = 0
    refused: int = 0
    incidents: int = 0


class Courier:
    def __init__(self, store: LocalStore, centre: CentreClient, backoff: Backoff) -> None:
        self._store = store
        self._centre = centre
        self._backoff = backoff

    def send(self, setup: StationSetup, now: datetime.datetime) -> SyncOutcome:
        """One pass over the outbox at `now` (see the module docstring)."""
        tally = _Tally()
        if self._check_ins(setup, now, tally) and self._documents(
            setup, OutboxKind.REPORT, self._centre.send_report, now, tally
        ):
            self._documents(setup, OutboxKind.BALLOT_CHAIN, self._centre.send_chain, now, tally)
        with self._store.transaction() as tx:
            left = tx.outbox_summary()
        return SyncOutcome(tally.delivered, tally.postponed, tally.refused, tally.incidents, left)

    def _check_ins(self, setup: StationSetup, now: datetime.datetime, tally: _Tally) -> bool:
        while True:
            with self._store.transaction() as tx:
                batch = tx.due(OutboxKind.CHECK_IN, now, CHECK_IN_BATCH)
            if not batch:
                return True
            try:
                answer = self._centre.sync_check_ins(
                    election=setup.election,
                    station=setup.station,
                    entries=[_offline_entry(item) for item in batch],
                    backlog=self._backlog(setup, len(batch)),
                )
            except CentreUnreachableError as error:
                self._postpone(batch, error, now, tally)
                return False
            except CentreRefusedError as error:
                self._refused(batch, error, LocalIncidentKind.CHECK_INS_REFUSED, now, tally)
                continue
            duplicates = answer.get("duplicates")
            with self._store.transaction() as tx:
                tx.delivered(batch)
                if isinstance(duplicates, int) and duplicates > 0:
                    tx.add_incident(
                        LocalIncidentKind.DUPLICATE_CHECK_IN,
                        now,
                        {**answer, "sent": len(batch)},
                    )
                    tally.incidents += 1
            tally.delivered += len(batch)

    def _backlog(self, setup: StationSetup, sending: int) -> Backlog:
        """What the outbox holds besides the `sending` items of the next request."""
        with self._store.transaction() as tx:
            return Backlog(setup.station, tx.outbox_summary().pending - sending)

    def _documents(
        self,
        setup: StationSetup,
        kind: OutboxKind,
        send: Callable[[bytes, Backlog], Mapping[str, object]],
        now: datetime.datetime,
        tally: _Tally,
    ) -> bool:
        """Send the due items of `kind` (reports, or the chain), each on its own; False when
        the centre could not be reached."""
        with self._store.transaction() as tx:
            due = tx.due(kind, now, limit=len(ReportKind))
        refusal = (
            LocalIncidentKind.REPORT_REFUSED
            if kind is OutboxKind.REPORT
            else LocalIncidentKind.CHAIN_REFUSED
        )
        for item in due:
            try:
                send(item.payload, self._backlog(setup, 1))
            except CentreUnreachableError as error:
                self._postpone([item], error, now, tally)
                return False
            except CentreRefusedError as error:
                self._refused([item], error, refusal, now, tally)
                continue
            with self._store.transaction() as tx:
                tx.delivered([item])
                tx.add_receipt(item, now)
            tally.delivered += 1
        return True

    def _postpone(
        self,
        items: Sequence[OutboxItem],
        error: CentreUnreachableError,
        now: datetime.datetime,
        tally: _Tally,
    ) -> None:
        with self._store.transaction() as tx:
            for item in items:
                tx.postpone(item, str(error), now + self._backoff.after(item.attempts + 1))
        tally.postponed += len(items)

    def _refused(
        self,
        items: Sequence[OutboxItem],
        error: CentreRefusedError,
        kind: LocalIncidentKind,
        now: datetime.datetime,
        tally: _Tally,
    ) -> None:
        details = {
            "reason": error.reason,
            "message": str(error),
            "reports": [item.subject for item in items if item.kind is not OutboxKind.CHECK_IN],
            "items": len(items),
        }
        with self._store.transaction() as tx:
            tx.refuse(items, error.reason)
            tx.add_incident(kind, now, details)
        tally.refused += len(items)
        tally.incidents += 1

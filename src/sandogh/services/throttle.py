"""Failed log-ins counted in the store, throttles read from it, and the brute-force alerts.

`core.access.throttle` decides; this keeps its counters in the store (`OperatorRepository.count`)
so that every process of the centre sees the failures of all the others, and raises a
`SecurityAlert` with its `ATTACK_SUSPECTED` event the first time in a window that failures from one
network, or against all accounts together, reach their limit (DESIGN.md §6, "alerts to the HQ").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sandogh.core.access import ThrottlePolicy, Window
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.elections import SYSTEM
from sandogh.services.ports import AlertKind, SecurityAlert, UnitOfWork

ALL_ACCOUNTS = "accounts"  # the key that counts failures against every account together
#: Where alerts are placed in the event log: they concern no one unit.
NOWHERE = ""


@dataclass(frozen=True)
class Origin:
    """Where a log-in comes from: the address and its network (`core.access.network_of`)."""

    address: str
    network: str

    @property
    def keys(self) -> tuple[str, str]:
        return f"address:{self.address}", f"network:{self.network}"


def throttled(
    work: UnitOfWork, policy: ThrottlePolicy, origin: Origin, now: datetime.datetime
) -> dict[str, datetime.datetime]:
    """Which of `origin`'s keys (address, network) are throttled, each until when: log-ins from
    it are refused unheard until the last of them."""
    address, network = origin.keys
    standings = _standings(work, {address: policy.address, network: policy.network}, now)
    return _blocks(standings, now)


def count_failure(
    work: UnitOfWork, policy: ThrottlePolicy, origin: Origin, now: datetime.datetime
) -> dict[str, datetime.datetime]:
    """Count one failed log-in from `origin`, raise the alerts it brings about, and say which of
    its keys are now throttled, each until when (as `throttled`)."""
    address, network = origin.keys
    windows = {address: policy.address, network: policy.network, ALL_ACCOUNTS: policy.accounts}
    work.operators.count([(key, window.start(now)) for key, window in windows.items()])
    standings = _standings(work, windows, now)
    everywhere = standings.pop(ALL_ACCOUNTS)
    if everywhere.current == 1:  # the first failure of a window: drop the counters it ends
        oldest = min(window.start(now) - window.length for window in windows.values())
        work.operators.forget_counts(oldest)
    if standings[network].over:
        _alert(work, AlertKind.NETWORK, origin.network, standings[network], now)
    if everywhere.over:
        _alert(work, AlertKind.ACCOUNTS, "*", everywhere, now)
    return _blocks(standings, now)


@dataclass(frozen=True)
class _Standing:
    window: Window
    previous: int
    current: int
    at: datetime.datetime

    @property
    def over(self) -> bool:
        return self.window.over(self.previous, self.current, self.at)

    @property
    def clear_at(self) -> datetime.datetime:
        return self.window.clear_at(self.previous, self.current, self.at)

    @property
    def failures(self) -> int:
        return int(self.window.estimate(self.previous, self.current, self.at))


def _standings(
    work: UnitOfWork, windows: dict[str, Window], now: datetime.datetime
) -> dict[str, _Standing]:
    """Each key's counts in its window and the one before, read at once."""
    starts = {key: window.start(now) for key, window in windows.items()}
    wanted = [*starts.items(), *((key, at - windows[key].length) for key, at in starts.items())]
    counts = work.operators.counts(wanted)
    return {
        key: _Standing(
            window,
            counts.get((key, starts[key] - window.length), 0),
            counts.get((key, starts[key]), 0),
            now,
        )
        for key, window in windows.items()
    }


def _blocks(
    standings: dict[str, _Standing], now: datetime.datetime
) -> dict[str, datetime.datetime]:
    untils = {key: standing.clear_at for key, standing in standings.items()}
    return {key: until for key, until in untils.items() if until > now}


def _alert(
    work: UnitOfWork, kind: AlertKind, subject: str, standing: _Standing, now: datetime.datetime
) -> None:
    window_start = standing.window.start(now)
    alert = SecurityAlert(kind, subject, window_start, now, standing.failures)
    if work.operators.raise_alert(alert):
        details: dict[str, JSONValue] = {
            "kind": kind.value,
            "subject": subject,
            "failures": alert.failures,
            "limit": standing.window.limit,
            "window_seconds": int(standing.window.length.total_seconds()),
        }
        work.events.record(
            Event(
                now,
                SYSTEM,
                SYSTEM,
                NOWHERE,
                EventType.ATTACK_SUSPECTED,
                Disposition.DONE,
                details,
            )
        )

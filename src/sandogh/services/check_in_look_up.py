"""The look-up before a check-in: whom the registry names for a code, with nothing recorded.

Issue 13 (review S21): were the registry's name and photo shown only with the ballot card, the
check-in would be recorded and the voter's one vote spent before the staff could see that the
person in front of them is someone else; an impostor with another's national code would burn that
person's vote. So the staff first look the voter up and compare the name and photo, and only then
ask for the card (`services.checkin.check_in`), which decides again, in its own transaction.

A look-up tells no more than the check-in would: it runs the same checks of the box, the day and
the voter (a refused person's name and photo are never told, nor where or when anyone voted), and
answers with the contests the card would hold. It writes nothing; the pace of an enrolled box's
look-ups is bounded (`Pace`, counted by `server.look_up_pace`), so that a box cannot read the
registry faster than it could check voters in, and the first look-up refused in a run raises a
`check-in-burst` incident for the supervisors.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from sandogh.core.errors import SandoghError
from sandogh.core.report import BallotContest
from sandogh.core.station.check_in_bounds import USUAL_LIMITS, CheckInLimits
from sandogh.services.check_in_bounds import raise_incident
from sandogh.services.check_in_rules import (
    RefusalReason,
    Refused,
    Withheld,
    admitted,
    open_station,
    voter_of,
)
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import Incident, IncidentKind, Registry


class Pace(Enum):
    """Whether a box may look one more voter up now (`server.look_up_pace` keeps the count)."""

    ALLOWED = "allowed"
    REFUSED = "refused"
    FIRST_REFUSED = "first-refused"  # the first refused after one allowed: raises the incident


class TooManyLookUpsError(SandoghError):
    """The box looks voters up faster than it could check them in; nothing of the voter told."""


@dataclass(frozen=True)
class LookedUp:
    """The voter may vote here, in `contests`, as the check-in would say now; `name` and
    `photo` are the registry's, if it has them, for the staff to compare with the person."""

    contests: tuple[BallotContest, ...]
    withheld: tuple[Withheld, ...] = ()
    name: str | None = None
    photo: bytes | None = None


LookUpResult = LookedUp | Refused


def look_up(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    station: str,
    device: str,
    national_code: str,
    registry: Registry,
    ledger_secret: bytes,
    now: datetime.datetime,
    pace: Callable[[], Pace],
    limits: CheckInLimits = USUAL_LIMITS,
) -> LookUpResult:
    """What `check_in` would answer now for the voter of `national_code`, with the registry's
    name and photo in place of a card; raises as it does, and writes nothing but the incident
    of a box refused for its pace: `pace` is asked once the box is shown to serve the station
    (so that only enrolled boxes are counted), and `TooManyLookUpsError` raised unless allowed."""
    with uow() as work:
        day, _ = open_station(
            work, election_id, station=station, device=device, now=now, limits=limits
        )
        verdict = pace()
        if verdict is Pace.FIRST_REFUSED:
            details = {
                "look_ups": str(limits.burst),
                "last": now.astimezone(datetime.UTC).isoformat(),
                "fastest_seconds": str(int(limits.fastest.total_seconds())),
            }
            incident = Incident(election_id, IncidentKind.CHECK_IN_BURST, (station,), now, details)
            raise_incident(work, incident, f"ed25519:{device}")
            work.commit()
        if verdict is not Pace.ALLOWED:
            raise TooManyLookUpsError(f"ed25519:{device} looks voters up too fast")
        voter = voter_of(day, station, national_code, registry, ledger_secret)
        if isinstance(voter, Refused):
            return voter
        key, record = voter
        if work.ledger.find(election_id, key) is not None:
            return Refused(RefusalReason.ALREADY_VOTED)
        allowed, withheld = admitted(work, day, station, day.ballot(station), key)
    if not allowed:
        return Refused(withheld[0].reason)
    return LookedUp(allowed, withheld, record.name, record.photo)

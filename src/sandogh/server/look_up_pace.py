"""How fast a ballot box may look voters up (`services.check_in_look_up`): no faster than it
could check them in (`CheckInLimits.fastest` each, a run of `burst` at once), so that a box, or
whoever holds its key, cannot read the civil registry's names and photos faster than a station's
queue would. Each box has a credit of `burst` look-ups that grows back one per `fastest`; a
look-up without credit is refused, and the first refused of a run raises an incident
(`services.check_in_look_up`). Only a box shown to serve the station is counted, so the boxes
remembered are the enrolled ones.

The credit is held in the process's memory: a centre of N processes behind one address lets a
box N times the pace at most, and a restart gives it its credit back; the incident, the store's,
is what a supervisor sees.
"""

from __future__ import annotations

import datetime
import threading

from sandogh.core.station.check_in_bounds import CheckInLimits
from sandogh.services.check_in_look_up import Pace


class LookUpPace:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        # per box's key: its credit (as time) when last asked, when, and whether it was refused
        self._boxes: dict[str, tuple[datetime.timedelta, datetime.datetime, bool]] = {}

    def take(self, device: str, now: datetime.datetime, limits: CheckInLimits) -> Pace:
        """Spend one look-up of `device`'s credit at `now`, or say it has none."""
        full = limits.fastest * limits.burst
        with self._lock:
            credit, then, refused = self._boxes.get(device, (full, now, False))
            credit = min(full, credit + max(now - then, datetime.timedelta(0)))
            if credit < limits.fastest:
                self._boxes[device] = (credit, now, True)
                return Pace.REFUSED if refused else Pace.FIRST_REFUSED
            self._boxes[device] = (credit - limits.fastest, now, False)
            return Pace.ALLOWED

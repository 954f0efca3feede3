"""The JSON of the station's row in the box's file (`station.local_store`), read back: the ballot
and the enrolment document the centre sent.

A use case reads the station's row first (a check-in and a cast, four times a voter), and these
stay the same all day: each text is read once, into values that cannot change (tuples, frozen
dataclasses). Reading them again for every use took a third of the box's own work a voter.
"""

from __future__ import annotations

import functools
import json

from sandogh.core.definition.model import VotingMode
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ElectionContext
from sandogh.core.report import BallotContest
from sandogh.station.errors import StationFilesError
from sandogh.station.polling_days import PollingDay, read_polling
from sandogh.station.setup import StaffMember, read_e2e, read_staff
from sandogh.station.voting_mode import read_voting


@functools.lru_cache(maxsize=8)
def read_ballot(stored: str) -> tuple[BallotContest, ...]:
    return tuple(
        BallotContest(item["contest"], item["seats"], tuple(item["candidates"]))
        for item in json.loads(stored)
    )


@functools.lru_cache(maxsize=8)
def read_enrolled(
    stored: str,
) -> tuple[
    tuple[StaffMember, ...],
    ElectionContext | None,
    VotingMode,
    tuple[str, ...],
    tuple[PollingDay, ...],
]:
    """The staff, E2E context, mode, approvals and polling days of the stored enrolment."""
    problems: list[Problem] = []
    document = json.loads(stored)
    staff = read_staff(document.get("staff"), problems)
    e2e = read_e2e(document.get("e2e"), problems)
    mode, approved = read_voting(document.get("voting"), problems)
    polling = read_polling(document.get("polling"), problems)
    if problems:
        raise StationFilesError(f"the stored enrolment: {problems}")
    return staff, e2e, mode, approved, polling

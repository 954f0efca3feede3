"""Which stations' voting mode no approval covers (`core.supervision.modes`)."""

from __future__ import annotations

import dataclasses
import datetime

from sandogh.core.access import Body
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.supervision.modes import ModeApproval, unapproved
from tests.services.build import ROUND_2_DAY, ST_1, ST_3

AT = datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)


def _approved(contest: str, constituency: str) -> ModeApproval:
    return ModeApproval(
        ROUND_2_DAY.id,
        contest,
        constituency,
        VotingMode.ELECTRONIC,
        "مصوبه",
        "b",
        Body.GUARDIAN_COUNCIL,
        AT,
    )


def test_an_electronic_station_needs_an_approval_in_each_of_its_contests() -> None:
    geography = Geography.of(ROUND_2_DAY)
    given = [_approved("president", "IR"), _approved("parliament", "P1")]
    assert unapproved(geography, ST_1, given) == ()
    missing = unapproved(geography, ST_3, given)  # ST_3 votes for parliament in P2
    assert [(m.contest, m.constituency, m.mode) for m in missing] == [
        ("parliament", "P2", VotingMode.ELECTRONIC)
    ]


def test_semi_electronic_and_paper_stations_need_none() -> None:
    for mode in (VotingMode.SEMI_ELECTRONIC, VotingMode.PAPER):
        units = tuple(
            u
            if u.station is None
            else dataclasses.replace(u, station=dataclasses.replace(u.station, mode=mode))
            for u in ROUND_2_DAY.units
        )
        geography = Geography.of(dataclasses.replace(ROUND_2_DAY, units=units))
        assert unapproved(geography, ST_3, []) == ()

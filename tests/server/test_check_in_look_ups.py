"""The look-up before a check-in through the real HTTP API (issue 13): whom the registry names
for a code, with nothing recorded, so an impostor refused at the look-up spends no one's vote."""

from __future__ import annotations

import pytest

from sandogh.core.voters import NationalCode
from sandogh.services.ports import IncidentKind
from sandogh.station.ports import CentreRefusedError, CentreUnreachableError

from .live import ELECTION, Live, device, registry, stations, voters
from .test_check_ins import _ineligible


def test_an_impostor_refused_at_the_look_up_spends_no_one_s_vote(live: Live) -> None:
    station = stations()[0]
    (voter,) = voters(1)
    record = registry().lookup(NationalCode(voter))
    assert record is not None
    with live.enrolled(device(1), station) as box:
        # an impostor gives the voter's code: the staff see the registry's name (and photo)
        found = box.look_up(election=ELECTION, station=station, national_code=voter)
        assert (found.refusal, found.contests, found.name) == (None, ("president",), record.name)
        assert found.name
        # ... which is not the person in front of them: they refuse, and nothing was recorded
        with live.uow() as work:
            assert work.ledger.count(ELECTION) == 0
        # the real voter comes later: looked up and checked in as ever
        again = box.look_up(election=ELECTION, station=station, national_code=voter)
        assert again.name == record.name
        card = box.check_in(election=ELECTION, station=station, national_code=voter)
        assert card.token is not None
        # a look-up tells no more than the check-in: where or when they voted, never
        voted = box.look_up(election=ELECTION, station=station, national_code=voter)
        assert (voted.refusal, voted.name, voted.photo, voted.contests) == (
            "already-voted",
            None,
            None,
            (),
        )
        # a refused person's name and photo are never sent
        young = box.look_up(election=ELECTION, station=station, national_code=_ineligible("dead"))
        assert (young.refusal, young.name, young.photo) == ("dead", None, None)
        assert box.look_up(election=ELECTION, station=station, national_code="12345").refusal == (
            "invalid-code"
        )
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 1


def test_a_box_looks_voters_up_no_faster_than_it_checks_them_in(live: Live) -> None:
    station = stations()[0]
    limits = live.centre.check_in_limits
    codes = voters(limits.burst + 2)
    with live.enrolled(device(1), station) as box:
        for code in codes[: limits.burst]:
            assert box.look_up(election=ELECTION, station=station, national_code=code).name
        # the run's credit is spent: "not now" (429), which the box takes as the centre away
        for code in codes[limits.burst :]:
            with pytest.raises(CentreUnreachableError):
                box.look_up(election=ELECTION, station=station, national_code=code)
    with live.uow() as work:
        (incident,) = work.incidents.all(ELECTION)  # the run raised one incident, logged
        assert incident.kind is IncidentKind.CHECK_IN_BURST
        assert incident.stations == (station,)
        assert incident.details["look_ups"] == str(limits.burst)
        assert work.ledger.count(ELECTION) == 0


def test_a_look_up_is_signed_and_refused_as_a_check_in_is(live: Live) -> None:
    first, second = stations()[:2]
    (voter,) = voters(1)
    with live.enrolled(device(1), first) as box, pytest.raises(CentreRefusedError) as wrong:
        box.look_up(election=ELECTION, station=second, national_code=voter)
    assert wrong.value.reason == "wrong-station"
    with live.client(device(9)) as stranger, pytest.raises(CentreRefusedError) as unknown:
        stranger.look_up(election=ELECTION, station=first, national_code=voter)
    assert unknown.value.reason == "unknown-device"

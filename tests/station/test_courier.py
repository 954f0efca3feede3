import datetime
from pathlib import Path

from sandogh.core.report import Choice
from sandogh.station.box_check_in import CheckInRefused, IssuedCard, LocalRefusal
from sandogh.station.courier import Backoff, LocalIncidentKind
from sandogh.station.ports import Backlog
from sandogh.station.setup import OfflinePolicy

from .build import BACKOFF, COUNTERS, MORNING, STATION, Station, national_code, voting_station

BALLOT = (Choice("president", ("25",)), Choice("parliament", ("31", "33")))


def _vote(station: Station, voter: int) -> IssuedCard:
    card = station.box.check_in(national_code(voter))
    assert isinstance(card, IssuedCard), card
    station.box.cast(card.token, BALLOT)
    return card


def test_backoff_doubles_from_the_first_wait_up_to_its_bound() -> None:
    backoff = Backoff(first=datetime.timedelta(seconds=2), cap=datetime.timedelta(seconds=60))
    waits = [backoff.after(n).total_seconds() for n in range(1, 8)]
    assert waits == [2, 4, 8, 16, 32, 60, 60]
    assert backoff.after(10**6) == backoff.cap


def test_a_station_offline_for_part_of_the_day_loses_nothing(tmp_path: Path) -> None:
    station = voting_station(tmp_path, policy=OfflinePolicy.PROVISIONAL)
    online = [_vote(station, voter) for voter in range(5)]
    station.centre.down = True
    offline = [_vote(station, voter) for voter in range(5, 15)]
    assert not any(card.provisional for card in online)
    assert all(card.provisional for card in offline)
    assert all(card.contests == ("president", "parliament") for card in offline)
    down = station.box.sync()
    assert (down.delivered, down.postponed) == (0, 10)
    assert down.outbox.pending == 11  # ten check-ins and the zero report

    station = station.reopen()  # a restart keeps the queue
    station.centre.down = False
    station.clock.advance(1)
    calls = station.centre.calls
    early = station.box.sync()  # nothing is due before the backoff has passed
    assert station.centre.calls == calls + 1  # the zero report, which was never tried
    assert (early.delivered, early.outbox.pending) == (1, 10)
    # each send tells the centre what else waits (its operators' metrics, docs/deployment.md)
    assert station.centre.backlogs == [Backlog(STATION, 10)]
    station.clock.advance(BACKOFF.first.total_seconds())
    later = station.box.sync()
    assert (later.delivered, later.outbox.pending, later.incidents) == (10, 0, 0)
    assert station.centre.backlogs[-1] == Backlog(STATION, 0)
    assert [entry.national_code for entry in station.centre.synced] == [
        national_code(voter) for voter in range(5, 15)
    ]
    assert {entry.at for entry in station.centre.synced} == {MORNING}  # when each checked in
    _vote(station, 15)
    station.box.close()
    assert station.box.count(staff=COUNTERS).sheets[1].counts.cast == 16


def test_a_voter_the_centre_already_had_becomes_an_incident(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.centre.voted_elsewhere[national_code(7)] = "ST-0802-0001"
    station.centre.down = True
    for voter in (6, 7, 8):
        _vote(station, voter)
    station.centre.down = False
    outcome = station.box.sync()
    assert (outcome.delivered, outcome.incidents) == (4, 1)
    (incident,) = station.box.incidents()
    assert incident.kind == LocalIncidentKind.DUPLICATE_CHECK_IN
    assert incident.details["duplicates"] == 1
    assert incident.details["sent"] == 3
    assert station.centre.incidents == [("ST-0802-0001", STATION)]
    assert station.box.status().records == 3  # the ballot stays: the supervisors decide


def test_a_voter_checked_in_offline_is_not_checked_in_again_here(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.centre.down = True
    _vote(station, 1)
    refused = station.box.check_in(national_code(1))
    assert refused == CheckInRefused(LocalRefusal.CHECKED_IN_HERE, by_centre=False)
    assert station.box.status().cards_issued == 1


def test_under_the_refuse_policy_no_one_votes_while_the_centre_is_down(tmp_path: Path) -> None:
    station = voting_station(tmp_path, policy=OfflinePolicy.REFUSE)
    _vote(station, 1)
    station.centre.down = True
    refused = [station.box.check_in(national_code(voter)) for voter in range(2, 5)]
    assert set(refused) == {CheckInRefused(LocalRefusal.CENTRE_UNREACHABLE, by_centre=False)}
    status = station.box.status()
    assert (status.cards_issued, status.records, status.outbox.pending) == (1, 1, 1)
    station.centre.down = False
    _vote(station, 2)
    assert station.box.status().records == 2


def test_the_wait_between_tries_grows_to_its_bound(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.centre.down = True
    waits = []
    for _ in range(7):
        outcome = station.box.sync()
        assert outcome.outbox.next_attempt is not None
        waits.append((outcome.outbox.next_attempt - station.clock.now).total_seconds())
        station.clock.now = outcome.outbox.next_attempt
    assert waits == [2, 4, 8, 16, 32, 60, 60]


def test_a_report_the_centre_refuses_is_kept_noted_and_not_retried(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.centre.refusing = "revoked-device"
    outcome = station.box.sync()
    assert (outcome.refused, outcome.incidents) == (1, 1)
    assert (outcome.outbox.pending, outcome.outbox.refused) == (0, 1)
    (incident,) = station.box.incidents()
    assert incident.kind == LocalIncidentKind.REPORT_REFUSED
    assert incident.details["reason"] == "revoked-device"
    assert incident.details["reports"] == ["zero"]
    station.centre.refusing = None
    calls = station.centre.calls
    station.clock.advance(3600)
    station.box.sync()
    assert station.centre.calls == calls


def test_check_ins_the_centre_finds_impossible_stay_on_the_box_refused_with_why(
    tmp_path: Path,
) -> None:
    # Issue 9, §4: the centre refuses a batch with an entry that cannot have happened, whole;
    # the box keeps every entry of it, marked refused with the reason, for a supervisor.
    station = voting_station(tmp_path)
    station.box.sync()  # the zero report
    station.centre.down = True
    assert all(_vote(station, voter).provisional for voter in range(3))
    station.centre.down = False
    station.centre.refusing = "impossible-entries"
    outcome = station.box.sync()
    assert (outcome.refused, outcome.incidents) == (3, 1)
    assert (outcome.outbox.pending, outcome.outbox.refused) == (0, 3)
    (incident,) = station.box.incidents()
    assert incident.kind == LocalIncidentKind.CHECK_INS_REFUSED
    assert (incident.details["reason"], incident.details["items"]) == ("impossible-entries", 3)
    station.centre.refusing = None
    calls = station.centre.calls
    station.clock.advance(3600)
    assert station.box.sync().outbox.refused == 3
    assert station.centre.calls == calls  # never retried

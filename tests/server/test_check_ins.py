"""Check-in and offline sync through the real HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from sandogh.core.station.card_codes import read_card_code
from sandogh.core.voters import NationalCode, check_digit, eligibility
from sandogh.services.devices import enrol_device
from sandogh.station.ports import CentreRefusedError, CheckInAnswer, OfflineCheckIn
from sandogh.wire.request_signing import sign_request

from .live import ELECTION, POLLING_DAY, Live, device, registry, stations, voters

SIMULTANEOUS = 200
NOW = datetime.datetime(2024, 7, 5, 4, 0, tzinfo=datetime.UTC)


def _ineligible(reason: str) -> str:
    """A person of the registry refused for `reason` on the polling day."""
    for code in registry().codes():
        record = registry().lookup(code)
        assert record is not None
        if reason in {r.value for r in eligibility(record, POLLING_DAY).reasons}:
            return code.digits
    raise AssertionError(f"no one in the registry is refused for {reason}")


def _unregistered() -> str:
    for n in range(10**8, 10**8 + 1000):
        nine = f"{n:09d}"
        code = NationalCode(nine + str(check_digit(nine)))
        if registry().lookup(code) is None:
            return code.digits
    raise AssertionError("every code tried is in the registry")


def test_a_voter_gets_one_ballot_card_and_every_refusal_its_reason(live: Live) -> None:
    first, second = stations()[:2]
    voter, other = voters(2)
    with live.enrolled(device(1), first) as box, live.enrolled(device(2), second) as box_2:
        card = box.check_in(election=ELECTION, station=first, national_code=voter)
        assert card.token is not None
        assert read_card_code(card.token) == card.token  # 95 bits from `secrets`, checked
        assert card.contests == ("president",)
        assert card.refusal is None
        # the registry's name, for the staff to compare with the person (issue 13)
        found = registry().lookup(NationalCode(voter))
        assert found is not None
        assert card.name == found.name
        assert card.name

        def refusal(code: str, client: object = box, station: str = first) -> str | None:
            assert client in (box, box_2)
            answer = (box if client is box else box_2).check_in(
                election=ELECTION, station=station, national_code=code
            )
            assert answer.token is None
            assert answer.contests == ()
            assert (answer.name, answer.photo) == (None, None)  # a refusal names no one
            return answer.refusal

        assert refusal(voter) == "already-voted"
        assert refusal(voter, box_2, second) == "already-voted"  # at another station, too
        assert refusal("12345") == "invalid-code"
        assert refusal("1234567890") == "invalid-code"  # wrong check digit
        assert refusal(_unregistered()) == "not-in-registry"
        assert refusal(_ineligible("under-age")) == "under-age"
        assert refusal(_ineligible("dead")) == "dead"
        assert refusal(_ineligible("not-citizen")) == "not-citizen"
        # the code as people type it: Persian digits and dashes
        persian = other.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        typed = f"{persian[:3]}-{persian[3:9]}-{persian[9]}"
        assert box_2.check_in(election=ELECTION, station=second, national_code=typed).token
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 2


def test_the_answer_says_nothing_of_where_or_when(live: Live) -> None:
    station = stations()[0]
    (voter,) = voters(1)
    path = f"/api/v1/elections/{ELECTION}/check-ins"
    with live.enrolled(device(1), station) as box:
        box.check_in(election=ELECTION, station=station, national_code=voter)
    body = sign_request(
        device(1),
        "POST",
        path,
        {"station": station, "national_code": voter},
        at=datetime.datetime.now(datetime.UTC),
    )
    answer = httpx.post(f"{live.url}{path}", json=body).json()
    assert answer == {
        "outcome": "refused",
        "reason": "already-voted",
        "also": [],
        "code_fault": None,
        "of_age_on": None,
    }


def test_only_an_enrolled_unrevoked_box_of_the_station_checks_voters_in(live: Live) -> None:
    first, second = stations()[:2]
    (voter,) = voters(1)
    with live.client(device(9)) as stranger, pytest.raises(CentreRefusedError) as refused:
        stranger.check_in(election=ELECTION, station=first, national_code=voter)
    assert refused.value.reason == "unknown-device"
    with live.enrolled(device(1), first) as box:
        with pytest.raises(CentreRefusedError) as refused:
            box.check_in(election=ELECTION, station=second, national_code=voter)
        assert refused.value.reason == "wrong-station"
        with pytest.raises(CentreRefusedError) as refused:
            box.check_in(election="no-such-election", station=first, national_code=voter)
        assert refused.value.reason == "unknown-election"
        httpx.delete(
            f"{live.url}/api/v1/elections/{ELECTION}/devices/{device(1).public_key.text}",
            headers=live.operator_headers,
        ).raise_for_status()
        with pytest.raises(CentreRefusedError) as refused:
            box.check_in(election=ELECTION, station=first, national_code=voter)
        assert refused.value.reason == "revoked-device"
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 0


def test_a_request_signed_outside_the_window_is_refused(live: Live) -> None:
    station = stations()[0]
    (voter,) = voters(1)
    live.enrolled(device(1), station).close()
    for skew in (datetime.timedelta(minutes=-6), datetime.timedelta(minutes=6)):
        late = live.client(device(1), clock=lambda s=skew: datetime.datetime.now(datetime.UTC) + s)
        with late, pytest.raises(CentreRefusedError) as refused:
            late.check_in(election=ELECTION, station=station, national_code=voter)
        assert refused.value.reason == "stale-request"
    skewed = datetime.timedelta(minutes=4)  # clocks a little apart are fine
    with live.client(device(1), clock=lambda: datetime.datetime.now(datetime.UTC) - skewed) as box:
        assert box.check_in(election=ELECTION, station=station, national_code=voter).token


def test_offline_check_ins_are_synced_once_and_duplicates_counted(live: Live) -> None:
    first, second = stations()[:2]
    online, offline, both = voters(3)
    at = datetime.datetime(2024, 7, 5, 9, 30, tzinfo=datetime.UTC)
    with live.enrolled(device(1), first) as box, live.enrolled(device(2), second) as box_2:
        box.check_in(election=ELECTION, station=first, national_code=online)
        box.check_in(election=ELECTION, station=first, national_code=both)
        entries = [OfflineCheckIn(offline, at), OfflineCheckIn(both, at)]
        synced = box_2.sync_check_ins(election=ELECTION, station=second, entries=entries)
        assert synced == {"recorded": 1, "already": 0, "duplicates": 1}
        again = box_2.sync_check_ins(election=ELECTION, station=second, entries=entries[:1])
        assert again == {"recorded": 0, "already": 1, "duplicates": 0}
        with pytest.raises(CentreRefusedError) as refused:
            box_2.sync_check_ins(
                election=ELECTION, station=second, entries=[OfflineCheckIn("12", at)]
            )
        assert refused.value.reason == "invalid-entries"
        assert "entries[0].national_code" in str(refused.value)
        with pytest.raises(CentreRefusedError) as refused:
            box.sync_check_ins(election=ELECTION, station=second, entries=entries)
        assert refused.value.reason == "wrong-station"
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 3
        (incident,) = work.incidents.all(ELECTION)
    assert incident.stations == (first, second)


def test_offline_check_ins_that_cannot_have_happened_are_refused_naming_each(live: Live) -> None:
    """Issue 9, §4: a box synced check-ins dated 1900 and years after the day, and the centre
    stored them. Now the batch is refused, each such entry named with why, and none is taken."""
    station = stations()[0]
    honest, old, late = voters(3)
    entries = [
        OfflineCheckIn(honest, datetime.datetime(2024, 7, 5, 9, 30, tzinfo=datetime.UTC)),
        OfflineCheckIn(old, datetime.datetime(1900, 7, 5, 9, 30, tzinfo=datetime.UTC)),
        OfflineCheckIn(late, datetime.datetime(2029, 7, 5, 9, 30, tzinfo=datetime.UTC)),
    ]
    with live.enrolled(device(1), station) as box, pytest.raises(CentreRefusedError) as refused:
        box.sync_check_ins(election=ELECTION, station=station, entries=entries)
    assert refused.value.reason == "impossible-entries"
    assert "entries[1].at: 1900-07-05T09:30:00+00:00 is before the polls open" in str(refused.value)
    assert "entries[2].at: 2029-07-05T09:30:00+00:00 is after the latest" in str(refused.value)
    assert "entries[0]" not in str(refused.value)
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 0


def test_offline_check_ins_the_registry_refuses_are_kept_and_raised(live: Live) -> None:
    """The centre checks a synced check-in as it checks one online: each refused is stored all
    the same and raised as an incident naming the station and the reason, never the code."""
    station = stations()[0]
    (voter,) = voters(1)
    young, unknown = _ineligible("under-age"), _unregistered()
    at = datetime.datetime(2024, 7, 5, 9, 30, tzinfo=datetime.UTC)
    entries = [OfflineCheckIn(code, at) for code in (voter, young, unknown)]
    with live.enrolled(device(1), station) as box:
        synced = box.sync_check_ins(election=ELECTION, station=station, entries=entries)
    assert synced == {"recorded": 3, "already": 0, "duplicates": 0}
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 3
        incidents = work.incidents.all(ELECTION)
        events = [e.event for e in work.events.entries() if e.event.type == "ineligible-check-in"]
    assert [(i.kind.value, i.stations, i.details["reason"]) for i in incidents] == [
        ("ineligible-check-in", (station,), "under-age"),
        ("ineligible-check-in", (station,), "not-in-registry"),
    ]
    assert [(e.place, e.details["reason"]) for e in events] == [
        (station, "under-age"),
        (station, "not-in-registry"),
    ]
    assert young not in repr(incidents) + repr(events)
    assert unknown not in repr(incidents) + repr(events)


def test_simultaneous_check_ins_of_one_voter_give_one_ballot_card(live: Live) -> None:
    """Issue 3: 200 check-ins of the same voter at 200 stations at once, one ballot card."""
    (voter,) = voters(1)
    chosen = stations()[:SIMULTANEOUS]
    for n, station in enumerate(chosen):  # enrolled directly: the API's enrolment is tested above
        key = device(n).public_key.raw.hex()
        enrol_device(live.uow, election_id=ELECTION, station=station, public_key_hex=key, now=NOW)
    # one connection pool for all the boxes, with a connection for each: making 200 clients of
    # their own would cost more than the check-ins
    network = httpx.HTTPTransport(limits=httpx.Limits(max_connections=SIMULTANEOUS))
    boxes = [live.client(device(n), transport=network) for n in range(SIMULTANEOUS)]
    start = threading.Barrier(SIMULTANEOUS, timeout=60)

    def check_in(n: int) -> CheckInAnswer:
        start.wait()
        return boxes[n].check_in(election=ELECTION, station=chosen[n], national_code=voter)

    try:
        with ThreadPoolExecutor(max_workers=SIMULTANEOUS) as pool:
            answers = list(pool.map(check_in, range(SIMULTANEOUS)))
    finally:
        network.close()
    cards = [a for a in answers if a.token is not None]
    assert len(cards) == 1
    assert sorted({a.refusal for a in answers if a.token is None}) == ["already-voted"]
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 1

"""Check-in and the sync of offline check-ins, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from sandogh.core.definition.model import RoundLink
from sandogh.core.definition.rule import PluralityRule
from sandogh.core.station.check_in_bounds import Impossible
from sandogh.core.voters import CodeFault, NationalCode, RegistryRecord
from sandogh.core.voters.ledger_key import voter_key
from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.core.voters.national_code import parse_national_code
from sandogh.services.check_in_rules import (
    DeviceRefusal,
    DeviceRefusedError,
    ImpossibleCheckInError,
    RefusalReason,
    Refused,
    Withheld,
)
from sandogh.services.checkin import BallotCard
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.ports import UnitOfWork

from .build import (
    LATER,
    NOW,
    ROUND_1,
    ROUND_1_DAY,
    ROUND_2,
    SECRET,
    ST_1,
    ST_2,
    ST_3,
    VOTER,
    box,
    check_in_voter,
    council,
    day,
    enrolled_box,
    event_types,
    load,
    national_code,
    parliament,
    president,
    registry,
)

NewUnitOfWork = Callable[[], UnitOfWork]


def test_an_eligible_voter_gets_a_card_for_the_contests_of_the_station(uow: NewUnitOfWork) -> None:
    card = check_in_voter(uow)

    assert isinstance(card, BallotCard)
    assert card.token == "token-1"
    assert (card.election, card.station, card.withheld) == (ROUND_2, ST_1, ())
    assert [(c.contest, c.seats, c.candidates) for c in card.contests] == [
        ("president", 1, ("21", "25")),
        ("parliament", 2, ("31", "32", "33", "34")),
    ]
    with uow() as work:
        key = voter_key(SECRET, parse_national_code(VOTER))
        entry = work.ledger.find(ROUND_2, key)
        assert entry is not None
        assert (entry.station, entry.at, entry.provisional) == (ST_1, check_in_hour(NOW), False)
        assert dict(entry.constituencies) == {"president": "IR", "parliament": "P1"}
        assert VOTER not in repr(entry)  # the ledger holds the keyed hash, never the code
        assert work.ledger.count(ROUND_2) == work.ledger.count(ROUND_2, ST_1) == 1


def test_a_code_typed_in_persian_digits_with_dashes_is_the_same_voter(uow: NewUnitOfWork) -> None:
    persian = VOTER.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    typed = f"{persian[:3]}-{persian[3:9]}-{persian[9]}"

    assert isinstance(check_in_voter(uow, typed), BallotCard)
    assert check_in_voter(uow, VOTER, ST_3) == Refused(RefusalReason.ALREADY_VOTED)


def test_a_voter_gets_one_card_per_round_and_is_not_told_where_or_when(uow: NewUnitOfWork) -> None:
    assert isinstance(check_in_voter(uow, VOTER, ST_1), BallotCard)
    again = check_in_voter(uow, VOTER, ST_3, now=LATER)

    assert again == Refused(RefusalReason.ALREADY_VOTED)
    # the refusal carries nothing but its reason: no station, no time
    assert (again.of_age_on, again.code_fault, again.also) == (None, None, ())
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


def test_the_card_carries_the_registrys_name_and_photo_and_a_refusal_neither(
    uow: NewUnitOfWork,
) -> None:
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 30

    class Named:
        """The registry of the voter alone, with their name and photo."""

        def lookup(self, code: NationalCode) -> RegistryRecord | None:
            found = registry(VOTER).lookup(code)
            return replace(found, name="مریم رحیمی", photo=jpeg) if found else None

    people = Named()
    card = check_in_voter(uow, people=people)
    assert isinstance(card, BallotCard)
    assert (card.name, card.photo) == ("مریم رحیمی", jpeg)
    again = check_in_voter(uow, VOTER, ST_3, people=people, now=LATER)
    assert again == Refused(RefusalReason.ALREADY_VOTED)  # nothing of the first, nor of whom


def test_the_same_voter_may_vote_in_another_round(uow: NewUnitOfWork) -> None:
    assert isinstance(check_in_voter(uow, election=ROUND_1), BallotCard)
    assert isinstance(check_in_voter(uow, election=ROUND_2), BallotCard)


@pytest.mark.parametrize(
    ("typed", "fault"),
    [
        ("1234567890", CodeFault.WRONG_CHECK_DIGIT),
        ("1111111111", CodeFault.SAME_DIGIT),
        ("12345", CodeFault.TOO_SHORT),
        ("12345678901", CodeFault.TOO_LONG),
        ("12345678x0", CodeFault.NOT_DIGITS),
    ],
)
def test_a_text_that_is_no_national_code_is_refused_with_its_fault(
    uow: NewUnitOfWork, typed: str, fault: CodeFault
) -> None:
    assert check_in_voter(uow, typed) == Refused(RefusalReason.INVALID_CODE, code_fault=fault)


def test_the_registry_decides_who_may_vote_on_the_day(uow: NewUnitOfWork) -> None:
    young, dead, foreign, both = (national_code(n) for n in (101, 102, 103, 104))
    born = datetime.date(2006, 7, 6)  # 18 the day after the runoff
    people = registry(
        **{
            young: (born, True, True),
            dead: (datetime.date(1950, 1, 1), False, True),
            foreign: (datetime.date(1990, 1, 1), True, False),
            both: (born, False, False),
        }
    )

    assert check_in_voter(uow, national_code(999), people=people) == Refused(
        RefusalReason.NOT_IN_REGISTRY
    )
    assert check_in_voter(uow, young, people=people) == Refused(
        RefusalReason.UNDER_AGE, of_age_on=datetime.date(2024, 7, 6)
    )
    assert check_in_voter(uow, dead, people=people) == Refused(RefusalReason.DEAD)
    assert check_in_voter(uow, foreign, people=people) == Refused(RefusalReason.NOT_CITIZEN)
    assert check_in_voter(uow, both, people=people) == Refused(
        RefusalReason.UNDER_AGE,
        (RefusalReason.DEAD, RefusalReason.NOT_CITIZEN),
        of_age_on=datetime.date(2024, 7, 6),
    )
    # 18 on polling day itself is old enough
    on_the_day = registry(**{young: (datetime.date(2006, 7, 5), True, True)})
    assert isinstance(check_in_voter(uow, young, people=on_the_day), BallotCard)
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


def test_a_code_for_no_polling_station_is_refused(uow: NewUnitOfWork) -> None:
    # no box can be enrolled for a code that is no unit: the one asking serves another station
    with pytest.raises(DeviceRefusedError) as refused:
        check_in_voter(uow, station="ST-9999", device=enrolled_box(uow, ROUND_2, ST_1))
    assert refused.value.reason is DeviceRefusal.WRONG_STATION
    # enrolment refuses a unit above the stations; a box the store holds for one gets no card
    assert check_in_voter(uow, station="IR-08-0801") == Refused(RefusalReason.UNKNOWN_STATION)


def test_a_station_that_votes_in_no_contest_gives_no_card(new_unit_of_work: NewUnitOfWork) -> None:
    load(new_unit_of_work, day("kerman-1403-c", (council(),), datetime.date(2024, 7, 5)))

    card = check_in_voter(new_unit_of_work, station=ST_1, election="kerman-1403-c")
    assert isinstance(card, BallotCard)
    assert check_in_voter(new_unit_of_work, national_code(2), ST_3, election="kerman-1403-c") == (
        Refused(RefusalReason.STATION_NOT_IN_CONTEST)
    )


def test_an_unknown_election_is_an_error(uow: NewUnitOfWork) -> None:
    with pytest.raises(ElectionNotFoundError, match="tehran"):
        check_in_voter(uow, election="tehran-1403")


def test_a_runoff_voter_votes_for_the_majlis_only_where_they_voted_in_round_one(
    uow: NewUnitOfWork,
) -> None:
    assert isinstance(check_in_voter(uow, VOTER, ST_1, election=ROUND_1), BallotCard)

    elsewhere = check_in_voter(uow, VOTER, ST_3)
    assert isinstance(elsewhere, BallotCard)
    assert [c.contest for c in elsewhere.contests] == ["president"]
    assert elsewhere.withheld == (Withheld("parliament", RefusalReason.RUNOFF_ELSEWHERE),)
    with uow() as work:
        entry = work.ledger.find(ROUND_2, voter_key(SECRET, parse_national_code(VOTER)))
        assert entry is not None
        assert dict(entry.constituencies) == {"president": "IR"}


def test_same_constituency_or_no_first_round_vote_admits_to_the_majlis_runoff(
    uow: NewUnitOfWork,
) -> None:
    first, second = national_code(2), national_code(3)
    assert isinstance(check_in_voter(uow, first, ST_1, election=ROUND_1), BallotCard)

    same = check_in_voter(uow, first, ST_2)  # another station of constituency P1
    anywhere = check_in_voter(uow, second, ST_3)  # did not vote in round 1
    assert isinstance(same, BallotCard)
    assert isinstance(anywhere, BallotCard)
    assert [c.contest for c in same.contests] == ["president", "parliament"]
    assert [c.contest for c in anywhere.contests] == ["president", "parliament"]


def test_a_runoff_voter_with_nothing_to_vote_for_here_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    majlis_only = day("kerman-1403-m2", (parliament(True),), datetime.date(2024, 7, 5))
    load(new_unit_of_work, ROUND_1_DAY, majlis_only)
    assert isinstance(check_in_voter(new_unit_of_work, VOTER, ST_3, election=ROUND_1), BallotCard)

    refused = check_in_voter(new_unit_of_work, VOTER, ST_1, election="kerman-1403-m2")
    assert refused == Refused(RefusalReason.RUNOFF_ELSEWHERE)
    with new_unit_of_work() as work:
        assert work.ledger.count("kerman-1403-m2") == 0


def test_check_ins_are_not_events(uow: NewUnitOfWork) -> None:
    before = event_types(uow)
    check_in_voter(uow)
    check_in_voter(uow, VOTER, ST_3)
    check_in_voter(uow, "1234567890")

    assert event_types(uow) == before
    assert "definition-loaded" in before
    assert not any("check" in kind for kind in before)


def test_concurrent_check_ins_of_one_voter_give_one_card(uow: NewUnitOfWork) -> None:
    stations = [ST_1, ST_2, ST_3] * 10
    answers: list[BallotCard | Refused] = []
    start = threading.Barrier(len(stations))

    def attempt(station: str) -> None:
        start.wait()
        answers.append(check_in_voter(uow, VOTER, station))

    threads = [threading.Thread(target=attempt, args=(s,)) for s in stations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    cards = [a for a in answers if isinstance(a, BallotCard)]
    assert len(cards) == 1
    assert answers.count(Refused(RefusalReason.ALREADY_VOTED)) == len(stations) - 1
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


@pytest.mark.parametrize(
    ("device", "reason"),
    [
        ("ab" * 32, DeviceRefusal.UNKNOWN_DEVICE),  # no box of this key
        (box(ST_2), DeviceRefusal.WRONG_STATION),  # the box of another station
    ],
)
def test_only_the_enrolled_box_of_the_station_checks_voters_in(
    uow: NewUnitOfWork, device: str, reason: DeviceRefusal
) -> None:
    enrolled_box(uow, ROUND_2, ST_2)
    with pytest.raises(DeviceRefusedError) as refused:
        check_in_voter(uow, "1234567890", device=device)  # even a code that is no code

    assert refused.value.reason is reason
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 0


def test_a_revoked_box_checks_no_one_in_from_the_moment_it_is_revoked(uow: NewUnitOfWork) -> None:
    assert isinstance(check_in_voter(uow), BallotCard)
    with uow() as work:
        work.devices.revoke(ROUND_2, box(ST_1), NOW)
        work.commit()

    for code in (national_code(2), VOTER, "1234567890"):  # nothing of any voter is told
        with pytest.raises(DeviceRefusedError) as refused:
            check_in_voter(uow, code)
        assert refused.value.reason is DeviceRefusal.REVOKED_DEVICE
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


def test_a_by_election_voter_of_another_constituency_is_refused_its_ballot(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    # The 2021 day (28 Khordad 1400): a presidential election with a Majlis by-election, whose
    # main election is the Majlis election held before (here ROUND_1's). A by-election admits
    # only who voted in that constituency in the main election, or did not vote.
    by_election = replace(
        parliament(False),
        rule=PluralityRule(),
        by_election=True,
        main_election=RoundLink(ROUND_1, "parliament"),
    )
    khordad = day("iran-1400", (president(False), by_election), datetime.date(2021, 6, 18))
    majlis_only = day("iran-1400-m", (by_election,), datetime.date(2021, 6, 18))
    load(new_unit_of_work, ROUND_1_DAY, khordad, majlis_only)
    assert isinstance(check_in_voter(new_unit_of_work, VOTER, ST_3, election=ROUND_1), BallotCard)

    elsewhere = check_in_voter(new_unit_of_work, VOTER, ST_1, election="iran-1400")
    assert isinstance(elsewhere, BallotCard)
    assert [c.contest for c in elsewhere.contests] == ["president"]
    # withheld without a place: the refusal never says where the voter voted
    assert elsewhere.withheld == (Withheld("parliament", RefusalReason.BY_ELECTION_ELSEWHERE),)
    refused = check_in_voter(new_unit_of_work, VOTER, ST_1, election="iran-1400-m")
    assert refused == Refused(RefusalReason.BY_ELECTION_ELSEWHERE)
    with new_unit_of_work() as work:
        assert work.ledger.count("iran-1400-m") == 0

    there = check_in_voter(new_unit_of_work, VOTER, ST_3, election="iran-1400-m")
    assert isinstance(there, BallotCard)  # P2, where the voter voted in the main election
    never = check_in_voter(new_unit_of_work, national_code(7), ST_1, election="iran-1400-m")
    assert isinstance(never, BallotCard)  # did not vote in the main election: anywhere


def test_a_main_election_stored_in_one_store_does_not_admit_in_another() -> None:
    """Whether the main election is stored was kept in a set per process (`checkin._HELD`): once
    one store held it, a second store in the same process without it (another centre's database,
    or another test's) admitted every by-election voter anywhere. Now each check-in asks its own
    store."""
    by_election = replace(
        parliament(False),
        rule=PluralityRule(),
        by_election=True,
        main_election=RoundLink(ROUND_1, "parliament"),
    )
    majlis = day("iran-1400-m", (by_election,), datetime.date(2021, 6, 18))
    stores = [MemoryStore(), MemoryStore()]
    holding, bare = ((lambda s=s: MemoryUnitOfWork(s)) for s in stores)
    load(holding, ROUND_1_DAY, majlis)
    assert isinstance(check_in_voter(holding, VOTER, ST_1, election="iran-1400-m"), BallotCard)
    load(bare, majlis)
    with pytest.raises(ImpossibleCheckInError) as refused:
        check_in_voter(bare, VOTER, ST_1, election="iran-1400-m")
    assert refused.value.reason is Impossible.EARLIER_ROUND_MISSING


def test_a_by_election_whose_main_election_is_not_stored_checks_no_one_in(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The review's F11: with the main election's ledger absent every voter was admitted
    anywhere, silently; now no one is, and the refusal names the missing election."""
    by_election = replace(
        parliament(False),
        rule=PluralityRule(),
        by_election=True,
        main_election=RoundLink("majlis-1398", "parliament"),
    )
    alone = day("iran-1400-m", (by_election,), datetime.date(2021, 6, 18))
    load(new_unit_of_work, alone)
    with pytest.raises(ImpossibleCheckInError) as refused:
        check_in_voter(new_unit_of_work, VOTER, ST_1, election="iran-1400-m")
    assert refused.value.reason is Impossible.EARLIER_ROUND_MISSING
    assert "majlis-1398, whose voted ledger this centre does not hold" in str(refused.value)
    with new_unit_of_work() as work:
        assert work.ledger.count("iran-1400-m") == 0

import pytest

from sandogh.core.definition.model import VotingMode
from sandogh.core.report import BallotContest, SigningKey, StaffRole
from sandogh.station.errors import EnrolmentDocumentError
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.setup import OfflinePolicy, StaffMember, StationSetup, read_enrolment

from .build import BALLOT, DEFINITION_HASH, E2E_CONTEXT, E2E_DOCUMENT, ELECTION, STATION


def _document() -> dict[str, object]:
    centre = FakeCentre(election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT)
    return dict(centre.enrol(election=ELECTION, station=STATION))


def _problems(document: dict[str, object]) -> list[str]:
    with pytest.raises(EnrolmentDocumentError) as caught:
        read_enrolment(document, election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE)
    return [p.path for p in caught.value.problems]


def test_the_enrolment_document_gives_the_station_its_ballot() -> None:
    setup = read_enrolment(
        _document(), election=ELECTION, station=STATION, policy=OfflinePolicy.PROVISIONAL
    )
    assert setup == StationSetup(
        ELECTION,
        STATION,
        DEFINITION_HASH,
        BALLOT,
        OfflinePolicy.PROVISIONAL,
        mode=VotingMode.ELECTRONIC,
        approved=("president", "parliament"),
    )
    assert setup.contests == ("president", "parliament")


def test_a_document_for_another_station_or_election_is_refused() -> None:
    document = _document()
    document["device"] = {"station": "ST-0802-0001"}
    document["election"] = {"id": "kerman-1403-r1"}
    assert _problems(document) == ["election.id", "device.station"]


def test_every_problem_of_a_document_is_named() -> None:
    document = _document()
    document["format"] = "sandogh/enrolment@2"
    document["definition_hash"] = "md5:00"
    document["ballot"] = [
        {"contest": "president", "seats": 0, "candidates": ["21", "21"]},
        {"contest": "", "seats": True, "candidates": "21 25"},
        "parliament",
        {"contest": "council", "seats": 5, "candidates": ["51"]},
        {"contest": "council", "seats": 5, "candidates": ["51"]},
    ]
    assert _problems(document) == [
        "format",
        "definition_hash",
        "ballot[0].seats",
        "ballot[0].candidates",
        "ballot[1].contest",
        "ballot[1].seats",
        "ballot[1].candidates",
        "ballot[2]",
        "ballot",
    ]
    document = _document()
    document["ballot"] = []
    assert _problems(document) == ["ballot"]


def test_the_ballot_keeps_the_centre_s_order() -> None:
    document = _document()
    document["ballot"] = [{"contest": "b", "seats": 2, "candidates": ["9", "1"]}]
    setup = read_enrolment(
        document, election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE
    )
    assert setup.ballot == (BallotContest("b", 2, ("9", "1")),)


def test_the_station_staff_come_with_their_keys_and_every_fault_is_named() -> None:
    head = StaffMember("مریم", StaffRole.HEAD, SigningKey.from_seed(b"h" * 32).public_key)
    centre = FakeCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT, staff=[head]
    )
    document = dict(centre.enrol(election=ELECTION, station=STATION))
    setup = read_enrolment(
        document, election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE
    )
    assert setup.staff == (head,)

    document["staff"] = [
        {"person": "", "role": "chief", "key": "ed25519:00"},
        "head",
        {"person": "a", "role": "head", "key": head.key.text},
        {"person": "b", "role": "member", "key": head.key.text},
    ]
    assert _problems(document) == [
        "staff[0].person",
        "staff[0].role",
        "staff[0].key",
        "staff[1]",
        "staff",
    ]
    del document["staff"]
    assert _problems(document) == ["staff"]


def test_the_e2e_context_is_read_when_the_document_carries_it() -> None:
    document = _document()
    document["e2e"] = dict(E2E_DOCUMENT)
    setup = read_enrolment(
        document, election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE
    )
    assert setup.e2e == E2E_CONTEXT
    document["e2e"] = {
        "group": "p256",
        "joint_key": "AB" * 32,
        "extended_hash": "00" * 31,
    }
    assert _problems(document) == ["e2e.group", "e2e.joint_key", "e2e.extended_hash"]
    document["e2e"] = {**E2E_DOCUMENT, "joint_key": "ff" * 32}  # hex, but no element
    assert _problems(document) == ["e2e.joint_key"]
    document["e2e"] = "ristretto255"
    assert _problems(document) == ["e2e"]

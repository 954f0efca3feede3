"""Election days, voters, devices and signed reports for the tests of the election-day use cases.

The days are a slice of Kerman 1403 (`reference/seed-facts.md`, docs/formats.md): the first round
(`kerman-1403-r1`: the presidency everywhere, Majlis constituencies of two seats over county 0801
and one seat over county 0802) and its runoff (`kerman-1403-r2`: Jalili 21, Pezeshkian 25, and a
Majlis runoff in both constituencies), each day with three polling stations.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import threading
from collections.abc import Callable, Mapping, Sequence

from sandogh.core.anchor import (
    AMENDMENT_LINE,
    E2EKeys,
    decode_record,
    encode_amendment,
    next_amendment,
    sign_bytes,
    sign_record,
)
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Mobility,
    Name,
    Office,
    ReportingUnit,
    RoundLink,
    Setting,
    StationInfo,
    UnitKind,
    VotingMode,
)
from sandogh.core.definition.rule import MajorityRule, PluralityRule, ThresholdRule
from sandogh.core.report import (
    CastVoteRecord,
    Choice,
    Papers,
    ReportKind,
    SigningKey,
    StaffRole,
    StationReport,
    encode_signed,
    report_from_records,
    sign_as_staff,
    sign_report,
    station_ballot,
    zero_report,
)
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.voters import NationalCode, RegistryRecord, check_digit
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.anchor import add_signature, amend_record, draft_record, record_of
from sandogh.services.anchor import seal_record as seal_record_now
from sandogh.services.check_in_rules import Refused
from sandogh.services.checkin import BallotCard, check_in
from sandogh.services.devices import Enrolment, enrol_device
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.ingest import ingest_report
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.ports import Device, Registry, StoredRecord
from tests.core.anchor.build import AUTHORITIES, SEALERS

ROUND_1 = "kerman-1403-r1"
ROUND_2 = "kerman-1403-r2"
ST_1 = "ST-0801-0001"
ST_2 = "ST-0801-0002"
ST_3 = "ST-0802-0001"
#: The moments the tests act at: the runoff's polling day, in Iran's time.
IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
NOW = datetime.datetime(2024, 7, 5, 8, 0, tzinfo=IRST)
LATER = datetime.datetime(2024, 7, 5, 21, 0, tzinfo=IRST)
SECRET = b"k" * 32

DEVICE = SigningKey.from_seed(bytes(range(32)))
DEVICE_3 = SigningKey.from_seed(bytes(range(32, 64)))
STRANGER = SigningKey.from_seed(b"x" * 32)
#: the personal keys of a station's head and secretary, registered by the staff tests
HEAD = SigningKey.from_seed(b"h" * 32)
SECRETARY = SigningKey.from_seed(b"s" * 32)

_INFO = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.ELECTRONIC, False, None)


def _unit(code: str, kind: UnitKind, parent: str | None) -> ReportingUnit:
    info = _INFO if kind is UnitKind.STATION else None
    return ReportingUnit(code, kind, Name(code, code), parent, 950 if info else None, info)


UNITS = (
    _unit("IR", UnitKind.NATION, None),
    _unit("IR-08", UnitKind.PROVINCE, "IR"),
    _unit("IR-08-0801", UnitKind.COUNTY, "IR-08"),
    _unit(ST_1, UnitKind.STATION, "IR-08-0801"),
    _unit(ST_2, UnitKind.STATION, "IR-08-0801"),
    _unit("IR-08-0802", UnitKind.COUNTY, "IR-08"),
    _unit(ST_3, UnitKind.STATION, "IR-08-0802"),
)


def _candidates(constituency: str, codes: str) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(code, Name(f"نامزد {code}", code), constituency) for code in codes.split()
    )


def president(runoff: bool) -> Contest:
    return Contest(
        id="president",
        office=Office.PRESIDENT,
        name=Name("ریاست جمهوری", "President"),
        rule=MajorityRule(),
        constituencies=(Constituency("IR", Name("ایران", "Iran"), ("IR",), 1),),
        candidates=_candidates("IR", "21 25" if runoff else "21 25 27 29"),
        round=2 if runoff else 1,
        previous_round=RoundLink(ROUND_1, "president") if runoff else None,
    )


def parliament(runoff: bool) -> Contest:
    return Contest(
        id="parliament",
        office=Office.PARLIAMENT,
        name=Name("مجلس", "Majlis"),
        rule=PluralityRule() if runoff else ThresholdRule(),
        constituencies=(
            Constituency("P1", Name("کرمان", "Kerman"), ("IR-08-0801",), 2),
            Constituency("P2", Name("بم", "Bam"), ("IR-08-0802",), 1),
        ),
        candidates=_candidates("P1", "31 32 33 34") + _candidates("P2", "41 42"),
        round=2 if runoff else 1,
        previous_round=RoundLink(ROUND_1, "parliament") if runoff else None,
    )


def council() -> Contest:
    """A city council over county 0801 only, so that station ST_3 votes in no contest."""
    return Contest(
        id="council",
        office=Office.CITY_COUNCIL,
        name=Name("شورای شهر", "City council"),
        rule=PluralityRule(),
        constituencies=(Constituency("C1", Name("کرمان", "Kerman"), ("IR-08-0801",), 2),),
        candidates=_candidates("C1", "51 52 53"),
    )


def day(election_id: str, contests: Sequence[Contest], date: datetime.date) -> Election:
    return Election(election_id, Name(election_id, election_id), date, UNITS, tuple(contests))


ROUND_1_DAY = day(ROUND_1, (president(False), parliament(False)), datetime.date(2024, 6, 28))
ROUND_2_DAY = day(ROUND_2, (president(True), parliament(True)), datetime.date(2024, 7, 5))


def load(uow: UnitOfWorkFactory, *days: Election, approved: bool = True) -> None:
    """Load `days`, and unless not `approved`, electronic voting approved in every constituency
    by the competent body, as the day's electronic stations need before a box is enrolled."""
    for each in days:
        load_election(
            uow,
            each,
            definition_hash=definition_hash(each),
            canonical=canonical_bytes(each),
            now=NOW,
        )
        if approved:
            approve_as_boards(uow, each, reference="مصوبه ۱۴۰۳/۱", by="board", now=NOW)


# ---- voters ----------------------------------------------------------------------------------


def national_code(n: int) -> str:
    """The `n`-th valid national code of the tests (never ten equal digits)."""
    nine = f"{100_000_000 + 7_919 * n:09d}"
    return nine + str(check_digit(nine))


class DictRegistry:
    """A registry of a few people, given by hand."""

    def __init__(self, records: Mapping[str, tuple[datetime.date, bool, bool]]) -> None:
        self._records = {
            code: RegistryRecord(NationalCode(code), born, alive, citizen)
            for code, (born, alive, citizen) in records.items()
        }

    def lookup(self, code: NationalCode) -> RegistryRecord | None:
        return self._records.get(code.digits)


ADULT = datetime.date(1980, 3, 21)


def registry(*codes: str, **special: tuple[datetime.date, bool, bool]) -> DictRegistry:
    """Adult living citizens of `codes`, and the people of `special` (code → record)."""
    return DictRegistry({**dict.fromkeys(codes, (ADULT, True, True)), **special})


def tokens() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"token-{next(counter)}"


# ---- reports ---------------------------------------------------------------------------------


def zero(election: Election, station: str, key: SigningKey, *, sequence: int = 1) -> StationReport:
    return zero_report(
        election=election.id,
        definition_hash=definition_hash(election),
        station=station,
        device=key.public_key,
        sequence=sequence,
        ballot=station_ballot(Geography.of(election), station),
    )


def final(
    election: Election,
    station: str,
    key: SigningKey,
    votes: Mapping[str, Sequence[tuple[str, ...]]],
    *,
    sequence: int = 2,
    spoiled: int = 0,
) -> StationReport:
    """The final report of `station` whose voters chose `votes[contest]`, one tuple a voter, and
    whose paper accounts hold (used = cast, 100 unused, `spoiled`)."""
    ballot = station_ballot(Geography.of(election), station)
    voters = max((len(v) for v in votes.values()), default=0)
    records = [
        CastVoteRecord(
            tuple(
                Choice(contest, chosen[i]) for contest, chosen in votes.items() if i < len(chosen)
            )
        )
        for i in range(voters)
    ]
    cast = {item.contest: len(votes.get(item.contest, ())) for item in ballot}
    return report_from_records(
        kind=ReportKind.FINAL,
        election=election.id,
        definition_hash=definition_hash(election),
        station=station,
        device=key.public_key,
        sequence=sequence,
        ballot=ballot,
        records=records,
        papers={contest: Papers(n + 100 + spoiled, n, 100, spoiled) for contest, n in cast.items()},
    )


def station_staff(station: str) -> tuple[tuple[StaffRole, SigningKey], ...]:
    """The tests' head and secretary of `station`, each with a personal key of their own."""
    return tuple(
        (role, SigningKey.from_seed(hashlib.sha256(f"{role}/{station}".encode()).digest()))
        for role in (StaffRole.HEAD, StaffRole.SECRETARY)
    )


def register_station_staff(uow: UnitOfWorkFactory, election: str, *stations: str) -> None:
    """Register `station_staff` of each of `stations` for `election`, as the HQ does before polls
    open (once; no event recorded)."""
    with uow() as work:
        for station in stations:
            for role, key in station_staff(station):
                if work.staff.find(election, key.public_key) is None:
                    person = f"{role.value} of {station}"
                    work.staff.add(RegisteredStaff(election, station, person, role, key.public_key))
        work.commit()


def enrol(
    uow: UnitOfWorkFactory, station: str, key: SigningKey, election: str = ROUND_2
) -> Enrolment:
    """The box of `key` enrolled for `station` of `election` (the runoff unless said)."""
    return enrol_device(
        uow, election_id=election, station=station, public_key_hex=key.public_key.raw.hex(), now=NOW
    )


def runoff_with_box(uow: UnitOfWorkFactory) -> UnitOfWorkFactory:
    """The runoff (`ROUND_2_DAY`) loaded, ST_1's box (`DEVICE`) enrolled, its staff registered."""
    load(uow, ROUND_2_DAY)
    enrol(uow, ST_1, DEVICE)
    register_station_staff(uow, ROUND_2, ST_1)
    return uow


def open_station(uow: UnitOfWorkFactory, day: Election, station: str, key: SigningKey) -> None:
    """Register `station`'s staff and take the zero report of its box `key` (enrolled), as the
    centre must hold before it takes the box's final report."""
    register_station_staff(uow, day.id, station)
    ingest_report(uow, signed=signed(zero(day, station, key), key), now=NOW)


def seal_record(uow: UnitOfWorkFactory, election: str, e2e: E2EKeys | None = None) -> StoredRecord:
    """Draft `election`'s pre-election record from the store (with the guardians' `e2e` keys,
    if given), have `SEALERS` sign it, seal it."""
    drafted = draft_record(
        uow,
        election_id=election,
        authorities=AUTHORITIES,
        threshold=3,
        now=NOW,
        actor="hq-1",
        e2e=e2e,
    )
    record = decode_record(drafted.data)
    for key in SEALERS:
        add_signature(uow, election_id=election, signature=sign_record(record, key), now=NOW)
    return seal_record_now(uow, election_id=election, now=NOW, actor="hq-1")


def replace_box(
    uow: UnitOfWorkFactory, election: str, station: str, old: SigningKey, new: SigningKey
) -> None:
    """Enrol the box `new` for `station` in place of `old`, and have `SEALERS` sign the amendment
    to the sealed record that says so."""
    enrol(uow, station, new, election)
    stored, before = record_of(uow, election_id=election)
    amendment = next_amendment(
        decode_record(stored.data),
        [each.signed.amendment for each in before],
        station=station,
        reason="the box broke down; replaced",
        device=new.public_key,
        replaces=old.public_key,
    )
    data = encode_amendment(amendment)
    signatures = [sign_bytes(AMENDMENT_LINE, data, key) for key in SEALERS]
    amend_record(uow, election_id=election, amendment=amendment, signatures=signatures, now=NOW)


def signed(
    report: StationReport,
    key: SigningKey,
    staff: Sequence[tuple[StaffRole, SigningKey]] | None = None,
) -> bytes:
    """`report` signed by its box `key` and by `staff` — by default, for a final report, the
    station's head and secretary (`station_staff`), who must be registered to be believed."""
    if staff is None:
        staff = station_staff(report.station) if report.kind is ReportKind.FINAL else ()
    signature = sign_report(report, key)
    for role, member in staff:
        signature = sign_as_staff(signature, role, member)
    return encode_signed(signature)


RUNOFF_VOTES: Mapping[str, Sequence[tuple[str, ...]]] = {
    "president": [("21",), ("25",), ("25",), ()],
    "parliament": [("31", "32"), ("33",), (), ("31",)],
}


def event_types(uow: UnitOfWorkFactory) -> list[str]:
    with uow() as work:
        return [entry.event.type.value for entry in work.events.entries()]


VOTER = national_code(1)
PEOPLE = registry(*(national_code(n) for n in range(1, 40)))


def box(station: str) -> str:
    """The public key (hex) of the tests' ballot box of `station`, in every election day."""
    return hashlib.sha256(station.encode()).hexdigest()


_enrolling = threading.Lock()


def enrolled_box(uow: UnitOfWorkFactory, election: str, station: str) -> str:
    """`box(station)`, enrolled for `station` of `election` if it was not (no event recorded)."""
    key = box(station)
    with _enrolling, uow() as work:
        if work.elections.hash_of(election) is not None and work.devices.get(election, key) is None:
            work.devices.add(Device(election, station, key, NOW))
            work.commit()
    return key


def check_in_voter(
    uow: UnitOfWorkFactory,
    code: str = VOTER,
    station: str = ST_1,
    *,
    election: str = ROUND_2,
    people: Registry = PEOPLE,
    now: datetime.datetime = NOW,
    device: str | None = None,
) -> BallotCard | Refused:
    """Check a voter in for round 2 at `station`, asked by the box of `device` (default: the
    station's own, `enrolled_box`), with the tokens and the secret of these tests."""
    return check_in(
        uow,
        election_id=election,
        station=station,
        device=enrolled_box(uow, election, station) if device is None else device,
        national_code=code,
        registry=people,
        ledger_secret=SECRET,
        now=now,
        new_token=tokens(),
    )

"""Keys, a small election day, and hypothesis strategies for the report tests.

The day is a slice of Kerman 1403 (`reference/seed-facts.md`, docs/formats.md): the presidential
runoff (Jalili 21, Pezeshkian 25) everywhere; a parliament contest with a two-seat constituency
(county 0801) and a one-seat one (county 0802); a city council in county 0801 only, so that the
station of 0802 has a shorter ballot.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
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
    Setting,
    StationInfo,
    UnitKind,
    VotingMode,
)
from sandogh.core.definition.rule import MajorityRule, PluralityRule, Rule, ThresholdRule
from sandogh.core.report import (
    BallotContest,
    CastVoteRecord,
    Choice,
    Papers,
    PublicKey,
    ReportKind,
    SigningKey,
    StationReport,
)

# RFC 8032 §7.1, test 1: a seed whose public key and signatures are published
RFC8032_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
DEVICE = SigningKey.from_seed(bytes(range(32)))
OTHER_DEVICE = SigningKey.from_seed(bytes(range(32, 64)))
HEAD = SigningKey.from_seed(b"h" * 32)
SECRETARY = SigningKey.from_seed(b"s" * 32)

DEFINITION_HASH = "sha256:" + "ab" * 32
STATION = "ST-0801-0001"


def _station(code: str, parent: str) -> ReportingUnit:
    info = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.ELECTRONIC, False, None)
    return ReportingUnit(code, UnitKind.STATION, Name(code, code), parent, None, info)


def _unit(code: str, kind: UnitKind, parent: str | None) -> ReportingUnit:
    return ReportingUnit(code, kind, Name(code, code), parent)


def _contest(
    cid: str, office: Office, rule: Rule, constituencies: Mapping[str, tuple[str, int, str]]
) -> Contest:
    """`constituencies` maps an id to (its unit, its seats, its candidates' codes, spaced)."""
    return Contest(
        id=cid,
        office=office,
        name=Name(cid, cid),
        rule=rule,
        constituencies=tuple(
            Constituency(k, Name(k, k), (u,), seats) for k, (u, seats, _) in constituencies.items()
        ),
        candidates=tuple(
            Candidate(code, Name(code, code), k)
            for k, (_, _, codes) in constituencies.items()
            for code in codes.split()
        ),
    )


def kerman() -> Geography:
    units = (
        _unit("IR", UnitKind.NATION, None),
        _unit("IR-08", UnitKind.PROVINCE, "IR"),
        _unit("IR-08-0801", UnitKind.COUNTY, "IR-08"),
        _station(STATION, "IR-08-0801"),
        _unit("IR-08-0802", UnitKind.COUNTY, "IR-08"),
        _station("ST-0802-0001", "IR-08-0802"),
    )
    contests = (
        _contest("president", Office.PRESIDENT, MajorityRule(), {"IR": ("IR", 1, "21 25")}),
        _contest(
            "parliament",
            Office.PARLIAMENT,
            ThresholdRule(),
            {"P1": ("IR-08-0801", 2, "31 32 33"), "P2": ("IR-08-0802", 1, "41 42")},
        ),
        _contest(
            "council",
            Office.CITY_COUNCIL,
            PluralityRule(),
            {"C1": ("IR-08-0801", 5, "51 52 53 54 55 56 57 58")},
        ),
    )
    election = Election(
        "kerman-1403-r2", Name("کرمان", "Kerman"), datetime.date(2024, 7, 5), units, contests
    )
    return Geography.of(election)


def report(
    sheets: Sequence[TallySheet] = (),
    *,
    kind: ReportKind = ReportKind.FINAL,
    device: PublicKey = DEVICE.public_key,
    sequence: int = 1,
    cvr_count: int = 0,
    cvr_digest: str = "sha256:" + "cd" * 32,
) -> StationReport:
    return StationReport(
        election="kerman-1403-r2",
        definition_hash=DEFINITION_HASH,
        station=STATION,
        device=device,
        kind=kind,
        sequence=sequence,
        sheets=tuple(sheets) or (TallySheet(STATION, "president", Counts()),),
        cvr_count=cvr_count,
        cvr_digest=cvr_digest,
    )


# ---- strategies ------------------------------------------------------------------------------


@st.composite
def ballots(draw: st.DrawFn) -> tuple[BallotContest, ...]:
    """One to three contests of one to three seats, each with up to three more candidates."""
    ballot = []
    for i in range(draw(st.integers(1, 3))):
        seats = draw(st.integers(1, 3))
        candidates = draw(st.integers(seats, seats + 3))
        ballot.append(
            BallotContest(f"c{i}", seats, tuple(str(10 * (i + 1) + j) for j in range(candidates)))
        )
    return tuple(ballot)


@st.composite
def records(draw: st.DrawFn, ballot: Sequence[BallotContest]) -> CastVoteRecord:
    """A ballot that fits `ballot`: blank or up to seats codes per contest, a contest now and
    then left off the voter's card."""
    choices = [
        Choice(
            contest.contest,
            tuple(
                draw(
                    st.lists(
                        st.sampled_from(contest.candidates), max_size=contest.seats, unique=True
                    )
                )
            ),
        )
        for contest in ballot
        if draw(st.integers(0, 9))
    ]
    return CastVoteRecord(tuple(choices) or (Choice(ballot[0].contest),))


@st.composite
def papers(
    draw: st.DrawFn, ballot: Sequence[BallotContest], given: Sequence[CastVoteRecord]
) -> dict[str, Papers]:
    """Paper accounts that hold: used ≥ the ballots cast in the contest, received = the parts."""
    accounts = {}
    for contest in ballot:
        cast = sum(1 for r in given for c in r.choices if c.contest == contest.contest)
        used = cast + draw(st.integers(0, 3))
        unused, spoiled = draw(st.integers(0, 50)), draw(st.integers(0, 3))
        accounts[contest.contest] = Papers(used + unused + spoiled, used, unused, spoiled)
    return accounts


figures = st.integers(0, 10**6)
codes = st.text("0123456789", min_size=1, max_size=3)


@st.composite
def counts(draw: st.DrawFn) -> Counts:
    """Any figures: a report carries what was counted; reconciling it is the centre's work."""
    return Counts(
        papers_received=draw(figures),
        papers_used=draw(figures),
        papers_unused=draw(figures),
        papers_spoiled=draw(figures),
        cast=draw(figures),
        valid=draw(figures),
        invalid=draw(st.dictionaries(st.sampled_from(InvalidKind), figures)),
        void=draw(figures),
        votes=draw(st.dictionaries(codes, figures, max_size=4)),
    )


@st.composite
def reports(draw: st.DrawFn) -> StationReport:
    texts = st.text(min_size=1, max_size=6)
    station = draw(texts)
    contests = draw(st.lists(texts, min_size=1, max_size=3, unique=True))
    return StationReport(
        election=draw(texts),
        definition_hash="sha256:" + draw(st.binary(min_size=32, max_size=32)).hex(),
        station=station,
        device=draw(st.sampled_from((DEVICE, OTHER_DEVICE))).public_key,
        kind=ReportKind.FINAL,
        sequence=draw(st.integers(0, 2**53 - 1)),
        sheets=tuple(TallySheet(station, contest, draw(counts())) for contest in contests),
        cvr_count=draw(figures),
        cvr_digest="sha256:" + draw(st.binary(min_size=32, max_size=32)).hex(),
        build=draw(
            st.none() | st.binary(min_size=32, max_size=32).map(lambda b: "sha256:" + b.hex())
        ),
    )

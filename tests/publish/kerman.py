"""Kerman province in the 2024 runoff (reference/seed-facts.md), as one election of two stations.

Station A carries the province's published figures: 1,276,092 ballots cast, 1,252,840 valid,
23,252 invalid, Jalili (21) 773,591 and Pezeshkian (25) 479,249, of 2,324,254 eligible voters
(docs/publish.md's turnout example). Station B reports nothing, or an empty box.
"""

from __future__ import annotations

import datetime

from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.counting.turnout import eligible_voters
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
from sandogh.core.definition.rule import MajorityRule
from sandogh.publish.index import ElectionIndex
from sandogh.services.outcomes import Decided, decide_constituency
from sandogh.services.ports import StoredElection
from sandogh.services.tallied import Tallied

A, B = "ST-A", "ST-B"
ELIGIBLE = 2_324_254
FIGURES = Counts(
    papers_received=1_300_000,
    papers_used=1_276_092,
    papers_unused=23_908,
    papers_spoiled=0,
    cast=1_276_092,
    valid=1_252_840,
    invalid={InvalidKind.BLANK: 23_252},
    votes={"21": 773_591, "25": 479_249},
)
EMPTY = Counts(papers_received=100, papers_unused=100)
_INFO = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.ELECTRONIC, False, None)
PRESIDENT = Contest(
    id="president",
    office=Office.PRESIDENT,
    name=Name("ریاست جمهوری", "President"),
    rule=MajorityRule(),
    constituencies=(Constituency("IR", Name("ایران", "Iran"), ("IR",), 1),),
    candidates=(
        Candidate("21", Name("سعید جلیلی", "Saeed Jalili"), "IR"),
        Candidate("25", Name("مسعود پزشکیان", "Masoud Pezeshkian"), "IR"),
    ),
    round=2,
)
ELECTION = Election(
    "kerman-1403-r2",
    Name("دور دوم ریاست جمهوری ۱۴۰۳", "2024 presidential runoff"),
    datetime.date(2024, 7, 5),
    (
        ReportingUnit("IR", UnitKind.NATION, Name("ایران", "Iran"), None),
        ReportingUnit("IR-08", UnitKind.PROVINCE, Name("کرمان", "Kerman"), "IR", ELIGIBLE),
        ReportingUnit(A, UnitKind.STATION, Name("شعبه الف", "Station A"), "IR-08", None, _INFO),
        ReportingUnit(B, UnitKind.STATION, Name("شعبه ب", "Station B"), "IR-08", None, _INFO),
    ),
    (PRESIDENT,),
)
GEOGRAPHY = Geography.of(ELECTION)
INDEX = ElectionIndex.of(StoredElection(ELECTION, "sha256:" + "0" * 64), GEOGRAPHY)


def tallied(*, b: Counts | None = None) -> Tallied:
    """Station A reported; station B too when `b` is given."""
    sheets = [TallySheet(A, "president", FIGURES)]
    if b is not None:
        sheets.append(TallySheet(B, "president", b))
    totals = aggregate(GEOGRAPHY, sheets)
    return Tallied(INDEX.stored, GEOGRAPHY, totals, dict(eligible_voters(GEOGRAPHY)))


def decided(*, b: Counts | None = None) -> Decided:
    (k,) = PRESIDENT.constituencies
    return decide_constituency(tallied(b=b), PRESIDENT, k, INDEX.standing("president", "IR"))

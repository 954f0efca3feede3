"""Small election days and their tally sheets, built in code for the store's tests."""

from __future__ import annotations

import datetime

from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
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
from sandogh.core.definition.rule import MajorityRule, PluralityRule

CONTESTS = ("president", "council")
CANDIDATES = {"president": ("21", "25"), "council": tuple(str(code) for code in range(101, 111))}


def station_code(number: int) -> str:
    return f"ST-0801-{number:05d}"


def election(election_id: str = "kerman-1403-r2", *, stations: int = 3) -> Election:
    """Kerman county with `stations` polling stations, a presidential and a council contest."""
    info = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.ELECTRONIC, False, None)
    units = (
        ReportingUnit("IR", UnitKind.NATION, Name("ایران", "Iran"), None),
        ReportingUnit("IR-08", UnitKind.PROVINCE, Name("کرمان", "Kerman"), "IR", 2_324_254),
        ReportingUnit("IR-08-0801", UnitKind.COUNTY, Name("کرمان", "Kerman"), "IR-08"),
        *(
            ReportingUnit(
                station_code(number),
                UnitKind.STATION,
                Name(f"شعبه {number}", f"Station {number}"),
                "IR-08-0801",
                950,
                info,
            )
            for number in range(1, stations + 1)
        ),
    )
    president = Contest(
        "president",
        Office.PRESIDENT,
        Name("ریاست جمهوری", "President"),
        MajorityRule(),
        (Constituency("IR", Name("ایران", "Iran"), ("IR",), 1),),
        (
            Candidate("21", Name("سعید جلیلی", "Saeed Jalili"), "IR"),
            Candidate("25", Name("مسعود پزشکیان", "Masoud Pezeshkian"), "IR"),
        ),
        round=2,
    )
    council = Contest(
        "council",
        Office.CITY_COUNCIL,
        Name("شورای شهر کرمان", "Kerman city council"),
        PluralityRule(),
        (Constituency("IR-08-0801", Name("کرمان", "Kerman"), ("IR-08-0801",), 9, 4),),
        tuple(
            Candidate(code, Name(f"نامزد {code}", f"Candidate {code}"), "IR-08-0801")
            for code in CANDIDATES["council"]
        ),
    )
    return Election(
        election_id,
        Name("انتخابات ریاست جمهوری، دور دوم", "Presidential election, round 2"),
        datetime.date(2024, 7, 5),
        units,
        (president, council),
    )


def sheet(number: int, contest: str, *, seed: int = 0) -> TallySheet:
    """A consistent sheet whose figures vary with the station, contest and `seed`."""
    spread = (number * 7919 + seed * 104_729 + len(contest)) % 400
    candidates = CANDIDATES[contest]
    votes = {code: (spread * (rank + 3)) % 300 for rank, code in enumerate(candidates)}
    invalid = {InvalidKind.BLANK: spread % 9, InvalidKind.ILLEGIBLE: spread % 3}
    if number % 2:  # some sheets list every kind, some only two: both must come back as written
        invalid |= {InvalidKind.NON_CANDIDATE: spread % 5, InvalidKind.MULTIPLE_NAMES: 0}
    valid = sum(votes.values()) if contest == "president" else 400 + spread
    cast = valid + sum(invalid.values())
    return TallySheet(
        station_code(number),
        contest,
        Counts(
            papers_received=cast + 500,
            papers_used=cast + number % 4,
            papers_unused=500 - number % 4 - 1,
            papers_spoiled=1,
            cast=cast,
            valid=valid,
            invalid=invalid,
            void=number % 4,
            votes=votes,
        ),
    )


def sheets(stations: int, *, seed: int = 0) -> list[TallySheet]:
    """One sheet per station and contest, in the store's reading order (station, then contest)."""
    return [
        sheet(number, contest, seed=seed)
        for number in range(1, stations + 1)
        for contest in sorted(CONTESTS)
    ]

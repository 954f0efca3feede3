"""A hand-made slice of Kerman province for the readiness tests: two counties (Kerman, Bardsir),
five semi-electronic stations of 1,000 eligible voters each, registers that are ready but for
one box of Bardsir whose update failed and two stations of Bardsir short of ballot papers."""

from __future__ import annotations

import datetime

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
from sandogh.core.readiness import (
    COMPLEMENT,
    Box,
    PaperStock,
    Registers,
    Staffing,
    UpdateStatus,
)

ELECTION = "kerman-1403-readiness"
PROVINCE, KERMAN, BARDSIR = "IR-08", "IR-08-0801", "IR-08-0803"
KERMAN_STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0801-0003")
BARDSIR_STATIONS = ("ST-0803-0001", "ST-0803-0002")
STATIONS = KERMAN_STATIONS + BARDSIR_STATIONS
FAILED_BOX = "SB-0803-0002"
DAY = datetime.date(2024, 7, 5)
_INFO = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.SEMI_ELECTRONIC, False, None)


def _unit(code: str, kind: UnitKind, parent: str | None, fa: str, en: str) -> ReportingUnit:
    station = kind is UnitKind.STATION
    return ReportingUnit(
        code, kind, Name(fa, en), parent, 1_000 if station else None, _INFO if station else None
    )


UNITS = (
    _unit("IR", UnitKind.NATION, None, "ایران", "Iran"),
    _unit(PROVINCE, UnitKind.PROVINCE, "IR", "کرمان", "Kerman"),
    _unit(KERMAN, UnitKind.COUNTY, PROVINCE, "کرمان", "Kerman"),
    *(_unit(s, UnitKind.STATION, KERMAN, f"شعبه {s}", s) for s in KERMAN_STATIONS),
    _unit(BARDSIR, UnitKind.COUNTY, PROVINCE, "بردسیر", "Bardsir"),
    *(_unit(s, UnitKind.STATION, BARDSIR, f"شعبه {s}", s) for s in BARDSIR_STATIONS),
)
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
)
ELECTION_DAY = Election(ELECTION, Name("آمادگی", "Readiness"), DAY, UNITS, (PRESIDENT,))


def key(station: str) -> str:
    """The (made-up) Ed25519 public key of the box of `station`, 64 hex digits."""
    return station.encode().hex().ljust(64, "0")[:64]


def serial(station: str) -> str:
    return "SB-" + station.removeprefix("ST-")


def registers() -> Registers:
    """The registers of the hand-worked case.

    Papers: 600 sent and received, 100 used, so 500 left against ½ × (1,000 − 100) = 450 needed:
    enough. Bardsir's first station received 550 of 600 (received < sent: short) and its second
    used 300 of 600: 300 left against ½ × 700 = 350 needed (short).
    """
    fleet = tuple(
        Box(
            serial(s),
            "SE-3",
            "4.2.0",
            UpdateStatus.FAILED if serial(s) == FAILED_BOX else UpdateStatus.CURRENT,
            s,
            key(s),
        )
        for s in STATIONS
    )
    papers = {s: PaperStock(s, 600, 600, 100) for s in STATIONS}
    papers[BARDSIR_STATIONS[0]] = PaperStock(BARDSIR_STATIONS[0], 600, 550, 100)
    papers[BARDSIR_STATIONS[1]] = PaperStock(BARDSIR_STATIONS[1], 600, 600, 300)
    staff = tuple(Staffing(s, role, n, n) for s in STATIONS for role, n in COMPLEMENT.items())
    return Registers(fleet, tuple(papers.values()), staff)

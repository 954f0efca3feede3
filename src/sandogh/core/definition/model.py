"""What an election day is made of: reporting units, contests, constituencies, candidates.

The shapes follow the reports summarised in `reference/seed-facts.md` and the contests of
`reference/iran-election-rules.md`: one election day holds several contests; the geography is a
tree nation → province → county → district → city/village → polling station (شعبه); a contest is
decided per constituency (حوزه انتخابیه) with its seats and alternates (علی‌البدل); a runoff
(دور دوم) names the contest of the first round it continues, and a by-election (میان‌دوره‌ای)
the main election of the same body (`Contest.main_election`).

The 2021 day of four contests (28 Khordad 1400, seed 004: «سیزدهمین دوره ریاست جمهوری همزمان با
ششمین دوره شوراهای اسلامی شهر، روستا و عشایر، دومین میان دوره‌ای مجلس خبرگان رهبری و نخستین میان
دوره‌ای مجلس شورای اسلامی») has the offices below, nomad councils (شوراهای عشایری) among them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from sandogh.core.definition.rule import Rule


class UnitKind(StrEnum):
    NATION = "nation"
    PROVINCE = "province"
    COUNTY = "county"
    DISTRICT = "district"
    CITY = "city"
    VILLAGE = "village"
    STATION = "station"


#: The depth of each kind in the tree; a unit's parent must be of a strictly smaller depth.
UNIT_DEPTH: dict[UnitKind, int] = {kind: depth for depth, kind in enumerate(UnitKind)}


class Mobility(StrEnum):
    FIXED = "fixed"  # ثابت
    MOBILE = "mobile"  # سیار


class Setting(StrEnum):
    URBAN = "urban"  # شهری
    RURAL = "rural"  # روستایی


class VotingMode(StrEnum):
    ELECTRONIC = "electronic"  # تمام الکترونیک: electronic box, no paper ballot
    SEMI_ELECTRONIC = "semi-electronic"  # نیمه الکترونیک: electronic check-in, paper ballot
    PAPER = "paper"


class Office(StrEnum):
    PRESIDENT = "president"  # ریاست جمهوری
    PARLIAMENT = "parliament"  # مجلس شورای اسلامی
    CITY_COUNCIL = "city-council"  # شورای اسلامی شهر
    VILLAGE_COUNCIL = "village-council"  # شورای اسلامی روستا
    # شورای اسلامی عشایر: each nomad tribal section (تیره) elects exactly as a village council
    # does (`reference/iran-candidacy.md` §5 [S45]): plurality, 3 or 5 seats with 2 or 3
    # alternates, the rule and seats being the contest's like any office's.
    NOMAD_COUNCIL = "nomad-council"
    EXPERTS = "experts"  # مجلس خبرگان رهبری


@dataclass(frozen=True)
class Name:
    """A name in both languages the system speaks; Persian is the official one."""

    fa: str
    en: str


@dataclass(frozen=True)
class Location:
    """Latitude and longitude in decimal degrees (WGS 84), kept exact as written."""

    lat: Decimal
    lon: Decimal


@dataclass(frozen=True)
class StationInfo:
    """What is known of a polling station beyond its place in the tree."""

    mobility: Mobility
    setting: Setting
    mode: VotingMode
    hard_to_reach: bool  # مناطق صعب‌العبور
    location: Location | None


@dataclass(frozen=True)
class ReportingUnit:
    """A node of the geography. `code` is unique within the election day.

    `eligible_voters` may be given at any level; where a unit has none, its figure is the sum of its
    children's when every child has one (see `core.counting.turnout`).
    """

    code: str
    kind: UnitKind
    name: Name
    parent: str | None
    eligible_voters: int | None = None
    station: StationInfo | None = None


@dataclass(frozen=True)
class Candidate:
    """A candidate standing in one constituency of a contest under a ballot code; `photo` names
    the file of their photo for the ballot box's screen by its SHA-256 (`sha256:` and 64 hex)."""

    code: str
    name: Name
    constituency: str
    party_list: str | None = None
    photo: str | None = None


@dataclass(frozen=True)
class PartyList:
    id: str
    name: Name


@dataclass(frozen=True)
class Constituency:
    """A set of reporting units voting for the same seats; every station below them belongs."""

    id: str
    name: Name
    units: tuple[str, ...]
    seats: int
    alternates: int = 0


@dataclass(frozen=True)
class RoundLink:
    """The contest whose runoff this is: an election day id and a contest id on that day."""

    election: str
    contest: str


@dataclass(frozen=True)
class Contest:
    id: str
    office: Office
    name: Name
    rule: Rule
    constituencies: tuple[Constituency, ...]
    candidates: tuple[Candidate, ...]
    party_lists: tuple[PartyList, ...] = ()
    round: int = 1
    previous_round: RoundLink | None = None
    by_election: bool = False
    # A by-election's main election: the contest of the same body, on an earlier day, whose
    # constituency holds the voter (`core.voters.where_to_vote`). Only a by-election has one.
    main_election: RoundLink | None = None


@dataclass(frozen=True)
class Election:
    """One election day (e.g. 28 Khordad 1400 held four contests) with its geography."""

    id: str
    name: Name
    date: datetime.date
    units: tuple[ReportingUnit, ...]
    contests: tuple[Contest, ...]
    version: int = 1
    notes: tuple[str, ...] = field(default=())

"""The structure of a definition file (`sandogh/definition@1`): the published JSON Schema.

`docs/formats.md` is the specification; these pydantic models mirror it field for field, and
`Definition.model_json_schema()` is the schema sandogh publishes. Every model forbids unknown
fields, and scalars are strict: YAML turns `no` into false and `0701` into 449, and a silently
changed name or ballot code is worse than an error. Shares, coordinates and dates are read exactly
(`formats.scalars`). `to_core` turns a file whose structure is sound into the core `Election`;
whether it keeps the rules is `core.definition.validate`'s to say.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, WithJsonSchema

from sandogh.core.definition import model as core
from sandogh.core.definition import rule as core_rule
from sandogh.core.definition.identifiers import CODE, ELECTION_ID
from sandogh.formats.scalars import Degrees, IsoDate, Share
from sandogh.formats.written import ODD_CHARACTERS

#: The most characters of a name, code or id: what officials print on a sheet or a page is a few
#: words, and a name of megabytes would be written into every page that shows it.
MOST_CHARACTERS = 300
#: The most characters of one of the election's notes, a paragraph.
MOST_NOTE_CHARACTERS = 4000
#: The largest whole number a definition holds: more voters than people on earth, and far below
#: what the store's integers hold (2**63), even summed over every station of a national file.
MOST_WHOLE = 10**10

_Text = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=MOST_CHARACTERS, pattern=f"^[^{ODD_CHARACTERS}]*$"),
]
_Note = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=MOST_NOTE_CHARACTERS, pattern=f"^[^{ODD_CHARACTERS}]*$"),
]
_Whole = Annotated[int, Strict(), Field(le=MOST_WHOLE)]
_Flag = Annotated[bool, Strict()]
_Code = Annotated[_Text, WithJsonSchema({"type": "string", "pattern": f"^{CODE.pattern}$"})]
_ElectionId = Annotated[
    _Text, WithJsonSchema({"type": "string", "pattern": f"^{ELECTION_ID.pattern}$"})
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Name(_Strict):
    fa: _Text
    en: _Text

    def to_core(self) -> core.Name:
        return core.Name(self.fa, self.en)


class Location(_Strict):
    lat: Degrees
    lon: Degrees


class Station(_Strict):
    mobility: core.Mobility
    setting: core.Setting
    mode: core.VotingMode
    hard_to_reach: _Flag = False
    location: Location | None = None


class Unit(_Strict):
    code: _Code
    kind: core.UnitKind
    name: Name
    parent: _Code | None = None
    eligible_voters: _Whole | None = None
    station: Station | None = None

    def to_core(self) -> core.ReportingUnit:
        info, place = self.station, None if self.station is None else self.station.location
        return core.ReportingUnit(
            self.code,
            self.kind,
            self.name.to_core(),
            self.parent,
            self.eligible_voters,
            None
            if info is None
            else core.StationInfo(
                info.mobility,
                info.setting,
                info.mode,
                info.hard_to_reach,
                None if place is None else core.Location(place.lat, place.lon),
            ),
        )


class Majority(_Strict):
    kind: Literal["majority"]
    base: core_rule.Base = core_rule.Base.CAST
    share: Share = Fraction(1, 2)
    runoff_candidates: _Whole = 2

    def to_core(self) -> core_rule.Rule:
        return core_rule.MajorityRule(self.base, self.share, self.runoff_candidates)


class Threshold(_Strict):
    kind: Literal["threshold"]
    base: core_rule.Base = core_rule.Base.VALID
    share: Share = Fraction(1, 5)
    runoff_factor: _Whole = 2

    def to_core(self) -> core_rule.Rule:
        return core_rule.ThresholdRule(self.base, self.share, self.runoff_factor)


class Plurality(_Strict):
    kind: Literal["plurality"]

    def to_core(self) -> core_rule.Rule:
        return core_rule.PluralityRule()


class Proportional(_Strict):
    kind: Literal["proportional"]
    method: core_rule.Apportionment = core_rule.Apportionment.DHONDT
    alternates_share: Share = Fraction(52, 100)

    def to_core(self) -> core_rule.Rule:
        return core_rule.ProportionalRule(self.method, self.alternates_share)


class Constituency(_Strict):
    id: _Code
    name: Name
    units: Annotated[list[_Code], Strict()]
    seats: _Whole
    alternates: _Whole = 0


class PartyList(_Strict):
    id: _Code
    name: Name


class Candidate(_Strict):
    code: Annotated[_Text, WithJsonSchema({"type": "string", "pattern": "^[0-9]+$"})]
    name: Name
    constituency: _Code
    party_list: _Code | None = None
    photo: Annotated[_Text, Field(pattern=r"^sha256:[0-9a-f]{64}$")] | None = None


class RoundLink(_Strict):
    election: _ElectionId
    contest: _Code


class Contest(_Strict):
    id: _Code
    office: core.Office
    name: Name
    rule: Annotated[Majority | Threshold | Plurality | Proportional, Field(discriminator="kind")]
    constituencies: Annotated[list[Constituency], Strict()]
    party_lists: Annotated[list[PartyList], Strict()] = []
    candidates: Annotated[list[Candidate], Strict()]
    round: _Whole = 1
    previous_round: RoundLink | None = None
    by_election: _Flag = False
    main_election: RoundLink | None = None

    def to_core(self) -> core.Contest:
        link, main = self.previous_round, self.main_election
        return core.Contest(
            self.id,
            self.office,
            self.name.to_core(),
            self.rule.to_core(),
            tuple(
                core.Constituency(k.id, k.name.to_core(), tuple(k.units), k.seats, k.alternates)
                for k in self.constituencies
            ),
            tuple(
                core.Candidate(c.code, c.name.to_core(), c.constituency, c.party_list, c.photo)
                for c in self.candidates
            ),
            tuple(core.PartyList(p.id, p.name.to_core()) for p in self.party_lists),
            self.round,
            None if link is None else core.RoundLink(link.election, link.contest),
            self.by_election,
            None if main is None else core.RoundLink(main.election, main.contest),
        )


class ElectionHeader(_Strict):
    id: _ElectionId
    name: Name
    date: IsoDate
    version: _Whole = 1
    notes: Annotated[list[_Note], Strict()] = []


#: The format a definition file names (`format:`), the one this sandogh reads.
FORMAT = "sandogh/definition@1"


class Definition(_Strict):
    """One election day: its geography (parents before children) and its contests."""

    model_config = ConfigDict(title="sandogh election definition (sandogh/definition@1)")

    format: Literal["sandogh/definition@1"]
    election: ElectionHeader
    units: Annotated[list[Unit], Strict()]
    contests: Annotated[list[Contest], Strict()]

    def to_core(self) -> core.Election:
        header = self.election
        return core.Election(
            header.id,
            header.name.to_core(),
            header.date,
            tuple(unit.to_core() for unit in self.units),
            tuple(contest.to_core() for contest in self.contests),
            header.version,
            tuple(header.notes),
        )


# The file's name of each kind of rule: the tag of the `rule` union.
RULE_KINDS: dict[str, type[BaseModel]] = {
    "majority": Majority,
    "threshold": Threshold,
    "plurality": Plurality,
    "proportional": Proportional,
}

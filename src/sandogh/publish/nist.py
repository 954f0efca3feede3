"""The snapshot's NIST SP 1500-100 v2 `ElectionReport` (JSON), `nist/election-report.json`.

Mapped onto `reference/nist/election-results-reporting-v2.schema.json` (and its `.uml.md`):

- every reporting unit is a `ReportingUnit` GpUnit `ru-<code>` (nation → `country`, county →
  `county`, city → `city`, village → `village`, station → `precinct`, province and district →
  `other`), composed of its children, with `VotersRegistered` and `VotersParticipated` (eligible
  voters, where known, and ballot papers used: voters who came) by `core.counting.turnout`'s rule
  in the contest that used most papers, the stations whose box was voided left out of both, as
  the results files' `turnout`, and `SubUnitsReported`/`TotalSubUnits` (its stations); a precinct
  whose box a board voided in a contest is marked with a `CountStatus` of type `other`,
  `OtherType` `voided` (and has neither figure where every box of it was voided);
- the ballots the boards voided (the results files' `counts.voided`) are the `Election`'s
  `BallotCounts` of type `other`, `OtherType` `voided:<contest>`, one for each unit where a board
  voided any, with `BallotsRejected` their number;
- a contest is decided per constituency, and NIST's contest has one district, so each
  constituency of each contest is a `CandidateContest` `con-<contest>-<constituency>` whose
  `ElectionDistrictId` is a GpUnit `cy-<contest>-<constituency>` (`other`, `constituency`)
  composed of the constituency's units; `VotesAllowed` and `NumberElected` are its seats,
  `NumberRunoff` the candidates going to a runoff (only while one is called for), and
  `VoteVariation` the rule's (the parliamentary threshold is `other`, `threshold`);
- each candidate is a `Candidate` `cand-<contest>-<code>` with its ballot name, and a
  `CandidateSelection` whose `VoteCounts` (`total`) give its votes in the constituency and in
  every unit within it, down to the stations unless a coarser `down_to` is asked for (the
  station figures are in the station JSON and CSV beside; a national report is ~0.8 GB down to
  the stations, ~0.2 GB down to the counties); once a constituency is complete,
  `PostElectionStatus` is `winner`, `advanced-to-runoff`, `withdrawn` or `defeated` (an alternate
  is `defeated`, with an `ExternalIdentifier` saying `alternate`);
- `Status` is `unofficial-partial` until every contest is complete, then `unofficial-complete`
  (`certified` is issue 4's); `GeneratedDate` is the time of the last change the snapshot
  reflects, so the same figures give the same bytes.

The report is written in chunks (one GpUnit, candidate or contest selection each), never held
whole in memory: `Writer.write_chunks` streams them to the file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from sandogh.core.counting.aggregate import Total
from sandogh.core.counting.turnout import NOTHING_VOIDED, Voided, turnout
from sandogh.core.definition.model import UNIT_DEPTH, Candidate, Contest, Name, UnitKind
from sandogh.core.definition.rule import (
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    ThresholdRule,
)
from sandogh.core.rules import Status
from sandogh.publish.documents import instant
from sandogh.publish.index import ElectionIndex, JSONObject
from sandogh.publish.standings import results
from sandogh.publish.totals import reported_stations
from sandogh.publish.writer import json_bytes
from sandogh.services.outcomes import Decided
from sandogh.services.tallied import Tallied

NS = "ElectionResults."
_UNIT_TYPES: dict[UnitKind, str] = {
    UnitKind.NATION: "country",
    UnitKind.COUNTY: "county",
    UnitKind.CITY: "city",
    UnitKind.VILLAGE: "village",
    UnitKind.STATION: "precinct",
}
_POST_ELECTION = {
    "elected": "winner",
    "advanced-to-runoff": "advanced-to-runoff",
    "withdrawn": "withdrawn",
    "not-elected": "defeated",
    "alternate": "defeated",
}


@dataclass(frozen=True)
class _Array:
    """A JSON array written item by item."""

    items: Iterable[Any]


@dataclass(frozen=True)
class _Raw:
    """JSON text written as it is: the millions of `VoteCounts` of a national report are
    formatted directly rather than built as objects (their ids are codes, which need no escaping:
    the definition format keeps them to `[A-Za-z0-9._-]`)."""

    text: bytes


_VOTE_COUNTS = '{"@type":"ElectionResults.VoteCounts","Count":%d,"GpUnitId":"%s","Type":"total"}'


def _vote_counts(counts: Iterable[tuple[str, int]]) -> _Raw:
    listed = ",".join(_VOTE_COUNTS % (count, gp_unit) for gp_unit, count in counts)
    return _Raw(f"[{listed}]".encode())


def unit_id(code: str) -> str:
    return f"ru-{code}"


def constituency_id(contest: str, constituency: str) -> str:
    return f"cy-{contest}-{constituency}"


def candidate_id(contest: str, code: str) -> str:
    return f"cand-{contest}-{code}"


def contest_id(contest: str, constituency: str) -> str:
    return f"con-{contest}-{constituency}"


def party_id(contest: str, party_list: str) -> str:
    return f"party-{contest}-{party_list}"


def text(name: Name) -> JSONObject:
    """An `InternationalizedText` in Persian and English."""
    return {
        "@type": NS + "InternationalizedText",
        "Text": [
            {"@type": NS + "LanguageString", "Content": name.fa, "Language": "fa"},
            {"@type": NS + "LanguageString", "Content": name.en, "Language": "en"},
        ],
    }


def _identifier(kind: str, value: str) -> JSONObject:
    return {
        "@type": NS + "ExternalIdentifier",
        "Type": "other",
        "OtherType": kind,
        "Value": value,
    }


def election_report(
    index: ElectionIndex,
    tallied: Tallied,
    decided: Mapping[tuple[str, str], Decided],
    *,
    down_to: UnitKind = UnitKind.STATION,
    certified: bool = False,
    updated: datetime.datetime | None = None,
) -> Iterator[bytes]:
    """The report's UTF-8 JSON in chunks. `decided` holds each (contest, constituency)'s
    outcome; `updated` is the snapshot's `updated` (docs/publish.md)."""
    complete = all(d.complete for d in decided.values())
    voided = {c.id: tallied.voided_by_unit(c.id) for c in index.stored.election.contests}
    status = "certified" if certified else "unofficial-" + ("complete" if complete else "partial")
    election = index.stored.election
    parties = [
        {"@id": party_id(c.id, pl.id), "@type": NS + "Party", "Name": text(pl.name)}
        for c in election.contests
        for pl in c.party_lists
    ]
    report: list[tuple[str, Any]] = [
        ("@type", NS + "ElectionReport"),
        ("Format", "precinct-level" if down_to is UnitKind.STATION else "summary-contest"),
        ("GeneratedDate", instant(updated) or f"{election.date.isoformat()}T00:00:00+00:00"),
        ("Issuer", "sandogh"),
        ("IssuerAbbreviation", "sandogh"),
        ("SequenceStart", 1),
        ("SequenceEnd", 1),
        ("Status", status),
        ("VendorApplicationId", _vendor()),
        ("Notes", f"definition {index.definition_hash}"),
        ("Party", parties),
        ("GpUnit", _Array(_gp_units(index, tallied, voided))),
        ("Election", _Array([_election(index, tallied, decided, down_to, voided)])),
    ]
    yield from _chunks(dict(report))


def _vendor() -> str:
    try:
        return f"sandogh {version('sandogh')}"
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "sandogh"


def _special(value: Any) -> bool:
    return isinstance(value, _Array | _Raw)


def _chunks(value: Any) -> Iterator[bytes]:
    """`value` as JSON; the plain fields of an object come first, then its arrays and raw text."""
    if isinstance(value, _Raw):
        yield value.text
    elif isinstance(value, _Array):
        yield b"["
        for i, item in enumerate(value.items):
            if i:
                yield b","
            yield from _chunks(item)
        yield b"]"
    elif isinstance(value, dict) and any(_special(v) for v in value.values()):
        plain = {key: item for key, item in value.items() if not _special(item)}
        yield json_bytes(plain)[:-1]
        for i, (key, item) in enumerate((k, v) for k, v in value.items() if _special(v)):
            yield (b"," if plain or i else b"") + json_bytes(key) + b":"
            yield from _chunks(item)
        yield b"}"
    else:
        yield json_bytes(value)


_VOIDED_MARK = {
    "@type": NS + "CountStatus",
    "OtherType": "voided",
    "Status": "completed",
    "Type": "other",
}


def _gp_units(
    index: ElectionIndex, tallied: Tallied, voided: Mapping[str, Mapping[str, Voided]]
) -> Iterator[JSONObject]:
    geography = index.geography
    reported = _stations_reported(index, tallied)
    for code in geography.top_down:
        unit = geography.unit(code)
        gp: JSONObject = {"@id": unit_id(code), "@type": NS + "ReportingUnit"}
        kind = _UNIT_TYPES.get(unit.kind)
        gp["Type"] = kind or "other"
        if kind is None:
            gp["OtherType"] = unit.kind.value
        gp["Name"] = text(unit.name)
        children = geography.children(code)
        if children:
            gp["ComposingGpUnitIds"] = [unit_id(child) for child in children]
        gp["ExternalIdentifier"] = [_identifier("sandogh-unit", code)]
        gp["SubUnitsReported"] = reported.get(code, 0)
        gp["TotalSubUnits"] = index.voting_under(code)
        eligible = tallied.eligible[code]
        if any(code in by_unit for by_unit in voided.values()):
            _participation(gp, unit.kind, tallied, voided, code)
        else:  # nothing voided here: every eligible voter, every paper used (the common case)
            if eligible is not None:
                gp["VotersRegistered"] = eligible
            used = [
                totals[code].counts.papers_used
                for totals in tallied.totals.units.values()
                if code in totals
            ]
            if used:
                gp["VotersParticipated"] = max(used)
        yield gp
    for contest in index.stored.election.contests:
        for k in contest.constituencies:
            total = tallied.totals.constituencies[contest.id][k.id]
            yield {
                "@id": constituency_id(contest.id, k.id),
                "@type": NS + "ReportingUnit",
                "Type": "other",
                "OtherType": "constituency",
                "Name": text(k.name),
                "ComposingGpUnitIds": [unit_id(code) for code in k.units],
                "ExternalIdentifier": [_identifier("sandogh-constituency", k.id)],
                "SubUnitsReported": total.stations_reported,
                "TotalSubUnits": total.stations_total,
            }


def _participation(
    gp: JSONObject,
    kind: UnitKind,
    tallied: Tallied,
    voided: Mapping[str, Mapping[str, Voided]],
    code: str,
) -> None:
    """`VotersRegistered` and `VotersParticipated` of a unit where a board voided anything, by
    `core.counting.turnout`'s rule, and the mark of a precinct whose box was voided."""
    shown = [
        turnout(
            totals[code].counts, tallied.eligible[code], voided[contest].get(code, NOTHING_VOIDED)
        )
        for contest, totals in tallied.totals.units.items()
        if code in totals
    ]
    if kind is UnitKind.STATION and any(t.voided.stations for t in shown):
        gp["CountStatus"] = [_VOIDED_MARK]
    most = max(shown, key=lambda t: t.papers_counted)
    if most.base == 0 and most.voided.stations:
        return  # every box of it voided: none of its voters is in turnout
    if most.base is not None:
        gp["VotersRegistered"] = most.base
    gp["VotersParticipated"] = most.papers_counted


def _stations_reported(index: ElectionIndex, tallied: Tallied) -> dict[str, int]:
    """Stations with results in any contest, at and below each unit."""
    found: dict[str, int] = {}
    for station in reported_stations(tallied, index.voting_stations):
        for code in (station, *index.geography.ancestors(station)):
            found[code] = found.get(code, 0) + 1
    return found


def _election(
    index: ElectionIndex,
    tallied: Tallied,
    decided: Mapping[tuple[str, str], Decided],
    down_to: UnitKind,
    voided: Mapping[str, Mapping[str, Voided]],
) -> dict[str, Any]:
    election = index.stored.election
    final = {key: results(outcome) for key, outcome in decided.items() if outcome.complete}
    rounds = {c.round for c in election.contests}
    kind = (
        "runoff"
        if min(rounds) > 1
        else "special"
        if all(c.by_election for c in election.contests)
        else "general"
    )
    return {
        "@type": NS + "Election",
        "Name": text(election.name),
        "Type": kind,
        "StartDate": election.date.isoformat(),
        "EndDate": election.date.isoformat(),
        "ElectionScopeId": unit_id(index.top_unit),
        "ExternalIdentifier": [_identifier("sandogh-election", election.id)],
        # the nation's ~140,000 candidates, written as they are made: the last plain field
        # stands just before them, so their place in the bytes is the same
        "Candidate": _Array(
            _candidate(contest.id, candidate, final.get((contest.id, candidate.constituency)))
            for contest in election.contests
            for candidate in contest.candidates
        ),
        "Contest": _Array(_contests(index, tallied, decided, down_to)),
    } | _voided_counts(index, voided)


def _voided_counts(
    index: ElectionIndex, voided: Mapping[str, Mapping[str, Voided]]
) -> dict[str, Any]:
    """The ballots the boards voided, by contest and unit (parents first), where any were."""
    found = [
        {
            "@type": NS + "BallotCounts",
            "BallotsRejected": taken.ballots,
            "GpUnitId": unit_id(code),
            "OtherType": f"voided:{contest}",
            "Type": "other",
        }
        for contest, by_unit in voided.items()
        for code in index.geography.top_down
        if (taken := by_unit.get(code)) is not None and (taken.ballots or taken.stations)
    ]
    return {"BallotCounts": found} if found else {}


def _candidate(contest: str, candidate: Candidate, final: Mapping[str, str] | None) -> JSONObject:
    """`final`: the results of the candidate's constituency, once it is complete."""
    found: JSONObject = {
        "@id": candidate_id(contest, candidate.code),
        "@type": NS + "Candidate",
        "BallotName": text(candidate.name),
        "ExternalIdentifier": [_identifier("ballot-code", candidate.code)],
    }
    if candidate.party_list is not None:
        found["PartyId"] = party_id(contest, candidate.party_list)
    if final is not None:
        result = final[candidate.code]
        found["ExternalIdentifier"].append(_identifier("sandogh-result", result))
        status = _POST_ELECTION.get(result)
        if status is not None:
            found["PostElectionStatus"] = status
    return found


def _contests(
    index: ElectionIndex,
    tallied: Tallied,
    decided: Mapping[tuple[str, str], Decided],
    down_to: UnitKind,
) -> Iterator[JSONObject]:
    deepest = UNIT_DEPTH[down_to]
    geography = index.geography
    for contest in index.stored.election.contests:
        member = geography.constituency_map(contest.id)
        units = tallied.totals.units[contest.id]
        within: dict[str, list[tuple[str, Total]]] = {}
        for code, total in units.items():
            constituency = member.get(code)
            if constituency is not None and UNIT_DEPTH[geography.kind(code)] <= deepest:
                within.setdefault(constituency, []).append((code, total))
        for k in contest.constituencies:
            yield _contest(contest, k.id, decided[contest.id, k.id], within.get(k.id, []))


def _contest(
    contest: Contest, constituency: str, decided: Decided, within: list[tuple[str, Total]]
) -> JSONObject:
    o, total = decided.outcome, decided.total
    found: JSONObject = {
        "@id": contest_id(contest.id, constituency),
        "@type": NS + "CandidateContest",
        "Name": f"{contest.name.en} · {decided.constituency.name.en}",
        "BallotTitle": text(contest.name),
        "BallotSubTitle": text(decided.constituency.name),
        "ElectionDistrictId": constituency_id(contest.id, constituency),
        "VotesAllowed": decided.constituency.seats,
        "NumberElected": decided.constituency.seats,
        "SubUnitsReported": total.stations_reported,
        "TotalSubUnits": total.stations_total,
        "CountStatus": [
            {
                "@type": NS + "CountStatus",
                "Status": "completed" if decided.complete else "in-process",
                "Type": "total",
            }
        ],
        **_variation(contest, decided.constituency.seats),
    }
    if o.status is Status.RUNOFF:
        found["NumberRunoff"] = len(o.advancing)
    district = constituency_id(contest.id, constituency)
    found["ContestSelection"] = _Array(
        {
            "@id": f"sel-{contest.id}-{candidate.code}",
            "@type": NS + "CandidateSelection",
            "CandidateIds": [candidate_id(contest.id, candidate.code)],
            "VoteCounts": _vote_counts(
                [
                    (district, total.counts.votes.get(candidate.code, 0)),
                    *((unit_id(code), t.counts.votes.get(candidate.code, 0)) for code, t in within),
                ]
            ),
        }
        for candidate in decided.standing
    )
    return found


def _variation(contest: Contest, seats: int) -> JSONObject:
    match contest.rule:
        case MajorityRule():
            return {"VoteVariation": "majority"}
        case ThresholdRule():
            return {"VoteVariation": "other", "OtherVoteVariation": "threshold"}
        case ProportionalRule():
            return {"VoteVariation": "proportional"}
        case PluralityRule():
            return {"VoteVariation": "plurality" if seats == 1 else "n-of-m"}

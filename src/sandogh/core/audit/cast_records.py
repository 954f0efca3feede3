"""The boxes' cast-vote records, committed before the seed (docs/audit.md §3.3, §4.2).

A ballot-level comparison audit is only as good as the records it compares with: they must be
fixed before anyone knows which papers will be drawn, each tied to the station whose papers it
describes, and they must add up to the results the margins are computed from (SHANGRLA, Stark
2020, §3.3: the CVRs are committed before the sample and checked against the reported totals;
otherwise a record can be written to agree with whatever the board reads). So the plan records
the hash of the records' canonical form and their count, and the stations whose records agree
with the manifest and the reported sheets; only a contest all of whose stations are among those
is audited by comparison. The records themselves are never stored nor published: a code is a
voter's receipt.

At close a paper is joined to the record its code names only when that record is of the paper's
station and no other paper of the round has used it; otherwise it has no record and counts as
the worst case, as a card whose CVR cannot be found does (Bañuelos and Stark 2012; SHANGRLA's
rule for a missing or misfiled card).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.manifest import Manifest
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.canonical_json import JSONValue
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.problems import Problem


@dataclass(frozen=True)
class CastRecord:
    """What one box recorded for one voter, by station: contest → reading."""

    station: str
    reads: Mapping[str, Reading]


#: the records by the confirmation code printed on each copy
CastRecords = Mapping[str, CastRecord]


@dataclass(frozen=True)
class RecordsCommitment:
    """What the plan fixes of the records before the seed: their hash and count, the stations
    whose records agree (`stations`) and those whose records do not, with why (`disagree`:
    "papers" — not one record per paper of the manifest; "tally:CONTEST" — not the sheet)."""

    sha256: str
    count: int
    stations: frozenset[str]
    disagree: Mapping[str, str] = field(default_factory=dict)


def commit_records(
    manifest: Manifest,
    sheets: Mapping[str, Mapping[str, Counts]],
    records: CastRecords,
    digest: str,
) -> RecordsCommitment:
    """Check `records` (their hash `digest`, `audit_record.records_hash`) against the manifest
    and the reported `sheets` (contest → station → counts). A record of a station not in the
    manifest refuses them all (`AuditInputError`); a station whose count or tallies differ is
    named in `disagree` and gets no comparison."""
    papers = {s.code: s.papers for s in manifest.stations}
    strays = [
        Problem(f"records.{code}.station", f"{r.station} is no station of the manifest")
        for code, r in sorted(records.items())
        if r.station not in papers
    ]
    if strays:
        raise AuditInputError(strays)
    by_station: dict[str, list[CastRecord]] = {}
    for record in records.values():
        by_station.setdefault(record.station, []).append(record)
    agree: set[str] = set()
    disagree: dict[str, str] = {}
    for station, mine in sorted(by_station.items()):
        why = next(_differences(station, mine, papers[station], sheets), None)
        if why is None:
            agree.add(station)
        else:
            disagree[station] = why
    return RecordsCommitment(digest, len(records), frozenset(agree), disagree)


def _differences(
    station: str,
    mine: Sequence[CastRecord],
    papers: int,
    sheets: Mapping[str, Mapping[str, Counts]],
) -> Iterator[str]:
    if len(mine) != papers:
        yield "papers"
    for contest, by_station in sorted(sheets.items()):
        counts = by_station.get(station)
        if counts is None:
            continue
        found = Totals.of(r.reads.get(contest, Reading.absent()) for r in mine)
        votes = {code: n for code, n in counts.votes.items() if n}
        if (found.cast, found.valid, found.votes) != (counts.cast, counts.valid, votes):
            yield f"tally:{contest}"


def commitment_json(commitment: RecordsCommitment) -> JSONValue:
    return {
        "count": commitment.count,
        "disagree": dict(sorted(commitment.disagree.items())),
        "sha256": commitment.sha256,
        "stations": list[JSONValue](sorted(commitment.stations)),
    }


def commitment_of(value: JSONValue) -> RecordsCommitment | None:
    """The commitment in the shape `commitment_json` writes; None for a plan without one."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise AuditInputError([Problem("records", "must be an object or absent")])
    count, sha, stations, disagree = (
        value.get("count"),
        value.get("sha256"),
        value.get("stations"),
        value.get("disagree"),
    )
    if (
        not isinstance(count, int)
        or not isinstance(sha, str)
        or not isinstance(stations, list)
        or not all(isinstance(s, str) for s in stations)
        or not isinstance(disagree, dict)
        or not all(isinstance(w, str) for w in disagree.values())
    ):
        raise AuditInputError([Problem("records", "count, sha256, stations, disagree expected")])
    return RecordsCommitment(
        sha, count, frozenset(str(s) for s in stations), {k: str(w) for k, w in disagree.items()}
    )

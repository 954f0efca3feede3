"""The JSON documents of the snapshot's `data/` tree, from core values (docs/publish.md).

Pure functions: the same figures always give the same document, so a file regenerated without a
change has the same bytes (and keeps its ETag and Last-Modified). Every time in a document is a
time recorded in the event log (when a report was accepted, a definition loaded), never the
clock of the process that writes it: that is what lets a snapshot regenerated whole equal, byte
for byte, one kept current report by report.

Shares are written as their two figures, `part/whole`, unreduced ("1070286/2324254": ballots
cast of eligible voters), with `percent` rounded half up to two places, for display only; a share
of nothing (no eligible voters known, no ballots yet) is null.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.counting.aggregate import Total
from sandogh.core.counting.tally import Counts, written_invalid
from sandogh.core.counting.turnout import turnout
from sandogh.core.definition.model import StationInfo
from sandogh.core.supervision import HandCountCorrection, Voided, superseding
from sandogh.publish.index import ElectionIndex, JSONObject, name_json
from sandogh.services.ports import Device

ELECTIONS_FORMAT = "sandogh/elections@1"
SNAPSHOT_FORMAT = "sandogh/snapshot@1"
UNIT_RESULT_FORMAT = "sandogh/unit-result@3"
#: The format whose turnout kept the voided stations' voters in its base (`unit_result_v2`).
UNIT_RESULT_V2 = "sandogh/unit-result@2"
#: The format before the voided ballots and stations had figures of their own (`unit_result_v1`).
UNIT_RESULT_V1 = "sandogh/unit-result@1"
UNITS_FORMAT = "sandogh/units@1"
DEVICES_FORMAT = "sandogh/devices@1"

PARTIAL, COMPLETE, CERTIFIED = "partial", "complete", "certified"
#: The order a station's reports are listed in: the zero report at opening, the final at close.
REPORT_KINDS = ("zero", "final")


@dataclass(frozen=True)
class ReportRef:
    """A signed station report as the snapshot lists it beside the station's results."""

    kind: str
    report_hash: str
    received: datetime.datetime

    def json(self) -> JSONObject:
        return {"kind": self.kind, "hash": self.report_hash, "received": instant(self.received)}


def instant(moment: datetime.datetime | None) -> str | None:
    """An instant in UTC to the second: `2024-07-05T18:03:11+00:00`."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")


def fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def percent_text(part: int, whole: int) -> str:
    """`part/whole` as a percentage, half up to two places, no grouping: 1070286 of 2324254 →
    "46.05". Whole-number arithmetic, as `locale.digits.format_percent` rounds, without building
    a `Fraction` for each of the snapshot's hundreds of thousands of shares."""
    hundredths, rest = divmod(part * 10_000, whole)
    if 2 * rest >= whole:
        hundredths += 1
    whole_percent, cents = divmod(hundredths, 100)
    return f"{whole_percent}.{cents:02d}"


def share_json(part: int, whole: int | None) -> JSONObject | None:
    if not whole:
        return None
    return {"share": f"{part}/{whole}", "percent": percent_text(part, whole)}


def status_of(total: Total, *, certified: bool = False) -> str:
    """`complete` once every station has reported; `certified` is issue 4's to say."""
    if certified:
        return CERTIFIED
    return COMPLETE if total.stations_reported == total.stations_total else PARTIAL


def ranked(index: ElectionIndex, contest_id: str, code: str, counts: Counts) -> list[str]:
    """Every candidate standing in the unit, most votes first, then by code."""
    get = counts.votes.get
    # a stable sort keeps the ballot-code order among equal votes
    return sorted(index.candidate_codes(contest_id, code), key=lambda c: get(c, 0), reverse=True)


def counts_json(
    index: ElectionIndex,
    contest_id: str,
    code: str,
    counts: Counts,
    voided: Voided,
    *,
    votes: bool = True,
) -> JSONObject:
    """The figures of `counts`, and of its `void` the ballots the boards voided (`voided`);
    `votes` lists every candidate standing in the unit (0 included), `ranked` (left empty
    without `votes`: `publish.result_bytes` writes it)."""
    get = counts.votes.get
    return {
        "papers": {
            "received": counts.papers_received,
            "used": counts.papers_used,
            "unused": counts.papers_unused,
            "spoiled": counts.papers_spoiled,
        },
        "cast": counts.cast,
        "valid": counts.valid,
        "invalid": written_invalid(counts.invalid),
        "void": counts.void,
        "voided": voided.ballots,
        "votes": [
            {**index.candidate(contest_id, c), "votes": get(c, 0)}
            for c in (ranked(index, contest_id, code, counts) if votes else ())
        ],
    }


def station_json(info: StationInfo | None) -> JSONObject | None:
    if info is None:
        return None
    location = info.location
    return {
        "mobility": info.mobility.value,
        "setting": info.setting.value,
        "mode": info.mode.value,
        "hard_to_reach": info.hard_to_reach,
        "location": None
        if location is None
        else {"lat": str(location.lat), "lon": str(location.lon)},
    }


def stations_json(total: Total) -> JSONObject:
    return {"reported": total.stations_reported, "total": total.stations_total}


def unit_stations_json(total: Total, voided: Voided) -> JSONObject:
    """A unit's stations reported and in all, and of those reported the ones whose box the boards
    voided (they reported; their ballots are void)."""
    return {**stations_json(total), "voided": voided.stations}


_NOTHING_VOIDED = Voided()


def unit_result_json(
    index: ElectionIndex,
    contest_id: str,
    code: str,
    totals: Mapping[str, Total],
    *,
    eligible: int | None,
    updated: datetime.datetime | None,
    reports: Sequence[ReportRef] | None,
    voided: Mapping[str, Voided],
    certified: bool = False,
    corrected: HandCountCorrection | None = None,
    votes: bool = True,
) -> JSONObject:
    """`results/<contest>/<unit>.json`: `totals` are the contest's totals of every unit, `reports`
    the station's signed reports (None for a unit above the stations), `voided` what the voids
    took from the contest in every unit that had anything taken (`Tallied.voided_by_unit`);
    `corrected` the certified hand-count correction whose figures the unit's total counts, or
    that supersedes its sheets (`core.supervision.correction_in`): then `hand_count` says which
    (docs/publish.md). Without `votes`, `counts.votes` is left empty (`publish.result_bytes`)."""
    total = totals[code]
    taken = voided.get(code, _NOTHING_VOIDED)
    unit = index.geography.unit(code)
    children = []
    for child in index.geography.children(code):
        if child in totals:
            below = totals[child]
            children.append(
                {
                    **index.ref(child),
                    "reported": below.stations_reported == below.stations_total,
                    "stations": unit_stations_json(below, voided.get(child, _NOTHING_VOIDED)),
                }
            )
    return {
        "format": UNIT_RESULT_FORMAT,
        "election": index.election_id,
        "definition_hash": index.definition_hash,
        "contest": contest_id,
        "unit": index.ref(code),
        "path": index.path(code),
        "children": children,
        "station": station_json(unit.station),
        "constituencies": list(index.constituencies_of(contest_id, code)),
        "stations": unit_stations_json(total, taken),
        "eligible_voters": eligible,
        "counts": counts_json(index, contest_id, code, total.counts, taken, votes=votes),
        "turnout": turnout_json(total.counts, eligible, taken),
        "reports": None if reports is None else [report.json() for report in reports],
        "status": status_of(total, certified=certified),
        "updated": instant(updated),
    } | ({} if corrected is None else {"hand_count": _hand_count(index, corrected, code)})


def turnout_json(counts: Counts, eligible: int | None, voided: Voided) -> JSONObject:
    """A unit's turnout by `core.counting.turnout`'s rule: its base (`eligible`, the eligible
    voters of the stations whose box was not voided), the ballot papers used there, and the
    shares of the ballots cast and of those papers in that base."""
    shown = turnout(counts, eligible, voided)
    base, papers = shown.base, shown.papers_counted
    return {
        "eligible": base,
        "papers_used": papers,
        "cast": share_json(counts.cast, base),
        "papers": share_json(papers, base),
    }


def unit_result_v2(document: JSONObject) -> JSONObject:
    """A unit's results as a file of `UNIT_RESULT_V2` holds them: its turnout over every
    eligible voter of the unit, the voided stations' too, with their ballot papers used."""
    counts, eligible = document["counts"], document["eligible_voters"]
    return {
        **document,
        "format": UNIT_RESULT_V2,
        "turnout": {
            "cast": share_json(counts["cast"], eligible),
            "papers": share_json(counts["papers"]["used"], eligible),
        },
    }


def unit_result_v1(document: JSONObject) -> JSONObject:
    """A unit's results as a file of `UNIT_RESULT_V1` holds them: without the voided ballots'
    and stations' own figures, which its `void` and `stations.reported` count among the rest."""
    document = unit_result_v2(document)
    counts = {k: v for k, v in document["counts"].items() if k != "voided"}
    children = [
        {**child, "stations": _v1_stations(child["stations"])} for child in document["children"]
    ]
    return {
        **document,
        "format": UNIT_RESULT_V1,
        "children": children,
        "stations": _v1_stations(document["stations"]),
        "counts": counts,
    }


def _v1_stations(stations: JSONObject) -> JSONObject:
    return {k: v for k, v in stations.items() if k != "voided"}


def _hand_count(index: ElectionIndex, corrected: HandCountCorrection, code: str) -> JSONObject:
    """The correction as a unit's file names it: `superseded` when the unit lies inside the
    corrected constituency (its reported sheets stand, superseded), else its total counts it."""
    inside = superseding(index.geography, (corrected,), corrected.contest, code)
    return {
        "constituency": corrected.constituency,
        "audit": corrected.audit,
        "certified_at": instant(corrected.at),
        "superseded": inside is not None,
    }


def units_json(index: ElectionIndex) -> JSONObject:
    """`units.json`: every reporting unit, parents before children."""
    geography = index.geography
    return {
        "format": UNITS_FORMAT,
        "election": index.election_id,
        "units": [
            {**index.ref(code), "parent": geography.parent(code)} for code in geography.top_down
        ],
    }


def devices_json(election_id: str, devices: Iterable[Device]) -> JSONObject:
    """`devices.json`: every ballot box enrolled, revoked ones too, by station."""
    listed = sorted(devices, key=lambda d: (d.station, d.enrolled_at, d.public_key))
    return {
        "format": DEVICES_FORMAT,
        "election": election_id,
        "devices": [
            {
                "station": d.station,
                "public_key": "ed25519:" + d.public_key.lower(),
                "enrolled_at": instant(d.enrolled_at),
                "revoked_at": instant(d.revoked_at),
            }
            for d in listed
        ],
    }


@dataclass(frozen=True)
class Progress:
    """Where an election's snapshot stands: the changes it reflects and its stations reported."""

    sequence: int  # changes of the election the log has recorded, this snapshot included
    log_sequence: int  # the log entry of the last of them
    updated: datetime.datetime | None  # when the last of them was recorded
    stations_reported: int
    stations_total: int


def snapshot_json(
    index: ElectionIndex,
    progress: Progress,
    statuses: Mapping[str, str],
    as_of: Mapping[str, int],
) -> JSONObject:
    """`snapshot.json`: `statuses` by contest id; `as_of` gives, for each file rewritten whole
    on a cadence, the `sequence` it reflects."""
    election = index.stored.election
    return {
        "format": SNAPSHOT_FORMAT,
        "election": election.id,
        "name": name_json(election.name),
        "date": election.date.isoformat(),
        "definition_hash": index.definition_hash,
        "sequence": progress.sequence,
        "log_sequence": progress.log_sequence,
        "updated": instant(progress.updated),
        "top_unit": index.top_unit,
        "stations": {"reported": progress.stations_reported, "total": progress.stations_total},
        "contests": [
            {
                "id": contest.id,
                "office": contest.office.value,
                "name": name_json(contest.name),
                "round": contest.round,
                "previous_round": None
                if contest.previous_round is None
                else {
                    "election": contest.previous_round.election,
                    "contest": contest.previous_round.contest,
                },
                "constituencies": [k.id for k in contest.constituencies],
                "status": statuses[contest.id],
            }
            for contest in election.contests
        ],
        "as_of": dict(sorted(as_of.items())),
    }


def elections_json(snapshots: Iterable[JSONObject]) -> JSONObject:
    """`elections.json` from the `snapshot.json` of each election published: newest first."""
    entries = [
        {
            "id": s["election"],
            "name": s["name"],
            "date": s["date"],
            "sequence": s["sequence"],
            "updated": s["updated"],
        }
        for s in snapshots
    ]
    entries.sort(key=lambda e: e["id"])
    entries.sort(key=lambda e: e["date"], reverse=True)
    return {"format": ELECTIONS_FORMAT, "elections": entries}

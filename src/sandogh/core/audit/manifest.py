"""The ballot manifest and the seed of a risk-limiting audit (docs/audit.md §3.1, §3.2).

The manifest says where every paper is before anyone knows which will be drawn: each station
with its county, its constituency per contest, its kind (an electronic box's printed copies or a
paper station's ballots) and the containers its papers were packed in, with their counts. Its
canonical JSON (RFC 8785, `core.canonical_json`) and hash are published before the seed is
rolled. The seed is the concatenation of the digits each person rolled with ten-sided dice in
public, at least 20 of them (Rivest's reference sampler, 2011, asks for at least 24 characters;
Colorado rolls 20 dice); it names the manifest hash it samples from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from sandogh.core.audit.errors import AuditError
from sandogh.core.canonical_json import SAFE_INTEGER, JSONValue, canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind, VotingMode
from sandogh.core.definition.problems import Problem
from sandogh.core.report.digests import DIGEST, sha256_text
from sandogh.core.report.report import ReportKind, StationReport

MANIFEST_FORMAT = "sandogh/audit-manifest@1"
SEED_FORMAT = "sandogh/audit-seed@1"
MIN_SEED_DIGITS = 20
_DIGITS = re.compile(r"[0-9]+")


class ManifestError(AuditError):
    """A manifest, or the seed rolled for it, that breaks docs/audit.md §3; `problems` names
    every one."""


class StationKind(StrEnum):
    BOX = "box"  # an electronic box: its printed copies carry the confirmation code
    PAPER = "paper"  # a semi-electronic or paper station: the voters' marked ballot papers


@dataclass(frozen=True)
class Container:
    """A ballot box or sealed bag, by the label on its seal, and how many papers it holds."""

    label: str
    papers: int


@dataclass(frozen=True)
class ManifestStation:
    code: str
    county: str
    constituencies: tuple[tuple[str, str], ...]  # (contest, constituency), sorted by contest
    kind: StationKind
    containers: tuple[Container, ...]

    @property
    def papers(self) -> int:
        return sum(container.papers for container in self.containers)

    def constituency(self, contest: str) -> str | None:
        return dict(self.constituencies).get(contest)


@dataclass(frozen=True)
class Manifest:
    """Every station with paper to audit, sorted by code; building one checks it whole."""

    election: str
    definition_hash: str
    stations: tuple[ManifestStation, ...]

    def __post_init__(self) -> None:
        problems = list(_manifest_problems(self))
        if problems:
            raise ManifestError("not a ballot manifest", problems)

    @property
    def papers(self) -> int:
        return sum(station.papers for station in self.stations)

    @cached_property
    def hash(self) -> str:
        """`manifest_hash(self)`, computed once: a national manifest's bytes take seconds."""
        return manifest_hash(self)


def manifest_json(manifest: Manifest) -> dict[str, JSONValue]:
    stations: list[JSONValue] = [
        {
            "code": s.code,
            "constituencies": dict(s.constituencies),
            "containers": [{"label": c.label, "papers": c.papers} for c in s.containers],
            "county": s.county,
            "kind": s.kind.value,
        }
        for s in manifest.stations
    ]
    return {
        "definition_hash": manifest.definition_hash,
        "election": manifest.election,
        "format": MANIFEST_FORMAT,
        "stations": stations,
    }


def manifest_hash(manifest: Manifest) -> str:
    """`sha256:` and the hex SHA-256 of the manifest's canonical bytes."""
    return sha256_text(canonical_json(manifest_json(manifest)))


def _manifest_problems(manifest: Manifest) -> Iterator[Problem]:
    if not manifest.election:
        yield Problem("election", "must not be empty")
    if not DIGEST.fullmatch(manifest.definition_hash):
        yield Problem("definition_hash", "must be sha256: and 64 lower-case hex digits")
    codes = [station.code for station in manifest.stations]
    if codes != sorted(codes) or len(set(codes)) != len(codes):
        yield Problem("stations", "must be sorted by code, each code once")
    for i, station in enumerate(manifest.stations):
        yield from _station_problems(station, f"stations[{i}]")


def _station_problems(station: ManifestStation, path: str) -> Iterator[Problem]:
    for name in ("code", "county"):
        if not getattr(station, name):
            yield Problem(f"{path}.{name}", "must not be empty")
    contests = [contest for contest, _ in station.constituencies]
    if contests != sorted(contests) or len(set(contests)) != len(contests):
        yield Problem(f"{path}.constituencies", "must be sorted by contest, one per contest")
    for contest, constituency in station.constituencies:
        if not contest or not constituency:
            yield Problem(f"{path}.constituencies.{contest}", "must not be empty")
    labels = [container.label for container in station.containers]
    if len(set(labels)) != len(labels):
        yield Problem(f"{path}.containers", "labels must differ within a station")
    for j, container in enumerate(station.containers):
        where = f"{path}.containers[{j}]"
        if not container.label:
            yield Problem(f"{where}.label", "must not be empty")
        if not 1 <= container.papers <= SAFE_INTEGER:
            yield Problem(f"{where}.papers", f"{container.papers} is not from 1 to 2^53 − 1")


@dataclass(frozen=True)
class Roll:
    """The digits one person rolled, as rolled, in order."""

    by: str
    digits: str


@dataclass(frozen=True)
class Seed:
    """The public seed: the rolls in the order they were made, for the manifest named."""

    manifest_hash: str
    rolls: tuple[Roll, ...]

    def __post_init__(self) -> None:
        problems = list(_seed_problems(self))
        if problems:
            raise ManifestError("not an audit seed", problems)

    @property
    def digits(self) -> str:
        return "".join(roll.digits for roll in self.rolls)


def seed_json(seed: Seed) -> dict[str, JSONValue]:
    return {
        "format": SEED_FORMAT,
        "manifest_hash": seed.manifest_hash,
        "rolls": [{"by": roll.by, "digits": roll.digits} for roll in seed.rolls],
        "seed": seed.digits,
    }


def _seed_problems(seed: Seed) -> Iterator[Problem]:
    if not DIGEST.fullmatch(seed.manifest_hash):
        yield Problem("manifest_hash", "must be sha256: and 64 lower-case hex digits")
    for i, roll in enumerate(seed.rolls):
        if not roll.by:
            yield Problem(f"rolls[{i}].by", "must name who rolled")
        if not _DIGITS.fullmatch(roll.digits):
            yield Problem(f"rolls[{i}].digits", f"{roll.digits!r} is not digits 0–9 as rolled")
    if len(seed.digits) < MIN_SEED_DIGITS:
        yield Problem("seed", f"{len(seed.digits)} digits; at least {MIN_SEED_DIGITS} are rolled")


def report_papers(report: StationReport, kind: StationKind, contest: str) -> int:
    """The papers a station's final report says its containers hold: a box's printed copies,
    one per cast-vote record; a paper station's ballots found in the box for `contest` (its
    sheet's `cast`)."""
    if report.kind is not ReportKind.FINAL:
        raise ManifestError("no papers to audit", [Problem("kind", "is not a final report")])
    if kind is StationKind.BOX:
        return report.cvr_count
    for sheet in report.sheets:
        if sheet.contest == contest:
            return sheet.counts.cast
    raise ManifestError("no papers to audit", [Problem(f"sheets.{contest}", "is missing")])


def build_manifest(
    geography: Geography,
    definition_hash: str,
    papers: Mapping[str, Sequence[int]],
) -> Manifest:
    """The manifest of the stations in `papers`: each station's papers per container, in the
    order the station numbered its containers (labelled 1, 2, …; an empty one left out), or
    `[report_papers(…)]` when it recorded no split. A
    station not in `papers` holds no paper to audit and is left out. Its county and
    constituencies come from the definition; a code that is no station of it is refused."""
    election = geography.election
    problems: list[Problem] = []
    stations: list[ManifestStation] = []
    for code in sorted(papers):
        where = f"papers.{code}"
        if code not in geography or geography.kind(code) is not UnitKind.STATION:
            problems.append(Problem(where, "is not a station of the definition"))
            continue
        info = geography.unit(code).station
        electronic = info is not None and info.mode is VotingMode.ELECTRONIC
        county = next(
            (up for up in geography.ancestors(code) if geography.kind(up) is UnitKind.COUNTY),
            None,
        )
        if county is None:
            problems.append(Problem(where, "lies in no county"))
            continue
        memberships = (
            (contest.id, geography.constituency_of(contest.id, code))
            for contest in election.contests
        )
        stations.append(
            ManifestStation(
                code=code,
                county=county,
                constituencies=tuple(sorted((c, k) for c, k in memberships if k is not None)),
                kind=StationKind.BOX if electronic else StationKind.PAPER,
                containers=tuple(Container(str(j), n) for j, n in enumerate(papers[code], 1) if n),
            )
        )
    if problems:
        raise ManifestError("cannot build the manifest", problems)
    return Manifest(election.id, definition_hash, tuple(stations))

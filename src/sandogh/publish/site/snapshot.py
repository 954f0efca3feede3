"""The snapshot's data files as the results site reads them: the shapes of docs/publish.md.

The site renders files that sandogh's own publisher wrote (and that `verify-results` checks), so
they are typed here, not validated again: a file that breaks its shape fails the render loudly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeVar, cast

import orjson

from sandogh.publish.site.kept_reads import KeptReads, Stamps

T = TypeVar("T")

# "crossed-out" is written only where it is not 0 (`counting.tally.LATER_KINDS`).
Invalid = TypedDict(
    "Invalid",
    {
        "blank": int,
        "illegible": int,
        "non-candidate": int,
        "multiple-names": int,
        "crossed-out": NotRequired[int],
    },
)


class Name(TypedDict):
    fa: str
    en: str


class Stations(TypedDict):
    reported: int
    total: int
    voided: NotRequired[int]  # of those reported; absent in `sandogh/unit-result@1`


class ElectionEntry(TypedDict):
    id: str
    name: Name
    date: str
    sequence: int
    updated: str


class PreviousRound(TypedDict):
    election: str
    contest: str


class ContestEntry(TypedDict):
    id: str
    office: str
    name: Name
    round: int
    previous_round: PreviousRound | None
    constituencies: list[str]
    status: str


class Snapshot(TypedDict):
    election: str
    name: Name
    date: str
    sequence: int
    updated: str
    top_unit: str
    stations: Stations
    contests: list[ContestEntry]


class UnitRef(TypedDict):
    code: str
    kind: str
    name: Name


class Child(UnitRef):
    reported: bool
    stations: Stations


class Location(TypedDict):
    lat: str
    lon: str


class StationInfo(TypedDict):
    mobility: str
    setting: str
    mode: str
    hard_to_reach: bool
    location: Location | None


class Papers(TypedDict):
    received: int
    used: int
    unused: int
    spoiled: int


class Vote(TypedDict):
    code: str
    name: Name
    votes: int


class Counts(TypedDict):
    papers: Papers
    cast: int
    valid: int
    invalid: Invalid
    void: int
    voided: NotRequired[int]  # of `void`, the boards'; absent in `sandogh/unit-result@1`
    votes: list[Vote]


class Share(TypedDict):
    share: str
    percent: str


class Turnout(TypedDict):
    # by `core.counting.turnout`'s rule, the voided stations left out; absent before
    # `sandogh/unit-result@3`
    eligible: NotRequired[int | None]
    papers_used: NotRequired[int]
    cast: Share | None
    papers: Share | None


class HandCountMark(TypedDict):
    constituency: str
    audit: str
    certified_at: str
    superseded: bool


class UnitResult(TypedDict):
    contest: str
    unit: UnitRef
    path: list[UnitRef]
    children: list[Child]
    station: StationInfo | None
    stations: Stations
    eligible_voters: int | None
    counts: Counts
    turnout: Turnout | None
    status: str
    updated: str
    hand_count: NotRequired[HandCountMark]


class Constituency(TypedDict):
    id: str
    name: Name
    seats: int
    alternates: int
    units: list[str]


class Standing(TypedDict):
    code: str
    name: Name
    votes: int
    share: str
    percent: str
    result: str


class PartyList(TypedDict):
    id: str
    votes: int
    seats: int
    elected: list[str]
    alternates: list[str]


class Rule(TypedDict):
    kind: str
    base: NotRequired[str]  # cast or valid, for a majority or a threshold


class Outcome(TypedDict):
    contest: str
    constituency: Constituency
    status: str
    stations: Stations
    rule: Rule
    base: int | None
    needed: int | None
    runoff: bool
    candidates: list[Standing]
    party_lists: NotRequired[list[PartyList]]
    reasons: list[Name]


class Decision(TypedDict):
    reason: str
    reference: str
    case: int | None


class Void(TypedDict):
    kind: str  # station, candidate or constituency
    contest: str | None
    decision: Decision
    station: NotRequired[str]
    candidate: NotRequired[str]
    stations: NotRequired[list[str]]
    constituency: NotRequired[str]
    at: NotRequired[str]  # when it was decided; absent in files written before it


class Undone(TypedDict):
    by: str
    role: str
    place: str
    at: str
    reason: str
    reference: str


class Certified(TypedDict):
    contest: str
    constituency: str | None
    by: str
    role: str
    place: str
    at: str
    undone: NotRequired[Undone | None]  # absent in files written before it: in force


class Supervision(TypedDict):
    """The part of `supervision.json` the pages show: the boards' voids and certifications."""

    voids: list[Void]
    certifications: list[Certified]


class UnitEntry(TypedDict):
    code: str
    kind: str
    name: Name
    parent: str | None


def _read(path: Path) -> Any:
    with open(path, "rb") as stream:
        return _decoded(stream.read())


def _as_read(data: bytes) -> bytes:
    return data


def _decoded(data: bytes) -> Any:
    """JSON read by orjson, ~2–3 times faster than the standard library on the snapshot's files;
    what orjson does not read (an integer beyond 64 bits) by the standard library, as before."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data.decode("utf-8"))


class SnapshotFiles:
    """Reads `root/data/…` once per file; one instance serves one rendering, and with `kept`
    it reads the results, outcomes, units.json and the record through what earlier renderings
    kept."""

    def __init__(self, root: Path, kept: KeptReads | None = None) -> None:
        self.root = root
        self.data = root / "data"
        self._kept = KeptReads() if kept is None else kept
        # cached per instance: the files do not change while one rendering reads them
        self._stamps = Stamps(root)
        self.snapshot = cache(self._snapshot)
        self.supervision = cache(self._supervision)
        self._once: dict[Hashable, tuple[object, Any]] = {}

    def once(self, key: Hashable, of: object, make: Callable[[], T]) -> T:
        """`make()`, made once while this rendering lasts for what `key` names of the document
        `of` (held, so that its identity is not another's): the files do not change while one
        rendering reads them."""
        found = self._once.get(key)
        if found is None or found[0] is not of:
            found = self._once[key] = (of, make())
        return cast(T, found[1])

    def made_of(
        self,
        key: Hashable,
        sources: tuple[str, ...],
        make: Callable[[], T],
        holds: Callable[[T], bool] | None = None,
    ) -> T:
        """`make()`, made once while none of the files `sources` (paths under `data/`, which
        with what `key` names are all it may depend on) is written, and `holds` says it holds
        (`KeptReads.made_of`): what a page makes of a file unchanged is made once a night, not
        once a pass."""
        relative = tuple(f"data/{s}" for s in sources)
        return self._kept.made_of(self._stamps, key, relative, make, holds)

    def elections(self) -> list[ElectionEntry]:
        return cast(list[ElectionEntry], _read(self.data / "elections.json")["elections"])

    def _snapshot(self, election: str) -> Snapshot:
        return cast(Snapshot, _read(self.data / election / "snapshot.json"))

    def result(self, election: str, contest: str, unit: str) -> UnitResult | None:
        relative = f"data/{election}/results/{contest}/{unit}.json"
        return cast(UnitResult | None, self._kept.result(self._stamps, relative, _decoded))

    def outcome(self, election: str, contest: str, constituency: str) -> Outcome | None:
        relative = f"data/{election}/outcomes/{contest}/{constituency}.json"
        return cast(Outcome | None, self._kept.document(self._stamps, relative, _decoded))

    def units(self, election: str) -> list[UnitEntry]:
        """units.json: docs/publish.md names its fields, not its envelope; both forms are read."""
        document = self._kept.document(self._stamps, f"data/{election}/units.json", _decoded)
        listed = document["units"] if isinstance(document, dict) else document
        return cast(list[UnitEntry], listed)

    def unit_codes(self, election: str, contest: str) -> list[str]:
        """Every unit with a result file in the contest: those that vote in it."""
        folder = self.data / election / "results" / contest
        return sorted(path.stem for path in folder.glob("*.json"))

    def record(self, election: str) -> bytes | None:
        """The sealed pre-election record's bytes (`anchor/record.json`), if published."""
        relative = f"data/{election}/anchor/record.json"
        return cast(bytes | None, self._kept.document(self._stamps, relative, _as_read))

    def _supervision(self, election: str) -> Supervision:
        """`supervision.json`'s voids and certifications; none where it is not published."""
        path = self.data / election / "supervision.json"
        if not path.is_file():
            return {"voids": [], "certifications": []}
        return cast(Supervision, _read(path))

    def has(self, relative: str) -> bool:
        """Whether the file `relative` under `data/` is there (asked by every page: the
        election's files it offers, the record's fingerprint; stat'ed once a rendering)."""
        return self._stamps(f"data/{relative}") is not None

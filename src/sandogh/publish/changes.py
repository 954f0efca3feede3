"""What the event log says changed in an election's published results, and when.

The snapshot follows the log (DESIGN.md §3, "One record of events"), so a process apart from the
centre can keep it current: every entry it has not seen is read, and those that change what is
published become `Change`s. A change's time is the time the log recorded, never a clock of the
publisher, so the snapshot's times are the same whether it was kept current report by report or
regenerated whole (docs/publish.md). Each change of an election counts one in its `sequence`.

- `definition-loaded`: the election appears; `definition-rewritten`: its next version (the code
  draw, a withdrawal before printing) is read again the same way;
- `report-accepted`: a station's zero or final report (a final one brings its figures);
- `device-enrolled`, `device-revoked`: a station's ballot boxes;
- `record-sealed`, `record-amended`: the pre-election record and its amendments (`anchor/`);
- `e2e-ceremony-loaded`, `ballot-chain-accepted`: the E2E record (`e2e/`, `publish.e2e_record`);
- `build-approved`, `build-revoked`: the approved builds (`builds.json`, `publish.builds`);
- `candidacy-decided`, `objection-lodged`, `candidates-published`, `candidate-codes-drawn`: the
  candidacy record (`candidacy.json`, `publish.candidacy_file`);
- the boards' voids, certifications and their undoing: the election's results are read again
  and what differs is written (`publish.snapshot`); a void's time is that of the units it may
  change (`publish.published_figures.unit_times`), a certification's that of no unit;
- `results-imported` (sheets of stations the event does not name) and the other supervisors'
  events (lots, withdrawals, hand counts): everything is written again.

A final report touches its station's page and the page of every unit above it; of a unit whose
list of the units below spans pages, its first page and the one listing the unit on the
report's path (the site finds which from the units named: `publish.site.listing`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sandogh.core.definition.geography import Geography
from sandogh.core.log import Disposition, EventType
from sandogh.core.log.chain import Entry


class ChangeKind(StrEnum):
    LOADED = "loaded"
    REPORT = "report"
    DEVICES = "devices"
    ANCHOR = "anchor"  # the pre-election record sealed or amended
    E2E = "e2e"  # the E2E ceremony record loaded, or a station's ballot chain taken
    BUILDS = "builds"  # a build approved or revoked (`publish.builds`)
    CANDIDACY = "candidacy"  # a decision, objection, final list or withdrawal from it
    DECISION = "decision"  # a board's void, a certification or its undoing (`publish.snapshot`)
    EVERYTHING = "everything"


_KINDS: Mapping[EventType, ChangeKind] = {
    EventType.DEFINITION_LOADED: ChangeKind.LOADED,
    EventType.DEFINITION_REWRITTEN: ChangeKind.LOADED,
    EventType.REPORT_ACCEPTED: ChangeKind.REPORT,
    EventType.DEVICE_ENROLLED: ChangeKind.DEVICES,
    EventType.DEVICE_REVOKED: ChangeKind.DEVICES,
    EventType.RECORD_SEALED: ChangeKind.ANCHOR,
    EventType.RECORD_AMENDED: ChangeKind.ANCHOR,
    EventType.E2E_CEREMONY_LOADED: ChangeKind.E2E,
    EventType.BALLOT_CHAIN_ACCEPTED: ChangeKind.E2E,
    EventType.BUILD_APPROVED: ChangeKind.BUILDS,
    EventType.BUILD_REVOKED: ChangeKind.BUILDS,
    EventType.CANDIDACY_DECIDED: ChangeKind.CANDIDACY,
    EventType.OBJECTION_LODGED: ChangeKind.CANDIDACY,
    EventType.CANDIDATES_PUBLISHED: ChangeKind.CANDIDACY,
    EventType.CODE_DRAW_COMMITTED: ChangeKind.CANDIDACY,
    EventType.CANDIDATE_CODES_DRAWN: ChangeKind.CANDIDACY,
    EventType.RESULTS_IMPORTED: ChangeKind.EVERYTHING,
    EventType.STATION_VOIDED: ChangeKind.DECISION,
    EventType.CANDIDATE_VOTES_VOIDED: ChangeKind.DECISION,
    EventType.CONSTITUENCY_VOIDED: ChangeKind.DECISION,
    EventType.LOT_DRAWN: ChangeKind.EVERYTHING,
    EventType.CANDIDATE_WITHDRAWN: ChangeKind.EVERYTHING,
    EventType.RESULT_CERTIFIED: ChangeKind.DECISION,
    EventType.HAND_COUNT_CERTIFIED: ChangeKind.EVERYTHING,
    EventType.HAND_COUNT_UNCERTIFIED: ChangeKind.EVERYTHING,
    EventType.CERTIFICATION_UNDONE: ChangeKind.DECISION,
}
FINAL = "final"


@dataclass(frozen=True)
class Change:
    """One change to an election's published results, at `log_sequence` in the log.

    `station` names the station of a report or of a device; `report_kind` is `zero` or `final`,
    and `report_hash` the hash the entry names (the publisher holds the stored report to it:
    `services.logged_reports`).
    """

    log_sequence: int
    time: datetime.datetime
    election: str
    kind: ChangeKind
    station: str | None = None
    report_kind: str | None = None
    report_hash: str | None = None

    @property
    def figures(self) -> bool:
        """The change brings a station's figures."""
        return self.kind is ChangeKind.REPORT and self.report_kind == FINAL


def changes_in(entries: Iterable[Entry]) -> Iterator[Change]:
    """The changes the entries record, in log order (entries without an election are skipped:
    nothing published can be told from them)."""
    for entry in entries:
        event = entry.event
        kind = _KINDS.get(event.type)
        election = event.details.get("election")
        if kind is None or event.disposition is not Disposition.DONE:
            continue
        if not isinstance(election, str):
            continue
        station = event.place if kind in (ChangeKind.REPORT, ChangeKind.DEVICES) else None
        report_kind = event.details.get("kind") if kind is ChangeKind.REPORT else None
        hashed = event.details.get("report_hash") if kind is ChangeKind.REPORT else None
        yield Change(
            entry.sequence,
            event.time,
            election,
            kind,
            station,
            report_kind if isinstance(report_kind, str) else None,
            hashed if isinstance(hashed, str) else None,
        )


def later(a: datetime.datetime | None, b: datetime.datetime | None) -> datetime.datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


@dataclass
class Timeline:
    """The changes of one election folded up: how many, the last, and when each part changed.

    A unit's figures change with the reports of the stations below it; a station's page also with
    its zero report; everything with a change of the whole election (loaded, imported, …).
    """

    sequence: int = 0
    log_sequence: int = 0
    updated: datetime.datetime | None = None
    everything_at: datetime.datetime | None = None
    figures_at: dict[str, datetime.datetime] = field(default_factory=dict)
    reports_at: dict[str, datetime.datetime] = field(default_factory=dict)

    def record(self, change: Change) -> None:
        self.sequence += 1
        self.log_sequence = change.log_sequence
        self.updated = later(self.updated, change.time)
        station = change.station
        if change.kind in (ChangeKind.LOADED, ChangeKind.EVERYTHING):
            self.everything_at = later(self.everything_at, change.time)
        elif change.kind is ChangeKind.REPORT and station is not None:
            self.reports_at[station] = change.time
            if change.figures:
                self.figures_at[station] = change.time

    def unit_times(self, geography: Geography) -> dict[str, datetime.datetime | None]:
        """When the published page of every unit last changed."""
        times: dict[str, datetime.datetime | None] = {}
        for code in reversed(geography.top_down):
            children = geography.children(code)
            if children:
                below = None
                for child in children:
                    below = later(below, times[child])
                times[code] = below
            else:
                times[code] = self.figures_at.get(code)
        for station in self.reports_at.keys() & times.keys():
            times[station] = later(times[station], self.reports_at[station])
        return {code: later(self.everything_at, t) for code, t in times.items()}

    def touch(
        self,
        times: dict[str, datetime.datetime | None],
        geography: Geography,
        change: Change,
    ) -> None:
        """Bring `unit_times` up to date with `change`, one of the last recorded, in place."""
        if change.station is None or change.station not in times:
            return
        units = (
            (change.station, *geography.ancestors(change.station))
            if change.figures
            else (change.station,)
        )
        for code in units:
            times[code] = later(times[code], change.time)

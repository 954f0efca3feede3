"""One election as its snapshot was last written, and the writing of each of its files.

`publish.snapshot` reads the store and the event log and decides what to write; a `Published`
holds what the documents are made from between regenerations — the index of the definition, the
totals, when each unit changed, each constituency's outcome so far, the reports and boxes — and
writes any one file of docs/publish.md from it.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from sandogh.core.anchor import encode_amendments, encode_signatures
from sandogh.core.candidacy.records import Record
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import UnitKind
from sandogh.core.errors import SandoghError
from sandogh.core.fleet import BuildDecision
from sandogh.core.fleet.build_signatures import BuildProposal
from sandogh.core.report.digests import sha256_text
from sandogh.core.supervision import Voided
from sandogh.formats.definition_file import canonical_bytes
from sandogh.publish.builds import FILE as BUILDS_FILE
from sandogh.publish.builds import builds_json
from sandogh.publish.candidacy_file import FILE as CANDIDACY_FILE
from sandogh.publish.candidacy_file import candidacy_json
from sandogh.publish.changes import Timeline
from sandogh.publish.csv_files import sheet_rows, station_sheets, stations_csv, totals_csv
from sandogh.publish.documents import (
    COMPLETE,
    PARTIAL,
    REPORT_KINDS,
    Progress,
    ReportRef,
    devices_json,
    snapshot_json,
    units_json,
)
from sandogh.publish.index import ElectionIndex, JSONObject
from sandogh.publish.nist import election_report
from sandogh.publish.processes import Job, write_jobs
from sandogh.publish.published_figures import decide_all, unit_times, voided_by_contest
from sandogh.publish.result_bytes import unit_result_bytes
from sandogh.publish.standings import outcome_json
from sandogh.publish.supervision_file import supervision_json
from sandogh.publish.totals import reported_stations, retally
from sandogh.publish.writer import Writer
from sandogh.services.outcomes import Decided, decide_constituency
from sandogh.services.ports import Device, StoredAmendment, StoredRecord, StoredReport
from sandogh.services.tallied import Tallied

ANCHOR_RECORD = "anchor/record.json"
ANCHOR_SIGNATURES = "anchor/signatures.json"
ANCHOR_AMENDMENTS = "anchor/amendments.json"
TOTALS_CSV = "csv/totals.csv"
NIST_REPORT = "nist/election-report.json"
#: The files of the whole election, rewritten on a cadence (see `publish.snapshot`).
BULK_FILES = (TOTALS_CSV, NIST_REPORT)


class DefinitionDriftError(SandoghError):
    """The stored definition no longer writes to the bytes of its hash (a canonical form changed
    between versions of sandogh): publishing it would break every report's definition hash."""

    def __init__(self, election: str, stored: str, now: str) -> None:
        super().__init__(
            f"election {election}: stored under {stored}, but its canonical bytes now hash to "
            f"{now}; publish it with the sandogh that loaded it"
        )


@dataclass
class Published:
    """One election's snapshot as last written. Build it with `Published.of`."""

    index: ElectionIndex
    tallied: Tallied
    timeline: Timeline
    times: dict[str, datetime.datetime | None]  # when each unit's page last changed
    decided: dict[tuple[str, str], Decided]
    reported: set[str]  # stations with results
    voided: dict[str, dict[str, Voided]]  # by contest and unit, what the voids took there
    reports: dict[str, dict[str, ReportRef]] = field(default_factory=dict)
    devices: dict[str, list[Device]] = field(default_factory=dict)
    devices_read: bool = False  # `devices` holds every box, not only those of recent changes
    record: StoredRecord | None = None  # the pre-election record, once sealed
    amendments: list[StoredAmendment] = field(default_factory=list)
    builds: tuple[BuildDecision, ...] = ()  # the day's build decisions (`publish.builds`)
    build_proposals: tuple[BuildProposal, ...] = ()  # their signed documents (review S19 F7)
    candidacy: tuple[Record, ...] = ()  # as recorded (`publish.candidacy_file`)
    rows: dict[str, bytes] = field(default_factory=dict)  # each station's lines of its CSV
    bulk_sequence: int = 0  # the `sequence` the bulk files reflect
    bulk_written_at: float = 0.0  # on the publisher's monotonic clock

    @classmethod
    def of(cls, tallied: Tallied, timeline: Timeline) -> Published:
        index = ElectionIndex.of(tallied.stored, tallied.geography)
        return cls(
            index=index,
            tallied=tallied,
            timeline=timeline,
            times=unit_times(timeline, tallied),
            decided=decide_all(index, tallied),
            reported=reported_stations(tallied, index.voting_stations),
            voided=voided_by_contest(tallied),
        )

    @property
    def folder(self) -> str:
        return f"data/{self.index.election_id}"

    def keep_report(self, stored: StoredReport) -> None:
        self.reports.setdefault(stored.station, {})[stored.kind] = ReportRef(
            stored.kind, stored.report_hash, stored.received_at
        )

    def redecide(self, contest_id: str, constituency: str) -> None:
        contest = self.index.contest(contest_id)
        (k,) = (each for each in contest.constituencies if each.id == constituency)
        standing = self.index.standing(contest_id, constituency)
        self.decided[contest_id, constituency] = decide_constituency(
            self.tallied, contest, k, standing
        )

    # ---- the files --------------------------------------------------------------------------

    def write_report(self, writer: Writer, stored: StoredReport) -> None:
        writer.write(*self.report_file(stored))

    def report_file(self, stored: StoredReport) -> tuple[str, bytes]:
        """A signed report's file, as stored, kept in the station's list (`reports`)."""
        self.keep_report(stored)
        return f"{self.folder}/reports/{stored.station}/{stored.kind}.json", stored.signed

    def report_files(self, stored: Iterable[StoredReport]) -> Iterator[tuple[str, bytes]]:
        return (self.report_file(each) for each in stored)

    def write_definition(self, writer: Writer) -> None:
        """`definition.json`, the canonical bytes whose SHA-256 is the hash the store holds, and
        `units.json`."""
        index = self.index
        canonical = canonical_bytes(index.stored.election)
        if sha256_text(canonical) != index.definition_hash:
            now = sha256_text(canonical)
            raise DefinitionDriftError(index.election_id, index.definition_hash, now)
        writer.write(f"{self.folder}/definition.json", canonical)
        writer.write_json(f"{self.folder}/units.json", units_json(index))

    def write_supervision(self, writer: Writer) -> None:
        """The voids, certifications (those undone too), hand-count corrections, lots and
        withdrawals in force (`publish.supervision_file`)."""
        tallied = self.tallied
        voids = [effect.void for effect in tallied.voided]
        document = supervision_json(
            self.index.election_id,
            zip(voids, tallied.voided_at, strict=True),
            tallied.certifications,
            tallied.corrections,
            undone=tallied.undone,
            lots=tallied.lots,
            withdrawals=tallied.withdrawals,
        )
        writer.write_json(f"{self.folder}/supervision.json", document)

    def write_devices(self, writer: Writer) -> None:
        every = [device for each in self.devices.values() for device in each]
        writer.write_json(
            f"{self.folder}/devices.json", devices_json(self.index.election_id, every)
        )

    def write_builds(self, writer: Writer) -> None:
        document = builds_json(self.index.election_id, self.builds, self.build_proposals)
        writer.write_json(f"{self.folder}/{BUILDS_FILE}", document)

    def write_candidacy(self, writer: Writer) -> None:
        """`candidacy.json`, once anything of candidacy is recorded."""
        if self.candidacy:
            document = candidacy_json(self.index.election_id, self.candidacy)
            writer.write_json(f"{self.folder}/{CANDIDACY_FILE}", document)

    def write_anchor(self, writer: Writer) -> None:
        """The sealed pre-election record as stored, its officials' signatures and every
        amendment (`core.anchor`); nothing before it is sealed."""
        record = self.record
        if record is None:
            return
        writer.write(f"{self.folder}/{ANCHOR_RECORD}", record.data)
        signatures = encode_signatures(record.data, record.signatures)
        writer.write(f"{self.folder}/{ANCHOR_SIGNATURES}", signatures)
        amendments = encode_amendments(each.signed for each in self.amendments)
        writer.write(f"{self.folder}/{ANCHOR_AMENDMENTS}", amendments)

    def write_result(self, writer: Writer, contest: str, code: str) -> None:
        index = self.index
        refs = self.reports.get(code, {})
        station = index.geography.kind(code) is UnitKind.STATION
        data, document = unit_result_bytes(
            index,
            contest,
            code,
            self.tallied.totals.units[contest],
            eligible=self.tallied.eligible[code],
            updated=self.times.get(code),
            reports=[refs[k] for k in REPORT_KINDS if k in refs] if station else None,
            voided=self.voided[contest],
            corrected=self.tallied.corrected_in(contest, code),
            read=writer.keeps_documents(),
        )
        writer.write(f"{self.folder}/results/{contest}/{code}.json", data, document)

    def write_outcome(self, writer: Writer, contest_id: str, constituency: str) -> None:
        """The outcome file; its `updated` is the latest of its parts'."""
        index = self.index
        parts = index.geography.constituency_parts(contest_id, constituency)
        times = [t for t in (self.times.get(part) for part in parts) if t is not None]
        document = outcome_json(
            index,
            index.contest(contest_id),
            self.decided[contest_id, constituency],
            updated=max(times, default=None),
        )
        writer.write_json(f"{self.folder}/outcomes/{contest_id}/{constituency}.json", document)

    def write_group(self, writer: Writer, group: str) -> None:
        """The station CSV of `group` (`ElectionIndex.sheet_group`)."""
        rows = {}
        for station in self.index.sheet_group_stations(group):
            if station in self.reported:
                kept = self.rows.get(station)
                if kept is None:
                    kept = self.rows[station] = sheet_rows(station_sheets(self.tallied, station))
                rows[station] = kept
        writer.write(f"{self.folder}/csv/stations/{group}.csv", stations_csv(rows))

    def refigure(self, sheets: Mapping[str, Collection[TallySheet]]) -> None:
        """Take in the sheets of the stations that reported (none: they have not)."""
        before = self.tallied.voided
        self.tallied = retally(self.tallied, sheets)
        if self.tallied.voided is not before:  # a void touches one of these stations
            self.voided = voided_by_contest(self.tallied)
        for station, given in sheets.items():
            self.rows.pop(station, None)
            if given:
                self.reported.add(station)
            else:
                self.reported.discard(station)

    def retake(self, tallied: Tallied) -> set[str]:
        """Take `tallied`, the election read again whole after a board's decision; the units
        whose published result differs: figures, what the voids took, or time."""
        before, voided_before, times_before = self.tallied.totals.units, self.voided, self.times
        self.tallied, self.voided = tallied, voided_by_contest(tallied)
        self.times = unit_times(self.timeline, tallied)
        self.decided = decide_all(self.index, tallied)
        self.reported = reported_stations(tallied, self.index.voting_stations)
        changed = {code for code, at in self.times.items() if times_before.get(code) != at}
        for contest in self.index.stored.election.contests:
            old, was, now = before[contest.id], voided_before[contest.id], self.voided[contest.id]
            for code, total in tallied.totals.units[contest.id].items():
                if old.get(code) != total or was.get(code) != now.get(code):
                    changed.add(code)
        for code in changed:
            self.rows.pop(code, None)
        return changed

    def write_bulk(self, writer: Writer, *, nist_down_to: UnitKind, now: float) -> None:
        """`csv/totals.csv` and the NIST report, as of the timeline's last change."""
        for relative, chunks in self.bulk_files(nist_down_to):
            writer.write_chunks(relative, chunks)
        self.bulk_done(self.timeline.sequence, now)

    def bulk_relatives(self) -> list[str]:
        """The whole-election files' paths in the snapshot."""
        return [f"{self.folder}/{name}" for name in BULK_FILES]

    def bulk_files(self, nist_down_to: UnitKind) -> list[tuple[str, Iterator[bytes]]]:
        """The whole-election files, each a path and its bytes in chunks (made as read)."""
        totals, nist = self.bulk_relatives()
        return [(totals, totals_csv(self.index, self.tallied)), (nist, self._nist(nist_down_to))]

    def write_totals_csv(self, writer: Writer) -> None:
        writer.write_chunks(f"{self.folder}/{TOTALS_CSV}", totals_csv(self.index, self.tallied))

    def write_nist(self, writer: Writer, down_to: UnitKind) -> None:
        writer.write_chunks(f"{self.folder}/{NIST_REPORT}", self._nist(down_to))

    def _nist(self, down_to: UnitKind) -> Iterator[bytes]:
        return election_report(
            self.index, self.tallied, self.decided, down_to=down_to, updated=self.timeline.updated
        )

    def bulk_done(self, sequence: int, at: float) -> None:
        """The whole-election files now in place reflect `sequence`; written from `at` on the
        publisher's clock."""
        self.bulk_sequence = sequence
        self.bulk_written_at = at

    def snapshot(self) -> JSONObject:
        index, tallied, timeline = self.index, self.tallied, self.timeline
        statuses = {
            contest.id: COMPLETE
            if all(
                t.stations_reported == t.stations_total
                for t in tallied.totals.constituencies[contest.id].values()
            )
            else PARTIAL
            for contest in index.stored.election.contests
        }
        progress = Progress(
            sequence=timeline.sequence,
            log_sequence=timeline.log_sequence,
            updated=timeline.updated,
            stations_reported=len(self.reported),
            stations_total=len(index.voting_stations),
        )
        as_of = dict.fromkeys(BULK_FILES, self.bulk_sequence)
        return snapshot_json(index, progress, statuses, as_of)

    def write_snapshot(self, writer: Writer) -> None:
        writer.write_json(f"{self.folder}/snapshot.json", self.snapshot())

    def write_everything(
        self, writer: Writer, *, nist_down_to: UnitKind, now: float, workers: int = 1
    ) -> None:
        """Every file but the reports (`write_report`), `snapshot.json` last; the results,
        outcomes, station CSVs and the whole-election files by `workers` processes
        (`publish.processes`), in the order and to the bytes one would write them."""
        self.write_definition(writer)
        self.write_devices(writer)
        self.write_builds(writer)
        self.write_candidacy(writer)
        self.write_anchor(writer)
        self.write_supervision(writer)
        write_jobs(writer, self._jobs(nist_down_to), workers)
        self.bulk_done(self.timeline.sequence, now)
        self.write_snapshot(writer)

    def _jobs(self, nist_down_to: UnitKind) -> list[tuple[Job, int]]:
        """The files of `write_everything` that are many or long, each with a rough cost: a
        unit's file 1, a station CSV its stations, the whole-election files 1 for each four of
        the units' files (as measured at national scale)."""
        jobs: list[tuple[Job, int]] = []
        for contest in self.index.stored.election.contests:
            for code in self.tallied.totals.units[contest.id]:
                jobs.append((partial(self.write_result, contest=contest.id, code=code), 1))
        units = len(jobs)
        for contest_id, constituency in self.decided:
            job = partial(self.write_outcome, contest_id=contest_id, constituency=constituency)
            jobs.append((job, 1))
        for group, stations in self.index.sheet_groups().items():
            jobs.append((partial(self.write_group, group=group), max(1, len(stations) // 4)))
        jobs.append((self.write_totals_csv, max(1, units // 16)))
        jobs.append((partial(self.write_nist, down_to=nist_down_to), max(1, units // 5)))
        return jobs

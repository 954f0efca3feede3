"""What the publisher (`publish.snapshot.Publisher`) reads: into an election's `Published`, from
the store, each in a short unit of work of its own (on SQLite an open one holds the store); and
from a snapshot an earlier run left under its root.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

from sandogh.core.counting.tally import TallySheet
from sandogh.core.log import EventType
from sandogh.core.report import ReportKind, decode_report, decode_signed
from sandogh.publish.changes import Change, ChangeKind
from sandogh.publish.documents import REPORT_KINDS
from sandogh.publish.index import JSONObject
from sandogh.publish.published import Published
from sandogh.publish.writer import Writer
from sandogh.services.anchor import stored_amendments, stored_record
from sandogh.services.candidacy_files import recorded_steps
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.logged_reports import hold_to_log, logged_hashes
from sandogh.services.ports import Device, StoredReport, UnitOfWork


def read_devices(uow: UnitOfWorkFactory, state: Published) -> None:
    """Every ballot box of the election (the port lists them by station)."""
    election = state.index.election_id
    found: dict[str, list[Device]] = {}
    with uow() as work:
        for device in work.devices.of_election(election):  # one read, not one a station
            found.setdefault(device.station, []).append(device)
    state.devices = {s: found[s] for s in state.index.geography.stations if s in found}
    state.devices_read = True


def read_anchor(uow: UnitOfWorkFactory, state: Published) -> None:
    """The election's pre-election record, once sealed, and its amendments."""
    election = state.index.election_id
    with uow() as work:
        record = stored_record(work, election)  # a rewritten one is not published as sealed
        sealed = record is not None and record.sealed_at is not None
        state.record = record if sealed else None
        state.amendments = stored_amendments(work, election) if sealed else []


def read_builds(uow: UnitOfWorkFactory, state: Published) -> None:
    """The day's build decisions, approved and revoked, and the proposals signed for them."""
    with uow() as work:
        state.builds = work.fleet.decisions(state.index.election_id)
        state.build_proposals = work.fleet.proposals(state.index.election_id)


def read_candidacy(uow: UnitOfWorkFactory, state: Published) -> None:
    """The candidacy steps, each held to the log entry that recorded it."""
    with uow() as work:
        state.candidacy = tuple(recorded_steps(work, state.index.election_id))


def read_stations(
    uow: UnitOfWorkFactory, writer: Writer, state: Published, changes: list[Change]
) -> dict[str, tuple[TallySheet, ...]]:
    """Copy the reports the changes name into the snapshot and read the boxes they name;
    the sheets of the final reports among them, by station. Each report is held to the hash
    its log entry names first (`services.logged_reports`): none is written unless all hold."""
    election = state.index.election_id
    reporting = {c.station for c in changes if c.kind is ChangeKind.REPORT and c.station}
    refigured = {c.station for c in changes if c.figures and c.station}
    enrolled = {c.station for c in changes if c.kind is ChangeKind.DEVICES and c.station}
    if enrolled and not state.devices_read:
        read_devices(uow, state)
    sheets: dict[str, tuple[TallySheet, ...]] = {}
    with uow() as work:
        found = [
            stored
            for station in sorted(reporting)
            for kind in REPORT_KINDS
            if (stored := work.reports.get(election, station, kind)) is not None
        ]
        hold_to_log(state.index.stored.election, found, _logged(work, election, changes, found))
        for stored in found:
            state.write_report(writer, stored)
            if stored.kind == ReportKind.FINAL.value and stored.station in refigured:
                signed = decode_signed(stored.signed)
                sheets[stored.station] = decode_report(signed.report).sheets
        for station in sorted(enrolled):
            state.devices[station] = work.devices.of_station(election, station)
    if enrolled:
        state.write_devices(writer)
    return sheets


def _logged(
    work: UnitOfWork, election: str, changes: list[Change], found: list[StoredReport]
) -> dict[tuple[str, str], str]:
    """The logged hash of each report `found`: from the entries the pass follows, and, for a
    report the pass copies again without following its entry (a station's zero report, when its
    final one comes; a report stored since the pass read the log), from the log's entries at its
    station (one read of the few recorded there)."""
    logged = {
        (c.station, c.report_kind): c.report_hash
        for c in changes
        if c.kind is ChangeKind.REPORT and c.station and c.report_kind and c.report_hash
    }
    later = {r.station for r in found if (r.station, r.kind) not in logged}
    if later:
        accepted = work.events.of_types((EventType.REPORT_ACCEPTED,), election, later)
        logged = logged_hashes(accepted) | logged
    return logged


def written_up_to(root: Path, election: str) -> int | None:
    """The `log_sequence` of the election's snapshot under `root`, if there is one."""
    path = root / "data" / election / "snapshot.json"
    try:
        written = json.loads(path.read_bytes()).get("log_sequence")
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return written if isinstance(written, int) else None


def other_snapshots(root: Path, known: set[str]) -> list[JSONObject]:
    """The `snapshot.json` of elections published under `root` by another run."""
    return [
        cast(JSONObject, json.loads(path.read_bytes()))
        for path in sorted((root / "data").glob("*/snapshot.json"))
        if path.parent.name not in known
    ]

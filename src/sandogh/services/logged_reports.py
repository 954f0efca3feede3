"""Each stored report held to the hash its `report-accepted` log entry records.

A report's bytes and its `report_hash` column are stored beside the log entry that recorded its
acceptance (`services.ingest`), and the entry names the hash. A report rewritten in the database
with its hash column, its sheets and the totals above them (the session-27 outsider's N1) agrees
with everything the store holds but that entry: `services.signed_sheets` holds the sheets to the
report, and the report to its own column. So the publisher holds each report it publishes to its
entry first, by station and kind (a zero report too: its file is published as well), in the whole
read (`services.results.tally`, `signed=True`: the election's entries of that type, read by type
through the log's index) and in a pass (`publish.reading.read_stations`: the entries the pass
follows name the hash). The chain itself (`sandogh log verify`) holds the entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sandogh.core.definition.model import Election
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, EventType
from sandogh.core.log.chain import Entry
from sandogh.core.report.digests import sha256_text
from sandogh.locale.signed_sheet_words import unlogged_words
from sandogh.services.ports import StoredReport, UnitOfWork

#: a report's logged hash, by its station and kind (`zero`, `final`)
Logged = Mapping[tuple[str, str], str]


class ReportNotLoggedError(SandoghError):
    """A stored report is not the one its `report-accepted` log entry names (or no entry names
    it): the store was changed outside sandogh. Said in Persian (`fa`) and English (`en`),
    naming the station, the report's kind, the logged hash and the stored one (None: the log
    records a report accepted that the store no longer holds)."""

    def __init__(
        self, election: Election, station: str, kind: str, logged: str | None, stored: str | None
    ) -> None:
        self.station, self.kind, self.logged, self.stored = station, kind, logged, stored
        self.fa, self.en = unlogged_words(election, station, kind, logged=logged, stored=stored)
        super().__init__(self.en)


def logged_hashes(entries: Iterable[Entry]) -> dict[tuple[str, str], str]:
    """The hash each `report-accepted` entry of `entries` names, by station and kind (a later
    entry over an earlier one, as the store keeps the later report)."""
    found: dict[tuple[str, str], str] = {}
    for entry in entries:
        event = entry.event
        if event.type is not EventType.REPORT_ACCEPTED:
            continue
        kind, hashed = event.details.get("kind"), event.details.get("report_hash")
        done = event.disposition is Disposition.DONE
        if done and isinstance(kind, str) and isinstance(hashed, str):
            found[(event.place, kind)] = hashed
    return found


def refuse_unstored(work: UnitOfWork, election: Election, station: str, kind: str) -> None:
    """`ReportNotLoggedError` when the log records `station`'s report of `kind` accepted though
    the store holds none: deleted by SQL with its sheets, the same report sent again would be
    counted twice (the session-29 outsider's A1). Read by type and place, through the log's
    index: the station's few entries."""
    entries = work.events.of_types((EventType.REPORT_ACCEPTED,), election.id, places=[station])
    logged = logged_hashes(entries).get((station, kind))
    if logged is not None:
        raise ReportNotLoggedError(election, station, kind, logged, None)


def election_logged(work: UnitOfWork, election_id: str) -> dict[tuple[str, str], str]:
    """Every report's logged hash in the election, read by type through the log's index."""
    return logged_hashes(work.events.of_type(EventType.REPORT_ACCEPTED, election_id))


def hold_to_log(
    election: Election, reports: Iterable[StoredReport], logged: Logged
) -> dict[tuple[str, str], str]:
    """Refuse (`ReportNotLoggedError`) unless each of `reports`, its hash column and its bytes,
    is the one the log names for its station and kind; else the hash of each one's bytes, by
    station and kind, for a hold of the same reports after it not to hash them again
    (`services.signed_sheets.hold_stored`)."""
    hashes: dict[tuple[str, str], str] = {}
    for each in reports:
        held = logged.get((each.station, each.kind))
        if each.report_hash != held:
            raise ReportNotLoggedError(election, each.station, each.kind, held, each.report_hash)
        hashed = sha256_text(each.signed)
        if hashed != held:
            raise ReportNotLoggedError(election, each.station, each.kind, held, hashed)
        hashes[each.station, each.kind] = hashed
    return hashes

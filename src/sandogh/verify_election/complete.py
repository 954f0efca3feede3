"""V20 of `docs/e2e.md` §10: every station that votes in the definition is in the record, or the
record lists it as absent (`e2e/absent.json`, §9) for a reason checked here.

Which stations had a ballot box is taken from the sealed pre-election record in the snapshot
(`anchor/record.json` and its amendments, docs/publish.md), signed by the officials before polls
open and carried as a fingerprint (V0, `--anchor`, holds it to that: `sealed`): a publisher who
deletes a station's chain, tally, codes, reports and result file cannot also say it had no box.
A snapshot without a sealed record is checked against its own listing only, and the output says
so (`Completeness.sealed`); a file at `anchor/record.json` that is not a sealed record of this
election — any JSON at all would otherwise give every station no box — fails V20, naming it,
with `--anchor` or without.

A station whose mode the definition gives as semi-electronic or paper is `paper-ballots`: its box
checks voters in, and its ballots are marked on paper, counted by hand and entered in its signed
report, which the results add beside the E2E tally (docs/e2e.md, "Mixed-mode elections").

When the sealed record carries the guardians' key (`e2e`), every box was enrolled to encrypt and
the centre refuses a final report that commits to no chain (`services.ingest`): `no-e2e` is then
refused for every station, since a box's final report re-signed without its commitment would
take the station's figures out of everything the record checks. Without a sealed record nothing
shows the key was not there, and `no-e2e` is refused too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.definition import Definition
from sandogh.verify_election.election import Context, Listed, read_listed
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.officials import read_officials
from sandogh.verify_election.reading import Source, field, parse_json
from sandogh.verify_election.reports import SignedReport, read_report, signature_holds
from sandogh.verify_election.sealed import AMENDMENTS, RECORD, Sealed

ABSENT = "absent.json"
ABSENT_FORMAT = "sandogh/e2e-absent@1"
#: why a voting station has no chain in the record (§9, `absent.json`)
NO_BOX = "no-box"  # the sealed record gives it no ballot box
NOT_OPENED = "not-opened"  # no zero report, no final report
NOT_CLOSED = "not-closed"  # a zero report signed by its box, no final report
NO_E2E = "no-e2e"  # a final report signed by its box, with no `e2e` commitment
PAPER_BALLOTS = "paper-ballots"  # the definition's mode for it is semi-electronic or paper
RECORD_FORMAT = "sandogh/pre-election-record@1"
#: each reason, as the failures say it
REASONS = {
    NO_BOX: "had no ballot box",
    NOT_OPENED: "did not open",
    NOT_CLOSED: "opened and did not close",
    NO_E2E: "sent a final report without an E2E commitment",
    PAPER_BALLOTS: "votes on paper ballots",
}


@dataclass(frozen=True)
class Completeness:
    """What V20 rests on: the sealed record's boxes (`sealed`), and the stations the record lists
    as absent, with their reasons."""

    sealed: bool
    absent: Mapping[str, str]


def check_complete(
    source: Source,
    context: Context,
    ledger: Ledger,
    definition: Definition,
    *,
    recorded: set[str],
    files: Mapping[str, Listed],
    sealed: Sealed,
) -> Completeness:
    """V20, one item per station of the definition that votes and per entry of `absent.json`;
    the boxes are `sealed`'s, the record and amendments as V0 read them."""
    try:
        boxes, sealed_e2e = _sealed_boxes(sealed, context)
        absent = _absent(source, context, ledger, files)
    except RecordError as error:
        ledger.failed(Check.COMPLETE, error.where, error.detail)
        return Completeness(False, {})
    voting = [s for s in definition.stations if definition.ballots.get(s)]
    for station in sorted(absent.keys() - (set(voting) - recorded)):
        ledger.failed(
            Check.COMPLETE,
            station,
            f"{ABSENT} lists it, but it is a station of the record or not a voting station",
        )
    for station in voting:
        if station in recorded:
            ledger.passed(Check.COMPLETE)
            continue
        reason = absent.get(station)
        if reason is None:
            ledger.failed(
                Check.COMPLETE,
                station,
                f"a voting station with no chain in the record, and {ABSENT} does not list it",
            )
            continue
        try:
            contests = [c.contest for c in definition.ballots[station]]
            if reason == PAPER_BALLOTS:
                problem = _paper_problem(source, context, station, definition)
            else:
                problem = _reason_problem(
                    source, context, station, reason, boxes=boxes, contests=contests
                )
            if not problem and reason == NO_E2E:
                problem = _no_e2e_problem(sealed=boxes is not None, sealed_e2e=sealed_e2e)
        except RecordError as error:
            problem = f"{error.where}: {error.detail}"
        ledger.record(Check.COMPLETE, not problem, station, problem)
    return Completeness(boxes is not None, absent)


def _reason_problem(
    source: Source,
    context: Context,
    station: str,
    reason: str,
    *,
    boxes: Mapping[str, set[str]] | None,
    contests: list[str],
) -> str:
    """Why `reason` does not hold of `station` ("" when it does)."""
    sealed = None if boxes is None else boxes.get(station, set())
    if reason == NO_BOX:
        if not sealed:
            return ""
        return f"{ABSENT} says the station {REASONS[reason]}; the sealed record gives it one"
    if reason not in REASONS:
        return f"{ABSENT} gives the reason {reason!r}, not one of {', '.join(REASONS)}"
    folder = f"{context.folder}reports/{station}/"
    zero = read_report(source, folder + "zero.json")
    final = read_report(source, folder + "final.json")
    problem = _presence_problem(reason, folder, opened=zero is not None, closed=final is not None)
    if problem:
        return problem
    if final is not None:  # no-e2e
        problem = _signed_problem(context, station, final, sealed, folder + "final.json")
        if not problem and "e2e" in final.report:
            problem = "its final report commits to an E2E chain that the record leaves out"
        return problem
    if zero is not None:  # not-closed
        problem = _signed_problem(context, station, zero, sealed, folder + "zero.json")
    listed = _lists_final(source, context, station, contests)
    if not problem and listed:
        problem = (
            f"{listed}: lists a final report of the station, but {folder}final.json is missing"
        )
    return problem


def _paper_problem(source: Source, context: Context, station: str, definition: Definition) -> str:
    """Why `paper-ballots` does not hold ("" when it does): the definition, bound by its hash,
    must give the station a mode whose ballots are marked on paper, and its final report, when
    there, commit to no chain — else an electronic station's chain could be dropped as paper."""
    said = f"{ABSENT} says the station {REASONS[PAPER_BALLOTS]}"
    if station not in definition.on_paper:
        return f"{said}; the definition gives it the electronic mode"
    where = f"{context.folder}reports/{station}/final.json"
    final = read_report(source, where)
    if final is not None and "e2e" in final.report:
        return f"{said}; {where} commits to an E2E chain that the record leaves out"
    return ""


def _no_e2e_problem(*, sealed: bool, sealed_e2e: bool) -> str:
    """Why `no-e2e` does not hold ("" when it does): only a sealed record without the guardians'
    key shows that the station's box was enrolled with none to encrypt under."""
    said = f"{ABSENT} says the station {REASONS[NO_E2E]}"
    if sealed_e2e:
        return (
            f"{said}; the sealed record carries the guardians' key (e2e), so its box's final "
            "report must commit to its chain"
        )
    if not sealed:
        return (
            f"{said}; with no sealed record, nothing shows that its box was enrolled without "
            "the guardians' key"
        )
    return ""


def _presence_problem(reason: str, folder: str, *, opened: bool, closed: bool) -> str:
    """Which of the station's zero and final reports `reason` says there are, against those
    the snapshot has ("" when they agree)."""
    expected = {NOT_OPENED: (False, False), NOT_CLOSED: (True, False), NO_E2E: (True, True)}
    wants_zero, wants_final = expected[reason]
    if reason != NO_E2E and opened != wants_zero:
        there = "is there" if opened else "is missing"
        return f"{ABSENT} says the station {REASONS[reason]}; {folder}zero.json {there}"
    if closed != wants_final:
        there = "is there" if closed else "is missing"
        return f"{ABSENT} says the station {REASONS[reason]}; {folder}final.json {there}"
    return ""


def _signed_problem(
    context: Context, station: str, signed: SignedReport, sealed: set[str] | None, where: str
) -> str:
    """Why `signed` is not a report of `station` and this election signed by one of its boxes
    (`sealed`, the sealed record's; any box when there is none) ("" when it is)."""
    facts = {
        "station": station,
        "kind": where.rsplit("/", 1)[-1].removesuffix(".json"),
        "election": context.election,
        "definition_hash": "sha256:" + context.definition_hash.hex(),
    }
    for name, expected in facts.items():
        if field(signed.report, name, where, str) != expected:
            return f"{where}: {name} is not {expected}"
    device = "ed25519:" + signed.device.hex()
    if sealed is not None and device not in sealed:
        return f"{where}: signed by {device}, not a box the sealed record gives the station"
    if not signature_holds(signed):
        return f"{where}: the device's signature does not verify"
    return ""


def _absent(
    source: Source, context: Context, ledger: Ledger, files: Mapping[str, Listed]
) -> dict[str, str]:
    """`absent.json`'s stations and reasons; none when the manifest lists no such file."""
    listed = files.get(ABSENT)
    if listed is None:
        return {}
    where = f"{context.folder}e2e/{ABSENT}"
    data = read_listed(source, ledger, context.folder, ABSENT, listed)
    if data is None:
        raise RecordError(where, "listed in the manifest, but missing")
    document = parse_json(data, where)
    if field(document, "format", where, str) != ABSENT_FORMAT:
        raise RecordError(where, f"not a {ABSENT_FORMAT}")
    absent: dict[str, str] = {}
    for i, entry in enumerate(field(document, "stations", where, list)):
        place = f"{where}: stations[{i}]"
        station = field(entry, "station", place, str)
        if station in absent:
            raise RecordError(place, f"{station} listed twice")
        absent[station] = field(entry, "reason", place, str)
    return absent


def _sealed_boxes(sealed: Sealed, context: Context) -> tuple[dict[str, set[str]] | None, bool]:
    """Every station's boxes (`ed25519:…`) in the snapshot's sealed record and its amendments,
    and whether the record carries the guardians' key (`e2e`); None, False when the snapshot has
    no sealed record. One that is not a sealed record of this election is V20's failure, through
    `RecordError` naming it: read as none, it would give every station no box."""
    data = sealed.record
    if data is None:
        return None, False
    where = context.folder + RECORD
    record = parse_json(data, where)
    if field(record, "format", where, str) != RECORD_FORMAT:
        raise RecordError(where, f"not a {RECORD_FORMAT}")
    expected = {
        "election": context.election,
        "definition_hash": "sha256:" + context.definition_hash.hex(),
    }
    for name, value in expected.items():
        if field(record, name, where, str) != value:
            raise RecordError(where, f"{name} is not {value}: not this election's sealed record")
    read_officials(record, where)  # its authorities, threshold and stations read
    boxes: dict[str, set[str]] = {}
    for i, entry in enumerate(field(record, "stations", where, list)):
        place = f"{where}: stations[{i}]"
        devices = field(entry, "devices", place, list)
        if not all(isinstance(device, str) for device in devices):
            raise RecordError(place, "'devices' is not a list of keys")
        boxes.setdefault(field(entry, "station", place, str), set()).update(devices)
    e2e = "e2e" in record and bool(field(record, "e2e", where, dict))
    amended = sealed.amendments
    where = context.folder + AMENDMENTS
    listed = field(parse_json(amended, where), "amendments", where, list) if amended else []
    for i, each in enumerate(listed):
        amendment = field(each, "amendment", f"{where}: amendments[{i}]", dict)
        if isinstance(amendment.get("device"), str) and isinstance(amendment.get("station"), str):
            boxes.setdefault(amendment["station"], set()).add(amendment["device"])
    return boxes, e2e


def _lists_final(source: Source, context: Context, station: str, contests: list[str]) -> str:
    """The first of the station's result files (`results/<contest>/<station>.json`, the
    snapshot's own account that `verify-results` reads, docs/publish.md) that lists a `final`
    report, else "": a station said to have sent none must not be listed as having sent one."""
    for contest in contests:
        where = f"{context.folder}results/{contest}/{station}.json"
        data = source.read(where)
        if data is None:
            continue
        document = parse_json(data, where)
        reports = document.get("reports") if isinstance(document, dict) else None
        kinds = {r.get("kind") for r in reports if isinstance(r, dict)} if reports else set()
        if "final" in kinds:
            return where
    return ""

"""A guardian's check that what it is asked to decrypt is a real tally (docs/e2e.md §8).

From the published snapshot's election folder (`data/<election>/`): its `definition.json` the
ceremony's definition (checked by the caller, which decodes it:
`cli.guardians_snapshot.checked_definition`) and every chain's station a station of it; its
sealed pre-election record (`anchor/record.json`, k of n officials' signatures, amendments: issue
9) this ceremony's (`e2e` member, and the fingerprint or amendment head the guardian was given,
when given), each chain's box the one it
registers for the station (a box replaced by an amendment too, its successor being on record);
every cast ballot's proofs (`core.e2e.ballot.check_ballot`, against the station's ballot), so
that no copy of another's ballot, re-randomised, stands in a chain; every station's chain
(`e2e/ballots/<station>.jsonl`, read strictly), its start, codes and close computed again
(`chain_file.check_links`), its start naming the station's zero report (`reports/<station>/
zero.json`) and its close the `e2e.chain_close` of the station's final report
(`reports/<station>/final.json`), both signed by the chain's box and by the staff the sealed
record registers, as the centre requires (`core.anchor.check_staff`); no station the guardian
names as never opened with a report published; then the tally held to the product of those
chains (`core.e2e.tally_origin`), and no ballot in two chains. Anything else
is refused (`TallyOriginError`, a `GuardianFileError`) with every problem typed
(`OriginProblem`: its `OriginFault`, path and station), which `sandogh guardians` says in
Persian or English (`locale.e2e_refusals`), the English detail kept for `--lang en`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.anchor import (
    Coverage,
    E2EKeys,
    RecordError,
    anchored_amendments,
    check_staff,
    decode_amendments,
    decode_record,
    decode_signatures,
    fingerprint,
    verify_amendments,
    verify_record,
)
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ElectionContext, check_ballot
from sandogh.core.e2e.ceremony_record import CeremonyRecord, encode_record
from sandogh.core.e2e.chain_file import ChainFile, ChainFormatError, check_links, read_chain
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.tally_files import Tally
from sandogh.core.e2e.tally_origin import (
    ContestProduct,
    chain_products,
    copied_ballots,
    tally_problems,
)
from sandogh.core.errors import SandoghError
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.errors import SignatureError
from sandogh.core.report.report import ReportKind
from sandogh.core.report.signatures import SignedReport, decode_signed, verify_signed
from sandogh.core.supervision.modes import encrypts

#: where the snapshot's election folder holds its sealed pre-election record (issue 9), as
#: `publish.published` writes them (a service imports no publisher; a test holds them equal)
ANCHOR_RECORD = "anchor/record.json"
ANCHOR_SIGNATURES = "anchor/signatures.json"
ANCHOR_AMENDMENTS = "anchor/amendments.json"


class OriginFault(StrEnum):
    """Why a guardian refuses a snapshot; each has its text in Persian and English
    (`locale.e2e_refusals`: "origin_" and the name in lower case)."""

    NOT_A_STATION = "not-a-station"
    CHAIN_UNREADABLE = "chain-unreadable"
    REPORT_MISSING = "report-missing"
    REPORT_NOT_SIGNED = "report-not-signed"
    STAFF_NOT_ON_RECORD = "staff-not-on-record"
    REPORT_OF_ANOTHER = "report-of-another"
    CLOSE_DIFFERS = "close-differs"
    CHAIN_BROKEN = "chain-broken"
    BOX_NOT_ON_RECORD = "box-not-on-record"
    PROOF_FAILS = "proof-fails"
    BALLOT_COPIED = "ballot-copied"
    RECORD_MISSING = "record-missing"
    RECORD_UNREADABLE = "record-unreadable"
    RECORD_OF_ANOTHER = "record-of-another"
    RECORD_SIGNATURES = "record-signatures"
    AMENDMENT_FAILS = "amendment-fails"
    ANCHOR_DIFFERS = "anchor-differs"
    TALLY_NOT_PRODUCT = "tally-not-product"
    STATION_MISSING = "station-missing"
    NEVER_OPENED_REPORTED = "never-opened-reported"
    NOT_CLOSED_REPORTED = "not-closed-reported"


@dataclass(frozen=True)
class OriginProblem:
    """One problem of a snapshot: its `fault`, where (`path`, the `station` it is of, None for
    the sealed record's) and the English `detail` that `problem` says it with."""

    fault: OriginFault
    path: str
    detail: str
    station: str | None = None

    @property
    def problem(self) -> Problem:
        return Problem(self.path, self.detail)


def _typed(
    fault: OriginFault, problems: Iterable[Problem], station: str | None = None, at: str = ""
) -> list[OriginProblem]:
    """`problems` as `fault`s of `station`, their paths under `at`."""
    return [OriginProblem(fault, f"{at} {p.path}".strip(), p.message, station) for p in problems]


class TallyOriginError(GuardianFileError):
    """A snapshot (or a tally) a guardian refuses to decrypt from: `found`, every problem typed."""

    def __init__(self, where: str, found: Sequence[OriginProblem]) -> None:
        self.found = tuple(found)
        super().__init__(where, [each.problem for each in self.found])


@dataclass(frozen=True)
class StationFiles:
    """One station's published files, as bytes (None: not published)."""

    chain: bytes | None
    zero: bytes | None
    final: bytes | None


@dataclass(frozen=True)
class Snapshot:
    """What a guardian reads of a published election folder: every station's files and the
    sealed record's three files (None: not published)."""

    stations: Mapping[str, StationFiles]
    anchor_record: bytes | None = None
    anchor_signatures: bytes | None = None
    anchor_amendments: bytes | None = None


@dataclass(frozen=True)
class Trust:
    """What the guardian was given from a second source: the sealed record's fingerprint or an
    amendment's head (None: the record published is taken as it reads, once sealed and this
    ceremony's); `unanchored` lets a snapshot with no record through (a rehearsal only);
    `never_opened` names the stations the guardian was told, from a second source, that their
    box never opened: a station the sealed record gives a box has its chain in the snapshot or is
    named here, else it is refused (§8); `not_closed` those whose box opened and never closed
    (it failed, or is still open): they hold ballots no final report counts, and are left out."""

    anchor: str | None = None
    unanchored: bool = False
    never_opened: frozenset[str] = frozenset()
    not_closed: frozenset[str] = frozenset()


def checked_products(
    record: CeremonyRecord, geography: Geography, snapshot: Snapshot, where: str, trust: Trust
) -> dict[str, dict[str, ContestProduct]]:
    """Each station's contest products, from `checked_chains`."""
    chains = checked_chains(record, geography, snapshot, where, trust)
    return {station: chain_products(RISTRETTO255, chain) for station, chain in chains.items()}


def checked_chains(
    record: CeremonyRecord, geography: Geography, snapshot: Snapshot, where: str, trust: Trust
) -> dict[str, ChainFile]:
    """Each station's chain, once every chain is of a station of the ceremony's definition
    (`geography`, of the definition the caller held to the ceremony's hash), its box the one the
    sealed record registers for it, every cast ballot's proofs check, the chain is the one its
    signed final report closes, no ballot is in two chains, and every station the sealed record
    gives a box has its chain or is named in `trust.never_opened`; else `TallyOriginError` naming
    each station's problems. A box key taken from the chain alone would let anyone who makes up
    a snapshot of one station and one real ballot have that voter's vote decrypted (§8); a
    station's chain withheld would let its ballot, copied into another chain, go unseen."""
    context = ElectionContext(RISTRETTO255, record.extended_hash, record.joint_key)
    coverage, problems = anchored_coverage(record, snapshot, trust)
    known = set(geography.stations)
    chains: dict[str, ChainFile] = {}
    problems += never_opened_reported(snapshot, trust)
    for station, files in sorted(snapshot.stations.items()):
        at = f"e2e/ballots/{station}.jsonl"
        if files.chain is None:  # its reports are read for `never_opened_reported` alone
            continue
        if station not in known:
            detail = f"{station} is not a station of the ceremony's definition"
            problems.append(OriginProblem(OriginFault.NOT_A_STATION, at, detail, station))
            continue
        try:
            chain = read_chain(context, files.chain)
        except ChainFormatError as error:
            problems += _typed(OriginFault.CHAIN_UNREADABLE, error.problems, station, at)
            continue
        found = _reports(station, chain, files, at, coverage)
        if not found:
            zero = files.zero
            assert zero is not None
            hashes = {  # the report inside the signed zero report, or the signed file's bytes
                "sha256:" + hashlib.sha256(decode_signed(zero).report).hexdigest(),
                "sha256:" + hashlib.sha256(zero).hexdigest(),
            }
            links = check_links(
                context, chain, station=station, device=chain.start.device, zero_report=hashes
            )
            found = _typed(OriginFault.CHAIN_BROKEN, links, station, at)
        if not found and coverage is not None:
            box = _device(coverage, station, chain)
            found = _typed(OriginFault.BOX_NOT_ON_RECORD, box, station, at)
        if not found:
            proofs = proof_problems(context, geography, station, chain)
            found = _typed(OriginFault.PROOF_FAILS, proofs, station, at)
        problems += found
        if not found:
            chains[station] = chain
    if coverage is not None:
        problems += missing_stations(coverage, geography, snapshot, trust)
    problems += [
        OriginProblem(OriginFault.BALLOT_COPIED, p.path, p.message, p.path.split(" ")[0])
        for p in copied_ballots(chains)
    ]
    if problems:
        raise TallyOriginError(where, problems)
    return chains


def missing_stations(
    coverage: Coverage, geography: Geography, snapshot: Snapshot, trust: Trust
) -> list[OriginProblem]:
    """Each electronic station the sealed record (or an amendment) gives a box whose chain the
    snapshot lacks and the guardian was not told never opened. A semi-electronic or paper
    station's box encrypts nothing (`core.supervision.modes.encrypts`, as the definition held to
    the ceremony's hash says): its ballots are on paper, and it has no chain to leave out."""
    detail = (
        "the sealed record gives the station a box and its chain is not in the snapshot; if "
        "you know from a second source that its box never opened, name it as never opened"
    )
    known = set(geography.stations)
    return [
        OriginProblem(OriginFault.STATION_MISSING, f"e2e/ballots/{station}.jsonl", detail, station)
        for station, boxes in sorted(coverage.devices.items())
        if boxes
        and (station not in known or encrypts(geography, station))
        and (station not in snapshot.stations or snapshot.stations[station].chain is None)
        and station not in trust.never_opened | trust.not_closed
    ]


def never_opened_reported(snapshot: Snapshot, trust: Trust) -> list[OriginProblem]:
    """Each station the guardian was told never opened whose zero or final report the snapshot
    holds (a box that signed a report opened), and each told not closed whose final report it
    holds (that box closed): its chain, left out, would let a ballot copied from it into another
    chain go unseen, or its counted ballots go undecrypted (§8)."""
    named = [(s, "zero", OriginFault.NEVER_OPENED_REPORTED) for s in trust.never_opened]
    named += [(s, "final", OriginFault.NEVER_OPENED_REPORTED) for s in trust.never_opened]
    named += [(s, "final", OriginFault.NOT_CLOSED_REPORTED) for s in trust.not_closed]
    problems = []
    for station, kind, fault in sorted(named):
        files = snapshot.stations.get(station)
        if files is not None and (files.zero if kind == "zero" else files.final) is not None:
            detail = (
                "is published: the station you named as never opened has a report"
                if fault is OriginFault.NEVER_OPENED_REPORTED
                else "is published: the station you named as not closed closed"
            )
            problems.append(OriginProblem(fault, f"reports/{station}/{kind}.json", detail, station))
    return problems


def anchored_coverage(
    record: CeremonyRecord, snapshot: Snapshot, trust: Trust
) -> tuple[Coverage | None, list[OriginProblem]]:
    """What the snapshot's sealed record and amendments cover, once k of n officials signed the
    record and every amendment, the record is of the ceremony's election, definition and
    ceremony (its `e2e` member: id, HE, K), and its fingerprint or an amendment's head is the one
    the guardian was given (when given); else the problems. No record: nothing covered, and a
    problem unless `trust.unanchored`."""
    data = snapshot.anchor_record
    if data is None:
        if trust.unanchored and trust.anchor is None:
            return None, []
        detail = "not published: no box key can be trusted"
        return None, [OriginProblem(OriginFault.RECORD_MISSING, ANCHOR_RECORD, detail)]
    problems: list[OriginProblem] = []
    at = ANCHOR_RECORD  # the file read last is the one that does not read
    try:
        anchored = decode_record(data)
        at = ANCHOR_SIGNATURES
        signatures = decode_signatures(snapshot.anchor_signatures or b"", data)
        at = ANCHOR_AMENDMENTS
        amendments = decode_amendments(snapshot.anchor_amendments or b"")
    except RecordError as error:
        return None, _typed(OriginFault.RECORD_UNREADABLE, error.problems, at=at)
    plan = record.plan
    said = {"election": anchored.election, "definition_hash": anchored.definition_hash}
    for name, value in {"election": plan.election, "definition_hash": plan.definition_hash}.items():
        if said[name] != value:
            detail = f"is not the ceremony's {value}"
            at = f"{ANCHOR_RECORD} {name}"
            problems.append(OriginProblem(OriginFault.RECORD_OF_ANOTHER, at, detail))
    # a record sealed before `e2e.record` existed vouches for the id, HE and K only
    e2e = E2EKeys(plan.id, record.extended_hash.hex(), record.joint_key.hex())
    sealed = anchored.e2e
    if sealed is None or replace(sealed, record=None) != e2e:
        detail = f"is not this ceremony's ({plan.id}, HE, K)"
        problems.append(
            OriginProblem(OriginFault.RECORD_OF_ANOTHER, f"{ANCHOR_RECORD} e2e", detail)
        )
    elif sealed.record not in (None, sha256_text(encode_record(RISTRETTO255, record))):
        detail = "is not the SHA-256 of this ceremony record: its complaints or a field differ"
        at = f"{ANCHOR_RECORD} e2e.record"
        problems.append(OriginProblem(OriginFault.RECORD_OF_ANOTHER, at, detail))
    signed = verify_record(anchored, signatures)
    problems += _typed(OriginFault.RECORD_SIGNATURES, signed, at=ANCHOR_SIGNATURES)
    amended = verify_amendments(anchored, amendments)
    problems += _typed(OriginFault.AMENDMENT_FAILS, amended, at=ANCHOR_AMENDMENTS)
    chain = [each.amendment for each in amendments]
    if (
        trust.anchor is not None
        and anchored_amendments(fingerprint(data), chain, trust.anchor) is None
    ):
        detail = (
            f"its fingerprint is {fingerprint(data)}, and neither it nor the head of any of "
            f"its {len(chain)} amendments is {trust.anchor}, the one given"
        )
        problems.append(OriginProblem(OriginFault.ANCHOR_DIFFERS, ANCHOR_RECORD, detail))
    return (None if problems else Coverage.of(anchored, chain)), problems


def _device(coverage: Coverage, station: str, chain: ChainFile) -> list[Problem]:
    """The chain's box (which signs its final report) on record for the station, not replaced."""
    try:
        coverage.check_device(station, chain.start.device, ReportKind.FINAL)
    except SandoghError as error:
        return [Problem("start.device", f"is not the station's box in the sealed record: {error}")]
    return []


def proof_problems(
    context: ElectionContext, geography: Geography, station: str, chain: ChainFile
) -> list[Problem]:
    """Every cast ballot well formed for the station's ballot, every proof checked: a copy of
    another ballot multiplied by an encryption of zero is a new ciphertext no other chain holds,
    but its maker, not knowing its nonce, cannot prove it; and every proof is keyed with the
    chain's station and box (§6), so a ballot copied from another station's chain fails here."""
    try:
        ballot = station_ballot(geography, station)
    except SandoghError as error:
        return [Problem("", str(error))]
    return [
        Problem(f"line {entry.line} {p.path}", p.message)
        for entry in chain.ballots
        if not entry.challenged
        for p in check_ballot(
            context, entry.ballot, ballot, station=station, device=chain.start.device.raw
        )
    ]


def _reports(
    station: str, chain: ChainFile, files: StationFiles, chain_at: str, coverage: Coverage | None
) -> list[OriginProblem]:
    """The station's zero and final reports, signed by the chain's box and (with a sealed
    record) by the staff it and its amendments register, as the centre requires
    (`_staff`); the final one's `e2e.chain_close` the chain's close (each problem's path under
    `chain_at`)."""
    problems = []
    device = chain.start.device
    closes = None
    for kind, data in (("zero", files.zero), ("final", files.final)):
        at = f"{chain_at} reports/{station}/{kind}.json"
        if data is None:
            problems.append(OriginProblem(OriginFault.REPORT_MISSING, at, "not published", station))
            continue
        try:
            signed = decode_signed(data)
            report = verify_signed(signed, device)
        except SandoghError as error:
            detail = f"not signed by the chain's box {device.text}: {error}"
            problems.append(OriginProblem(OriginFault.REPORT_NOT_SIGNED, at, detail, station))
            continue
        if coverage is not None:
            problems += _staff(coverage, station, signed, ReportKind(kind), at)
        if report.station != station or report.kind.value != kind:
            detail = f"is not {station}'s {kind} report"
            problems.append(OriginProblem(OriginFault.REPORT_OF_ANOTHER, at, detail, station))
        if kind == "final":
            closes = None if report.e2e is None else report.e2e.chain_close
    if not problems and closes != chain.close.close.hex():
        at = f"{chain_at} reports/{station}/final.json e2e.chain_close"
        detail = "is not the chain's close"
        problems.append(OriginProblem(OriginFault.CLOSE_DIFFERS, at, detail, station))
    return problems


def _staff(
    coverage: Coverage, station: str, signed: SignedReport, kind: ReportKind, at: str
) -> list[OriginProblem]:
    """The report's staff signatures those the centre requires (`check_staff`: registered for
    the station in their role; a final report by two of them, the head among them): a box key
    stolen alone would otherwise sign a chain of one voter's ballot and its final report, and
    have that vote decrypted (§8)."""
    try:
        check_staff(signed, kind, station, coverage.staff.get(station, ()))
    except SignatureError as error:
        return _typed(OriginFault.STAFF_NOT_ON_RECORD, error.problems, station, at)
    return []


def check_tally(
    tally: Tally, products: Mapping[str, Mapping[str, ContestProduct]], where: str
) -> None:
    """Refuse (`TallyOriginError`) a tally that is not the chains' product."""
    problems = tally_problems(RISTRETTO255, tally, products)
    if problems:
        raise TallyOriginError(
            where, _typed(OriginFault.TALLY_NOT_PRODUCT, problems, tally.station)
        )

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
from collections.abc import Mapping

from sandogh.core.anchor import Coverage, check_staff
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ElectionContext, check_ballot
from sandogh.core.e2e.ceremony_record import CeremonyRecord
from sandogh.core.e2e.chain_file import ChainFile, ChainFormatError, check_links, read_chain
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.tally_files import Tally
from sandogh.core.e2e.tally_origin import (
    ContestProduct,
    chain_products,
    copied_ballots,
    tally_problems,
)
from sandogh.core.errors import SandoghError
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.errors import SignatureError
from sandogh.core.report.report import ReportKind
from sandogh.core.report.signatures import SignedReport, decode_signed, verify_signed
from sandogh.core.supervision.modes import encrypts
from sandogh.services.origin_faults import OriginFault, OriginProblem, TallyOriginError, typed
from sandogh.services.origin_snapshot import Snapshot, StationFiles, Trust, anchored_coverage

# the checks, and the types of `origin_faults` and `origin_snapshot` that the commands import
# from here (`cli.guardians_snapshot`, `cli.guardians_errors`, `cli.simulated_e2e`)
__all__ = [
    "OriginProblem",
    "Snapshot",
    "StationFiles",
    "TallyOriginError",
    "Trust",
    "check_tally",
    "checked_chains",
    "checked_products",
    "missing_stations",
    "never_opened_reported",
    "proof_problems",
]


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
            problems += typed(OriginFault.CHAIN_UNREADABLE, error.problems, station, at)
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
            found = typed(OriginFault.CHAIN_BROKEN, links, station, at)
        if not found and coverage is not None:
            box = _device(coverage, station, chain)
            found = typed(OriginFault.BOX_NOT_ON_RECORD, box, station, at)
        if not found:
            proofs = proof_problems(context, geography, station, chain)
            found = typed(OriginFault.PROOF_FAILS, proofs, station, at)
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
        return typed(OriginFault.STAFF_NOT_ON_RECORD, error.problems, station, at)
    return []


def check_tally(
    tally: Tally, products: Mapping[str, Mapping[str, ContestProduct]], where: str
) -> None:
    """Refuse (`TallyOriginError`) a tally that is not the chains' product."""
    problems = tally_problems(RISTRETTO255, tally, products)
    if problems:
        raise TallyOriginError(where, typed(OriginFault.TALLY_NOT_PRODUCT, problems, tally.station))

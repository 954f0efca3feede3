"""A guardian's check that what it is asked to decrypt is a real tally (docs/e2e.md §8).

From the published snapshot's election folder (`data/<election>/`): every station's chain
(`e2e/ballots/<station>.jsonl`, read strictly), its start, codes and close computed again
(`chain_file.check_links`), its start naming the station's zero report (`reports/<station>/
zero.json`) and its close the `e2e.chain_close` of the station's final report
(`reports/<station>/final.json`), both signed by the chain's box; then the tally held to the
product of those chains (`core.e2e.tally_origin`), and no ballot in two chains. Anything else
is refused (`GuardianFileError`) naming the station and contest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ElectionContext
from sandogh.core.e2e.ceremony_record import CeremonyRecord
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
from sandogh.core.report.signatures import decode_signed, verify_signed


@dataclass(frozen=True)
class StationFiles:
    """One station's published files, as bytes (None: not published)."""

    chain: bytes
    zero: bytes | None
    final: bytes | None


def checked_products(
    record: CeremonyRecord, stations: Mapping[str, StationFiles], where: str
) -> dict[str, dict[str, ContestProduct]]:
    """Each station's contest products, from `checked_chains`."""
    chains = checked_chains(record, stations, where)
    return {station: chain_products(RISTRETTO255, chain) for station, chain in chains.items()}


def checked_chains(
    record: CeremonyRecord, stations: Mapping[str, StationFiles], where: str
) -> dict[str, ChainFile]:
    """Each station's chain, once every chain is shown to be the one its signed final report
    closes and no ballot is in two chains; else `GuardianFileError` naming each station's
    problems."""
    context = ElectionContext(RISTRETTO255, record.extended_hash, record.joint_key)
    problems: list[Problem] = []
    chains: dict[str, ChainFile] = {}
    for station, files in sorted(stations.items()):
        at = f"e2e/ballots/{station}.jsonl"
        try:
            chain = read_chain(context, files.chain)
        except ChainFormatError as error:
            problems += [Problem(f"{at} {p.path}", p.message) for p in error.problems]
            continue
        found = _reports(station, chain, files)
        if not found:
            zero = files.zero
            assert zero is not None
            hashes = {  # the report inside the signed zero report, or the signed file's bytes
                "sha256:" + hashlib.sha256(decode_signed(zero).report).hexdigest(),
                "sha256:" + hashlib.sha256(zero).hexdigest(),
            }
            found = check_links(
                context, chain, station=station, device=chain.start.device, zero_report=hashes
            )
        problems += [Problem(f"{at} {p.path}", p.message) for p in found]
        if not found:
            chains[station] = chain
    problems += copied_ballots(chains)
    if problems:
        raise GuardianFileError(where, problems)
    return chains


def _reports(station: str, chain: ChainFile, files: StationFiles) -> list[Problem]:
    """The station's zero and final reports, signed by the chain's box; the final one's
    `e2e.chain_close` the chain's close."""
    problems = []
    device = chain.start.device
    closes = None
    for kind, data in (("zero", files.zero), ("final", files.final)):
        at = f"reports/{station}/{kind}.json"
        if data is None:
            problems.append(Problem(at, "not published"))
            continue
        try:
            report = verify_signed(decode_signed(data), device)
        except SandoghError as error:
            problems.append(Problem(at, f"not signed by the chain's box {device.text}: {error}"))
            continue
        if report.station != station or report.kind.value != kind:
            problems.append(Problem(at, f"is not {station}'s {kind} report"))
        if kind == "final":
            closes = None if report.e2e is None else report.e2e.chain_close
    if not problems and closes != chain.close.close.hex():
        problems.append(
            Problem(f"reports/{station}/final.json e2e.chain_close", "is not the chain's close")
        )
    return problems


def check_tally(
    tally: Tally, products: Mapping[str, Mapping[str, ContestProduct]], where: str
) -> None:
    """Refuse (`GuardianFileError`) a tally that is not the chains' product."""
    problems = tally_problems(RISTRETTO255, tally, products)
    if problems:
        raise GuardianFileError(where, problems)

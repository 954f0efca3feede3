"""A published snapshot held to the key ceremony before a guardian decrypts anything from it
(`docs/e2e.md` §8): its definition the one the ceremony names, its chains checked against the
sealed record (`services.tally_origin`), and a mix input the rows of every cast ballot of its
constituency's chains, so that no guardian is led to decrypt one voter's ballot.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sandogh.cli.guardians_files import read_document
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony_record import CeremonyRecord
from sandogh.core.e2e.chain_file import ChainFile
from sandogh.core.e2e.mix_files import decode_input, encode_input
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.report.digests import sha256_text
from sandogh.publish.e2e_mixes import chain_inputs
from sandogh.services import tally_origin
from sandogh.services.guardians import GROUP, Document


def _optional(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def stations_of(snapshot: Path) -> dict[str, tally_origin.StationFiles]:
    """Every station's chain and reports in the snapshot's election folder: a station with
    reports and no chain too, so that one named as never opened is refused if it reported."""
    chains = {chain.stem: chain for chain in (snapshot / "e2e" / "ballots").glob("*.jsonl")}
    reported = {folder.name for folder in (snapshot / "reports").glob("*") if folder.is_dir()}
    return {
        station: tally_origin.StationFiles(
            _optional(chains[station]) if station in chains else None,
            _optional(snapshot / "reports" / station / "zero.json"),
            _optional(snapshot / "reports" / station / "final.json"),
        )
        for station in sorted(chains.keys() | reported)
    }


def snapshot_of(snapshot: Path) -> tally_origin.Snapshot:
    """Every station's files and the sealed record's files in the snapshot's election folder."""
    # The snapshot's writer (and the definition's pydantic schema, below) are imported when a
    # guardian reads a snapshot, not whenever `sandogh` starts and imports these commands' options.
    from sandogh.publish.published import ANCHOR_AMENDMENTS, ANCHOR_RECORD, ANCHOR_SIGNATURES

    return tally_origin.Snapshot(
        stations_of(snapshot),
        _optional(snapshot / ANCHOR_RECORD),
        _optional(snapshot / ANCHOR_SIGNATURES),
        _optional(snapshot / ANCHOR_AMENDMENTS),
    )


def checked_definition(snapshot: Path, definition_hash: str) -> Election:
    """The snapshot's `definition.json`, refused unless it is the one the ceremony names
    (`definition_hash`): the stations, constituencies and ballots a guardian holds chains and
    mix inputs to are the ceremony's, never ones the snapshot makes up (docs/e2e.md §8)."""
    from sandogh.formats.definition_file import decode_canonical

    definition = read_document(snapshot / "definition.json")
    if sha256_text(definition.data) != definition_hash:
        raise GuardianFileError(
            definition.where, [Problem("", f"is not the ceremony's definition {definition_hash}")]
        )
    return decode_canonical(definition.data)


def checked_chains(
    record: CeremonyRecord, snapshot: Path, trust: tally_origin.Trust
) -> dict[str, ChainFile]:
    """`tally_origin.checked_chains` of the snapshot's election folder, its definition first
    held to the ceremony's (`checked_definition`)."""
    election = checked_definition(snapshot, record.plan.definition_hash)
    return tally_origin.checked_chains(
        record, Geography.of(election), snapshot_of(snapshot), str(snapshot), trust
    )


def check_input(
    snapshot: Path, definition_hash: str, chains: Mapping[str, ChainFile], given: Document
) -> None:
    """Refuse a mix input that is not its constituency's rows from the snapshot's checked
    chains, every station of the constituency in it (the definition the ceremony names tells
    which): a mix of one voter's rows would decrypt that voter's vote (docs/e2e.md §8)."""
    election = checked_definition(snapshot, definition_hash)
    expected = chain_inputs(election, Geography.of(election), chains)
    mixed = decode_input(GROUP, given.data, given.where)
    made = expected.get(f"mixes/{mixed.contest}/{mixed.constituency}.json")
    if made is None or encode_input(made) != encode_input(mixed):
        raise GuardianFileError(
            given.where,
            [
                Problem(
                    mixed.label,
                    "is not the rows of every cast ballot of the constituency's chains",
                )
            ],
        )

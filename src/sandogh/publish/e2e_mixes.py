"""A large contest's part of the E2E record (docs/e2e.md §11.4, §11.5 "Files"): the mix input of
each of its constituencies, written for the mixers beside the encrypted tallies, and the
guardians' mixes and decrypted rows taken back into `e2e/mixes/<contest>/<constituency>.json`.

What is taken back is held to the input computed here from the record's chains: every mix is
checked as a mixer checks the ones before it (`services.mixing`), and the decrypted rows must be
the last mix's rows with the guardians' shares and values added; anything else is refused
(`E2EMixError`). A constituency whose mixes or rows are not given yet is left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.e2e.chain_file import ChainFile
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.mix_files import (
    MixInput,
    encode_input,
    encode_mixes,
    mix_input,
    station_rows,
)
from sandogh.core.e2e.shuffle import Row
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.slots import is_large
from sandogh.core.errors import SandoghError
from sandogh.services.guardians import Document
from sandogh.services.mixing import rows_to_decrypt


class E2EMixError(SandoghError):
    """Mixes or decrypted rows given that are not of the record's chains."""


def large_constituencies(election: Election) -> list[tuple[str, str, int]]:
    """(contest, constituency, m) of every constituency that is large by §11.1."""
    found = []
    for contest in election.contests:
        for constituency in contest.constituencies:
            m = sum(c.constituency == constituency.id for c in contest.candidates)
            if is_large(m, constituency.seats):
                found.append((contest.id, constituency.id, m))
    return found


def mix_inputs(
    election: Election,
    member: Mapping[str, Mapping[str, str]],
    rows: Mapping[str, Mapping[str, tuple[Row, ...]]],
) -> dict[str, MixInput]:
    """The input of every large constituency with a row to mix, by its path under the
    record (`mixes/<contest>/<constituency>.json`). `member[contest][station]` is the station's
    constituency; `rows[station][contest]` the station's rows (`mix_files.station_rows`)."""
    inputs = {}
    for contest, constituency, _ in large_constituencies(election):
        stations = [
            (station, by_contest.get(contest, ()))
            for station, by_contest in rows.items()
            if member[contest].get(station) == constituency
        ]
        if any(station_rows for _, station_rows in stations):  # no row, nothing to mix
            inputs[f"mixes/{contest}/{constituency}.json"] = mix_input(
                contest, constituency, stations
            )
    return inputs


def chain_inputs(
    election: Election, geography: Geography, chains: Mapping[str, ChainFile]
) -> dict[str, MixInput]:
    """`mix_inputs` of the checked `chains` (`services.tally_origin.checked_chains`): what a
    guardian holds a mix input to before it decrypts its last rows (docs/e2e.md §8, §11.5)."""
    sizes = {(c, k): m for c, k, m in large_constituencies(election)}
    member = {c.id: geography.constituency_map(c.id) for c in election.contests}
    rows = {
        station: {
            contest: station_rows(
                RISTRETTO255,
                contest,
                sizes[contest, member[contest][station]],
                [b.contests for b in chain.cast_ballots],
            )
            for contest in member
            if (contest, member[contest].get(station, "")) in sizes
        }
        for station, chain in chains.items()
    }
    return mix_inputs(election, member, rows)


def taken_back(folder: Path, record: bytes, inputs: Mapping[str, MixInput]) -> dict[str, bytes]:
    """The record's mixes files, by path, of the constituencies whose mixes (`mix-1.json`, …)
    and decrypted rows (`rows.json`) are under `folder/mixes/<contest>/<constituency>/`."""
    found = {}
    for relative, made in inputs.items():
        directory = folder / relative.removesuffix(".json")
        decrypted = directory / "rows.json"
        mixes: list[Document] = []
        while (path := directory / f"mix-{len(mixes) + 1}.json").is_file():
            mixes.append(Document(str(path), path.read_bytes()))
        if not mixes or not decrypted.is_file():
            continue
        data = decrypted.read_bytes()
        try:
            rows = rows_to_decrypt(
                Document("election.json", record),
                Document(relative, encode_input(made)),
                mixes,
            )
        except GuardianFileError as error:
            raise E2EMixError(f"{directory}: {error}") from error
        if _without_decryption(data, decrypted) != rows:
            raise E2EMixError(f"{decrypted} decrypts other rows than the last mix of {relative}")
        found[relative] = encode_mixes(made, [m.data for m in mixes], data)
    return found


def _without_decryption(data: bytes, where: Path) -> bytes:
    try:
        document = json.loads(data)
        for row in document["contests"]:
            for option in row["options"]:
                del option["shares"], option["value"]
    except (ValueError, KeyError, TypeError) as error:
        raise E2EMixError(f"{where} is not a decrypted tally of rows: {error!r}") from error
    return canonical_json(document)

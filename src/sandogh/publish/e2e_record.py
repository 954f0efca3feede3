"""The election record of an E2E election in the snapshot: `data/<election>/e2e/` (docs/e2e.md §9).

Written from the store, beside the rest of the snapshot, once the election's ceremony record is
loaded at the centre (`services.e2e_ceremony`):

- `election.json`: the guardians' ceremony record, its bytes as loaded;
- `ballots/<station>.jsonl`: each station's chain, its bytes as the box sent them and the centre
  checked them (`services.chains`);
- `tallies/<station>.json` and `aggregates/<contest>/<constituency>.json`: the decrypted tallies,
  as `sandogh guardians combine` wrote them, from the folder given (`E2EOptions.decrypted`, the
  same paths under it). Each is held to the encrypted tally computed here from the chains
  (`core.e2e.tally`; an aggregate the product of its constituency's stations, §9) and refused
  (`E2ERecordError`) if its ciphertexts or ballots are others; one not given yet is left out,
  and the record is incomplete (a chain without its tally) until the guardians decrypt it;
- `mixes/<contest>/<constituency>.json`: a large contest's mixes and decrypted rows (§11), taken
  back from the same folder (`publish.e2e_mixes`); the mix input of each such constituency is
  written for the mixers beside the encrypted tallies, at the same path;
- `codes/`: the index behind the results site's "Was my ballot counted?" (`publish.e2e_codes`);
- `absent.json`, when a station that votes has no chain: why (`publish.e2e_absent`);
- `manifest.json`, last: every other file under `e2e/` with its SHA-256 and length. A file left
  under `e2e/` by an earlier run that this one does not write is removed, so that the folder is
  exactly what the manifest lists.

For the guardians, the encrypted tallies themselves are written to another folder
(`E2EOptions.tallies_out`), one file for `sandogh guardians decrypt` per station and aggregate,
at the same paths (§8's form): they are not part of the record, whose tallies are the decrypted
ones. Each station's parsed chain is kept by its hash between writes, so that following the
event log re-reads only the chains that came since.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.e2e import elgamal
from sandogh.core.e2e.ballot import ElectionContext
from sandogh.core.e2e.chain_file import read_chain, tally_of
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.mix_files import encode_input, station_rows
from sandogh.core.e2e.selection_vector import BLANK
from sandogh.core.e2e.shuffle import Row
from sandogh.core.e2e.slots import is_large
from sandogh.core.e2e.tally_files import Tally, TallyContest, encode_tally
from sandogh.core.errors import SandoghError
from sandogh.core.report.ballot import station_ballot
from sandogh.core.supervision.modes import encrypts
from sandogh.publish.e2e_absent import absent_json, absent_stations
from sandogh.publish.e2e_codes import CodeEntry, opened_contests, write_codes
from sandogh.publish.e2e_mixes import large_constituencies, mix_inputs, taken_back
from sandogh.publish.writer import Writer
from sandogh.services.ports import StoredCeremony, StoredChain

MANIFEST = "sandogh/e2e-manifest@1"


class E2ERecordError(SandoghError):
    """A decrypted tally given that is not the tally of the record's chains."""


@dataclass(frozen=True)
class E2EOptions:
    tallies_out: Path | None = None  # where to write the encrypted tallies for the guardians
    decrypted: Path | None = None  # where `sandogh guardians combine` wrote the decrypted ones


@dataclass(frozen=True)
class _Station:
    """What the record needs of one chain: its codes, and its encrypted tally once computed."""

    chain_hash: str
    codes: tuple[CodeEntry, ...]
    tally: Tally | None
    rows: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)  # a large contest's (§11)


@dataclass
class E2ERecord:
    """Writes one election's `e2e/` folder (see the module docstring)."""

    election: Election
    geography: Geography
    options: E2EOptions = field(default_factory=E2EOptions)
    _stations: dict[str, _Station] = field(default_factory=dict)

    @property
    def _tallies_needed(self) -> bool:
        return self.options.tallies_out is not None or self.options.decrypted is not None

    def write(
        self,
        writer: Writer,
        folder: str,
        ceremony: StoredCeremony,
        chains: Iterable[StoredChain],
    ) -> None:
        """Write the record under `folder` (`data/<election>/e2e`)."""
        context = ElectionContext(
            RISTRETTO255, bytes.fromhex(ceremony.extended_hash), bytes.fromhex(ceremony.joint_key)
        )
        files: dict[str, bytes] = {"election.json": ceremony.record}
        stations: dict[str, _Station] = {}
        for chain in chains:
            stations[chain.station] = self._station(context, chain)
            files[f"ballots/{chain.station}.jsonl"] = chain.data
        voting = [s for s in self.geography.stations if station_ballot(self.geography, s)]
        on_paper = [s for s in voting if not encrypts(self.geography, s)]
        election_folder = writer.root / folder.removesuffix("/e2e")
        absent = absent_stations(election_folder, voting, stations, on_paper)
        if absent:
            files["absent.json"] = absent_json(absent)
        tallies = self._tallies(stations)
        inputs = (
            mix_inputs(
                self.election,
                {c.id: self.geography.constituency_map(c.id) for c in self.election.contests},
                {code: station.rows for code, station in sorted(stations.items())},
            )
            if self._tallies_needed
            else {}
        )
        if self.options.tallies_out is not None:
            exported = {
                **{relative: encode_tally(tally) for relative, tally in tallies.items()},
                **{relative: encode_input(made) for relative, made in inputs.items()},
            }
            for relative, data in exported.items():
                path = self.options.tallies_out / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        if self.options.decrypted is not None:
            files.update(_decrypted(self.options.decrypted, tallies))
            files.update(taken_back(self.options.decrypted, ceremony.record, inputs))
        for relative, data in sorted(files.items()):
            writer.write(f"{folder}/{relative}", data)
        counted = {code for code in stations if f"tallies/{code}.json" in files}
        codes = write_codes(
            writer,
            f"{folder}/codes",
            (
                dataclasses.replace(c, counted=code in counted and not c.challenged)
                for code, s in stations.items()
                for c in s.codes
            ),
        )
        files.update({path.removeprefix(f"{folder}/"): data for path, data in codes.items()})
        listed: JSONValue = [
            {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for path, data in sorted(files.items())
        ]
        manifest: JSONValue = {
            "format": MANIFEST,
            "election": self.election.id,
            "files": listed,
        }
        writer.write(f"{folder}/manifest.json", canonical_json(manifest))
        _remove_others(writer.root / folder, {*files, "manifest.json"})

    def _station(self, context: ElectionContext, chain: StoredChain) -> _Station:
        kept = self._stations.get(chain.station)
        fresh = kept is not None and kept.chain_hash == chain.chain_hash
        if kept is not None and fresh and (kept.tally is not None or not self._tallies_needed):
            return kept
        tally, rows = None, {}
        if self._tallies_needed:
            ballot = station_ballot(self.geography, chain.station)
            parsed = read_chain(context, chain.data)
            tally = tally_of(context, parsed, ballot)
            cast = [b.contests for b in parsed.cast_ballots]
            rows = {
                c.contest: station_rows(context.group, c.contest, len(c.candidates), cast)
                for c in ballot
                if is_large(len(c.candidates), c.seats)
            }
        station = _Station(chain.chain_hash, tuple(self._codes(chain)), tally, rows)
        self._stations[chain.station] = station
        return station

    def _codes(self, chain: StoredChain) -> Iterable[CodeEntry]:
        """The chain's codes, read from its lines (the centre checked them)."""
        contests = {c.id: c for c in self.election.contests}
        candidates = {
            c.id: {candidate.code: candidate.name for candidate in c.candidates}
            for c in self.election.contests
        }
        name = self.geography.unit(chain.station).name
        for line in chain.data.splitlines()[1:-1]:
            entry = json.loads(line)
            challenged = entry["state"] == "challenged"
            opened = (
                opened_contests(
                    entry["choices"],
                    {c: contests[c].name for c in entry["choices"]},
                    candidates,
                )
                if challenged
                else ()
            )
            yield CodeEntry(bytes.fromhex(entry["code"]), chain.station, name, challenged, opened)

    def _tallies(self, stations: Mapping[str, _Station]) -> dict[str, Tally]:
        """Every station's encrypted tally and every constituency's, by their path in the
        record (none when no tally is needed)."""
        if not self._tallies_needed:
            return {}
        tallies = {
            f"tallies/{code}.json": station.tally
            for code, station in sorted(stations.items())
            if station.tally is not None
        }
        group = RISTRETTO255
        large = {(c, k) for c, k, _ in large_constituencies(self.election)}
        for contest in self.election.contests:
            member = self.geography.constituency_map(contest.id)
            for constituency in contest.constituencies:
                if (contest.id, constituency.id) in large:  # mixed, not aggregated (§11)
                    continue
                options = (
                    *(c.code for c in contest.candidates if c.constituency == constituency.id),
                    BLANK,
                )
                parts = [
                    next(c for c in s.tally.contests if c.contest == contest.id)
                    for code, s in sorted(stations.items())
                    if member.get(code) == constituency.id and s.tally is not None
                ]
                tallies[f"aggregates/{contest.id}/{constituency.id}.json"] = Tally(
                    f"{contest.id}/{constituency.id}",
                    (
                        TallyContest(
                            contest.id,
                            sum(part.ballots for part in parts),
                            tuple(
                                (
                                    option,
                                    elgamal.accumulate(
                                        group, (dict(part.options)[option] for part in parts)
                                    ),
                                )
                                for option in options
                            ),
                        ),
                    ),
                )
        return tallies


def _decrypted(folder: Path, tallies: Mapping[str, Tally]) -> dict[str, bytes]:
    """The decrypted tallies under `folder` of the encrypted `tallies`, by path; each must be
    its tally with the guardians' shares and values added."""
    found: dict[str, bytes] = {}
    for relative, tally in tallies.items():
        path = folder / relative
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            document = json.loads(data)
            for contest in document["contests"]:
                for option in contest["options"]:
                    del option["shares"], option["value"]
        except (ValueError, KeyError, TypeError) as error:
            raise E2ERecordError(f"{path} is not a decrypted tally: {error!r}") from error
        if canonical_json(document) != encode_tally(tally):
            raise E2ERecordError(
                f"{path} decrypts another tally than the record's {relative}: "
                "other ciphertexts or ballots"
            )
        found[relative] = data
    return found


def _remove_others(root: Path, kept: set[str]) -> None:
    """Remove every file under `root` that is not `kept` (paths relative to `root`)."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*"), reverse=True):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and relative not in kept and not path.name.startswith("."):
            path.unlink()

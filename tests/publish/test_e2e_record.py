"""The E2E record in the snapshot (docs/e2e.md §9): every file written, the manifest covering
exactly them, the encrypted tallies handed to the guardians, their decrypted tallies joining the
record, and `verify-election` passing on it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.report import E2ECommitment, SigningKey
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.digests import sha256_text
from sandogh.publish.e2e_record import E2EOptions, E2ERecordError
from sandogh.publish.snapshot import Publisher
from sandogh.services.chains import receive_chain
from sandogh.services.devices import enrol_device
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.ingest import ingest_report
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.ports import UnitOfWork
from sandogh.verify_election.run import verify_election
from tests.e2e_build import Chain, Guardians, ceremony, decrypt_folder
from tests.services.build import (
    DEVICE,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    final,
    load,
    register_station_staff,
    signed,
    zero,
)

E2E = f"data/{ROUND_2}/e2e"
DEVICE_2 = SigningKey.from_seed(bytes(range(64, 96)))
VOTES_2: Mapping[str, Sequence[tuple[str, ...]]] = {
    "president": [("21",), ("21",)],
    "parliament": [("34",), ("32", "33")],
}
NewUnitOfWork = Callable[[], UnitOfWork]


@dataclasses.dataclass
class Election:
    uow: NewUnitOfWork
    guardians: Guardians
    chains: dict[str, Chain]


def _station(
    uow: NewUnitOfWork,
    guardians: Guardians,
    station: str,
    key: SigningKey,
    votes: Mapping[str, Sequence[tuple[str, ...]]],
) -> Chain:
    """The station's box enrolled, its zero report, its chain (the first voter's choices
    challenged, then one cast ballot a voter of `votes`), its final report committing to it, and
    the chain sent."""
    enrol_device(
        uow, election_id=ROUND_2, station=station, public_key_hex=key.public_key.raw.hex(), now=NOW
    )
    register_station_staff(uow, ROUND_2, station)
    zero_bytes = signed(zero(ROUND_2_DAY, station, key), key)
    ingest_report(uow, signed=zero_bytes, now=NOW)
    ballot = station_ballot(Geography.of(ROUND_2_DAY), station)
    chain = Chain(guardians.context, station, ballot, key.public_key, sha256_text(zero_bytes))
    chain.add({contest: list(chosen[0]) for contest, chosen in votes.items()}, challenged=True)
    for i in range(len(votes["president"])):
        chain.add({contest: list(chosen[i]) for contest, chosen in votes.items()})
    commitment = E2ECommitment(chain.close.hex(), chain.tally_hash.hex())
    report = dataclasses.replace(final(ROUND_2_DAY, station, key, votes), e2e=commitment)
    ingest_report(uow, signed=signed(report, key), now=LATER)
    receive_chain(uow, data=chain.data, now=LATER)
    return chain


@pytest.fixture
def election() -> Election:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    with uow() as work:
        definition_hash = work.elections.hash_of(ROUND_2)
    assert definition_hash is not None
    guardians = ceremony(ROUND_2, definition_hash)
    load_ceremony(uow, election_id=ROUND_2, record=guardians.data, now=NOW)
    chains = {
        ST_1: _station(uow, guardians, ST_1, DEVICE, RUNOFF_VOTES),
        ST_2: _station(uow, guardians, ST_2, DEVICE_2, VOTES_2),
    }
    return Election(uow, guardians, chains)


def _files(root: Path) -> dict[str, bytes]:
    folder = root / E2E
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json*")}


def _code_entries(files: dict[str, bytes]) -> list[dict[str, object]]:
    return [
        entry
        for path, data in files.items()
        if path.startswith("codes/") and path != "codes/index.json"
        for entry in json.loads(data)["codes"]
    ]


def _manifest_covers_every_file(root: Path) -> dict[str, bytes]:
    files = _files(root)
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["format"] == "sandogh/e2e-manifest@1"
    assert manifest["election"] == ROUND_2
    listed = {entry["path"]: (entry["sha256"], entry["bytes"]) for entry in manifest["files"]}
    assert listed == {
        path: (hashlib.sha256(data).hexdigest(), len(data)) for path, data in files.items()
    }
    assert [e["path"] for e in manifest["files"]] == sorted(listed)
    return files


def test_the_record_before_and_after_the_guardians_decrypt(
    election: Election, tmp_path: Path
) -> None:
    snapshot, tallies, decrypted = tmp_path / "snapshot", tmp_path / "tallies", tmp_path / "out"

    Publisher(
        election.uow, snapshot, render=False, e2e=E2EOptions(tallies_out=tallies)
    ).regenerate()

    files = _manifest_covers_every_file(snapshot)
    assert files["election.json"] == election.guardians.data
    for station, chain in election.chains.items():
        assert files[f"ballots/{station}.jsonl"] == chain.data
    assert not any(path.startswith(("tallies/", "aggregates/")) for path in files)
    index = json.loads(files["codes/index.json"])
    assert index["codes"] == 3 + 5  # every ballot, challenged ones too
    # no cast ballot is said counted before its tally is decrypted (the outside review)
    assert {e.get("counted") for e in _code_entries(files) if e["state"] == "cast"} == {False}
    to_decrypt = sorted(p.relative_to(tallies).as_posix() for p in tallies.rglob("*.json"))
    assert to_decrypt == [
        "aggregates/parliament/P1.json",
        "aggregates/parliament/P2.json",
        "aggregates/president/IR.json",
        f"tallies/{ST_1}.json",
        f"tallies/{ST_2}.json",
    ]
    nation = json.loads((tallies / "aggregates/president/IR.json").read_bytes())
    assert nation["station"] == "president/IR"
    assert nation["contests"][0]["ballots"] == 4 + 2

    decrypt_folder(election.guardians, tallies, decrypted)  # guardian 2 absent
    Publisher(  # `sandogh publish --once`: nothing new in the log, the tallies all the same
        election.uow, snapshot, render=False, e2e=E2EOptions(decrypted=decrypted)
    ).catch_up()

    files = _manifest_covers_every_file(snapshot)
    assert {e.get("counted") for e in _code_entries(files) if e["state"] == "cast"} == {True}
    for relative in to_decrypt:
        assert files[relative] == (decrypted / relative).read_bytes()
    president = json.loads(files["aggregates/president/IR.json"])["contests"][0]["options"]
    assert {o["option"]: o["value"] for o in president} == {"21": 1 + 2, "25": 2, "": 1}
    challenged = [json.loads(line) for line in files[f"ballots/{ST_2}.jsonl"].splitlines()[1:2]]
    assert challenged[0]["choices"] == {"parliament": ["34"], "president": ["21"]}
    assert [s["guardian"] for s in president[0]["shares"]] == [1, 3]
    verification = verify_election(str(snapshot), workers=1)
    failures = {
        check: outcome.first
        for e in verification.elections
        for check, outcome in e.ledger.outcomes.items()
        if outcome.failed
    }
    assert failures == {}
    assert verification.passed


def test_a_decrypted_tally_of_other_ciphertexts_is_refused(
    election: Election, tmp_path: Path
) -> None:
    tallies, decrypted = tmp_path / "tallies", tmp_path / "out"
    Publisher(
        election.uow, tmp_path / "s", render=False, e2e=E2EOptions(tallies_out=tallies)
    ).regenerate()
    decrypt_folder(election.guardians, tallies, decrypted)
    swapped = decrypted / f"tallies/{ST_1}.json", decrypted / f"tallies/{ST_2}.json"
    first, second = (json.loads(p.read_bytes()) for p in swapped)
    first["contests"], second["contests"] = second["contests"], first["contests"]
    swapped[0].write_bytes(canonical_json(first))

    with pytest.raises(E2ERecordError, match=f"tallies/{ST_1}.json"):
        Publisher(
            election.uow, tmp_path / "s", render=False, e2e=E2EOptions(decrypted=decrypted)
        ).regenerate()


def test_a_chain_taken_while_following_joins_the_record(election: Election, tmp_path: Path) -> None:
    publisher = Publisher(election.uow, tmp_path, render=False)
    publisher.regenerate()
    before = _files(tmp_path)
    (tmp_path / E2E / "stale.json").write_bytes(b"{}")

    _station(
        election.uow,
        election.guardians,
        "ST-0802-0001",
        SigningKey.from_seed(b"3" * 32),
        {"president": [("25",)], "parliament": [("41",)]},
    )
    done = publisher.poll()

    after = _manifest_covers_every_file(tmp_path)
    assert f"{E2E}/ballots/ST-0802-0001.jsonl" in done.written
    assert set(after) - set(before) == {"ballots/ST-0802-0001.jsonl"}
    assert not (tmp_path / E2E / "stale.json").exists()


def test_the_guardians_tallies_join_a_record_being_followed(
    election: Election, tmp_path: Path
) -> None:
    tallies, decrypted = tmp_path / "tallies", tmp_path / "out"
    options = E2EOptions(tallies_out=tallies, decrypted=decrypted)
    publisher = Publisher(election.uow, tmp_path / "s", render=False, e2e=options)
    publisher.regenerate()
    assert not any(p.startswith("tallies/") for p in _files(tmp_path / "s"))

    decrypt_folder(election.guardians, tallies, decrypted)
    done = publisher.write_e2e()

    assert f"{E2E}/tallies/{ST_1}.json" in done.written
    files = _manifest_covers_every_file(tmp_path / "s")
    assert "aggregates/president/IR.json" in files

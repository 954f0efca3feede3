"""A large contest's mixes and decrypted rows taken back into the record (docs/e2e.md §11.5,
"Files"; `publish.e2e_mixes`): held to the input computed from the chains, refused otherwise."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from sandogh.cli.guardians_snapshot import check_input, checked_chains
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Name,
    Office,
)
from sandogh.core.definition.rule import PluralityRule
from sandogh.core.e2e.mix_files import MixInput, decode_input, encode_input
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.report import E2ECommitment, SigningKey
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.digests import sha256_text
from sandogh.publish.e2e_mixes import E2EMixError, taken_back
from sandogh.publish.e2e_record import E2EOptions
from sandogh.publish.snapshot import Publisher
from sandogh.services.chains import receive_chain
from sandogh.services.devices import enrol_device
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.guardians import Document
from sandogh.services.ingest import ingest_report
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.origin_snapshot import Trust
from sandogh.verify_election.run import verify_election
from tests.e2e_build import Chain, Guardians, ceremony, decrypt_folder
from tests.services.build import (
    DEVICE,
    LATER,
    NOW,
    ROUND_2,
    ST_1,
    ST_2,
    day,
    final,
    load,
    president,
    register_station_staff,
    signed,
    zero,
)
from tests.verify_election.large_record import build_large
from tests.verify_election.record import Built, G

RELATIVE = "mixes/majlis/M1.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_large(tmp_path_factory.mktemp("large"))


def _inputs(built: Built) -> dict[str, MixInput]:
    data = (built.root / "guardians" / RELATIVE).read_bytes()
    return {RELATIVE: decode_input(G, data, RELATIVE)}


def test_the_guardians_files_make_the_records_mixes_file(built: Built) -> None:
    record = (built.folder / "e2e" / "election.json").read_bytes()
    found = taken_back(built.root / "guardians", record, _inputs(built))
    assert found == {RELATIVE: (built.folder / "e2e" / RELATIVE).read_bytes()}


def test_nothing_is_taken_before_the_rows_are_decrypted(built: Built, tmp_path: Path) -> None:
    folder = tmp_path / "mixes" / "majlis" / "M1"
    folder.mkdir(parents=True)
    source = built.root / "guardians" / "mixes" / "majlis" / "M1"
    (folder / "mix-1.json").write_bytes((source / "mix-1.json").read_bytes())
    record = (built.folder / "e2e" / "election.json").read_bytes()
    assert taken_back(tmp_path, record, _inputs(built)) == {}


def test_rows_of_another_mix_are_refused(built: Built, tmp_path: Path) -> None:
    source = built.root / "guardians" / "mixes" / "majlis" / "M1"
    folder = tmp_path / "mixes" / "majlis" / "M1"
    folder.mkdir(parents=True)
    for name in ("mix-1.json", "mix-2.json"):
        (folder / name).write_bytes((source / name).read_bytes())
    rows = json.loads((source / "rows.json").read_bytes())
    rows["contests"].reverse()
    (folder / "rows.json").write_bytes(canonical_json(rows))
    record = (built.folder / "e2e" / "election.json").read_bytes()
    with pytest.raises(E2EMixError, match="other rows than the last mix"):
        taken_back(tmp_path, record, _inputs(built))


def test_a_mix_of_another_input_is_refused(built: Built, tmp_path: Path) -> None:
    source = built.root / "guardians" / "mixes" / "majlis" / "M1"
    folder = tmp_path / "mixes" / "majlis" / "M1"
    folder.mkdir(parents=True)
    (folder / "mix-1.json").write_bytes((source / "mix-2.json").read_bytes())  # mixer 2 first
    (folder / "rows.json").write_bytes((source / "rows.json").read_bytes())
    record = (built.folder / "e2e" / "election.json").read_bytes()
    with pytest.raises(E2EMixError, match="mixer"):
        taken_back(tmp_path, record, _inputs(built))


# ---- through the publisher, from the store -------------------------------------------------

COUNCIL_CODES = " ".join(str(1000 + n) for n in range(256))
LARGE_DAY = day(
    ROUND_2,
    (
        president(True),
        Contest(
            id="council",
            office=Office.CITY_COUNCIL,
            name=Name("شورای شهر", "City council"),
            rule=PluralityRule(),
            constituencies=(Constituency("C1", Name("کرمان", "Kerman"), ("IR-08-0801",), 2),),
            candidates=tuple(
                Candidate(code, Name(f"نامزد {code}", code), "C1") for code in COUNCIL_CODES.split()
            ),
        ),
    ),
    datetime.date(2024, 7, 5),
)
VOTES: dict[str, dict[str, list[tuple[str, ...]]]] = {
    ST_1: {"president": [("21",), ("25",)], "council": [("1003", "1100"), ()]},
    ST_2: {"president": [("21",)], "council": [("1003",)]},
}


def _station(uow: Any, guardians: Guardians, station: str, key: SigningKey) -> None:
    votes = VOTES[station]
    enrol_device(
        uow, election_id=ROUND_2, station=station, public_key_hex=key.public_key.raw.hex(), now=NOW
    )
    register_station_staff(uow, ROUND_2, station)
    zero_bytes = signed(zero(LARGE_DAY, station, key), key)
    ingest_report(uow, signed=zero_bytes, now=NOW)
    ballot = station_ballot(Geography.of(LARGE_DAY), station)
    chain = Chain(guardians.context, station, ballot, key.public_key, sha256_text(zero_bytes))
    for i in range(len(votes["president"])):
        chain.add({contest: list(chosen[i]) for contest, chosen in votes.items()})
    commitment = E2ECommitment(chain.close.hex(), chain.tally_hash.hex())
    report = dataclasses.replace(final(LARGE_DAY, station, key, votes), e2e=commitment)
    ingest_report(uow, signed=signed(report, key), now=LATER)
    receive_chain(uow, data=chain.data, now=LATER)


def test_the_publisher_writes_the_mix_input_and_takes_the_mixes_back(tmp_path: Path) -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, LARGE_DAY)
    with uow() as work:
        definition_hash = work.elections.hash_of(ROUND_2)
    assert definition_hash is not None
    guardians = ceremony(ROUND_2, definition_hash)
    load_ceremony(uow, election_id=ROUND_2, record=guardians.data, now=NOW)
    _station(uow, guardians, ST_1, DEVICE)
    _station(uow, guardians, ST_2, SigningKey.from_seed(bytes(range(64, 96))))
    snapshot, tallies, out = tmp_path / "snapshot", tmp_path / "tallies", tmp_path / "out"

    Publisher(uow, snapshot, render=False, e2e=E2EOptions(tallies_out=tallies)).regenerate()
    exported = sorted(p.relative_to(tallies).as_posix() for p in tallies.rglob("*.json"))
    assert exported == [
        "aggregates/president/IR.json",
        "mixes/council/C1.json",
        f"tallies/{ST_1}.json",
        f"tallies/{ST_2}.json",
    ]
    given = decode_input(
        G, (tallies / RELATIVE.replace("majlis/M1", "council/C1")).read_bytes(), ""
    )
    assert given.stations == ((ST_1, 2), (ST_2, 1))
    # a guardian holds the input to the snapshot's chains: the real one passes; one station's
    # rows alone (a smaller crowd, down to one voter) are refused (docs/e2e.md §8)
    folder = snapshot / "data" / ROUND_2
    chains = checked_chains(guardians.record, folder, Trust(unanchored=True))
    real = Document("in", encode_input(given))
    check_input(folder, definition_hash, chains, real)
    part = dataclasses.replace(given, stations=given.stations[:1], rows=given.rows[:2])
    with pytest.raises(GuardianFileError, match="council/C1"):
        check_input(folder, definition_hash, chains, Document("part", encode_input(part)))

    decrypt_folder(guardians, tallies, out, snapshot=snapshot)
    Publisher(uow, snapshot, render=False, e2e=E2EOptions(decrypted=out)).regenerate()
    mixes = json.loads((snapshot / f"data/{ROUND_2}/e2e/mixes/council/C1.json").read_bytes())
    assert [m["guardian"] for m in mixes["mixes"]] == [1, 3]
    rows = sorted(tuple(o["value"] for o in r["options"]) for r in mixes["rows"]["contests"])
    assert rows == [(4, 101), (4, 257), (257, 258)]  # 1003 & 1100; 1003 alone; blank
    verification = verify_election(str(snapshot), workers=1)
    failures = {
        check: outcome.first
        for e in verification.elections
        for check, outcome in e.ledger.outcomes.items()
        if outcome.failed
    }
    assert failures == {}

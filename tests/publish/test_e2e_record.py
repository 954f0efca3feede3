"""The E2E record in the snapshot (docs/e2e.md §9): every file written, the manifest covering
exactly them, the encrypted tallies handed to the guardians, their decrypted tallies joining the
record, and `verify-election` passing on it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.cli.guardians_snapshot import checked_chains, snapshot_of
from sandogh.core.anchor import E2EKeys, decode_record, fingerprint, sign_record
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.e2e import elgamal
from sandogh.core.e2e.ceremony_files import GuardianKey, encode_key
from sandogh.core.e2e.chain_file import read_chain
from sandogh.core.e2e.group import RISTRETTO255 as G
from sandogh.core.e2e.selection_vector import EncryptedContest
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.tally_files import Tally, TallyContest, decode_tally, encode_tally
from sandogh.core.e2e.tally_origin import copied_ballots
from sandogh.core.report import E2ECommitment, SigningKey
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.digests import sha256_text
from sandogh.formats.key_file import read_key_file
from sandogh.publish.e2e_record import E2EOptions, E2ERecordError
from sandogh.publish.published import ANCHOR_AMENDMENTS, ANCHOR_RECORD, ANCHOR_SIGNATURES
from sandogh.publish.snapshot import Publisher
from sandogh.services import origin_snapshot
from sandogh.services.anchor import add_signature, draft_record, seal_record
from sandogh.services.chains import receive_chain
from sandogh.services.devices import enrol_device
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.ingest import ingest_report
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.origin_faults import OriginFault, TallyOriginError
from sandogh.services.origin_snapshot import Trust
from sandogh.services.ports import UnitOfWork
from sandogh.services.tally_origin import check_tally, checked_products, proof_problems
from sandogh.verify_election.run import verify_election
from tests.e2e_build import Chain, Guardians, ceremony, decrypt_folder, guardian_key
from tests.services.build import (
    AUTHORITIES,
    DEVICE,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    SEALERS,
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


def _enrol(uow: NewUnitOfWork, station: str, key: SigningKey) -> None:
    """The station's box enrolled and its staff registered."""
    enrol_device(
        uow, election_id=ROUND_2, station=station, public_key_hex=key.public_key.raw.hex(), now=NOW
    )
    register_station_staff(uow, ROUND_2, station)


def _station(
    uow: NewUnitOfWork,
    guardians: Guardians,
    station: str,
    key: SigningKey,
    votes: Mapping[str, Sequence[tuple[str, ...]]],
) -> Chain:
    """The station's zero report (its box enrolled before, `_enrol`), its chain (the first
    voter's choices challenged, then one cast ballot a voter of `votes`), its final report
    committing to it, and the chain sent."""
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
    return _election(DEVICE, DEVICE_2)


def _election(key_1: SigningKey, key_2: SigningKey, anchor: str = "") -> Election:
    """The day of `ST_1` and `ST_2`, their boxes `key_1` and `key_2` (the same ceremony each
    time: its seed is fixed); the boxes enrolled and the staff registered before it, and with
    `anchor` the pre-election record sealed then (`seal`): "e2e" with the ceremony's member,
    "plain" without, "other-complaints" with the SHA-256 of another ceremony record."""
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    with uow() as work:
        definition_hash = work.elections.hash_of(ROUND_2)
    assert definition_hash is not None
    guardians = ceremony(ROUND_2, definition_hash)
    load_ceremony(uow, election_id=ROUND_2, record=guardians.data, now=NOW)
    for station, key in ((ST_1, key_1), (ST_2, key_2)):
        enrol_device(
            uow,
            election_id=ROUND_2,
            station=station,
            public_key_hex=key.public_key.raw.hex(),
            now=NOW,
        )
        register_station_staff(uow, ROUND_2, station)
    if anchor:
        other = "sha256:" + "00" * 32 if anchor == "other-complaints" else None
        seal(uow, guardians, e2e=anchor != "plain", record_hash=other)
    chains = {
        ST_1: _station(uow, guardians, ST_1, key_1, RUNOFF_VOTES),
        ST_2: _station(uow, guardians, ST_2, key_2, VOTES_2),
    }
    return Election(uow, guardians, chains)


def seal(
    uow: NewUnitOfWork, guardians: Guardians, *, e2e: bool = True, record_hash: str | None = None
) -> bytes:
    """The pre-election record drafted from the store (its boxes), with the ceremony's `e2e`
    member (or none; `record_hash` in place of its record's), signed by `SEALERS` and sealed, as
    `sandogh anchor draft/sign/seal` does; its bytes."""
    record = guardians.record
    keys = E2EKeys(
        record.plan.id,
        record.extended_hash.hex(),
        record.joint_key.hex(),
        record_hash or sha256_text(guardians.data),  # binds the complaints (docs/e2e.md §9)
    )
    drafted = draft_record(
        uow,
        election_id=ROUND_2,
        authorities=AUTHORITIES,
        threshold=3,
        now=NOW,
        actor="hq-1",
        e2e=keys if e2e else None,
    )
    parsed = decode_record(drafted.data)
    for key in SEALERS:
        add_signature(uow, election_id=ROUND_2, signature=sign_record(parsed, key), now=NOW)
    seal_record(uow, election_id=ROUND_2, now=NOW, actor="hq-1")
    return drafted.data


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

    decrypt_folder(election.guardians, tallies, decrypted, snapshot=snapshot)  # 2 absent
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

    late = SigningKey.from_seed(b"3" * 32)
    _enrol(election.uow, "ST-0802-0001", late)
    _station(
        election.uow,
        election.guardians,
        "ST-0802-0001",
        late,
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


def test_a_guardian_decrypts_no_ballot_dressed_as_a_tally(
    election: Election, tmp_path: Path
) -> None:
    """The review's attack: one cast ballot's ciphertexts wrapped as a station's tally, or a
    voter's ballot copied into a chain of another box, are refused before any decryption
    (docs/e2e.md §8)."""
    snapshot, tallies = tmp_path / "snapshot", tmp_path / "tallies"
    Publisher(
        election.uow, snapshot, render=False, e2e=E2EOptions(tallies_out=tallies)
    ).regenerate()
    folder = snapshot / "data" / ROUND_2
    record = election.guardians.record
    products = checked_products(
        record, Geography.of(ROUND_2_DAY), snapshot_of(folder), str(folder), Trust(unanchored=True)
    )
    chain = read_chain(election.guardians.context, election.chains[ST_1].data)
    ballot = chain.cast_ballots[0]
    contest = ballot.contests[0]
    assert isinstance(contest, EncryptedContest)
    one = Tally(
        ST_1,
        (
            TallyContest(
                contest.contest, 1, tuple((s.option, s.ciphertext) for s in contest.selections)
            ),
        ),
    )
    with pytest.raises(GuardianFileError, match=f"{ST_1}.{contest.contest}"):
        check_tally(one, products, "one-ballot.json")
    real = decode_tally(G, (tallies / f"tallies/{ST_1}.json").read_bytes(), "t")
    check_tally(real, products, "t")  # the real tally passes
    # a box copies the voter's ballot into a chain of its own: both chains are named
    assert copied_ballots({ST_1: chain, "ST-COPY": chain})


def test_the_reviewers_attack_through_the_cli(tmp_path: Path) -> None:
    """`sandogh guardians decrypt --snapshot`: one cast ballot of the station's chain wrapped as
    `{"station":…,"contests":[{"ballots":1,…}]}` is refused, naming the station and contest; the
    station's real tally is decrypted, the snapshot held to the sealed record whose fingerprint
    the guardian gives (`--anchor`)."""
    snapshot, tallies = tmp_path / "snapshot", tmp_path / "tallies"
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    published = snapshot / "data" / ROUND_2 / "anchor" / "record.json"
    Publisher(
        election.uow, snapshot, render=False, e2e=E2EOptions(tallies_out=tallies)
    ).regenerate()
    guardians = election.guardians
    record = tmp_path / "election.json"
    record.write_bytes(guardians.data)
    home = tmp_path / "guardian1"
    home.mkdir(mode=0o700)  # a private folder: only its owner may enter it
    key = home / "key"
    key.write_text(hashlib.sha256(b"guardian 1").hexdigest() + "\n")
    key.chmod(0o600)
    assert guardian_key(1).public_key == read_key_file(key).public_key
    (home / "guardian-1.key.json").write_bytes(
        encode_key(
            G,
            GuardianKey(
                guardians.record.plan.id, 1, guardians.record.extended_hash, guardians.shares[1]
            ),
        )
    )
    chain = read_chain(guardians.context, election.chains[ST_1].data)
    contest = chain.cast_ballots[0].contests[0]
    assert isinstance(contest, EncryptedContest)
    wrapped = tmp_path / "one-ballot.json"
    wrapped.write_bytes(
        encode_tally(
            Tally(
                ST_1,
                (
                    TallyContest(
                        contest.contest,
                        1,
                        tuple((s.option, s.ciphertext) for s in contest.selections),
                    ),
                ),
            )
        )
    )

    def decrypt(tally: Path, out: Path, anchor: str = "", lang: str = "en") -> Result:
        return CliRunner().invoke(
            app,
            [
                "guardians", "decrypt", "--key", str(key), "--record", str(record),
                "--tally", str(tally), "--snapshot", str(snapshot / "data" / ROUND_2),
                "--anchor", anchor or fingerprint(published.read_bytes()), "--out", str(out),
                "--lang", lang,
            ],
        )  # fmt: skip

    refused = decrypt(wrapped, tmp_path / "p.json")
    assert refused.exit_code != 0
    assert f"{ST_1}.{contest.contest}" in str(refused.exception)
    assert not (tmp_path / "p.json").exists()
    persian = str(decrypt(wrapped, tmp_path / "p.json", lang="fa").exception)
    said = persian.split(" — ", maxsplit=1)[0]
    assert f"شمارش رمزشده شعبه {ST_1} حاصل‌ضرب برگه‌های زنجیره‌های منتشرشده نیست" in said
    assert OriginFault.TALLY_NOT_PRODUCT.value not in said
    assert not (tmp_path / "p.json").exists()
    other = decrypt(tallies / f"tallies/{ST_1}.json", tmp_path / "o.json", "sha256:" + "00" * 32)
    assert "anchor/record.json: its fingerprint is" in str(other.exception)
    assert not (tmp_path / "o.json").exists()
    done = decrypt(tallies / f"tallies/{ST_1}.json", tmp_path / "real.json")
    assert done.exit_code == 0, done.output


def _publish(election: Election, root: Path) -> Path:
    Publisher(
        election.uow, root, render=False, e2e=E2EOptions(tallies_out=root.with_suffix(".t"))
    ).regenerate()
    return root / "data" / ROUND_2


def test_a_made_up_box_is_refused_by_the_sealed_record(election: Election, tmp_path: Path) -> None:
    """The reviewer's attack (docs/e2e.md §8): a snapshot whose boxes are keys of the maker's own,
    every report re-signed and every chain consistent with them, decrypted before because the
    box key was taken from the chain itself. Held to the sealed record, whose boxes are the real
    ones, every chain is refused; with no record at all it is refused unless `--unanchored`."""
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    record = election.guardians.record
    real = _publish(election, tmp_path / "real")
    sealed = (real / "anchor" / "record.json").read_bytes()
    assert checked_chains(record, real, Trust(anchor=fingerprint(sealed)))
    made_up = _election(SigningKey.from_seed(bytes(range(1, 33))), SigningKey.from_seed(bytes(32)))
    assert made_up.guardians.data == election.guardians.data
    fake = _publish(made_up, tmp_path / "fake")
    assert checked_chains(record, fake, Trust(unanchored=True))  # how the attack went through
    with pytest.raises(TallyOriginError, match=r"anchor/record\.json: not published") as none:
        checked_chains(record, fake, Trust())
    assert [f.fault for f in none.value.found] == [OriginFault.RECORD_MISSING]
    shutil.copytree(real / "anchor", fake / "anchor")
    with pytest.raises(TallyOriginError) as refused:
        checked_chains(record, fake, Trust())
    for station in (ST_1, ST_2):
        assert f"e2e/ballots/{station}.jsonl start.device" in str(refused.value)
    assert {(f.fault, f.station) for f in refused.value.found} == {
        (OriginFault.BOX_NOT_ON_RECORD, ST_1),
        (OriginFault.BOX_NOT_ON_RECORD, ST_2),
    }
    assert "is on record nowhere" in str(refused.value)
    with pytest.raises(GuardianFileError, match="not the station's box"):
        checked_chains(record, fake, Trust(anchor=fingerprint(sealed), unanchored=True))


def test_the_record_must_be_of_this_ceremony_and_the_one_given(tmp_path: Path) -> None:
    """A sealed record with no `e2e` member (or another ceremony's) vouches for no ceremony; a
    fingerprint given that is not the record's is refused."""
    election = _election(DEVICE, DEVICE_2, anchor="plain")
    record = election.guardians.record
    folder = _publish(election, tmp_path / "s")
    sealed = (folder / "anchor" / "record.json").read_bytes()
    with pytest.raises(GuardianFileError, match=r"anchor/record\.json e2e: is not this ceremony's"):
        checked_chains(record, folder, Trust())
    other = "sha256:" + "00" * 32
    with pytest.raises(GuardianFileError, match=f"neither it nor .* is {other}"):
        checked_chains(record, folder, Trust(anchor=other))
    with pytest.raises(GuardianFileError, match=f"its fingerprint is {fingerprint(sealed)}"):
        checked_chains(record, folder, Trust(anchor=other))


def test_a_ceremony_record_other_than_the_sealed_one_is_refused(tmp_path: Path) -> None:
    """Same id, HE and K, but the sealed record's `e2e.record` is of other bytes (another
    complaints list): the guardian's record is not the one sealed."""
    election = _election(DEVICE, DEVICE_2, anchor="other-complaints")
    folder = _publish(election, tmp_path / "s")
    with pytest.raises(GuardianFileError, match=r"e2e\.record: is not the SHA-256"):
        checked_chains(election.guardians.record, folder, Trust())


def test_the_definition_is_the_ceremonys_and_every_chain_a_station_of_it(tmp_path: Path) -> None:
    """A snapshot's definition of the maker's own (its stations, its ballots) is refused; so is a
    chain of a station the ceremony's definition does not hold."""
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    record = election.guardians.record
    folder = _publish(election, tmp_path / "s")
    assert checked_chains(record, folder, Trust())
    extra = folder / "e2e" / "ballots" / "ST-9999-9999.jsonl"
    shutil.copy(folder / "e2e" / "ballots" / f"{ST_1}.jsonl", extra)
    with pytest.raises(GuardianFileError, match="ST-9999-9999 is not a station of the ceremony"):
        checked_chains(record, folder, Trust())
    extra.unlink()
    definition = folder / "definition.json"
    definition.write_bytes(definition.read_bytes() + b"\n")
    with pytest.raises(GuardianFileError, match="is not the ceremony's definition"):
        checked_chains(record, folder, Trust())


def test_a_re_randomised_copy_of_a_ballot_is_refused(election: Election) -> None:
    """A copy of a voter's ballot multiplied by an encryption of 0 is a ciphertext no other chain
    holds, so `copied_ballots` misses it; its maker cannot prove it, so its proofs fail."""
    context = election.guardians.context
    chain = read_chain(context, election.chains[ST_1].data)
    geography = Geography.of(ROUND_2_DAY)
    assert proof_problems(context, geography, ST_1, chain) == []
    entry = next(e for e in chain.ballots if not e.challenged)
    zero_ = elgamal.encrypt(G, election.guardians.record.joint_key, 0, 123456789)
    contests = []
    for contest in entry.ballot.contests:
        assert isinstance(contest, EncryptedContest)
        contests.append(
            dataclasses.replace(
                contest,
                selections=tuple(
                    dataclasses.replace(s, ciphertext=elgamal.add(G, s.ciphertext, zero_))
                    for s in contest.selections
                ),
            )
        )
    copy = dataclasses.replace(
        entry, ballot=dataclasses.replace(entry.ballot, contests=tuple(contests))
    )
    forged = dataclasses.replace(
        chain, ballots=tuple(copy if e is entry else e for e in chain.ballots)
    )
    assert not copied_ballots({ST_1: chain, "ST-COPY": dataclasses.replace(chain, ballots=(copy,))})
    found = proof_problems(context, geography, ST_1, forged)
    assert found
    assert all(p.path.startswith(f"line {entry.line} contests[") for p in found)


def test_the_guardian_reads_the_record_where_the_publisher_writes_it() -> None:
    assert (origin_snapshot.ANCHOR_RECORD, origin_snapshot.ANCHOR_SIGNATURES) == (
        ANCHOR_RECORD,
        ANCHOR_SIGNATURES,
    )
    assert origin_snapshot.ANCHOR_AMENDMENTS == ANCHOR_AMENDMENTS

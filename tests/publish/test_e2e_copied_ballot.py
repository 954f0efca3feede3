"""Finding S17-1 (docs/e2e.md §6, §8): a box copies another station's voter's ballot into its own
chain, relabelled, closes it and signs its final report; the coordinator withholds the other
station's chain, and the guardians would decrypt the box's "tally", that one vote. Every proof
of a ballot is keyed with its box's H_D, so the copy fails its proofs in the chain it was put
in; and a station the sealed record gives a box must have its chain in the snapshot, or be named
by the guardian as never opened."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.cli.guardians_snapshot import checked_chains
from sandogh.core.anchor import fingerprint
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.e2e.ballot import ballot_hash
from sandogh.core.e2e.ballot_json import ballot_to_json
from sandogh.core.e2e.ceremony_files import GuardianKey, encode_key
from sandogh.core.e2e.chain import chain_close, confirmation_code
from sandogh.core.e2e.chain_file import read_chain
from sandogh.core.e2e.group import RISTRETTO255 as G
from sandogh.core.e2e.tally import station_tally, tally_hash
from sandogh.core.report import E2ECommitment
from sandogh.core.report.ballot import station_ballot
from sandogh.publish.e2e_record import E2EOptions
from sandogh.publish.snapshot import Publisher
from sandogh.services.origin_faults import OriginFault, TallyOriginError
from sandogh.services.origin_snapshot import Trust
from tests.publish.test_e2e_record import DEVICE_2, _election, _publish
from tests.services.build import (
    DEVICE,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    final,
    signed,
)


def _faults(folder: Path, trust: Trust) -> set[tuple[OriginFault, str | None]]:
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    with pytest.raises(TallyOriginError) as refused:
        checked_chains(election.guardians.record, folder, trust)
    return {(f.fault, f.station) for f in refused.value.found}


def _copy_into_st_1(folder: Path) -> str:
    """ST_1's box (its real key) replaces its chain with ST_2's first cast ballot, relabelled,
    and re-signs its final report committing to it, as the reviewer's script did; the line."""
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    context = election.guardians.context
    he = context.extended_hash
    ballots = folder / "e2e" / "ballots"
    victim = read_chain(context, (ballots / f"{ST_2}.jsonl").read_bytes()).cast_ballots[0]
    stolen = dataclasses.replace(victim, station=ST_1)
    start_line = (ballots / f"{ST_1}.jsonl").read_bytes().split(b"\n")[0]
    start = bytes.fromhex(json.loads(start_line)["start"])
    code = confirmation_code(he, start, ballot_hash(context, stolen))
    close = chain_close(he, code, 1, 0)
    line = {"ballot": ballot_to_json(stolen), "code": code.hex(), "state": "cast"}
    closing = {"cast": 1, "challenged": 0, "close": close.hex()}
    (ballots / f"{ST_1}.jsonl").write_bytes(
        b"\n".join([start_line, canonical_json(line), canonical_json(closing), b""])
    )
    ballot = station_ballot(Geography.of(ROUND_2_DAY), ST_1)
    tally = station_tally(context, ST_1, ballot, [stolen])
    commitment = E2ECommitment(close.hex(), tally_hash(context, tally).hex())
    report = dataclasses.replace(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), e2e=commitment)
    (folder / "reports" / ST_1 / "final.json").write_bytes(signed(report, DEVICE))
    return f"e2e/ballots/{ST_1}.jsonl line 2"


def _withhold_reports(folder: Path, station: str) -> None:
    """`station`'s reports left out of the snapshot too, as of a station that never opened."""
    for kind in ("zero", "final"):
        (folder / "reports" / station / f"{kind}.json").unlink(missing_ok=True)


def test_a_ballot_copied_from_another_station_fails_its_proofs_there(tmp_path: Path) -> None:
    folder = _publish(_election(DEVICE, DEVICE_2, anchor="e2e"), tmp_path / "s")
    where = _copy_into_st_1(folder)
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    with pytest.raises(TallyOriginError) as refused:
        checked_chains(election.guardians.record, folder, Trust())
    assert {(f.fault, f.station) for f in refused.value.found} == {(OriginFault.PROOF_FAILS, ST_1)}
    assert all(f.path.startswith(where) for f in refused.value.found)
    assert "proof does not verify" in str(refused.value)
    # the coordinator withholds the victim's chain: named missing, and the copy still fails
    (folder / "e2e" / "ballots" / f"{ST_2}.jsonl").unlink()
    assert _faults(folder, Trust()) == {
        (OriginFault.PROOF_FAILS, ST_1),
        (OriginFault.STATION_MISSING, ST_2),
    }
    # …even when the guardian is told (wrongly) that the victim's station never opened, which
    # its signed reports, still published, belie
    never = Trust(never_opened=frozenset({ST_2}))
    assert _faults(folder, never) == {
        (OriginFault.PROOF_FAILS, ST_1),
        (OriginFault.NEVER_OPENED_REPORTED, ST_2),
    }
    _withhold_reports(folder, ST_2)
    assert _faults(folder, never) == {(OriginFault.PROOF_FAILS, ST_1)}


def test_a_station_withheld_is_named_unless_the_guardian_says_it_never_opened(
    tmp_path: Path,
) -> None:
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    folder = _publish(election, tmp_path / "s")
    (folder / "e2e" / "ballots" / f"{ST_2}.jsonl").unlink()
    with pytest.raises(TallyOriginError, match=f"e2e/ballots/{ST_2}.jsonl: the sealed record"):
        checked_chains(election.guardians.record, folder, Trust())
    assert _faults(folder, Trust()) == {(OriginFault.STATION_MISSING, ST_2)}
    _withhold_reports(folder, ST_2)
    accepted = checked_chains(
        election.guardians.record, folder, Trust(never_opened=frozenset({ST_2}))
    )
    assert set(accepted) == {ST_1}


def test_the_guardian_names_a_station_that_never_opened_on_the_command_line(
    tmp_path: Path,
) -> None:
    """`sandogh guardians decrypt`: a snapshot without ST_2's chain is refused in Persian, naming
    the station; `--never-opened ST_2` lets ST_1's tally be decrypted."""
    snapshot, tallies = tmp_path / "snapshot", tmp_path / "tallies"
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    Publisher(
        election.uow, snapshot, render=False, e2e=E2EOptions(tallies_out=tallies)
    ).regenerate()
    folder = snapshot / "data" / ROUND_2
    (folder / "e2e" / "ballots" / f"{ST_2}.jsonl").unlink()
    _withhold_reports(folder, ST_2)
    guardians = election.guardians
    record = tmp_path / "election.json"
    record.write_bytes(guardians.data)
    home = tmp_path / "guardian1"
    home.mkdir(mode=0o700)  # a private folder: only its owner may enter it
    key = home / "key"
    key.write_text(hashlib.sha256(b"guardian 1").hexdigest() + "\n")
    key.chmod(0o600)
    share = GuardianKey(
        guardians.record.plan.id, 1, guardians.record.extended_hash, guardians.shares[1]
    )
    (home / "guardian-1.key.json").write_bytes(encode_key(G, share))
    anchor = fingerprint((folder / "anchor" / "record.json").read_bytes())

    def decrypt(*extra: str) -> Result:
        return CliRunner().invoke(
            app,
            [
                "guardians", "decrypt", "--key", str(key), "--record", str(record),
                "--tally", str(tallies / f"tallies/{ST_1}.json"), "--snapshot", str(folder),
                "--anchor", anchor, "--out", str(tmp_path / "p.json"), *extra,
            ],
        )  # fmt: skip

    refused = decrypt()
    assert refused.exit_code != 0
    said = str(refused.exception)
    assert f"سیاهه مهرشده به شعبه {ST_2} صندوق داده است و زنجیره آن در" in said
    assert OriginFault.STATION_MISSING.value not in said.split(" — ", maxsplit=1)[0]
    assert not (tmp_path / "p.json").exists()
    done = decrypt("--never-opened", ST_2)
    assert done.exit_code == 0, done.output
    assert (tmp_path / "p.json").exists()

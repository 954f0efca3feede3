"""The E2E part of `sandogh simulate --e2e` (issue 10): the guardians, their ceremony, their
decryption of the tallies (held to the sealed pre-election record, `cli.simulated_anchor`), and
the record checked by `verify-election`.

Three guardians, quorum two (the election headquarters, the supervisory board, the observers'
representatives), each with its own Ed25519 key file and private folder in the run directory,
go through the ceremony's steps (`services.guardians`: plan, init, share, check, finish) with the
files `sandogh guardians …` reads and writes, in one exchange folder. The record `finish` writes
is loaded into the centre before the boxes are enrolled, and its joint key and HE join the
sealed pre-election record. After the day, the publisher hands the encrypted tallies to the
guardians (`sandogh publish --e2e-tallies`); guardians 1 and 3 decrypt each, given the sealed
record's fingerprint as a real guardian is (`--anchor`; guardian 2 stays away: any quorum
suffices), anyone combines their shares, and the publisher writes the decrypted tallies into the
record (`--e2e-decrypted`), which `verify-election` then checks (`verify_election`, sharing only
the group and hashes). A large contest's constituency (§11) is mixed by the three guardians in
turn (`services.mixing`, as `sandogh guardians mix`), and its last rows decrypted by guardians 1
and 3 as a tally.
"""

from __future__ import annotations

import datetime
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sandogh.cli.guardians_files import PLAN_FILE
from sandogh.cli.guardians_mix import MIX_RANDOMNESS
from sandogh.cli.guardians_snapshot import check_input, checked_chains
from sandogh.core.e2e.ceremony_files import PlannedGuardian
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.tally_origin import ContestProduct, chain_products
from sandogh.formats.definition_file import LoadedDefinition
from sandogh.formats.key_file import read_key_file, write_key_file
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.guardians import (
    Document,
    check,
    finish,
    init,
    make_plan,
    read_record,
    share,
)
from sandogh.services.mixing import decrypt_rows, mix, rows_to_decrypt
from sandogh.services.tally_decryption import combine_tally, decrypt
from sandogh.services.tally_origin import Trust

QUORUM = 2
GUARDIANS = (
    ("hq", "ستاد انتخابات / Election headquarters"),
    ("board", "هیئت نظارت / Supervisory board"),
    ("observers", "نمایندگان ناظران / Observers' representatives"),
)
PRESENT = (1, 3)  # the guardians who decrypt; guardian 2 stays away
RECORD = "election.json"


def _draw() -> int:
    """A uniform scalar, as the guardians' command draws it (64 random bytes mod q)."""
    return int.from_bytes(secrets.token_bytes(64), "big") % RISTRETTO255.q


def _private(path: Path, data: bytes) -> None:
    """A guardian's private file: mode 0600, never over another."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(data)


def _read(path: Path) -> Document:
    return Document(str(path), path.read_bytes())


@dataclass(frozen=True)
class Guardians:
    """The ceremony's folder: `exchange/` (the public files), `guardian-<i>/` (each guardian's
    key file and private files), and the record `election.json`."""

    folder: Path

    @property
    def exchange(self) -> Path:
        return self.folder / "exchange"

    @property
    def record(self) -> Path:
        return self.folder / RECORD

    def private(self, index: int) -> Path:
        return self.folder / f"guardian-{index}"

    def key(self, index: int) -> Path:
        return self.private(index) / "guardian.key"

    def public_files(self, kind: str) -> list[Document]:
        return [_read(p) for p in sorted(self.exchange.glob(f"guardian-*.{kind}.json"))]


def run_ceremony(folder: Path, *, election: str, definition_hash: str) -> Guardians:
    """The whole key ceremony in `folder`; the record is `Guardians.record`."""
    guardians = Guardians(folder)
    guardians.exchange.mkdir(parents=True)
    indices = range(1, len(GUARDIANS) + 1)
    keys = {}
    for index in indices:
        guardians.private(index).mkdir(mode=0o700)
        keys[index] = write_key_file(guardians.key(index))
    planned = [
        PlannedGuardian(name, role, keys[i].public_key)
        for i, (role, name) in zip(indices, GUARDIANS, strict=True)
    ]
    plan_path = guardians.exchange / PLAN_FILE
    plan_path.write_bytes(make_plan(election, definition_hash, QUORUM, planned))
    plan = _read(plan_path)
    for index in indices:
        _, secret, public = init(plan, keys[index], _draw)
        _private(guardians.private(index) / f"guardian-{index}.secret.json", secret)
        (guardians.exchange / f"guardian-{index}.public.json").write_bytes(public)
    publics = guardians.public_files("public")
    for index in indices:
        secret_file = _read(guardians.private(index) / f"guardian-{index}.secret.json")
        shares = share(plan, secret_file, publics, keys[index])
        (guardians.exchange / f"guardian-{index}.shares.json").write_bytes(shares)
    shared = guardians.public_files("shares")
    for index in indices:
        secret_file = _read(guardians.private(index) / f"guardian-{index}.secret.json")
        checked = check(plan, secret_file, publics, shared, [], key=keys[index])
        (guardians.exchange / f"guardian-{index}.check.json").write_bytes(checked.check)
        if checked.key is None:  # an honest simulation: no share is ever complained of
            raise AssertionError(f"guardian {index} complained: {checked.complaints}")
        _private(guardians.private(index) / f"guardian-{index}.key.json", checked.key)
    _, record = finish(plan, publics, shared, guardians.public_files("check"), [])
    guardians.record.write_bytes(record)
    return guardians


def ceremony_stored(
    uow: UnitOfWorkFactory, folder: Path, loaded: LoadedDefinition, *, now: datetime.datetime
) -> tuple[Guardians, str]:
    """The key ceremony in `folder` for the `loaded` day, its record stored in the centre before
    any box enrols: the guardians and their joint key."""
    election = loaded.election.id
    guardians = run_ceremony(folder, election=election, definition_hash=loaded.definition_hash)
    record = guardians.record.read_bytes()
    stored = load_ceremony(uow, election_id=election, record=record, now=now)
    return guardians, stored.joint_key


def decrypt_tallies(
    guardians: Guardians,
    tallies: Path,
    out: Path,
    snapshot: Path | None = None,
    *,
    anchor: str | None = None,
    not_closed: frozenset[str] = frozenset(),
) -> int:
    """Have the guardians `PRESENT` decrypt every encrypted tally under `tallies` and combine
    their partial decryptions into `out`, at the same paths; mix a large contest's input
    (`mixes/<contest>/<constituency>.json`) first, writing `out/mixes/<contest>/<constituency>/`
    `mix-<t>.json` and `rows.json` (docs/e2e.md §11.5, "Files"); how many files. Each tally is
    first held to the chains and reports of the published `snapshot` (its root) and to its
    sealed pre-election record, of fingerprint `anchor`, as a guardian's `decrypt --snapshot
    --anchor` does (§8), with the stations `not_closed` named as a guardian's `--not-closed`
    names them: `GuardianFileError` if anything there does not check."""
    record = _read(guardians.record)
    products = None
    if snapshot is not None:
        parsed = read_record(record)
        folder = snapshot / "data" / parsed.plan.election
        chains = checked_chains(parsed, folder, Trust(anchor=anchor, not_closed=not_closed))
        products = {station: chain_products(RISTRETTO255, c) for station, c in chains.items()}
        for path in sorted((tallies / "mixes").rglob("*.json")):
            check_input(folder, parsed.plan.definition_hash, chains, _read(path))
    done = 0
    for path in sorted(tallies.rglob("*.json")):
        relative = path.relative_to(tallies)
        if relative.parts[0] == "mixes":
            _mix_and_decrypt(guardians, record, _read(path), out / relative.with_suffix(""))
        else:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_decrypted(guardians, record, _read(path), relative, products))
        done += 1
    return done


def _decrypted(
    guardians: Guardians,
    record: Document,
    tally: Document,
    relative: Path,
    products: Mapping[str, Mapping[str, ContestProduct]] | None = None,
    rows_of: tuple[Document, list[Document]] | None = None,
) -> bytes:
    """The guardians `PRESENT`'s partial decryptions of `tally` combined; for a mix-net's rows,
    `rows_of` is their input and mixes, which each guardian checks before decrypting."""
    partials = []
    for index in PRESENT:
        key = read_key_file(guardians.key(index))
        key_file = _read(guardians.private(index) / f"guardian-{index}.key.json")
        partial = guardians.folder / "partials" / str(index) / relative
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(
            decrypt(record, key_file, tally, key, _draw, products=products)
            if rows_of is None
            else decrypt_rows(record, key_file, *rows_of, key=key, draw=_draw)
        )
        partials.append(_read(partial))
    return combine_tally(record, tally, partials).data


def _mix_and_decrypt(guardians: Guardians, record: Document, given: Document, out: Path) -> None:
    """Every guardian mixes in turn; guardians `PRESENT` decrypt the last rows."""
    out.mkdir(parents=True, exist_ok=True)
    mixes: list[Document] = []
    for index in range(1, len(GUARDIANS) + 1):
        key = read_key_file(guardians.key(index))
        _, data = mix(record, given, mixes, key, MIX_RANDOMNESS)
        target = out / f"mix-{len(mixes) + 1}.json"
        target.write_bytes(data)
        mixes.append(_read(target))
    relative = Path("rows") / out.relative_to(out.parents[2])
    rows = guardians.folder / relative.with_suffix(".json")
    rows.parent.mkdir(parents=True, exist_ok=True)
    rows.write_bytes(rows_to_decrypt(record, given, mixes))
    decrypted = _decrypted(guardians, record, _read(rows), relative, rows_of=(given, mixes))
    (out / "rows.json").write_bytes(decrypted)

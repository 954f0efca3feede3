"""An E2E election for the tests: a whole key ceremony in memory (seeded), and a station's chain
file made with the core functions as a box makes it (docs/e2e.md §5, §7, §9)."""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sandogh.cli.guardians_snapshot import check_input, checked_chains
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.e2e.ballot import ElectionContext, EncryptedBallot, ballot_hash, encrypt_ballot
from sandogh.core.e2e.ballot_json import ballot_to_json
from sandogh.core.e2e.ceremony import GuardianSecret, publish
from sandogh.core.e2e.ceremony_files import GuardianKey, Plan, PlannedGuardian, encode_key
from sandogh.core.e2e.ceremony_record import CeremonyRecord, conclude, encode_record
from sandogh.core.e2e.chain import chain_close, chain_start, confirmation_code
from sandogh.core.e2e.chain_file import CHAIN_FORMAT
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.share_encryption import encrypt_share
from sandogh.core.e2e.tally import station_tally, tally_hash
from sandogh.core.e2e.tally_files import decode_tally
from sandogh.core.e2e.tally_origin import ContestProduct, chain_products
from sandogh.core.report import BallotContest, PublicKey, SigningKey
from sandogh.services.guardians import Document
from sandogh.services.mixing import MixRandomness, decrypt_rows, mix, rows_to_decrypt
from sandogh.services.origin_snapshot import Trust
from sandogh.services.tally_decryption import combine_tally, decrypt

G = RISTRETTO255
ROLES = ("hq", "board", "observers")


@dataclass(frozen=True)
class Guardians:
    """The ceremony's public record (its bytes and decoded), the election context, and each
    guardian's share z_ℓ of the joint secret (which only that guardian would hold)."""

    data: bytes
    record: CeremonyRecord
    context: ElectionContext
    shares: Mapping[int, int]


def ceremony(
    election: str, definition_hash: str, n: int = 3, k: int = 2, seed: int = 1
) -> Guardians:
    rng = random.Random(seed)

    def draw() -> int:
        return rng.randrange(G.q)

    plan = Plan(
        election,
        definition_hash,
        k,
        tuple(
            PlannedGuardian(
                f"guardian {i}",
                ROLES[(i - 1) % len(ROLES)],
                guardian_key(i).public_key,
            )
            for i in range(1, n + 1)
        ),
    )
    base = plan.base_hash(G)
    secrets = {i: GuardianSecret(i, tuple(draw() for _ in range(k)), draw()) for i in plan.indices}
    publics = {i: publish(G, base, s, [draw() for _ in range(k + 1)]) for i, s in secrets.items()}
    shares = {
        i: {
            ell: encrypt_share(
                G,
                base,
                i,
                ell,
                recipient_key=publics[ell].ceremony_key.key,
                share=s.share_for(G, ell),
                nonce=draw(),
            )
            for ell in secrets
            if ell != i
        }
        for i, s in secrets.items()
    }
    record = conclude(
        G, plan, publics=publics, shares=shares, checks={i: [] for i in secrets}, reveals={}
    )
    z = {ell: sum(s.share_for(G, ell) for s in secrets.values()) % G.q for ell in secrets}
    context = ElectionContext(G, record.extended_hash, record.joint_key)
    return Guardians(encode_record(G, record), record, context, z)


@dataclass
class Chain:
    """A box's chain being made: `add` a ballot, `data` the file once closed."""

    context: ElectionContext
    station: str
    ballot: Sequence[BallotContest]
    device: PublicKey
    zero_report: str  # sha256:HEX of the signed zero report's bytes
    seed: int = 0
    lines: list[dict[str, JSONValue]] = field(default_factory=list)
    cast: list[EncryptedBallot] = field(default_factory=list)
    codes: list[bytes] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"cast": 0, "challenged": 0})

    def __post_init__(self) -> None:
        self.start = chain_start(
            self.context.extended_hash,
            self.station,
            self.device.raw,
            bytes.fromhex(self.zero_report.removeprefix("sha256:")),
        )
        self.last = self.start
        self.lines.append(
            {
                "format": CHAIN_FORMAT,
                "station": self.station,
                "device": self.device.text,
                "zero_report": self.zero_report,
                "start": self.start.hex(),
            }
        )

    def add(self, choices: Mapping[str, Sequence[str]], *, challenged: bool = False) -> bytes:
        """Encrypt `choices`, chain it, cast or challenge it; its confirmation code."""
        nonce = hashlib.sha256(f"{self.station}:{self.seed}:{len(self.lines)}".encode()).digest()
        encrypted = encrypt_ballot(
            self.context, self.station, self.ballot, choices, nonce, device=self.device.raw
        )
        self.last = confirmation_code(
            self.context.extended_hash, self.last, ballot_hash(self.context, encrypted)
        )
        line: dict[str, JSONValue] = {
            "code": self.last.hex(),
            "state": "challenged" if challenged else "cast",
            "ballot": ballot_to_json(encrypted),
        }
        if challenged:
            line["nonce"] = nonce.hex()
            line["choices"] = {
                item.contest: [c for c in item.candidates if c in choices[item.contest]]
                for item in self.ballot
                if item.contest in choices
            }
            self.counts["challenged"] += 1
        else:
            self.cast.append(encrypted)
            self.counts["cast"] += 1
        self.lines.append(line)
        self.codes.append(self.last)
        return self.last

    def copy_in(self, ballot: EncryptedBallot) -> bytes:
        """Chain `ballot`, another chain's, relabelled as this station's and cast: what a box
        that copies another station's voter does (finding S17-1); its confirmation code."""
        stolen = dataclasses.replace(ballot, station=self.station)
        self.last = confirmation_code(
            self.context.extended_hash, self.last, ballot_hash(self.context, stolen)
        )
        self.lines.append(
            {"code": self.last.hex(), "state": "cast", "ballot": ballot_to_json(stolen)}
        )
        self.cast.append(stolen)
        self.counts["cast"] += 1
        self.codes.append(self.last)
        return self.last

    @property
    def close(self) -> bytes:
        return chain_close(
            self.context.extended_hash, self.last, self.counts["cast"], self.counts["challenged"]
        )

    @property
    def tally_hash(self) -> bytes:
        tally = station_tally(self.context, self.station, self.ballot, self.cast)
        return tally_hash(self.context, tally)

    @property
    def data(self) -> bytes:
        closing: dict[str, JSONValue] = {"close": self.close.hex(), **self.counts}
        return b"".join(canonical_json(line) + b"\n" for line in [*self.lines, closing])


def guardian_key(index: int) -> SigningKey:
    """Guardian `index`'s own Ed25519 key, as `ceremony` planned it."""
    return SigningKey.from_seed(hashlib.sha256(f"guardian {index}".encode()).digest())


def decrypt_folder(
    guardians: Guardians,
    tallies: Path,
    out: Path,
    present: Sequence[int] = (1, 3),
    snapshot: Path | None = None,
) -> None:
    """Have the guardians `present` decrypt every encrypted tally under `tallies` and combine
    their shares into `out`, at the same paths, as `sandogh guardians decrypt` and `combine` do;
    a large contest's mix input (`mixes/…`) is first mixed by them in turn, as `sandogh guardians
    mix` does, into `out/mixes/<contest>/<constituency>/mix-<t>.json` and `rows.json`."""
    rng = random.Random(7)
    record = Document("election.json", guardians.data)
    if snapshot is not None:  # the snapshot's chains and reports checked, as a guardian does
        folder = snapshot / "data" / guardians.record.plan.election
        chains = checked_chains(guardians.record, folder, Trust(unanchored=True))
        products = {station: chain_products(G, c) for station, c in chains.items()}
        for path in sorted((tallies / "mixes").rglob("*.json")):
            given = Document(str(path), path.read_bytes())
            check_input(folder, guardians.record.plan.definition_hash, chains, given)
    else:  # the stations' tallies taken as they are: the publisher's tests
        products = {}
        for path in sorted((tallies / "tallies").glob("*.json")):
            made = decode_tally(G, path.read_bytes(), str(path))
            products[made.station] = {
                c.contest: ContestProduct(c.ballots, c.options) for c in made.contests
            }

    def decrypted(tally: Document, rows_of: tuple[Document, list[Document]] | None = None) -> bytes:
        partials = []
        for index in present:
            key = Document(
                "key",
                encode_key(
                    G,
                    GuardianKey(
                        guardians.record.plan.id,
                        index,
                        guardians.record.extended_hash,
                        guardians.shares[index],
                    ),
                ),
            )
            signing, draw = guardian_key(index), lambda: rng.randrange(G.q)
            partial = (
                decrypt(record, key, tally, signing, draw, products=products)
                if rows_of is None
                else decrypt_rows(record, key, *rows_of, key=signing, draw=draw)
            )
            partials.append(Document(f"guardian-{index}", partial))
        return combine_tally(record, tally, partials).data

    randomness = MixRandomness(
        draw=lambda: rng.randrange(G.q),
        permutation=lambda n: rng.sample(range(n), n),
        seed=lambda: rng.randbytes(32),
    )
    for path in sorted(tallies.rglob("*.json")):
        given = Document(str(path), path.read_bytes())
        relative = path.relative_to(tallies)
        if relative.parts[0] == "mixes":
            folder = out / relative.with_suffix("")
            folder.mkdir(parents=True, exist_ok=True)
            mixes: list[Document] = []
            for index in present:
                _, data = mix(record, given, mixes, guardian_key(index), randomness)
                (folder / f"mix-{len(mixes) + 1}.json").write_bytes(data)
                mixes.append(Document(f"mix-{len(mixes) + 1}", data))
            rows = Document("rows", rows_to_decrypt(record, given, mixes))
            (folder / "rows.json").write_bytes(decrypted(rows, (given, mixes)))
            continue
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(decrypted(given))

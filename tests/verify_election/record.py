"""A small election record (docs/e2e.md §9) made with the prover's own code: the guardians'
ceremony (`core.e2e.ceremony`, `ceremony_record`), the box's ballots, chain and tally
(`core.e2e.ballot`, `ballot_json`, `chain`, `tally`; the chain file by the box's
`station.ballot_chain.export_chain`), the signed reports (`core.report`), the guardians' partial
decryptions and their combination (`core.e2e.decryption`, `tally_files`); and, on request
(`seal`), the pre-election record sealed by the officials with the ceremony's keys and each box,
and an amendment (`core.anchor`, as `publish.published` writes `anchor/`).

Three guardians, quorum 2, guardian 2 absent at decryption; two stations, two contests (a
president of one seat, a council of two), a few ballots, one challenged. Every random value is
fixed, so the record is the same bytes on every run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sandogh.core.anchor import (
    AMENDMENT_LINE,
    Authority,
    Body,
    E2EKeys,
    PreElectionRecord,
    SignedAmendment,
    StationKeys,
    encode_amendment,
    encode_amendments,
    encode_record,
    encode_signatures,
    fingerprint,
    next_amendment,
    sign_bytes,
    sign_record,
)
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.e2e import elgamal
from sandogh.core.e2e.ballot import ElectionContext, ballot_hash, encrypt_ballot
from sandogh.core.e2e.ballot_json import ballot_to_json
from sandogh.core.e2e.ceremony import GuardianSecret, evaluate, publish, secret_share
from sandogh.core.e2e.ceremony_files import Plan, PlannedGuardian
from sandogh.core.e2e.ceremony_record import conclude
from sandogh.core.e2e.ceremony_record import encode_record as encode_ceremony
from sandogh.core.e2e.chain import chain_close, chain_start, confirmation_code
from sandogh.core.e2e.decryption import combine, partial_decrypt
from sandogh.core.e2e.dlog import discrete_log
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.slots import is_large
from sandogh.core.e2e.tally import station_tally, tally_hash
from sandogh.core.e2e.tally_files import Tally, TallyContest, encode_decrypted
from sandogh.core.report import (
    CastVoteRecord,
    Choice,
    Papers,
    ReportKind,
    SigningKey,
    encode_signed,
    report_from_records,
    sign_report,
    station_ballot,
    zero_report,
)
from sandogh.core.report.report import E2ECommitment
from sandogh.formats.definition_file import LoadedDefinition, parse_definition
from sandogh.station.ballot_chain import export_chain
from sandogh.station.local_chain import ChainEntry, ChainHead, ChainState

G = RISTRETTO255
ELECTION = "e2e-small"
GUARDIANS = 3
QUORUM = 2
PRESENT = (1, 3)  # guardian 2 is absent at decryption
FORMAT = "sandogh/e2e-codes@1"

DEFINITION = b"""
format: sandogh/definition@1
election:
  id: e2e-small
  name: {fa: "\xd8\xa2\xd8\xb2\xd9\x85\xd9\x88\xd9\x86", en: Test}
  date: 2024-07-05
units:
  - {code: IR, kind: nation, name: {fa: "\xd8\xa7\xdb\x8c\xd8\xb1\xd8\xa7\xd9\x86", en: Iran}}
  - {code: IR-01, kind: province, parent: IR, name: {fa: "\xd8\xa7\xd9\x84\xd9\x81", en: A}}
  - code: ST-1
    kind: station
    parent: IR-01
    name: {fa: "\xd8\xb4\xd8\xb9\xd8\xa8\xd9\x87 \xdb\xb1", en: Station 1}
    station: {mobility: fixed, setting: urban, mode: electronic}
  - code: ST-2
    kind: station
    parent: IR-01
    name: {fa: "\xd8\xb4\xd8\xb9\xd8\xa8\xd9\x87 \xdb\xb2", en: Station 2}
    station: {mobility: fixed, setting: urban, mode: electronic}
contests:
  - id: president
    office: president
    name: {fa: "\xd8\xb1\xd8\xa6\xdb\x8c\xd8\xb3", en: President}
    rule: {kind: plurality}
    constituencies:
      - id: IR
        name: {fa: "\xd8\xa7\xdb\x8c\xd8\xb1\xd8\xa7\xd9\x86", en: Iran}
        units: [IR]
        seats: 1
    candidates:
      - {code: "21", name: {fa: "\xd8\xa7\xd9\x84\xd9\x81", en: A}, constituency: IR}
      - {code: "25", name: {fa: "\xd8\xa8", en: B}, constituency: IR}
  - id: council
    office: city-council
    name: {fa: "\xd8\xb4\xd9\x88\xd8\xb1\xd8\xa7", en: Council}
    rule: {kind: plurality}
    constituencies:
      - {id: C1, name: {fa: "\xd8\xb4\xd9\x87\xd8\xb1", en: City}, units: [IR-01], seats: 2}
    candidates:
      - {code: "31", name: {fa: "\xd8\xac", en: C}, constituency: C1}
      - {code: "32", name: {fa: "\xd8\xaf", en: D}, constituency: C1}
      - {code: "33", name: {fa: "\xd9\x87", en: E}, constituency: C1}
"""

#: per station, its ballots in chain order: (choices, cast?)
BALLOTS: Mapping[str, Sequence[tuple[dict[str, list[str]], bool]]] = {
    "ST-1": [
        ({"president": ["21"], "council": ["31", "33"]}, True),
        ({"president": ["25"], "council": ["32"]}, False),  # challenged
        ({"president": ["25"], "council": ["32"]}, True),
        ({"president": [], "council": []}, True),  # blank in both
    ],
    "ST-2": [
        ({"president": ["21"]}, True),  # a card without the council
        ({"president": ["21"], "council": ["31"]}, True),
    ],
}


@dataclass(frozen=True)
class Built:
    root: Path
    folder: Path  # data/<election>/
    context: ElectionContext
    shares: Mapping[int, int]  # z_ℓ of the guardians present at decryption


def _key(label: str) -> SigningKey:
    return SigningKey.from_seed(hashlib.sha256(label.encode()).digest())


def _scalar(label: str) -> int:
    return int.from_bytes(hashlib.sha512(label.encode()).digest(), "big") % G.q


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def build(
    root: Path,
    definition: bytes = DEFINITION,
    ballots_by_station: Mapping[str, Sequence[tuple[dict[str, list[str]], bool]]] = BALLOTS,
) -> Built:
    """The record of `ballots_by_station` (the stations' ballots in chain order: choices, and
    whether cast) under `definition` (whose election id is ELECTION), written under `root`."""
    loaded = parse_definition(definition, source_name="definition.yaml")
    geography = Geography.of(loaded.election)
    folder = root / "data" / ELECTION
    _write(root / "data" / "elections.json", canonical_json({"elections": [{"id": ELECTION}]}))
    _write(folder / "definition.json", loaded.canonical)
    plan = Plan(
        ELECTION,
        loaded.definition_hash,
        QUORUM,
        tuple(
            PlannedGuardian(f"guardian {i}", "observers", _key(f"guardian {i}").public_key)
            for i in range(1, GUARDIANS + 1)
        ),
    )
    base = plan.base_hash(G)
    secrets = {
        i: GuardianSecret(
            i, tuple(_scalar(f"a {i} {j}") for j in range(QUORUM)), _scalar(f"kappa {i}")
        )
        for i in range(1, GUARDIANS + 1)
    }
    publics = {
        i: publish(G, base, s, [_scalar(f"u {i} {j}") for j in range(QUORUM + 1)])
        for i, s in secrets.items()
    }
    record = conclude(
        G,
        plan,
        publics=publics,
        shares={i: {} for i in secrets},
        checks=dict.fromkeys(secrets, ()),
        reveals={},
    )
    _write(folder / "e2e" / "election.json", encode_ceremony(G, record))
    context = ElectionContext(G, record.extended_hash, record.joint_key)
    z = {
        ell: secret_share(G, (evaluate(G, s.coefficients, ell) for s in secrets.values()))
        for ell in PRESENT
    }
    tallies = {}
    for station, ballots in ballots_by_station.items():
        tallies[station] = _station(
            folder, loaded, geography, context, station=station, ballots=ballots
        )
        _write(
            folder / "e2e" / "tallies" / f"{station}.json", decrypt(context, z, tallies[station])
        )
    for contest in loaded.election.contests:
        for constituency in contest.constituencies:
            seats = constituency.seats
            candidates = sum(c.constituency == constituency.id for c in contest.candidates)
            if is_large(candidates, seats):  # mixed, not aggregated (§11)
                continue
            inside = [
                t
                for s, t in sorted(tallies.items())
                if geography.constituency_of(contest.id, s) == constituency.id
            ]
            tally = _aggregate(f"{contest.id}/{constituency.id}", contest.id, inside)
            path = folder / "e2e" / "aggregates" / contest.id / f"{constituency.id}.json"
            _write(path, decrypt(context, z, tally))
    write_codes(folder)
    write_manifest(folder)
    return Built(root, folder, context, z)


def _names(
    folder: Path,
) -> tuple[dict[str, object], dict[str, object], dict[tuple[str, str], object]]:
    """The definition's names the index shows: of each unit, contest and (contest, candidate)."""
    definition = json.loads((folder / "definition.json").read_bytes())
    units = {u["code"]: u["name"] for u in definition["units"]}
    contests = {c["id"]: c["name"] for c in definition["contests"]}
    candidates = {
        (c["id"], k["code"]): k["name"] for c in definition["contests"] for k in c["candidates"]
    }
    return units, contests, candidates


def write_codes(folder: Path) -> None:
    """The results site's code index (§9, `publish.e2e_codes`' form, width 1) of the chains."""
    units, contests, candidates = _names(folder)
    shards: dict[str, list[dict[str, object]]] = {f"{p:x}": [] for p in range(16)}
    total = 0
    for chain in sorted((folder / "e2e" / "ballots").glob("*.jsonl")):
        for line in chain.read_bytes().splitlines():
            entry = json.loads(line)
            if "code" in entry and "state" in entry:
                listed: dict[str, object] = {
                    "code": entry["code"],
                    "station": chain.stem,
                    "name": units[chain.stem],
                    "state": entry["state"],
                }
                if entry["state"] == "cast":  # counted once the station's tally is decrypted
                    listed["counted"] = (
                        (folder / "e2e" / "tallies" / chain.name).with_suffix(".json").is_file()
                    )
                else:
                    listed["opened"] = [
                        {
                            "contest": c,
                            "name": contests[c],
                            "chosen": [
                                {"code": code, "name": candidates[c, code]} for code in chosen
                            ],
                        }
                        for c, chosen in entry["choices"].items()
                    ]
                shards[entry["code"][0]].append(listed)
                total += 1
    codes = folder / "e2e" / "codes"
    for prefix, listed in shards.items():
        listed.sort(key=lambda e: str(e["code"]))
        _write(codes / f"{prefix}.json", canonical_json({"format": FORMAT, "codes": listed}))
    _write(codes / "index.json", canonical_json({"format": FORMAT, "prefix": 1, "codes": total}))


def write_manifest(folder: Path) -> None:
    e2e = folder / "e2e"
    files = sorted(
        p.relative_to(e2e).as_posix()
        for p in e2e.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    manifest = {
        "format": "sandogh/e2e-manifest@1",
        "election": ELECTION,
        "files": [
            {
                "path": path,
                "sha256": hashlib.sha256((e2e / path).read_bytes()).hexdigest(),
                "bytes": (e2e / path).stat().st_size,
            }
            for path in files
        ],
    }
    _write(e2e / "manifest.json", canonical_json(manifest))


def _station(
    folder: Path,
    loaded: LoadedDefinition,
    geography: Geography,
    context: ElectionContext,
    *,
    station: str,
    ballots: Sequence[tuple[dict[str, list[str]], bool]],
) -> Tally:
    definition_hash = loaded.definition_hash
    ballot = station_ballot(geography, station)
    device = _key(f"box {station}")
    zero = encode_signed(
        sign_report(
            zero_report(
                election=ELECTION,
                definition_hash=definition_hash,
                station=station,
                device=device.public_key,
                sequence=1,
                ballot=ballot,
            ),
            device,
        )
    )
    _write(folder / "reports" / station / "zero.json", zero)
    zero_hash = hashlib.sha256(zero).digest()
    head = start = chain_start(context.extended_hash, station, device.public_key.raw, zero_hash)
    entries = []
    records = []
    cast_ballots = []
    for n, (choices, cast) in enumerate(ballots):
        nonce = hashlib.sha256(f"nonce {station} {n}".encode()).digest()
        encrypted = encrypt_ballot(
            context, station, ballot, choices, nonce, device=device.public_key.raw
        )
        head = confirmation_code(context.extended_hash, head, ballot_hash(context, encrypted))
        data = canonical_json(ballot_to_json(encrypted))
        if cast:
            records.append(
                CastVoteRecord(tuple(Choice(c, tuple(codes)) for c, codes in choices.items()))
            )
            cast_ballots.append(encrypted)
            entries.append(ChainEntry(head, ChainState.CAST, data))
        else:
            entries.append(ChainEntry(head, ChainState.CHALLENGED, data, (nonce, choices)))
    challenged = len(ballots) - len(records)
    close = chain_close(context.extended_hash, head, len(records), challenged)
    chain = export_chain(
        station,
        device.public_key,
        "sha256:" + zero_hash.hex(),
        ChainHead(start, head, len(records), challenged, close),
        entries,
    )
    _write(folder / "e2e" / "ballots" / f"{station}.jsonl", chain)
    tally = station_tally(context, station, ballot, cast_ballots)
    final = report_from_records(
        kind=ReportKind.FINAL,
        election=ELECTION,
        definition_hash=definition_hash,
        station=station,
        device=device.public_key,
        sequence=2,
        ballot=ballot,
        records=records,
        papers={
            c.contest: Papers(
                received=len(ballots), used=len(records), unused=len(ballots) - len(records)
            )
            for c in ballot
        },
    )
    final = dataclasses.replace(
        final, e2e=E2ECommitment(close.hex(), tally_hash(context, tally).hex())
    )
    _write(folder / "reports" / station / "final.json", encode_signed(sign_report(final, device)))
    return tally


def _aggregate(name: str, contest: str, tallies: Sequence[Tally]) -> Tally:
    rows = [next(c for c in t.contests if c.contest == contest) for t in tallies]
    options = tuple(
        (option, elgamal.accumulate(G, (row.options[k][1] for row in rows)))
        for k, (option, _) in enumerate(rows[0].options)
    )
    return Tally(name, (TallyContest(contest, sum(r.ballots for r in rows), options),))


def decrypt(context: ElectionContext, z: Mapping[int, int], tally: Tally) -> bytes:
    used, values = [], []
    for contest, option, ciphertext in tally.ciphertexts():
        partials = [
            partial_decrypt(
                G,
                context.extended_hash,
                ell,
                z[ell],
                ciphertext,
                nonce=_scalar(f"w {tally.station} {contest} {option} {ell}"),
            )
            for ell in PRESENT
        ]
        used.append(partials)
        values.append(discrete_log(G, combine(G, ciphertext, partials, QUORUM), 1000))
    return encode_decrypted(G, tally, used, values)


#: the officials of the sealed record: (name, body); threshold 2, one of each body signing
OFFICIALS = (("HQ one", Body.HQ), ("HQ two", Body.HQ), ("Board one", Body.SUPERVISORY_BOARD))
THRESHOLD = 2
SIGNING = ("HQ one", "Board one")  # who seals the record and signs the amendment


@dataclass(frozen=True)
class Seal:
    fingerprint: str  # the record's, which observers carry
    head: str  # the amendment's hash: the chain's head


def seal(folder: Path, officials: str = "official", *, e2e: bool = True) -> Seal:
    """`anchor/` of the election in `folder`: the pre-election record with the ceremony's id, HE,
    K and `election.json`'s hash (none of them unless `e2e`) and each station's box, sealed by two
    officials (one of each body) whose keys are drawn from `officials`, and one amendment adding
    a spare box to ST-2."""
    ceremony_bytes = (folder / "e2e" / "election.json").read_bytes()
    ceremony = json.loads(ceremony_bytes)
    keys = {name: _key(f"{officials} {name}") for name, _ in OFFICIALS}
    record = PreElectionRecord(
        ELECTION,
        ceremony["definition_hash"],
        THRESHOLD,
        tuple(Authority(name, body, keys[name].public_key) for name, body in OFFICIALS),
        tuple(
            StationKeys(station, (_key(f"box {station}").public_key,))
            for station in sorted(BALLOTS)
        ),
        E2EKeys(
            ceremony["ceremony"],
            ceremony["extended_hash"],
            ceremony["joint_key"],
            "sha256:" + hashlib.sha256(ceremony_bytes).hexdigest(),
        )
        if e2e
        else None,
    )
    data = encode_record(record)
    _write(folder / "anchor" / "record.json", data)
    signatures = [sign_record(record, keys[name]) for name in SIGNING]
    _write(folder / "anchor" / "signatures.json", encode_signatures(data, signatures))
    amendment = next_amendment(
        record, [], station="ST-2", reason="a spare box", device=_key("spare box").public_key
    )
    amended = encode_amendment(amendment)
    signed = SignedAmendment(
        amendment, tuple(sign_bytes(AMENDMENT_LINE, amended, keys[name]) for name in SIGNING)
    )
    _write(folder / "anchor" / "amendments.json", encode_amendments([signed]))
    return Seal(fingerprint(data), fingerprint(amended))

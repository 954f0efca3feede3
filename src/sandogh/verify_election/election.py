"""The checks of the election as a whole, V1–V5 of `docs/e2e.md` §10: the manifest, the
parameters, the base hash, the guardians' coefficient proofs, the joint key and HE.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.hashing import parameter_hash
from sandogh.verify_election.chain import base_hash, extended_hash
from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.proofs import coefficient_proof_holds, share_key
from sandogh.verify_election.reading import (
    MAX_FILE,
    Source,
    canonical_bytes,
    count,
    digest,
    element,
    parse_json,
    prefixed,
    safe_path,
    scalar,
)
from sandogh.verify_election.reading import (
    field as read_field,
)
from sandogh.verify_election.sealed import check_sealed_ceremony

GROUP = RISTRETTO255
MANIFEST = "e2e/manifest.json"
ELECTION = "e2e/election.json"
PLAN_FORMAT = "sandogh/e2e-ceremony@1"
MANIFEST_FORMAT = "sandogh/e2e-manifest@1"
ELECTION_FORMAT = "sandogh/e2e-election@1"


@dataclass(frozen=True, slots=True)
class Listed:
    """A file as the manifest lists it."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Context:
    """What every station's checks need from the election (it travels to each worker)."""

    election: str
    folder: str  # "data/<election>/": the paths of §9 are under it
    definition_hash: bytes
    extended: bytes  # HE
    key: bytes  # K
    quorum: int
    share_keys: Mapping[int, bytes]  # K̂_ℓ by guardian index
    signing_keys: Mapping[int, bytes]  # each guardian's Ed25519 key, for its mix files (V23)


def read_listed(
    source: Source, ledger: Ledger, folder: str, relative: str, listed: Listed | None
) -> bytes | None:
    """`e2e/<relative>` of the election in `folder`, read to its listed length (+1) and held to
    the manifest (V1); None when it is missing, for the caller to fail the check that needs it."""
    data = source.read(f"{folder}e2e/{relative}", bound(listed))
    if data is not None:
        file_agrees(ledger, listed, relative, hashlib.sha256(data).hexdigest(), len(data))
    return data


def file_agrees(
    ledger: Ledger, listed: Listed | None, relative: str, data_hash: str, size: int
) -> None:
    """V1 for one file read: it is listed, with this SHA-256 and length."""
    if listed is None:
        ledger.failed(Check.MANIFEST, relative, "not listed in the manifest")
    elif size > listed.size:  # read to the listed length + 1 only: its hash would be of a part
        ledger.failed(
            Check.MANIFEST, relative, f"longer than the {listed.size} bytes the manifest lists"
        )
    elif listed.sha256 != data_hash or listed.size != size:
        ledger.failed(
            Check.MANIFEST, relative, f"SHA-256 {data_hash}, the manifest lists {listed.sha256}"
        )
    else:
        ledger.passed(Check.MANIFEST)


def bound(listed: Listed | None) -> int | None:
    """How much of a file to read: its listed length and a byte more (to see a longer file)."""
    return None if listed is None else listed.size + 1


def read_manifest(source: Source, folder: str, election: str) -> tuple[dict[str, Listed], str]:
    """The manifest's files, and its own hash (the record's fingerprint). The manifest must name
    the election verified (a record copied from another election is refused), and each path
    stay inside e2e/ (`safe_path`)."""
    where = folder + MANIFEST
    data = source.read(where)
    if data is None:
        raise RecordError(where, "missing")
    document = parse_json(data, where)
    if read_field(document, "format", where, str) != MANIFEST_FORMAT:
        raise RecordError(where, f"'format' is not {MANIFEST_FORMAT}")
    named = read_field(document, "election", where, str)
    if named != election:
        raise RecordError(where, f"the manifest is of election {named!r}, not {election!r}")
    files: dict[str, Listed] = {}
    for i, entry in enumerate(read_field(document, "files", where, list)):
        place = f"{where}: files[{i}]"
        path = safe_path(read_field(entry, "path", place, str), place)
        if path in files:
            raise RecordError(place, f"{path} listed twice")
        size = count(entry, "bytes", place, MAX_FILE)
        files[path] = Listed(digest(entry, "sha256", place).hex(), size)
    return files, "sha256:" + hashlib.sha256(data).hexdigest()


def check_election(
    source: Source,
    election: str,
    ledger: Ledger,
    definition_data: bytes | None,
    sealed: bytes | None,
) -> tuple[Context, dict[str, Listed], str]:
    """V1 (for the manifest and election.json), V2–V5 (V5 against `sealed`, the sealed record's
    bytes as V0 read them, if any); the context for the stations' checks, the manifest's files
    and the record's fingerprint. A file that cannot be read: `RecordError`."""
    folder = f"data/{election}/"
    files, fingerprint = read_manifest(source, folder, election)
    data = read_listed(source, ledger, folder, "election.json", files.get("election.json"))
    if data is None:
        raise RecordError(folder + ELECTION, "missing")
    where = folder + ELECTION
    document = parse_json(data, where)
    if read_field(document, "format", where, str) != ELECTION_FORMAT:
        raise RecordError(where, f"'format' is not {ELECTION_FORMAT}")
    named = read_field(document, "election", where, str)
    if named != election:
        raise RecordError(where, f"election.json is of election {named!r}, not {election!r}")
    _parameters(document, where, ledger)
    _ceremony(ledger, document, where)
    definition = prefixed(document, "definition_hash", "sha256", where)
    quorum = count(document, "quorum", where)
    guardians: list[Any] = read_field(document, "guardians", where, list)
    commitments = _commitments(guardians, where)
    base = digest(document, "base_hash", where)
    _base(
        ledger,
        definition,
        definition_data,
        base=base,
        guardians=len(guardians),
        quorum=quorum,
        where=where,
    )
    _guardian_proofs(ledger, base, guardians, commitments, quorum=quorum, where=where)
    key = element(GROUP, read_field(document, "joint_key", where), f"{where}: joint_key")
    extended = digest(document, "extended_hash", where)
    joint = GROUP.product(row[0] for row in commitments if row)
    ledger.record(Check.EXTENDED_HASH, key == joint, where, "joint_key is not Π_i K_{i,0}")
    recomputed = extended_hash(base, key, commitments)
    ledger.record(
        Check.EXTENDED_HASH,
        recomputed == extended,
        where,
        f"extended_hash is not HE ({recomputed.hex()})",
    )
    keys = {i: share_key(GROUP, commitments, i) for i in range(1, len(guardians) + 1)}
    for i, guardian in enumerate(guardians, start=1):
        place = f"{where}: guardians[{i - 1}]"
        shown = element(GROUP, read_field(guardian, "share_key", place), f"{place}.share_key")
        ledger.record(
            Check.EXTENDED_HASH, shown == keys[i], f"guardian {i}", "share_key is not K̂_i"
        )
    signing = {
        i: prefixed(guardian, "key", "ed25519", f"{where}: guardians[{i - 1}]")
        for i, guardian in enumerate(guardians, start=1)
    }
    check_sealed_ceremony(ledger, document, data, sealed, folder=folder, where=where)
    context = Context(election, folder, definition, extended, key, quorum, keys, signing)
    return context, files, fingerprint


def _ceremony(ledger: Ledger, document: Any, where: str) -> None:
    """V3: `ceremony` is the SHA-256 of the plan (§5), rebuilt from the record's own fields — the
    definition hash, the election, each guardian's Ed25519 key, name and role in order, the
    quorum —, so that none of them changes without the ceremony id."""
    guardians = read_field(document, "guardians", where, list)
    plan = {
        "definition_hash": read_field(document, "definition_hash", where, str),
        "election": read_field(document, "election", where, str),
        "format": PLAN_FORMAT,
        "guardians": [
            {
                "key": read_field(g, "key", f"{where}: guardians[{i}]", str),
                "name": read_field(g, "name", f"{where}: guardians[{i}]", str),
                "role": read_field(g, "role", f"{where}: guardians[{i}]", str),
            }
            for i, g in enumerate(guardians)
        ],
        "quorum": count(document, "quorum", where),
    }
    expected = "sha256:" + hashlib.sha256(canonical_bytes(plan)).hexdigest()
    ledger.record(
        Check.BASE_HASH,
        read_field(document, "ceremony", where, str) == expected,
        where,
        f"ceremony is not the SHA-256 of the plan its guardians, quorum and definition make "
        f"({expected})",
    )


def _parameters(document: Any, where: str, ledger: Ledger) -> None:
    group = read_field(document, "group", where, str)
    ledger.record(
        Check.PARAMETERS, group == GROUP.name, where, f"group {group!r} is not {GROUP.name}"
    )
    published = digest(document, "parameter_hash", where)
    expected = parameter_hash(GROUP)
    ledger.record(
        Check.PARAMETERS,
        published == expected,
        where,
        f"parameter_hash is not HP ({expected.hex()})",
    )


def _commitments(guardians: list[Any], where: str) -> list[list[bytes]]:
    rows: list[list[bytes]] = []
    for position, guardian in enumerate(guardians):
        place = f"{where}: guardians[{position}]"
        listed = read_field(guardian, "commitments", place, list)
        rows.append(
            [
                element(
                    GROUP,
                    read_field(each, "key", f"{place}.commitments[{j}]"),
                    f"{place}.commitments[{j}].key",
                )
                for j, each in enumerate(listed)
            ]
        )
    return rows


def _base(
    ledger: Ledger,
    definition: bytes,
    definition_data: bytes | None,
    *,
    base: bytes,
    guardians: int,
    quorum: int,
    where: str,
) -> None:
    if definition_data is None:
        ledger.failed(Check.BASE_HASH, where, "definition.json is missing beside the record")
    else:
        actual = hashlib.sha256(definition_data).digest()
        ledger.record(
            Check.BASE_HASH,
            actual == definition,
            where,
            f"definition.json hashes to sha256:{actual.hex()}",
        )
    ledger.record(
        Check.BASE_HASH,
        1 <= quorum <= guardians,
        where,
        f"quorum {quorum} of {guardians} guardians",
    )
    expected = base_hash(parameter_hash(GROUP), definition, guardians, quorum)
    ledger.record(
        Check.BASE_HASH, expected == base, where, f"base_hash is not HB ({expected.hex()})"
    )


def _guardian_proofs(
    ledger: Ledger,
    base: bytes,
    guardians: list[Any],
    commitments: list[list[bytes]],
    *,
    quorum: int,
    where: str,
) -> None:
    for position, (guardian, row) in enumerate(zip(guardians, commitments, strict=True)):
        place = f"{where}: guardians[{position}]"
        index = count(guardian, "guardian", place)
        name = f"guardian {index}"
        if not ledger.record(
            Check.BASE_HASH, index == position + 1, name, f"listed at position {position + 1}"
        ):
            continue
        if not ledger.record(
            Check.BASE_HASH, len(row) == quorum, name, f"{len(row)} commitments, not {quorum}"
        ):
            continue
        listed = read_field(guardian, "commitments", place, list)
        proved = [(j, row[j], entry, f"{place}.commitments[{j}]") for j, entry in enumerate(listed)]
        ceremony = read_field(guardian, "ceremony_key", place, dict)
        at = f"{place}.ceremony_key"
        proved.append((quorum, element(GROUP, read_field(ceremony, "key", at), at), ceremony, at))
        for j, commitment, entry, at in proved:
            proof = read_field(entry, "proof", at, dict)
            c = scalar(GROUP, read_field(proof, "c", at), f"{at}.proof.c")
            v = scalar(GROUP, read_field(proof, "v", at), f"{at}.proof.v")
            holds = coefficient_proof_holds(
                GROUP, base, guardian=index, j=j, commitment=commitment, c=c, v=v
            )
            what = "ceremony key" if j == quorum else f"coefficient {j}"
            ledger.record(
                Check.GUARDIAN_PROOFS, holds, f"{name}, {what}", "the Schnorr proof does not verify"
            )

"""The files of the key ceremony (`docs/e2e.md` §5): the plan, and each guardian's public,
shares, check and reveal files (signed), and its two private files (secret and key).

Every file names the ceremony by its id, the `sha256:` hash of the plan's bytes, and a file of
another ceremony is refused; a signed file is checked against the key the plan lists for the
guardian it names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony import GuardianPublic, GuardianSecret, ProvenKey
from sandogh.core.e2e.context import base_hash
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.schnorr import SchnorrProof
from sandogh.core.e2e.share_encryption import Complaint, EncryptedShare, Reveal, ShareFault
from sandogh.core.e2e.signed_json import SIGNATURE, FileReader, sign_document
from sandogh.core.report.digests import DIGEST, sha256_text
from sandogh.core.report.keys import KEY_TEXT, PublicKey, SigningKey

PLAN = "sandogh/e2e-ceremony@1"
PUBLIC = "sandogh/e2e-guardian-public@1"
SHARES = "sandogh/e2e-guardian-shares@1"
CHECK = "sandogh/e2e-guardian-check@1"
REVEAL = "sandogh/e2e-guardian-reveal@1"
SECRET = "sandogh/e2e-guardian-secret@1"
KEY = "sandogh/e2e-guardian-key@1"
_CODE = re.compile(r"[A-Za-z0-9._-]+")
_BODY = 32  # the bytes of an encrypted share and of its tag


@dataclass(frozen=True)
class PlannedGuardian:
    name: str
    role: str
    key: PublicKey


@dataclass(frozen=True)
class Plan:
    """The ceremony's plan: guardian i is `guardians[i − 1]`."""

    election: str
    definition_hash: str
    quorum: int
    guardians: tuple[PlannedGuardian, ...]

    @property
    def data(self) -> bytes:
        return canonical_json(
            {
                "format": PLAN,
                "election": self.election,
                "definition_hash": self.definition_hash,
                "quorum": self.quorum,
                "guardians": [
                    {"name": g.name, "role": g.role, "key": g.key.text} for g in self.guardians
                ],
            }
        )

    @property
    def id(self) -> str:
        """The ceremony id: the plan's `sha256:` hash."""
        return sha256_text(self.data)

    @property
    def indices(self) -> range:
        return range(1, len(self.guardians) + 1)

    def base_hash(self, group: Group) -> bytes:
        raw = bytes.fromhex(self.definition_hash.removeprefix("sha256:"))
        return base_hash(group, raw, len(self.guardians), self.quorum)

    def guardian_of(self, key: PublicKey) -> int | None:
        """The index of the guardian whose Ed25519 key is `key`."""
        return next(
            (i for i, g in zip(self.indices, self.guardians, strict=True) if g.key == key), None
        )


def plan_problems(plan: Plan) -> list[Problem]:
    problems = []
    if not 1 <= plan.quorum <= len(plan.guardians):
        problems.append(
            Problem(
                "quorum", f"{plan.quorum} is not from 1 to {len(plan.guardians)}, the guardians"
            )
        )
    problems.extend(
        Problem("guardians", f"{key.text} is listed {n} times")
        for key, n in Counter(g.key for g in plan.guardians).items()
        if n > 1
    )
    problems.extend(
        Problem(f"guardians[{i}].{field}", "must not be empty")
        for i, g in enumerate(plan.guardians)
        for field, value in (("name", g.name), ("role", g.role))
        if not value.strip()
    )
    return problems


def decode_plan(group: Group, data: bytes, where: str) -> Plan:
    reader = FileReader(where, group)
    document = reader.open(
        data, PLAN, ("format", "election", "definition_hash", "quorum", "guardians")
    )
    guardians = []
    for i, entry in enumerate(reader.items(document["guardians"], "guardians")):
        fields = reader.fields(entry, f"guardians[{i}]", frozenset(("name", "role", "key")))
        if fields is None:
            continue
        name = reader.text(fields["name"], f"guardians[{i}].name")
        role = reader.text(fields["role"], f"guardians[{i}].role")
        key = reader.text(fields["key"], f"guardians[{i}].key", KEY_TEXT)
        if key:
            guardians.append(PlannedGuardian(name, role, PublicKey.from_text(key)))
    plan = Plan(
        reader.text(document["election"], "election", _CODE),
        reader.text(document["definition_hash"], "definition_hash", DIGEST),
        reader.figure(document["quorum"], "quorum"),
        tuple(guardians),
    )
    reader.stop()
    reader.problems.extend(plan_problems(plan))
    reader.stop()
    return plan


# ---- signed files: the ceremony id, the guardian, its signature --------------------------------


def _open_signed(
    reader: FileReader, plan: Plan, data: bytes, format_: str, fields: tuple[str, ...]
) -> tuple[dict[str, object], int]:
    document = dict(
        reader.open(data, format_, ("format", "ceremony", "guardian", SIGNATURE, *fields))
    )
    if document["ceremony"] != plan.id:
        reader.problem("ceremony", f"{document['ceremony']!r} is not this ceremony, {plan.id}")
    guardian = reader.figure(document["guardian"], "guardian")
    if guardian not in plan.indices:
        reader.problem("guardian", f"{guardian} is not from 1 to {len(plan.guardians)}")
    reader.stop()
    reader.check_signature(document, plan.guardians[guardian - 1].key)
    return document, guardian


def _signed(plan: Plan, format_: str, guardian: int, key: SigningKey, **rest: object) -> bytes:
    return sign_document(
        {"format": format_, "ceremony": plan.id, "guardian": guardian, **rest}, key
    )


def proven_json(group: Group, proven: ProvenKey) -> dict[str, object]:
    """{"key": el, "proof": {"c": sc, "v": sc}}: a commitment or a ceremony key."""
    proof = proven.proof
    return {
        "key": proven.key.hex(),
        "proof": {
            "c": group.scalar_bytes(proof.challenge).hex(),
            "v": group.scalar_bytes(proof.response).hex(),
        },
    }


def read_proven(reader: FileReader, value: object, path: str) -> ProvenKey:
    fields = reader.fields(value, path, frozenset(("key", "proof")))
    if fields is None:
        return ProvenKey(b"", SchnorrProof(0, 0))
    proof = reader.fields(fields["proof"], f"{path}.proof", frozenset(("c", "v")))
    if proof is None:
        return ProvenKey(b"", SchnorrProof(0, 0))
    return ProvenKey(
        reader.element(fields["key"], f"{path}.key"),
        SchnorrProof(
            reader.scalar(proof["c"], f"{path}.proof.c"),
            reader.scalar(proof["v"], f"{path}.proof.v"),
        ),
    )


def encode_public(group: Group, plan: Plan, public: GuardianPublic, key: SigningKey) -> bytes:
    return _signed(
        plan,
        PUBLIC,
        public.guardian,
        key,
        commitments=[proven_json(group, each) for each in public.commitments],
        ceremony_key=proven_json(group, public.ceremony_key),
    )


def decode_public(group: Group, plan: Plan, data: bytes, where: str) -> GuardianPublic:
    """A guardian's public file, its signature checked (its proofs are `public_problems`')."""
    reader = FileReader(where, group)
    document, guardian = _open_signed(reader, plan, data, PUBLIC, ("commitments", "ceremony_key"))
    commitments = tuple(
        read_proven(reader, each, f"commitments[{j}]")
        for j, each in enumerate(reader.items(document["commitments"], "commitments"))
    )
    ceremony_key = read_proven(reader, document["ceremony_key"], "ceremony_key")
    reader.stop()
    return GuardianPublic(guardian, commitments, ceremony_key)


def encode_shares(plan: Plan, sender: int, shares: list[EncryptedShare], key: SigningKey) -> bytes:
    rows = [
        {"to": s.recipient, "alpha": s.alpha.hex(), "share": s.body.hex(), "tag": s.tag.hex()}
        for s in sorted(shares, key=lambda s: s.recipient)
    ]
    return _signed(plan, SHARES, sender, key, shares=rows)


def decode_shares(
    group: Group, plan: Plan, data: bytes, where: str
) -> tuple[int, dict[int, EncryptedShare]]:
    """The guardian who sent them, and its shares by recipient: one for every other guardian,
    each once."""
    reader = FileReader(where, group)
    document, sender = _open_signed(reader, plan, data, SHARES, ("shares",))
    shares: dict[int, EncryptedShare] = {}
    for n, entry in enumerate(reader.items(document["shares"], "shares")):
        path = f"shares[{n}]"
        fields = reader.fields(entry, path, frozenset(("to", "alpha", "share", "tag")))
        if fields is None:
            continue
        to = reader.figure(fields["to"], f"{path}.to")
        if to == sender or to not in plan.indices or to in shares:
            reader.problem(f"{path}.to", f"{to} is not another guardian, once")
        shares[to] = EncryptedShare(
            sender,
            to,
            reader.element(fields["alpha"], f"{path}.alpha"),
            reader.hex_field(fields["share"], f"{path}.share", _BODY),
            reader.hex_field(fields["tag"], f"{path}.tag", _BODY),
        )
    missing = [i for i in plan.indices if i != sender and i not in shares]
    if missing:
        reader.problem("shares", f"no share for guardians {missing}")
    reader.stop()
    return sender, shares


def encode_check(plan: Plan, guardian: int, complaints: list[Complaint], key: SigningKey) -> bytes:
    rows = [
        {"against": c.against, "reason": c.fault.value}
        for c in sorted(complaints, key=lambda c: c.against)
    ]
    return _signed(plan, CHECK, guardian, key, complaints=rows)


def decode_check(group: Group, plan: Plan, data: bytes, where: str) -> tuple[int, list[Complaint]]:
    """The guardian who checked, and its complaints."""
    reader = FileReader(where, group)
    document, guardian = _open_signed(reader, plan, data, CHECK, ("complaints",))
    complaints = []
    for n, entry in enumerate(reader.items(document["complaints"], "complaints")):
        fields = reader.fields(entry, f"complaints[{n}]", frozenset(("against", "reason")))
        if fields is None:
            continue
        against = reader.figure(fields["against"], f"complaints[{n}].against")
        if against == guardian or against not in plan.indices:
            reader.problem(f"complaints[{n}].against", f"{against} is not another guardian")
        reason = fields["reason"]
        if reason not in {f.value for f in ShareFault}:
            reader.problem(f"complaints[{n}].reason", f"{reason!r} is not tag, scalar or check")
            continue
        complaints.append(Complaint(guardian, against, ShareFault(str(reason))))
    reader.stop()
    return guardian, complaints


def encode_reveal(group: Group, plan: Plan, reveals: list[Reveal], key: SigningKey) -> bytes:
    sender = reveals[0].sender
    rows = [
        {
            "to": r.recipient,
            "nonce": group.scalar_bytes(r.nonce).hex(),
            "share": group.scalar_bytes(r.share).hex(),
        }
        for r in sorted(reveals, key=lambda r: r.recipient)
    ]
    return _signed(plan, REVEAL, sender, key, reveals=rows)


def decode_reveal(group: Group, plan: Plan, data: bytes, where: str) -> dict[int, Reveal]:
    """A guardian's reveals, by the guardian who complained."""
    reader = FileReader(where, group)
    document, sender = _open_signed(reader, plan, data, REVEAL, ("reveals",))
    reveals = {}
    for n, entry in enumerate(reader.items(document["reveals"], "reveals")):
        path = f"reveals[{n}]"
        fields = reader.fields(entry, path, frozenset(("to", "nonce", "share")))
        if fields is None:
            continue
        to = reader.figure(fields["to"], f"{path}.to")
        reveals[to] = Reveal(
            sender,
            to,
            reader.scalar(fields["nonce"], f"{path}.nonce"),
            reader.scalar(fields["share"], f"{path}.share"),
        )
    reader.stop()
    return reveals


# ---- the guardian's private files --------------------------------------------------------------


@dataclass(frozen=True)
class SecretState:
    """A guardian's secret file: its polynomial and ceremony key, and its share nonces."""

    secret: GuardianSecret
    nonces: dict[int, int]


def encode_secret(group: Group, plan: Plan, state: SecretState) -> bytes:
    return canonical_json(
        {
            "format": SECRET,
            "ceremony": plan.id,
            "guardian": state.secret.guardian,
            "coefficients": [group.scalar_bytes(a).hex() for a in state.secret.coefficients],
            "ceremony_secret": group.scalar_bytes(state.secret.ceremony_secret).hex(),
            "nonces": [
                {"to": to, "nonce": group.scalar_bytes(nonce).hex()}
                for to, nonce in sorted(state.nonces.items())
            ],
        }
    )


def decode_secret(group: Group, plan: Plan, data: bytes, where: str) -> SecretState:
    reader = FileReader(where, group)
    document = reader.open(
        data,
        SECRET,
        ("format", "ceremony", "guardian", "coefficients", "ceremony_secret", "nonces"),
    )
    if document["ceremony"] != plan.id:
        reader.problem("ceremony", f"{document['ceremony']!r} is not this ceremony, {plan.id}")
    coefficients = tuple(
        reader.scalar(a, f"coefficients[{j}]")
        for j, a in enumerate(reader.items(document["coefficients"], "coefficients"))
    )
    if len(coefficients) != plan.quorum:
        reader.problem("coefficients", f"{len(coefficients)} given, not the quorum {plan.quorum}")
    nonces = {}
    for n, entry in enumerate(reader.items(document["nonces"], "nonces")):
        fields = reader.fields(entry, f"nonces[{n}]", frozenset(("to", "nonce")))
        if fields is not None:
            nonces[reader.figure(fields["to"], f"nonces[{n}].to")] = reader.scalar(
                fields["nonce"], f"nonces[{n}].nonce"
            )
    secret = GuardianSecret(
        reader.figure(document["guardian"], "guardian"),
        coefficients,
        reader.scalar(document["ceremony_secret"], "ceremony_secret"),
    )
    reader.stop()
    return SecretState(secret, nonces)


@dataclass(frozen=True)
class GuardianKey:
    """A guardian's key file: its share z_ℓ of the joint secret, for HE's election."""

    ceremony: str
    guardian: int
    extended_hash: bytes
    share: int


def encode_key(group: Group, key: GuardianKey) -> bytes:
    return canonical_json(
        {
            "format": KEY,
            "ceremony": key.ceremony,
            "guardian": key.guardian,
            "extended_hash": key.extended_hash.hex(),
            "share": group.scalar_bytes(key.share).hex(),
        }
    )


def decode_key(group: Group, data: bytes, where: str) -> GuardianKey:
    reader = FileReader(where, group)
    document = reader.open(data, KEY, ("format", "ceremony", "guardian", "extended_hash", "share"))
    key = GuardianKey(
        reader.text(document["ceremony"], "ceremony", DIGEST),
        reader.figure(document["guardian"], "guardian"),
        reader.hex_field(document["extended_hash"], "extended_hash", 32),
        reader.scalar(document["share"], "share"),
    )
    reader.stop()
    return key

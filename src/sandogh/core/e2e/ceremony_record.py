"""The end of the key ceremony and its public record (`docs/e2e.md` §5, "The ceremony record").

`conclude` decides the whole exchange from the guardians' files, as anyone can: every public
file's proofs, every complaint against the sender's reveal; it names each guardian at fault
(`CeremonyError`) or gives the record — the joint key K, each guardian's public share key
K̂_ℓ, HB and HE — that `encode_record` writes as `e2e/election.json`'s content (format
`sandogh/e2e-election@1`) and `decode_record` reads back with every check a verifier makes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony import (
    GuardianPublic,
    joint_key,
    public_problems,
    public_share_key,
)
from sandogh.core.e2e.ceremony_files import (
    Plan,
    PlannedGuardian,
    proven_json,
    read_proven,
)
from sandogh.core.e2e.context import extended_hash
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import parameter_hash
from sandogh.core.e2e.share_encryption import (
    Complaint,
    EncryptedShare,
    Reveal,
    ShareFault,
    complaint_upheld,
)
from sandogh.core.e2e.signed_json import FileReader
from sandogh.core.errors import SandoghError
from sandogh.core.report.digests import DIGEST
from sandogh.core.report.keys import KEY_TEXT, PublicKey

RECORD = "sandogh/e2e-election@1"


@dataclass(frozen=True, slots=True)
class Fault:
    """Guardian `guardian` is named, for `reason`."""

    guardian: int
    name: str
    reason: str

    def __str__(self) -> str:
        return f"guardian {self.guardian} ({self.name}) {self.reason}"


class CeremonyError(SandoghError):
    """A ceremony that cannot finish; `faults` names every guardian at fault and why."""

    def __init__(self, faults: Iterable[Fault]) -> None:
        self.faults = tuple(faults)
        super().__init__("the key ceremony cannot finish: " + "; ".join(map(str, self.faults)))


@dataclass(frozen=True)
class RecordGuardian:
    index: int
    planned: PlannedGuardian
    public: GuardianPublic
    share_key: bytes


@dataclass(frozen=True)
class CeremonyRecord:
    """The ceremony's outcome, all public."""

    plan: Plan
    base_hash: bytes
    extended_hash: bytes
    joint_key: bytes
    guardians: tuple[RecordGuardian, ...]
    complaints: tuple[Complaint, ...]

    def guardian(self, index: int) -> RecordGuardian | None:
        return next((g for g in self.guardians if g.index == index), None)


def conclude(
    group: Group,
    plan: Plan,
    *,
    publics: Mapping[int, GuardianPublic],
    shares: Mapping[int, Mapping[int, EncryptedShare]],
    checks: Mapping[int, Sequence[Complaint]],
    reveals: Mapping[int, Mapping[int, Reveal]],
) -> CeremonyRecord:
    """The record of the ceremony whose decoded (signature-checked) files are given, by guardian;
    `CeremonyError` naming every guardian whose file is missing or wrong, who sent a bad share
    (a complaint upheld), or who has not checked its shares yet."""
    base = plan.base_hash(group)
    faults = []

    def name(i: int) -> str:
        return plan.guardians[i - 1].name

    missing = []
    for i in plan.indices:
        if i not in publics:
            faults.append(Fault(i, name(i), "has published no public file"))
        elif problems := public_problems(group, base, plan.quorum, publics[i]):
            faults.append(Fault(i, name(i), f"published a public file that fails: {problems[0]}"))
        if i not in shares:
            faults.append(Fault(i, name(i), "has published no shares file"))
        if i not in checks:
            missing.append(Fault(i, name(i), "has not published its check file"))
    if faults:
        raise CeremonyError([*faults, *missing])
    # the complaints that can be judged are judged even when a check file is missing, so that
    # an upheld one (a guardian who sent a bad share) is named first, not hidden behind it
    dismissed = []
    for complaints in checks.values():
        for complaint in complaints:
            sender, by = complaint.against, complaint.by
            if sender not in shares or by not in shares[sender]:
                continue
            reveal = reveals.get(sender, {}).get(by)
            sent = shares[sender][by]
            recipient_key = publics[by].ceremony_key.key
            if complaint_upheld(
                group,
                base,
                sent,
                reveal,
                recipient_key=recipient_key,
                commitments=publics[sender].keys,
            ):
                faults.append(
                    Fault(sender, name(sender), f"sent a bad share to guardian {by} ({name(by)})")
                )
            else:
                dismissed.append(complaint)
    if faults or missing:
        raise CeremonyError([*faults, *missing])
    ordered = [publics[i] for i in plan.indices]
    joint = joint_key(group, ordered)
    return CeremonyRecord(
        plan,
        base,
        extended_hash(base, joint, [p.keys for p in ordered]),
        joint,
        tuple(
            RecordGuardian(
                i, plan.guardians[i - 1], publics[i], public_share_key(group, ordered, i)
            )
            for i in plan.indices
        ),
        tuple(sorted(dismissed, key=lambda c: (c.by, c.against))),
    )


def encode_record(group: Group, record: CeremonyRecord) -> bytes:
    plan = record.plan
    return canonical_json(
        {
            "format": RECORD,
            "group": group.name,
            "parameter_hash": parameter_hash(group).hex(),
            "ceremony": plan.id,
            "election": plan.election,
            "definition_hash": plan.definition_hash,
            "quorum": plan.quorum,
            "base_hash": record.base_hash.hex(),
            "extended_hash": record.extended_hash.hex(),
            "joint_key": record.joint_key.hex(),
            "guardians": [
                {
                    "guardian": g.index,
                    "name": g.planned.name,
                    "role": g.planned.role,
                    "key": g.planned.key.text,
                    "commitments": [proven_json(group, c) for c in g.public.commitments],
                    "ceremony_key": proven_json(group, g.public.ceremony_key),
                    "share_key": g.share_key.hex(),
                }
                for g in record.guardians
            ],
            "complaints": [
                {"by": c.by, "against": c.against, "reason": c.fault.value}
                for c in record.complaints
            ],
        }
    )


_FIELDS = (
    "format",
    "group",
    "parameter_hash",
    "ceremony",
    "election",
    "definition_hash",
    "quorum",
    "base_hash",
    "extended_hash",
    "joint_key",
    "guardians",
    "complaints",
)
_GUARDIAN = frozenset(
    ("guardian", "name", "role", "key", "commitments", "ceremony_key", "share_key")
)


def decode_record(group: Group, data: bytes, where: str) -> CeremonyRecord:
    """The record in `data`, every hash, key and proof in it recomputed and checked; a
    `GuardianFileError` names each that is wrong."""
    reader = FileReader(where, group)
    document = reader.open(data, RECORD, _FIELDS)
    if document["group"] != group.name:
        reader.problem("group", f"{document['group']!r} is not {group.name}")
    planned, publics = [], []
    for n, entry in enumerate(reader.items(document["guardians"], "guardians")):
        fields = reader.fields(entry, f"guardians[{n}]", _GUARDIAN)
        if fields is None:
            continue
        key = reader.text(fields["key"], f"guardians[{n}].key", KEY_TEXT)
        planned.append(
            PlannedGuardian(
                reader.text(fields["name"], f"guardians[{n}].name"),
                reader.text(fields["role"], f"guardians[{n}].role"),
                PublicKey.from_text(key) if key else PublicKey(bytes(32)),
            )
        )
        commitments = tuple(
            read_proven(reader, c, f"guardians[{n}].commitments[{j}]")
            for j, c in enumerate(
                reader.items(fields["commitments"], f"guardians[{n}].commitments")
            )
        )
        ceremony_key = read_proven(reader, fields["ceremony_key"], f"guardians[{n}].ceremony_key")
        publics.append(GuardianPublic(n + 1, commitments, ceremony_key))
        if fields["guardian"] != n + 1:
            reader.problem(f"guardians[{n}].guardian", f"must be {n + 1}")
    plan = Plan(
        reader.text(document["election"], "election"),
        reader.text(document["definition_hash"], "definition_hash", DIGEST),
        reader.figure(document["quorum"], "quorum"),
        tuple(planned),
    )
    complaints = []
    for n, entry in enumerate(reader.items(document["complaints"], "complaints")):
        fields = reader.fields(entry, f"complaints[{n}]", frozenset(("by", "against", "reason")))
        if fields is not None and fields["reason"] in {f.value for f in ShareFault}:
            complaints.append(
                Complaint(
                    reader.figure(fields["by"], f"complaints[{n}].by"),
                    reader.figure(fields["against"], f"complaints[{n}].against"),
                    ShareFault(str(fields["reason"])),
                )
            )
    reader.stop()
    base = plan.base_hash(group)
    for public in publics:
        reader.problems.extend(
            Problem(f"guardians[{public.guardian - 1}].{p.path}", p.message)
            for p in public_problems(group, base, plan.quorum, public)
        )
    reader.stop()
    joint = joint_key(group, publics)
    record = CeremonyRecord(
        plan,
        base,
        extended_hash(base, joint, [p.keys for p in publics]),
        joint,
        tuple(
            RecordGuardian(p.guardian, g, p, public_share_key(group, publics, p.guardian))
            for g, p in zip(planned, publics, strict=True)
        ),
        tuple(complaints),
    )
    if encode_record(group, record) != data:
        reader.problem("", "a hash or key differs from the one the guardians' commitments give")
    reader.stop()
    return record

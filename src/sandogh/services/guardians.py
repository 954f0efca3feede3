"""The guardians' steps of the key ceremony (`docs/e2e.md` §5), and the ceremony record they end in.

Each step is one guardian's, run on its own machine with its own Ed25519 key (`init`, `share`,
`check`, `reveal`), or anyone's from the public files alone (`finish`). The steps take the files'
bytes, each with the name it is read from (`Document`), and return the bytes to write: the adapter
(`sandogh guardians …`) reads and writes the files, the private ones with mode 0600, and draws the
randomness (`Draw`). Nothing here ever holds the joint secret: a guardian's step sees its own
polynomial or share and the others' public files only. The tally's decryption with the key a
ceremony gives each guardian is `services.tally_decryption`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony import (
    GuardianPublic,
    GuardianSecret,
    joint_key,
    public_problems,
    public_share_key,
    publish,
    secret_share,
)
from sandogh.core.e2e.ceremony_files import (
    GuardianKey,
    Plan,
    PlannedGuardian,
    SecretState,
    decode_check,
    decode_plan,
    decode_public,
    decode_reveal,
    decode_secret,
    decode_shares,
    encode_check,
    encode_key,
    encode_public,
    encode_reveal,
    encode_secret,
    encode_shares,
)
from sandogh.core.e2e.ceremony_record import (
    CeremonyError,
    CeremonyRecord,
    Fault,
    conclude,
    decode_record,
    encode_record,
)
from sandogh.core.e2e.context import extended_hash
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.share_encryption import (
    BadShareError,
    Complaint,
    EncryptedShare,
    Reveal,
    complaint_upheld,
    decrypt_share,
    encrypt_share,
)
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.report.keys import SigningKey

GROUP = RISTRETTO255
#: a fresh uniform scalar mod q for each call: the adapter's randomness
Draw = Callable[[], int]


@dataclass(frozen=True)
class Document:
    """A file's bytes and the name to say in an error."""

    where: str
    data: bytes


def make_plan(
    election: str, definition_hash: str, quorum: int, guardians: Sequence[PlannedGuardian]
) -> bytes:
    """The ceremony's plan, refused (`GuardianFileError`) unless well made."""
    plan = Plan(election, definition_hash, quorum, tuple(guardians))
    data = plan.data
    decode_plan(GROUP, data, "the plan")  # every check a guardian reading it makes
    return data


def _plan(document: Document) -> Plan:
    return decode_plan(GROUP, document.data, document.where)


def index_of(plan: Plan, key: SigningKey, where: str) -> int:
    """The index of the guardian whose key is `key` in the plan; `GuardianFileError` naming
    `where` if it is not listed."""
    index = plan.guardian_of(key.public_key)
    if index is None:
        raise GuardianFileError(
            where, [Problem("guardians", f"{key.public_key.text} is not listed")]
        )
    return index


def guardian_index(plan_file: Document, key: SigningKey) -> int:
    """The index of the guardian whose key is `key` in the plan; refused if it is not listed."""
    return index_of(_plan(plan_file), key, plan_file.where)


def _secret(plan: Plan, document: Document, index: int) -> SecretState:
    state = decode_secret(GROUP, plan, document.data, document.where)
    if state.secret.guardian != index:
        raise GuardianFileError(
            document.where,
            [Problem("guardian", f"is {state.secret.guardian}, your key is {index}'s")],
        )
    return state


def init(plan_file: Document, key: SigningKey, draw: Draw) -> tuple[int, bytes, bytes]:
    """Guardian i's first step: its index, its secret file (polynomial, ceremony key, share
    nonces) and its public file (commitments and ceremony key with their proofs)."""
    plan = _plan(plan_file)
    index = index_of(plan, key, plan_file.where)
    secret = GuardianSecret(index, tuple(draw() for _ in range(plan.quorum)), draw())
    nonces = {ell: draw() for ell in plan.indices if ell != index}
    public = publish(GROUP, plan.base_hash(GROUP), secret, [draw() for _ in range(plan.quorum + 1)])
    return (
        index,
        encode_secret(GROUP, plan, SecretState(secret, nonces)),
        encode_public(GROUP, plan, public, key),
    )


def _publics(plan: Plan, files: Iterable[Document]) -> dict[int, GuardianPublic]:
    """Every guardian's public file, signature and proofs checked; `CeremonyError` names each
    guardian whose file is missing or fails."""
    base = plan.base_hash(GROUP)
    publics: dict[int, GuardianPublic] = {}
    for document in files:
        public = decode_public(GROUP, plan, document.data, document.where)
        problems = public_problems(GROUP, base, plan.quorum, public)
        if problems:
            raise GuardianFileError(document.where, problems)
        publics[public.guardian] = public
    missing = [i for i in plan.indices if i not in publics]
    if missing:
        raise CeremonyError(_faults(plan, missing, "has published no public file"))
    return publics


def _faults(plan: Plan, guardians: Iterable[int], reason: str) -> list[Fault]:
    return [Fault(i, plan.guardians[i - 1].name, reason) for i in guardians]


def share(
    plan_file: Document, secret_file: Document, public_files: Sequence[Document], key: SigningKey
) -> bytes:
    """Guardian i's shares file: P_i(ℓ) for every other guardian ℓ, encrypted to its ceremony key
    (§5, step 2), once every public file checks."""
    plan = _plan(plan_file)
    index = index_of(plan, key, plan_file.where)
    state = _secret(plan, secret_file, index)
    publics = _publics(plan, public_files)
    base = plan.base_hash(GROUP)
    shares = [
        encrypt_share(
            GROUP,
            base,
            index,
            ell,
            recipient_key=publics[ell].ceremony_key.key,
            share=state.secret.share_for(GROUP, ell),
            nonce=state.nonces[ell],
        )
        for ell in plan.indices
        if ell != index
    ]
    return encode_shares(plan, index, shares, key)


def _shares(plan: Plan, files: Iterable[Document]) -> dict[int, dict[int, EncryptedShare]]:
    found = {}
    for document in files:
        sender, decoded = decode_shares(GROUP, plan, document.data, document.where)
        found[sender] = decoded
    return found


def _reveals(plan: Plan, files: Iterable[Document]) -> dict[int, dict[int, Reveal]]:
    found: dict[int, dict[int, Reveal]] = {}
    for document in files:
        decoded = decode_reveal(GROUP, plan, document.data, document.where)
        for reveal in decoded.values():
            found.setdefault(reveal.sender, {})[reveal.recipient] = reveal
    return found


@dataclass(frozen=True)
class Checked:
    """What `check` gives guardian ℓ: its signed check file, its complaints, and its key file
    once every share is accepted (None while a complaint is unanswered)."""

    check: bytes
    complaints: tuple[Complaint, ...]
    key: bytes | None


def check(
    plan_file: Document,
    secret_file: Document,
    public_files: Sequence[Document],
    share_files: Sequence[Document],
    reveal_files: Sequence[Document],
    *,
    key: SigningKey,
) -> Checked:
    """Guardian ℓ's check of the shares sent to it (§5, steps 3–5): a complaint for each bad one;
    a share complained of and revealed is taken once the reveal holds, and its sender named
    (`CeremonyError`) if it does not."""
    plan = _plan(plan_file)
    index = index_of(plan, key, plan_file.where)
    state = _secret(plan, secret_file, index)
    publics = _publics(plan, public_files)
    shares = _shares(plan, share_files)
    missing = [i for i in plan.indices if i != index and i not in shares]
    if missing:
        raise CeremonyError(_faults(plan, missing, "has published no shares file"))
    reveals = _reveals(plan, reveal_files)
    base = plan.base_hash(GROUP)
    own = publics[index].ceremony_key.key
    received, complaints, unanswered = [state.secret.share_for(GROUP, index)], [], []
    for sender in (i for i in plan.indices if i != index):
        sent = shares[sender][index]
        try:
            received.append(
                decrypt_share(GROUP, base, sent, state.secret.ceremony_secret, publics[sender].keys)
            )
            continue
        except BadShareError as bad:
            complaints.append(Complaint(index, sender, bad.fault))
        reveal = reveals.get(sender, {}).get(index)
        if reveal is None:
            unanswered.append(sender)
        elif complaint_upheld(
            GROUP, base, sent, reveal, recipient_key=own, commitments=publics[sender].keys
        ):
            raise CeremonyError(
                _faults(
                    plan,
                    [sender],
                    f"sent a bad share to guardian {index} ({plan.guardians[index - 1].name})",
                )
            )
        else:
            received.append(reveal.share)
    signed = encode_check(plan, index, complaints, key)
    if unanswered:
        return Checked(signed, tuple(complaints), None)
    ordered = [publics[i] for i in plan.indices]
    joint = joint_key(GROUP, ordered)
    z = secret_share(GROUP, received)
    if GROUP.base_exp(z) != public_share_key(GROUP, ordered, index):
        raise CeremonyError(_faults(plan, [index], "holds a share off its public share key"))
    extended = extended_hash(base, joint, [p.keys for p in ordered])
    guardian_key = GuardianKey(plan.id, index, extended, z)
    return Checked(signed, tuple(complaints), encode_key(GROUP, guardian_key))


def reveal(
    plan_file: Document, secret_file: Document, check_files: Sequence[Document], key: SigningKey
) -> bytes | None:
    """Guardian i's answer to every complaint against it (§5, step 4): the share and nonce it
    sent each complainer; None when no one complains of it."""
    plan = _plan(plan_file)
    index = index_of(plan, key, plan_file.where)
    state = _secret(plan, secret_file, index)
    against = sorted(
        complaint.by
        for document in check_files
        for complaint in decode_check(GROUP, plan, document.data, document.where)[1]
        if complaint.against == index
    )
    if not against:
        return None
    reveals = [
        Reveal(index, ell, state.nonces[ell], state.secret.share_for(GROUP, ell)) for ell in against
    ]
    return encode_reveal(GROUP, plan, reveals, key)


def finish(
    plan_file: Document,
    public_files: Sequence[Document],
    share_files: Sequence[Document],
    check_files: Sequence[Document],
    reveal_files: Sequence[Document],
) -> tuple[CeremonyRecord, bytes]:
    """The ceremony's public record (`e2e/election.json`'s content), from every public file, as
    anyone can make it; `CeremonyError` names each guardian at fault."""
    plan = _plan(plan_file)
    checks = {}
    for document in check_files:
        guardian, complaints = decode_check(GROUP, plan, document.data, document.where)
        checks[guardian] = complaints
    publics = {}
    for document in public_files:  # proofs are conclude's to judge: it names the guardian
        public = decode_public(GROUP, plan, document.data, document.where)
        publics[public.guardian] = public
    record = conclude(
        GROUP,
        plan,
        publics=publics,
        shares=_shares(plan, share_files),
        checks=checks,
        reveals=_reveals(plan, reveal_files),
    )
    return record, encode_record(GROUP, record)


def read_record(document: Document) -> CeremonyRecord:
    """A ceremony record, every hash, key and proof in it checked."""
    return decode_record(GROUP, document.data, document.where)


def record_index(record_file: Document, key: SigningKey) -> int:
    """The index of the guardian whose key is `key` in a ceremony record."""
    return index_of(read_record(record_file).plan, key, record_file.where)

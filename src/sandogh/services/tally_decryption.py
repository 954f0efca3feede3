"""The tally's decryption by the guardians (`docs/e2e.md` §8): each guardian's signed partial
decryption with the key its ceremony gave it (`decrypt`), and the plain values from any k of them
(`combine_tally`), as anyone can make them from the public files.

It is apart from the ceremony's steps (`services.guardians`) because it runs on election night,
long after the ceremony: it reads the ceremony's record and a guardian's key file, and holds a
tally to the chains before any guardian decrypts it, so that no one is led to decrypt a ballot.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony_files import GuardianKey, decode_key
from sandogh.core.e2e.ceremony_record import CeremonyRecord, Fault
from sandogh.core.e2e.decryption import (
    CombinationError,
    PartialDecryption,
    combine,
    partial_decrypt,
    verify_partial,
)
from sandogh.core.e2e.dlog import discrete_log
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.tally_files import (
    decode_partial,
    decode_tally,
    encode_decrypted,
    encode_partial,
)
from sandogh.core.e2e.tally_origin import ContestProduct
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.keys import SigningKey
from sandogh.services.guardians import GROUP, Document, Draw, index_of, read_record
from sandogh.services.tally_origin import check_tally


def checked_key(
    record_file: Document, key_file: Document, key: SigningKey
) -> tuple[CeremonyRecord, int, GuardianKey]:
    """The record, the guardian's index in it and its key file, once the key file's z_ℓ is
    shown to be that guardian's share of the record's key (g^z_ℓ = K̂_ℓ); otherwise
    `GuardianFileError` naming each fault."""
    record = read_record(record_file)
    guardian_key = decode_key(GROUP, key_file.data, key_file.where)
    index = index_of(record.plan, key, record_file.where)
    problems = []
    if guardian_key.guardian != index:
        problems.append(Problem("guardian", f"is {guardian_key.guardian}, your key is {index}'s"))
    if guardian_key.extended_hash != record.extended_hash:
        problems.append(Problem("extended_hash", f"is not {record_file.where}'s"))
    entry = record.guardian(index)
    if entry is None or GROUP.base_exp(guardian_key.share) != entry.share_key:
        problems.append(Problem("share", f"is not guardian {index}'s share of {record_file.where}"))
    if problems:
        raise GuardianFileError(key_file.where, problems)
    return record, index, guardian_key


def decrypt(
    record_file: Document,
    key_file: Document,
    tally_file: Document,
    key: SigningKey,
    draw: Draw,
    *,
    products: Mapping[str, Mapping[str, ContestProduct]] | None,
    mixed: bool = False,
) -> bytes:
    """Guardian ℓ's signed partial decryption of a tally (§8), with its key file's z_ℓ: refused
    when the key file is of another election or ceremony than the record. A tally that holds a
    contest twice is a mix-net's rows (§11.5), decrypted only once their mixes are checked
    (`mixing.decrypt_rows`, which says so with `mixed`), so that no guardian is led to decrypt
    the rows in the order the ballots were cast. Any other tally must be the product of the
    record's checked chains (`products`, `tally_origin.checked_products`), or it is refused
    naming the station and contest: a guardian decrypts tallies, never one voter's ballot."""
    record, index, guardian_key = checked_key(record_file, key_file, key)
    tally = decode_tally(GROUP, tally_file.data, tally_file.where)
    names = [contest.contest for contest in tally.contests]
    if len(set(names)) != len(names) and not mixed:
        raise GuardianFileError(
            tally_file.where,
            [Problem("contests", "rows of a mix-net: decrypt them with their input and mixes")],
        )
    if not mixed:
        if products is None:
            raise GuardianFileError(
                tally_file.where, [Problem("", "no chains to hold the tally to (--snapshot)")]
            )
        check_tally(tally, products, tally_file.where)
    partials = [
        partial_decrypt(
            GROUP, record.extended_hash, index, guardian_key.share, ciphertext, nonce=draw()
        )
        for _, _, ciphertext in tally.ciphertexts()
    ]
    return encode_partial(
        GROUP,
        tally,
        guardian=index,
        tally_hash=sha256_text(tally_file.data),
        extended=record.extended_hash,
        partials=partials,
        key=key,
    )


class QuorumError(CombinationError):
    """Fewer than k good partial decryptions: how many, k, and each guardian left out and why
    (so that the command can say it in the reader's language)."""

    def __init__(self, good: int, quorum: int, left_out: Iterable[Fault]) -> None:
        self.good, self.quorum, self.left_out = good, quorum, tuple(left_out)
        why = "".join(f"; {fault}" for fault in self.left_out)
        super().__init__(f"only {good} good partial decryptions, the quorum is {quorum}{why}")


@dataclass(frozen=True)
class Combined:
    """The decrypted tally, the guardians whose shares it used, and those left out, each with
    the reason."""

    data: bytes
    used: tuple[int, ...]
    left_out: tuple[Fault, ...]


def _unusable(record: CeremonyRecord, document: Document, error: GuardianFileError) -> Fault:
    """The fault of a partial decryption that cannot be used: the guardian it claims to be
    (its signature does not say so when it is what failed), and every problem."""
    try:
        claimed = json.loads(document.data).get("guardian")
    except (ValueError, AttributeError):
        claimed = None
    entry = record.guardian(claimed) if isinstance(claimed, int) else None
    problems = "; ".join(str(p) for p in error.problems)
    return Fault(
        entry.index if entry is not None else 0,
        entry.planned.name if entry is not None else "?",
        f"sent a partial decryption that cannot be used ({document.where}: {problems})",
    )


def combine_tally(
    record_file: Document, tally_file: Document, partial_files: Sequence[Document]
) -> Combined:
    """The plain values of a tally from the partial decryptions of at least k guardians (§8): a
    file that fails (its signature, its tally, any proof) leaves its guardian out, named; fewer
    than k good ones is a `CeremonyError` naming why each was left out."""
    record = read_record(record_file)
    tally = decode_tally(GROUP, tally_file.data, tally_file.where)
    ciphertexts = [ciphertext for _, _, ciphertext in tally.ciphertexts()]
    signers = {g.index: g.planned.key for g in record.guardians}
    good: dict[int, list[PartialDecryption]] = {}
    left_out = []
    for document in partial_files:
        try:
            guardian, partials = decode_partial(
                GROUP,
                tally,
                tally_hash=sha256_text(tally_file.data),
                extended=record.extended_hash,
                signers=signers,
                data=document.data,
                where=document.where,
            )
        except GuardianFileError as error:  # a bad signature, another tally, a broken file
            left_out.append(_unusable(record, document, error))
            continue
        entry = record.guardian(guardian)
        if entry is None or guardian in good:
            continue
        failing = [
            n
            for n, (ciphertext, partial) in enumerate(zip(ciphertexts, partials, strict=True))
            if not verify_partial(GROUP, record.extended_hash, entry.share_key, ciphertext, partial)
        ]
        if failing:
            left_out.append(
                Fault(
                    guardian,
                    entry.planned.name,
                    f"gave a wrong partial decryption ({document.where}, "
                    f"ciphertext {failing[0] + 1})",
                )
            )
        else:
            good[guardian] = partials
    if len(good) < record.plan.quorum:
        raise QuorumError(len(good), record.plan.quorum, left_out)
    used = sorted(good)
    by_ciphertext = [[good[g][n] for g in used] for n in range(len(ciphertexts))]
    values = [
        discrete_log(GROUP, combine(GROUP, ciphertext, partials, record.plan.quorum))
        for ciphertext, partials in zip(ciphertexts, by_ciphertext, strict=True)
    ]
    return Combined(
        encode_decrypted(GROUP, tally, by_ciphertext, values), tuple(used), tuple(left_out)
    )

"""The guardians' mix-net of a large contest (`docs/e2e.md` §11.4, §11.5): one guardian's shuffle
of a constituency's rows, and the last mix's rows written as a tally for `decrypt`/`combine`.

Each step checks every mix before it as a verifier does (numbering, guardians in the ceremony's
order, signatures, proofs), so that a mixer never builds on a broken shuffle. The adapter draws
the permutation, the re-encryption nonces and the seed (`MixRandomness`) and keeps none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.mix_files import (
    Mix,
    MixInput,
    decode_input,
    decode_mix,
    encode_mix,
    rows_tally,
    shuffle_label,
)
from sandogh.core.e2e.shuffle import MixContext, Row, ShuffleError, check_shuffle, shuffle
from sandogh.core.e2e.shuffle import prove_shuffle as prove
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.tally_files import encode_tally
from sandogh.core.report.keys import SigningKey
from sandogh.services.guardians import GROUP, Document, Draw, read_record
from sandogh.services.tally_decryption import decrypt


@dataclass(frozen=True)
class MixRandomness:
    """The mixer's secrets, drawn by the adapter: a uniform scalar per call, a uniform
    permutation of range(n), and 32 random bytes."""

    draw: Draw
    permutation: Callable[[int], Sequence[int]]
    seed: Callable[[], bytes]


@dataclass(frozen=True)
class CheckedMixes:
    """A constituency's mix input and the mixes made of it so far, every proof checked."""

    mix_input: MixInput
    mixes: tuple[Mix, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        """The last mix's output (the input's rows when there is none)."""
        return self.mixes[-1].rows if self.mixes else self.mix_input.rows


def check_mixes(
    record_file: Document, input_file: Document, mix_files: Sequence[Document]
) -> CheckedMixes:
    """The mixes `mix_files` of the input, in order: mixer t is the t-th, its guardian after the
    previous one's, of this contest, constituency and election, signed, and its proof verifies
    against the previous output; `GuardianFileError` names the file and what fails."""
    record = read_record(record_file)
    mix_input = decode_input(GROUP, input_file.data, input_file.where)
    signers = {g.index: g.planned.key for g in record.guardians}
    rows, last_guardian, mixes = mix_input.rows, 0, []
    for t, document in enumerate(mix_files, start=1):
        mix = decode_mix(GROUP, document.data, document.where, signers)
        problems = []
        if (mix.contest, mix.constituency) != (mix_input.contest, mix_input.constituency):
            problems.append(Problem("contest", f"is not {mix_input.label}"))
        if mix.mixer != t:
            problems.append(Problem("mixer", f"is {mix.mixer}, not {t}"))
        if mix.guardian <= last_guardian:
            problems.append(
                Problem("guardian", f"{mix.guardian} does not come after {last_guardian}")
            )
        if mix.extended_hash != record.extended_hash:
            problems.append(Problem("extended_hash", f"is not {record_file.where}'s"))
        if not problems:
            context = MixContext(GROUP, record.joint_key, record.extended_hash, mix.label)
            try:
                check_shuffle(context, rows, mix.rows, mix.proof)
            except ShuffleError as error:
                problems.append(Problem("proof", str(error)))
        if problems:
            raise GuardianFileError(document.where, problems)
        rows, last_guardian = mix.rows, mix.guardian
        mixes.append(mix)
    return CheckedMixes(mix_input, tuple(mixes))


def mix(
    record_file: Document,
    input_file: Document,
    previous: Sequence[Document],
    key: SigningKey,
    randomness: MixRandomness,
) -> tuple[Mix, bytes]:
    """Guardian i's signed shuffle of the last mix's output (of the input's rows when it is the
    first), once every previous mix checks (§11.4)."""
    record = read_record(record_file)
    checked = check_mixes(record_file, input_file, previous)
    index = record.plan.guardian_of(key.public_key)
    last = checked.mixes[-1].guardian if checked.mixes else 0
    if index is None or index <= last:
        raise GuardianFileError(
            record_file.where,
            [Problem("guardians", f"your key is not of a guardian after guardian {last}")],
        )
    rows = checked.rows
    t = len(checked.mixes) + 1
    order = list(randomness.permutation(len(rows)))
    nonces = [[randomness.draw() for _ in row] for row in rows]
    output = shuffle(GROUP, record.joint_key, rows, permutation=order, nonces=nonces)
    label = shuffle_label(checked.mix_input.contest, checked.mix_input.constituency, t)
    context = MixContext(GROUP, record.joint_key, record.extended_hash, label)
    proof = prove(context, rows, output, permutation=order, nonces=nonces, seed=randomness.seed())
    made = Mix(
        checked.mix_input.contest,
        checked.mix_input.constituency,
        t,
        index,
        record.extended_hash,
        output,
        proof,
    )
    return made, encode_mix(GROUP, made, key)


def rows_to_decrypt(
    record_file: Document, input_file: Document, mix_files: Sequence[Document]
) -> bytes:
    """The last mix's rows as a §8 tally (§11.5, "Files"), once every mix checks; at least one
    mix is needed, so that no row is decrypted in the order the ballots were cast."""
    checked = check_mixes(record_file, input_file, mix_files)
    if not checked.mixes:
        raise GuardianFileError(input_file.where, [Problem("mixes", "no mix yet")])
    tally = rows_tally(checked.mix_input.contest, checked.mix_input.constituency, checked.rows)
    return encode_tally(tally)


def decrypt_rows(
    record_file: Document,
    key_file: Document,
    input_file: Document,
    mix_files: Sequence[Document],
    *,
    key: SigningKey,
    draw: Draw,
) -> bytes:
    """Guardian ℓ's signed partial decryption of the last mix's rows (§11.5), once every mix
    checks: the rows are `rows_to_decrypt`'s tally, and the partial names its hash."""
    rows = rows_to_decrypt(record_file, input_file, mix_files)
    return decrypt(
        record_file, key_file, Document("rows", rows), key, draw, products=None, mixed=True
    )

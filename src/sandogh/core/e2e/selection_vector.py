"""A contest's selection vector (`docs/e2e.md` §6): one exponential ElGamal encryption per
candidate of the station's constituency and one for the blank indicator, each with a 0..1 range
proof, and the contest proof that the shifted product Ē_c encrypts 0..L−1, so that a contest is
blank or names 1..L candidates (ElectionGuard 2.1 §3.3). A large contest is encrypted as slots
instead (§11, `slots`); `ballot` chooses which.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e import elgamal
from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text
from sandogh.core.e2e.range_proof import (
    RangeProof,
    derived_randomness,
    prove_range,
    verify_range,
)
from sandogh.core.report.ballot import BallotContest

#: the blank indicator's option label: no candidate code is empty
BLANK = ""
#: the contest proof's option label: no candidate code is "*"
CONTEST_LABEL = "*"


@dataclass(frozen=True, slots=True)
class EncryptedSelection:
    """One option's encryption (a candidate, or the blank indicator `BLANK`) and its 0..1 proof."""

    option: str
    ciphertext: Ciphertext
    proof: RangeProof


@dataclass(frozen=True, slots=True)
class EncryptedContest:
    """A contest's selections, in candidate order with the blank indicator last, and the proof
    that Ē_c encrypts 0..L−1."""

    contest: str
    selections: tuple[EncryptedSelection, ...]
    proof: RangeProof


def contest_sum(group: Group, contest: EncryptedContest, seats: int) -> Ciphertext:
    """Ē_c = (Π_o E_{c,o}) · E_{c,""}^L · (1, g^−1): the selections' product with the blank
    indicator L times, less one, which the contest proof shows is in 0..L−1."""
    *candidates, blank = (selection.ciphertext for selection in contest.selections)
    weighted = blank if seats == 1 else elgamal.scale(group, blank, seats)
    total = elgamal.accumulate(group, [*candidates, weighted])
    return Ciphertext(total.alpha, group.div(total.beta, group.generator))


def encrypt_vector(
    group: Group,
    key: bytes,
    he: bytes,
    contest: BallotContest,
    *,
    chosen: frozenset[str],
    ballot_nonce: bytes,
) -> EncryptedContest:
    """The selection vector of `contest` with the codes `chosen` (none: the blank indicator),
    keyed with the box's H_D `he`, every nonce and proof's randomness derived from
    `ballot_nonce`."""
    name = contest.contest
    selections: list[EncryptedSelection] = []
    nonces: list[int] = []
    for option in (*contest.candidates, BLANK):
        value = int(option in chosen if option else not chosen)
        nonce = hash_to_scalar(
            group, he, Domain.SELECTION_NONCE, ballot_nonce, text(name), text(option)
        )
        ciphertext = elgamal.encrypt(group, key, value, nonce)
        proof = prove_range(
            group,
            key,
            he,
            ciphertext,
            value=value,
            nonce=nonce,
            bound=1,
            contest=name,
            option=option,
            randomness=derived_randomness(group, he, ballot_nonce, name, option),
        )
        selections.append(EncryptedSelection(option, ciphertext, proof))
        nonces.append(nonce)
    encrypted = EncryptedContest(name, tuple(selections), RangeProof((), ()))
    seats = contest.seats
    blank = 0 if chosen else 1
    proof = prove_range(
        group,
        key,
        he,
        contest_sum(group, encrypted, seats),
        value=len(chosen) + seats * blank - 1,
        nonce=sum(nonces[:-1]) + seats * nonces[-1],
        bound=seats - 1,
        contest=name,
        option=CONTEST_LABEL,
        randomness=derived_randomness(group, he, ballot_nonce, name, CONTEST_LABEL),
    )
    return EncryptedContest(name, tuple(selections), proof)


def vector_problems(
    group: Group,
    key: bytes,
    he: bytes,
    contest: EncryptedContest,
    *,
    expected: BallotContest,
    path: str,
) -> list[Problem]:
    """Every way the selection vector `contest` (at `path`) is not one of `expected`, its
    options, elements and every proof keyed with the box's H_D `he`."""
    problems: list[Problem] = []
    options = (*expected.candidates, BLANK)
    if tuple(s.option for s in contest.selections) != options:
        problems.append(
            Problem(
                f"{path}.selections",
                f"the options must be the constituency's {len(options) - 1} candidates in order,"
                " then the blank indicator",
            )
        )
    elements = True
    for j, selection in enumerate(contest.selections):
        where = f"{path}.selections[{j}]"
        for part in ("alpha", "beta"):
            if not group.is_element(getattr(selection.ciphertext, part)):
                problems.append(Problem(f"{where}.{part}", f"not an element of {group.name}"))
                elements = False
        if not verify_range(
            group,
            key,
            he,
            selection.ciphertext,
            selection.proof,
            bound=1,
            contest=contest.contest,
            option=selection.option,
        ):
            problems.append(Problem(f"{where}.proof", "the 0..1 proof does not verify"))
    if (
        elements
        and contest.selections
        and not verify_range(
            group,
            key,
            he,
            contest_sum(group, contest, expected.seats),
            contest.proof,
            bound=expected.seats - 1,
            contest=contest.contest,
            option=CONTEST_LABEL,
        )
    ):
        problems.append(
            Problem(f"{path}.proof", f"the 0..{expected.seats - 1} contest proof does not verify")
        )
    return problems

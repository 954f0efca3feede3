"""One encrypted ballot of a station's chain: V7 (well-formed), V8 (selection proofs), V9
(contest proofs), V21 (a large contest's slots, `slots.py`) and V13 (a challenged ballot
encrypted again) of `docs/e2e.md` §10.

The ballot's JSON is `core/e2e/ballot.py`'s (§9); its contests and options are held against the
station's ballot as the definition gives it, never as the ballot says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text
from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import GROUP, Context
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.proofs import Statement, range_proof, range_proof_holds
from sandogh.verify_election.reading import field, read_ciphertext, scalars
from sandogh.verify_election.slots import SlotContest, check_slots, read_slots, reencrypts_slots


@dataclass(frozen=True, slots=True)
class Selection:
    option: str
    alpha: bytes
    beta: bytes
    challenges: list[int]
    responses: list[int]


@dataclass(frozen=True, slots=True)
class Contest:
    ballot: ContestBallot
    selections: tuple[Selection, ...]  # in the ballot's option order, blank indicator last
    challenges: list[int]
    responses: list[int]

    def ciphertexts(self) -> list[tuple[bytes, bytes]]:
        """What χ takes of it (§6): each option's (α, β), blank indicator last."""
        return [(s.alpha, s.beta) for s in self.selections]


AnyContest = Contest | SlotContest


def _proof(document: Any, where: str) -> tuple[list[int], list[int]]:
    proof = field(document, "proof", where, dict)
    return (
        scalars(GROUP, field(proof, "c", where), f"{where}.proof.c"),
        scalars(GROUP, field(proof, "v", where), f"{where}.proof.v"),
    )


def read_ballot(
    document: Any, station: str, ballot: Sequence[ContestBallot], where: str
) -> tuple[AnyContest, ...]:
    """V7: the ballot's contests, each held to the station's ballot; `RecordError` otherwise."""
    named = field(document, "station", where, str)
    if named != station:
        raise RecordError(where, f"the ballot names station {named}")
    order = {contest.contest: position for position, contest in enumerate(ballot)}
    contests: list[AnyContest] = []
    last = -1
    for i, entry in enumerate(field(document, "contests", where, list)):
        place = f"{where}.contests[{i}]"
        contest_id = field(entry, "contest", place, str)
        position = order.get(contest_id)
        if position is None:
            raise RecordError(place, f"{contest_id} is not on this station's ballot")
        if position <= last:
            raise RecordError(place, f"{contest_id} is out of the definition's order or repeated")
        last = position
        expected = ballot[position]
        if expected.large:
            contests.append(read_slots(entry, expected, place))
            continue
        if "slots" in entry:
            raise RecordError(place, f"{contest_id} is not large (§11.1): no slots")
        listed = field(entry, "selections", place, list)
        options = [field(s, "option", place, str) for s in listed]
        if options != list(expected.options):
            raise RecordError(place, f"options {options}, the ballot has {list(expected.options)}")
        selections = []
        for j, selection in enumerate(listed):
            at = f"{place}.selections[{j}]"
            challenges, responses = _proof(selection, at)
            if len(challenges) != 2 or len(responses) != 2:
                raise RecordError(at, "a selection's proof has 2 challenges and 2 responses")
            selections.append(
                Selection(
                    options[j],
                    *read_ciphertext(GROUP, selection, at, at),
                    challenges,
                    responses,
                )
            )
        challenges, responses = _proof(entry, place)
        if len(challenges) != expected.seats or len(responses) != expected.seats:
            raise RecordError(place, f"the contest's proof has {expected.seats} of each")
        contests.append(Contest(expected, tuple(selections), challenges, responses))
    if not contests:
        raise RecordError(where, "a ballot has at least one contest")
    return tuple(contests)


def contest_ciphertext(contest: Contest) -> tuple[bytes, bytes]:
    """Ē_c = (Π_o E_{c,o}) · E_{c,""}^L · (1, g^{−1}), which encrypts Σ v + L·b − 1 (§6)."""
    *candidates, blank = contest.selections
    seats = contest.ballot.seats
    blank_alpha = blank.alpha if seats == 1 else GROUP.exp(blank.alpha, seats)  # E^1 is E
    blank_beta = blank.beta if seats == 1 else GROUP.exp(blank.beta, seats)
    alpha = GROUP.op(GROUP.product(s.alpha for s in candidates), blank_alpha)
    beta = GROUP.op(GROUP.product(s.beta for s in candidates), blank_beta)
    return alpha, GROUP.div(beta, GROUP.generator)


def check_proofs(
    ledger: Ledger, context: Context, box: bytes, contests: Sequence[AnyContest], where: str
) -> None:
    """V8 and V9 for every contest of the ballot, V21 for a slot contest, each proof keyed with
    `box`, H_D of the chain's station and box (§6)."""
    for contest in contests:
        if isinstance(contest, SlotContest):
            check_slots(ledger, context, box, contest, where)
            continue
        c = contest.ballot.contest
        for s in contest.selections:
            statement = Statement(context.key, c, s.option, 1, s.alpha, s.beta)
            holds = range_proof_holds(GROUP, box, statement, s.challenges, s.responses)
            ledger.record(
                Check.SELECTION_PROOFS,
                holds,
                f"{where}, {c}/{s.option or 'blank'}",
                "the 0..1 range proof does not verify",
            )
        alpha, beta = contest_ciphertext(contest)
        statement = Statement(context.key, c, "*", contest.ballot.seats - 1, alpha, beta)
        holds = range_proof_holds(GROUP, box, statement, contest.challenges, contest.responses)
        ledger.record(
            Check.CONTEST_PROOFS,
            holds,
            f"{where}, {c}",
            f"the 0..{contest.ballot.seats - 1} range proof of the contest does not verify",
        )


def read_choices(document: Any, contests: Sequence[AnyContest], where: str) -> dict[str, set[str]]:
    """A challenged ballot's choices, which must fit it (V13)."""
    choices = field(document, "choices", where, dict)
    names = [contest.ballot.contest for contest in contests]
    if sorted(choices) != sorted(names):
        raise RecordError(where, f"choices for {sorted(choices)}, the ballot has {names}")
    fitted: dict[str, set[str]] = {}
    for contest in contests:
        c = contest.ballot.contest
        codes = choices[c]
        if not isinstance(codes, list) or not all(isinstance(x, str) for x in codes):
            raise RecordError(where, f"choices[{c}] is not a list of codes")
        chosen = set(codes)
        if len(chosen) != len(codes) or len(codes) > contest.ballot.seats:
            raise RecordError(where, f"choices[{c}]: repeated codes, or more than the seats")
        if not chosen <= set(contest.ballot.candidates):
            raise RecordError(where, f"choices[{c}]: {sorted(chosen)} are not all candidates")
        fitted[c] = chosen
    return fitted


def reencrypts(
    context: Context,
    box: bytes,
    contests: Sequence[AnyContest],
    nonce: bytes,
    choices: dict[str, set[str]],
) -> str | None:
    """V13: the ballot encrypted again from its nonce and choices by the box of H_D `box`; what
    differs, or None."""
    for contest in contests:
        c = contest.ballot.contest
        if isinstance(contest, SlotContest):
            differs = reencrypts_slots(context, box, contest, nonce, choices[c])
            if differs is not None:
                return differs
            continue
        chosen = choices[c]
        total_nonce, total_value = 0, -1
        for s in contest.selections:
            value = int(s.option in chosen) if s.option else int(not chosen)
            xi = hash_to_scalar(GROUP, box, Domain.SELECTION_NONCE, nonce, text(c), text(s.option))
            beta = GROUP.op(GROUP.base_exp(value), GROUP.exp(context.key, xi))
            if (s.alpha, s.beta) != (GROUP.base_exp(xi), beta):
                return f"{c}/{s.option or 'blank'}: the ciphertext"
            statement = Statement(context.key, c, s.option, 1, s.alpha, s.beta)
            proof = range_proof(
                GROUP,
                box,
                statement,
                value=value,
                encryption_nonce=xi,
                ballot_nonce=nonce,
            )
            if proof != (s.challenges, s.responses):
                return f"{c}/{s.option or 'blank'}: the range proof"
            weight = contest.ballot.seats if not s.option else 1
            total_nonce += weight * xi
            total_value += weight * value
        alpha, beta = contest_ciphertext(contest)
        statement = Statement(context.key, c, "*", contest.ballot.seats - 1, alpha, beta)
        proof = range_proof(
            GROUP,
            box,
            statement,
            value=total_value,
            encryption_nonce=total_nonce % GROUP.q,
            ballot_nonce=nonce,
        )
        if proof != (contest.challenges, contest.responses):
            return f"{c}: the contest's range proof"
    return None

"""An encrypted ballot: what the box makes of a voter's choices (`docs/e2e.md` §6 and §7).

ElectionGuard 2.1 §3.3: per contest on the voter's card, a selection vector (`selection_vector`)
or, for a large contest (§11.1: thousands of candidates, as Tehran's Majlis), §11.3's slots
(`slots`), chosen from the definition alone. Every nonce and every proof's randomness is derived
from one 32-byte ballot nonce ξ_B, so a challenged ballot (Benaloh, EVT 2006) is checked by
encrypting its choices again. `ballot_hash` is χ, the input of the box's confirmation code.
Every nonce and proof is keyed with the box's H_D (`context.box_hash`), not HE, so that a
ballot's proofs hold only in the chain of the station and box that made it. The record form of
a ballot is in `ballot_json`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e import slots
from sandogh.core.e2e.context import box_hash
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_bytes, text
from sandogh.core.e2e.selection_vector import EncryptedContest, encrypt_vector, vector_problems
from sandogh.core.e2e.slots import SlotContest
from sandogh.core.errors import SandoghError
from sandogh.core.report.ballot import BallotContest

BALLOT_NONCE_BYTES = 32
HASH_BYTES = 32


class EncryptionError(SandoghError):
    """What cannot be encrypted; `problems` names each thing wrong with its path."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"{summary}: {details}{more}")


class ChoicesError(EncryptionError):
    """Choices that are no vote on this station's ballot: an unknown contest or code, a code
    chosen twice, more codes than seats."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("not a vote on this ballot", problems)


@dataclass(frozen=True, slots=True)
class ElectionContext:
    """What a box or a verifier needs of an election to encrypt or check a ballot: the group,
    the extended base hash HE (§4) and the joint key K."""

    group: Group
    extended_hash: bytes
    joint_key: bytes

    def __post_init__(self) -> None:
        problems = []
        if len(self.extended_hash) != HASH_BYTES:
            problems.append(Problem("extended_hash", f"must be {HASH_BYTES} bytes"))
        if not self.group.is_element(self.joint_key):
            problems.append(Problem("joint_key", f"not an element of {self.group.name}"))
        if problems:
            raise EncryptionError("not an election context", problems)


#: a contest as a ballot carries it: a selection vector, or slots for a large contest (§11)
ContestEncryption = EncryptedContest | SlotContest


@dataclass(frozen=True, slots=True)
class EncryptedBallot:
    """The contests of one voter's card at `station`, in the definition's order."""

    station: str
    contests: tuple[ContestEncryption, ...]


def is_large(contest: BallotContest) -> bool:
    """Whether `contest` is encrypted as slots at its station (§11.1)."""
    return slots.is_large(len(contest.candidates), contest.seats)


def encrypt_ballot(
    context: ElectionContext,
    station: str,
    ballot: Sequence[BallotContest],
    choices: Mapping[str, Sequence[str]],
    ballot_nonce: bytes,
    *,
    device: bytes,
) -> EncryptedBallot:
    """The encryption of `choices` (per contest of the card, the codes chosen; none is a blank
    vote) on the station's `ballot`, every nonce derived from `ballot_nonce` (ξ_B, 32 bytes),
    every nonce and proof keyed with H_D of `station` and its box's key `device` (32 bytes).

    Raises `ChoicesError` naming every contest or code that is not a vote on `ballot`, and
    `EncryptionError` for a nonce of another length."""
    if len(ballot_nonce) != BALLOT_NONCE_BYTES:
        raise EncryptionError(
            "cannot encrypt", [Problem("ballot_nonce", f"must be {BALLOT_NONCE_BYTES} bytes")]
        )
    chosen = _check_choices(ballot, choices)
    box = box_hash(context.extended_hash, station, device)
    return EncryptedBallot(
        station,
        tuple(
            _encrypt_large(context, box, contest, chosen[contest.contest], ballot_nonce)
            if is_large(contest)
            else encrypt_vector(
                context.group,
                context.joint_key,
                box,
                contest,
                chosen=chosen[contest.contest],
                ballot_nonce=ballot_nonce,
            )
            for contest in ballot
            if contest.contest in chosen
        ),
    )


def ballot_hash(context: ElectionContext, ballot: EncryptedBallot) -> bytes:
    """χ = H(HE; 0x22, text(station), per contest text(c), per option el(α), el(β)); for a
    slot contest el(α), el(β) of each gap's bits, gap by gap, then of the sum's (§6)."""
    parts = [text(ballot.station)]
    for contest in ballot.contests:
        parts.append(text(contest.contest))
        ciphertexts = (
            [b.ciphertext for bits in (*contest.gaps, contest.total) for b in bits]
            if isinstance(contest, SlotContest)
            else [s.ciphertext for s in contest.selections]
        )
        for ciphertext in ciphertexts:
            parts += (ciphertext.alpha, ciphertext.beta)
    return hash_bytes(context.extended_hash, Domain.BALLOT, *parts)


def check_ballot(
    context: ElectionContext,
    ballot: EncryptedBallot,
    station_ballot: Sequence[BallotContest],
    *,
    station: str,
    device: bytes,
) -> list[Problem]:
    """Every way `ballot` is not a well-formed ballot of `station`, whose ballot is
    `station_ballot`, made by its box `device` (§6): its contests, its options, its elements and
    every proof, keyed with that box's H_D: a ballot copied from another chain fails."""
    problems: list[Problem] = []
    box = box_hash(context.extended_hash, station, device)
    if not ballot.contests:
        problems.append(Problem("contests", "a ballot has at least one contest"))
    position = {contest.contest: i for i, contest in enumerate(station_ballot)}
    last = -1
    for i, contest in enumerate(ballot.contests):
        path = f"contests[{i}]"
        at = position.get(contest.contest)
        if at is None:
            problems.append(
                Problem(f"{path}.contest", f"{contest.contest} is not on the station's ballot")
            )
            continue
        if at <= last:
            problems.append(
                Problem(f"{path}.contest", f"{contest.contest} is twice or out of order")
            )
        last = max(last, at)
        problems += _check_contest(context, box, contest, station_ballot[at], path)
    return problems


def open_challenged(
    context: ElectionContext,
    station: str,
    station_ballot: Sequence[BallotContest],
    encrypted: EncryptedBallot,
    *,
    device: bytes,
    nonce: bytes,
    choices: Mapping[str, Sequence[str]],
) -> list[Problem]:
    """Every way the challenged ballot `encrypted` is not the encryption of `choices` with the
    ballot nonce `nonce` by `station`'s box `device` (§7): encrypted again, each ciphertext and
    proof must be identical."""
    try:
        expected = encrypt_ballot(context, station, station_ballot, choices, nonce, device=device)
    except EncryptionError as error:
        return list(error.problems)
    problems: list[Problem] = []
    if encrypted.station != station:
        problems.append(Problem("station", f"the ballot names {encrypted.station}, not {station}"))
    names = [c.contest for c in encrypted.contests]
    opened = [c.contest for c in expected.contests]
    if names != opened:
        problems.append(
            Problem("contests", f"the ballot has {names}, the opened choices are for {opened}")
        )
        return problems
    for i, (got, want) in enumerate(zip(encrypted.contests, expected.contests, strict=True)):
        if isinstance(got, SlotContest) or isinstance(want, SlotContest):
            problems += _slots_opened(got, want, f"contests[{i}]")
            continue
        if got.selections != want.selections:
            options = [s.option for s in want.selections]
            for j, option in enumerate(options):
                if j >= len(got.selections) or got.selections[j] != want.selections[j]:
                    problems.append(
                        Problem(
                            f"contests[{i}].selections[{j}]",
                            f"is not the encryption of the opened choice of {option or 'blank'}",
                        )
                    )
            if len(got.selections) > len(options):
                problems.append(Problem(f"contests[{i}].selections", "more options than opened"))
        if got.proof != want.proof:
            problems.append(Problem(f"contests[{i}].proof", "is not the opened contest proof"))
    return problems


def _slots_opened(got: ContestEncryption, want: ContestEncryption, path: str) -> list[Problem]:
    """Every bit of the slot contest `got` that is not `want`'s, the opened encryption."""
    if not isinstance(got, SlotContest) or not isinstance(want, SlotContest):
        return [Problem(path, "is not encrypted as the opened contest is (slots or selections)")]
    shape = [len(bits) for bits in (*want.gaps, want.total)]
    if [len(bits) for bits in (*got.gaps, got.total)] != shape:
        return [Problem(path, "does not have the opened contest's slots and bits")]
    problems = [
        Problem(f"{path}.slots[{j}][{i}]", "is not the encryption of the opened choices")
        for j, (bits, opened) in enumerate(zip(got.gaps, want.gaps, strict=True))
        for i, (bit, same) in enumerate(zip(bits, opened, strict=True))
        if bit != same
    ]
    problems += [
        Problem(f"{path}.sum[{i}]", "is not the encryption of the opened choices")
        for i, (bit, same) in enumerate(zip(got.total, want.total, strict=True))
        if bit != same
    ]
    return problems


def _check_choices(
    ballot: Sequence[BallotContest], choices: Mapping[str, Sequence[str]]
) -> dict[str, frozenset[str]]:
    """The codes chosen per contest, once each checked against the station's ballot."""
    contests = {contest.contest: contest for contest in ballot}
    problems: list[Problem] = []
    chosen: dict[str, frozenset[str]] = {}
    for name, codes in choices.items():
        path = f"choices[{name}]"
        contest = contests.get(name)
        if contest is None:
            problems.append(Problem(path, f"{name} is not a contest on this station's ballot"))
            continue
        candidates = set(contest.candidates)
        seen: set[str] = set()
        for j, code in enumerate(codes):
            if code not in candidates:
                problems.append(Problem(f"{path}[{j}]", f"{code} is not a candidate of {name}"))
            elif code in seen:
                problems.append(Problem(f"{path}[{j}]", f"{code} is chosen twice"))
            seen.add(code)
        if len(codes) > contest.seats:
            problems.append(Problem(path, f"{len(codes)} codes chosen for {contest.seats} seat(s)"))
        chosen[name] = frozenset(codes)
    if problems:
        raise ChoicesError(problems)
    return chosen


def _encrypt_large(
    context: ElectionContext,
    box: bytes,
    contest: BallotContest,
    chosen: frozenset[str],
    ballot_nonce: bytes,
) -> SlotContest:
    return slots.encrypt_slots(
        context.group,
        context.joint_key,
        box,
        ballot_nonce,
        contest=contest.contest,
        candidates=contest.candidates,
        seats=contest.seats,
        chosen=[code for code in contest.candidates if code in chosen],
    )


def _check_contest(
    context: ElectionContext,
    box: bytes,
    contest: ContestEncryption,
    expected: BallotContest,
    path: str,
) -> list[Problem]:
    group, key, he = context.group, context.joint_key, box
    large = is_large(expected)
    if large != isinstance(contest, SlotContest):
        form = "slots" if large else "a selection vector"
        return [Problem(path, f"{contest.contest} must be encrypted as {form} (§11.1)")]
    if isinstance(contest, SlotContest):
        found = slots.slot_problems(
            group,
            key,
            he,
            contest,
            candidates=len(expected.candidates),
            seats=expected.seats,
        )
        return [Problem(f"{path}.{p.path}", p.message) for p in found]
    return vector_problems(group, key, he, contest, expected=expected, path=path)

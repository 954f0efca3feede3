"""A station's encrypted tally and its hash (`docs/e2e.md` §8, the station tally).

Cramer, Gennaro, Schoenmakers (EUROCRYPT 1997), as ElectionGuard 2.1 §3.5 uses it: the product
of the cast ballots' encryptions of one option encrypts the option's count, so the box's tally
is computed by anyone from the published ballots, and only this product is ever decrypted
(`decryption`). Per contest of the station's ballot, N_c is the number of cast ballots that
carry it (a card may leave a contest out); a contest no ballot carried tallies to (1, 1) per
option. A large contest (§11, encrypted as slots) has no homomorphic tally: it is in the
station's tally with its N_c and no option, its votes being counted after the mix-net, at its
constituency (§11.5). The station tally hash is what the station's final report signs. Ballots
are checked (`ballot.check_ballot`) before they are tallied: here they must only fit the
station's ballot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e import elgamal
from sandogh.core.e2e.ballot import ElectionContext, EncryptedBallot, is_large
from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.hashing import Domain, hash_bytes, text, u32
from sandogh.core.e2e.selection_vector import BLANK
from sandogh.core.e2e.slots import SlotContest
from sandogh.core.e2e.tally_files import Tally, TallyContest
from sandogh.core.errors import SandoghError
from sandogh.core.report.ballot import BallotContest


class TallyError(SandoghError):
    """Ballots that do not belong to the station's tally; `problems` names each by its place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"cannot tally these ballots: {details}{more}")


def station_tally(
    context: ElectionContext,
    station: str,
    station_ballot: Sequence[BallotContest],
    cast: Iterable[EncryptedBallot],
) -> Tally:
    """A_{c,o} = Π E_{c,o} over the `cast` ballots of `station` that carry contest c, with N_c,
    for every contest of `station_ballot` in its order and every option, blank indicator last;
    a large contest (§11.1) with its N_c and no option. Raises `TallyError` naming every ballot
    (by its position in `cast`) that is of another station, or carries a contest or options the
    station's ballot does not have, or a contest encrypted in the other form (§11.1)."""
    large = {c.contest for c in station_ballot if is_large(c)}
    options = {
        c.contest: () if c.contest in large else (*c.candidates, BLANK) for c in station_ballot
    }
    columns: dict[str, list[list[Ciphertext]]] = {
        name: [[] for _ in row] for name, row in options.items()
    }
    counts = dict.fromkeys(options, 0)
    problems: list[Problem] = []
    for i, ballot in enumerate(cast):
        if ballot.station != station:
            problems.append(Problem(f"[{i}].station", f"{ballot.station} is not {station}"))
            continue
        for k, contest in enumerate(ballot.contests):
            expected = options.get(contest.contest)
            fits = (
                contest.contest in large
                if isinstance(contest, SlotContest)
                else tuple(s.option for s in contest.selections) == expected
            )
            if expected is None or not fits:
                problems.append(
                    Problem(f"[{i}].contests[{k}]", f"not {contest.contest} of this station")
                )
                continue
            counts[contest.contest] += 1
            if isinstance(contest, SlotContest):
                continue
            for column, selection in zip(columns[contest.contest], contest.selections, strict=True):
                column.append(selection.ciphertext)
    if problems:
        raise TallyError(problems)
    group = context.group
    return Tally(
        station,
        tuple(
            TallyContest(
                name,
                counts[name],
                tuple(
                    (option, elgamal.accumulate(group, column))
                    for option, column in zip(row, columns[name], strict=True)
                ),
            )
            for name, row in options.items()
        ),
    )


def tally_hash(context: ElectionContext, tally: Tally) -> bytes:
    """H(HE; 0x32, text(station), per contest text(c), u32(N_c), per option el(α), el(β));
    a large contest has no option, so only its text(c) and u32(N_c)."""
    parts = [text(tally.station)]
    for contest in tally.contests:
        parts += (text(contest.contest), u32(contest.ballots))
        for _, ciphertext in contest.options:
            parts += (ciphertext.alpha, ciphertext.beta)
    return hash_bytes(context.extended_hash, Domain.TALLY, *parts)

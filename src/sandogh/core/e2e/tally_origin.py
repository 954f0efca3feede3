"""Whether an encrypted tally given to a guardian is a real tally (docs/e2e.md §8): the product of
the cast ballots of checked chains, never one voter's ballot dressed as a tally.

A guardian's partial decryption, combined with another's, opens whatever ciphertext it is given;
so before decrypting, a guardian holds every contest of the tally to what the published chains
make of it:

- a station's tally (`station` a station code): for each contest, N_c the number of the chain's
  cast ballots that carry it and each option's ciphertext the product of theirs;
- an aggregate (`station` is `<contest>/<constituency>`): the product of the tallies of every
  station whose ballots carry the contest with the aggregate's options (a constituency's
  candidates are its own, so its options name it; every such station is taken, never a part of
  them, so that an aggregate cannot be one small station's).

And no cast ballot's ciphertext may be in two chains: a box that copied a voter's ballot into a
chain of its own, of one ballot, would have that ballot decrypted as its tally. The chains' hash
links and closes are `chain_file`'s and the reports' to check, before they are given here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e import elgamal
from sandogh.core.e2e.chain_file import ChainFile
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.selection_vector import EncryptedContest
from sandogh.core.e2e.slots import SlotContest
from sandogh.core.e2e.tally_files import Tally


@dataclass(frozen=True)
class ContestProduct:
    """N_c and, by option, the product of the cast ballots' ciphertexts."""

    ballots: int
    options: tuple[tuple[str, elgamal.Ciphertext], ...]


def chain_products(group: Group, chain: ChainFile) -> dict[str, ContestProduct]:
    """Each contest's product over the chain's cast ballots, by contest."""
    counts: dict[str, int] = {}
    columns: dict[str, dict[str, list[elgamal.Ciphertext]]] = {}
    for ballot in chain.cast_ballots:
        for contest in ballot.contests:
            counts[contest.contest] = counts.get(contest.contest, 0) + 1
            if isinstance(contest, EncryptedContest):
                column = columns.setdefault(contest.contest, {})
                for selection in contest.selections:
                    column.setdefault(selection.option, []).append(selection.ciphertext)
    return {
        name: ContestProduct(
            n,
            tuple(
                (option, elgamal.accumulate(group, cts))
                for option, cts in columns.get(name, {}).items()
            ),
        )
        for name, n in counts.items()
    }


def copied_ballots(chains: Mapping[str, ChainFile]) -> list[Problem]:
    """A problem for every cast ballot's ciphertext that is in a chain already read (its own or
    another station's), naming both places."""
    seen: dict[elgamal.Ciphertext, str] = {}
    problems = []
    for station, chain in sorted(chains.items()):
        for entry in chain.ballots:
            if entry.challenged:
                continue
            for contest in entry.ballot.contests:
                if isinstance(contest, SlotContest):
                    cts = [bit.ciphertext for gap in contest.gaps for bit in gap]
                else:
                    cts = [s.ciphertext for s in contest.selections]
                where = f"{station} line {entry.line} {contest.contest}"
                for ct in cts:
                    first = seen.setdefault(ct, where)
                    if first != where:
                        problems.append(Problem(where, f"a ciphertext of {first} copied"))
                        break
    return problems


def tally_problems(
    group: Group, tally: Tally, products: Mapping[str, Mapping[str, ContestProduct]]
) -> list[Problem]:
    """Every contest of `tally` that is not the product of the chains (`products`, by station
    then contest, from `chain_products`): empty when the tally is a real one."""
    problems = []
    aggregate = "/" in tally.station
    if not aggregate and tally.station not in products:
        return [Problem("station", f"{tally.station} has no chain in the record")]
    for contest in tally.contests:
        at = f"{tally.station}.{contest.contest}"
        options = tuple(option for option, _ in contest.options)
        if aggregate:
            parts = [
                made[contest.contest]
                for made in products.values()
                if contest.contest in made
                and tuple(o for o, _ in made[contest.contest].options) == options
            ]
            expected = ContestProduct(
                sum(p.ballots for p in parts),
                tuple(
                    (option, elgamal.accumulate(group, (dict(p.options)[option] for p in parts)))
                    for option in options
                ),
            )
        else:
            # a contest no cast ballot carries (an empty station, or cards without it) is
            # N_c = 0 and, for every option, the product of nothing: (1, 1), as the tally has it
            expected = products[tally.station].get(contest.contest) or ContestProduct(
                0, tuple((option, elgamal.accumulate(group, ())) for option in options)
            )
        if contest.ballots != expected.ballots:
            problems.append(
                Problem(f"{at}.ballots", f"{contest.ballots}, the chains cast {expected.ballots}")
            )
        if contest.options != expected.options:
            problems.append(
                Problem(f"{at}.options", "are not the product of the chains' cast ballots")
            )
    return problems

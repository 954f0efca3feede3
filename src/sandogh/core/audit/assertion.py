"""One assertion of an audit: what it claims about the paper, and its assorter.

docs/audit.md §2. SHANGRLA (Stark 2020): an outcome is right when every assertion of its
contest holds; each is tested on its own and the contest is confirmed when all are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise as successive

from sandogh.core.audit.assorter import Assorter, pairwise


class Kind(StrEnum):
    BEATS = "beats"  # subjects (w, l): w has more votes than l
    ABOVE = "above-share"  # subjects (c,): c has more than the share of the base
    BELOW = "below-share"  # subjects (c,): c has fewer than the share of the base
    LIST_BEATS = "list-beats"  # subjects (A, B): A's last seat beats B's next (highest averages)
    LIST_REMAINDER = "list-remainder"  # subjects (A, B): the same for largest remainder
    LIST_QUOTA = "list-quota"  # subjects (L,): L's whole part stays below its capacity


@dataclass(frozen=True)
class Assertion:
    """`key` is stable and unique within a contest, e.g. "beats 25 21", "above-share T01"."""

    key: str
    kind: Kind
    subjects: tuple[str, ...]
    assorter: Assorter


def make(kind: Kind, subjects: Sequence[str], assorter: Assorter) -> Assertion:
    return Assertion(" ".join((kind.value, *subjects)), kind, tuple(subjects), assorter)


def beats(winner: str, loser: str, max_marks: int) -> Assertion:
    return make(Kind.BEATS, (winner, loser), pairwise(winner, loser, max_marks))


def ranked_chain(groups: Iterable[Iterable[str]], max_marks: int) -> tuple[Assertion, ...]:
    """Each member of a group beats each member of the next non-empty group.

    With groups (winners, a_1, …, a_k, the rest) this is plurality with ranked alternates
    (docs/audit.md §2.2): the true totals are ordered, so the chain gives every order needed.
    """
    kept = [sorted(g) for g in (tuple(g) for g in groups) if g]
    return tuple(
        beats(w, loser, max_marks)
        for above, below in successive(kept)
        for w in above
        for loser in below
    )

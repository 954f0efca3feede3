"""The final list as the contest's candidates, their ballot codes given by a recorded draw.

`reference/iran-candidacy.md` §6: the Interior Ministry publishes the final list with a code for
each candidate; how codes are numbered is not found, so it is a setting: `width` (zero-padded),
or a `pool` of codes the headquarters set aside. Here the order in each constituency is drawn as
a lot is (`core.rules.lots.lot_order`: by the SHA-256 of ``seed + "\\n" + applicant number``), so
anyone holding the seed and the list redoes it by hand, and the k-th drawn gets code k (or the
pool's k-th code). The seed comes from a secret committed before the list was published
(`core.candidacy.draw_commitment`). Who drew, the seed, the secret and the pool are recorded with
the result; the contest's
candidates in the definition become the drawn list, which gives a new definition hash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sandogh.core.candidacy.process import Candidacy
from sandogh.core.definition.model import Candidate, Election, Name
from sandogh.core.errors import SandoghError
from sandogh.core.rules.lots import lot_order


@dataclass(frozen=True)
class DrawnCode:
    applicant: int
    constituency: str
    code: str


@dataclass(frozen=True)
class CodeDraw:
    contest: str
    seed: str
    drawn_by: tuple[str, ...]
    codes: tuple[DrawnCode, ...]
    pool: tuple[str, ...] = ()  # the codes given out in turn; none: 1, 2, … zero-padded
    secret: str = ""  # revealed: the seed is `draw_commitment.code_seed` of it (none: older draws)


class PoolTooSmallError(SandoghError):
    def __init__(self, constituency: str, listed: int, pool: tuple[str, ...]) -> None:
        self.constituency = constituency
        self.listed = listed
        self.pool = pool
        super().__init__(
            f"{listed} candidates are listed in {constituency} but the pool has "
            f"{len(pool)} codes: {', '.join(pool)}"
        )


class NoSuchContestError(SandoghError):
    def __init__(self, election: str, contest: str) -> None:
        super().__init__(f"the definition of {election} has no contest {contest}")


def draw_codes(
    contest: str,
    seed: str,
    drawn_by: tuple[str, ...],
    listed: tuple[Candidacy, ...],
    width: int,
    *,
    pool: tuple[str, ...] = (),
    secret: str = "",
) -> CodeDraw:
    """Each constituency's listed applicants in the order the seed draws them, coded 1, 2, …
    (or the pool's codes in its order; `PoolTooSmallError` when it has too few)."""
    by_place: dict[str, list[str]] = {}
    for file in listed:
        by_place.setdefault(file.registration.constituency, []).append(str(file.number))
    for place, numbers in sorted(by_place.items()):
        if pool and len(numbers) > len(pool):
            raise PoolTooSmallError(place, len(numbers), pool)
    codes = tuple(
        DrawnCode(int(number), place, pool[k - 1] if pool else str(k).zfill(width))
        for place in sorted(by_place)
        for k, number in enumerate(lot_order(seed, by_place[place]), start=1)
    )
    return CodeDraw(contest, seed, drawn_by, codes, pool, secret)


def with_candidates(election: Election, draw: CodeDraw, files: dict[int, Candidacy]) -> Election:
    """`election` with the drawn candidates as those of `draw.contest`, one version on."""
    if all(c.id != draw.contest for c in election.contests):
        raise NoSuchContestError(election.id, draw.contest)
    candidates = tuple(
        Candidate(
            code.code,
            Name(
                files[code.applicant].registration.person.name_fa,
                files[code.applicant].registration.person.name_en,
            ),
            code.constituency,
        )
        for code in draw.codes
    )
    contests = tuple(
        replace(c, candidates=candidates) if c.id == draw.contest else c for c in election.contests
    )
    return replace(election, contests=contests, version=election.version + 1)

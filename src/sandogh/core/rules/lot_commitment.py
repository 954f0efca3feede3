"""A lot's seed that nobody chooses knowing its effect: commit, then reveal (review S19 F1).

A seed typed after the complete results show the tie lets the drawer try seeds offline until
one elects the candidate they want; reproducibility proves nothing about fairness. So the
competent board commits to a secret before the first final report of the contest is accepted
— only the commitment, the SHA-256 of the domain-separated secret, is logged — and at the draw
reveals the secret; the seed is a hash of the secret and the tie. Once committed, the drawer's
only freedom is not to reveal, which leaves the tie visibly waiting for its lot (the
commit-reveal scheme of R. L. Rivest, "Reference ballot-code randomness", and of public lotteries
generally). docs/lots.md holds the formulas; here they are, on canonical JSON arrays
(`core.canonical_json`: no spaces, UTF-8, so no separator inside a value can shift a boundary):

    commitment = hex SHA-256 of ["sandogh/lot-commitment@1", secret]
    seed       = hex SHA-256 of ["sandogh/lot-seed@1", secret, contest, constituency, stake,
                                 [tied codes, sorted]]

and the seed orders the tied as every lot does (`core.rules.lots.lot_order`).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.rules.lots import Stake

COMMITMENT_DOMAIN = "sandogh/lot-commitment@1"
SEED_DOMAIN = "sandogh/lot-seed@1"
WHOLE_ELECTION = "*"  # the scope of a commitment made for every contest of the election
MIN_SECRET = 20  # characters: a guessable secret would let anyone learn the draw in advance


def commitment_of(secret: str) -> str:
    """What is logged before the outcome is known: the hash of the secret alone."""
    return hashlib.sha256(canonical_json([COMMITMENT_DOMAIN, secret])).hexdigest()


def tie_seed(
    secret: str, contest: str, constituency: str, stake: Stake, tied: Iterable[str]
) -> str:
    """The seed of the lot of one tie: fixed by the secret committed and the tie itself."""
    codes: list[JSONValue] = [*sorted(set(tied))]
    data: list[JSONValue] = [SEED_DOMAIN, secret, contest, constituency, stake.value, codes]
    return hashlib.sha256(canonical_json(data)).hexdigest()


@dataclass(frozen=True)
class LotCommitment:
    """The board's commitment for the ties of one constituency of a contest, of every
    constituency of a contest (`constituency` None), or of the whole election (both None), made
    by `by` at `at`."""

    contest: str | None
    constituency: str | None
    commitment: str
    by: str
    at: datetime.datetime

    @property
    def scope(self) -> str:
        """How messages and keys name what it covers: `*`, `CONTEST` or `CONTEST/CONSTITUENCY`."""
        if self.contest is None:
            return WHOLE_ELECTION
        return self.contest if self.constituency is None else f"{self.contest}/{self.constituency}"

    @property
    def key(self) -> str:
        """What names it among the election's stored decisions: one commitment per scope."""
        return f"lot-commitment|{self.scope}"

    def covers(self, contest: str, constituency: str) -> bool:
        return self.contest in (None, contest) and self.constituency in (None, constituency)


def commitment_json(made: LotCommitment) -> dict[str, JSONValue]:
    return {
        "contest": made.contest,
        "constituency": made.constituency,
        "commitment": made.commitment,
        "by": made.by,
        "at": made.at.isoformat(),
    }


def commitment_read(data: Mapping[str, Any]) -> LotCommitment:
    """The commitment `commitment_json` wrote; KeyError, ValueError or TypeError otherwise."""
    contest, constituency = data["contest"], data["constituency"]
    return LotCommitment(
        None if contest is None else str(contest),
        None if constituency is None else str(constituency),
        str(data["commitment"]),
        str(data["by"]),
        datetime.datetime.fromisoformat(str(data["at"])),
    )


def covering(
    commitments: Iterable[LotCommitment], contest: str, constituency: str
) -> LotCommitment | None:
    """The commitment a tie of (contest, constituency) is drawn with: the most specific one."""
    found = [c for c in commitments if c.covers(contest, constituency)]
    return max(
        found, key=lambda c: (c.contest is not None, c.constituency is not None), default=None
    )


@dataclass(frozen=True)
class Revealed:
    """What a lot drawn from a commitment publishes beside its seed, so that anyone can check
    seed = `tie_seed`(secret, tie) and `commitment_of`(secret) = the commitment `committed_by`
    logged at `committed_at`, before the lot."""

    commitment: str
    secret: str
    committed_by: str
    committed_at: datetime.datetime

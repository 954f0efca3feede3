"""The ballot-code draw's seed that nobody chooses knowing its effect: commit, then reveal
(outside review S19, F1 and R5).

A seed typed once the final list is known lets the drawer try seeds offline until their
candidate gets the first code. So, as for a lot (`core.rules.lot_commitment`, whose commitment
this reuses), the headquarters commit to a secret before the contest's final list is published —
only the commitment is recorded — and at the draw reveal it; the seed is a hash of the secret and
the published list. docs/lots.md §5 holds the formulas; on canonical JSON arrays:

    commitment = hex SHA-256 of ["sandogh/lot-commitment@1", secret]      (`commitment_of`)
    seed       = hex SHA-256 of ["sandogh/code-draw-seed@1", secret, contest,
                                 [the published list's applicant numbers, sorted]]

and the seed orders each constituency's candidates as before (`core.candidacy.draw`).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.rules.lot_commitment import commitment_of

SEED_DOMAIN = "sandogh/code-draw-seed@1"


@dataclass(frozen=True)
class DrawCommitment:
    """The commitment to the secret the codes of `contest` will be drawn with, made by `by` on
    `day`, before the contest's final list was published."""

    contest: str
    commitment: str
    day: datetime.date
    by: str


def code_seed(secret: str, contest: str, listed: Iterable[int]) -> str:
    """The seed of the contest's code draw: fixed by the secret committed and the list published
    (every applicant on it, those who withdrew since included, so a withdrawal moves nobody)."""
    numbers: list[JSONValue] = [*sorted(set(listed))]
    return hashlib.sha256(canonical_json([SEED_DOMAIN, secret, contest, numbers])).hexdigest()


def reveal_problems(
    commitment: str, secret: str, contest: str, listed: Iterable[int], seed: str
) -> list[tuple[str, str, str]]:
    """What does not hold of a draw's reveal, each as (field, found, expected): the secret must
    hash to the commitment and the seed must be `code_seed` of the secret and the list."""
    found: list[tuple[str, str, str]] = []
    if commitment_of(secret) != commitment:
        found.append(("commitment", commitment, commitment_of(secret)))
    expected = code_seed(secret, contest, listed)
    if seed != expected:
        found.append(("seed", seed, expected))
    return found

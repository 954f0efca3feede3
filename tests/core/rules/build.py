"""Small builders for the rules tests: a constituency, its candidates, its counts, Tehran 2024."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Constituency, Name


def constituency(seats: int = 1, alternates: int = 0, code: str = "K") -> Constituency:
    return Constituency(code, Name(code, code), (code,), seats, alternates)


def candidates(
    codes: Iterable[str], lists: Mapping[str, str | None] | None = None, where: str = "K"
) -> tuple[Candidate, ...]:
    """Candidates standing in `where`; `lists` maps some codes to their party list."""
    return tuple(
        Candidate(code, Name(code, code), where, (lists or {}).get(code)) for code in codes
    )


def counts(votes: Mapping[str, int], cast: int | None = None, valid: int | None = None) -> Counts:
    """Valid defaults to the sum of the votes (a single-seat ballot), cast to valid."""
    valid = sum(votes.values()) if valid is None else valid
    return Counts(cast=valid if cast is None else cast, valid=valid, votes=dict(votes))


TEHRAN_VALID = 1_569_857  # 20 % is 313,971 2/5: officials print "threshold 313,971"


def tehran_round_1() -> dict[str, int]:
    """30 seats; 14 candidates reach the threshold, the 14th with exactly the 313,972 needed.

    T15 has the printed 313,971, which is below 20 % (313,971 2/5), so it is not elected. The
    figures below the top are synthetic; the base and the threshold are the real ones.
    """
    votes = {f"T{i:02}": 600_000 - 20_000 * i for i in range(1, 14)}
    votes["T14"] = 313_972
    votes["T15"] = 313_971
    votes |= {f"T{i:02}": 300_000 - 5_000 * i for i in range(16, 60)}
    return votes

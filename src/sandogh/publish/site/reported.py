"""Figures over the stations that have reported: what a partial count can honestly compare.

While a unit is partly counted its ballots cast are those of the reported stations only, but its
file's turnout divides them by the eligible voters of every station, so turnout reads low until
the last report, and a comparison with the previous round sets some stations' ballots against all
of them. Election-night sites (Clarity/Scytl, the AP's) compare like with like: turnout over the
eligible voters of the stations counted, the previous round over those same stations. Both are
sums over the unit's reported cover: the largest units under it whose every station has reported
(each child's file says how many have), read down only where a child is partly counted.

A station whose box a supervisory board voided has reported, and counts so in "N of M reported"
everywhere, as in the files (`stations.reported`): its report came, and what became of its
ballots is known. But none of its ballots is cast, so it is left out of the cover, its voters
with it: turnout over it would read 0 % and a comparison would set the earlier round's votes
against none. The cover reads down where a child has a voided box (`stations.voided`). That is
`core.counting.turnout`'s rule, the one every published form follows: once a unit has reported
whole, its turnout is its file's (`turnout.eligible`, `turnout.papers_used`, written by that rule
since `sandogh/unit-result@3`), voided boxes or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from sandogh.publish.site.snapshot import SnapshotFiles, Stations, Turnout, UnitResult, Vote

#: Up to this share of its stations reported an area is hatched on the map, not painted in its
#: leader's colour: with so few boxes counted the leader says little about the area.
LITTLE = Fraction(1, 2)


def reported_share(result: UnitResult) -> Fraction:
    stations = result["stations"]
    return Fraction(stations["reported"], stations["total"]) if stations["total"] else Fraction(0)


def complete(result: UnitResult) -> bool:
    return result["stations"]["reported"] == result["stations"]["total"]


def boxes_voided(stations: Stations) -> int:
    """The stations reported whose box a board voided; none in a file written before the
    format had them (`sandogh/unit-result@1`)."""
    return stations.get("voided", 0)


def counted(stations: Stations) -> int:
    """The stations whose ballots count: reported, their box not voided."""
    return stations["reported"] - boxes_voided(stations)


def counted_whole(result: UnitResult) -> bool:
    """Every station of the unit has reported, and no box of it was voided."""
    return complete(result) and not boxes_voided(result["stations"])


def station_voided(result: UnitResult) -> bool:
    """The unit is a station whose box a board voided."""
    return result["unit"]["kind"] == "station" and boxes_voided(result["stations"]) > 0


def cover(files: SnapshotFiles, election: str, contest: str, result: UnitResult) -> list[str]:
    """The codes of the largest units under `result`'s unit that have reported whole and have
    no voided box."""
    if counted_whole(result):
        return [result["unit"]["code"]]
    found: list[str] = []
    for child in result["children"]:
        stations = child["stations"]
        if child["reported"] and not boxes_voided(stations):
            found.append(child["code"])
        elif counted(stations) > 0:
            below = files.result(election, contest, child["code"])
            if below is not None:
                found += cover(files, election, contest, below)
    return found


def eligible_counted(
    files: SnapshotFiles, election: str, contest: str, result: UnitResult
) -> int | None:
    """The eligible voters of the stations whose ballots count (`counted`); None where there
    is none, or where the eligible voters of one are not known. Found once a rendering for
    each unit's result (`SnapshotFiles.once`): a unit partly counted is read down to its
    cover, and its turnout is asked by its page, its parent's list and map, and the front page."""
    key = ("eligible", election, contest, result["unit"]["code"])
    return files.once(key, result, lambda: _eligible_counted(files, election, contest, result))


def _eligible_counted(
    files: SnapshotFiles, election: str, contest: str, result: UnitResult
) -> int | None:
    if counted(result["stations"]) == 0:
        return None
    if counted_whole(result):
        return result["eligible_voters"]
    ruled = _ruled(result)
    if ruled is not None:
        return ruled["eligible"]
    eligible = 0
    for code in cover(files, election, contest, result):
        below = files.result(election, contest, code)
        if below is None or below["eligible_voters"] is None:
            return None
        eligible += below["eligible_voters"]
    return eligible


def papers_counted(files: SnapshotFiles, election: str, contest: str, result: UnitResult) -> int:
    """The ballot papers used in the stations whose ballots count, turnout by papers' numerator
    over `eligible_counted`: a voided box's papers were used, but its voters are not in that
    base. Stations not reported used none, so only a unit with a voided box is read down."""
    if not boxes_voided(result["stations"]):
        return result["counts"]["papers"]["used"]
    ruled = _ruled(result)
    if ruled is not None:
        return ruled["papers_used"]
    used = 0
    for code in cover(files, election, contest, result):
        below = files.result(election, contest, code)
        used += 0 if below is None else below["counts"]["papers"]["used"]
    return used


def _ruled(result: UnitResult) -> Turnout | None:
    """The turnout of a unit reported whole as its file gives it by the rule; None in a file of
    a format before the rule (`sandogh/unit-result@2` and before), or of a unit partly counted."""
    shown = result.get("turnout")
    if not complete(result) or not shown or "eligible" not in shown:
        return None
    return shown


def turnout(
    files: SnapshotFiles, election: str, contest: str, result: UnitResult
) -> Fraction | None:
    """Ballots cast over the eligible voters of the stations whose ballots count."""
    eligible = eligible_counted(files, election, contest, result)
    return Fraction(result["counts"]["cast"], eligible) if eligible else None


@dataclass(frozen=True)
class Over:
    """An earlier round's figures over a set of units: votes per candidate, cast, eligible."""

    votes: tuple[Vote, ...]
    cast: int
    eligible: int | None

    @property
    def turnout(self) -> Fraction | None:
        return Fraction(self.cast, self.eligible) if self.eligible else None


def earlier_over(
    files: SnapshotFiles, election: str, contest: str, codes: Sequence[str]
) -> Over | None:
    """`election`'s figures summed over `codes` (another round's reported cover); None where a
    unit has no result there."""
    votes: dict[str, Vote] = {}
    cast = 0
    eligible: int | None = 0
    for code in codes:
        result = files.result(election, contest, code)
        if result is None:
            return None
        cast += result["counts"]["cast"]
        known = result["eligible_voters"]
        eligible = None if eligible is None or known is None else eligible + known
        for vote in result["counts"]["votes"]:
            seen = votes.get(vote["code"])
            total = vote["votes"] + (seen["votes"] if seen else 0)
            votes[vote["code"]] = {"code": vote["code"], "name": vote["name"], "votes": total}
    ranked = sorted(votes.values(), key=lambda v: -v["votes"])
    return Over(tuple(ranked), cast, eligible)

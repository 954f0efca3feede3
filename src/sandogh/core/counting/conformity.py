"""Whether tally sheets fit the election they are reported for.

DESIGN.md §3: the centre rejects a report for another station or a mismatched definition with a
clear reason. A sheet must come from a polling station (شعبه) of the definition, for one of its
contests, from a station inside one of that contest's constituencies (حوزه انتخابیه), and name only
candidates standing in that constituency (docs/formats.md: candidate codes are unique within a
constituency of a contest); a batch holds one sheet per station and contest. Every problem is
returned, each naming the sheet's position in the batch, its station and contest (and candidate).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.counting.tally import SheetRow, TallySheet, row_of, sheet_of
from sandogh.core.definition.geography import Geography
from sandogh.core.errors import SandoghError


class Mismatch(StrEnum):
    UNKNOWN_STATION = "unknown-station"
    NOT_A_STATION = "not-a-station"
    UNKNOWN_CONTEST = "unknown-contest"
    OUTSIDE_CONTEST = "outside-contest"  # the station is in none of the contest's constituencies
    UNKNOWN_CANDIDATE = "unknown-candidate"  # not standing in the station's constituency
    DUPLICATE = "duplicate"  # a second sheet for the same station and contest in the batch


@dataclass(frozen=True)
class Nonconformity:
    """One problem of one sheet; `sheet` is its position in the batch (0-based)."""

    mismatch: Mismatch
    sheet: int
    station: str
    contest: str
    candidate: str | None = None


class NonconformingSheetsError(SandoghError):
    """Sheets that do not fit the election definition; nothing of the batch should be stored."""

    def __init__(self, problems: tuple[Nonconformity, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s) with the tally sheets")
        self.problems = problems
        # a command says it in its language, naming the first (a stored sheet read by results
        # and outcomes was refused in English on a Persian screen: the outsider's N2, session 25;
        # its line names no contest, whose id is English)
        first = problems[0]
        self.said = (
            f"sheets-{first.mismatch.value}",
            {"count": len(problems), "station": first.station},
        )


@dataclass(frozen=True)
class Standing:
    """The ballot codes standing in each constituency of each contest, and the election's
    stations: made in a walk of every candidate and station (~100,000 candidates nationally, a
    tenth of a second), so that a checker of many reports keeps it (`services.days.Day`)."""

    codes: Mapping[str, Mapping[str, frozenset[str]]]
    stations: frozenset[str]

    @classmethod
    def of(cls, geography: Geography) -> Standing:
        return cls(_standing(geography), frozenset(geography.stations))


def nonconformities(
    geography: Geography, sheets: Iterable[TallySheet], kept: Standing | None = None
) -> tuple[Nonconformity, ...]:
    """Every problem of every sheet of the batch, in batch order; empty when all conform.
    `kept`: the geography's `Standing`, if kept."""
    found_in = Standing.of(geography) if kept is None else kept
    standing, stations = found_in.codes, found_in.stations
    members = {contest: geography.constituency_map(contest) for contest in standing}
    seen: set[tuple[str, str]] = set()
    problems: list[Nonconformity] = []
    for i, sheet in enumerate(sheets):
        station, contest = sheet.station, sheet.contest
        found: list[Mismatch] = []
        if (station, contest) in seen:
            found.append(Mismatch.DUPLICATE)
        seen.add((station, contest))
        if station not in stations:
            found.append(
                Mismatch.NOT_A_STATION if station in geography else Mismatch.UNKNOWN_STATION
            )
        member = members.get(contest)
        if member is None:
            found.append(Mismatch.UNKNOWN_CONTEST)
        problems.extend(Nonconformity(m, i, station, contest) for m in found)
        if member is None or station not in stations:
            continue
        voting_in = member.get(station)
        if voting_in is None:
            problems.append(Nonconformity(Mismatch.OUTSIDE_CONTEST, i, station, contest))
            continue
        allowed = standing[contest][voting_in]
        if not allowed.issuperset(sheet.counts.votes):
            problems.extend(
                Nonconformity(Mismatch.UNKNOWN_CANDIDATE, i, station, contest, code)
                for code in sorted(set(sheet.counts.votes) - allowed)
            )
    return tuple(problems)


def require_conformity(geography: Geography, sheets: Iterable[TallySheet]) -> None:
    """Raise `NonconformingSheetsError` with every problem unless all the sheets conform."""
    by_contest(geography, map(row_of, sheets))


def by_contest(
    geography: Geography,
    rows: Iterable[SheetRow],
    kept: Standing | None = None,
    *,
    candidates: bool = True,
) -> dict[str, dict[str, SheetRow]]:
    """Each contest's sheets (as rows, `SheetRow`) by station, when every sheet conforms (a
    contest without sheets maps to an empty dict); `NonconformingSheetsError` with every problem
    otherwise. `kept`: the geography's `Standing`, if kept (made anew, it was a fifth of checking
    a national tally). `candidates` False leaves each sheet's candidates to the caller, which
    holds the union of a constituency's sheets' candidates to those standing there instead
    (`aggregate_rows`: the same check, made once a constituency, not once a sheet's candidate)
    and raises `refusal` if they are not.

    The checks are those of `nonconformities`, made in one pass that only asks whether a sheet
    conforms: a national batch (~235,000 sheets) is checked in a fraction of the time naming
    took. Only a batch with a problem is walked again, by `nonconformities`, to name them all.
    """
    batch = rows if isinstance(rows, (list, tuple)) else tuple(rows)
    found_in = Standing.of(geography) if kept is None else kept
    standing, stations = found_in.codes, found_in.stations
    found: dict[str, dict[str, SheetRow]] = {}
    places: dict[str, tuple[dict[str, SheetRow], Mapping[str, str], Mapping[str, frozenset[str]]]]
    places = {}
    for contest, allowed in standing.items():
        at = found[contest] = {}
        places[contest] = (at, geography.constituency_map(contest), allowed)
    for row in batch:
        place = places.get(row[1])
        if place is None:
            break
        at, member, allowed = place
        station = row[0]
        voting_in = member.get(station)
        if (
            voting_in is None
            or station in at
            or station not in stations
            or (candidates and not allowed[voting_in].issuperset(row[-1]))
        ):
            break
        at[station] = row
    else:
        return found
    raise refusal(geography, batch, found_in)


def refusal(
    geography: Geography, rows: Iterable[SheetRow], kept: Standing | None = None
) -> NonconformingSheetsError:
    """The error naming every problem of a batch found not to conform."""
    sheets = [sheet_of(row) for row in rows]
    return NonconformingSheetsError(nonconformities(geography, sheets, kept))


def _standing(geography: Geography) -> dict[str, dict[str, frozenset[str]]]:
    """The ballot codes standing in each constituency of each contest (empty for none)."""
    standing: dict[str, dict[str, frozenset[str]]] = {}
    for defined in geography.election.contests:
        codes: dict[str, set[str]] = {k.id: set() for k in defined.constituencies}
        for candidate in defined.candidates:
            codes.setdefault(candidate.constituency, set()).add(candidate.code)
        standing[defined.id] = {k: frozenset(of_it) for k, of_it in codes.items()}
    return standing

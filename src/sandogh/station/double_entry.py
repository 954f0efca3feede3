"""Blind double entry of a paper tally sheet: two operators, each field compared, every mismatch
resolved before the sheet can be signed.

DESIGN.md §3 ("Paper stations") and issue 3: semi-electronic and fallback stations enter their
paper tally sheet in the station app by blind double entry; mismatches must be resolved before it
can be signed. Blind: each operator enters the whole sheet from the paper without seeing the
other's entry, and an entry, once made, is not changed. The mismatches are listed field by field
with both values once both have entered; each is resolved by the value read again off the paper,
and the agreed sheet is the fields both entered alike with those resolutions.

A sheet's fields are named as in `counting.tally.Counts`: `papers_received`, `papers_used`,
`papers_unused`, `papers_spoiled`, `cast`, `valid`, `void`, each invalid kind as `invalid[KIND]`
and each candidate's votes as `votes[CODE]`; every candidate of the contest's ballot is entered,
0 included. Entering happens once the station is closed (the phase that allows counting).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from sandogh.core.counting.tally import FIGURES, Counts, InvalidKind
from sandogh.core.definition.problems import Problem
from sandogh.core.report import BallotContest
from sandogh.core.station import Action, require
from sandogh.station.errors import EntryError, NotEnrolledError
from sandogh.station.local_store import LocalStore, StoredStation, Transaction


class Operator(IntEnum):
    FIRST = 1
    SECOND = 2


@dataclass(frozen=True)
class Mismatch:
    field: str
    first: int | None  # None: the field is in one entry only
    second: int | None


def sheet_fields(counts: Counts) -> dict[str, int]:
    """The sheet's fields by name (see the module docstring)."""
    fields = {figure: int(getattr(counts, figure)) for figure in FIGURES}
    fields.update({f"invalid[{kind}]": counts.invalid.get(kind, 0) for kind in InvalidKind})
    fields.update({f"votes[{code}]": n for code, n in counts.votes.items()})
    return fields


def sheet_counts(fields: Mapping[str, int]) -> Counts:
    """The counts whose fields are `fields` (the inverse of `sheet_fields`)."""
    return Counts(
        papers_received=fields["papers_received"],
        papers_used=fields["papers_used"],
        papers_unused=fields["papers_unused"],
        papers_spoiled=fields["papers_spoiled"],
        cast=fields["cast"],
        valid=fields["valid"],
        # An entry stored before crossed-out was a field has none: it entered 0 of them.
        invalid={kind: fields.get(f"invalid[{kind}]", 0) for kind in InvalidKind},
        void=fields["void"],
        votes={
            name[len("votes[") : -1]: n for name, n in fields.items() if name.startswith("votes[")
        },
    )


def compare(first: Mapping[str, int], second: Mapping[str, int]) -> tuple[Mismatch, ...]:
    """Every field the two entries do not give alike, in the first entry's order."""
    names = list(first) + [name for name in second if name not in first]
    return tuple(
        Mismatch(name, first.get(name), second.get(name))
        for name in names
        if first.get(name) != second.get(name)
    )


class DoubleEntry:
    """The double entry of a station's paper sheets, kept in its store."""

    def __init__(self, store: LocalStore) -> None:
        self._store = store

    def enter(self, contest: str, operator: Operator, counts: Counts) -> None:
        """`operator`'s entry of `contest`'s sheet; entered twice, or not fitting the ballot,
        raises `EntryError` naming every problem."""
        with self._store.transaction() as tx:
            ballot = _entering(tx)
            fields = sheet_fields(counts)
            problems = _problems(contest, fields, ballot)
            if problems:
                raise EntryError(f"the sheet of {contest} cannot be entered", problems)
            if not tx.add_entry(contest, operator, fields):
                raise EntryError(
                    f"operator {operator.value} has already entered {contest}",
                    [Problem(contest, "an entry is not changed; resolve mismatches instead")],
                )

    def entered(self, contest: str) -> tuple[Operator, ...]:
        """Who has entered `contest`'s sheet so far (not what they entered: the entry is blind)."""
        with self._store.transaction() as tx:
            return tuple(Operator(n) for n in sorted(tx.entries(contest)))

    def mismatches(self, contest: str) -> tuple[Mismatch, ...]:
        """The fields of `contest` the two entries give differently and no resolution settles;
        before both have entered, `EntryError`."""
        with self._store.transaction() as tx:
            first, second = _both(tx, contest)
            resolved = tx.resolutions(contest)
            return tuple(m for m in compare(first, second) if m.field not in resolved)

    def resolve(self, contest: str, field: str, value: int) -> None:
        """Settle a mismatched field of `contest` with the value read again off the paper."""
        with self._store.transaction() as tx:
            _entering(tx)
            first, second = _both(tx, contest)
            if field not in {m.field for m in compare(first, second)}:
                raise EntryError(
                    f"{field} of {contest} cannot be resolved",
                    [Problem(f"{contest}.{field}", "both entries agree on it, or it is no field")],
                )
            if value < 0:
                raise EntryError(
                    f"{field} of {contest} cannot be resolved",
                    [Problem(f"{contest}.{field}", f"{value} is negative")],
                )
            tx.resolve(contest, field, value)


def agreed_sheets(tx: Transaction, ballot: Sequence[BallotContest]) -> dict[str, Counts]:
    """The agreed sheet of every contest on `ballot`; a sheet not entered by both operators or
    with a mismatch unresolved raises `EntryError` naming every one."""
    problems: list[Problem] = []
    agreed: dict[str, Counts] = {}
    for item in ballot:
        entries = tx.entries(item.contest)
        missing = [op for op in Operator if op.value not in entries]
        if missing:
            problems.extend(
                Problem(item.contest, f"operator {op.value} has not entered it") for op in missing
            )
            continue
        first, second = entries[Operator.FIRST], entries[Operator.SECOND]
        resolved = tx.resolutions(item.contest)
        open_fields = [m for m in compare(first, second) if m.field not in resolved]
        problems.extend(
            Problem(f"{item.contest}.{m.field}", f"entered {m.first} and {m.second}")
            for m in open_fields
        )
        if not open_fields:
            agreed[item.contest] = sheet_counts({**first, **resolved})
    if problems:
        raise EntryError("the sheets are not agreed", problems)
    return agreed


def _entering(tx: Transaction) -> tuple[BallotContest, ...]:
    station = _station(tx)
    require(station.lifecycle, Action.COUNT)
    return station.setup.ballot


def _station(tx: Transaction) -> StoredStation:
    station = tx.station()
    if station is None:
        raise NotEnrolledError
    return station


def _both(tx: Transaction, contest: str) -> tuple[dict[str, int], dict[str, int]]:
    entries = tx.entries(contest)
    waiting = [op.value for op in Operator if op.value not in entries]
    if waiting:
        raise EntryError(
            f"the sheet of {contest} is not entered twice yet",
            [Problem(contest, f"operator {op} has not entered it") for op in waiting],
        )
    return entries[Operator.FIRST], entries[Operator.SECOND]


def _problems(
    contest: str, fields: Mapping[str, int], ballot: Sequence[BallotContest]
) -> list[Problem]:
    item = next((c for c in ballot if c.contest == contest), None)
    if item is None:
        return [Problem(contest, "the contest is not on this station's ballot")]
    problems = [
        Problem(f"{contest}.{name}", f"{n} is negative") for name, n in fields.items() if n < 0
    ]
    codes = {name[len("votes[") : -1] for name in fields if name.startswith("votes[")}
    problems.extend(
        Problem(f"{contest}.votes[{code}]", "missing: enter 0 for a candidate with no votes")
        for code in item.candidates
        if code not in codes
    )
    problems.extend(
        Problem(f"{contest}.votes[{code}]", "is not a candidate on this ballot")
        for code in sorted(codes - set(item.candidates))
    )
    return problems

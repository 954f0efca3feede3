"""Running totals of results in the store (`services.totals_ports.TotalsRepository`).

A delta goes in as an upsert that adds in the database: `INSERT … ON CONFLICT DO UPDATE SET x =
x + excluded.x`, on SQLite and PostgreSQL alike. On PostgreSQL the conflicting row is locked
until the transaction ends, so two reports of one county at once both count, the second waiting
for the first; the places are written in one sorted order (totals, then votes), so two
transactions take their row locks in the same order and never wait for each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.counting.tally import FIGURES, INVALID_FIGURES, Counts
from sandogh.store.integrity import translated
from sandogh.store.tables import ResultsTotalRow, ResultsTotalVoteRow, TotalsFilledRow

_TOTALS: Table = ResultsTotalRow.__table__  # type: ignore[assignment]
_VOTES: Table = ResultsTotalVoteRow.__table__  # type: ignore[assignment]
_FILLED: Table = TotalsFilledRow.__table__  # type: ignore[assignment]
_PLACE = ("election_id", "scope", "code", "contest")
_INVALID = tuple(INVALID_FIGURES.items())
#: At most this many places in one IN list.
_BATCH = 500
_FILLED_HASH = select(_FILLED.c.definition_hash).where(
    _FILLED.c.election_id == bindparam("election")
)


class SqlTotalsRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        self._sql = _statements(connection.dialect.name)

    def filled(self, election_id: str) -> str | None:
        found: str | None = self._connection.execute(
            _FILLED_HASH, {"election": election_id}
        ).scalar_one_or_none()
        return found

    def claim(self, election_id: str, definition_hash: str) -> bool:
        statement = self._dialect.insert(_FILLED).values(
            election_id=election_id, definition_hash=definition_hash
        )
        # On PostgreSQL a row another transaction is inserting is waited for; then it is
        # updated only if counted under another definition, and nothing comes back if not.
        statement = statement.on_conflict_do_update(
            index_elements=["election_id"],
            set_={"definition_hash": statement.excluded.definition_hash},
            where=_FILLED.c.definition_hash != statement.excluded.definition_hash,
        ).returning(_FILLED.c.election_id)
        return self._connection.execute(statement).first() is not None

    def clear(self, election_id: str) -> None:
        for table in (_VOTES, _TOTALS):
            self._connection.execute(delete(table).where(table.c.election_id == election_id))

    def add(self, election_id: str, deltas: Mapping[Place, Running]) -> None:
        places = sorted(deltas, key=_key)
        if not places:
            return
        totals = [_total_row(election_id, place, deltas[place]) for place in places]
        votes = [
            (election_id, place.scope.value, place.code, place.contest, code, n)
            for place in places
            for code, n in sorted(deltas[place].counts.votes.items())
        ]
        # Rows go to the driver's executemany as tuples: a national import adds ~10⁵ of them,
        # and SQLAlchemy's per-row parameter processing took most of the time (measured).
        with translated():
            self._connection.exec_driver_sql(self._sql.adding_totals, totals)
            if votes:
                self._connection.exec_driver_sql(self._sql.adding_votes, votes)

    def read(
        self,
        election_id: str,
        scope: Scope,
        codes: Collection[str],
        contests: Collection[str] | None = None,
    ) -> dict[Place, Running]:
        found: dict[Place, Running] = {}
        wanted = sorted(set(codes))
        of = None if contests is None else sorted(set(contests))
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            found |= self._places(election_id, scope.value, batch, of)
        return found

    def all(self, election_id: str) -> dict[Place, Running]:
        sql = self._sql
        return self._gathered(
            self._rows(sql.all_totals, (election_id,)), self._rows(sql.all_votes, (election_id,))
        )

    def _places(
        self, election_id: str, scope: str, codes: list[str], contests: list[str] | None
    ) -> dict[Place, Running]:
        """The totals of `codes` (and of `contests` only, when named) in two statements whose
        words are built once for each length of the lists (`_Statements.of`)."""
        totals, votes = self._sql.of(len(codes), None if contests is None else len(contests))
        values = (election_id, scope, *codes, *(contests or ()))
        return self._gathered(self._rows(totals, values), self._rows(votes, values))

    def _rows(self, sql: str, values: tuple[str, ...]) -> Sequence[Any]:
        # The words as the driver takes them, fetched at once: building and compiling the
        # statement each time, and fetching a nation's thousands of vote rows one by one, took
        # most of a read's time (measured).
        return self._connection.exec_driver_sql(sql, values).fetchall()

    @staticmethod
    def _gathered(totals: Sequence[Any], votes: Sequence[Any]) -> dict[Place, Running]:
        # A nation's row holds every candidate of the election: its votes are gathered under
        # plain tuples, a `Place` made only per total (one per vote took most of a read).
        by_place: dict[tuple[str, str, str], dict[str, int]] = {}
        for scope, code, contest, candidate, n in votes:
            key = (scope, code, contest)
            of_place = by_place.get(key)
            if of_place is None:
                of_place = by_place[key] = {}
            of_place[candidate] = n
        found: dict[Place, Running] = {}
        for row in totals:
            scope, code, contest = row[0], row[1], row[2]
            votes_of = by_place.get((scope, code, contest), {})
            found[Place(contest, Scope(scope), code)] = _running(row, votes_of)
        return found


def _running(row: Any, votes: dict[str, int]) -> Running:
    """The total of a row of `_READ_TOTALS`'s columns: the place, then `_COUNTED`, then the
    invalid kinds (NULL: not named by any sheet)."""
    counted = len(_COUNTED) + 3
    invalid = {
        kind: n for (kind, _), n in zip(_INVALID, row[counted:], strict=True) if n is not None
    }
    figures = dict(zip(FIGURES, row[4:counted], strict=True))
    counts = Counts(**figures, invalid=invalid, votes=votes)
    return Running(counts, row[3])


def _key(place: Place) -> tuple[str, str, str]:
    """The order of the table's key: rows are locked in it, the same in every transaction."""
    return place.scope.value, place.code, place.contest


_COUNTED = ("stations_reported", *FIGURES)
_TOTAL_COLUMNS = (*_PLACE, *_COUNTED, *(column for _, column in _INVALID))
_VOTE_COLUMNS = (*_PLACE, "candidate", "votes")


def _total_row(election_id: str, place: Place, delta: Running) -> tuple[Any, ...]:
    counts = delta.counts
    return (
        election_id,
        place.scope.value,
        place.code,
        place.contest,
        delta.reported,
        *(getattr(counts, name) for name in FIGURES),
        *(counts.invalid.get(kind) for kind, _ in _INVALID),
    )


def _plus(quote: Callable[[str], str], table: str, column: str) -> str:
    return f"{table}.{quote(column)} + excluded.{quote(column)}"


def _summed(quote: Callable[[str], str]) -> dict[str, str]:
    """Each figure plus the delta's; an invalid kind stays NULL until a delta names it, as on
    the sheets."""
    kinds = {}
    for _, column in _INVALID:
        stored, new = f"results_totals.{quote(column)}", f"excluded.{quote(column)}"
        kinds[column] = (
            f"CASE WHEN {new} IS NULL THEN {stored} ELSE COALESCE({stored}, 0) + {new} END"
        )
    return {column: _plus(quote, "results_totals", column) for column in _COUNTED} | kinds


def _upsert(
    quote: Callable[[str], str],
    mark: str,
    table: str,
    columns: Sequence[str],
    adding: Mapping[str, str],
) -> str:
    """INSERT … ON CONFLICT (the key) DO UPDATE SET each column of `adding` to its sum, in the
    same words on SQLite and PostgreSQL (the stored row named by its table, the delta by
    `excluded`)."""
    names = ", ".join(quote(c) for c in columns)
    key = ", ".join(quote(c) for c in columns if c in (*_PLACE, "candidate"))
    sets = ", ".join(f"{quote(c)} = {sql}" for c, sql in adding.items())
    marks = ", ".join(mark for _ in columns)
    return (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {sets}"
    )


@dataclass
class _Statements:
    """The statements of one dialect, in the driver's own words, built once per process: a
    unit of work's repository used to rebuild them, and a read is a few milliseconds."""

    quote: Callable[[str], str]
    mark: str
    adding_totals: str
    adding_votes: str
    all_totals: str
    all_votes: str
    _reads: dict[tuple[int, int | None], tuple[str, str]] = field(default_factory=dict)

    def of(self, codes: int, contests: int | None) -> tuple[str, str]:
        """The reads of the totals and the votes of `codes` places of one scope (of `contests`
        contests, or all when None), their values the election, the scope, the codes and the
        contests; kept by the lengths (two threads may both build one, to the same words)."""
        key = (codes, contests)
        found = self._reads.get(key)
        if found is None:
            found = self._reads[key] = (
                self._select("results_totals", _READ_TOTALS, codes, contests),
                self._select("results_total_votes", _READ_VOTES, codes, contests),
            )
        return found

    def _select(self, table: str, columns: Sequence[str], codes: int, contests: int | None) -> str:
        quote, mark = self.quote, self.mark
        where = [f"{quote('election_id')} = {mark}", f"{quote('scope')} = {mark}"]
        where.append(f"{quote('code')} IN ({', '.join(mark for _ in range(codes))})")
        if contests is not None:
            where.append(f"{quote('contest')} IN ({', '.join(mark for _ in range(contests))})")
        named, ordered = _named(quote, columns), _ordered(quote, columns)
        return f"SELECT {named} FROM {table} WHERE {' AND '.join(where)}{ordered}"


_READ_TOTALS = ("scope", "code", "contest", *_COUNTED, *(column for _, column in _INVALID))
_READ_VOTES = ("scope", "code", "contest", "candidate", "votes")


def _named(quote: Callable[[str], str], columns: Sequence[str]) -> str:
    return ", ".join(quote(c) for c in columns)


def _ordered(quote: Callable[[str], str], columns: Sequence[str]) -> str:
    """The votes in their key's order: a place's votes come by candidate, the same on both
    databases (SQLite walks its key in that order: no sort); the totals in any order."""
    if "candidate" not in columns:
        return ""
    return " ORDER BY " + _named(quote, ("scope", "code", "contest", "candidate"))


@cache
def _statements(dialect: str) -> _Statements:
    postgres = dialect == "postgresql"
    quote = (postgresql if postgres else sqlite).dialect().identifier_preparer.quote
    mark = "%s" if postgres else "?"
    votes = {"votes": _plus(quote, "results_total_votes", "votes")}

    def every(table: str, columns: Sequence[str]) -> str:
        where = f"{quote('election_id')} = {mark}"
        return (
            f"SELECT {_named(quote, columns)} FROM {table} WHERE {where}{_ordered(quote, columns)}"
        )

    return _Statements(
        quote,
        mark,
        _upsert(quote, mark, "results_totals", _TOTAL_COLUMNS, _summed(quote)),
        _upsert(quote, mark, "results_total_votes", _VOTE_COLUMNS, votes),
        every("results_totals", _READ_TOTALS),
        every("results_total_votes", _READ_VOTES),
    )

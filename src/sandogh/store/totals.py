"""Running totals of results in the store (`services.totals_ports.TotalsRepository`).

A delta goes in as an upsert that adds in the database: `INSERT … ON CONFLICT DO UPDATE SET x =
x + excluded.x`, on SQLite and PostgreSQL alike. On PostgreSQL the conflicting row is locked
until the transaction ends, so two reports of one county at once both count, the second waiting
for the first; the places are written in one sorted order (totals, then votes), so two
transactions take their row locks in the same order and never wait for each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, and_, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.counting.tally import FIGURES, INVALID_FIGURES, Counts, InvalidKind
from sandogh.store.integrity import translated
from sandogh.store.tables import ResultsTotalRow, ResultsTotalVoteRow, TotalsFilledRow

_TOTALS: Table = ResultsTotalRow.__table__  # type: ignore[assignment]
_VOTES: Table = ResultsTotalVoteRow.__table__  # type: ignore[assignment]
_FILLED: Table = TotalsFilledRow.__table__  # type: ignore[assignment]
_PLACE = ("election_id", "scope", "code", "contest")
_INVALID = tuple(INVALID_FIGURES.items())
#: At most this many places in one IN list.
_BATCH = 500


class SqlTotalsRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        quote = connection.dialect.identifier_preparer.quote
        mark = "%s" if connection.dialect.name == "postgresql" else "?"
        summed = _summed(quote)
        self._adding_totals = _upsert(quote, mark, "results_totals", _TOTAL_COLUMNS, summed)
        self._adding_votes = _upsert(
            quote,
            mark,
            "results_total_votes",
            _VOTE_COLUMNS,
            {"votes": _plus(quote, "results_total_votes", "votes")},
        )

    def filled(self, election_id: str) -> str | None:
        query = select(_FILLED.c.definition_hash).where(_FILLED.c.election_id == election_id)
        found: str | None = self._connection.execute(query).scalar_one_or_none()
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
            self._connection.exec_driver_sql(self._adding_totals, totals)
            if votes:
                self._connection.exec_driver_sql(self._adding_votes, votes)

    def read(self, election_id: str, scope: Scope, codes: Collection[str]) -> dict[Place, Running]:
        found: dict[Place, Running] = {}
        wanted = sorted(set(codes))
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            found |= self._read(
                and_(
                    _TOTALS.c.election_id == election_id,
                    _TOTALS.c.scope == scope.value,
                    _TOTALS.c.code.in_(batch),
                ),
                and_(
                    _VOTES.c.election_id == election_id,
                    _VOTES.c.scope == scope.value,
                    _VOTES.c.code.in_(batch),
                ),
            )
        return found

    def all(self, election_id: str) -> dict[Place, Running]:
        return self._read(_TOTALS.c.election_id == election_id, _VOTES.c.election_id == election_id)

    def _read(self, totals: Any, votes: Any) -> dict[Place, Running]:
        # A nation's row holds every candidate of the election: its votes are gathered under
        # plain tuples, a `Place` made only per total (one per vote took most of a read).
        v = _VOTES.c
        query = (
            select(v.scope, v.code, v.contest, v.candidate, v.votes)
            .where(votes)
            .order_by(v.scope, v.code, v.contest, v.candidate)
        )
        by_place: dict[tuple[str, str, str], dict[str, int]] = {}
        key: tuple[str, str, str] | None = None
        of_place: dict[str, int] = {}
        for scope, code, contest, candidate, n in self._connection.execute(query).tuples():
            if key is None or key != (scope, code, contest):
                key = (scope, code, contest)
                of_place = by_place[key] = {}
            of_place[candidate] = n
        found: dict[Place, Running] = {}
        for row in self._connection.execute(select(_TOTALS).where(totals)):
            place = Place(row.contest, Scope(row.scope), row.code)
            found[place] = _running(row, by_place.get((row.scope, row.code, row.contest), {}))
        return found


def _running(row: Any, votes: dict[str, int]) -> Running:
    invalid: dict[InvalidKind, int] = {
        kind: getattr(row, column) for kind, column in _INVALID if getattr(row, column) is not None
    }
    counts = Counts(**{name: getattr(row, name) for name in FIGURES}, invalid=invalid, votes=votes)
    return Running(counts, row.stations_reported)


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

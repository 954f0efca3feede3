"""Running totals of results in the store (`services.totals_ports.TotalsRepository`).

A delta goes in as an upsert that adds in the database: `INSERT … ON CONFLICT DO UPDATE SET x =
x + excluded.x`, on SQLite and PostgreSQL alike. On PostgreSQL the conflicting row is locked
until the transaction ends, so two reports of one county at once both count, the second waiting
for the first; the places are written in one sorted order (totals, then votes), so two
transactions take their row locks in the same order and never wait for each other in a circle.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import Table, and_, case, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.counting.tally import FIGURES, INVALID_FIGURES, Counts, InvalidKind
from sandogh.store.integrity import translated
from sandogh.store.tables import ResultsTotalRow, ResultsTotalVoteRow, TotalsFilledRow

_TOTALS: Table = ResultsTotalRow.__table__  # type: ignore[assignment]
_VOTES: Table = ResultsTotalVoteRow.__table__  # type: ignore[assignment]
_FILLED: Table = TotalsFilledRow.__table__  # type: ignore[assignment]
_PLACE = ("election_id", "contest", "scope", "code")
_INVALID = tuple(INVALID_FIGURES.items())
#: At most this many places in one IN list.
_BATCH = 500


class SqlTotalsRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = postgresql if connection.dialect.name == "postgresql" else sqlite

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
        places = sorted(deltas)
        if not places:
            return
        totals = [_total_row(election_id, place, deltas[place]) for place in places]
        votes = [
            {**_place_row(election_id, place), "candidate": code, "votes": n}
            for place in places
            for code, n in sorted(deltas[place].counts.votes.items())
        ]
        with translated():
            self._connection.execute(self._adding_totals(), totals)
            if votes:
                self._connection.execute(self._adding_votes(), votes)

    def _adding_totals(self) -> Any:
        statement = self._dialect.insert(_TOTALS)
        new = statement.excluded
        summed = {name: _TOTALS.c[name] + new[name] for name in ("stations_reported", *FIGURES)}
        # an invalid kind stays NULL until a delta names it, as on the sheets
        kinds = {
            column: case(
                (new[column].is_(None), _TOTALS.c[column]),
                else_=func.coalesce(_TOTALS.c[column], 0) + new[column],
            )
            for _, column in _INVALID
        }
        return statement.on_conflict_do_update(index_elements=list(_PLACE), set_=summed | kinds)

    def _adding_votes(self) -> Any:
        statement = self._dialect.insert(_VOTES)
        return statement.on_conflict_do_update(
            index_elements=[*_PLACE, "candidate"],
            set_={"votes": _VOTES.c.votes + statement.excluded.votes},
        )

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
        by_place: dict[Place, dict[str, int]] = {}
        v = _VOTES.c
        for contest, scope, code, candidate, n in self._connection.execute(
            select(v.contest, v.scope, v.code, v.candidate, v.votes)
            .where(votes)
            .order_by(v.contest, v.scope, v.code, v.candidate)
        ):
            by_place.setdefault(Place(contest, Scope(scope), code), {})[candidate] = n
        return {
            place: _running(row, by_place.get(place, {}))
            for place, row in _places(self._connection.execute(select(_TOTALS).where(totals)))
        }


def _places(rows: Iterable[Any]) -> Iterable[tuple[Place, Any]]:
    for row in rows:
        yield Place(row.contest, Scope(row.scope), row.code), row


def _running(row: Any, votes: dict[str, int]) -> Running:
    invalid: dict[InvalidKind, int] = {
        kind: getattr(row, column) for kind, column in _INVALID if getattr(row, column) is not None
    }
    counts = Counts(**{name: getattr(row, name) for name in FIGURES}, invalid=invalid, votes=votes)
    return Running(counts, row.stations_reported)


def _place_row(election_id: str, place: Place) -> dict[str, Any]:
    return {
        "election_id": election_id,
        "contest": place.contest,
        "scope": place.scope.value,
        "code": place.code,
    }


def _total_row(election_id: str, place: Place, delta: Running) -> dict[str, Any]:
    counts = delta.counts
    return {
        **_place_row(election_id, place),
        "stations_reported": delta.reported,
        **{name: getattr(counts, name) for name in FIGURES},
        **{column: counts.invalid.get(kind) for kind, column in _INVALID},
    }

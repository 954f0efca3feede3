"""Tally sheets in the store: bulk writes and streamed reads at national scale.

A national election day is ~235,000 sheets of up to ~70 candidates; both directions must take
seconds. On PostgreSQL sheets go in through COPY (about three times the rate of an executemany
INSERT, measured); on SQLite through an executemany INSERT in batches. Reads stream in batches so
memory stays flat, and take the votes as text to decode them with one JSON decoder rather than
the driver's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import chain, count, islice
from operator import attrgetter, itemgetter
from typing import Any, cast

import orjson
import psycopg
from sqlalchemy import ColumnElement, Text, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import Connection

from sandogh.core.counting.tally import (
    FIGURES,
    INVALID_FIGURES,
    Counts,
    SheetRow,
    TallySheet,
    row_of,
    sheet_of,
)
from sandogh.services.collector import collector_paused
from sandogh.store.engine import encode_json
from sandogh.store.errors import UnreadableRowError
from sandogh.store.integrity import translated
from sandogh.store.tables import TallySheetRow

BATCH = 5_000

#: Column order of the rows `_row` builds, shared by the INSERT and the COPY.
_COLUMNS = ("election_id", "station", "contest", *FIGURES, *INVALID_FIGURES.values(), "votes")
_INVALID = tuple(INVALID_FIGURES)
_figures = attrgetter(*FIGURES)
_decoder = json.JSONDecoder()
_WHOLE = frozenset({int})

#: The columns `all` reads, in the order of `Counts`'s fields: the figures up to valid, the
#: invalid kinds, void; then the votes.
_BEFORE_INVALID = FIGURES[: FIGURES.index("valid") + 1]
_READ = tuple(
    TallySheetRow.__table__.c[column]
    for column in ("station", "contest", *_BEFORE_INVALID, *INVALID_FIGURES.values(), "void")
)
_VALID_AT = slice(2, 2 + len(_BEFORE_INVALID))
_INVALID_AT = slice(_VALID_AT.stop, _VALID_AT.stop + len(_INVALID))
_VOID_AT = _INVALID_AT.stop
_figures_of = itemgetter(slice(_VALID_AT.start, _VOID_AT + 1))
_text_of = itemgetter(-1)
_DICT = frozenset({dict})
_CURSORS = count()  # a name for each server cursor on PostgreSQL
_counts: Callable[..., Counts] = Counts  # called with a row's slice, which mypy cannot count


def _votes(text: str) -> dict[str, int] | None:
    """A sheet's votes from their stored JSON, as the standard library reads them: by orjson,
    about three times faster on a national tally's ~235,000 sheets, but for what orjson reads
    otherwise (a number beyond 64 bits, which it makes a float) or refuses (text after the
    object, a lone surrogate), which the standard library reads as it always did. None unless
    they are whole numbers, none negative, as sandogh stores them (`_readable`)."""
    try:
        votes = orjson.loads(text)
    except orjson.JSONDecodeError:
        votes = None
    if type(votes) is not dict or not _WHOLE.issuperset(map(type, votes.values())):
        try:
            votes = _decoder.raw_decode(text)[0]
        except ValueError:
            return None
        if type(votes) is not dict or not _WHOLE.issuperset(map(type, votes.values())):
            return None
    return votes if min(votes.values(), default=0) >= 0 else None


def _votes_text(votes: Mapping[str, int]) -> str:
    """A sheet's votes as the JSON text stored, the standard library's (`encode_json`): by
    orjson, which writes a dict of codes and whole numbers the same and took a national import's
    234,560 sheets from ~0.8 s to ~0.15; by the standard library for what orjson refuses (a
    number beyond 64 bits, a lone surrogate, another mapping)."""
    try:
        return orjson.dumps(votes).decode()
    except orjson.JSONEncodeError:
        return encode_json(dict(votes))


def _row(election_id: str, sheet: TallySheet) -> tuple[Any, ...]:
    counts = sheet.counts
    invalid = counts.invalid
    return (
        election_id,
        sheet.station,
        sheet.contest,
        *_figures(counts),
        *[invalid.get(kind) for kind in _INVALID],
        _votes_text(counts.votes),
    )


class SqlTallyRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        quote = connection.dialect.identifier_preparer.quote
        self._names = ", ".join(quote(column) for column in _COLUMNS)

    def add_many(self, election_id: str, sheets: Iterable[TallySheet]) -> int:
        rows = (_row(election_id, sheet) for sheet in sheets)
        with translated():
            if self._connection.dialect.name == "postgresql":
                return self._copy(rows)
            return self._insert(rows)

    def _insert(self, rows: Iterator[tuple[Any, ...]]) -> int:
        # Rows go to the driver's executemany as tuples: SQLAlchemy's per-row parameter
        # processing would add about 60 % to a national import (measured).
        marks = ", ".join("?" * len(_COLUMNS))
        statement = f"INSERT INTO tally_sheets ({self._names}) VALUES ({marks})"
        count = 0
        while batch := list(islice(rows, BATCH)):
            self._connection.exec_driver_sql(statement, batch)
            count += len(batch)
        return count

    def _copy(self, rows: Iterator[tuple[Any, ...]]) -> int:
        # COPY runs on the driver connection under SQLAlchemy's, in the unit of work's transaction.
        driver = cast(psycopg.Connection[Any], self._connection.connection.driver_connection)
        count = 0
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY tally_sheets ({self._names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def keys(self, election_id: str) -> set[tuple[str, str]]:
        query = select(TallySheetRow.station, TallySheetRow.contest).where(
            TallySheetRow.election_id == election_id
        )
        return {(station, contest) for station, contest in self._connection.execute(query)}

    def all(self, election_id: str) -> Iterator[TallySheet]:
        """Every sheet of the election, by station then contest, read in batches.

        The iterator reads through the unit of work's connection: use it up inside the `with`.
        """
        return map(sheet_of, self.rows(election_id))

    def rows(self, election_id: str) -> Iterator[SheetRow]:
        """`all`'s sheets as rows (`SheetRow`), no object made of them: a reader that only adds
        them up (`services.results.tally`)."""
        return self._read(TallySheetRow.election_id == election_id)

    def of_stations(
        self,
        election_id: str,
        stations: Collection[str],
        contests: Collection[str] | None = None,
    ) -> Iterator[TallySheet]:
        """The sheets of `stations` (of `contests` only, every contest when None), by station
        then contest (a unit's stations, the stations a void touches), read by their key in
        batches of `BATCH` stations, in the driver's own words and fetched at once: a city's
        3,508 stations took a fifth longer through SQLAlchemy's statement and rows one by one
        (measured)."""
        wanted = sorted(set(stations))
        of = () if contests is None else tuple(sorted(set(contests)))
        if contests is not None and not of:
            return  # no contest asked: `IN ()` is no SQL
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            sql = self._of_stations(len(batch), None if contests is None else len(of))
            with collector_paused():  # the rows fetched at once are as many objects again
                yield from map(sheet_of, _rows(self._fetched(sql, (election_id, *batch, *of))))

    def _fetched(self, sql: str, values: tuple[str, ...]) -> Sequence[Any]:
        return self._connection.exec_driver_sql(sql, values).fetchall()

    def _of_stations(self, stations: int, contests: int | None) -> str:
        """The words of `of_stations`'s read (not kept: each length of the lists is another;
        a city's 3,508 stations' take a tenth of a millisecond to build)."""
        dialect = self._connection.dialect
        mark = "%s" if dialect.name == "postgresql" else "?"
        columns = ", ".join(dialect.identifier_preparer.quote(c.name) for c in _READ)
        where = f"election_id = {mark} AND station IN ({', '.join([mark] * stations)})"
        if contests is not None:
            where += f" AND contest IN ({', '.join([mark] * contests)})"
        return (
            f"SELECT {columns}, CAST(votes AS TEXT) FROM tally_sheets WHERE {where}"
            " ORDER BY station, contest"
        )

    def _read(self, where: ColumnElement[bool]) -> Iterator[SheetRow]:
        query = (
            select(*_READ, sql_cast(TallySheetRow.votes, Text))
            .where(where)
            .order_by(TallySheetRow.station, TallySheetRow.contest)
        )
        # A national tally reads ~235,000 sheets: the rows are read from the driver's cursor as
        # its tuples, each given its votes decoded (SQLAlchemy's rows
        # and their fetching were a fifth of reading them, keyword dicts per row a quarter,
        # measured); on PostgreSQL a cursor of the server's, so that they stream in batches. The
        # collector is paused while they are read and used, as while a definition is decoded:
        # what the caller builds of them stays (a station's total is its sheet), and every
        # collection rescanned it (0.4-0.7 s of a national tally's 6 s of CPU, measured).
        connection = self._connection
        statement = query.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        given = statement.params
        order = statement.positiontup
        arguments = given if order is None else tuple(given[name] for name in order)
        if not connection.in_transaction():  # the unit of work's, as SQLAlchemy would begin it
            connection.begin()
        driver: Any = connection.connection.driver_connection
        if connection.dialect.name == "postgresql":
            cursor = driver.cursor(name=f"tally_sheets_{next(_CURSORS)}")
        else:
            cursor = driver.cursor()
        try:
            cursor.execute(str(statement), arguments)
            with collector_paused():
                while batch := cursor.fetchmany(BATCH):
                    yield from _rows(batch)
        finally:
            cursor.close()


def _rows(batch: Sequence[Any]) -> list[SheetRow]:
    """The sheets of a batch of rows (`SheetRow`: the row, its votes decoded). Their figures
    and votes are checked a batch at a time in C (`_whole`), not a row at a time in Python
    (which took two thirds of reading a national tally); a batch with anything else in it (a
    figure missing, as before a kind of invalid ballot existed; a number orjson does not read
    as the standard library does; a row changed outside sandogh) is read a row at a time by
    `_sheet`, which names the first unreadable."""
    try:
        votes = list(map(orjson.loads, map(_text_of, batch)))
    except orjson.JSONDecodeError:
        return list(map(row_of, map(_sheet, batch)))
    if not _whole(batch, votes):
        return list(map(row_of, map(_sheet, batch)))
    return [(*row[:-1], of_row) for row, of_row in zip(batch, votes, strict=True)]


def _whole(batch: Sequence[Any], votes: list[object]) -> bool:
    """Whether every figure of the rows of `batch` is a whole number, none negative and none
    missing, and every one of `votes` a dict of them."""
    if not _DICT.issuperset(map(type, votes)):
        return False
    figures: list[Any] = list(chain.from_iterable(map(_figures_of, batch)))
    counted: list[Any] = list(
        chain.from_iterable(map(dict.values, cast(list[dict[str, Any]], votes)))
    )
    return (
        _WHOLE.issuperset(map(type, figures))
        and _WHOLE.issuperset(map(type, counted))
        and min(figures, default=0) >= 0
        and min(counted, default=0) >= 0
    )


def _sheet(row: Any) -> TallySheet:
    invalid = dict(zip(_INVALID, row[_INVALID_AT], strict=True))
    if None in invalid.values():  # a kind no sheet had when this one was stored
        invalid = {kind: n for kind, n in invalid.items() if n is not None}
    votes = _readable(row, invalid)
    return TallySheet(row[0], row[1], _counts(*row[_VALID_AT], invalid, row[_VOID_AT], votes))


def _readable(row: Any, invalid: dict[str, Any]) -> dict[str, int]:
    """The sheet's votes, once its figures and votes are whole numbers, none negative, as sandogh
    stores them; else `UnreadableRowError`: a count written as text, or bad JSON, failed the
    command unforeseen, and a negative one was counted (the outsider's N2 of session 25)."""
    votes = _votes(row[-1])
    figures = (*row[_VALID_AT], *invalid.values(), row[_VOID_AT])
    if votes is None:
        why = "its votes are not whole numbers, none negative, in a JSON object"
    elif not _WHOLE.issuperset(map(type, figures)) or min(figures) < 0:
        why = "a figure is not a whole number, or is negative"
    else:
        return votes
    # the station alone: a contest's id is English, and the store knows no contest's name
    raise UnreadableRowError("صورتجلسه شعبه", "tally sheet of", row[0], f"{row[1]}: {why}")

"""The event log in the store: entries chained by `core.log.chain`, appended without a fork.

`record` reads the head and appends the next entry in the unit of work's transaction. Two units
of work that did that side by side would both chain after the same head; so the head is read under
a lock held to the end of the transaction: on PostgreSQL a transaction-level advisory lock
(`pg_advisory_xact_lock`), released at commit or rollback, after which the next writer's READ
COMMITTED read sees the committed head; on SQLite the unit of work's transaction began immediate
(`store.unit_of_work`), so it already holds the database's only write lock. The primary key on
the sequence would refuse a fork anyway; the lock makes concurrent writers wait instead of fail.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.engine import Connection

from sandogh.core.log.chain import Entry, chain
from sandogh.core.log.events import Disposition, Event, EventType
from sandogh.store.integrity import translated
from sandogh.store.tables import EventRow

#: The advisory lock that guards the head of the log on PostgreSQL; any fixed 64-bit number that
#: nothing else locks. These are the bytes of "sandogh" and 1.
LOG_LOCK = int.from_bytes(b"sandogh\x01", "big")
BATCH = 5_000

_HEAD = select(EventRow.sequence, EventRow.hash).order_by(EventRow.sequence.desc()).limit(1)
_LOCK = text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=LOG_LOCK)


def _entry(row: Any) -> Entry:
    event = Event(
        time=row.time,
        actor=row.actor,
        role=row.role,
        place=row.place,
        type=EventType(row.type),
        disposition=Disposition(row.disposition),
        details=row.details,
    )
    return Entry(row.sequence, event, row.previous_hash, row.hash)


_OF_TYPES = select(EventRow).where(EventRow.type.in_(bindparam("types", expanding=True)))

#: the rows a look-up from the log's end reads at a time (`last_of_types`)
_FROM_THE_END = 16
_LAST_OF_TYPE = (
    select(EventRow)
    .where(EventRow.type == bindparam("type"))
    .order_by(EventRow.sequence.desc())
    .limit(_FROM_THE_END)
)


class SqlEventLog:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def take_head(self) -> None:
        # SQLite: the unit of work's transaction began immediate, holding the write lock
        if self._connection.dialect.name == "postgresql":
            self._connection.execute(_LOCK)

    def record(self, event: Event) -> Entry:
        self.take_head()
        # chained to the head's sequence and hash, read alone: decoding the whole head (its
        # every check) cost each entry written ~0.2 ms more
        entry = chain(self._connection.execute(_HEAD).one_or_none(), event)
        row = {
            "sequence": entry.sequence,
            "previous_hash": entry.previous_hash,
            "hash": entry.hash,
            "time": event.time,
            "actor": event.actor,
            "role": event.role,
            "place": event.place,
            "type": event.type.value,
            "disposition": event.disposition.value,
            "details": dict(event.details),
        }
        with translated():
            self._connection.execute(insert(EventRow), row)
        return entry

    def entries(self, after: int = 0) -> Iterator[Entry]:
        """Every entry above sequence `after`, by sequence, read in batches.

        The iterator reads through the unit of work's connection: use it up inside the `with`.
        """
        query = (
            select(EventRow)
            .where(EventRow.sequence > after)
            .order_by(EventRow.sequence)
            .execution_options(yield_per=BATCH)  # on the statement: the connection still writes
        )
        for row in self._connection.execute(query):
            yield _entry(row)

    def head(self) -> Entry | None:
        row = self._connection.execute(
            select(EventRow).order_by(EventRow.sequence.desc()).limit(1)
        ).one_or_none()
        return None if row is None else _entry(row)

    def at(self, sequences: Collection[int]) -> dict[int, Entry]:
        if not sequences:
            return {}
        query = select(EventRow).where(EventRow.sequence.in_(sorted(set(sequences))))
        return {row.sequence: _entry(row) for row in self._connection.execute(query)}

    def of_type(self, kind: EventType, election: str) -> list[Entry]:
        return self.of_types((kind,), election)

    def last_of_types(self, kinds: Collection[EventType], election: str) -> Entry | None:
        newest: Entry | None = None
        for kind in kinds:
            below: int | None = None
            while True:  # from the end, a few rows at a time, to the first of `election`
                query = (
                    _LAST_OF_TYPE
                    if below is None
                    else _LAST_OF_TYPE.where(EventRow.sequence < below)
                )
                rows = self._connection.execute(query, {"type": kind.value}).all()
                found = next(
                    (e for e in map(_entry, rows) if e.event.details.get("election") == election),
                    None,
                )
                if found is not None or len(rows) < _FROM_THE_END:
                    break
                below = rows[-1].sequence
            if found is not None and (newest is None or found.sequence > newest.sequence):
                newest = found
        return newest

    def of_types(
        self,
        kinds: Collection[EventType],
        election: str,
        places: Collection[str] | None = None,
        *,
        holding: tuple[str, Collection[str]] | None = None,
    ) -> list[Entry]:
        # the type, place and `holding` in SQL (a JSON key read by each dialect's own function:
        # a station's enrolment asks for its few approvals among the hundreds recorded at the
        # country, and decoding an entry costs ~0.1 ms), the election in Python
        types = sorted(kind.value for kind in kinds)
        # at places, the few rows put in order here: ordered by sequence in SQL, SQLite reads
        # the type's every entry by (type, sequence) rather than the places' by (type, place) —
        # a report's intake nationally 21 ms, not 0.1 (`refuse_unstored`, 58,640 stations)
        query = (
            _OF_TYPES.order_by(EventRow.sequence)
            if places is None
            else _OF_TYPES.where(EventRow.place.in_(set(places)))
        )
        key, values = holding or ("", ())
        if holding is not None:  # a number's text is found too: asked again in Python below
            query = query.where(EventRow.details[key].as_string().in_(sorted(set(values))))
        rows = self._connection.execute(query, {"types": types}).all()
        ordered = rows if places is None else sorted(rows, key=lambda row: row.sequence)
        found = map(_entry, ordered)
        return [
            e
            for e in found
            if e.event.details.get("election") == election
            and (holding is None or e.event.details.get(key) in values)
        ]

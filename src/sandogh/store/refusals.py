"""Refusals of unauthenticated requests in the store: counts per source, minute and reason.

Written with the databases' own upsert (`INSERT … ON CONFLICT`, as `store.operators` counts
failed log-ins), so that refusals counted at once by several processes of the centre each add
one without a read first; the first of a source's minute is told by the key of
`refused_sources`, which exactly one insert gets past.
"""

from __future__ import annotations

import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.services.ports import RefusalCount
from sandogh.store.tables import RefusalCountRow, RefusedSourceRow

_DIALECTS = {"postgresql": postgresql, "sqlite": sqlite}
_COUNT = {
    name: dialect.insert(RefusalCountRow).on_conflict_do_update(
        index_elements=[RefusalCountRow.source, RefusalCountRow.minute, RefusalCountRow.reason],
        set_={"count": RefusalCountRow.count + 1},
    )
    for name, dialect in _DIALECTS.items()
}
# SQLAlchemy keeps an INSERT's row count only when asked to.
_FIRST = {
    name: dialect.insert(RefusedSourceRow)
    .on_conflict_do_nothing()
    .execution_options(preserve_rowcount=True)
    for name, dialect in _DIALECTS.items()
}


class SqlRefusalRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._count = _COUNT[connection.dialect.name]
        self._first = _FIRST[connection.dialect.name]

    def count(self, source: str, minute: datetime.datetime, reason: str) -> bool:
        row = {"source": source, "minute": minute, "reason": reason, "count": 1}
        self._connection.execute(self._count, row)
        first = self._connection.execute(self._first, {"source": source, "minute": minute})
        return bool(first.rowcount)

    def counts(self, since: datetime.datetime, limit: int) -> list[RefusalCount]:
        query = (
            select(
                RefusalCountRow.source,
                RefusalCountRow.minute,
                RefusalCountRow.reason,
                RefusalCountRow.count,
            )
            .where(RefusalCountRow.minute >= since)
            .order_by(
                RefusalCountRow.minute.desc(),
                RefusalCountRow.count.desc(),
                RefusalCountRow.source,
                RefusalCountRow.reason,
            )
            .limit(limit)
        )
        return [RefusalCount(*row) for row in self._connection.execute(query)]

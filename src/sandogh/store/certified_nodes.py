"""The nodes of totals trees in the store (`core.supervision.totals_tree`): a certified scope's,
written once a result is certified, and (revision 0027) the contests' running trees' with each
unit's page hashes (`SqlTreeRepository`), read by the units a read or a report's path checks (a
few hundred at most)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache

from sqlalchemy import Insert, Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.core.supervision.running_tree import KeptNode
from sandogh.store.tables import CertifiedNodeRow

_NODES: Table = CertifiedNodeRow.__table__  # type: ignore[assignment]
#: At most this many codes in one IN list, or rows in one statement.
_BATCH = 500
_READ = select(_NODES.c.code, _NODES.c.node, _NODES.c.below, _NODES.c.pages).where(
    _NODES.c.election_id == bindparam("election"),
    _NODES.c.contest == bindparam("contest"),
    _NODES.c.code.in_(bindparam("codes", expanding=True)),
)

_DELETE = delete(_NODES).where(
    _NODES.c.election_id == bindparam("election"),
    _NODES.c.contest == bindparam("contest"),
    _NODES.c.code.in_(bindparam("codes", expanding=True)),
)


def keep_nodes(
    connection: Connection,
    election_id: str,
    contest: str,
    nodes: Mapping[str, tuple[str | None, str | None]],
) -> None:
    """Store `nodes` of `contest`'s tree (by code: the node, and a unit's hash of the nodes
    below it), each replacing any kept before (a result certified again after its
    certification was undone); a null node (nothing kept there) as no row."""
    kept = {c: None if n is None else KeptNode(n, b) for c, (n, b) in nodes.items()}
    _keep(connection, election_id, contest, kept, pages=False)


@cache
def _upsert(dialect_name: str, *, pages: bool) -> Insert:
    """The statement keeping rows over those kept before, made once a dialect: made at each
    report's every contest, it cost ~2.5 ms of SQLAlchemy's column set-up (measured)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(_NODES)
    columns = {"node": statement.excluded.node, "below": statement.excluded.below}
    if pages:
        columns["pages"] = statement.excluded.pages
    upsert: Insert = statement.on_conflict_do_update(
        index_elements=["election_id", "contest", "code"], set_=columns
    )
    return upsert


def _keep(
    connection: Connection,
    election_id: str,
    contest: str,
    nodes: Mapping[str, KeptNode | None],
    *,
    pages: bool,
) -> None:
    """`keep_nodes`, and with `pages` each unit's page hashes too (a certification's rows leave
    those of the running tree as they are)."""
    empty = sorted(code for code, row in nodes.items() if row is None)
    for start in range(0, len(empty), _BATCH):
        connection.execute(
            _DELETE,
            {"election": election_id, "contest": contest, "codes": empty[start : start + _BATCH]},
        )
    statement = _upsert(connection.dialect.name, pages=pages)
    rows = [
        {
            "election_id": election_id,
            "contest": contest,
            "code": code,
            "node": row.node,
            "below": row.below,
            "pages": " ".join(row.pages) or None,
        }
        for code, row in sorted(nodes.items())
        if row is not None
    ]
    for start in range(0, len(rows), _BATCH):
        connection.execute(statement, rows[start : start + _BATCH])


def nodes_of(
    connection: Connection, election_id: str, contest: str, codes: Collection[str]
) -> dict[str, tuple[str, str | None]]:
    wanted = sorted(set(codes))
    found: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(wanted), _BATCH):
        values = {
            "election": election_id,
            "contest": contest,
            "codes": wanted[start : start + _BATCH],
        }
        found.update((code, (n, b)) for code, n, b, _ in connection.execute(_READ, values))
    return found


def _rows_of(
    connection: Connection, election_id: str, contest: str, codes: Collection[str]
) -> dict[str, KeptNode]:
    wanted = sorted(set(codes))
    found: dict[str, KeptNode] = {}
    for start in range(0, len(wanted), _BATCH):
        values = {
            "election": election_id,
            "contest": contest,
            "codes": wanted[start : start + _BATCH],
        }
        found.update(
            (code, KeptNode(n, b, tuple(p.split()) if p else ()))
            for code, n, b, p in connection.execute(_READ, values)
        )
    return found


class SqlTreeRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def rows(self, election_id: str, contest: str, codes: Collection[str]) -> dict[str, KeptNode]:
        return _rows_of(self._connection, election_id, contest, codes)

    def keep(self, election_id: str, contest: str, rows: Mapping[str, KeptNode | None]) -> None:
        _keep(self._connection, election_id, contest, rows, pages=True)

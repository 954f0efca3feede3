"""The nodes of certified totals trees in the store (`core.supervision.totals_tree`): written
once a result is certified, read by the units a read checks (a few hundred at most)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sandogh.store.tables import CertifiedNodeRow

_NODES: Table = CertifiedNodeRow.__table__  # type: ignore[assignment]
#: At most this many codes in one IN list, or rows in one statement.
_BATCH = 500
_READ = select(_NODES.c.code, _NODES.c.node, _NODES.c.below).where(
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
    empty = sorted(code for code, (n, _) in nodes.items() if n is None)
    for start in range(0, len(empty), _BATCH):
        connection.execute(
            _DELETE,
            {"election": election_id, "contest": contest, "codes": empty[start : start + _BATCH]},
        )
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(_NODES)
    statement = statement.on_conflict_do_update(
        index_elements=["election_id", "contest", "code"],
        set_={"node": statement.excluded.node, "below": statement.excluded.below},
    )
    rows = [
        {"election_id": election_id, "contest": contest, "code": code, "node": n, "below": b}
        for code, (n, b) in sorted(nodes.items())
        if n is not None
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
        found.update((code, (n, b)) for code, n, b in connection.execute(_READ, values))
    return found

"""The E2E part of the store: an election's ceremony record and its stations' ballot chains,
each exactly as received (`services.chains`; docs/e2e.md §5, §9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sandogh.services.ports import StoredCeremony, StoredChain
from sandogh.store.integrity import translated
from sandogh.store.tables import BallotChainRow, E2ECeremonyRow

BATCH = 100  # chains are up to a few megabytes each


def _chain(row: Any) -> StoredChain:
    return StoredChain(
        row.election_id, row.station, row.device, row.chain_hash, row.data, row.received_at
    )


class SqlE2ERepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def ceremony(self, election_id: str) -> StoredCeremony | None:
        query = select(E2ECeremonyRow).where(E2ECeremonyRow.election_id == election_id)
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        return StoredCeremony(
            election_id, row.record, row.joint_key, row.extended_hash, row.loaded_at
        )

    def add_ceremony(self, ceremony: StoredCeremony) -> None:
        row = {
            "election_id": ceremony.election,
            "record": ceremony.record,
            "joint_key": ceremony.joint_key,
            "extended_hash": ceremony.extended_hash,
            "loaded_at": ceremony.loaded_at,
        }
        with translated():
            self._connection.execute(insert(E2ECeremonyRow), row)

    def chain(self, election_id: str, station: str) -> StoredChain | None:
        query = select(BallotChainRow).where(
            BallotChainRow.election_id == election_id, BallotChainRow.station == station
        )
        row = self._connection.execute(query).one_or_none()
        return None if row is None else _chain(row)

    def add_chain(self, chain: StoredChain) -> None:
        row = {
            "election_id": chain.election,
            "station": chain.station,
            "device": chain.device,
            "chain_hash": chain.chain_hash,
            "data": chain.data,
            "received_at": chain.received_at,
        }
        with translated():
            self._connection.execute(insert(BallotChainRow), row)

    def chains(self, election_id: str) -> Iterator[StoredChain]:
        """By station, read in batches through the unit of work's connection."""
        query = (
            select(BallotChainRow)
            .where(BallotChainRow.election_id == election_id)
            .order_by(BallotChainRow.station)
            .execution_options(yield_per=BATCH)
        )
        for row in self._connection.execute(query):
            yield _chain(row)

"""The fleet's records in the store (`services.fleet_ports`): build decisions, the build each box
last attested, and the boxes' hand-overs."""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.fleet import STEPS, BuildDecision, Handover, Step
from sandogh.store.integrity import translated
from sandogh.store.tables import AttestedBuildRow, BuildDecisionRow, HandoverRow

_ORDER = {step.value: i for i, step in enumerate(STEPS)}


class SqlFleetRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def decisions(self, election_id: str) -> tuple[BuildDecision, ...]:
        query = (
            select(BuildDecisionRow)
            .where(BuildDecisionRow.election_id == election_id)
            .order_by(BuildDecisionRow.approved_at, BuildDecisionRow.build)
        )
        return tuple(
            BuildDecision(
                r.build, r.label, r.approved_by, r.approved_at, r.revoked_by, r.revoked_at
            )
            for r in self._connection.execute(query).all()
        )

    def approve(self, election_id: str, decision: BuildDecision) -> None:
        with translated():
            self._connection.execute(
                insert(BuildDecisionRow).values(election_id=election_id, **vars(decision))
            )

    def revoke(self, election_id: str, build: str, by: str, at: datetime.datetime) -> None:
        self._connection.execute(
            update(BuildDecisionRow)
            .where(BuildDecisionRow.election_id == election_id, BuildDecisionRow.build == build)
            .values(revoked_by=by, revoked_at=at)
        )

    def attest(self, election_id: str, public_key: str, build: str, at: datetime.datetime) -> None:
        row = AttestedBuildRow
        changed = self._connection.execute(
            update(row)
            .where(row.election_id == election_id, row.public_key == public_key)
            .values(build=build, attested_at=at)
        )
        if not changed.rowcount:
            with translated():
                self._connection.execute(
                    insert(row).values(
                        election_id=election_id, public_key=public_key, build=build, attested_at=at
                    )
                )

    def attested(self, election_id: str) -> dict[str, str]:
        query = select(AttestedBuildRow.public_key, AttestedBuildRow.build).where(
            AttestedBuildRow.election_id == election_id
        )
        return dict(self._connection.execute(query).all())

    def handovers(self, election_id: str) -> tuple[Handover, ...]:
        query = select(HandoverRow).where(HandoverRow.election_id == election_id)
        rows: list[Any] = list(self._connection.execute(query).all())
        rows.sort(key=lambda r: (r.serial, _ORDER[r.step]))
        return tuple(
            Handover(r.serial, Step(r.step), r.place, r.handed_by, r.handed_at) for r in rows
        )

    def hand_over(self, election_id: str, handover: Handover) -> None:
        with translated():
            self._connection.execute(
                insert(HandoverRow).values(
                    election_id=election_id,
                    serial=handover.serial,
                    step=handover.step.value,
                    place=handover.place,
                    handed_by=handover.by,
                    handed_at=handover.at,
                )
            )

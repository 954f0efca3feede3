"""The fleet's records in the store (`services.fleet_ports`): build decisions, the build each box
last attested, and the boxes' hand-overs."""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.anchor import OfficialSignature
from sandogh.core.fleet import STEPS, BuildDecision, Handover, Step
from sandogh.core.fleet.build_signatures import BuildAction, BuildProposal
from sandogh.core.report import PublicKey
from sandogh.store.integrity import translated
from sandogh.store.tables import AttestedBuildRow, BuildDecisionRow, BuildProposalRow, HandoverRow

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

    def proposals(self, election_id: str) -> tuple[BuildProposal, ...]:
        row = BuildProposalRow
        query = (
            select(row)
            .where(row.election_id == election_id)
            .order_by(row.proposed_at, row.build, row.action)
        )
        return tuple(
            BuildProposal(
                election_id,
                BuildAction(r.action),
                r.build,
                r.label,
                r.proposed_by,
                r.proposed_at,
                tuple(
                    OfficialSignature(PublicKey.from_text(key), bytes.fromhex(signature))
                    for key, signature in r.signatures
                ),
            )
            for r in self._connection.execute(query).all()
        )

    def propose(self, election_id: str, proposal: BuildProposal) -> None:
        with translated():
            self._connection.execute(
                insert(BuildProposalRow).values(
                    election_id=election_id,
                    build=proposal.build,
                    action=proposal.action.value,
                    label=proposal.label,
                    proposed_by=proposal.by,
                    proposed_at=proposal.at,
                    signatures=_signatures(proposal.signatures),
                )
            )

    def sign(
        self,
        election_id: str,
        build: str,
        action: BuildAction,
        signatures: tuple[OfficialSignature, ...],
    ) -> None:
        row = BuildProposalRow
        self._connection.execute(
            update(row)
            .where(row.election_id == election_id, row.build == build, row.action == action.value)
            .values(signatures=_signatures(signatures))
        )


def _signatures(signatures: tuple[OfficialSignature, ...]) -> list[list[str]]:
    return [[s.key.text, s.signature.hex()] for s in signatures]

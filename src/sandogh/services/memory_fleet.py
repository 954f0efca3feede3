"""The in-memory `FleetRepository` of `services.memory`, kept to the contract of the SQL store
(`store.fleet`). Like the rest of the fake, a unit of work's writes are its own until `commit()`."""

from __future__ import annotations

import dataclasses
import datetime
import threading
from dataclasses import dataclass, field

from sandogh.core.anchor import OfficialSignature
from sandogh.core.fleet import STEPS, BuildDecision, Handover
from sandogh.core.fleet.build_signatures import BuildAction, BuildProposal
from sandogh.services.ports import ElectionRepository


@dataclass
class FleetTables:
    """What is committed; one per `MemoryStore`."""

    decisions: dict[tuple[str, str], BuildDecision] = field(default_factory=dict)
    attested: dict[tuple[str, str], tuple[str, datetime.datetime]] = field(default_factory=dict)
    handovers: dict[tuple[str, str, str], Handover] = field(default_factory=dict)
    proposals: dict[tuple[str, str, str], BuildProposal] = field(default_factory=dict)


class MemoryFleet:
    def __init__(
        self,
        tables: FleetTables,
        lock: threading.Lock,
        elections: ElectionRepository,
        *,
        duplicate: type[Exception],
        refused: type[Exception],
    ) -> None:
        self._tables = tables
        self._lock = lock
        self._elections = elections
        self._duplicate = duplicate
        self._refused = refused
        self._mine = FleetTables()

    def _merged(self) -> FleetTables:
        with self._lock:
            t, m = self._tables, self._mine
            return FleetTables(
                {**t.decisions, **m.decisions},
                {**t.attested, **m.attested},
                {**t.handovers, **m.handovers},
                {**t.proposals, **m.proposals},
            )

    def _known(self, election_id: str) -> None:
        if self._elections.get(election_id) is None:
            raise self._refused(f"election {election_id!r} is not stored")

    def decisions(self, election_id: str) -> tuple[BuildDecision, ...]:
        found = [d for (e, _), d in self._merged().decisions.items() if e == election_id]
        return tuple(sorted(found, key=lambda d: (d.approved_at, d.build)))

    def approve(self, election_id: str, decision: BuildDecision) -> None:
        self._known(election_id)
        if (election_id, decision.build) in self._merged().decisions:
            raise self._duplicate(f"{decision.build} is already decided for {election_id!r}")
        self._mine.decisions[election_id, decision.build] = decision

    def revoke(self, election_id: str, build: str, by: str, at: datetime.datetime) -> None:
        held = self._merged().decisions.get((election_id, build))
        if held is not None:
            revoked = dataclasses.replace(held, revoked_by=by, revoked_at=at)
            self._mine.decisions[election_id, build] = revoked

    def attest(self, election_id: str, public_key: str, build: str, at: datetime.datetime) -> None:
        self._known(election_id)
        self._mine.attested[election_id, public_key] = build, at

    def attested(self, election_id: str) -> dict[str, str]:
        return {k: b for (e, k), (b, _) in self._merged().attested.items() if e == election_id}

    def handovers(self, election_id: str) -> tuple[Handover, ...]:
        found = [h for (e, _, _), h in self._merged().handovers.items() if e == election_id]
        return tuple(sorted(found, key=lambda h: (h.serial, STEPS.index(h.step))))

    def hand_over(self, election_id: str, handover: Handover) -> None:
        self._known(election_id)
        key = (election_id, handover.serial, handover.step.value)
        if key in self._merged().handovers:
            raise self._duplicate(f"{handover.serial} {handover.step} is already recorded")
        self._mine.handovers[key] = handover

    def proposals(self, election_id: str) -> tuple[BuildProposal, ...]:
        found = [p for (e, _, _), p in self._merged().proposals.items() if e == election_id]
        return tuple(sorted(found, key=lambda p: (p.at, p.build, p.action.value)))

    def propose(self, election_id: str, proposal: BuildProposal) -> None:
        self._known(election_id)
        key = (election_id, proposal.build, proposal.action.value)
        if key in self._merged().proposals:
            raise self._duplicate(f"{proposal.action} {proposal.build} is already proposed")
        self._mine.proposals[key] = proposal

    def sign(
        self,
        election_id: str,
        build: str,
        action: BuildAction,
        signatures: tuple[OfficialSignature, ...],
    ) -> None:
        key = (election_id, build, action.value)
        held = self._merged().proposals.get(key)
        if held is not None:
            self._mine.proposals[key] = dataclasses.replace(held, signatures=signatures)

    def commit(self) -> None:
        t, m = self._tables, self._mine
        t.decisions.update(m.decisions)
        t.attested.update(m.attested)
        t.handovers.update(m.handovers)
        t.proposals.update(m.proposals)
        self.discard()

    def discard(self) -> None:
        self._mine = FleetTables()

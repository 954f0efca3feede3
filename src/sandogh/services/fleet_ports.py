"""The port of the fleet's records (issue 12; `core.fleet`): approved builds, the build each box
last attested, and the hand-overs of its shipping. Adapters: `store.fleet`, `services.memory_fleet`
(tests/services/test_fleet.py runs the use cases on the fake)."""

from __future__ import annotations

import datetime
from typing import Protocol

from sandogh.core.anchor import OfficialSignature
from sandogh.core.fleet import BuildDecision, Handover
from sandogh.core.fleet.build_signatures import BuildAction, BuildProposal


class FleetRepository(Protocol):
    def decisions(self, election_id: str) -> tuple[BuildDecision, ...]:
        """Every build decision of the election day, in order of approval."""

    def approve(self, election_id: str, decision: BuildDecision) -> None:
        """Store a new decision; the caller has checked its build is not stored."""

    def revoke(self, election_id: str, build: str, by: str, at: datetime.datetime) -> None:
        """Mark a stored decision revoked; the caller has checked it is in force."""

    def attest(self, election_id: str, public_key: str, build: str, at: datetime.datetime) -> None:
        """Keep `build` as the last one the box of `public_key` attested."""

    def attested(self, election_id: str) -> dict[str, str]:
        """The build each box last attested, by public key (64 hex digits)."""

    def handovers(self, election_id: str) -> tuple[Handover, ...]:
        """Every hand-over of the day, by box serial, each box's in order."""

    def hand_over(self, election_id: str, handover: Handover) -> None:
        """Store one hand-over; the caller has checked it comes next."""

    def proposals(self, election_id: str) -> tuple[BuildProposal, ...]:
        """Every build decision proposed for k officials to sign (review S19 F7), in order of
        proposal, with the signatures gathered so far."""

    def propose(self, election_id: str, proposal: BuildProposal) -> None:
        """Store a new proposal; the caller has checked none of its build and action is."""

    def sign(
        self,
        election_id: str,
        build: str,
        action: BuildAction,
        signatures: tuple[OfficialSignature, ...],
    ) -> None:
        """Keep `signatures` as the proposal's: the caller has checked each, and merged them."""

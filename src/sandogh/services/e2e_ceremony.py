"""Loading an election's E2E ceremony record into the centre (issue 10; docs/e2e.md §4, §5).

The guardians' `finish` writes the ceremony record (every guardian's commitments and proofs, the
joint key K and the extended base hash HE). The centre takes it once per election, checked
(`ceremony_record.decode_record` recomputes every hash, key and proof) and of the election's
stored definition; from then on every box enrolled for an electronic station of the election
receives the E2E context (K, HE) in its enrolment document and encrypts its ballots, and every
chain a box sends is checked against it (`services.chains`). A semi-electronic or paper station's
box is sent none: its ballots are on paper (`core.supervision.modes.encrypts`). A record is
never replaced: boxes hold its key.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from sandogh.core.e2e.ceremony_record import CeremonyRecord, decode_record
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.days import day_of
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.ports import StoredCeremony


class CeremonyRefusal(StrEnum):
    MALFORMED = "malformed"  # not a ceremony record, or one whose hash, key or proof fails
    OTHER_ELECTION = "other-election"  # of another election or definition
    LOADED = "loaded"  # the election has another ceremony record


class CeremonyLoadError(SandoghError):
    def __init__(self, reason: CeremonyRefusal, message: str) -> None:
        self.reason = reason
        super().__init__(f"ceremony record refused ({reason}): {message}")


def load_ceremony(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    record: bytes,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> StoredCeremony:
    """Store the ceremony record `record` of `election_id`; the same record again changes
    nothing."""
    try:
        decoded: CeremonyRecord = decode_record(RISTRETTO255, record, "the ceremony record")
    except GuardianFileError as error:
        raise CeremonyLoadError(CeremonyRefusal.MALFORMED, str(error)) from error
    stored = StoredCeremony(
        election_id, record, decoded.joint_key.hex(), decoded.extended_hash.hex(), now
    )
    with uow() as work:
        day = day_of(work, election_id)
        plan = decoded.plan
        if plan.election != election_id or plan.definition_hash != day.definition_hash:
            raise CeremonyLoadError(
                CeremonyRefusal.OTHER_ELECTION,
                f"the record is of {plan.election} ({plan.definition_hash}), not of "
                f"{election_id} ({day.definition_hash})",
            )
        held = work.e2e.ceremony(election_id)
        if held is not None:
            if held.record == record:
                return held
            raise CeremonyLoadError(
                CeremonyRefusal.LOADED, f"{election_id} has another ceremony record"
            )
        work.e2e.add_ceremony(stored)
        work.events.record(
            Event(
                time=now,
                actor=actor,
                role=SYSTEM,
                place=day.geography.top_down[0],
                type=EventType.E2E_CEREMONY_LOADED,
                disposition=Disposition.DONE,
                details={
                    "election": election_id,
                    "joint_key": stored.joint_key,
                    "extended_hash": stored.extended_hash,
                },
            )
        )
        work.commit()
    return stored

"""Voids and certifications as results read them: each with the log entry that recorded it.

Issue 9, section 3: a void or certification that has no log entry is refused at read time. Every
reader of results (`services.results.tally`, and so the publisher's totals and
`supervision.json`) takes them from here; a row the log does not record (written into the
database by hand) raises `UnrecordedDecisionError`, naming the row and why, rather than being
believed. The matching itself is `core.supervision.recorded`.
"""

from __future__ import annotations

from sandogh.core.errors import SandoghError
from sandogh.core.supervision import Certification
from sandogh.core.supervision.recorded import certification_unrecorded, void_unrecorded
from sandogh.services.ports import UnitOfWork, VoidRecord


class UnrecordedDecisionError(SandoghError):
    """A stored void or certification that no event-log entry records: refused."""

    def __init__(self, what: str, number: int, why: str) -> None:
        self.what = what  # "void" or "certification"
        self.number = number  # the row's number in the store
        self.why = why
        super().__init__(f"{what} {number} is not in the event log: {why}")


def recorded_voids(work: UnitOfWork, election: str) -> list[VoidRecord]:
    """Every void of the election, each checked against the log entry it names."""
    records = work.voids.all(election)
    entries = work.events.at([r.logged.sequence for r in records if r.logged is not None])
    for record in records:
        entry = None if record.logged is None else entries.get(record.logged.sequence)
        why = void_unrecorded(
            record.logged,
            entry,
            election=election,
            number=record.id,
            void=record.void,
            by=record.by,
            at=record.at,
        )
        if why is not None:
            raise UnrecordedDecisionError("void", record.id, why)
    return records


def recorded_certifications(work: UnitOfWork, election: str) -> list[Certification]:
    """The certifications in force, each checked against the log entry it names."""
    records = work.certifications.records_in_force(election)
    entries = work.events.at([r.logged.sequence for r in records if r.logged is not None])
    for record in records:
        entry = None if record.logged is None else entries.get(record.logged.sequence)
        why = certification_unrecorded(record.logged, entry, record.certification)
        if why is not None:
            raise UnrecordedDecisionError("certification", record.id, why)
    return [record.certification for record in records]

"""The in-memory `CandidacyRepository` of `services.memory` and a fake of the four authorities,
kept to the contract of the SQL store (`store.candidacy`) and of the file adapter
(`registry.inquiries`); tests/services/test_candidacy.py runs on both stores."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sandogh.services.candidacy_ports import (
    InquiryReply,
    InquiryRequest,
    StoredCalendar,
    StoredStep,
)


@dataclass
class CandidacyTables:
    calendars: dict[str, StoredCalendar] = field(default_factory=dict)
    steps: dict[tuple[str, int], StoredStep] = field(default_factory=dict)


class MemoryCandidacy:
    def __init__(
        self,
        tables: CandidacyTables,
        lock: threading.Lock,
        *,
        duplicate: type[Exception],
        hash_of: Callable[[str], str | None],
    ) -> None:
        self._tables = tables
        self._hash_of = hash_of  # the stored definition's hash, as `ElectionRepository.hash_of`
        self._lock = lock
        self._duplicate = duplicate
        self._mine = CandidacyTables()

    def _merged(self) -> CandidacyTables:
        with self._lock:
            t = self._tables
            return CandidacyTables(
                {**t.calendars, **self._mine.calendars}, {**t.steps, **self._mine.steps}
            )

    def calendar(self, election_id: str) -> StoredCalendar | None:
        return self._merged().calendars.get(election_id)

    def versions(self, election_id: str) -> tuple[str, str | None] | None:
        definition_hash = self._hash_of(election_id)
        if definition_hash is None:
            return None
        stored = self.calendar(election_id)
        return definition_hash, None if stored is None else stored.hash

    def put_calendar(self, election_id: str, stored: StoredCalendar) -> None:
        self._mine.calendars[election_id] = stored

    def steps(self, election_id: str) -> list[StoredStep]:
        steps = self._merged().steps
        return [steps[k] for k in sorted(steps) if k[0] == election_id]

    def add(self, step: StoredStep) -> None:
        if (step.election, step.number) in self._merged().steps:
            raise self._duplicate(f"step {step.number} of {step.election} is already stored")
        if step.answer_id is not None and self.has_answer(step.election, step.answer_id):
            raise self._duplicate(f"answer {step.answer_id} is already stored")
        self._mine.steps[(step.election, step.number)] = step

    def has_answer(self, election_id: str, answer_id: str) -> bool:
        return any(
            s.answer_id == answer_id for s in self.steps(election_id) if s.answer_id is not None
        )

    def commit(self) -> None:
        self._tables.calendars.update(self._mine.calendars)
        self._tables.steps.update(self._mine.steps)
        self.discard()

    def discard(self) -> None:
        self._mine = CandidacyTables()


class FakeAuthorities:
    """The four authorities in memory: `answer` stands for an authority answering."""

    def __init__(self) -> None:
        self.asked: dict[tuple[str, int, str], InquiryRequest] = {}
        self._offered: dict[tuple[str, str], InquiryReply] = {}  # by authority and id

    def ask(self, request: InquiryRequest) -> None:
        self.asked[(request.election, request.applicant, request.authority.value)] = request

    def answer(self, reply: InquiryReply) -> None:
        self._offered[(reply.authority.value, reply.id)] = reply

    def replies(self) -> list[InquiryReply]:
        return list(self._offered.values())

    def acknowledge(self, reply: InquiryReply) -> None:
        self._offered.pop((reply.authority.value, reply.id), None)

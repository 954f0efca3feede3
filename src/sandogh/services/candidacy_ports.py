"""The ports of candidacy (`services.candidacy`): where its steps are stored, and the four
authorities asked about each applicant (issue 12, section 1).

A step is stored once, in the order recorded, never changed (`core.candidacy.records`), naming the
event-log entry that recorded it. An authority's answer is stored under the authority's own id,
once: the unique key decides when an answer is offered twice (a collection that stopped between
storing an answer and acknowledging it offers it again, and it is then only acknowledged).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.candidacy.process import Authority
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Checkpoint


@dataclass(frozen=True)
class StoredCalendar:
    calendar: Calendar
    canonical: bytes
    hash: str
    stored_at: datetime.datetime


@dataclass(frozen=True)
class StoredStep:
    """One recorded step: `number` its place in the election's order, from 1."""

    election: str
    number: int
    kind: str
    data: Mapping[str, JSONValue]
    at: datetime.datetime
    by: str
    logged: Checkpoint
    answer_id: str | None = None  # an authority's answer: its id, unique in the election


class CandidacyRepository(Protocol):
    def calendar(self, election_id: str) -> StoredCalendar | None: ...

    def versions(self, election_id: str) -> tuple[str, str | None] | None:
        """The stored definition hash and calendar hash (None: no calendar) in one read, what a
        check-in asks; None when the election is not stored."""

    def put_calendar(self, election_id: str, stored: StoredCalendar) -> None:
        """Store the calendar, replacing the one stored (each version is in the event log)."""

    def steps(self, election_id: str) -> list[StoredStep]:
        """By number."""

    def add(self, step: StoredStep) -> None:
        """Store a step; a taken number, or an answer id already stored, raises the store's
        duplicate error."""

    def has_answer(self, election_id: str, answer_id: str) -> bool: ...


@dataclass(frozen=True)
class InquiryRequest:
    """What an authority is asked: about whom, for which election."""

    election: str
    applicant: int
    authority: Authority
    national_code: str
    name_fa: str
    name_en: str
    birth_date: datetime.date


@dataclass(frozen=True)
class InquiryReply:
    """An authority's answer as it arrives: `id` its own reference, unique per authority."""

    id: str
    election: str
    applicant: int
    authority: Authority
    clear: bool
    reason: str
    answered_on: datetime.date


class Authorities(Protocol):
    """The four authorities (civil registry, police, judiciary, intelligence): asked, they
    answer later; an answer stays on offer until it is acknowledged."""

    def ask(self, request: InquiryRequest) -> None:
        """Send the request; sending the same request again is harmless."""

    def replies(self) -> list[InquiryReply]:
        """The answers not yet acknowledged."""

    def acknowledge(self, reply: InquiryReply) -> None:
        """Take `reply` off offer, once it is stored."""

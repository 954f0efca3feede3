"""The ports of the stages before polling day (issue 12): the readiness registers and each
station's staff, training, plans and past problems (`core.readiness`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from sandogh.core.readiness import (
    Box,
    PaperStock,
    PastProblem,
    Registers,
    RemotePlan,
    Session,
    Worker,
)


class ReadinessRepository(Protocol):
    """The readiness registers (`core.readiness`): the fleet, ballot papers, staff."""

    def registers(self, election_id: str) -> Registers:
        """Every row of the election's registers, each register by key."""

    def papers(self, election_id: str, station: str) -> PaperStock | None:
        """The papers register's row of `station`, if it has one."""

    def papers_of(self, election_id: str, stations: Collection[str]) -> Mapping[str, PaperStock]:
        """The papers register's rows of `stations`, by station, in one read."""

    def fleet(self, election_id: str) -> tuple[Box, ...]:
        """The fleet register's rows, by serial: what `registers` holds of it, read alone (each
        box enrolled reads it; the other registers are a row or more per station)."""

    def write(self, election_id: str, *, remove: Registers, add: Registers) -> None:
        """Delete the stored rows with the keys of `remove`'s rows, then store `add`'s; callers
        check first that no key of `add` is left stored."""


class PreparationRepository(Protocol):
    """Each station's staff by name, their training sessions and briefings, the hard-to-reach
    stations' plans (per election), and the stations' past problems (across elections)."""

    def workers(self, election_id: str) -> list[Worker]:
        """The election's roster, by station, role and person."""

    def put_worker(self, election_id: str, worker: Worker) -> Worker | None:
        """Store `worker` in place of the person's stored row; returns the row it replaced."""

    def sessions(self, election_id: str) -> list[Session]:
        """The election's sessions, by number."""

    def add_session(self, election_id: str, session: Session) -> None:
        """Store a new session with its attendance; its number must be new."""

    def plans(self, election_id: str) -> list[RemotePlan]:
        """The election's hard-to-reach plans, by station."""

    def put_plan(self, election_id: str, plan: RemotePlan) -> RemotePlan | None:
        """Store `plan` in place of the station's; returns the plan it replaced."""

    def past(self, stations: Collection[str]) -> list[PastProblem]:
        """The past problems of `stations`, by station and number."""

    def add_past(self, problem: PastProblem) -> None:
        """Store a problem; its number must be new for its station."""

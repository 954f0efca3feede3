"""The in-memory `PreparationRepository` of `services.memory`, kept to the contract of the SQL
store (`store.preparation`; tests/services/test_preparation.py runs on both). Like the rest of
the fake, a unit of work's writes are its own until `commit()`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from sandogh.core.readiness import PastProblem, RemotePlan, Session, Worker


@dataclass
class PreparationTables:
    """What is committed; one per `MemoryStore`."""

    workers: dict[tuple[str, str], Worker] = field(default_factory=dict)
    sessions: dict[tuple[str, int], Session] = field(default_factory=dict)
    plans: dict[tuple[str, str], RemotePlan] = field(default_factory=dict)
    past: dict[tuple[str, int], PastProblem] = field(default_factory=dict)


class MemoryPreparation:
    def __init__(
        self,
        tables: PreparationTables,
        lock: threading.Lock,
        check_station: Callable[[str, str], None],
        *,
        duplicate: type[Exception],
        refused: type[Exception],
    ) -> None:
        self._tables = tables
        self._lock = lock
        self._check_station = check_station
        self._duplicate = duplicate
        self._refused = refused
        self._mine = PreparationTables()

    def _merged(self) -> PreparationTables:
        with self._lock:
            t, m = self._tables, self._mine
            return PreparationTables(
                {**t.workers, **m.workers},
                {**t.sessions, **m.sessions},
                {**t.plans, **m.plans},
                {**t.past, **m.past},
            )

    def workers(self, election_id: str) -> list[Worker]:
        found = [w for (e, _), w in self._merged().workers.items() if e == election_id]
        return sorted(found, key=lambda w: (w.station, w.role.value, w.person))

    def put_worker(self, election_id: str, worker: Worker) -> Worker | None:
        self._check_station(election_id, worker.station)
        key = (election_id, worker.person)
        old = self._merged().workers.get(key)
        self._mine.workers[key] = worker
        return old

    def sessions(self, election_id: str) -> list[Session]:
        found = self._merged().sessions
        return [found[k] for k in sorted(found) if k[0] == election_id]

    def add_session(self, election_id: str, session: Session) -> None:
        merged = self._merged()
        if (election_id, session.number) in merged.sessions:
            raise self._duplicate(f"session {session.number} of {election_id} is already stored")
        missing = [p for p in session.attendees if (election_id, p) not in merged.workers]
        if missing:
            raise self._refused(f"not on the roster of {election_id}: {missing}")
        self._mine.sessions[election_id, session.number] = session

    def plans(self, election_id: str) -> list[RemotePlan]:
        found = self._merged().plans
        return [found[k] for k in sorted(found) if k[0] == election_id]

    def put_plan(self, election_id: str, plan: RemotePlan) -> RemotePlan | None:
        self._check_station(election_id, plan.station)
        key = (election_id, plan.station)
        old = self._merged().plans.get(key)
        self._mine.plans[key] = plan
        return old

    def past(self, stations: Collection[str]) -> list[PastProblem]:
        found = self._merged().past
        return [found[k] for k in sorted(found) if k[0] in stations]

    def add_past(self, problem: PastProblem) -> None:
        key = (problem.station, problem.number)
        if key in self._merged().past:
            raise self._duplicate(f"problem {problem.number} of {problem.station} is stored")
        self._mine.past[key] = problem

    def commit(self) -> None:
        t, m = self._tables, self._mine
        t.workers.update(m.workers)
        t.sessions.update(m.sessions)
        t.plans.update(m.plans)
        t.past.update(m.past)
        self.discard()

    def discard(self) -> None:
        self._mine = PreparationTables()

"""Group commit: the check-ins one server process takes at about the same moment go to the
database in one transaction (issue 14, "Check-in at the pace of the database").

A check-in alone is one transaction, and on a durable database the commit (SQLite's fsync in WAL
with synchronous FULL, PostgreSQL's WAL flush) is most of its time; the writers of one SQLite
file also take turns on its lock. So each process has one writer thread: a check-in asked while
a transaction is committing waits for it, and the next transaction takes every check-in then
waiting, up to `MAX_GROUP` — under light load a group is one check-in and nothing waits longer
than alone; under load the commits are shared. The wait is bounded by one transaction, and the
waiting check-ins by the process's open connections (`ListenSettings.max_connections`, one
request each at a time).

Every rule is that of a check-in alone (`services.check_in_batches.check_in_within`): the box and
the station read in the group's own transaction (so a revocation that committed before it holds
for every check-in of it, in every process), the ledger's unique key deciding exactly once —
between two check-ins of one voter in one group as between groups — and a check-in that cannot
happen rolling the group back. Each is answered only once the transaction that holds it has
committed. A group whose transaction fails, and so stored nothing (a check-in that cannot happen,
an unknown election, a deadlock between two processes' groups on PostgreSQL, the database gone),
is taken again one check-in a transaction, so that each gets its own answer. The check-ins of a
group are written in the order of their national codes, so that two processes' groups meet on the
ledger's rows in the same order and do not deadlock.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sandogh.server.centre import Centre
from sandogh.services.check_in_batches import CheckInOutcome, check_in_many, check_in_within
from sandogh.services.checkin import Asked, Checker
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.errors import ElectionNotFoundError

#: The most check-ins one transaction holds: a group a few milliseconds long at most.
MAX_GROUP = 64

#: What a check-in came to: its outcome, or the error that left it unanswered (answered 5xx).
GroupOutcome = CheckInOutcome | ElectionNotFoundError | Exception


#: A waiting check-in's future and what to settle it with.
_Answer = tuple[asyncio.Future[GroupOutcome], GroupOutcome]


@dataclass(frozen=True)
class _Waiting:
    asked: Asked
    answer: asyncio.Future[GroupOutcome]
    loop: asyncio.AbstractEventLoop


class CheckInGroups:
    """The group commit of one server process: `take` from its event loop, `stop` at the end.
    Each group is checked with the centre `centre` gives when it begins (the app's)."""

    def __init__(self, centre: Callable[[], Centre]) -> None:
        self._centre = centre
        self._waiting: list[_Waiting] = []
        self._more = threading.Condition()
        self._writer: threading.Thread | None = None
        self._stopping = False

    async def take(self, asked: Asked) -> GroupOutcome:
        """What the check-in `asked` came to, once the transaction holding it has committed."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[GroupOutcome] = loop.create_future()
        with self._more:
            if self._stopping:
                raise RuntimeError("the centre is stopping")
            if self._writer is None:  # started by the first check-in: an app may have no lifespan
                self._writer = threading.Thread(
                    target=self._write, name="check-in groups", daemon=True
                )
                self._writer.start()
            self._waiting.append(_Waiting(asked, answer, loop))
            self._more.notify()
        return await answer

    def stop(self) -> None:
        """Answer the check-ins waiting, then end the writer."""
        with self._more:
            self._stopping = True
            self._more.notify()
            writer = self._writer
        if writer is not None:
            writer.join()

    def _write(self) -> None:
        while True:
            with self._more:
                while not self._waiting and not self._stopping:
                    self._more.wait()
                if not self._waiting:
                    return
                group = self._waiting[:MAX_GROUP]
                del self._waiting[:MAX_GROUP]
            centre = self._centre()
            checker = Checker(
                centre.registry, centre.ledger_secret, centre.new_token, centre.check_in_limits
            )
            outcomes = commit_group(centre.uow, [each.asked for each in group], checker)
            # one hand-over to each event loop for the whole group: a wake-up of the loop (and a
            # turn of the interpreter's lock between the threads) for each check-in was much of
            # a check-in's CPU beyond its own work (issue 14)
            answers: dict[asyncio.AbstractEventLoop, list[_Answer]] = {}
            for each, outcome in zip(group, outcomes, strict=True):
                answers.setdefault(each.loop, []).append((each.answer, outcome))
            for loop, settled in answers.items():
                loop.call_soon_threadsafe(_settle, settled)


def commit_group(
    uow: UnitOfWorkFactory, asked: Sequence[Asked], checker: Checker
) -> list[GroupOutcome]:
    """What each of `asked` came to, in order: all in one transaction, or else each alone."""
    order = sorted(range(len(asked)), key=lambda n: asked[n].national_code)
    try:
        with uow() as work:
            done = check_in_within(work, [asked[n] for n in order], checker)
            work.commit()
    except Exception:  # rolled back, nothing of it stored: each is taken again alone
        return [_alone(uow, each, checker) for each in asked]
    outcomes: list[GroupOutcome] = list(done)
    for place, n in enumerate(order):
        outcomes[n] = done[place]
    return outcomes


def _alone(uow: UnitOfWorkFactory, asked: Asked, checker: Checker) -> GroupOutcome:
    try:
        return check_in_many(uow, [asked], checker)[0]
    except Exception as error:  # the waiting request answers it (answer_to)
        return error


def _settle(settled: list[_Answer]) -> None:
    for answer, outcome in settled:
        if not answer.done():  # the caller may have gone (its request cancelled)
            answer.set_result(outcome)

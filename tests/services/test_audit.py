"""Taking checkpoints of the event log: none of an empty log, one when due by the cadence or when
the head moved since the last; the stored log held to them."""

from __future__ import annotations

import datetime

from sandogh.core.log import Cadence, Disposition, Event, EventType, checkpoint_verifies
from sandogh.core.report import SigningKey
from sandogh.services.audit import checkpoints, take_checkpoint, verify_against
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork

KEY = SigningKey.from_seed(bytes(range(32)))
AT = datetime.datetime(2024, 7, 5, 5, 0, tzinfo=datetime.UTC)


def _record(store: MemoryStore, events: int) -> None:
    with MemoryUnitOfWork(store) as work:
        for _ in range(events):
            work.events.record(
                Event(AT, "system", "system", "IR", EventType.LOGIN_FAILED, Disposition.DENIED, {})
            )
        work.commit()


def test_checkpoints_are_taken_when_due_and_hold_the_log() -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    cadence = Cadence(entries=5, minutes=10)
    assert take_checkpoint(uow, KEY, now=AT) is None  # an empty log
    _record(store, 1)
    first = take_checkpoint(uow, KEY, now=AT, cadence=cadence)
    assert first is not None
    assert first.sequence == 1
    assert take_checkpoint(uow, KEY, now=AT) is None  # a publication: the head has not moved
    _record(store, 2)
    assert take_checkpoint(uow, KEY, now=AT, cadence=cadence) is None  # 2 of 5 entries
    later = take_checkpoint(uow, KEY, now=AT + datetime.timedelta(minutes=10), cadence=cadence)
    assert later is not None
    assert later.sequence == 3
    assert checkpoints(uow) == [first, later]
    assert all(checkpoint_verifies(KEY.public_key, c) for c in checkpoints(uow))
    assert verify_against(uow, checkpoints(uow), KEY.public_key).ok

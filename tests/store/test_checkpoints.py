"""The checkpoint repository's contract, on the in-memory fake, SQLite and PostgreSQL: signed
checkpoints come back as taken, in the order taken, and a rolled-back one is not kept."""

from __future__ import annotations

import datetime

from sandogh.core.log import Disposition, Event, EventType, chain, sign_checkpoint
from sandogh.core.report import SigningKey

from .contract import NewUnitOfWork

KEY = SigningKey.from_seed(bytes(range(32)))
AT = datetime.datetime(2024, 7, 5, 4, 30, 0, 123456, tzinfo=datetime.UTC)
EVENT = Event(AT, "system", "system", "IR", EventType.DEFINITION_LOADED, Disposition.DONE, {})


def test_checkpoints_come_back_in_the_order_taken(new_unit_of_work: NewUnitOfWork) -> None:
    first = chain(None, EVENT)
    taken = [
        sign_checkpoint(KEY, first, AT),
        sign_checkpoint(KEY, chain(first, EVENT), AT + datetime.timedelta(minutes=5)),
    ]
    with new_unit_of_work() as uow:
        assert uow.checkpoints.last() is None
        for checkpoint in taken:
            uow.checkpoints.add(checkpoint)
        uow.commit()
    with new_unit_of_work() as uow:
        uow.checkpoints.add(taken[0])  # rolled back
    with new_unit_of_work() as uow:
        assert uow.checkpoints.all() == taken
        assert uow.checkpoints.last() == taken[-1]

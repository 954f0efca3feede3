"""The centre signs checkpoints of the event log while it serves (issue 9, section 3).

Every `check_seconds` it asks whether a checkpoint is due by its cadence (`core.log.checkpoints`:
so many entries, or so many minutes while entries arrive) and, if so, signs the log's head with
the centre's log key and stores it (`services.audit.take_checkpoint`); every snapshot publishes
the checkpoints stored. The store is asked in a worker thread, off the event loop. With several
server processes each asks; two may sign the same head, which is harmless.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import SQLAlchemyError

from sandogh.core.log import Cadence
from sandogh.core.report import SigningKey
from sandogh.server.centre import Centre
from sandogh.server.settings import LogCheckpointSettings
from sandogh.services.audit import take_checkpoint

_log = logging.getLogger(__name__)


# how long to wait before asking a busy store again (SQLite's busy timeout waits on top of it)
RETRY_SECONDS = 1.0


async def sign_checkpoints(centre: Centre, key: SigningKey, every: LogCheckpointSettings) -> None:
    """Take checkpoints at the cadence of `every` until cancelled."""
    cadence = Cadence(entries=every.entries, minutes=every.minutes)
    busy = False
    while True:
        await asyncio.sleep(
            min(every.check_seconds, RETRY_SECONDS) if busy else every.check_seconds
        )
        try:
            await asyncio.to_thread(
                take_checkpoint, centre.uow, key, now=centre.clock(), cadence=cadence
            )
        except SQLAlchemyError as error:
            if not busy:
                cause = str(getattr(error, "orig", None) or type(error).__name__)
                _log.warning(
                    "could not take a checkpoint of the event log (%s): trying again",
                    " ".join(cause.split()),
                )
            busy = True
        else:
            busy = False

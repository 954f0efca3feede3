"""Use cases over the record of events: prove the chain, export it for anyone to check, and
anchor its head with signed checkpoints (`core.log.checkpoints`; issue 9, section 3).

The centre takes a checkpoint at a cadence while entries arrive, and the publisher one at every
publication (`take_checkpoint`); both are stored, and every snapshot publishes them all. A stored
log is then held to the checkpoints a snapshot published (`verify_against`): a tail cut off, or an
entry deleted or rewritten and the rest re-hashed, disagrees with a checkpoint someone kept.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable

from sandogh.core.log import (
    Anchored,
    Cadence,
    Checkpoint,
    SignedCheckpoint,
    VerifyResult,
    checkpoint_due,
    entry_record,
    sign_checkpoint,
    verify,
    verify_anchored,
)
from sandogh.core.report import PublicKey, SigningKey
from sandogh.services.elections import UnitOfWorkFactory


def verify_log(uow: UnitOfWorkFactory, checkpoint: Checkpoint | None = None) -> VerifyResult:
    """Re-hash every stored entry in sequence and name the first one that is broken."""
    with uow() as work:
        return verify(work.events.entries(), *([] if checkpoint is None else [checkpoint]))


def verify_against(
    uow: UnitOfWorkFactory, checkpoints: Iterable[SignedCheckpoint], key: PublicKey
) -> Anchored:
    """Re-hash every stored entry and hold the log to every checkpoint `key` signed."""
    with uow() as work:
        return verify_anchored(work.events.entries(), checkpoints, key)


def export_log(uow: UnitOfWorkFactory, write: Callable[[str], object]) -> int:
    """Write every entry as one JSON line (the fields `core.log.chain` hashes, plus the hashes)."""
    count = 0
    with uow() as work:
        for entry in work.events.entries():
            write(json.dumps(entry_record(entry), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def take_checkpoint(
    uow: UnitOfWorkFactory,
    key: SigningKey,
    *,
    now: datetime.datetime,
    cadence: Cadence | None = None,
) -> SignedCheckpoint | None:
    """Sign the log's head at `now` and store the checkpoint: when `cadence` is given, only if
    one is due by it (the centre's); otherwise whenever the head has moved since the last (a
    publication's). None when none was taken."""
    with uow() as work:
        head = work.events.head()
        last = work.checkpoints.last()
        if head is None:
            return None
        if cadence is not None:
            due = checkpoint_due(cadence, last, head.sequence, now)
        else:
            due = last is None or last.sequence != head.sequence
        if not due:
            return None
        signed = sign_checkpoint(key, head, now)
        work.checkpoints.add(signed)
        work.commit()
        return signed


def checkpoints(uow: UnitOfWorkFactory) -> list[SignedCheckpoint]:
    """Every checkpoint taken, in the order taken."""
    with uow() as work:
        return work.checkpoints.all()

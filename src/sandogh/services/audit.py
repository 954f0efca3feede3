"""Use cases over the record of events: prove the chain, export it for anyone to check."""

from __future__ import annotations

import json
from collections.abc import Callable

from sandogh.core.log import Checkpoint, VerifyResult, entry_record, verify
from sandogh.services.elections import UnitOfWorkFactory


def verify_log(uow: UnitOfWorkFactory, checkpoint: Checkpoint | None = None) -> VerifyResult:
    """Re-hash every stored entry in sequence and name the first one that is broken."""
    with uow() as work:
        return verify(work.events.entries(), *([] if checkpoint is None else [checkpoint]))


def export_log(uow: UnitOfWorkFactory, write: Callable[[str], object]) -> int:
    """Write every entry as one JSON line (the fields `core.log.chain` hashes, plus the hashes)."""
    count = 0
    with uow() as work:
        for entry in work.events.entries():
            write(json.dumps(entry_record(entry), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count

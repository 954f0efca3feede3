"""What one publication of the snapshot did (`Regeneration`), and the event log's word on it.

Given the centre's log key, every publication (a regeneration, a catch-up, a poll or flush that
wrote something) takes a signed checkpoint of the event log's head, if it moved since the last
(`services.audit.take_checkpoint`), and writes every checkpoint taken, by the centre or here, to
`log/checkpoints.json`, the key's public half to `log/key.txt` (`publish.log_anchor`), and signs
`log/attestation.json`: the SHA-256 of every election's `supervision.json`, `builds.json` and
`candidacy.json` at the last checkpoint (`core.log.attestation`, `publish.log_anchor.ATTESTED`),
so that the decisions no box signs are the log key's word (`anchor_publication`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sandogh.core.log.attestation import attest
from sandogh.core.report import SigningKey
from sandogh.publish.log_anchor import attested_files, write_attestation, write_log_anchor
from sandogh.publish.writer import Writer
from sandogh.services.audit import checkpoints, take_checkpoint
from sandogh.services.elections import UnitOfWorkFactory


@dataclass
class Regeneration:
    """What one regeneration did: files written and left as they were, and by election the
    units whose pages changed (None: every unit)."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    units: dict[str, set[str] | None] = field(default_factory=dict)
    rendered: int | None = None  # pages the site rendered; None without the site module
    reading_log: float = 0.0  # seconds spent reading the event log (on the publisher's clock)
    #: CPU seconds spent rendering the site, its processes' included (the night's largest part)
    rendering: float = 0.0
    #: when the centre took each report a poll wrote out (the log's time): the publisher's lag
    arrived: list[datetime.datetime] = field(default_factory=list)


def anchor_publication(
    writer: Writer,
    root: Path,
    *,
    uow: UnitOfWorkFactory,
    reads: UnitOfWorkFactory,
    key: SigningKey,
    now: Callable[[], datetime.datetime],
) -> None:
    """Take the log's checkpoint and write every checkpoint, the key and the attestation of
    the snapshot under `root` (see the module docstring)."""
    take_checkpoint(uow, key, now=now())
    taken = checkpoints(reads)
    write_log_anchor(writer, taken, key.public_key)
    if taken:  # none before the log's first entry: nothing is decided yet
        files = attested_files(root)
        write_attestation(writer, attest(key, taken[-1], now(), files))

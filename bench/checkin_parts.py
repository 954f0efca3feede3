"""Where a check-in's CPU goes, part by part, for bench/checkin.py (issue 14).

Each part the centre does for a check-in is run here, in the bench's own process, on the same
database and with the same code as the server's: decoding the body (`server.check_in_route`), the
signature and its time (`server.auth.require_signed_fields`), the rules and the ledger's insert
in a group's transaction (`services.check_in_batches.check_in_within`), and that transaction's
commit, each timed in CPU seconds of this process (`time.process_time`: the commit's fsync is a
wait, not CPU, so its wall time is given beside). Whatever else the centre spent under the load —
HTTP, the event loop, the hand-over to the writer thread — is the load's CPU per check-in less
these parts.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from sandogh.server.auth import require_signed_fields
from sandogh.server.centre import open_centre
from sandogh.server.check_in_route import check_in_fields
from sandogh.server.settings import ServerSettings
from sandogh.services.check_in_batches import check_in_within
from sandogh.services.checkin import Asked, Checker
from sandogh.wire import api_paths


@dataclass(frozen=True)
class Parts:
    """CPU milliseconds per check-in of each part, over `check_ins` in groups of `group`."""

    check_ins: int
    group: int
    decode_ms: float
    signature_ms: float
    ledger_ms: float
    commit_ms: float
    commit_wall_ms: float  # per group: the wait for the disk

    def total_ms(self) -> float:
        return self.decode_ms + self.signature_ms + self.ledger_ms + self.commit_ms


def measure_parts(
    settings: ServerSettings, election: str, bodies: list[bytes], *, group: int
) -> Parts:
    """Each part of the check-ins of `bodies` (signed for `election` by enrolled boxes, of
    voters not yet checked in), taken in groups of `group` as the server would."""
    centre = open_centre(settings)
    path = api_paths.fill(api_paths.CHECK_INS, election_id=election)
    try:
        start = time.process_time()
        read = [check_in_fields(body) for body in bodies]
        decoded = time.process_time()
        fields = [f for f in read if f is not None]
        keys = [require_signed_fields(centre, "POST", path, dict(f)) for f in fields]
        signed = time.process_time()
        now = datetime.datetime.now(datetime.UTC)
        asked = [
            Asked(election, f["station"], key, f["national_code"], now)
            for f, key in zip(fields, keys, strict=True)
        ]
        checker = Checker(
            centre.registry, centre.ledger_secret, centre.new_token, centre.check_in_limits
        )
        ledger = commit = wall = 0.0
        for first in range(0, len(asked), group):
            with centre.uow() as work:
                before = time.process_time()
                check_in_within(work, asked[first : first + group], checker)
                written, moment = time.process_time(), time.perf_counter()
                work.commit()
                commit += time.process_time() - written
                wall += time.perf_counter() - moment
                ledger += written - before
    finally:
        centre.close()
    n, groups = len(bodies), -(-len(asked) // group)
    return Parts(
        check_ins=n,
        group=group,
        decode_ms=1000 * (decoded - start) / n,
        signature_ms=1000 * (signed - decoded) / n,
        ledger_ms=1000 * ledger / n,
        commit_ms=1000 * commit / n,
        commit_wall_ms=1000 * wall / groups,
    )

"""Per-account lockout with growing backoff, as a pure function of the failures and the time.

DESIGN.md §6 and the issue "Operations centre", item 2 ("per-account lockout with growing
backoff"), after NIST SP 800-63B §5.2.2 (rate limiting: lock out after a small number of
consecutive failures, with waits that grow) and OWASP's Authentication Cheat Sheet. With the
defaults the fifth consecutive failure locks the account for one minute; each failure after a lock
ends locks it again for twice as long, up to an hour; a success or an unlock by a higher grant
starts again from nothing. Attempts made while the account is locked are refused without being
counted, so that an attacker cannot stretch a lock without end, and get about 24 guesses a day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Lockout:
    """An account's consecutive failed log-ins, and until when it is locked (None: not locked)."""

    failures: int = 0
    locked_until: datetime.datetime | None = None

    def locked(self, at: datetime.datetime) -> bool:
        return self.locked_until is not None and at < self.locked_until


@dataclass(frozen=True)
class LockoutPolicy:
    threshold: int = 5
    first: datetime.timedelta = datetime.timedelta(minutes=1)
    cap: datetime.timedelta = datetime.timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.first <= datetime.timedelta(0) or self.cap < self.first:
            raise ValueError("a lockout needs a threshold ≥ 1 and 0 < first ≤ cap")

    def lock_for(self, failures: int) -> datetime.timedelta | None:
        """How long the `failures`-th consecutive failure locks the account, if at all."""
        if failures < self.threshold:
            return None
        doublings = failures - self.threshold
        # 2^k minutes pass the cap long before k is large; stop doubling there.
        if doublings >= (self.cap // self.first).bit_length():
            return self.cap
        lock: datetime.timedelta = self.first * 2**doublings
        return min(self.cap, lock)

    def after_failure(self, state: Lockout, at: datetime.datetime) -> Lockout:
        """The state after a failed log-in at `at`; a locked account's state does not change."""
        if state.locked(at):
            return state
        failures = state.failures + 1
        lock = self.lock_for(failures)
        return Lockout(failures, None if lock is None else at + lock)

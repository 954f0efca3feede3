"""Lockout with growing backoff, per account and origin network, as pure functions of the
failures and the time.

DESIGN.md §6 and the issue "Operations centre", item 2 ("per-account lockout with growing
backoff"), after NIST SP 800-63B §5.2.2 (rate limiting: lock out after a small number of
consecutive failures, with waits that grow) and OWASP's Authentication Cheat Sheet. With the
defaults the fifth consecutive failure locks for one minute; each failure after a lock ends locks
again for twice as long, up to an hour; a success or an unlock by a higher grant starts again from
nothing. Attempts made while locked are refused without being counted, so that an attacker cannot
stretch a lock without end, and get about 24 guesses a day.

Where a lock holds (issue 9, "lockout as a weapon"). A lock on the account alone lets anyone who
knows a username keep its operator out on election day with five wrong passwords: NIST SP 800-63B
§5.2.2 warns that rate limiting must not become a denial of service against the subscriber, and
OWASP's Authentication Cheat Sheet ("Account Lockout") that attackers lock accounts on purpose
and that lockout should key on more than the account. So each account keeps one `Lockout` per
origin network (an IPv4 /24 or IPv6 /64, `throttle.network_of`) and one for the account as a
whole, both fed by every counted failure:

- a network's lock refuses log-ins to that account from that network only, so guesses from
  elsewhere do not keep the operator out of their own office;
- the account-wide lock applies only while an attack on the account is in force: failures
  against it came from `spread` networks or more within `attack_lasts` (a guesser spreading
  over many networks, each staying under its own lock), raised as an alert to the HQ. Then every
  network is refused except one the operator has logged in from successfully before, where the
  full credentials (password, and the TOTP code of an account that has one) still open a
  session: the guesser, not on that network, gets no more tries than the account-wide backoff
  allows, and if the guesser is on that network its own lock there stops them.
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
class Standing:
    """What decides whether a log-in to an account from one network is refused as locked: the
    account-wide lockout, the network's own, whether the operator has logged in from that network
    before, and whether an attack on the account is in force."""

    account: Lockout
    network: Lockout
    known_network: bool
    attacked: bool

    def locked(self, at: datetime.datetime) -> bool:
        if self.network.locked(at):
            return True
        return self.attacked and self.account.locked(at) and not self.known_network


@dataclass(frozen=True)
class LockoutPolicy:
    threshold: int = 5
    first: datetime.timedelta = datetime.timedelta(minutes=1)
    cap: datetime.timedelta = datetime.timedelta(hours=1)
    spread: int = 3  # networks failing against one account that make an attack on it
    attack_lasts: datetime.timedelta = datetime.timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.first <= datetime.timedelta(0) or self.cap < self.first:
            raise ValueError("a lockout needs a threshold ≥ 1 and 0 < first ≤ cap")
        if self.spread < 2 or self.attack_lasts <= datetime.timedelta(0):
            raise ValueError("an attack needs a spread ≥ 2 networks and a positive duration")

    def attacked(self, account: Lockout, failing_networks: int, at: datetime.datetime) -> bool:
        """Whether failures against an account amount to an attack on it: its account-wide lock
        holds and `failing_networks` (those with failures within `attack_lasts`) reach `spread`."""
        return account.locked(at) and failing_networks >= self.spread

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

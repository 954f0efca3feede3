"""An account's lockouts as the store keeps them: one account-wide, one per origin network, and
the attack alert that makes the account-wide one apply (`core.access.lockout`, issue 9,
"lockout as a weapon").

`footing` reads what decides a log-in from one network; `count_failure_against` counts a failed
log-in on the account and its network, records the network's lock when one starts, and raises
an `ACCOUNT` alert (with its `ATTACK_SUSPECTED` event) when the failures, spread over networks,
amount to an attack on the account; `succeeded` clears the network's failures and marks it as
one the operator logs in from. Each runs inside the log-in's unit of work, the account's row
held, so that concurrent log-ins count one by one.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from sandogh.core.access import Lockout, LockoutPolicy, Standing
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.elections import SYSTEM
from sandogh.services.ports import (
    AccountNetwork,
    AlertKind,
    OperatorAccount,
    SecurityAlert,
    UnitOfWork,
)
from sandogh.services.throttle import Origin


@dataclass(frozen=True)
class Footing:
    """An account's standing on the network a log-in comes from, as read in its unit of work."""

    account: OperatorAccount
    network: AccountNetwork
    attacked: bool

    @property
    def standing(self) -> Standing:
        known = self.network.succeeded_at is not None
        return Standing(self.account.lockout, self.network.lockout, known, self.attacked)


def footing(
    work: UnitOfWork,
    account: OperatorAccount,
    origin: Origin,
    policy: LockoutPolicy,
    now: datetime.datetime,
) -> Footing:
    username = account.username
    network = work.operators.network(username, origin.network)
    alerts = work.operators.alerts(
        now - policy.attack_lasts, kind=AlertKind.ACCOUNT, subject=username
    )
    return Footing(
        account,
        network or AccountNetwork(username, origin.network),
        attacked=bool(alerts),
    )


def succeeded(work: UnitOfWork, found: Footing, now: datetime.datetime) -> Lockout:
    """Clear the network's failures and mark it as the operator's; the account-wide lockout
    returned (cleared too, unless an attack on the account is in force: one success on the
    operator's own network must not give the guessers elsewhere their tries back)."""
    network = dataclasses.replace(found.network, lockout=Lockout(), succeeded_at=now)
    work.operators.save_network(network)
    return found.account.lockout if found.attacked else Lockout()


def count_failure_against(
    work: UnitOfWork,
    found: Footing,
    policy: LockoutPolicy,
    origin: Origin,
    now: datetime.datetime,
) -> None:
    account = found.account
    network = policy.after_failure(found.network.lockout, now)
    work.operators.save_network(dataclasses.replace(found.network, lockout=network, failed_at=now))
    whole = policy.after_failure(account.lockout, now)
    work.operators.save(dataclasses.replace(account, lockout=whole))
    if (
        network.locked_until is not None
        and network.locked_until != found.network.lockout.locked_until
    ):
        details: dict[str, JSONValue] = {
            "failures": network.failures,
            "until": network.locked_until.isoformat(),
            "address": origin.address,
            "network": origin.network,
        }
        _record(work, account, EventType.ACCOUNT_LOCKED, account.username, details, now=now)
    if found.attacked:
        return
    spread = work.operators.failing_networks(account.username, now - policy.attack_lasts)
    if policy.attacked(whole, spread, now):
        assert whole.locked_until is not None  # an attack needs the account-wide lock
        alert = SecurityAlert(AlertKind.ACCOUNT, account.username, now, now, whole.failures)
        if work.operators.raise_alert(alert):
            details = {
                "kind": AlertKind.ACCOUNT.value,
                "subject": account.username,
                "failures": whole.failures,
                "networks": spread,
                "until": whole.locked_until.isoformat(),
            }
            _record(work, account, EventType.ATTACK_SUSPECTED, SYSTEM, details, now=now)


def _record(
    work: UnitOfWork,
    account: OperatorAccount,
    kind: EventType,
    actor: str,
    details: dict[str, JSONValue],
    *,
    now: datetime.datetime,
) -> None:
    # placed at the account's place, where its headquarters read the log
    role = account.grant.role.value if actor == account.username else SYSTEM
    event = Event(now, actor, role, account.grant.place, kind, Disposition.DONE, details)
    work.events.record(event)

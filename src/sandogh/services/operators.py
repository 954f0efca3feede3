"""Use cases over operators' accounts: add one, change its grant, disable it, unlock it, list them.

DESIGN.md §6 and the issue "Operations centre", items 1 and 2. Each use case is one unit of work
and records its event in the hash-chained log; a refusal for want of a right records
`ACCESS_DENIED` before it is raised ("every denial is logged"). Who may manage which account is
`core.access.may_administer`; the centre's own command line (`Actor.grant` None) may manage any,
as whoever runs it already holds the database. No event holds a password, a hash or a secret.
Log-ins and sessions are in `services.sessions`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.access import (
    ALLOWED,
    Action,
    Grant,
    Lockout,
    Places,
    may_administer,
    needs_second_factor,
)
from sandogh.core.canonical_json import JSONValue
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.credentials import PasswordHasher, SecondFactor
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.ports import OperatorAccount, UnitOfWork

#: Lower-case ASCII, 3 to 64 characters, starting with a letter: typed the same on any keyboard.
USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,63}")
MIN_PASSWORD = 12  # NIST SP 800-63B §5.1.1.2 asks at least 8; these accounts run an election
MAX_PASSWORD = 1024
MAX_DISPLAY_NAME = 200


class OperatorRefusal(StrEnum):
    BAD_USERNAME = "bad-username"
    BAD_DISPLAY_NAME = "bad-display-name"
    WEAK_PASSWORD = "weak-password"
    UNKNOWN_PLACE = "unknown-place"
    UNKNOWN_ACCOUNT = "unknown-account"
    USERNAME_TAKEN = "username-taken"
    NOT_ALLOWED = "not-allowed"
    DISABLED = "account-disabled"
    NOT_LOCKED = "not-locked"


class OperatorError(SandoghError):
    """A refused change to an account; `reason` says which refusal."""

    def __init__(self, reason: OperatorRefusal, message: str, **values: str | int) -> None:
        super().__init__(message)
        self.reason = reason
        # the command's line in its language (`locale.command_failures`, `operator-…`)
        self.said = (f"operator-{reason.value}", values)


@dataclass(frozen=True)
class Actor:
    """Who manages accounts: an operator by their grant, or the command line (`grant` None)."""

    name: str
    grant: Grant | None

    @property
    def role(self) -> str:
        return SYSTEM if self.grant is None else self.grant.role.value


@dataclass(frozen=True)
class AccountChange:
    """The account as stored after the change; `totp_uri` when a TOTP secret was just issued,
    to be shown to its operator once and never again."""

    account: OperatorAccount
    totp_uri: str | None = None


def add_user(
    uow: UnitOfWorkFactory,
    *,
    actor: Actor,
    username: str,
    display_name: str,
    grant: Grant,
    password: str,
    second_factor: bool,
    hasher: PasswordHasher,
    factor: SecondFactor,
    now: datetime.datetime,
) -> AccountChange:
    """Add an account. A privileged role always gets a TOTP secret; others when asked."""
    if not USERNAME.fullmatch(username):
        raise OperatorError(
            OperatorRefusal.BAD_USERNAME,
            f"{username!r}: a username is 3 to 64 of a-z 0-9 . _ -, starting with a letter",
            username=username,
        )
    name = display_name.strip()
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise OperatorError(
            OperatorRefusal.BAD_DISPLAY_NAME,
            f"a display name is 1 to {MAX_DISPLAY_NAME} characters",
            most=MAX_DISPLAY_NAME,
        )
    check_password(password)
    # the rights first, so that a refused request costs no hash (slow on purpose); the hash
    # outside any transaction; the rights again in the one that adds, as they may have changed
    with uow() as work:
        _Managing(work, actor, "add-user", username, now).authorise(grant)
    issued = factor.issue(username) if second_factor or needs_second_factor(grant.role) else None
    password_hash = hasher.hash(password)
    with uow() as work:
        managing = _Managing(work, actor, "add-user", username, now)
        managing.authorise(grant)
        if work.operators.get(username) is not None:
            raise OperatorError(
                OperatorRefusal.USERNAME_TAKEN,
                f"the username {username} is taken",
                username=username,
            )
        sealed = None if issued is None else issued[0]
        account = OperatorAccount(username, name, grant, password_hash, now, totp_sealed=sealed)
        work.operators.add(account)
        details: dict[str, JSONValue] = {
            "username": username,
            "role": grant.role.value,
            "place": grant.place,
            "second_factor": issued is not None,
        }
        if grant.body is not None:
            details["body"] = grant.body.value
        managing.record(EventType.USER_ADDED, grant.place, details)
        work.commit()
    return AccountChange(account, None if issued is None else issued[1])


def change_role(
    uow: UnitOfWorkFactory,
    *,
    actor: Actor,
    username: str,
    grant: Grant,
    factor: SecondFactor,
    now: datetime.datetime,
) -> AccountChange:
    """Give an account another role or place; the actor must be able to manage both the old
    grant and the new. Moving to a privileged role issues a TOTP secret if it had none."""
    with uow() as work:
        managing = _Managing(work, actor, "change-role", username, now)
        account = managing.account()
        managing.authorise(grant)
        sealed, uri = account.totp_sealed, None
        if sealed is None and needs_second_factor(grant.role):
            sealed, uri = factor.issue(username)
        changed = dataclasses.replace(account, grant=grant, totp_sealed=sealed)
        work.operators.save(changed)
        details: dict[str, JSONValue] = {
            "username": username,
            "from": {"role": account.grant.role.value, "place": account.grant.place},
            "to": {"role": grant.role.value, "place": grant.place},
        }
        managing.record(EventType.ROLE_CHANGED, grant.place, details)
        work.commit()
    return AccountChange(changed, uri)


def disable_user(
    uow: UnitOfWorkFactory, *, actor: Actor, username: str, now: datetime.datetime
) -> AccountChange:
    """Disable an account for good and end its sessions; it can log in no more."""
    with uow() as work:
        managing = _Managing(work, actor, "disable-user", username, now)
        account = managing.account()
        changed = dataclasses.replace(account, disabled=True)
        work.operators.save(changed)
        ended = work.operators.end_sessions(username)
        details: dict[str, JSONValue] = {"username": username, "sessions_ended": ended}
        managing.record(EventType.USER_DISABLED, account.grant.place, details)
        work.commit()
    return AccountChange(changed)


def unlock_user(
    uow: UnitOfWorkFactory, *, actor: Actor, username: str, now: datetime.datetime
) -> AccountChange:
    """Clear an account's failed log-ins and locks, on every network: by a grant that outranks
    it."""
    with uow() as work:
        managing = _Managing(work, actor, "unlock-user", username, now)
        account = managing.account()
        networks = work.operators.clear_networks(username)
        if account.lockout == Lockout() and not networks:
            raise OperatorError(
                OperatorRefusal.NOT_LOCKED, f"{username} has no failed log-ins", username=username
            )
        changed = dataclasses.replace(account, lockout=Lockout())
        work.operators.save(changed)
        details: dict[str, JSONValue] = {
            "username": username,
            "failures": account.lockout.failures,
            "was_locked": account.lockout.locked(now),
            "networks": networks,
        }
        managing.record(EventType.ACCOUNT_UNLOCKED, account.grant.place, details)
        work.commit()
    return AccountChange(changed)


def list_users(uow: UnitOfWorkFactory, *, under: str) -> list[OperatorAccount]:
    """The accounts whose place is `under` or below it (unknown places hold none), by username.
    Whether the caller may see them is the caller's check (`require` in the server)."""
    with uow() as work:
        places = Places.of(work.operators.unit_parents())
        accounts = work.operators.all()
    return [
        account
        for account in accounts
        if account.grant.place in places
        and (account.grant.place == under or under in places.ancestors(account.grant.place))
    ]


def check_password(password: str) -> None:
    """Refuse a password shorter than `MIN_PASSWORD` or longer than `MAX_PASSWORD` characters."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise OperatorError(
            OperatorRefusal.WEAK_PASSWORD,
            f"a password is {MIN_PASSWORD} to {MAX_PASSWORD} characters long",
            least=MIN_PASSWORD,
            most=MAX_PASSWORD,
        )


class _Managing:
    """One use case's unit of work, acting for `actor` on `username` (`action` names the use
    case in the events), with the places the stored days define."""

    def __init__(
        self, work: UnitOfWork, actor: Actor, action: str, username: str, now: datetime.datetime
    ) -> None:
        self.work = work
        self.actor = actor
        self.action = action
        self.username = username
        self.now = now
        self.places = Places.of(work.operators.unit_parents())

    def account(self) -> OperatorAccount:
        """The account to manage, once the actor is shown to manage accounts at all (so that no
        one else learns which usernames exist) and to be allowed to manage this one."""
        self.manager()
        account = self.work.operators.get_for_update(self.username)
        if account is None:
            raise OperatorError(
                OperatorRefusal.UNKNOWN_ACCOUNT,
                f"no account {self.username}",
                username=self.username,
            )
        self.authorise(account.grant)
        if account.disabled:
            raise OperatorError(
                OperatorRefusal.DISABLED, f"{self.username} is disabled", username=self.username
            )
        return account

    def authorise(self, grant: Grant) -> None:
        """Refuse unless the actor may give `grant` (`core.access.may_administer`)."""
        self.manager()
        if grant.place not in self.places:
            raise OperatorError(
                OperatorRefusal.UNKNOWN_PLACE,
                f"no stored election day has a unit {grant.place}: load its definition first",
                place=grant.place,
            )
        if self.actor.grant is not None and not may_administer(
            self.places, self.actor.grant, grant
        ):
            self._deny(grant.place)

    def manager(self) -> None:
        grant = self.actor.grant
        if grant is not None and Action.MANAGE_USERS not in ALLOWED[grant.role]:
            self._deny(grant.place)

    def record(
        self,
        kind: EventType,
        place: str,
        details: dict[str, JSONValue],
        disposition: Disposition = Disposition.DONE,
    ) -> None:
        actor = self.actor
        event = Event(self.now, actor.name, actor.role, place, kind, disposition, details)
        self.work.events.record(event)

    def _deny(self, place: str) -> None:
        details: dict[str, JSONValue] = {"action": self.action, "username": self.username}
        self.record(EventType.ACCESS_DENIED, place, details, Disposition.DENIED)
        self.work.commit()
        raise OperatorError(
            OperatorRefusal.NOT_ALLOWED,
            f"{self.actor.name} may not {self.action.replace('-', ' ')} {self.username}",
            actor=self.actor.name,
            username=self.username,
        )

"""The operators' TOTP secrets at rest: sealing those stored in clear, and checking, before the
centre or an account command works on a database, that none is left in clear and that its key
opens the sealed ones (issue 9, §4).

A migration cannot read the server key, so a secret stored in clear before secrets were sealed
stays so until `sandogh user seal-totp` seals it, once; until then the centre refuses to start,
naming that command, rather than let such an account log in without its code. A key that opens
none of the sealed secrets is not this centre's key: refused too, rather than every privileged
log-in failing as if the code were wrong. Sealing records `TOTP_SEALED` for each account; no
event holds a secret.
"""

from __future__ import annotations

import datetime

from sandogh.core.canonical_json import JSONValue
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.credentials import SecondFactor
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory

SEAL_COMMAND = "sandogh user seal-totp --server-key FILE"


class TotpAtRestError(SandoghError):
    """A database whose TOTP secrets the centre cannot use as they are."""


def seal_clear_secrets(
    uow: UnitOfWorkFactory, factor: SecondFactor, *, by: str, now: datetime.datetime
) -> list[str]:
    """Seal every TOTP secret stored in clear, for its account; the usernames sealed."""
    with uow() as work:
        clear = work.operators.clear_totp()
        for username, secret in sorted(clear.items()):
            work.operators.seal_totp(username, factor.seal(secret, username))
            account = work.operators.get(username)
            place = "" if account is None else account.grant.place
            details: dict[str, JSONValue] = {"username": username}
            work.events.record(
                Event(now, by, SYSTEM, place, EventType.TOTP_SEALED, Disposition.DONE, details)
            )
        work.commit()
    return sorted(clear)


def check_secrets(uow: UnitOfWorkFactory, factor: SecondFactor, *, key: str) -> None:
    """Refuse (`TotpAtRestError`) a database that holds a TOTP secret in clear, or whose sealed
    secrets none opens with `factor`'s key (`key` names it in the message)."""
    with uow() as work:
        clear = sorted(work.operators.clear_totp())
        accounts = work.operators.all()
    if clear:
        named = f"{', '.join(clear[:5])}{', …' if len(clear) > 5 else ''}"
        refused = TotpAtRestError(
            f"the TOTP secrets of {len(clear)} operators ({named}) are stored in clear: seal "
            f"them first with `{SEAL_COMMAND}`"
        )
        refused.said = (
            "totp-in-clear",
            {"count": len(clear), "accounts": named, "command": SEAL_COMMAND},
        )
        raise refused
    sealed = [(a.username, a.totp_sealed) for a in accounts if a.totp_sealed is not None]
    if sealed and not any(factor.opens(secret, username) for username, secret in sealed):
        refused = TotpAtRestError(
            f"the server key {key} opens none of the {len(sealed)} sealed TOTP secrets of this "
            "database: it is not this centre's key"
        )
        refused.said = ("totp-wrong-key", {"file": key, "count": len(sealed)})
        raise refused

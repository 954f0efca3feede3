"""Who may give, change, disable or unlock an operator's account, and who needs a second factor.

DESIGN.md §6 (roles scoped to places; a second factor for privileged roles) and the issue
"Operations centre", items 1 and 2: accounts are managed by the administrators and headquarters,
and a locked account is unlocked "by a higher role". Three conditions make one rule:

- the actor may `MANAGE_USERS` at the account's place (its grant covers it);
- the actor's grant outranks the account's (`roles.outranks`: from a place above, or from the
  same place with a higher rank), so no one manages a peer, a superior or themself;
- the account's role allows nothing the actor's role does not, so no one hands out rights they do
  not hold. This keeps the executive's headquarters from making or unmaking supervisors, who
  answer to the Guardian Council or the Majlis's boards, not to the executive
  (reference/iran-election-rules.md, "Who approves"): only an administrator manages supervisors
  and inspectors. The administrator holds no supervisory decision itself (`roles.SUPERVISORY`,
  review R4) nor any step of candidacy (`roles.ELECTORAL`, review S20 F1) but still gives and
  manages the supervisors' and the headquarters' accounts: handing a right to the electoral
  bodies' members is administering, not deciding.

Privileged roles — those that manage accounts, read the security record at large, or void and
certify results — must log in with a TOTP code (RFC 6238) besides their password: administrator,
national and provincial headquarters, and supervisor. Any other account may be given one.
"""

from __future__ import annotations

from sandogh.core.access.places import Tree
from sandogh.core.access.roles import (
    ALLOWED,
    ELECTORAL,
    SUPERVISORY,
    Action,
    Grant,
    Role,
    may,
    outranks,
)

#: Roles whose accounts must have a second factor (TOTP) and give a code at every log-in.
SECOND_FACTOR_ROLES = frozenset({Role.ADMIN, Role.NATIONAL_HQ, Role.PROVINCIAL_HQ, Role.SUPERVISOR})


def may_administer(places: Tree, actor: Grant, account: Grant) -> bool:
    """Whether `actor` may give `account` to an operator, or change, disable or unlock an account
    that holds it. Unknown place codes raise `KeyError`."""
    return (
        may(places, actor, Action.MANAGE_USERS, account.place)
        and outranks(places, actor, account)
        and ALLOWED[account.role] <= _handed_out_by(actor.role)
    )


def _handed_out_by(role: Role) -> frozenset[Action]:
    """The rights `role` may give: its own, and the supervisory and electoral ones (candidacy) for
    an administrator."""
    return ALLOWED[role] | SUPERVISORY | ELECTORAL if role is Role.ADMIN else ALLOWED[role]


def needs_second_factor(role: Role) -> bool:
    return role in SECOND_FACTOR_ROLES

"""Who may do what, and where: operators' roles, each scoped to a place in the geography, and the
defences of their log-in (lockout, throttling)."""

from sandogh.core.access.accounts import SECOND_FACTOR_ROLES, may_administer, needs_second_factor
from sandogh.core.access.bodies import COMPETENT, DEFAULT_BODY, Body, acting_body, competent_for
from sandogh.core.access.lockout import Lockout, LockoutPolicy, Standing
from sandogh.core.access.places import Places, Tree
from sandogh.core.access.roles import (
    ALLOWED,
    ELECTORAL,
    SUPERVISORY,
    Action,
    Grant,
    Role,
    covers,
    may,
    may_undo_certification,
    outranks,
)
from sandogh.core.access.throttle import (
    ThrottlePolicy,
    Window,
    canonical_address,
    network_of,
)

__all__ = [
    "ALLOWED",
    "COMPETENT",
    "DEFAULT_BODY",
    "ELECTORAL",
    "SECOND_FACTOR_ROLES",
    "SUPERVISORY",
    "Action",
    "Body",
    "Grant",
    "Lockout",
    "LockoutPolicy",
    "Places",
    "Role",
    "Standing",
    "ThrottlePolicy",
    "Tree",
    "Window",
    "acting_body",
    "canonical_address",
    "competent_for",
    "covers",
    "may",
    "may_administer",
    "may_undo_certification",
    "needs_second_factor",
    "network_of",
    "outranks",
]

"""Who may do what, and where: operators' roles, each scoped to a place in the geography, and the
defences of their log-in (lockout, throttling)."""

from sandogh.core.access.accounts import SECOND_FACTOR_ROLES, may_administer, needs_second_factor
from sandogh.core.access.lockout import Lockout, LockoutPolicy, Standing
from sandogh.core.access.places import Places, Tree
from sandogh.core.access.roles import (
    ALLOWED,
    Action,
    Grant,
    Role,
    covers,
    may,
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
    "SECOND_FACTOR_ROLES",
    "Action",
    "Grant",
    "Lockout",
    "LockoutPolicy",
    "Places",
    "Role",
    "Standing",
    "ThrottlePolicy",
    "Tree",
    "Window",
    "canonical_address",
    "covers",
    "may",
    "may_administer",
    "needs_second_factor",
    "network_of",
    "outranks",
]

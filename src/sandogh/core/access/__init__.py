"""Who may do what, and where: operators' roles, each scoped to a place in the geography."""

from sandogh.core.access.roles import (
    ALLOWED,
    Action,
    Grant,
    Role,
    covers,
    may,
    outranks,
)

__all__ = ["ALLOWED", "Action", "Grant", "Role", "covers", "may", "outranks"]

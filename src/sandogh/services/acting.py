"""Who acts under which grant, and the refusal of what a grant does not allow.

DESIGN.md §6: every operator acts under a grant (a role at a place, for a supervisory body where
it has one: `core.access`); a refusal for want of a right is `AccessDeniedError`, recorded in the
event log as ACCESS_DENIED (`services.supervision.guarded`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.access import Action, Grant
from sandogh.core.errors import SandoghError
from sandogh.core.log import JSONValue


@dataclass(frozen=True)
class Actor:
    """Who acts, and under which grant: the event log's actor, role and rights."""

    username: str
    grant: Grant


class AccessDeniedError(SandoghError):
    """`actor` may not do `action` at `places` (those of the request its grant does not cover).

    `logged` is what the ACCESS_DENIED entry records besides the action and places."""

    logged: Mapping[str, JSONValue] = {}

    def __init__(
        self, actor: Actor, action: Action, election: str, places: Sequence[str], why: str = ""
    ) -> None:
        self.actor = actor
        self.action = action
        self.election = election
        self.places = tuple(places)
        shown = ", ".join(self.places[:3]) + (", …" if len(self.places) > 3 else "")
        grant = actor.grant
        super().__init__(
            f"{actor.username} ({grant.role} at {grant.place}) may not {action} at {shown}"
            + (f": {why}" if why else "")
        )

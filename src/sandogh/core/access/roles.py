"""Operators' roles, what each may do, and the place each is scoped to.

DESIGN.md §6: roles admin, national HQ, provincial HQ, county HQ, station head, supervisor
(read-only + approve/void), inspector (violation cases), auditor (read-only), each scoped to a place
in the geography — "a county operator sees and changes only that county". Issue 11: supervisors run
a risk-limiting audit (start, seed, draw and close rounds); an audit board (audit-board) reads the
papers drawn at its place and enters what they show, blind, and nothing else: it holds no READ,
so no page or API shows it a reported figure or a record. Issue 4: a supervisor
reads everything in scope and approves or voids but never edits counts; undoing a certification,
or unlocking an account, needs a higher role.

The supervisory decisions — voiding, certifying and undoing a certification, a lot's commitment and
draw, a voting mode's approval, vetting candidates, running an audit (`SUPERVISORY`) — are the
supervisory bodies' alone (DESIGN.md §6: the supervisor approves and voids; the administrator
administers). An `admin` grant holds every other action but none of these (second review of issue
12, R4: an administrator, recording no body, certified, drew lots and undid certifications as the
Guardian Council's boards). A supervisor's grant recorded before bodies were (body None) keeps
acting for the Guardian Council (`core.access.bodies.DEFAULT_BODY`).

Candidacy (`ELECTORAL`) is no administrator's either: registering applicants, asking the four
authorities, the executive board's decisions, the final list, the code draw's commitment and draw
and a candidate's withdrawal are the Interior Ministry's headquarters' work (MANAGE_CANDIDACY),
vetting is the supervisory boards' (VET_CANDIDATES). The administrator administers the system —
accounts, devices, the record — and is neither an executive nor a supervisory body of the
election (review S20, F1, F7, F9: an admin registered applicants, committed the draw's secret,
locking the national HQ out, drew the codes and took a candidate off the ballot).

A grant covers its place and everything below it. "Higher" is by place first: a grant outranks
another when its place strictly contains the other's, or when both hold one place and its role
ranks above in `_RANK` (admin over the headquarters, the headquarters over a station head).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.access.bodies import Body, acting_body
from sandogh.core.access.places import Tree


class Role(StrEnum):
    ADMIN = "admin"
    NATIONAL_HQ = "national-hq"
    PROVINCIAL_HQ = "provincial-hq"
    COUNTY_HQ = "county-hq"
    STATION_HEAD = "station-head"
    SUPERVISOR = "supervisor"
    INSPECTOR = "inspector"
    AUDITOR = "auditor"
    AUDIT_BOARD = "audit-board"


class Action(StrEnum):
    READ = "read"  # results, registers, incidents, the day's dashboard
    READ_LOG = "read-log"  # the event record, security events included
    ENTER_RESULTS = "enter-results"  # import or enter tally sheets (paper stations)
    MANAGE_DEVICES = "manage-devices"  # enrol and revoke ballot boxes
    MANAGE_READINESS = "manage-readiness"  # fleet, ballot papers, staff registers
    MANAGE_INCIDENTS = "manage-incidents"  # assign and resolve incidents
    MANAGE_CASES = "manage-cases"  # open and follow violation cases
    VOID = "void"  # void a box, a candidate's votes in boxes, a constituency
    CERTIFY = "certify"  # certify a contest's result (undoing it needs a higher grant)
    MANAGE_USERS = "manage-users"  # add operators, change roles, disable, unlock
    # candidacy (core.candidacy): the Interior Ministry's side registers, inquires, records the
    # executive board's decisions and objections, publishes the list and draws the codes; the
    # supervisory boards decide on qualification
    MANAGE_CANDIDACY = "manage-candidacy"
    VET_CANDIDATES = "vet-candidates"
    RUN_AUDIT = "run-audit"  # start an audit, record its seed, draw and close its rounds
    ENTER_READINGS = "enter-readings"  # enter what the papers drawn for an audit show


#: The supervisory bodies' decisions (lots and mode approvals are taken under CERTIFY): no
#: administrator's, see the module's docstring.
SUPERVISORY = frozenset({Action.VOID, Action.CERTIFY, Action.VET_CANDIDATES, Action.RUN_AUDIT})

_HQ = frozenset(
    {
        Action.READ,
        Action.ENTER_RESULTS,
        Action.MANAGE_DEVICES,
        Action.MANAGE_READINESS,
        Action.MANAGE_INCIDENTS,
        Action.MANAGE_CANDIDACY,
    }
)

#: The electoral bodies' candidacy: no administrator's, see the module's docstring.
ELECTORAL = frozenset({Action.MANAGE_CANDIDACY, Action.VET_CANDIDATES})

#: What each role may do, anywhere in its place. Nothing else is allowed.
ALLOWED: Mapping[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action) - SUPERVISORY - ELECTORAL,
    Role.NATIONAL_HQ: _HQ | {Action.READ_LOG, Action.MANAGE_USERS},
    Role.PROVINCIAL_HQ: _HQ | {Action.MANAGE_USERS},
    Role.COUNTY_HQ: _HQ,
    Role.STATION_HEAD: frozenset({Action.READ, Action.ENTER_RESULTS}),
    Role.SUPERVISOR: frozenset(
        {
            Action.READ,
            Action.READ_LOG,
            Action.VOID,
            Action.CERTIFY,
            Action.MANAGE_INCIDENTS,
            Action.VET_CANDIDATES,
            Action.RUN_AUDIT,
        }
    ),
    Role.INSPECTOR: frozenset({Action.READ, Action.MANAGE_CASES}),
    Role.AUDITOR: frozenset({Action.READ, Action.READ_LOG}),
    # entering only, never READ: a board that saw the reported figures (results, atlas, dashboard)
    # or the boxes' records of the units it counts would not count blind (docs/audit.md §6.5)
    Role.AUDIT_BOARD: frozenset({Action.ENTER_READINGS}),
}

# Ranks among grants of one place; a role not listed ranks with none (supervisors, inspectors,
# auditors and audit boards are outranked only from a place above theirs, or by an admin).
_RANK: Mapping[Role, int] = {
    Role.ADMIN: 4,
    Role.NATIONAL_HQ: 3,
    Role.PROVINCIAL_HQ: 2,
    Role.COUNTY_HQ: 1,
    Role.STATION_HEAD: 0,
}


@dataclass(frozen=True)
class Grant:
    """A role held at a place (a unit code of the geography), for a supervisory body
    (`core.access.bodies`; None: none recorded)."""

    role: Role
    place: str
    body: Body | None = None


def covers(geography: Tree, place: str, target: str) -> bool:
    """Whether `target` (a unit code) is `place` or lies below it. Unknown codes raise KeyError."""
    return target == place or place in geography.ancestors(target)


def may(geography: Tree, grant: Grant, action: Action, target: str) -> bool:
    """Whether `grant` allows `action` on the unit `target`."""
    return action in ALLOWED[grant.role] and covers(geography, grant.place, target)


def outranks(geography: Tree, higher: Grant, lower: Grant) -> bool:
    """Whether `higher` may manage or unlock `lower`'s account (`core.access.accounts`). Undoing a
    certification is `may_undo_certification`'s rule, not this one."""
    if higher.role is Role.ADMIN and lower.role is not Role.ADMIN:
        return covers(geography, higher.place, lower.place)
    if higher.place != lower.place:
        return covers(geography, higher.place, lower.place)
    above = _RANK.get(higher.role)
    below = _RANK.get(lower.role)
    return above is not None and below is not None and above > below


def may_undo_certification(
    geography: Tree, actor: str, grant: Grant, certifier: str, certified_under: Grant
) -> bool:
    """Whether `actor`, under `grant`, may undo what `certifier` certified under `certified_under`
    (a result's certification, or a hand count's).

    Issue 4 ("undoing a certification needs a higher role") and the second review of issue 12
    (R1, R4): only a supervisor of the same body (`core.access.bodies.acting_body`) undoes it.
    Below the nation the undoer's place strictly contains the certifier's; a national
    certification has no place above it, so a second national supervisor of the body — another
    account than the certifier — undoes it. No administrator does, and the use case asks a reason.
    """
    if grant.role is not Role.SUPERVISOR or acting_body(grant.body) is not acting_body(
        certified_under.body
    ):
        return False
    if not geography.ancestors(certified_under.place):  # the nation's root
        return grant.place == certified_under.place and actor != certifier
    return grant.place != certified_under.place and covers(
        geography, grant.place, certified_under.place
    )

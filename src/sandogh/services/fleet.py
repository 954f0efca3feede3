"""Use cases of the fleet (issue 12, `core.fleet`): list the build decisions, record a box's
hand-over, and show each box's shipping and attested build. A build is approved or revoked by k
officials' signatures (`services.build_approvals`, review S19 F7), not here.

Each use case is one transaction under a grant (`services.acting.Actor`): a hand-over is recorded
by an account of the unit that sends or receives it (`recording_place`, review S19 F13). Each
change is one event of the hash-chained log (BOX_HANDED_OVER); a refusal for want of a right is
recorded as ACCESS_DENIED. The centre's refusal of a report from a build not approved is
`services.ingest`'s.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sandogh.core.access import Action, may
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet import (
    SENDS,
    BuildDecision,
    Handover,
    ShippingError,
    Step,
    approved,
    attested,
    check_handover,
    expected_step,
    leg_to,
)
from sandogh.core.log import EventType
from sandogh.core.readiness import Box, Register, RegisterError, Registers, within
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.locale.dates import format_jalali
from sandogh.locale.fleet import fleet_text, step_name
from sandogh.services.acting import AccessDeniedError, Actor, acted, election_day, guarded, require
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.polling_calendar import last_polling_day
from sandogh.services.ports import UnitOfWork


def _country(geography: Geography) -> str:
    return geography.top_down[0]


def build_decisions(
    uow: UnitOfWorkFactory, actor: Actor, election_id: str | None, *, now: datetime.datetime
) -> tuple[BuildDecision, ...]:
    """Every build decision of the day. Needs READ at the actor's place."""

    def use_case(work: UnitOfWork) -> tuple[BuildDecision, ...]:
        day = election_day(work, election_id)
        require(day.geography, actor, Action.READ, [actor.grant.place], day.election.id)
        return work.fleet.decisions(day.election.id)

    return guarded(uow, actor, now, use_case)


def hand_over(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    serial: str,
    step: Step | frozenset[Step],
    *,
    place: str | None = None,
    now: datetime.datetime,
) -> Handover:
    """Record the next hand-over of box `serial`: `step`, or whichever of the steps a command
    records (`step` a set: ship, receive) comes next. `place` is where it is sent for a sending
    step, and defaults to the country (prepared) or to where the box was sent (received,
    installed). `ShippingError` names the box and its next step, read from all its hand-overs,
    when `step` is not that step; after its station's polling day nothing is recorded."""

    def use_case(work: UnitOfWork) -> Handover:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        if actor.grant.place not in geography:
            raise NotAUnitError(actor.grant.place, election, actor.grant.place)
        fleet = {box.serial: box for box in work.readiness.registers(election).fleet}
        done = [h for h in work.fleet.handovers(election) if h.serial == serial]
        expected = expected_step(done)
        if serial not in fleet:
            problem = Problem("serial", f"{serial} is not a box of the {election} fleet register")
            raise ShippingError(serial, expected, [problem])
        assigned = fleet[serial].place
        held = done[-1].place if done else _country(geography)
        at = place if place is not None else held
        # who may record the box's next step is asked first (another step is refused below),
        # then the day: after it, the reason given is the day, whatever step comes (S20 F14)
        given = step if isinstance(step, frozenset) else {step}
        if expected is not None and expected in given and (place or expected not in SENDS):
            asking = Handover(serial, expected, at, actor.username, now)
            _require_own_level(geography, actor, asking, held, election)
        _refuse_after_polling(work, day, fleet[serial], now, expected)
        this = _this_step(serial, step, expected)
        if this in SENDS and place is None:
            raise ShippingError(serial, expected, [Problem("place", "a box is sent to a unit")])
        new = Handover(serial, this, at, actor.username, now)
        check_handover(geography, done, new)
        if this in SENDS and geography.kind(assigned) is UnitKind.STATION:
            right = leg_to(geography, assigned, this)
            if right != at:  # off the way to its station, a box is stuck (S20 F13)
                raise WrongLegError(serial, expected, assigned, right or assigned, at)
        work.fleet.hand_over(election, new)
        details = {"election": election, "serial": serial, "step": this.value, "place": at}
        work.events.record(acted(actor, now, EventType.BOX_HANDED_OVER, at, details))
        work.commit()
        return new

    return guarded(uow, actor, now, use_case)


def _this_step(serial: str, step: Step | frozenset[Step], expected: Step | None) -> Step:
    if isinstance(step, Step):
        return step
    if expected is None or expected not in step:
        shown = "none" if expected is None else expected.value
        problem = Problem(
            "step", f"the box's next step is {shown}, which this command does not record"
        )
        raise ShippingError(serial, expected, [problem])
    return expected


class WrongLegError(ShippingError):
    """A box sent off the path to its station (review S20 F13), naming where it goes instead,
    worded in both languages (`fa`, `en`)."""

    def __init__(
        self, serial: str, expected: Step | None, station: str, right: str, given: str
    ) -> None:
        self.right = right
        problem = Problem("place", f"{serial} is for {station}: it goes to {right}, not {given}")
        super().__init__(serial, expected, [problem])
        self.fa, self.en = (
            fleet_text("wrong_leg", lang, serial=serial, station=station, right=right, place=given)
            for lang in ("fa", "en")
        )


def recording_place(geography: Geography, step: Step, held: str, at: str) -> str:
    """The unit whose own headquarters record `step` (review S19 F13): the sender records a
    sending, the receiver a receipt — a province's receipt by the province, not by the country
    above it — and the station's county its receipt and installation at the station."""
    if step in SENDS:
        return held
    if geography.kind(at) is UnitKind.STATION:
        counties = (a for a in geography.ancestors(at) if geography.kind(a) is UnitKind.COUNTY)
        return next(counties, held)
    return at


class HandoverByError(AccessDeniedError):
    """A hand-over recorded by an account of another place than `recording_place`'s, worded in
    both languages for the commands and pages (`fa`, `en`)."""

    def __init__(self, actor: Actor, election: str, new: Handover, place: str) -> None:
        why = f"{new.step.value} is recorded by an account of {place} itself"
        super().__init__(actor, Action.MANAGE_READINESS, election, [place], why)
        values = {"serial": new.serial, "place": place, "user": actor.username}
        self.fa, self.en = (
            fleet_text(
                "handover_by",
                lang,
                step=step_name(new.step, lang),
                grant=actor.grant.place,
                **values,
            )
            for lang in ("fa", "en")
        )


def _require_own_level(
    geography: Geography, actor: Actor, new: Handover, held: str, election: str
) -> None:
    place = recording_place(geography, new.step, held, new.place)
    allowed = may(geography, actor.grant, Action.MANAGE_READINESS, place)
    if not allowed or actor.grant.place != place:
        raise HandoverByError(actor, election, new, place)


class AfterPollingError(ShippingError):
    """A hand-over of a box after its station's polling day (reviews S19 F13, S20 F14)."""

    def __init__(self, serial: str, expected: Step | None, station: str, last: datetime.date):
        self.station = station
        self.polling_day = last
        problem = Problem("at", f"{station} polled on {last.isoformat()}: no box goes there after")
        super().__init__(serial, expected, [problem])
        self.fa, self.en = (
            fleet_text("after_polling", lang, station=station, day=format_jalali(last, lang))
            for lang in ("fa", "en")
        )


def _refuse_after_polling(
    work: UnitOfWork, day: Day, box: Box, now: datetime.datetime, expected: Step | None
) -> None:
    """A box is shipped, received and installed up to its station's last polling day, the
    calendar's, else the definition's (`last_polling_day`); a box no station is assigned, up to
    the definition's."""
    last = last_polling_day(work, day, box.place)
    if now.astimezone(IRAN_TIME).date() > last:
        raise AfterPollingError(box.serial, expected, box.place, last)


@dataclass(frozen=True)
class FleetBox:
    """A box of the register with the build it last attested (its update derived from it) and
    its hand-overs so far."""

    box: Box
    handovers: tuple[Handover, ...]

    @property
    def step(self) -> Step | None:
        return self.handovers[-1].step if self.handovers else None


class NotAUnitError(RegisterError):
    """A unit the election's geography does not hold — often the grant's own place, from
    another day — worded in both languages, naming the unit and the grant's place."""

    def __init__(self, unit: str, election: str, grant: str) -> None:
        super().__init__([Problem("unit", f"{unit} is not a unit of {election}")])
        self.fa, self.en = (
            fleet_text("not_a_unit", lang, unit=unit, election=election, place=grant)
            for lang in ("fa", "en")
        )


def fleet_of(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    unit: str | None = None,
    *,
    now: datetime.datetime,
) -> tuple[FleetBox, ...]:
    """The boxes of the register at and below `unit` (the actor's place by default), each with
    its attested build and shipping. Needs READ at the unit."""

    def use_case(work: UnitOfWork) -> tuple[FleetBox, ...]:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        place = unit or actor.grant.place
        if place not in geography:
            raise NotAUnitError(place, election, actor.grant.place)
        require(geography, actor, Action.READ, [place], election)
        boxes = within(geography, work.readiness.registers(election), place).fleet
        return fleet_boxes(work, election, boxes)

    return guarded(uow, actor, now, use_case)


def fleet_boxes(work: UnitOfWork, election: str, boxes: Sequence[Box]) -> tuple[FleetBox, ...]:
    """`boxes` with their attested builds and hand-overs, read in `work`."""
    in_force = approved(work.fleet.decisions(election))
    shipped: dict[str, list[Handover]] = {}
    for handover in work.fleet.handovers(election):
        shipped.setdefault(handover.serial, []).append(handover)
    return tuple(
        FleetBox(box, tuple(shipped.get(box.serial, ())))
        for box in attested(boxes, work.fleet.attested(election), in_force)
    )


def link_enrolled(work: UnitOfWork, election: str, station: str, key: str) -> str | None:
    """Tie the box of the register assigned to `station` to the key it enrolled with (issue 12:
    its build and signed reports show on the register by that key, never by a typed column);
    the serial of the box tied, or None. Only a box with no key yet, and only when it is the
    station's one such box: a register naming a key, or several boxes without one, says itself
    which box the key is, and a key no box holds yet is tied to one box only. Part of the
    caller's unit of work (`services.devices.enrol_device`)."""
    fleet = work.readiness.fleet(election)
    if any(box.public_key == key for box in fleet):
        return None
    free = [box for box in fleet if box.place == station and box.public_key is None]
    if len(free) != 1:
        return None
    old = free[0]
    work.readiness.write(
        election,
        remove=Registers.of(Register.FLEET, [old]),
        add=Registers.of(Register.FLEET, [replace(old, public_key=key)]),
    )
    return old.serial

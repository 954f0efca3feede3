"""The stages before polling day in the live demo (issue 12), each by the use case its command
runs (`sandogh staff roster|session|plan`, `sandogh fleet …`, `sandogh certify`) and dated on
the 2024 calendar: round 1's candidacy (`cli.demo_candidacy`) and, once its results are in, its
certification by the Guardian Council's boards on the results day; then, for the runoff's
stations the demo uses, their staff named by role and trained, a briefing, the plans of the
province's hard-to-reach stations, and the boxes of its electronic stations in the fleet register
and shipped national → province → county → station. The stations' modes are read from the
definition, never assumed: a paper station gets no box and no system user.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from sandogh.cli.demo import EXAMPLE, ROUNDS
from sandogh.cli.demo_candidacy import BOARD, BOARD_REASON, BOARD_REFERENCES, at, record_candidacy
from sandogh.cli.live_demo_text import say
from sandogh.cli.simulated_day import DayPlan
from sandogh.cli.simulated_station import register_station_staff
from sandogh.core.access import Grant, Role
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.fleet.shipping import Step
from sandogh.core.readiness import RemotePlan, Session, Worker
from sandogh.core.readiness.registers import Box, Register, StaffRole, UpdateStatus
from sandogh.core.readiness.roster import COMPLEMENT, SessionKind
from sandogh.core.supervision.modes import station_mode
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.elections import UnitOfWorkFactory, get_election
from sandogh.services.fleet import hand_over
from sandogh.services.preparation import assign_worker, record_session, set_plan
from sandogh.services.readiness import import_register

NATIONAL = Actor("demo-interior", Grant(Role.NATIONAL_HQ, "IR"))
PROVINCE = Actor("demo-kerman-province", Grant(Role.PROVINCIAL_HQ, "IR-08"))
#: round 1's results day (`calendar.json`), when its boards certify it
ROUND1_RESULTS = datetime.date(2024, 6, 29)
#: the runoff's days before polling on 2024-07-05 (15 Tir 1403): staff named, trained, briefed
NAMED, TRAINED, BRIEFED = (datetime.date(2024, 7, d) for d in (1, 2, 3))
#: each box's hand-overs, one a few hours after the last from 1 July, and where a sending goes
SHIPPING = (
    Step.PREPARED,
    Step.SENT_TO_PROVINCE,
    Step.RECEIVED_BY_PROVINCE,
    Step.SENT_TO_COUNTY,
    Step.RECEIVED_BY_COUNTY,
    Step.SENT_TO_STATION,
    Step.RECEIVED_AT_STATION,
    Step.INSTALLED,
)
ROLE_FA = {
    StaffRole.HEAD: "رئیس شعبه",
    StaffRole.SECRETARY: "منشی شعبه",
    StaffRole.MEMBER: "عضو شعبه",
    StaffRole.GOVERNOR_REP: "نماینده فرماندار",
    StaffRole.SYSTEM_USER: "کاربر سامانه",
}


def candidacy(folder: Path, out: Console, lang: Lang) -> Callable[[UnitOfWorkFactory], str]:
    """Round 1's candidacy on a new store, on its draft, before round 1 is loaded
    (`demo.load_rounds`): the id of round 1."""

    def run(store: UnitOfWorkFactory) -> str:
        out.print(say("stages", lang))
        return record_candidacy(store, EXAMPLE, folder, out, lang)

    return run


def before_the_day(
    store: UnitOfWorkFactory, plan: DayPlan, seed: int, out: Console, lang: Lang
) -> None:
    """Round 1 certified on its results day, then the runoff's stations made ready: those the
    day simulates and the kiosk's; the simulated stations' signing staff registered with their
    keys (`simulated_day.register_station_staff`)."""
    round1 = ROUNDS[0][0]
    with store() as work:
        contests = [c.id for c in get_election(work, round1).election.contests]
    for contest in contests:
        certify(
            store,
            BOARD,
            round1,
            contest,
            reason=BOARD_REASON,
            reference=BOARD_REFERENCES[1],
            now=at(ROUND1_RESULTS, 18),
        )
    out.print(say("stage_certified", lang, election=round1, by=BOARD.username))
    runoff = plan.loaded.election
    geography = Geography.of(runoff)
    modes = Counter(station_mode(geography, s) for s in geography.stations)
    with store() as work:
        approved = len(work.mode_approvals.of_election(runoff.id))
    counts = {m.value.replace("-", "_"): modes[m] for m in VotingMode}
    out.print(say("stage_modes", lang, approved=approved, **counts))
    stations = [*plan.chosen, kiosk_station(plan)]
    prepare_stations(store, runoff, stations, out, lang)
    register_station_staff(store, plan.loaded.election, seed, plan.chosen)


def kiosk_station(plan: DayPlan) -> str:
    """The station of the kiosk's box: the first electronic station the simulated day leaves
    alone (its voters cast on the kiosk's screen)."""
    geography = Geography.of(plan.loaded.election)
    return next(
        code
        for code in sorted(plan.sheets)
        if code not in plan.expected and station_mode(geography, code) is VotingMode.ELECTRONIC
    )


def guide(out: Console, lang: Lang, console: str, db: str) -> None:
    """Where a person sees each stage: the console's pages and the commands."""
    who = "--as demo-admin --role admin --place IR"
    board = f"--as {BOARD.username} --role supervisor --place IR --body guardian-council"
    shown = say("guide", lang, console=console, db=f"--db {db}", who=who, board=board)
    out.print(escape(shown), soft_wrap=True)


def prepare_stations(
    store: UnitOfWorkFactory, election: Election, stations: Sequence[str], out: Console, lang: Lang
) -> None:
    """The runoff's `stations`: staff, training and briefing, hard-to-reach plans, boxes."""
    geography = Geography.of(election)
    people = _roster(store, election.id, geography, stations)
    for kind, held, topic in (
        (SessionKind.TRAINING, TRAINED, say("training_topic", "fa")),
        (SessionKind.BRIEFING, BRIEFED, say("briefing_topic", "fa")),
    ):
        record_session(
            store,
            PROVINCE,
            election.id,
            Session(0, kind, held, "کرمان", topic, tuple(people)),
            now=at(held, 16),
        )
    out.print(say("stage_staff", lang, people=len(people), stations=len(stations)))
    remote = [s for s in geography.stations if _hard_to_reach(geography, s)]
    for station in remote:
        plan = RemotePlan(
            station,
            "خودروی کمک‌دار، سپس پیاده",
            True,
            datetime.timedelta(hours=3),
            BRIEFED,
            True,
        )
        set_plan(store, PROVINCE, election.id, plan, now=at(BRIEFED, 17))
    boxes = [s for s in stations if station_mode(geography, s) is VotingMode.ELECTRONIC]
    _ship(store, election.id, geography, boxes)
    out.print(say("stage_boxes", lang, remote=len(remote), boxes=len(boxes)))


def _roster(
    store: UnitOfWorkFactory, election: str, geography: Geography, stations: Sequence[str]
) -> list[str]:
    """The complement of each station named (`core.readiness.roster.COMPLEMENT`); the people's
    codes, in order."""
    people = []
    for station in stations:
        paper = station_mode(geography, station) is VotingMode.PAPER
        for role, count in COMPLEMENT.items():
            if paper and role is StaffRole.SYSTEM_USER:
                continue
            for k in range(1, count + 1):
                person = f"{station}-{role.value}-{k}"
                name = f"{ROLE_FA[role]} {to_persian_digits(str(k))} (نمایشی)"
                worker = Worker(station, person, name, role)
                assign_worker(store, PROVINCE, election, worker, now=at(NAMED))
                people.append(person)
    return people


def _ship(
    store: UnitOfWorkFactory, election: str, geography: Geography, stations: Sequence[str]
) -> None:
    """A box for each of `stations` in the fleet register, then each hand-over in turn."""
    rows = [
        Box(f"DEMO-{station}", "صندوق نمایشی", "۱۴۰۳", UpdateStatus.PENDING, station)
        for station in stations
    ]
    import_register(store, NATIONAL, election, Register.FLEET, rows, now=at(NAMED, 9))
    for box, station in zip(rows, stations, strict=True):
        county = geography.unit(station).parent or ""
        goes = {
            Step.SENT_TO_PROVINCE: geography.unit(county).parent,
            Step.SENT_TO_COUNTY: county,
            Step.SENT_TO_STATION: station,
        }
        for hours, step in enumerate(SHIPPING):
            moment = at(NAMED, 8) + datetime.timedelta(hours=9 * hours)
            by = _recorder(step, goes[Step.SENT_TO_PROVINCE] or "", county)
            hand_over(store, by, election, box.serial, step, place=goes.get(step), now=moment)


def _recorder(step: Step, province: str, county: str) -> Actor:
    """The headquarters that record `step`: the sender its sending, the receiver its receipt,
    the county the steps at its station (`services.fleet.recording_place`, review S19 F13)."""
    if step in (Step.PREPARED, Step.SENT_TO_PROVINCE):
        return NATIONAL
    if step in (Step.RECEIVED_BY_PROVINCE, Step.SENT_TO_COUNTY):
        return Actor(f"demo-{province.lower()}", Grant(Role.PROVINCIAL_HQ, province))
    return Actor(f"demo-{county.lower()}", Grant(Role.COUNTY_HQ, county))


def _hard_to_reach(geography: Geography, station: str) -> bool:
    info = geography.unit(station).station
    return info is not None and info.hard_to_reach

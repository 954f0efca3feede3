"""One station's simulated day at its box, as its voting mode has it (`sandogh simulate`, the live
demo; `cli.simulated_day` plans the day and runs the stations).

An electronic station (`VotingMode.ELECTRONIC`): the box checks each voter in and takes the
ballot, counts the sealed ballots with two of its staff's keys and reports. A semi-electronic one
(نیمه الکترونیک, reference/seed-facts.md, the Kerman example's stations outside Kerman city): the
box checks each voter in, the voter marks a paper ballot; after closing the staff count the papers
by hand, two operators enter the paper tally sheet blind (`station.double_entry`), a mismatch is
settled by the value read again off the paper, and the agreed sheet is signed by the box and the
staff and sent (`Box.count_paper`, `Box.report`). The box goes by the mode its enrolment states.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sandogh.cli.session import actor
from sandogh.cli.simulated_ballots import CONTEST, Figures, ballots, paper_sheet
from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.report import SigningKey, StaffRole
from sandogh.services.acting import Actor
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.staff import register_staff
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.station.directory import StationDirectory
from sandogh.station.double_entry import DoubleEntry, Operator, sheet_counts, sheet_fields
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy

TIMEOUT_SECONDS = 60.0
SYNC_PASSES = 5
#: How often the second operator mistypes a figure of the paper sheet, to be read again.
MISTYPED = 4  # one station in four


@dataclass(frozen=True)
class StationDay:
    """What one box went through: the voters it checked in, refusals, and its sync."""

    station: str
    voters: int
    refused: int
    reports_delivered: int  # and an E2E box's chain
    reports_refused: int
    incidents: int
    challenged: int = 0
    on_paper: bool = False  # semi-electronic: its sheet entered twice from the paper
    mismatches: int = 0  # the fields the two entries gave differently, settled off the paper


def enrol_box(base: str, operator: OperatorPass, election: str, station: str, folder: Path) -> None:
    """A new box in `folder`, enrolled for `station` in `operator`'s session: before the record
    is drafted, which names its key (`cli.simulated_anchor`); `station_day` runs it."""
    store, key = StationDirectory(folder).create()
    with store, HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS, operator=operator) as centre:
        box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"))
        box.enrol(election=election, station=station, policy=OfflinePolicy.REFUSE)


def station_day(
    base: str,
    operator: OperatorPass,
    sheet: TallySheet,
    figures: Figures,
    crowd: list[str],
    rng: random.Random,
    folder: Path,
    staff: Sequence[tuple[StaffRole, SigningKey]],
    *,
    challenge: bool = False,
) -> StationDay:
    """One box's whole day after its enrolment (`enrol_box`, in `folder`), on the calling thread,
    in `operator`'s session; `staff` count its ballots and sign its final report. With
    `challenge` (an E2E box), the first voter challenges a ballot first, then casts."""
    store, key = StationDirectory(folder).open()
    with HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS, operator=operator) as centre:
        box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"))
        on_paper = box.status().setup.mode is not VotingMode.ELECTRONIC
        paper = paper_sheet(sheet.counts, figures)
        box.open({CONTEST: paper.papers_received})
        box.start_voting()
        refused = challenged = mismatches = 0
        for code, choice in zip(crowd, ballots(figures, rng), strict=True):
            card = box.check_in(code)
            if not isinstance(card, IssuedCard):
                refused += 1
                continue
            if on_paper:
                continue  # the voter marks a paper ballot and drops it into the sealed box
            if challenge and not challenged:
                box.prepare(card.token, [choice])
                box.challenge(card.token)  # opened, kept in the chain, never counted
                challenged += 1
            box.cast(card.token, [choice])
        box.close()
        if on_paper:
            mismatches = enter_twice(box, paper, rng)
            box.count_paper()
        else:
            box.count({CONTEST: paper.papers_spoiled}, staff=staff)
        box.report(staff)
        delivered = refused_reports = 0
        for _ in range(SYNC_PASSES):
            outcome = box.sync()
            delivered += outcome.delivered
            refused_reports += outcome.refused
            if outcome.outbox.pending == 0:
                break
        return StationDay(
            sheet.station,
            len(crowd),
            refused,
            delivered,
            refused_reports,
            len(box.incidents()),
            challenged,
            on_paper,
            mismatches,
        )


def enter_twice(box: Box, paper: Counts, rng: random.Random) -> int:
    """The paper sheet entered blind by both operators, the second mistyping one figure now and
    then; every mismatch settled with the figure read again off the paper. How many there were."""
    entry = DoubleEntry(box.store)
    entry.enter(CONTEST, Operator.FIRST, paper)
    typed = sheet_fields(paper)
    if rng.randrange(MISTYPED) == 0:
        slip = rng.choice(sorted(typed))
        typed[slip] += 1
    entry.enter(CONTEST, Operator.SECOND, sheet_counts(typed))
    found = entry.mismatches(CONTEST)
    on_paper = sheet_fields(paper)
    for mismatch in found:
        entry.resolve(CONTEST, mismatch.field, on_paper[mismatch.field])
    return len(found)


def station_staff(seed: int, station: str) -> tuple[tuple[StaffRole, SigningKey], ...]:
    """The simulated head and secretary of `station`, each with a key of their own drawn from
    `seed` (a simulation's keys need to be made again, not kept secret)."""
    return tuple(
        (role, SigningKey.from_seed(hashlib.sha256(f"{seed}:{station}:{role}".encode()).digest()))
        for role in (StaffRole.HEAD, StaffRole.SECRETARY)
    )


def register_station_staff(
    uow: UnitOfWorkFactory, election: Election, seed: int, stations: Iterable[str]
) -> None:
    """Register `station_staff` of each of `stations` at the centre, as the HQ does (under a
    grant at the country, as `approve_own_build`)."""
    hq = Actor(actor(), Grant(Role.ADMIN, Geography.of(election).top_down[0]))
    for station in stations:
        for role, key in station_staff(seed, station):
            register_staff(
                uow,
                hq,
                election_id=election.id,
                station=station,
                person=f"{role.value} of {station}",
                role=role,
                public_key=key.public_key.text,
                now=datetime.datetime.now(datetime.UTC),
            )

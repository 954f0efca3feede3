"""Election day end to end (issue 3, "Done when"): the centre of `sandogh serve` in a child
process on loopback, real ballot boxes enrolled through its HTTP API, thousands of voters checked
in through that API, a sample of them voting on the boxes' own screens in headless Chromium, and
the signed reports sent, ingested and added up to exactly the ballots cast.

The day is `sandogh simulate`'s (cli/simulate.py): stations of the Kerman runoff chosen by the
seed, each casting its figures of round2-results.csv scaled to about `VOTERS` voters in all
(invalid ballots cast blank). The first `SCREEN_VOTERS` voters of each box are checked in on the
operator's screen and vote on the voter's screen, in Persian, every other one typing Persian
digits; the rest, meanwhile, through `Box.check_in` and `Box.cast`, the code the screens call.
Then the first box is closed, counted and reported on its operator's screen, the others through
`Box` with the papers spoiled that their sheet shows and the signatures of the station's
registered staff (on the screens, the staff logged in with their key files) beside the box's,
and every box syncs. The centre must then hold both reports of every box byte for byte as
the box signed them, totals per station and for the province equal to every figure cast, and one
ledger entry per ballot: no voter counted twice.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import itertools
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from playwright.async_api import async_playwright

from sandogh.cli.demo import EXAMPLE, EXAMPLE_APPROVAL
from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.cli.simulate import (
    CONTEST,
    SYNC_PASSES,
    TIMEOUT_SECONDS,
    Figures,
    ballots,
    scaled,
)
from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import FIGURES, Counts, InvalidKind, TallySheet
from sandogh.core.report import Choice, ReportKind, StaffRole
from sandogh.core.report.digests import sha256_text
from sandogh.formats.definition_file import LoadedDefinition, load_definition
from sandogh.formats.key_file import read_key_file, write_key_file
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.locale import check_in_refusals, text, to_persian_digits
from sandogh.locale.check_in_refusals import check_in_refusal_key
from sandogh.locale.messages import text_in
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.services import acting
from sandogh.services.check_in_rules import RefusalReason
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.results import show_results
from sandogh.services.staff import register_staff
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.station.directory import StationDirectory
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.chromium import LAUNCH, run_apart

from .election_day_build import Kiosk, serve_screens

SEED = 1403
BOXES = 3
VOTERS = 2_100  # about: each sheet is scaled, and each of its figures rounded
SCREEN_VOTERS = 12  # per box, on its screens in Chromium: 36 in all
PROVINCE = "IR-08"
STAFF = (StaffRole.HEAD, StaffRole.SUPERVISOR)  # of each station, logged in on its kiosk
#: Who registers them: the HQ its staff, the supervisory board its observer.
STAFF_BY = (
    acting.Actor("kerman-hq", Grant(Role.PROVINCIAL_HQ, PROVINCE)),
    acting.Actor("nazer", Grant(Role.SUPERVISOR, PROVINCE)),
)


@dataclass(frozen=True)
class _Plan:
    """One box's day: its sheet's figures, its voters and their ballots in voting order, and
    its ballot papers."""

    sheet: TallySheet
    figures: Figures
    crowd: tuple[str, ...]
    ballots: tuple[Choice, ...]
    spoiled: int
    received: int

    @property
    def code(self) -> str:
        return self.sheet.station

    def expected(self) -> Counts:
        """The station's figures once every voter has voted and the box is counted."""
        f = self.figures
        return Counts(
            papers_received=self.received,
            papers_used=f.cast,
            papers_unused=self.received - f.cast - self.spoiled,
            papers_spoiled=self.spoiled,
            cast=f.cast,
            valid=f.valid,
            invalid={InvalidKind.BLANK: f.invalid},
            votes=dict(f.votes),
        )


@functools.cache
def _kerman() -> LoadedDefinition:
    return load_definition(EXAMPLE / "round2.yaml")


def _registry_size(voters: int) -> int:
    # about 88 % of a synthetic registry may vote (cli/simulate.py): room for every voter
    return voters * 5 // 4 + 1_000


def _plans() -> list[_Plan]:
    """Every box's day, from `SEED`."""
    sheets = {s.station: s for s in load_tally_csv(EXAMPLE / "round2-results.csv")}
    chosen = sorted(random.Random(SEED).sample(sorted(sheets), BOXES))
    scale = Fraction(VOTERS, sum(sheets[code].counts.cast for code in chosen))
    figures = {code: scaled(sheets[code].counts, scale) for code in chosen}
    needed = sum(f.cast for f in figures.values())
    registry = SyntheticRegistry(SEED, size=_registry_size(needed))
    voters = iter(c.digits for c in registry.voters(_kerman().election.date))
    plans = []
    for n, code in enumerate(chosen):
        sheet, f = sheets[code].counts, figures[code]
        # the first box is counted on its screen, which counts no spoiled paper
        spoiled = 0 if n == 0 else int(sheet.papers_spoiled * scale)
        plans.append(
            _Plan(
                sheet=sheets[code],
                figures=f,
                crowd=tuple(itertools.islice(voters, f.cast)),
                ballots=tuple(ballots(f, random.Random(f"{SEED}:{code}"))),
                spoiled=spoiled,
                received=f.cast + int(sheet.papers_unused * scale) + spoiled,
            )
        )
    return plans


def _register_staff(
    plan: _Plan, folder: Path, uow: UnitOfWorkFactory, now: datetime.datetime
) -> dict[StaffRole, Path]:
    """The station's head and supervisor, registered with keys of their own: their key files."""
    folder.mkdir()
    files = {}
    for role in STAFF:
        files[role] = folder / f"{role.value}.key"
        key = write_key_file(files[role]).public_key
        by = STAFF_BY[role is StaffRole.SUPERVISOR]
        register_staff(
            uow,
            by,
            election_id=_kerman().election.id,
            station=plan.code,
            person=f"{role.value} of {plan.code}",
            role=role,
            public_key=key.text,
            now=now,
        )
    return files


def _open_box(
    plan: _Plan, folder: Path, stack: ExitStack, centre: str, operator: OperatorPass
) -> Box:
    """A new box, enrolled through the API in an operator's session, opened and voting."""
    store, key = StationDirectory(folder).create()
    stack.callback(store.close)
    client = HttpCentreClient(centre, key, timeout=TIMEOUT_SECONDS, operator=operator)
    box = Box(store, key, stack.enter_context(client), FilePrinter(folder / "printer.jsonl"))
    box.enrol(election=_kerman().election.id, station=plan.code, policy=OfflinePolicy.REFUSE)
    box.open({CONTEST: plan.received})
    box.start_voting()
    return box


def _cast_the_rest(plan: _Plan, box: Box) -> None:
    """Every voter after the screens' sample, checked in and cast through the box."""
    rest = zip(plan.crowd, plan.ballots, strict=True)
    for code, choice in itertools.islice(rest, SCREEN_VOTERS, None):
        card = box.check_in(code)
        assert isinstance(card, IssuedCard), (code, card)
        box.cast(card.token, [choice])


async def _on_screens(
    urls: Sequence[str],
    plans: Sequence[_Plan],
    rest: Sequence[Future[None]],
    staff: Sequence[dict[StaffRole, Path]],
) -> None:
    """The screens' part of the day in one headless Chromium: every box's sample at once;
    then, once everyone else has voted too, a second check-in refused and the first box's end
    of day."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**LAUNCH)
        kiosks = [
            await Kiosk.open(browser, url, list(files.values()))
            for url, files in zip(urls, staff, strict=True)
        ]
        await asyncio.gather(*(_sample(k, p) for k, p in zip(kiosks, plans, strict=True)))
        for done in rest:
            await asyncio.wrap_future(done)
        # a voter of the first box, again at the second: the centre refuses
        # (in words: the refusal says neither where nor when they voted)
        assert await kiosks[1].refusal(plans[0].crowd[0]) == text_in(
            check_in_refusals.CATALOGUE, check_in_refusal_key(RefusalReason.ALREADY_VOTED), "fa"
        )
        assert await kiosks[0].end_of_day() == text("box_phase_reported", "fa")
        await browser.close()


async def _sample(kiosk: Kiosk, plan: _Plan) -> None:
    """The box's first `SCREEN_VOTERS` voters on its screens; each is checked in while the one
    before votes, as at a real box, and sees their choice named on the review screen."""
    names = {c.code: c.name.fa for c in _kerman().election.contests[0].candidates}
    token = await kiosk.check_in(plan.crowd[0])
    for i, choice in enumerate(plan.ballots[:SCREEN_VOTERS]):
        persian = i % 2 == 1
        following = None
        if i + 1 < SCREEN_VOTERS:
            voter = plan.crowd[i + 1]
            following = asyncio.create_task(kiosk.check_in(voter, persian_digits=not persian))
        review = await kiosk.vote(token, choice, persian_digits=persian)
        if choice.blank:
            assert text("box_blank", "fa") in review
        for code in choice.codes:
            assert names[code] in review
            assert to_persian_digits(code) in review
        if following is not None:
            token = await following


def _end_of_day(
    plans: Sequence[_Plan], boxes: Sequence[Box], staff: Sequence[dict[StaffRole, Path]]
) -> dict[tuple[str, str], str]:
    """Every box but the first (done on its screen) closed, counted and reported; every box
    synced: the hash of each report each box signed, by station and kind."""
    for plan, box, files in zip(plans[1:], boxes[1:], staff[1:], strict=True):
        box.close()
        keys = [(role, read_key_file(path)) for role, path in files.items()]
        box.count({CONTEST: plan.spoiled}, staff=keys)
        box.report(keys)
    signed = {}
    for plan, box in zip(plans, boxes, strict=True):
        for _ in range(SYNC_PASSES):
            if box.sync().outbox.pending == 0:
                break
        status = box.status()
        assert status.records == status.cards_issued == status.cards_used == plan.figures.cast
        assert status.outbox.pending == status.outbox.refused == status.incidents == 0
        with box.store.transaction() as tx:
            for kind in ReportKind:
                data = tx.signed(kind.value)
                assert data is not None
                signed[(plan.code, kind.value)] = sha256_text(data)
    return signed


def _sum(counts: Iterable[Counts]) -> Counts:
    figures: Counter[str] = Counter()
    invalid: Counter[InvalidKind] = Counter()
    votes: Counter[str] = Counter()
    for each in counts:
        figures.update({name: getattr(each, name) for name in FIGURES})
        invalid.update(each.invalid)
        votes.update(each.votes)
    return Counts(**figures, invalid=dict(invalid), votes=dict(votes))


def _shown(counts: Counts) -> Counts:
    """`counts` without the zeros of its mappings, so that a 0 and an absent key compare equal."""
    return Counts(
        **{name: getattr(counts, name) for name in FIGURES},
        invalid={kind: n for kind, n in counts.invalid.items() if n},
        votes={code: n for code, n in counts.votes.items() if n},
    )


def test_an_election_day_through_the_real_centre_and_screens(tmp_path: Path) -> None:
    loaded = _kerman()
    election = loaded.election
    plans = _plans()
    cast = sum(p.figures.cast for p in plans)
    assert cast >= 2_000
    url = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    now = datetime.datetime.now(datetime.UTC)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=now)

    spec = SyntheticRegistrySpec(seed=SEED, size=_registry_size(cast))
    settings = one_run_settings(url, spec, tmp_path / SERVER_KEY)
    with ExitStack() as stack:
        stack.callback(engine.dispose)
        load_election(
            uow,
            election,
            definition_hash=loaded.definition_hash,
            canonical=loaded.canonical,
            now=now,
        )
        approve_as_boards(uow, election, reference=EXAMPLE_APPROVAL, by="board", now=now)
        key = ServerKey.write(tmp_path / SERVER_KEY)
        enroller = add_run_operator(uow, election, by="cli:tests", key=key)
        centre = stack.enter_context(centre_process(settings)).base_url
        staff = [_register_staff(p, tmp_path / f"{p.code}-staff", uow, now) for p in plans]
        operator = run_operator_pass(centre, enroller, timeout=TIMEOUT_SECONDS)
        boxes = [_open_box(p, tmp_path / p.code, stack, centre, operator) for p in plans]
        urls = [stack.enter_context(serve_screens(box)) for box in boxes]
        with ThreadPoolExecutor(max_workers=BOXES) as pool:
            rest = [pool.submit(_cast_the_rest, p, b) for p, b in zip(plans, boxes, strict=True)]
            run_apart(_on_screens(urls, plans, rest, staff))
        signed = _end_of_day(plans, boxes, staff)

        view = show_results(uow, election.id, contest=CONTEST)
        at_station = {  # a read holds its unit and the units just below (the running totals)
            p.code: show_results(uow, election.id, unit=p.code, contest=CONTEST).tallied.total(
                CONTEST, p.code
            )
            for p in plans
        }
        with uow() as work:
            in_ledger = work.ledger.count(election.id)
            per_station = {p.code: work.ledger.count(election.id, p.code) for p in plans}
            stored = {(r.station, r.kind): r.report_hash for r in work.reports.all(election.id)}

    assert in_ledger == cast  # one entry per ballot: no voter checked in twice
    assert per_station == {p.code: p.figures.cast for p in plans}
    assert stored == signed  # the zero and final report of every box, as the box signed them
    for plan in plans:
        total = at_station[plan.code]
        assert total is not None
        assert total.stations_reported == 1
        assert _shown(total.counts) == _shown(plan.expected())
    province = view.tallied.total(CONTEST, PROVINCE)
    assert province is not None
    assert province.stations_reported == BOXES
    assert _shown(province.counts) == _shown(_sum(p.expected() for p in plans))
    assert view.findings == ()

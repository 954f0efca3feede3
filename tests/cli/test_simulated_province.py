"""The live demo's rest of the province (`cli.simulated_province`) on the Kerman runoff: its
stations' boxes check in as many voters of the day's registry as their papers used before their
final reports, so the centre raises no "check-ins ≠ papers used" incident (DESIGN.md §3); their
voters are none of the simulated stations' nor the kiosk's, and each is checked in once."""

from __future__ import annotations

import datetime
import itertools
from fractions import Fraction

from sandogh.cli.database import open_store
from sandogh.cli.demo import EXAMPLE_APPROVAL
from sandogh.cli.demo_preparation import kiosk_station
from sandogh.cli.live_demo_accounts import spare_voters
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import seal_day_record
from sandogh.cli.simulated_ballots import CONTEST
from sandogh.cli.simulated_day import approve_own_build, plan_day
from sandogh.cli.simulated_province import (
    KIOSK_SPARE,
    Crowd,
    close_batch,
    enrol_province,
    open_batch,
    province_of,
)
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.ports import IncidentKind

SEED = 1403
SECRET = b"s" * 32


def test_the_rest_of_the_province_checks_in_its_papers_used_and_raises_no_incident(
    loaded_db: str,
) -> None:
    plan = plan_day(stations=3, scale=Fraction(1), seed=SEED, voters=120)
    province = province_of(plan, kiosk_station(plan), seed=SEED, e2e=False, limit=6)
    election = plan.loaded.election
    store = open_store(loaded_db)
    now = datetime.datetime.now(datetime.UTC)
    approve_as_boards(store, election, reference=EXAMPLE_APPROVAL, by=actor(), now=now)
    approve_own_build(store, election, SEED)
    enrol_province(store, province, by=actor(), role="admin")
    seal_day_record(store, election=election.id, seed=SEED, ceremony=None)
    crowd = Crowd(province, SECRET)
    cast = 0
    for batch in province.batches():
        open_batch(store, province, batch)
        cast += close_batch(store, province, batch, crowd)

    papers = {code: province.check_ins(code) for code in province.stations}
    assert cast == sum(papers.values()) > 0
    with store() as work:
        assert dict(work.ledger.counts_by_station(election.id)) == papers
        by_contest = [work.ledger.counts_by_contest(election.id, s) for s in province.stations]
        incidents = work.incidents.all(election.id)
    assert by_contest == [{CONTEST: papers[s]} for s in province.stations]
    assert [i for i in incidents if i.kind is IncidentKind.CHECK_INS_NOT_PAPERS_USED] == []
    # the registry, grown to hold them, gives the province voters after the day's crowds and
    # the kiosk's spare ones
    registry = SyntheticRegistry(province.registry.seed, size=province.registry.size)
    day = list(itertools.chain.from_iterable(plan.crowds.values()))
    assert province.first_voter == len(day) + KIOSK_SPARE
    walked = registry.voters(election.date)
    voters = [c.digits for c in itertools.islice(walked, province.first_voter + cast)]
    assert voters[: len(day)] == day
    assert spare_voters(plan) == voters[len(day) : len(day) + 3]
    assert len(voters) == province.first_voter + cast


def test_the_live_demos_day_reaches_every_station_of_the_round() -> None:
    """With no `--province` limit, the simulated stations, the kiosk and the rest of the province
    are every station of the runoff, once each (so round 2 can complete and be certified,
    `live_demo_close.certify_round`), and the registry the centre is given holds a voter for
    every ballot paper the province's stations use."""
    plan = plan_day(stations=3, scale=Fraction(1), seed=SEED, voters=120)
    kiosk = kiosk_station(plan)
    province = province_of(plan, kiosk, seed=SEED, e2e=False)
    stations = [*plan.chosen, kiosk, *province.stations]
    assert sorted(stations) == sorted(plan.sheets)
    assert len(stations) == len(plan.sheets) == 2427
    used = sum(province.check_ins(code) for code in province.stations)
    # about 88 % of a synthetic registry may vote: room for the day's, the kiosk's and these
    assert province.registry.size * 0.88 > province.first_voter + used

"""A certified result rewritten in the store is refused by every read (the outsider's F2 of
session 24): a station's sheet and the kept totals of every unit above it changed consistently
by SQL, or the kept totals alone, after the national board certified the president's result; on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, Executable, delete, select, update

from sandogh.core.access import Grant, Role
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Checkpoint, EventType
from sandogh.core.supervision import Certification, input_digest
from sandogh.core.supervision.totals_tree import TOTALS_FORMAT, station_node
from sandogh.services.acting import Actor, acted
from sandogh.services.certifications import certify
from sandogh.services.certified_inputs import CertifiedResultChangedError
from sandogh.services.certified_tree import scope_tree
from sandogh.services.days import day_of
from sandogh.services.outcomes import decide_contests
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import show_results
from sandogh.services.running_trees import TotalsNotLoggedError
from sandogh.services.totals import check_totals
from sandogh.store.tables import CertifiedNodeRow, ResultsTotalVoteRow, TallySheetRow
from sandogh.store.unit_of_work import SqlUnitOfWork

from .build import LATER, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, load
from .test_supervision import CERTIFYING, _import

NewUnitOfWork = Callable[[], UnitOfWork]
NATIONAL = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))
ABOVE_ST_1 = ("IR", "IR-08", "IR-08-0801")
#: every read of the president's figures: (unit, contest), None the root or every contest
READS = (
    (None, None),
    (None, "president"),
    ("IR-08", "president"),
    ("IR-08-0801", None),
    ("IR-08-0801", "president"),
    (ST_1, None),
)


@pytest.fixture
def certified(engine: Engine) -> NewUnitOfWork:
    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    certify(uow, NATIONAL, ROUND_2, "president", **CERTIFYING, now=LATER)
    for unit, contest in READS:  # the honest store is shown
        show_results(uow, ROUND_2, unit=unit, contest=contest)
    return uow


def _execute(engine: Engine, *statements: Executable) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(statement)


def _moved(engine: Engine, codes: tuple[str, ...], *, sheet: bool) -> None:
    """One vote of ST_1's moved from 21 to 25 in the kept totals of `codes`, and on its sheet."""
    votes = ResultsTotalVoteRow.votes
    of = (ResultsTotalVoteRow.contest == "president", ResultsTotalVoteRow.code.in_(codes))
    statements: list[Executable] = [
        update(ResultsTotalVoteRow)
        .where(*of, ResultsTotalVoteRow.candidate == "25")
        .values(votes=votes + 1),
        update(ResultsTotalVoteRow)
        .where(*of, ResultsTotalVoteRow.candidate == "21")
        .values(votes=votes - 1),
    ]
    if sheet:
        with engine.connect() as connection:
            (was,) = connection.execute(
                select(TallySheetRow.votes).where(
                    TallySheetRow.station == ST_1, TallySheetRow.contest == "president"
                )
            ).one()
        moved = {**was, "21": was["21"] - 1, "25": was["25"] + 1}
        statements.append(
            update(TallySheetRow)
            .where(TallySheetRow.station == ST_1, TallySheetRow.contest == "president")
            .values(votes=moved)
        )
    _execute(engine, *statements)


def _every_read_refused(
    uow: NewUnitOfWork, reads: tuple[tuple[str | None, str | None], ...]
) -> None:
    for unit, contest in reads:
        with pytest.raises(CertifiedResultChangedError) as refused:
            show_results(uow, ROUND_2, unit=unit, contest=contest)
        assert refused.value.certification.contest == "president"
    with pytest.raises(CertifiedResultChangedError) as refused:
        decide_contests(uow, ROUND_2)  # `sandogh outcome`
    with pytest.raises(CertifiedResultChangedError):
        check_totals(uow, ROUND_2)  # `sandogh results check-totals`
    assert "تأیید صحت آن (رویداد" in refused.value.fa
    assert "انتخابات ریاست جمهوری (همه حوزه‌ها)" in refused.value.fa
    assert refused.value.en.startswith("The stored tally sheets, totals or decisions of contest")


def test_a_sheet_and_every_total_above_it_rewritten_are_refused_by_every_read(
    certified: NewUnitOfWork, engine: Engine
) -> None:
    _moved(engine, ABOVE_ST_1, sheet=True)
    _every_read_refused(certified, READS)


def test_the_kept_totals_alone_rewritten_are_refused_by_every_read_of_them(
    certified: NewUnitOfWork, engine: Engine
) -> None:
    """The sheets as certified, the totals of the county and every unit above it moved: the
    sums agree with each other; what is certified is the sheets the totals must add up."""
    _moved(engine, ABOVE_ST_1, sheet=False)
    for unit, contest in READS:  # a station's too: the totals above it lead to the root
        with pytest.raises(CertifiedResultChangedError):
            show_results(certified, ROUND_2, unit=unit, contest=contest)
    show_results(certified, ROUND_2, unit="IR-08-0801", contest="parliament")  # not certified


@pytest.mark.parametrize("codes", [ABOVE_ST_1, ("IR-08-0801",)], ids=["every-unit", "a-county"])
def test_the_outcome_refuses_a_certification_whose_kept_totals_were_rewritten(
    certified: NewUnitOfWork, engine: Engine, codes: tuple[str, ...]
) -> None:
    """The outsider's F7 (session 26): `outcome` said "Certified by …" over kept totals
    rewritten in SQL (its figures, from the sheets, true). The whole readers (the outcome,
    `check-totals`, the publisher) now hold the kept totals of every certification in force to
    the root of its tree: a county's total alone rewritten too, which no read of the nation
    takes."""
    decide_contests(certified, ROUND_2)
    _moved(engine, codes, sheet=False)
    with pytest.raises(CertifiedResultChangedError) as refused:
        decide_contests(certified, ROUND_2)  # `sandogh outcome`
    assert refused.value.certification.contest == "president"
    assert "تأیید صحت آن (رویداد" in refused.value.fa


def test_a_node_of_the_tree_changed_or_deleted_in_the_store_is_refused(
    certified: NewUnitOfWork, engine: Engine
) -> None:
    """The nodes a read takes from the store are held to the root the log records: a sibling's
    node rewritten, or every node deleted, is refused by the reads that take them."""
    node = CertifiedNodeRow
    _execute(engine, update(node).where(node.code == ST_2).values(node="x"))
    with pytest.raises(CertifiedResultChangedError):  # its sibling's read takes it
        show_results(certified, ROUND_2, unit=ST_1, contest="president")
    _execute(engine, update(node).where(node.code == "IR-08-0801").values(below="x"))
    with pytest.raises(CertifiedResultChangedError):  # the province's read takes the county's
        show_results(certified, ROUND_2, unit="IR-08", contest="president")
    show_results(certified, ROUND_2, unit="IR-08-0801")  # reads its own stations' sheets
    _execute(engine, delete(CertifiedNodeRow))
    with pytest.raises(CertifiedResultChangedError):
        show_results(certified, ROUND_2, unit="IR-08-0801")


def test_a_station_s_sheet_rewritten_is_refused_by_the_read_of_the_unit_just_above_it(
    certified: NewUnitOfWork, engine: Engine
) -> None:
    """The read of a unit with stations directly below it (a city of 3,508 nationally) makes
    each station's node from the sheet it reads, never takes it from the store: ST_1's sheet
    moved, and its node in the store made again from the moved sheet, leave the county's
    below-hash and the root unmatched; of the contest certified alone, and of every contest."""
    _moved(engine, (), sheet=True)
    with certified() as work:
        (moved,) = [
            s
            for s in work.tallies.of_stations(ROUND_2, [ST_1], ["president"])
            if s.contest == "president"
        ]
    node = CertifiedNodeRow
    _execute(
        engine,
        update(node)
        .where(node.code == ST_1, node.contest == "president")
        .values(node=station_node(ST_1, moved)),
    )
    for contest in ("president", None):
        with pytest.raises(CertifiedResultChangedError) as refused:
            show_results(certified, ROUND_2, unit="IR-08-0801", contest=contest)
        assert refused.value.certification.contest == "president"
    show_results(certified, ROUND_2, unit="IR-08-0801", contest="parliament")  # not certified


def test_a_constituency_s_certification_checks_the_reads_of_its_units(engine: Engine) -> None:
    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    kerman = Actor("kermani", Grant(Role.SUPERVISOR, "IR-08"))
    certify(uow, kerman, ROUND_2, "parliament", "P1", **CERTIFYING, now=LATER)
    votes = ResultsTotalVoteRow.votes
    _execute(
        engine,
        update(ResultsTotalVoteRow)
        .where(
            ResultsTotalVoteRow.contest == "parliament",
            ResultsTotalVoteRow.candidate == "31",
            ResultsTotalVoteRow.code.in_(ABOVE_ST_1),
        )
        .values(votes=votes + 1),
    )
    # the constituency's county, and the province whose row holds it whole
    for unit in ("IR-08-0801", "IR-08", ST_1):
        with pytest.raises(CertifiedResultChangedError) as refused:
            show_results(uow, ROUND_2, unit=unit, contest="parliament")
        assert refused.value.certification.constituency == "P1"
    # P2 is not certified: its county's path holds the province's rewritten row, to the root
    # the log last recorded (`services.running_trees`)
    with pytest.raises(TotalsNotLoggedError) as rewritten:
        show_results(uow, ROUND_2, unit="IR-08-0802", contest="parliament")
    assert (rewritten.value.unit, rewritten.value.contest) == ("IR-08-0802", "parliament")


def _certified_as_before_the_tree(uow: NewUnitOfWork, *, flat_tree: bool = False) -> None:
    """The president's result certified as sandogh certified before the tree: its entry holds
    the digest, no root, and no nodes are kept; `flat_tree`: as revision 0025 certified, its
    flat tree's nodes kept and its root in the entry, which names no format."""
    with uow() as work:
        day = day_of(work, ROUND_2)
        sheets = list(work.tallies.all(ROUND_2))
        digest = input_digest(
            day.geography, day.definition_hash, "president", None, sheets=sheets, voids=[]
        )
        made = Certification(
            ROUND_2,
            "president",
            None,
            NATIONAL.username,
            NATIONAL.grant,
            LATER,
            digest,
            **CERTIFYING,
        )
        details: dict[str, JSONValue] = {
            "election": ROUND_2,
            "contest": "president",
            "constituency": None,
            "stations": 3,
            "digest": digest,
            **CERTIFYING,
        }
        if flat_tree:
            by_station = {s.station: s for s in sheets if s.contest == "president"}
            root, nodes = scope_tree(
                work, day.geography, "president", None, by_station, paged=False
            )
            work.certifications.keep_tree(ROUND_2, "president", nodes)
            details["totals_root"] = root
        entry = work.events.record(
            acted(NATIONAL, LATER, EventType.RESULT_CERTIFIED, "IR", details)
        )
        work.certifications.add(made, Checkpoint(entry.sequence, entry.hash))
        work.commit()


def test_a_certification_made_before_the_tree_is_held_to_its_digest(engine: Engine) -> None:
    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    _certified_as_before_the_tree(uow)
    for unit, contest in READS:
        show_results(uow, ROUND_2, unit=unit, contest=contest)
    _moved(engine, ABOVE_ST_1, sheet=False)  # the totals alone: not the sums of the sheets
    for unit, contest in READS[:-1]:
        with pytest.raises(CertifiedResultChangedError):
            show_results(uow, ROUND_2, unit=unit, contest=contest)
    _moved(engine, ABOVE_ST_1[-1:], sheet=True)  # and the sheet below: not the digest's
    with pytest.raises(CertifiedResultChangedError):
        show_results(uow, ROUND_2, unit=ST_1)


def test_a_certification_naming_no_tree_format_is_read_with_the_flat_below(
    engine: Engine,
) -> None:
    """Certified with revision 0025's flat `below` (sessions 26–27): read as then, each read
    held to its root, not to its digest alone (a paged `below` would not lead there)."""

    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    _certified_as_before_the_tree(uow, flat_tree=True)
    for unit, contest in READS:
        show_results(uow, ROUND_2, unit=unit, contest=contest)
    decide_contests(uow, ROUND_2)
    _moved(engine, ("IR-08-0801",), sheet=False)  # a county's total alone: no digest sees it
    with pytest.raises(CertifiedResultChangedError):
        decide_contests(uow, ROUND_2)
    with pytest.raises(CertifiedResultChangedError):
        show_results(uow, ROUND_2, unit="IR-08", contest="president")


def test_a_certification_names_its_tree_s_format(certified: NewUnitOfWork) -> None:
    with certified() as work:
        (entry,) = work.events.of_type(EventType.RESULT_CERTIFIED, ROUND_2)
    assert entry.event.details["totals_format"] == TOTALS_FORMAT == 2


def test_a_paged_read_holds_what_it_shows_to_the_tree(
    certified: NewUnitOfWork, engine: Engine
) -> None:
    """A page of a unit's stations (one to a page here; 100 of a city's 3,508 nationally): a
    station rewritten with its stored node is refused on the page that shows it, and by the
    page that takes its node from the store; a sheet rewritten alone only where it is read
    (a page not showing it reads neither it nor its node's source: `outcome` and `check-totals`
    read every sheet). A unit's total rewritten is refused on every page."""
    county = "IR-08-0801"
    for page in (1, 2):  # the honest store, page by page
        show_results(certified, ROUND_2, unit=county, contest="president", page=page, page_size=1)
    _moved(engine, (), sheet=True)  # ST_1's sheet, on page 1
    with pytest.raises(CertifiedResultChangedError):
        show_results(certified, ROUND_2, unit=county, contest="president", page=1, page_size=1)
    shown = show_results(certified, ROUND_2, unit=county, contest="president", page=2, page_size=1)
    assert [unit.code for unit, _, _ in shown.results[0].parts] == [ST_2]
    with pytest.raises(CertifiedResultChangedError):
        check_totals(certified, ROUND_2)
    with certified() as work:
        (moved,) = work.tallies.of_stations(ROUND_2, [ST_1], ["president"])
    node = CertifiedNodeRow
    _execute(
        engine,
        update(node)
        .where(node.code == ST_1, node.contest == "president")
        .values(node=station_node(ST_1, moved)),
    )
    for page in (1, 2):
        with pytest.raises(CertifiedResultChangedError):
            show_results(
                certified, ROUND_2, unit=county, contest="president", page=page, page_size=1
            )


def test_a_unit_s_total_rewritten_is_refused_on_every_page(
    certified: NewUnitOfWork, engine: Engine
) -> None:
    _moved(engine, ABOVE_ST_1, sheet=False)
    for unit, page in (("IR-08-0801", 1), ("IR-08-0801", 2), ("IR-08", 1), ("IR-08", 2)):
        with pytest.raises(CertifiedResultChangedError):
            show_results(certified, ROUND_2, unit=unit, contest="president", page=page, page_size=1)

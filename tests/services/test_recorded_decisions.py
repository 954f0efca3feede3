"""A void or certification that no event-log entry records is refused when results are read:
the attack of a row written straight into the database, on SQLite and PostgreSQL (and the
honest case on the in-memory fake too); so is a certification undone, put back in force, deleted
or rewritten by hand (issue 13)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, Executable, delete, insert, select, update

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.log import EventType
from sandogh.core.supervision import Decision, StationVoid
from sandogh.locale import to_persian_digits
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify, uncertify
from sandogh.services.lot_commitments import commit_lot
from sandogh.services.outcome_decisions import withdraw
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import show_results, tally
from sandogh.services.unrecorded import UnrecordedDecisionError
from sandogh.services.voids import void
from sandogh.store.errors import UnreadableRowError
from sandogh.store.tables import CertificationRow, OutcomeDecisionRow, VoidRow
from sandogh.store.unit_of_work import SqlUnitOfWork

from .build import LATER, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, load
from .test_supervision import CERTIFYING, SUPERVISOR, UNDOING, _import

NewUnitOfWork = Callable[[], UnitOfWork]
NO_SEAL = Decision("no seal", "هیات ۷")
NATIONAL = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))
EXECUTIVE = Actor("ejraei", Grant(Role.COUNTY_HQ, "IR-08-0801"))  # the executive board


def _results(uow: NewUnitOfWork) -> dict[str, int]:
    (county,) = show_results(uow, ROUND_2, unit="IR-08-0801", contest="president").results
    return dict(county.total.counts.votes)


def test_a_void_and_a_certification_made_by_their_use_cases_are_believed(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    load(new_unit_of_work, ROUND_2_DAY)
    _import(new_unit_of_work, ST_1, ST_2, ST_3)
    done = void(new_unit_of_work, SUPERVISOR, ROUND_2, StationVoid(ST_3, None, NO_SEAL), now=LATER)
    certify(new_unit_of_work, NATIONAL, ROUND_2, "president", **CERTIFYING, now=LATER)
    with new_unit_of_work() as work:
        (stored,) = work.voids.all(ROUND_2)
        head = work.events.head()
    assert stored.logged == done.record.logged
    assert head is not None
    assert stored.logged is not None
    assert stored.logged.sequence == head.sequence - 1  # the certification's entry came next
    assert _results(new_unit_of_work) == {"21": 5, "25": 3}


@pytest.fixture
def sql_uow(engine: Engine) -> NewUnitOfWork:
    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2, ST_3)
    return uow


def _void_row(**logged: object) -> dict[str, object]:
    return {
        "election_id": ROUND_2,
        "kind": "station",
        "contest": None,
        "stations": [ST_1],
        "reason": "made up",
        "reference": "none",
        "decided_by": "hoseini",
        "decided_at": LATER,
        **logged,
    }


def _execute(engine: Engine, statement: Executable) -> None:
    """The attacker's write, straight into the database."""
    with engine.begin() as connection:
        connection.execute(statement)


def test_a_void_row_inserted_by_sql_with_no_log_entry_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    _execute(engine, insert(VoidRow).values(_void_row()))
    with pytest.raises(
        UnrecordedDecisionError, match=r"void \d+ is not as the event log records it"
    ) as raised:
        _results(sql_uow)
    assert raised.value.what == "void"
    assert raised.value.why == "it names no log entry"


def test_a_void_row_naming_another_entry_or_none_there_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    with sql_uow() as work:
        head = work.events.head()
    assert head is not None  # the results imported
    _execute(engine, insert(VoidRow).values(_void_row(log_sequence=head.sequence, log_hash="0")))
    with pytest.raises(UnrecordedDecisionError, match=f"entry {head.sequence} has hash"):
        _results(sql_uow)
    _execute(engine, update(VoidRow).values(log_hash=head.hash))
    with pytest.raises(UnrecordedDecisionError, match="records results-imported"):
        _results(sql_uow)
    _execute(engine, update(VoidRow).values(log_sequence=head.sequence + 5))
    with pytest.raises(UnrecordedDecisionError, match=f"holds no entry {head.sequence + 5}"):
        _results(sql_uow)


def test_a_logged_void_rewritten_by_sql_is_refused(sql_uow: NewUnitOfWork, engine: Engine) -> None:
    void(sql_uow, SUPERVISOR, ROUND_2, StationVoid(ST_3, None, NO_SEAL), now=LATER)
    assert _results(sql_uow) == {"21": 5, "25": 3}
    _execute(engine, update(VoidRow).values(stations=[ST_1]))
    with pytest.raises(UnrecordedDecisionError, match="records stations"):
        _results(sql_uow)


def test_a_certification_row_inserted_by_sql_with_no_log_entry_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    row = {
        "election_id": ROUND_2,
        "contest": "president",
        "constituency": None,
        "certified_by": "tehrani",
        "role": Role.SUPERVISOR.value,
        "place": "IR",
        "certified_at": LATER + datetime.timedelta(hours=1),
        "digest": "sha256:" + "0" * 64,
    }
    _execute(engine, insert(CertificationRow).values(row))
    with pytest.raises(UnrecordedDecisionError, match=r"certification \d+ is not as the event log"):
        _results(sql_uow)


def _certified(uow: NewUnitOfWork) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The certifications in force, and those undone, by who made them, as results read them."""
    tallied = show_results(uow, ROUND_2, unit="IR-08-0801", contest="president").tallied
    return tuple(c.by for c in tallied.certifications), tuple(
        u.certification.by for u in tallied.undone
    )


def _certify(uow: NewUnitOfWork) -> int:
    """The national board certifies the president's result; the row's number."""
    certify(uow, NATIONAL, ROUND_2, "president", **CERTIFYING, now=LATER)
    with uow() as work:
        (record,) = work.certifications.records(ROUND_2)
    return record.id


def _undo(uow: NewUnitOfWork) -> None:
    second = Actor("dovom", Grant(Role.SUPERVISOR, "IR"))
    uncertify(uow, second, ROUND_2, "president", **UNDOING, now=LATER)


def test_a_certification_undone_by_sql_alone_is_refused_naming_the_row(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    """The attack of issue 13: `undone_at` set by hand lifted a certification (and the freeze
    it holds) with no log entry behind it."""
    number = _certify(sql_uow)
    assert _certified(sql_uow) == (("tehrani",), ())
    row = CertificationRow
    _execute(engine, update(row).values(undone_at=LATER, undone_by="dovom"))
    with pytest.raises(
        UnrecordedDecisionError, match="its undoing: it names no log entry"
    ) as raised:
        _certified(sql_uow)
    assert (raised.value.what, raised.value.number) == ("certification", number)
    assert f"تأیید صحت شماره {to_persian_digits(str(number))}" in raised.value.fa


def test_an_undoing_taken_back_or_rewritten_by_sql_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    number = _certify(sql_uow)
    _undo(sql_uow)
    assert _certified(sql_uow) == ((), ("tehrani",))
    with engine.connect() as connection:
        kept = connection.execute(select(CertificationRow)).one()._asdict()
    row = CertificationRow
    _execute(engine, update(row).values(undo_reason="به درخواست نامزد"))
    with pytest.raises(UnrecordedDecisionError, match=r"its undoing: entry \d+ records reason"):
        _certified(sql_uow)
    _execute(engine, update(row).values(undo_reason=kept["undo_reason"], undone_place="IR-08"))
    with pytest.raises(UnrecordedDecisionError, match="records acting_at 'IR', not 'IR-08'"):
        _certified(sql_uow)
    # put back in force: the row as if never undone, the freeze back with no entry for it
    undone = {k: None for k in kept if k.startswith("undo")}
    _execute(engine, update(row).values(**undone))
    with pytest.raises(UnrecordedDecisionError, match="held in force, but entry") as raised:
        _certified(sql_uow)
    assert raised.value.number == number
    _execute(engine, update(row).values(**{k: kept[k] for k in undone}))
    assert _certified(sql_uow) == ((), ("tehrani",))  # as recorded, believed again


def test_a_certification_deleted_or_rewritten_by_sql_is_refused(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    _certify(sql_uow)
    _execute(engine, update(CertificationRow).values(reason=None))  # the board's words blanked
    with pytest.raises(UnrecordedDecisionError, match="records reason 'نتیجه بررسی شد', not None"):
        _certified(sql_uow)
    _execute(engine, update(CertificationRow).values(reason=CERTIFYING["reason"], role="admin"))
    with pytest.raises(UnrecordedDecisionError, match="in the role supervisor, not admin"):
        _certified(sql_uow)
    with sql_uow() as work:
        (entry,) = work.events.of_type(EventType.RESULT_CERTIFIED, ROUND_2)
    _execute(engine, delete(CertificationRow))
    with pytest.raises(UnrecordedDecisionError, match="holds no certification") as raised:
        _certified(sql_uow)
    assert (raised.value.number, raised.value.entry) == (None, entry.sequence)
    assert "رویداد" in raised.value.fa


def test_a_withdrawal_rewritten_or_unlinked_by_sql_is_refused_by_every_unit_read(
    engine: Engine,
) -> None:
    """A unit's read (issue 14) reads one contest's totals, but checks every decision the
    outcomes are computed with: a withdrawal of a parliament candidate rewritten by hand is
    refused by a read of the president's figures too, and by a station's."""

    def sql_uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(sql_uow, ROUND_2_DAY)
    withdraw(sql_uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=LATER)
    _import(sql_uow, ST_1, ST_2, ST_3)
    believed = _results(sql_uow)
    _execute(engine, update(OutcomeDecisionRow).values(data={"candidate": "32"}))
    for unit, contest in (("IR-08-0801", "president"), (ST_1, "parliament"), ("IR", None)):
        with pytest.raises(UnrecordedDecisionError, match="the log records other details"):
            show_results(sql_uow, ROUND_2, unit=unit, contest=contest)
    _execute(engine, update(OutcomeDecisionRow).values(data={"candidate": "31"}, log_hash="0"))
    with pytest.raises(UnrecordedDecisionError, match="its log entry is missing or another"):
        _results(sql_uow)
    assert believed


def test_a_void_row_deleted_by_sql_is_refused_by_every_read(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    """The outsider's F3 of session 24: `delete from voids` brought the voided ballots back into
    the results and the outcomes, with nothing refused; the log still records the void."""
    done = void(sql_uow, SUPERVISOR, ROUND_2, StationVoid(ST_3, None, NO_SEAL), now=LATER)
    assert done.record.logged is not None
    _execute(engine, delete(VoidRow))
    for unit, contest in ((None, None), ("IR-08-0801", None), (None, "president"), (ST_3, None)):
        with pytest.raises(UnrecordedDecisionError, match="holds no void that entry") as raised:
            show_results(sql_uow, ROUND_2, unit=unit, contest=contest)
        assert (raised.value.what, raised.value.entry) == ("void", done.record.logged.sequence)
    with sql_uow() as work, pytest.raises(UnrecordedDecisionError, match="holds no void"):
        tally(work, ROUND_2)  # what outcomes, statements and the publisher read
    assert "ابطال رویداد" in raised.value.fa


def test_a_withdrawal_or_lot_commitment_deleted_by_sql_is_refused(engine: Engine) -> None:
    def sql_uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(sql_uow, ROUND_2_DAY)
    bam = Actor("bami", Grant(Role.SUPERVISOR, "IR-08-0802"))
    commit_lot(
        sql_uow, bam, ROUND_2, "parliament", "P2", secret="راز هیئت بم ۱۴۰۳ — 5c1e9a07d3", now=LATER
    )
    withdraw(sql_uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=LATER)
    _import(sql_uow, ST_1, ST_2, ST_3)
    _results(sql_uow)
    kind = OutcomeDecisionRow.kind
    _execute(engine, delete(OutcomeDecisionRow).where(kind == "withdrawal"))
    with pytest.raises(UnrecordedDecisionError, match="holds no withdrawal that entry") as raised:
        _results(sql_uow)
    assert "انصراف رویداد" in raised.value.fa
    _execute(engine, delete(OutcomeDecisionRow))
    with pytest.raises(UnrecordedDecisionError, match="holds no lot-commitment that entry"):
        _results(sql_uow)


def test_a_decision_s_data_emptied_by_sql_is_refused(engine: Engine) -> None:
    """A row's data is what its entry records, all of it: emptied by hand, it was believed as
    "a part of it"."""

    def sql_uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    load(sql_uow, ROUND_2_DAY)
    withdraw(sql_uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=LATER)
    _import(sql_uow, ST_1, ST_2, ST_3)
    _results(sql_uow)
    _execute(engine, update(OutcomeDecisionRow).values(data={}))
    with pytest.raises(UnrecordedDecisionError, match="the log records other details"):
        _results(sql_uow)


def test_a_certification_row_with_no_role_sandogh_has_is_said_to_be_changed(
    sql_uow: NewUnitOfWork, engine: Engine
) -> None:
    """Not a failure no command foresaw (a report written, in English): a store changed."""
    _certify(sql_uow)
    _execute(engine, update(CertificationRow).values(role="president"))
    with pytest.raises(UnreadableRowError) as refused:
        _results(sql_uow)
    assert refused.value.fa.startswith("تأیید صحت شماره ۱ در پایگاه داده خوانده نمی‌شود")

"""The stored definition's next version before printing: a withdrawal before printing takes the
candidate off the contest (a new version and hash, logged), refused once a box is enrolled; the
code draw stores the drawn definition when the election is stored; on the in-memory fake, SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.draw import CodeDraw
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.definition.model import Election
from sandogh.formats.definition_file import CANONICAL, definition_hash
from sandogh.services.acting import Actor
from sandogh.services.code_draw import draw
from sandogh.services.definition_versions import NotTheStoredDefinitionError, PrintedError
from sandogh.services.devices import enrol_device
from sandogh.services.outcome_decisions import AlreadyWithdrawnError, withdraw
from sandogh.services.ports import StoredElection, UnitOfWork
from sandogh.services.recorded_decisions import recorded_withdrawals

from . import candidacy_build as cb
from .build import LATER, NOW, ROUND_2, ROUND_2_DAY, ST_1, box, day, load, parliament
from .operators_build import add
from .test_candidacy import events, qualify

NewUnitOfWork = Callable[[], UnitOfWork]
EXECUTIVE = Actor("ejraei", Grant(Role.COUNTY_HQ, "IR-08-0801"))  # Kerman's executive board
BEFORE = Printing.BEFORE


def _stored(uow: NewUnitOfWork, election: str) -> StoredElection:
    with uow() as work:
        stored = work.elections.get(election)
    assert stored is not None
    return stored


def _parliament(stored: StoredElection) -> list[str]:
    (contest,) = [c for c in stored.election.contests if c.id == "parliament"]
    return [c.code for c in contest.candidates]


def test_a_withdrawal_before_printing_rewrites_the_definition_until_a_box_holds_it(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    load(uow, ROUND_2_DAY)
    withdraw(
        uow, EXECUTIVE, ROUND_2, "parliament", "33", printing=BEFORE, canonical=CANONICAL, now=NOW
    )

    stored = _stored(uow, ROUND_2)
    assert _parliament(stored) == ["31", "32", "34", "41", "42"]  # the others keep their codes
    assert stored.election.version == ROUND_2_DAY.version + 1
    assert stored.definition_hash == definition_hash(stored.election)
    assert stored.definition_hash != definition_hash(ROUND_2_DAY)
    with uow() as work:
        (rewritten,) = [
            e.event for e in work.events.entries() if e.event.type.value == "definition-rewritten"
        ]
        assert [w.candidate for w in recorded_withdrawals(work, ROUND_2)] == ["33"]
    assert rewritten.details["replaces"] == definition_hash(ROUND_2_DAY)
    assert rewritten.details["definition_hash"] == stored.definition_hash
    assert rewritten.details["because"] == "withdrawal"
    assert events(uow)[-2:] == ["definition-rewritten", "candidate-withdrawn"]
    with pytest.raises(AlreadyWithdrawnError):
        withdraw(
            uow,
            EXECUTIVE,
            ROUND_2,
            "parliament",
            "33",
            printing=BEFORE,
            canonical=CANONICAL,
            now=NOW,
        )

    enrolled = enrol_device(
        uow, election_id=ROUND_2, station=ST_1, public_key_hex=box(ST_1), now=NOW
    )
    assert enrolled.definition_hash == stored.definition_hash
    with pytest.raises(PrintedError) as printed:
        withdraw(
            uow,
            EXECUTIVE,
            ROUND_2,
            "parliament",
            "34",
            printing=BEFORE,
            canonical=CANONICAL,
            now=LATER,
        )
    assert printed.value.station == ST_1
    assert "پس از چاپ برگه" in printed.value.fa
    assert "the first box enrolled" in printed.value.en
    assert _stored(uow, ROUND_2) == stored  # nothing rewritten, nothing recorded
    assert events(uow).count("candidate-withdrawn") == 1

    after = withdraw(
        uow, EXECUTIVE, ROUND_2, "parliament", "34", printing=Printing.AFTER, now=LATER
    )
    assert after.printing is Printing.AFTER
    assert _stored(uow, ROUND_2) == stored  # after printing the ballot stays as it is


def test_the_draw_stores_the_drawn_definition_when_the_election_is_stored(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    majlis = parliament(False)  # Kerman's seats only, within the headquarters' county
    kerman = replace(
        majlis, constituencies=majlis.constituencies[:1], candidates=majlis.candidates[:4]
    )
    draft = day(cb.ELECTION, (kerman,), cb.POLLING)
    cb.stored(uow, draft)
    add(uow, "governorate", Role.COUNTY_HQ, "IR-08-0801")  # who draws is an account (S20 F7)
    for n in (1, 2):
        qualify(uow, cb.registered(uow, n, "P1"))
    cb.published(uow)

    def drawn(on: Election) -> tuple[Election, str, CodeDraw]:
        return draw(
            uow,
            cb.HQ,
            on,
            "parliament",
            secret=cb.SECRET,
            drawn_by=("governorate",),
            width=0,
            canonical=CANONICAL,
            now=cb.FINAL_LIST,
        )

    other = day(cb.ELECTION, (parliament(True),), cb.POLLING)
    with pytest.raises(NotTheStoredDefinitionError) as not_stored:
        drawn(other)
    assert not_stored.value.stored == definition_hash(draft)

    election, new_hash, _drawn = drawn(draft)
    stored = _stored(uow, cb.ELECTION)
    assert (stored.election, stored.definition_hash) == (election, new_hash)
    assert sorted(_parliament(stored)) == ["1", "2"]
    assert events(uow)[-2:] == ["definition-rewritten", "candidate-codes-drawn"]
    again = drawn(draft)
    assert again[:2] == (election, new_hash)
    assert events(uow).count("definition-rewritten") == 1

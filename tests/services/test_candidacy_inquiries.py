"""Inquiries to the four authorities: every answer is stored once and none is lost."""

from collections.abc import Callable

import pytest

from sandogh.core.candidacy.process import Authority
from sandogh.services.candidacy import candidacy_of
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.candidacy_ports import InquiryReply
from sandogh.services.memory_candidacy import FakeAuthorities
from sandogh.services.ports import UnitOfWork

from . import candidacy_build as cb
from .test_candidacy import events

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    cb.stored(new_unit_of_work)
    return new_unit_of_work


def test_an_inquiry_answer_is_never_lost_nor_stored_twice(uow: NewUnitOfWork) -> None:
    applicant = cb.registered(uow, 1)
    authorities = FakeAuthorities()
    inquire(uow, cb.HQ, cb.ELECTION, applicant, authorities, now=cb.EXECUTIVE)
    assert len(authorities.asked) == 4
    reply = InquiryReply(
        "P-7", cb.ELECTION, applicant, Authority.POLICE, False, "a record", cb.EXECUTIVE.date()
    )
    authorities.answer(reply)

    def crash(_: InquiryReply) -> None:
        raise OSError("the centre stopped before it acknowledged")

    acknowledge, authorities.acknowledge = authorities.acknowledge, crash  # type: ignore[method-assign]
    with pytest.raises(OSError, match="acknowledged"):
        collect_answers(uow, cb.HQ, authorities, now=cb.EXECUTIVE)
    authorities.acknowledge = acknowledge  # type: ignore[method-assign]
    stray = InquiryReply("P-8", cb.ELECTION, 9, Authority.POLICE, True, "", cb.EXECUTIVE.date())
    authorities.answer(stray)  # about no applicant: refused, left on offer, holding nothing up
    collected = collect_answers(uow, cb.HQ, authorities, now=cb.EXECUTIVE)
    assert collected.stored == ()  # the first is stored already: only acknowledged
    assert [reply for reply, _ in collected.refused] == [stray]
    assert authorities.replies() == [stray]
    (answer,) = candidacy_of(uow, cb.ELECTION).files[applicant].answers
    assert (answer.authority, answer.clear, answer.reason) == (Authority.POLICE, False, "a record")
    assert events(uow).count("inquiry-answered") == 1

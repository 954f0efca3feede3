"""Inquiries (استعلام) about each applicant to the four authorities the law names — civil
registry, police, judiciary, intelligence (`reference/iran-candidacy.md` §2.3) — through the
`Authorities` port (a folder, `registry.inquiries`; a fake, `services.memory_candidacy`).

A question is recorded (one step of the log) before it is sent, and sent again while unanswered. An
answer is stored in a transaction of its own under the authority's id and acknowledged only after
the commit: an answer offered again after a failure is only acknowledged, never stored twice, and
none is lost; an answer the files refuse (about no applicant, to no question asked, about an
applicant outside the operator's place) stays on offer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sandogh.core.access import Action
from sandogh.core.candidacy.process import (
    Answer,
    Authority,
    Candidacy,
    CandidacyRefusedError,
    Inquiry,
    check_answer,
    check_inquiry,
)
from sandogh.core.errors import SandoghError
from sandogh.services.acting import Actor, guarded
from sandogh.services.candidacy_files import (
    NoApplicantError,
    NoCalendarError,
    allowed,
    file_of,
    iran_day,
    record_step,
    schedule_of,
)
from sandogh.services.candidacy_places import OutsidePlaceError, require_on
from sandogh.services.candidacy_ports import Authorities, InquiryReply, InquiryRequest
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork


def inquire(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    applicant: int,
    authorities: Authorities,
    *,
    now: datetime.datetime,
) -> tuple[Authority, ...]:
    """Ask the authorities not yet asked (recorded), then send every unanswered question: a
    question recorded but never sent is sent by running this again."""

    def use_case(work: UnitOfWork) -> Candidacy:
        allowed(actor, Action.MANAGE_CANDIDACY, election)
        file = file_of(work, election, applicant)
        require_on(work, actor, Action.MANAGE_CANDIDACY, election, file)
        schedule = schedule_of(work, election, file.registration.contest)
        for authority in Authority:
            if authority not in file.asked:
                inquiry = Inquiry(applicant, authority, iran_day(now))
                check_inquiry(schedule, file, inquiry)
                record_step(work, actor, election, inquiry, now=now)
        return file_of(work, election, applicant)

    file = guarded(uow, actor, now, use_case)
    unanswered = tuple(a for a in file.asked if a not in file.answered())
    person = file.registration.person
    for authority in unanswered:
        authorities.ask(
            InquiryRequest(
                election,
                applicant,
                authority,
                person.national_code,
                person.name_fa,
                person.name_en,
                person.birth_date,
            )
        )
    return unanswered


@dataclass(frozen=True)
class Collected:
    """The answers stored now, and those refused (about no applicant, or to no question asked):
    a refused answer stays on offer, named, and does not hold the others up."""

    stored: tuple[Answer, ...]
    refused: tuple[tuple[InquiryReply, SandoghError], ...]


def collect_answers(
    uow: UnitOfWorkFactory, actor: Actor, authorities: Authorities, *, now: datetime.datetime
) -> Collected:
    """Store every answer on offer, each in a transaction of its own, acknowledging it after its
    commit; an answer already stored is only acknowledged."""
    stored: list[Answer] = []
    refused: list[tuple[InquiryReply, SandoghError]] = []
    for reply in authorities.replies():

        def use_case(work: UnitOfWork, reply: InquiryReply = reply) -> Answer | None:
            return _store_answer(work, actor, reply, now)

        try:
            answer = guarded(uow, actor, now, use_case)
        except (
            CandidacyRefusedError,
            NoApplicantError,
            NoCalendarError,
            OutsidePlaceError,
        ) as error:
            refused.append((reply, error))
            continue
        if answer is not None:
            stored.append(answer)
        authorities.acknowledge(reply)
    return Collected(tuple(stored), tuple(refused))


def _store_answer(
    work: UnitOfWork, actor: Actor, reply: InquiryReply, now: datetime.datetime
) -> Answer | None:
    allowed(actor, Action.MANAGE_CANDIDACY, reply.election)
    answer_id = f"{reply.authority}:{reply.id}"
    if work.candidacy.has_answer(reply.election, answer_id):
        return None
    answer = Answer(
        reply.applicant, reply.authority, answer_id, reply.clear, reply.reason, reply.answered_on
    )
    file = file_of(work, reply.election, reply.applicant)
    require_on(work, actor, Action.MANAGE_CANDIDACY, reply.election, file)
    check_answer(file, answer)
    record_step(
        work,
        actor,
        reply.election,
        answer,
        now=now,
        answer_id=answer_id,
    )
    return answer

"""Round 1's candidacy in the live demo (issue 12), from `examples/kerman-1403/candidacy.json`:
round 1's draft definition loaded (its units and constituencies place every step), the calendar
stored, the applicants registered with their documents, the four authorities asked
and answering through the file port (`registry.inquiries.FolderAuthorities`, in `authorities/`),
the Guardian Council's boards deciding, the final list published, the two withdrawals of 2024
and the code draw, each by the use case its `sandogh candidates …` command runs, on its day of
the calendar. The draw rewrites the stored draft, which must then be round 1's to the byte: its
hash is checked against `round1.yaml`'s, and said, before round 1 is loaded (a load that finds
it stored already).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from sandogh.cli.live_demo_text import say
from sandogh.core.access import Body, Grant, Role
from sandogh.core.candidacy.calendar import Stage
from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.process import Authority, Board, Outcome
from sandogh.core.definition.model import Election
from sandogh.core.errors import SandoghError
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.formats.calendar_file import parse_calendar
from sandogh.formats.definition_file import (
    CANONICAL,
    canonical_bytes,
    load_definition,
)
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.registry.inquiries import FolderAuthorities
from sandogh.services import candidacy, code_draw
from sandogh.services.acting import Actor
from sandogh.services.candidacy_calendar import store_calendar
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.operator_ports import OperatorAccount

#: the Interior Ministry's side registers, asks, publishes and draws (a presidential election is
#: run nationally); the Guardian Council's boards vet
HQ = Actor("demo-interior", Grant(Role.NATIONAL_HQ, "IR"))
BOARD = Actor("demo-guardian-board", Grant(Role.SUPERVISOR, "IR", Body.GUARDIAN_COUNCIL))
#: the board's reason and the reference of its decision when it certifies a round (issue 13),
#: each round its own decision (S23 A7: both rounds cited «۱۴۰۳/۱»)
BOARD_REASON = "گزارش همه شعبه‌ها رسید و هیئت نظارت ارقام آن‌ها را بررسی کرد"
BOARD_REFERENCES = {1: "صورتجلسه هیئت نظارت ۱۴۰۳/۱", 2: "صورتجلسه هیئت نظارت ۱۴۰۳/۲"}


def _accounts(store: UnitOfWorkFactory, now: datetime.datetime) -> None:
    """The demo's national HQ and board as operator accounts of the store, since whoever draws
    the codes is one (review S20, F7); disabled, with no password, for no one logs in as them."""
    with store() as work:
        for who in (HQ, BOARD):
            if work.operators.get(who.username) is None:
                name = f"{who.username} (demo)"
                work.operators.add(
                    OperatorAccount(who.username, name, who.grant, "", now, disabled=True)
                )
        work.commit()


class DrawMismatchError(SandoghError):
    def __init__(self, drawn: str, example: str) -> None:
        super().__init__(f"the drawn definition's hash {drawn} is not round 1's, {example}")


def at(day: datetime.date | str, hour: int = 10) -> datetime.datetime:
    """`day` at `hour` in Iran: when the demo takes a stage of that day."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(day, datetime.time(hour), IRAN_TIME)


def record_candidacy(
    store: UnitOfWorkFactory, example: Path, folder: Path, out: Console, lang: Lang
) -> str:
    """Round 1 from its draft definition and calendar to the drawn definition, which must be
    `round1.yaml`; the id of the election loaded."""
    data: dict[str, Any] = json.loads((example / "candidacy.json").read_text(encoding="utf-8"))
    election: str = data["election"]
    contest = data["contest"]
    loaded = parse_calendar((example / "calendar.json").read_bytes(), source_name="calendar.json")
    schedule = loaded.calendar.of(contest)
    days = {w.stage: w for w in schedule.windows}
    registering = at(days[Stage.REGISTRATION].first)
    draft = _draft(example, contest)
    load_election(
        store,
        draft,
        definition_hash=CANONICAL.hash_of(draft),
        canonical=CANONICAL.bytes_of(draft),
        now=at(days[Stage.REGISTRATION].first, 8),
        actor=HQ.username,
    )
    _accounts(store, registering)
    store_calendar(
        store,
        HQ,
        loaded.calendar,
        canonical=loaded.canonical,
        calendar_hash=loaded.calendar_hash,
        now=registering,
    )
    documents = () if schedule.conditions is None else schedule.conditions.documents
    for number, person in enumerate(data["applicants"], start=1):
        code = person["national_code"]
        candidacy.register(
            store,
            HQ,
            election,
            contest=contest,
            constituency=data["constituency"],
            person=Applicant(
                code,
                person["name"]["fa"],
                person["name"]["en"],
                datetime.date.fromisoformat(person["born"]),
                Education(person["education"]),
                None,
                tuple(sorted((kind, _fake_document(kind, code)) for kind in documents)),
            ),
            now=registering + datetime.timedelta(minutes=number),
        )
    count = len(data["applicants"])
    out.print(say("stage_registered", lang, applicants=count, day=_day(registering, lang)))
    _vet(store, data, folder / "authorities", days[Stage.SUPERVISORY_REVIEW].first)
    code_draw.commit_draw(  # before the list: the secret is the example's (docs/lots.md §5)
        store,
        HQ,
        election,
        contest,
        secret=data["draw"]["secret"],
        now=at(days[Stage.FINAL_LIST].first, 9),
    )
    listed = candidacy.publish_list(
        store, HQ, election, contest, now=at(days[Stage.FINAL_LIST].first)
    )
    out.print(say("stage_listed", lang, listed=len(listed.applicants), applicants=count))
    withdrawing = sorted(
        (person["withdrew"], number, person)
        for number, person in enumerate(data["applicants"], start=1)
        if person["withdrew"] is not None
    )
    for day, number, person in withdrawing:
        candidacy.withdraw_listed(store, HQ, election, number, now=at(day))
        name = person["name"]["fa" if lang == "fa" else "en"]
        out.print(say("stage_withdrew", lang, name=name, day=_day(at(day), lang)))
    _draw(store, data, draft, example, folder, out, lang)
    return election


def _vet(
    store: UnitOfWorkFactory, data: dict[str, Any], folder: Path, first: datetime.date
) -> None:
    """The four authorities asked on the review's first day and answering the next, every
    answer clear; the boards' decisions the day after, citing the article."""
    election = data["election"]
    authorities = FolderAuthorities(folder)
    numbers = range(1, len(data["applicants"]) + 1)
    for number in numbers:
        inquire(store, HQ, election, number, authorities, now=at(first))
    answered = first + datetime.timedelta(days=1)
    for authority in Authority:
        answers = folder / authority.value / "answers"
        answers.mkdir(parents=True, exist_ok=True)
        for number in numbers:
            answer = f"{authority.value}-{number}"  # the file is named for its id
            reply = {
                "format": "sandogh/inquiry-answer@1",
                "id": answer,
                "election": election,
                "applicant": number,
                "authority": authority.value,
                "clear": True,
                "answered_on": answered.isoformat(),
            }
            (answers / f"{answer}.json").write_text(json.dumps(reply), encoding="utf-8")
    collect_answers(store, HQ, authorities, now=at(answered))
    for number, person in zip(numbers, data["applicants"], strict=True):
        candidacy.decide(
            store,
            BOARD,
            election,
            number,
            board=Board.SUPERVISORY,
            outcome=Outcome(person["outcome"]),
            article=data["article"],
            now=at(answered + datetime.timedelta(days=2)),
        )


def _draft(example: Path, contest: str) -> Election:
    """Round 1's draft: its definition with no candidates in `contest`, one version back."""
    round1 = load_definition(example / "round1.yaml").election
    return dataclasses.replace(
        round1,
        version=round1.version - 1,
        contests=tuple(
            dataclasses.replace(c, candidates=()) if c.id == contest else c for c in round1.contests
        ),
    )


def _draw(
    store: UnitOfWorkFactory,
    data: dict[str, Any],
    draft: Election,
    example: Path,
    folder: Path,
    out: Console,
    lang: Lang,
) -> None:
    """The codes drawn into round 1's stored draft; the drawn definition written to
    `round1-drawn.json` and held to `round1.yaml`."""
    round1 = load_definition(example / "round1.yaml")
    contest = data["contest"]
    drawing = data["draw"]
    drawn, drawn_hash, made = code_draw.draw(
        store,
        HQ,
        draft,
        contest,
        secret=drawing["secret"],
        drawn_by=drawing["drawn_by"],
        width=0,
        pool=drawing["pool"],
        canonical=CANONICAL,
        now=at(drawing["day"], 12),
    )
    (folder / "round1-drawn.json").write_bytes(canonical_bytes(drawn))
    if drawn_hash != round1.definition_hash:
        raise DrawMismatchError(drawn_hash, round1.definition_hash)
    codes = " ".join(c.code for c in made.codes)
    codes = to_persian_digits(codes) if lang == "fa" else codes
    out.print(say("stage_drawn", lang, secret=made.secret, codes=codes, hash=drawn_hash[:16]))


def _fake_document(kind: str, national_code: str) -> str:
    """The SHA-256 of a document handed in: the demo's are made up, one per kind and person."""
    return hashlib.sha256(f"demo {kind} of {national_code}".encode()).hexdigest()


def _day(moment: datetime.datetime, lang: Lang) -> str:
    return format_jalali(moment.date(), lang)

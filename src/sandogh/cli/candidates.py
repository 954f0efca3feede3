"""`sandogh candidates …`: the election calendar and candidacy from the command line (issue 12,
section 1): store the calendar, register applicants, ask the four authorities and record their
answers, record the boards' decisions and objections, publish the final list, record a listed
candidate's withdrawal before the draw (the code draw and its commitment: `cli.candidates_draw`;
listing the files and showing one: `cli.candidates_file`).
Persian by default, `--lang en` for English.

Every command acts under a grant, given as `--as NAME --role ROLE --place CODE` as the supervision
commands do, and checked by the use case; a refusal is worded in the command's language
(`cli.candidates_text`). The clock is read here and nowhere below.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from sandogh.cli.acting import acting, acting_for_a_body
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.candidacy.conditions import Education
from sandogh.core.candidacy.process import Board, Outcome
from sandogh.core.errors import SandoghError
from sandogh.locale.candidacy import CATALOGUE, name_text
from sandogh.locale.dates import format_jalali
from sandogh.locale.messages import text_in

if TYPE_CHECKING:
    from sandogh.services.acting import Actor

candidates_app = typer.Typer(
    help="Candidacy: the calendar, registration, inquiries, vetting, objections, the final list.",
    no_args_is_help=True,
)
_out = Console(highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

ElectionRequired = Annotated[str, typer.Option("--election", "-e", help="Election id.")]
Applicant = Annotated[int, typer.Argument(help="The applicant's number.")]
ContestOption = Annotated[str, typer.Option("--contest", help="The contest's id.")]
FolderOption = Annotated[Path, typer.Option("--folder", help="The authorities' exchange folder.")]


def say(lang: Language, key: str, **values: str | int) -> None:
    _out.print(text_in(CATALOGUE, key, lang.lang, **values), markup=False)


def localised(command: F) -> F:
    """A refusal in the language the command was run in."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SandoghError as error:
            from sandogh.cli.candidates_text import CandidatesCommandError
            from sandogh.server.console.candidacy_refusals import said

            text = said(error, kwargs.get("lang", Language.FA).lang)
            if text is None:
                raise
            raise CandidatesCommandError(text) from error

    return run  # type: ignore[return-value]


@candidates_app.command("calendar")
@localised
@acting
def calendar(
    file: Annotated[Path, typer.Argument(help="The calendar file (sandogh/calendar@1, JSON).")],
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Store an election's calendar and show its stages with their Jalali days."""
    from sandogh.cli.candidates_view import print_calendar
    from sandogh.formats.calendar_file import parse_calendar
    from sandogh.services.candidacy_calendar import store_calendar

    loaded = parse_calendar(file.read_bytes(), source_name=str(file))
    store_calendar(
        open_store(db),
        actor,
        loaded.calendar,
        canonical=loaded.canonical,
        calendar_hash=loaded.calendar_hash,
        now=now(),
    )
    say(lang, "calendar_stored", election=loaded.calendar.election)
    print_calendar(_out, loaded.calendar, lang.lang)


@candidates_app.command("register")
@localised
@acting
def register(
    election: ElectionRequired,
    contest: ContestOption,
    constituency: Annotated[str, typer.Option("--constituency", help="The constituency's id.")],
    national_code: Annotated[
        str, typer.Option("--national-code", help="The applicant's national code.")
    ],
    name_fa: Annotated[str, typer.Option("--name-fa", help="The name in Persian.")],
    name_en: Annotated[str, typer.Option("--name-en", help="The name in English.")],
    born: Annotated[
        datetime.datetime, typer.Option("--born", formats=["%Y-%m-%d"], help="Original birth date.")
    ],
    education: Annotated[Education, typer.Option("--education", help="The highest degree.")],
    actor: Actor,
    resident_since: Annotated[
        datetime.datetime | None,
        typer.Option("--resident-since", formats=["%Y-%m-%d"], help="Living in the place since."),
    ] = None,
    document: Annotated[
        list[str] | None,
        typer.Option("--document", help="KIND=FILE, once per document handed in (hashed)."),
    ] = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Register an applicant (داوطلب) in the registration window."""
    from sandogh.cli.candidates_text import CandidatesCommandError
    from sandogh.core.candidacy.conditions import Applicant as Person
    from sandogh.core.voters.national_code import NationalCodeError, parse_national_code
    from sandogh.locale.check_in_refusals import CATALOGUE as CODE_WORDS
    from sandogh.locale.check_in_refusals import code_fault_key
    from sandogh.services.candidacy import register as register_applicant

    try:
        code = str(parse_national_code(national_code))
    except NationalCodeError as bad:  # the field named, in the command's language (S19, F12)
        field = "«--national-code»"
        fault = CODE_WORDS[lang.lang][code_fault_key(bad.fault.value) or "check_in_refused_other"]
        raise CandidatesCommandError(f"{field} {national_code}: {fault}") from bad
    documents = []
    for given in document or []:
        kind, _, path = given.partition("=")
        documents.append((kind, hashlib.sha256(Path(path).read_bytes()).hexdigest()))
    person = Person(
        code,
        name_fa,
        name_en,
        born.date(),
        education,
        None if resident_since is None else resident_since.date(),
        tuple(sorted(documents)),
    )
    made = register_applicant(
        open_store(db),
        actor,
        election,
        contest=contest,
        constituency=constituency,
        person=person,
        now=now(),
    )
    name = name_fa if lang is Language.FA else name_en
    say(lang, "registered", name=name, applicant=made.applicant)


@candidates_app.command("inquire")
@localised
@acting
def inquire(
    election: ElectionRequired,
    applicant: Applicant,
    folder: FolderOption,
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Ask the four authorities about an applicant (again, those not answered yet)."""
    from sandogh.registry.inquiries import FolderAuthorities
    from sandogh.services.candidacy_inquiries import inquire as ask

    asked = ask(
        open_store(db),
        actor,
        election,
        applicant,
        FolderAuthorities(folder),
        now=now(),
    )
    names = "، " if lang is Language.FA else ", "
    say(
        lang, "asked", applicant=applicant, names=names.join(name_text(a, lang.lang) for a in asked)
    )


@candidates_app.command("answer")
@localised
@acting
def answer(
    folder: FolderOption,
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record every answer the authorities left in the folder, each once."""
    from sandogh.registry.inquiries import FolderAuthorities
    from sandogh.services.candidacy_inquiries import collect_answers

    authorities = FolderAuthorities(folder)
    from sandogh.server.console.candidacy_refusals import said

    collected = collect_answers(open_store(db), actor, authorities, now=now())
    say(lang, "answers_stored", count=len(collected.stored))
    for problem in authorities.unreadable:
        say(lang, "unreadable", name=problem)
    for reply, error in collected.refused:
        say(lang, "answer_refused", id=reply.id, why=said(error, lang.lang) or str(error))


@candidates_app.command("decide")
@localised
@acting_for_a_body  # a supervisory board vets for the office of its body only
def decide(
    election: ElectionRequired,
    applicant: Applicant,
    board: Annotated[Board, typer.Option("--board", help="The deciding board.")],
    outcome: Annotated[Outcome, typer.Option("--outcome", help="The decision.")],
    article: Annotated[str, typer.Option("--article", help="The article the decision cites.")],
    actor: Actor,
    reason: Annotated[str, typer.Option("--reason", help="The board's reasons.")] = "",
    member: Annotated[
        list[str] | None, typer.Option("--member", help="A board member's account, each.")
    ] = None,
    on_objection: Annotated[
        bool, typer.Option("--on-objection", help="The final decision on an objection.")
    ] = False,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record a board's decision on an applicant, citing its article."""
    from sandogh.services.candidacy import decide as record_decision

    made = record_decision(
        open_store(db),
        actor,
        election,
        applicant,
        board=board,
        outcome=outcome,
        article=article,
        reason=reason,
        members=member or (),
        on_objection=on_objection,
        now=now(),
    )
    say(
        lang,
        "decided",
        board=name_text(made.board, lang.lang),
        applicant=applicant,
        outcome=name_text(made.outcome, lang.lang),
        article=made.article,
    )


@candidates_app.command("object")
@localised
@acting
def object_(
    election: ElectionRequired,
    applicant: Applicant,
    grounds: Annotated[str, typer.Option("--grounds", help="The applicant's grounds.")],
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record an applicant's objection (اعتراض) in its window."""
    from sandogh.services.candidacy import object_to

    object_to(open_store(db), actor, election, applicant, grounds, now=now())
    say(lang, "objected", applicant=applicant)


@candidates_app.command("final-list")
@localised
@acting
def final_list(
    election: ElectionRequired,
    contest: ContestOption,
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Publish the contest's final list of candidates, with its date."""
    from sandogh.services.candidacy import publish_list

    made = publish_list(open_store(db), actor, election, contest, now=now())
    day = format_jalali(made.day, lang.lang)
    say(lang, "published", contest=contest, day=day, count=len(made.applicants))


@candidates_app.command("withdraw-listed")
@localised
@acting
def withdraw_listed(
    election: ElectionRequired,
    applicant: Applicant,
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record a listed candidate's withdrawal (انصراف) before the codes are drawn."""
    from sandogh.services.candidacy import withdraw_listed as record_withdrawal

    record_withdrawal(open_store(db), actor, election, applicant, now=now())
    say(lang, "withdrew_listed", applicant=applicant)

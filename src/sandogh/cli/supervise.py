"""`sandogh void|certify|uncertify|case|incident`: supervision from the command line.

Every command acts under a grant. Until operator accounts land, the grant is given with the
command — `--as NAME --role ROLE --place CODE` — and checked like any other (`core.access.may`):
a refusal is recorded in the event log. Shapes of `--json` are in docs/cli-json.md.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from sandogh.cli.acting import acting, acting_for_a_body
from sandogh.cli.database import open_store
from sandogh.cli.formatting import pasted_code
from sandogh.cli.options import DbOption, ElectionOption, JsonOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.cli.supervision_view import (
    case_json,
    certification_json,
    effect_json,
    effect_line,
    incident_json,
    print_cases,
    print_incidents,
    said,
)
from sandogh.core.supervision import (
    CandidateVoid,
    CaseCandidate,
    CaseKind,
    CaseStatus,
    ConstituencyVoid,
    Decision,
    StationVoid,
    Void,
)
from sandogh.locale.certification_words import scope_words
from sandogh.services.acting import Actor
from sandogh.services.cases import list_cases, open_case, update_case
from sandogh.services.certifications import certify, uncertify
from sandogh.services.days import definition_of
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.incidents import assign_incident, list_incidents, resolve_incident
from sandogh.services.ports import IncidentStatus, NumberedIncident
from sandogh.services.voids import void

void_app = typer.Typer(
    help="Void a box, a candidate's votes in given boxes, or a constituency.",
    no_args_is_help=True,
)
case_app = typer.Typer(help="Electoral violation cases.", no_args_is_help=True)
incident_app = typer.Typer(help="Incidents: list, assign, resolve.", no_args_is_help=True)

_out = Console(highlight=False, soft_wrap=True)

ReasonOption = Annotated[str, typer.Option("--reason", help="Why the board voided.")]
ReferenceOption = Annotated[
    str, typer.Option("--reference", help="The reference of the board's decision.")
]
CaseOption = Annotated[
    int | None,
    typer.Option("--case", help="The upheld violation case the void follows from."),
]
ConstituencyOption = Annotated[
    str | None,
    typer.Option("--constituency", help="One constituency; the whole contest by default."),
]


def _emit(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _void(
    db: str | None,
    election: str | None,
    actor: Actor,
    decided: Void,
    as_json: bool,
    lang: Language,
) -> None:
    done = void(store := open_store(db), actor, election, decided, now=now())
    if as_json:
        _emit({"id": done.record.id, "election": done.record.election, **effect_json(done.effect)})
        return
    _out.print(said("void_recorded", lang.lang, number=done.record.id))
    defined = definition_of(store, done.record.election)
    _out.print(effect_line(done.effect, {}, lang.lang, defined), markup=False)


@void_app.command("station")
@acting_for_a_body
def void_station(
    station: Annotated[str, typer.Argument(help="Polling station code.")],
    reason: ReasonOption,
    reference: ReferenceOption,
    actor: Actor,
    contest: Annotated[
        str | None, typer.Option("--contest", help="One contest; every contest by default.")
    ] = None,
    case: CaseOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Void a station's box: its ballots become void, not counted as cast."""
    decided = StationVoid(station, contest, Decision(reason, reference, case))
    _void(db, election, actor, decided, as_json, lang)


@void_app.command("candidate")
@acting_for_a_body
def void_candidate(
    contest: Annotated[str, typer.Argument(help="Contest id.")],
    candidate: Annotated[str, typer.Argument(help="The candidate's ballot code.")],
    stations: Annotated[list[str], typer.Argument(help="The boxes concerned (station codes).")],
    reason: ReasonOption,
    reference: ReferenceOption,
    actor: Actor,
    case: CaseOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Void one candidate's votes in the given boxes (proven vote buying)."""
    decided = CandidateVoid(contest, candidate, tuple(stations), Decision(reason, reference, case))
    _void(db, election, actor, decided, as_json, lang)


@void_app.command("constituency")
@acting_for_a_body
def void_constituency(
    contest: Annotated[str, typer.Argument(help="Contest id.")],
    constituency: Annotated[str, typer.Argument(help="Constituency id.")],
    reason: ReasonOption,
    reference: ReferenceOption,
    actor: Actor,
    case: CaseOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Void the election of a whole constituency: nobody is elected from it."""
    decided = ConstituencyVoid(contest, constituency, Decision(reason, reference, case))
    _void(db, election, actor, decided, as_json, lang)


@acting_for_a_body
def certify_command(
    contest: Annotated[str, typer.Argument(help="Contest id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the board certifies.")],
    reference: ReferenceOption,
    actor: Actor,
    constituency: ConstituencyOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Certify a contest's complete result; its inputs are frozen until it is undone."""
    made = certify(
        store := open_store(db),
        actor,
        election,
        contest,
        constituency,
        reason=reason,
        reference=reference,
        now=now(),
    )
    if as_json:
        _emit(certification_json(made))
        return
    scope = _scope(store, made.election, contest, constituency, lang)
    digest = pasted_code(made.digest, lang.lang)
    _out.print(said("certified", lang.lang, scope=scope, digest=digest), markup=False)


@acting_for_a_body
def uncertify_command(
    contest: Annotated[str, typer.Argument(help="Contest id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the certification is undone.")],
    reference: ReferenceOption,
    actor: Actor,
    constituency: ConstituencyOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Undo a certification (needs a grant above the certifier's)."""
    undone = uncertify(
        store := open_store(db),
        actor,
        election,
        contest,
        constituency,
        reason=reason,
        reference=reference,
        now=now(),
    )
    if as_json:
        _emit(certification_json(undone.certification, undone))
        return
    scope = _scope(store, undone.certification.election, contest, constituency, lang)
    _out.print(said("uncertified", lang.lang, scope=scope), markup=False)


def _scope(
    store: UnitOfWorkFactory, election: str, contest: str, constituency: str | None, lang: Language
) -> str:
    """The contest certified or undone by its name (issue 13: «تأیید president … لغو شد»)."""
    defined = definition_of(store, election)
    if defined is None:  # the definition is stored with every certification's election
        return contest
    return scope_words(defined, contest, constituency, lang.lang)


def _candidate(text: str) -> CaseCandidate:
    contest, _, code = text.partition(":")
    if not contest or not code:
        raise typer.BadParameter(f"{text!r}: write CONTEST:CODE", param_hint="--candidate")
    return CaseCandidate(contest, code)


@case_app.command("open")
@acting
def case_open(
    kind: Annotated[CaseKind, typer.Argument(help="What the case is about.")],
    summary: Annotated[str, typer.Option("--summary", help="What happened.")],
    actor: Actor,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="The unit the case is filed at; your place by default."),
    ] = None,
    station: Annotated[
        list[str] | None, typer.Option("--station", help="A station concerned (repeatable).")
    ] = None,
    candidate: Annotated[
        list[str] | None,
        typer.Option("--candidate", help="A candidate concerned, CONTEST:CODE (repeatable)."),
    ] = None,
    reference: Annotated[str | None, typer.Option("--reference", help="The file's number.")] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Open a violation case."""
    case = open_case(
        open_store(db),
        actor,
        election,
        kind=kind,
        summary=summary,
        place=unit,
        stations=station or (),
        candidates=[_candidate(c) for c in candidate or ()],
        reference=reference,
        now=now(),
    )
    _case_done(case_json(case), as_json, lang)


@case_app.command("update")
@acting
def case_update(
    number: Annotated[int, typer.Argument(help="The case's number.")],
    actor: Actor,
    status: Annotated[CaseStatus | None, typer.Option("--status", help="Its new status.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note on its course.")] = None,
    reference: Annotated[str | None, typer.Option("--reference", help="The file's number.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Move a case on, note its course, or give its file's reference."""
    case = update_case(
        open_store(db),
        actor,
        number,
        status=status,
        note=note,
        reference=reference,
        now=now(),
    )
    _case_done(case_json(case), as_json, lang)


def _case_done(document: dict[str, Any], as_json: bool, lang: Language) -> None:
    if as_json:
        _emit(document)
        return
    kind, status = said(document["kind"], lang.lang), said(document["status"], lang.lang)
    _out.print(said("case_saved", lang.lang, number=document["id"], kind=kind, status=status))


@case_app.command("list")
@acting
def case_list(
    actor: Actor,
    status: Annotated[CaseStatus | None, typer.Option("--status", help="Only these.")] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """The cases filed where you may read, with their effect on results."""
    views = list_cases(open_store(db), actor, election, status=status)
    if as_json:
        _emit({"cases": [case_json(view.case, view) for view in views]})
    else:
        print_cases(_out, views, lang.lang)


@incident_app.command("list")
@acting
def incident_list(
    actor: Actor,
    status: Annotated[IncidentStatus | None, typer.Option("--status", help="Only these.")] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """The incidents at places you may read, in the order raised."""
    found = list_incidents(open_store(db), actor, election, status=status)
    if as_json:
        _emit({"incidents": [incident_json(n) for n in found]})
    else:
        print_incidents(_out, found, lang.lang)


@incident_app.command("assign")
@acting
def incident_assign(
    number: Annotated[int, typer.Argument(help="The incident's number.")],
    assignee: Annotated[str, typer.Argument(help="The operator who takes it.")],
    actor: Actor,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Give an incident to an operator (again, to hand it on)."""
    moved = assign_incident(open_store(db), actor, number, assignee, now=now())
    _incident_done(moved, as_json, lang)


@incident_app.command("resolve")
@acting
def incident_resolve(
    number: Annotated[int, typer.Argument(help="The incident's number.")],
    note: Annotated[str, typer.Option("--note", help="How it was resolved.")],
    actor: Actor,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Close an assigned incident with how it was resolved."""
    moved = resolve_incident(open_store(db), actor, number, note, now=now())
    _incident_done(moved, as_json, lang)


def _incident_done(moved: NumberedIncident, as_json: bool, lang: Language) -> None:
    if as_json:
        _emit(incident_json(moved))
        return
    kind = said(moved.incident.kind.value, lang.lang)
    status = said(moved.incident.status.value, lang.lang)
    _out.print(said("incident_saved", lang.lang, number=moved.id, kind=kind, status=status))

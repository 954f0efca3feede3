"""`sandogh staff assign|session|roster`: each station's staff by name and role, and the training
sessions and briefings they attended (`services.preparation`, `core.readiness.roster`).

These act under a grant given with the command — `--as NAME --role ROLE --place CODE` — as the
readiness commands do; the staff member's own role at the station is `--station-role` (head,
secretary, member, governor-rep, system-user). Persian output by default.
"""

from __future__ import annotations

import datetime
import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sandogh.cli.acting import acting
from sandogh.cli.database import open_store
from sandogh.cli.fleet import UnitOption
from sandogh.cli.options import DbOption, ElectionOption, JsonOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.readiness import Session, SessionKind, StaffRole, Worker, attended
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.readiness_terms import term
from sandogh.services.acting import Actor

_out = Console(highlight=False, soft_wrap=True)

_HEADINGS: dict[str, tuple[str, str]] = {
    "station": ("شعبه", "station"),
    "person": ("کد", "code"),
    "name": ("نام", "name"),
    "role": ("سمت", "role"),
    "sessions": ("آموزش‌ها و نشست‌ها", "training and briefings"),
    "untrained": ("آموزش‌ندیده", "untrained"),
    "assigned": ("{station}: {name}، {role}", "{station}: {name}, {role}"),
    "recorded": (
        "{kind} شماره {number}، {held}، {count} نفر",
        "{kind} no. {number}, {held}, {count} people",
    ),
}

StationRoleOption = Annotated[
    StaffRole,
    typer.Option("--station-role", help="Their role at the station (head, secretary, member, …)."),
]


def _in(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "fa" else pair[1]


@acting
def assign(
    actor: Actor,
    station: Annotated[str, typer.Option("--station", help="The polling station's code.")],
    person: Annotated[str, typer.Option("--person", help="Their code (e.g. national code).")],
    name: Annotated[str, typer.Option("--name", help="Their full name.")],
    station_role: StationRoleOption,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Name a person of a station's staff in their role (again: moves or renames them)."""
    from sandogh.services.preparation import assign_worker

    worker = Worker(station, person, name, station_role)
    assign_worker(open_store(db), actor, election, worker, now=now())
    shown = _in(_HEADINGS["assigned"], lang.lang)
    role_name = term("staff_role_" + station_role.value, lang.lang)
    _out.print(shown.format(station=station, name=name, role=role_name), markup=False)


@acting
def session(
    actor: Actor,
    kind: Annotated[SessionKind, typer.Option("--kind", help="training or briefing.")],
    held: Annotated[
        datetime.datetime,
        typer.Option("--held", help="The day held (YYYY-MM-DD).", formats=["%Y-%m-%d"]),
    ],
    where: Annotated[str, typer.Option("--where", help="Where it was held.")],
    topic: Annotated[str, typer.Option("--topic", help="What it taught or briefed.")],
    person: Annotated[
        list[str], typer.Option("--person", help="A person who attended (their code); repeat.")
    ],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record a training session or briefing and who attended."""
    from sandogh.services.preparation import record_session

    given = Session(0, kind, held.date(), where, topic, tuple(person))
    stored = record_session(open_store(db), actor, election, given, now=now())
    shown = _in(_HEADINGS["recorded"], lang.lang).format(
        kind=term("session_" + kind.value, lang.lang),
        number=format_int(stored.number, lang.lang),
        held=format_jalali(stored.held, lang.lang),
        count=format_int(len(stored.attendees), lang.lang),
    )
    _out.print(shown, markup=False)


@acting
def roster_command(
    actor: Actor,
    unit: UnitOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """The staff at and below a unit, each with the sessions they attended."""
    from sandogh.services.preparation import roster

    found = roster(open_store(db), actor, election, unit, now=now())
    if as_json:
        rows = [
            {
                "station": w.station,
                "person": w.person,
                "name": w.name,
                "role": w.role.value,
                "sessions": [s.number for s in attended(w.person, found.sessions)],
            }
            for w in found.workers
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    language = lang.lang
    keys = ("station", "person", "name", "role", "sessions")
    table = Table(*(_in(_HEADINGS[k], language) for k in keys))
    separator = "، " if language == "fa" else ", "
    for w in found.workers:
        sessions = list(attended(w.person, found.sessions))
        went = [
            f"{term('session_' + s.kind.value, language)} {format_jalali(s.held, language)}"
            for s in sessions
        ]
        if all(s.kind is not SessionKind.TRAINING for s in sessions):
            went.append(_in(_HEADINGS["untrained"], language))
        role_name = term("staff_role_" + w.role.value, language)
        table.add_row(w.station, w.person, w.name, role_name, separator.join(went))
    _out.print(table)

"""`sandogh readiness plan|past`: a hard-to-reach station's plan for the day, and the catalogue of
stations' problems in earlier elections (آسیب‌شناسی); and how `readiness show` prints both
(`services.preparation`, `core.readiness.remote`).

Like the other readiness commands they act under `--as NAME --role ROLE --place CODE`.
"""

from __future__ import annotations

import datetime
import math
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sandogh.cli.acting import acting
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.errors import SandoghError
from sandogh.core.readiness import Readiness, RemotePlan
from sandogh.core.readiness.remote import LONGEST_GRACE
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.readiness_terms import hours, term
from sandogh.services.acting import Actor

_out = Console(highlight=False, soft_wrap=True)

_SAVED = ("برنامه شعبه {station} ذخیره شد.", "The plan of {station} is stored.")
_GRACE = (
    "«--report-grace-hours» باید عددی از ۰ تا {most} ساعت باشد، نه «{given}».",
    "«--report-grace-hours» must be a number of hours from 0 to {most}, not «{given}».",
)
_NOTED = ("آسیب شماره {number} شعبه {station} ثبت شد.", "Problem {number} of {station} noted.")


def _said(pair: tuple[str, str], lang: Lang, **values: str) -> str:
    return (pair[0] if lang == "fa" else pair[1]).format(**values)


class BadNumberError(SandoghError):
    """A number option out of its range or no number at all (nan, inf): one line, the option
    named, in the command's language (review S19, F12: a traceback)."""


StationOption = Annotated[str, typer.Option("--station", help="The polling station's code.")]


@acting
def plan(
    actor: Actor,
    station: StationOption,
    transport: Annotated[str, typer.Option("--transport", help="How staff and box get there.")],
    report_grace: Annotated[
        float, typer.Option("--report-grace-hours", help="Hours after close before it is late.")
    ],
    helicopter: Annotated[
        bool, typer.Option("--helicopter/--no-helicopter", help="A helicopter on standby.")
    ] = False,
    link_tested: Annotated[
        datetime.datetime | None,
        typer.Option("--link-tested", help="The day its link was tested.", formats=["%Y-%m-%d"]),
    ] = None,
    link_ok: Annotated[
        bool, typer.Option("--link-ok/--link-failed", help="Whether that test passed.")
    ] = False,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Store a hard-to-reach station's plan: transport, helicopter, link test, report grace."""
    from sandogh.services.preparation import set_plan

    most = LONGEST_GRACE / datetime.timedelta(hours=1)
    if not (math.isfinite(report_grace) and 0 <= report_grace <= most):
        shown = format_int(int(most), lang.lang)
        raise BadNumberError(_said(_GRACE, lang.lang, most=shown, given=str(report_grace)))
    given = RemotePlan(
        station,
        transport,
        helicopter,
        datetime.timedelta(hours=report_grace),
        None if link_tested is None else link_tested.date(),
        link_ok,
    )
    set_plan(open_store(db), actor, election, given, now=now())
    _out.print(_said(_SAVED, lang.lang, station=station), markup=False)


@acting
def past(
    actor: Actor,
    station: StationOption,
    happened_in: Annotated[
        str, typer.Option("--happened-in", help="The earlier election it happened in.")
    ],
    note: Annotated[str, typer.Option("--note", help="What happened.")],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Add a problem of an earlier election to a station's catalogue (kept across elections)."""
    from sandogh.services.preparation import note_past_problem

    noted = note_past_problem(
        open_store(db), actor, election, station, happened_in=happened_in, note=note, now=now()
    )
    number = format_int(noted.number, lang.lang)
    _out.print(_said(_NOTED, lang.lang, number=number, station=station), markup=False)


def print_remote(found: Readiness, lang: Lang) -> None:
    """The people named and trained, the hard-to-reach stations with their plans, and the past
    problems, of `found`."""
    _out.print(term("people_counts", lang, named=found.named, trained=found.trained))
    plans = {p.station: p for p in found.plans}
    if found.hard_to_reach:
        keys = ("station", "transport", "helicopter", "grace", "link")
        table = Table(
            *(term("remote_" + k, lang) for k in keys), title=term("remote_stations", lang)
        )
        for station in found.hard_to_reach:
            given = plans.get(station)
            if given is None:
                table.add_row(station, term("remote_no_plan", lang), "", "", "")
            else:
                table.add_row(station, *_plan_cells(given, lang))
        _out.print(table)
    if found.past:
        columns = ("remote_station", "past_election", "past_note")
        table = Table(*(term(k, lang) for k in columns), title=term("past_problems", lang))
        for problem in found.past:
            table.add_row(problem.station, problem.election, problem.note)
        _out.print(table)


def _plan_cells(given: RemotePlan, lang: Lang) -> tuple[str, str, str, str]:
    if given.link_tested is None:
        link = term("remote_untested", lang)
    else:
        passed = "remote_passed" if given.link_ok else "remote_failed"
        link = term(passed, lang, day=format_jalali(given.link_tested, lang))
    return (
        given.transport,
        term("remote_yes" if given.helicopter else "remote_no", lang),
        hours(given.report_grace, lang),
        link,
    )

"""`sandogh readiness show|import|export`: the readiness registers from the command line
(`plan` and `past`, for hard-to-reach stations and the catalogue of past problems, are in
`cli.readiness_remote`).

Each command acts under a grant given with it — `--as NAME --role ROLE --place CODE` — as the
supervision commands do (`cli.supervise`): MANAGE_READINESS to import, READ to show and export.
`show --json` prints the shape of the API's ReadinessBody (docs/api.md, "Readiness").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sandogh.cli.acting import acting
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, JsonOption, LangOption, Language
from sandogh.cli.readiness_remote import print_remote
from sandogh.cli.session import now
from sandogh.core.readiness import Gap, Readiness, Register, RegisterError
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.readiness_terms import term
from sandogh.services.acting import Actor

# The readiness services, its CSV files and the API's body are imported by the command that uses
# them: every `sandogh readiness` command imports this module for its options; the body brings
# the server.

readiness_app = typer.Typer(
    help="Readiness: the ballot-box fleet, ballot papers, staff, hard-to-reach stations.",
    no_args_is_help=True,
)
_out = Console(highlight=False, soft_wrap=True)

UnitOption = Annotated[
    str | None,
    typer.Option("--unit", help="The unit's code; the acting operator's place by default."),
]
RegisterArgument = Annotated[Register, typer.Argument(help="fleet, papers or staff.")]

#: The labels of the readiness table, in Persian and English.
_LABELS: dict[str, tuple[str, str]] = {
    "unit": ("واحد", "unit"),
    "stations": ("شعبه‌ها", "stations"),
    "boxes": ("صندوق‌ها", "boxes"),
    "boxes_current": ("به‌روز", "current"),
    "boxes_pending": ("در انتظار به‌روزرسانی", "update pending"),
    "boxes_failed": ("به‌روزرسانی ناموفق", "update failed"),
    "boxes_unassigned": ("بی‌شعبه", "unassigned"),
    "boxes_not_enrolled": ("ثبت‌نشده", "not enrolled"),
    "stations_without_box": ("شعبه بی‌صندوق", "stations without a box"),
    "stations_short_of_papers": ("کمبود تعرفه", "short of ballot papers"),
    "stations_short_of_staff": ("کمبود عوامل آموزش‌دیده", "short of trained staff"),
    "stations_not_open": ("رأی‌گیری آغازنشده", "not open"),
    "stations_open": ("باز", "open"),
    "stations_closed": ("بسته", "closed"),
    "stations_reported": ("گزارش‌داده", "reported"),
    "stations_late": ("با تأخیر", "late"),
    "missing": ("کمبودها", "missing"),
}


def _label(key: str, lang: Lang) -> str:
    fa, en = _LABELS[key]
    return fa if lang == "fa" else en


@readiness_app.command("show")
@acting
def show(
    actor: Actor,
    unit: UnitOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """A unit's readiness: counts, its parts', and what is missing where."""
    from sandogh.cli.fleet import print_shipping
    from sandogh.server.readiness import readiness_body
    from sandogh.services.fleet import fleet_of
    from sandogh.services.readiness import readiness

    store = open_store(db)
    found = readiness(store, actor, election, unit, now=now())
    if as_json:
        body = readiness_body(election or "", found).model_dump(mode="json", exclude={"election"})
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return
    _print(found, lang.lang)
    print_remote(found, lang.lang)
    # issue 12: where the unit's boxes are on their way from the country to their stations
    print_shipping(fleet_of(store, actor, election, unit, now=now()), lang.lang)


def _print(found: Readiness, lang: Lang) -> None:
    rows = (found.summary, *found.parts)
    table = Table(*(_label("unit", lang), *(s.unit for s in rows)))
    for key in _LABELS:
        if key not in {"unit", "missing"}:
            table.add_row(_label(key, lang), *(format_int(getattr(s, key), lang) for s in rows))
    _out.print(table)
    _out.print(f"{_label('missing', lang)}: {format_int(len(found.missing), lang)}")
    comma = "، " if lang == "fa" else ", "
    for m in found.missing:
        figures = comma.join(
            f"{term('figure_' + name, lang)} {format_int(value, lang)}" for name, value in m.figures
        )
        subject = m.subject
        if m.gap is Gap.STAFF_SHORT:
            subject = term("staff_role_" + subject, lang)
        shown = (m.place, term("gap_" + m.gap.value, lang), subject, figures)
        _out.print(" ".join(filter(None, shown)), markup=False)


@readiness_app.command("import")
@acting
def import_command(
    register_name: RegisterArgument,
    file: Annotated[Path, typer.Argument(help="The register's CSV (docs/formats.md).")],
    actor: Actor,
    unit: UnitOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Replace a register's rows at and below the unit with FILE, all or nothing."""
    from sandogh.formats.readiness_csv import ReadinessCsvError, read_register, row_problems
    from sandogh.services.readiness import import_register

    with file.open(encoding="utf-8-sig", newline="") as stream:
        rows = read_register(register_name, stream, source_name=str(file))
    try:
        done = import_register(
            store := open_store(db), actor, election, register_name, rows, unit=unit, now=now()
        )
    except RegisterError as bad:
        raise ReadinessCsvError(str(file), row_problems(bad.problems)) from bad
    from sandogh.locale.definition_names import place_name
    from sandogh.services.days import definition_of

    where = place_name(definition_of(store, done.election), "", done.unit, lang.lang)
    counts = {
        "rows": format_int(done.rows, lang.lang),
        "replaced": format_int(done.replaced, lang.lang),
    }
    _out.print(term("imported", lang.lang, unit=where, **counts), markup=False)


@readiness_app.command("export")
@acting
def export_command(
    register_name: RegisterArgument,
    out: Annotated[Path, typer.Option("--out", help="The CSV file to write.")],
    actor: Actor,
    unit: UnitOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
) -> None:
    """Write a register's rows at and below the unit as CSV."""
    from sandogh.formats.readiness_csv import write_register
    from sandogh.services.readiness import export_registers

    found = export_registers(open_store(db), actor, election, unit, now=now())
    with out.open("w", encoding="utf-8", newline="") as stream:
        count = write_register(register_name, found.rows(register_name), stream)
    _out.print(f"{out}: {count} rows", markup=False)

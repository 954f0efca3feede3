"""`sandogh fleet approve-build|revoke-build|builds|prepare|ship|receive|install|show`: the fleet
of ballot boxes (issue 12, `services.fleet`).

Each command acts under a grant given with it — `--as NAME --role ROLE --place CODE` — as the
readiness commands do (`cli.readiness`): a build decision needs MANAGE_READINESS at the country,
a hand-over at the unit that sends, receives or installs the box. `ship SERIAL --to UNIT` sends a
box one leg down (to a province, a county, a station), `receive SERIAL` records it received where
it was sent, `prepare` and `install` are the first and the last step. A hand-over out of order is
refused with the box and the step expected, in the language asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sandogh.cli.acting import acting
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.fleet import SENDS, STEPS, BuildDecisionError, ShippingError, Step
from sandogh.locale.build_refusals import build_refusal_text
from sandogh.locale.dates import format_moment
from sandogh.locale.digits import format_int
from sandogh.locale.fleet import fleet_text, step_name
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor

if TYPE_CHECKING:
    from sandogh.services.fleet import FleetBox

fleet_app = typer.Typer(
    help="The fleet of ballot boxes: approved builds, and shipping to the stations.",
    no_args_is_help=True,
)
_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

BuildArgument = Annotated[str, typer.Argument(help="The build: sha256: and 64 hex digits.")]
SerialArgument = Annotated[str, typer.Argument(help="The box's serial, as in the register.")]
UnitOption = Annotated[
    str | None, typer.Option("--unit", help="The unit's code; the operator's place by default.")
]


OutOption = Annotated[
    Path, typer.Option("--out", help="Where to write the decision for the officials to sign.")
]


@contextmanager
def _worded(lang: Lang) -> Iterator[None]:
    """A build decision refused, said in the command's language, one line a problem."""
    try:
        yield
    except BuildDecisionError as refused:
        _err.print(refused.fa if lang == "fa" else refused.en, markup=False)
        raise typer.Exit(1) from refused


def _propose(
    actor: Actor, election: str | None, build: str, action: str, label: str, out: Path, **given: Any
) -> None:
    from sandogh.core.fleet.build_signatures import BuildAction, encode_decision
    from sandogh.services.build_approvals import propose_build

    lang: Lang = given["lang"]
    with _worded(lang):
        proposal = propose_build(
            open_store(given["db"]),
            actor,
            election,
            build,
            action=BuildAction(action),
            label=label,
            now=now(),
        )
    out.write_bytes(encode_decision(proposal))
    _out.print(
        fleet_text(f"build_proposed_{action}", lang, build=build, file=str(out)), markup=False
    )


@fleet_app.command("approve-build")
@acting
def approve_build_command(
    build: BuildArgument,
    label: Annotated[str, typer.Option("--label", help="What the headquarters call it.")],
    out: OutOption,
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Propose BUILD for the day's approved list, written to --out: it takes effect once k
    officials of the record have signed it (`anchor sign`, then `fleet sign-build`)."""
    _propose(actor, election, build, "approve", label, out, db=db, lang=lang.lang)


@fleet_app.command("revoke-build")
@acting
def revoke_build_command(
    build: BuildArgument,
    out: OutOption,
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Propose taking BUILD off the approved list, written to --out: it takes effect once k
    officials of the record have signed it."""
    _propose(actor, election, build, "revoke", "", out, db=db, lang=lang.lang)


@fleet_app.command("sign-build")
@acting
def sign_build_command(
    decision: Annotated[Path, typer.Argument(help="The decision the officials signed.")],
    signatures: Annotated[list[Path], typer.Argument(help="Their signature files.")],
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Add the officials' signatures of a build decision; it takes effect once k of the record's
    officials, of both bodies, have signed."""
    from sandogh.core.anchor import RecordError, decode_signatures, merge
    from sandogh.core.fleet.build_signatures import decode_decision
    from sandogh.services.build_approvals import build_proposals, sign_build

    data = decision.read_bytes()
    try:
        election, action, build, _ = decode_decision(data)
        gathered = merge(*(decode_signatures(each.read_bytes(), data) for each in signatures))
    except RecordError as bad:  # the files, named in the command's language
        count = len(bad.problems)
        said = build_refusal_text("not_a_decision", lang.lang, file=str(decision), count=count)
        _err.print(said, markup=False)
        for problem in bad.problems if lang.lang == "en" else ():
            _err.print(str(problem), markup=False)
        raise typer.Exit(1) from bad
    store = open_store(db)
    with _worded(lang.lang):
        sign_build(store, actor, election, build, action=action, signatures=gathered, now=now())
    for state in build_proposals(store, actor, election, now=now()):
        proposal, names, done = state.proposal, state.signed, state.done
        if proposal.build == build and proposal.action is action:
            key = f"build_{action.value}d" if done else "build_pending"
            said = fleet_text(
                key,
                lang.lang,
                build=build,
                label=proposal.label,
                count=len(names),
                names="، ".join(names) if lang.lang == "fa" else ", ".join(names),
            )
            _out.print(said, markup=False)


@fleet_app.command("builds")
@acting
def builds_command(
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Every build decision of the day (the build, its label, who proposed it and when, the
    officials who signed), and the proposals still awaiting their signatures."""
    from sandogh.services.build_approvals import build_proposals
    from sandogh.services.fleet import build_decisions

    store = open_store(db)
    for d in build_decisions(store, actor, election, now=now()):
        approved = {"by": d.approved_by, "at": format_moment(d.approved_at, lang.lang)}
        line = fleet_text("build_line", lang.lang, build=d.build, label=d.label, **approved)
        if d.revoked_at is not None:
            revoked = {"by": d.revoked_by or "—", "at": format_moment(d.revoked_at, lang.lang)}
            line += fleet_text("build_line_revoked", lang.lang, **revoked)
        _out.print(line, markup=False)
    for state in build_proposals(store, actor, election, now=now()):
        proposal, names = state.proposal, state.signed
        if not state.done:
            comma = "، " if lang.lang == "fa" else ", "
            said = fleet_text(
                "build_pending",
                lang.lang,
                build=proposal.build,
                label=proposal.label,
                count=len(names),
                names=comma.join(names),
            )
            _out.print(
                f"{fleet_text('action_' + proposal.action.value, lang.lang)}: {said}", markup=False
            )


_RECEIVES = frozenset(STEPS) - SENDS - {Step.PREPARED, Step.INSTALLED}


def _hand_over(
    steps: frozenset[Step],
    serial: str,
    actor: Actor,
    election: str | None,
    db: str | None,
    lang: Lang,
    to: str | None = None,
) -> None:
    """Record the box's next step, which must be one of `steps`; else say which step is next."""
    from sandogh.services.fleet import (
        AfterPollingError,
        HandoverByError,
        NotAUnitError,
        WrongLegError,
        hand_over,
    )

    try:
        new = hand_over(open_store(db), actor, election, serial, steps, place=to, now=now())
    except (HandoverByError, NotAUnitError) as refused:  # in the command's language (S19)
        _err.print(refused.fa if lang == "fa" else refused.en, markup=False)
        raise typer.Exit(1) from refused
    except ShippingError as refused:
        if refused.expected is None:
            _err.print(fleet_text("handover_done", lang, serial=serial), markup=False)
        else:
            shown = step_name(refused.expected, lang)
            _err.print(
                fleet_text("handover_refused", lang, serial=serial, expected=shown), markup=False
            )
        for problem in refused.problems:  # the field named in the command's language (S19, F12)
            if isinstance(refused, AfterPollingError | WrongLegError):  # S19 F13, S20 F13-F14
                line = refused.fa if lang == "fa" else refused.en
            elif problem.path == "step":
                line = fleet_text("records_only", lang, steps=_kinds(steps, lang))
            elif problem.path == "place" and to is not None:
                line = fleet_text("wrong_place", lang, place=to)
            elif problem.path == "serial":
                line = fleet_text("not_in_register", lang, serial=serial)
            else:
                line = str(problem)
            _err.print(line, markup=False)
        raise typer.Exit(1) from refused
    shown = step_name(new.step, lang)
    _out.print(
        fleet_text("handed_over", lang, serial=serial, step=shown, place=new.place), markup=False
    )


def _kinds(steps: frozenset[Step], lang: Lang) -> str:
    return ("، " if lang == "fa" else ", ").join(step_name(s, lang) for s in sorted(steps))


def _step_command(name: str, steps: frozenset[Step], doc: str) -> None:
    """Add `sandogh fleet NAME SERIAL`, which records the box's next step, one of `steps`."""

    @acting
    def command(
        serial: SerialArgument,
        actor: Actor,
        election: ElectionOption = None,
        db: DbOption = None,
        lang: LangOption = Language.FA,
    ) -> None:
        _hand_over(steps, serial, actor, election, db, lang.lang)

    command.__doc__ = doc
    fleet_app.command(name)(command)


_step_command(
    "prepare",
    frozenset({Step.PREPARED}),
    "Record box SERIAL prepared at the country's election headquarters (the first step).",
)


@fleet_app.command("ship")
@acting
def ship_command(
    serial: SerialArgument,
    to: Annotated[str, typer.Option("--to", help="The province, county or station it goes to.")],
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Send box SERIAL one leg down: to a province, a county's governorate, or its station."""
    _hand_over(SENDS, serial, actor, election, db, lang.lang, to)


_step_command("receive", _RECEIVES, "Record box SERIAL received where it was sent.")
_step_command(
    "install",
    frozenset({Step.INSTALLED}),
    "Record box SERIAL installed at its station (the last step).",
)


@fleet_app.command("show")
@acting
def show_command(
    actor: Actor,
    unit: UnitOption = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """The boxes at and below the unit: place, update (from the build each last attested), the
    build, and the shipping step reached."""
    from sandogh.services.fleet import fleet_of

    found = fleet_of(open_store(db), actor, election, unit, now=now())
    language = lang.lang
    keys = ("fleet_serial", "fleet_place", "fleet_update", "fleet_build", "fleet_step")
    table = Table(*(fleet_text(k, language) for k in keys))
    for entry in found:
        box = entry.box
        table.add_row(
            box.serial,
            box.place,
            fleet_text(f"update_{box.update.value}", language),
            box.build or "—",
            step_name(entry.step, language),
        )
    _out.print(table)


def print_shipping(boxes: Sequence[FleetBox], lang: Lang) -> None:
    """How many of `boxes` have reached each hand-over state (`sandogh readiness show`)."""
    reached = Counter(entry.step for entry in boxes)
    _out.print(f"{fleet_text('fleet_step', lang)}:", markup=False)
    for step in (None, *STEPS):
        if reached[step]:
            _out.print(
                f"  {step_name(step, lang)}: {format_int(reached[step], lang)}", markup=False
            )

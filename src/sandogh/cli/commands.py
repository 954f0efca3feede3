"""Every command of `sandogh`: its name, the line `sandogh --help` shows for it, and where it lives.

A command's module is imported only when that command runs: each `sandogh` process runs one, and
importing all of them (the store, the services, the verifiers, the printers) cost about a second
and a half of every start. `--help` lists the commands from this table alone;
tests/cli/test_commands.py holds that each line is the one its command says of itself.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo

from sandogh.cli import help_language, help_words
from sandogh.cli.failures import lang_of


@dataclass(frozen=True)
class Lazy:
    """A command not imported yet: `module:attribute` names a Typer (a group) or a function."""

    target: str
    help: str
    #: Commands a group gets from other modules: (name, `module:attribute` of the function).
    extra: tuple[tuple[str, str], ...] = ()


_CLI = "sandogh.cli."

COMMANDS: dict[str, Lazy] = {
    "publish": Lazy(
        "publish:publish",
        "Write the results snapshot (JSON, CSV, NIST, every signed report, an E2E election's "
        "record)\nfrom the store; with the log key, the event log's signed checkpoints too\n"
        "(log/checkpoints.json).",
    ),
    "verify-results": Lazy(
        "publish:verify_results",
        "Verify the pre-election record against a second source, then every signed station "
        "report\nagainst it; re-add them and compare with every published figure; exit 5 if "
        "anything\ndisagrees.",
    ),
    "publish-serve": Lazy(
        "publish:publish_serve",
        "Serve a snapshot folder as plain static files, with ETag and Last-Modified.",
    ),
    "verify-election": Lazy(
        "verify_election:verify_election_command",
        "Check the end-to-end record (docs/e2e.md §10: V0..V25) of a snapshot; exit 5 naming "
        "the\nfirst station, ballot or proof that fails.",
    ),
    "init": Lazy(
        "election_commands:init", "Create the database, or upgrade its schema to this sandogh's."
    ),
    "load": Lazy(
        "election_commands:load",
        "Validate an election-day definition and store it (all of it, or nothing).",
    ),
    "schema": Lazy("election_commands:schema", "Print the JSON Schema of definition files."),
    "outcome": Lazy(
        "election_commands:outcome",
        "Who is elected, who advances to a runoff, the alternates, and why.",
    ),
    "runoff": Lazy(
        "election_commands:runoff",
        "Write the definition of the runoff that a first round's complete results call for.",
    ),
    "check-statement": Lazy(
        "election_commands:check_statement",
        "Say which published figures agree with the results and with each other; exit 3 if "
        "any\ndisagrees.",
    ),
    "demo": Lazy(
        "run_commands:demo",
        "Load the Kerman 1403 example (both rounds) and show results, outcomes and checks; "
        "with\n--live, run its election day live (Ctrl-C stops it).",
    ),
    "serve": Lazy(
        "run_commands:serve",
        "Run the central service: the API the polling stations use (docs/api.md).",
    ),
    "simulate": Lazy(
        "run_commands:simulate",
        "A whole election day through the real HTTP API: the Kerman runoff's figures at "
        "chosen\nstations, cast on real ballot boxes, every report held to the pre-election "
        "record sealed\nbefore polls open; exit 3 if the stored totals disagree (or, with "
        "--e2e,\nthe record does not verify).",
    ),
    "certify": Lazy(
        "supervise:certify_command",
        "Certify a contest's complete result; its inputs are frozen until it is undone.",
    ),
    "uncertify": Lazy(
        "supervise:uncertify_command",
        "Undo a certification (needs a grant above the certifier's).",
    ),
    "results": Lazy("election_commands:results_app", "Import and show results."),
    "log": Lazy("log_commands:log_app", "The hash-chained record of events."),
    "registry": Lazy(
        "registry_commands:registry_app", "The civil registry the centre checks voters against."
    ),
    "station": Lazy(
        "station:station_app",
        "The ballot box: enrol it, open it, close it, send its report.",
        extra=(
            ("card-key", "station_kiosk:card_key_command"),
            ("kiosk", "station_kiosk:kiosk_command"),
        ),
    ),
    "staff": Lazy(
        "staff:staff_app",
        "The station staff: their keys, the roster and their training.",
        extra=(
            ("assign", "staff_roster:assign"),
            ("session", "staff_roster:session"),
            ("roster", "staff_roster:roster_command"),
        ),
    ),
    "anchor": Lazy("anchor:anchor_app", "The pre-election record: the anchor of every signature."),
    "guardians": Lazy(
        "guardians:guardians_app", "The guardians: the key ceremony and the tally's decryption."
    ),
    "user": Lazy("users:user_app", "Operators' accounts."),
    "server-key": Lazy("server_key:server_key_app", "The centre's server key."),
    "e2e": Lazy("e2e:e2e_app", "End-to-end verifiable ballots at the centre."),
    "audit": Lazy(
        "audit_commands:audit_app",
        "Risk-limiting audits of the paper.",
        extra=(
            ("verify", "audit_verify:audit_verify_command"),
            ("hand-count", "audit_hand_count:hand_count_command"),
            ("certify-hand-count", "audit_hand_count:certify_hand_count_command"),
            ("uncertify-hand-count", "audit_hand_count:uncertify_hand_count_command"),
            ("fix-hand-count", "audit_hand_count_fix:fix_hand_count_command"),
        ),
    ),
    "candidates": Lazy(
        "candidates:candidates_app",
        "Candidacy: the calendar, registration, inquiries, vetting, objections, the final list.",
        extra=(
            ("withdraw", "outcome_decisions:withdraw_command"),
            ("commit", "candidates_draw:commit_command"),
            ("draw", "candidates_draw:draw_command"),
            ("list", "candidates_file:list_command"),
            ("show", "candidates_file:show_command"),
        ),
    ),
    "supervise": Lazy(
        "supervise_modes:supervise_app", "Decisions of the supervisory bodies before polling day."
    ),
    "lot": Lazy("outcome_decisions:lot_app", "Lots (قرعه) the boards drew, each for one tie."),
    "void": Lazy(
        "supervise:void_app",
        "Void a box, a candidate's votes in given boxes, or a constituency.",
    ),
    "case": Lazy("supervise:case_app", "Electoral violation cases."),
    "incident": Lazy("supervise:incident_app", "Incidents: list, assign, resolve."),
    "readiness": Lazy(
        "readiness:readiness_app",
        "Readiness: the ballot-box fleet, ballot papers, staff, hard-to-reach stations.",
        extra=(("plan", "readiness_remote:plan"), ("past", "readiness_remote:past")),
    ),
    "fleet": Lazy(
        "fleet:fleet_app",
        "The fleet of ballot boxes: approved builds, and shipping to the stations.",
    ),
}


def _attribute(target: str) -> Any:
    module, name = target.split(":")
    return getattr(importlib.import_module(_CLI + module), name)


def _command(name: str, function: Callable[..., Any], group: TyperGroup) -> TyperCommand:
    # what `app.command(name)(function)` would have made of it
    made = typer.main.get_command_from_info(
        CommandInfo(name=name, callback=function),
        pretty_exceptions_short=True,
        rich_markup_mode=group.rich_markup_mode,
    )
    assert isinstance(made, TyperCommand)
    return made


def load(name: str, group: TyperGroup) -> TyperCommand | TyperGroup:
    """The command `name` itself, its module imported (and, for a group, its `extra` ones), its
    help in the group's language."""
    made = _loaded(name, group)
    if isinstance(group, LazyGroup) and group.lang == "fa":
        made.help, made.short_help = help_words.TOP[name], None
        help_language.in_persian(made)
        for sub, command in getattr(made, "commands", {}).items():
            command.help, command.short_help = help_words.COMMANDS[f"{name} {sub}"], None
            help_language.in_persian(command)
    return made


def _loaded(name: str, group: TyperGroup) -> TyperCommand | TyperGroup:
    entry = COMMANDS[name]
    found = _attribute(entry.target)
    if not isinstance(found, typer.Typer):
        return _command(name, found, group)
    # what `app.add_typer(found, name=name)` would have made of it
    made = typer.main.get_group_from_info(
        TyperInfo(found, name=name),
        pretty_exceptions_short=True,
        rich_markup_mode=group.rich_markup_mode,
        suggest_commands=group.suggest_commands,
    )
    for sub, target in entry.extra:
        made.add_command(_command(sub, _attribute(target), made), sub)
    return made


class _Listed(TyperCommand):
    """A command as `--help` lists it: its name and its line, nothing imported."""


class StoppedError(Exception):
    """Ctrl-C while a command ran, which typer would turn into a silent exit status 130: this
    reaches `cli.app.main`, which says so in the command's language."""


class LazyGroup(TyperGroup):
    """The `sandogh` group: every command listed from COMMANDS, imported when it is invoked; its
    help, and each command's, in the command's language (`--lang`, Persian unless `en`)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            raise StoppedError from stop

    def __init__(self, **given: Any) -> None:
        super().__init__(**given)
        self.lang = lang_of(sys.argv)
        persian = self.lang == "fa"
        help_language.frame(self.lang)
        if persian:
            self.help = help_words.TOP["sandogh"]
            help_language.in_persian(self)
        for name, entry in COMMANDS.items():
            shown = help_words.TOP[name] if persian else entry.help
            self.commands.setdefault(name, _Listed(name=name, help=shown))

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        if args and isinstance(self.commands.get(args[0]), _Listed):
            self.commands[args[0]] = load(args[0], self)
        return super().resolve_command(ctx, args)

"""`sandogh supervise approve-mode`: a supervisory body approves electronic voting in one
constituency of a contest (issue 12, section 2; `services.mode_approvals`).

The grant is given with the command as for `sandogh certify` (`--as NAME --role ROLE --place CODE`,
with `--body`), and checked like any other: the account must be able to certify the constituency
and act for the body competent for the contest; a refusal is recorded in the event log. Shapes of
`--json` are in docs/cli-json.md.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.acting import acting_for_a_body
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, JsonOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.definition.model import VotingMode
from sandogh.locale.competence import CATALOGUE, mode_name
from sandogh.locale.messages import text_in
from sandogh.services.acting import Actor, election_day
from sandogh.services.mode_approvals import approval_details, approve_mode

supervise_app = typer.Typer(
    help="Decisions of the supervisory bodies before polling day.", no_args_is_help=True
)

_out = Console(highlight=False, soft_wrap=True)


@supervise_app.command("approve-mode")
@acting_for_a_body
def approve_mode_command(
    contest: Annotated[str, typer.Argument(help="Contest id.")],
    constituency: Annotated[str, typer.Argument(help="Constituency id.")],
    reference: Annotated[
        str, typer.Option("--reference", help="The reference of the body's decision.")
    ],
    actor: Actor,
    mode: Annotated[
        VotingMode, typer.Option("--mode", help="The voting mode approved.")
    ] = VotingMode.ELECTRONIC,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Approve a voting mode (electronic) in one constituency: its electronic stations' boxes
    may then be enrolled and opened."""
    store = open_store(db)
    made = approve_mode(
        store,
        actor,
        election,
        contest,
        constituency,
        reference=reference,
        mode=mode,
        now=now(),
    )
    approval = made.approval
    if as_json:
        document = {
            **approval_details(approval),
            "by": approval.by,
            "logged": {"sequence": made.logged.sequence, "hash": made.logged.hash},
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    with store() as work:
        day = election_day(work, approval.election)
    held = next(c for c in day.election.contests if c.id == approval.contest)
    where = next(k for k in held.constituencies if k.id == approval.constituency)
    language = lang.lang
    shown = text_in(
        CATALOGUE,
        "mode_approved",
        language,
        mode=mode_name(approval.mode, language),
        constituency=where.name.fa if language == "fa" else where.name.en,
        contest=held.name.fa if language == "fa" else held.name.en,
    )
    _out.print(shown, markup=False)

"""`sandogh audit fix-hand-count`: a pending full hand count entered wrong is replaced or
withdrawn by the supervising board, with a reason, logged (docs/audit.md §6.3); a certified one
is uncertified first."""

from __future__ import annotations

from typing import Annotated

import typer

from sandogh.cli.acting import acting
from sandogh.cli.audit_hand_count import hand_counts
from sandogh.cli.audit_said import refusals, refuse, say
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.services.acting import Actor


@acting
def fix_hand_count_command(
    contest: Annotated[str, typer.Option("--contest", help="CONTEST:CONSTITUENCY.")],
    actor: Actor,
    reason: Annotated[str, typer.Option("--reason", help="Why, and the board's reference.")],
    withdraw: Annotated[
        bool, typer.Option("--withdraw", help="Withdraw it; no totals in its place.")
    ] = False,
    cast: Annotated[
        int | None, typer.Option("--cast", help="Ballots cast, counted by hand.")
    ] = None,
    valid: Annotated[int | None, typer.Option("--valid", help="Valid ballots.")] = None,
    votes: Annotated[list[str] | None, typer.Option("--votes", help="CODE=VOTES (repeat).")] = None,
    invalid: Annotated[
        list[str] | None, typer.Option("--invalid", help="KIND=BALLOTS (repeat).")
    ] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Replace (new totals) or withdraw (--withdraw) a pending hand count, with a reason."""
    from sandogh.services.hand_count_corrections import replace_hand_count

    if withdraw == (cast is not None or valid is not None or bool(votes)):
        refuse(
            lang.lang,
            "یا --withdraw یا ارقام تازه (--cast، --valid، --votes)، یکی از این دو",
            "either --withdraw or new totals (--cast, --valid, --votes), one of them",
        )
    counts = None
    if not withdraw:
        counts = hand_counts(cast or 0, valid or 0, votes or [], invalid or [], lang.lang)
    with refusals(lang.lang):
        replace_hand_count(
            open_store(db), actor, election, contest, counts, reason=reason, now=now()
        )
    say("hand-count-withdrawn" if withdraw else "hand-count-replaced", lang.lang, contest=contest)

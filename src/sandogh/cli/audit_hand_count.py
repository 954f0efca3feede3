"""`sandogh audit hand-count|certify-hand-count|uncertify-hand-count`: a full hand count's totals
recorded, and certified as the result or undone by the supervising board under a grant given as
`sandogh certify`'s is (`--as --role --place`): it is the audit's hand count that it certifies
(docs/audit.md §6.3)."""

from __future__ import annotations

from typing import Annotated

import typer

from sandogh.cli.acting import acting
from sandogh.cli.audit_said import refusals, refuse, say
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, LangOption, Language
from sandogh.cli.session import actor, now
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.locale.audit_words import SAID
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import format_int, to_ascii_digits
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor


def hand_count_command(
    contest: Annotated[str, typer.Option("--contest", help="CONTEST:CONSTITUENCY.")],
    cast: Annotated[int, typer.Option("--cast", help="Ballots cast, counted by hand.")],
    valid: Annotated[int, typer.Option("--valid", help="Valid ballots, counted by hand.")],
    votes: Annotated[list[str], typer.Option("--votes", help="CODE=VOTES (repeat).")],
    invalid: Annotated[
        list[str] | None,
        typer.Option("--invalid", help="KIND=BALLOTS (repeat): blank, illegible, …"),
    ] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record a full hand count's totals; they wait for the supervising board to certify."""
    from sandogh.services.audit_status import record_hand_count

    counts = hand_counts(cast, valid, votes, invalid or [], lang.lang)
    with refusals(lang.lang):
        counted = record_hand_count(
            open_store(db), election, contest, counts, now=now(), actor=actor()
        )
    changed = SAID["changed" if counted.changed else "unchanged"][lang.lang]
    elected = (
        "، ".join(counted.outcome.elected)
        if lang is Language.FA
        else ", ".join(counted.outcome.elected)
    )
    say("hand-counted", lang.lang, contest=contest, elected=elected, changed=changed)


#: a count the store keeps exactly (below 2^63) and no constituency comes near
MOST_VOTES = 10**18


def hand_counts(cast: int, valid: int, votes: list[str], invalid: list[str], lang: Lang) -> Counts:
    """The totals counted by hand, each a whole number not negative, each code once."""
    for name, figure in (("--cast", cast), ("--valid", valid)):
        if not 0 <= figure < MOST_VOTES:
            fa = f"{name}: {figure} شماری از ۰ تا ۱۰^۱۸ نیست"
            refuse(lang, fa, f"{name}: {figure} is not a count from 0 to 10^18")
    kinds = _pairs(invalid, "--invalid", "KIND=BALLOTS", lang)
    known = {k.value: k for k in InvalidKind}
    unknown = [k for k in kinds if k not in known]
    if unknown:
        fa = f"--invalid: نوع باطله‌ای به نام {unknown[0]!r} نیست (نوع‌ها: {', '.join(known)})"
        refuse(lang, fa, f"--invalid: no invalid kind {unknown[0]!r} (kinds: {', '.join(known)})")
    # valid + invalid = cast (docs/formats.md); without --invalid, the invalid are not told
    counted = valid + sum(kinds.values())
    if counted > cast or (kinds and counted != cast):
        both, told = format_int(counted, "fa"), format_int(cast, "fa")
        fa = f"--valid و --invalid با هم {both} برگه‌اند، --cast {told}"
        refuse(lang, fa, f"--valid and --invalid make {counted} ballots, --cast {cast}")
    return Counts(
        cast=cast,
        valid=valid,
        invalid={known[k]: n for k, n in kinds.items()},
        votes=_pairs(votes, "--votes", "CODE=VOTES", lang),
    )


def _pairs(given: list[str], option: str, shape: str, lang: Lang) -> dict[str, int]:
    """KEY=N each, N a count below MOST_VOTES (in Persian digits too), each key once."""
    found: dict[str, int] = {}
    for each in given:
        key, _, n = each.partition("=")
        n = to_ascii_digits(n.strip())
        if not key or not n.isascii() or not n.isdigit() or len(n) > 18:  # below MOST_VOTES
            fa = f"{option}: {each!r} به شکل {shape} با شماری از ۰ تا ۱۰^۱۸ نیست"
            refuse(lang, fa, f"{option}: {each!r} is not {shape}, a count from 0 to 10^18")
        if key in found:
            refuse(lang, f"{option}: {key} دو بار آمده است", f"{option}: {key} is given twice")
        found[key] = int(n)
    return found


@acting
def certify_hand_count_command(
    contest: Annotated[str, typer.Option("--contest", help="CONTEST:CONSTITUENCY.")],
    actor: Actor,
    reason: Annotated[
        str, typer.Option("--reason", help="The board's decision: why and its reference.")
    ],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Certify a recorded full hand count as the result (a supervising board, under a grant)."""
    from sandogh.services.hand_count_corrections import certify_hand_count

    with refusals(lang.lang):
        made = certify_hand_count(
            open_store(db), actor, election, contest, reason=reason, now=now()
        )
    from sandogh.services.outcomes import decide_contests

    decided = decide_contests(open_store(db), election, contest=made.contest).contests[0]
    outcome = next(d.outcome for d in decided.decided if d.constituency.id == made.constituency)
    comma = "، " if lang is Language.FA else ", "
    say(
        "hand-count-certified",
        lang.lang,
        contest=contest,
        date=format_jalali(made.at.date(), lang.lang),
        elected=comma.join(outcome.elected),
        audit=made.audit,
    )


@acting
def uncertify_hand_count_command(
    contest: Annotated[str, typer.Option("--contest", help="CONTEST:CONSTITUENCY.")],
    actor: Actor,
    reason: Annotated[str, typer.Option("--reason", help="Why it is undone, and its reference.")],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Undo a certified hand count (a grant above the certifier's): it is pending again and the
    results are the reported ones."""
    from sandogh.services.hand_count_corrections import uncertify_hand_count

    with refusals(lang.lang):
        undone = uncertify_hand_count(
            open_store(db), actor, election, contest, reason=reason, now=now()
        )
    say("hand-count-uncertified", lang.lang, contest=contest, by=undone.by)

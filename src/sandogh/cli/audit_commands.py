"""`sandogh audit start|seed|sample|record|close|hand-count|certify-hand-count|
uncertify-hand-count|status|report`:
a risk-limiting audit run from the command (docs/audit.md §6–§7; issue 11). The supervising
board certifies a hand count here, under a grant given as `sandogh certify`'s is (`--as --role
--place`): it is the audit's hand count that it certifies.

The HQ starts the audit (the manifest and plan are fixed and logged), records the dice rolled in
public, draws each round (the boards' pull list, and a blank sheet to fill in), records the
sheets the boards filled in (blind: no record is shown), closes the round with the boxes'
records (compare, measure, decide; the round's hash is logged), and writes the published
folder (`report`) that `sandogh audit verify` re-runs. Persian first (`--lang`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.audit_labels import REFUSALS, SAID, label
from sandogh.cli.audit_view import print_decisions, print_pull_list, print_status
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, ElectionOption, LangOption, Language
from sandogh.cli.session import actor, now
from sandogh.cli.supervise import AsOption, PlaceOption, RoleOption
from sandogh.core.access import Grant
from sandogh.core.audit.manifest import ManifestError, Roll
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor
from sandogh.services.audit_errors import AuditRefusedError, ReadingRefusedError

# The audit's services, its files and the report's writer are imported by the command that uses
# them: every `sandogh` process imports this module for its options.

audit_app = typer.Typer(help="Risk-limiting audits of the paper.", no_args_is_help=True)


def _out() -> Console:
    return Console(highlight=False)


def _say(key: str, lang: Lang, **values: str) -> None:
    """Numbers come formatted for `lang`; hashes and codes stay as written."""
    _out().print(SAID[key][lang].format(**values), markup=False, soft_wrap=True)


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _refusals(lang: Lang) -> Iterator[None]:
    """A refusal is one line in the language asked for, naming what it is about."""
    try:
        yield
    except ReadingRefusedError as refused:
        _err().print(label(REFUSALS, refused.code, lang) + ":", markup=False)
        for unit, why in refused.problems:
            _err().print(f"  {unit}: {label(REFUSALS, why, lang)}", markup=False)
        raise typer.Exit(1) from None
    except AuditRefusedError as refused:
        subject = f" ({refused.subject})" if refused.subject else ""
        _err().print(f"sandogh: {label(REFUSALS, refused.code, lang)}{subject}", markup=False)
        raise typer.Exit(1) from None


def _risk_limit(text: str) -> Fraction:
    try:
        value = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise typer.BadParameter(f"{text!r} is not a share such as 5%, 0.05 or 1/20") from None
    return value


@audit_app.command("start")
def start(
    contest: Annotated[list[str], typer.Option("--contest", help="A contest to audit (repeat).")],
    risk_limit: Annotated[
        str, typer.Option("--risk-limit", help="The risk limit: 5%, 0.05 or 1/20.")
    ] = "5%",
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Fix the manifest and the plan (published before the seed) and log their hashes."""
    from sandogh.services.audits import start_audit

    with _refusals(lang.lang):
        audit = start_audit(
            open_store(db), election, contest, _risk_limit(risk_limit), now=now(), actor=actor()
        )
    papers = format_int(audit.manifest.papers, lang.lang)
    _say("started", lang.lang, election=audit.election, manifest=audit.manifest.hash, papers=papers)


@audit_app.command("seed")
def seed(
    roll: Annotated[
        list[str], typer.Option("--roll", help="WHO=DIGITS, as rolled, in roll order (repeat).")
    ],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record the ten-sided dice rolled in public: at least 20 digits, once."""
    from sandogh.services.audits import record_seed

    rolls = []
    for each in roll:
        who, sep, digits = each.rpartition("=")
        if not sep:
            raise typer.BadParameter(f"{each!r} is not WHO=DIGITS")
        rolls.append(Roll(who, digits))
    with _refusals(lang.lang):
        try:
            recorded = record_seed(open_store(db), election, rolls, now=now(), actor=actor())
        except ManifestError as bad:
            _err().print(label(REFUSALS, "bad-seed", lang.lang) + ":", markup=False)
            for problem in bad.problems:
                _err().print(f"  {problem}", markup=False)
            raise typer.Exit(1) from None
    _say("seeded", lang.lang, seed=recorded.digits)


@audit_app.command("sample")
def sample(
    sheet: Annotated[
        Path | None, typer.Option("--sheet", help="Write the boards' blank sheet (CSV) here.")
    ] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Draw the next round at the size the estimate asks; print the pull list."""
    from sandogh.formats.audit_readings import write_sheet
    from sandogh.services.audit_rounds import draw_round

    with _refusals(lang.lang):
        drawn = draw_round(open_store(db), election, now=now(), actor=actor())
    papers = format_int(len(drawn.papers) + len(drawn.stations), lang.lang)
    _say("drawn", lang.lang, number=format_int(drawn.number, lang.lang), papers=papers)
    print_pull_list(_out(), drawn, lang.lang)
    if sheet is not None:
        write_sheet(sheet, [p.paper for p in drawn.papers], list(drawn.contests))


@audit_app.command("record")
def record(
    sheet: Annotated[Path, typer.Argument(help="The boards' filled-in sheet, CSV or JSON.")],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record what the boards read, blind: nothing is compared until the round closes."""
    from sandogh.formats.audit_readings import read_sheet
    from sandogh.services.audit_rounds import record_readings

    papers, batches = read_sheet(sheet)
    with _refusals(lang.lang):
        count = record_readings(open_store(db), election, papers, batches, now=now(), actor=actor())
    _say("recorded", lang.lang, count=format_int(count, lang.lang))


@audit_app.command("close")
def close(
    records: Annotated[
        Path, typer.Option("--records", help="The boxes' records, JSON {CODE: READS}.")
    ],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Compare the papers read with their records, measure the risk, decide; log the hash."""
    from sandogh.formats.audit_readings import read_records
    from sandogh.services.audit_rounds import close_round

    found = read_records(records)
    with _refusals(lang.lang):
        result = close_round(open_store(db), election, found, now=now(), actor=actor())
    _say("closed", lang.lang, number=format_int(result.number, lang.lang), hash=result.hash)
    print_decisions(_out(), result.contests, lang.lang)


@audit_app.command("hand-count")
def hand_count(
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

    kinds = _pairs(invalid or [], "KIND=BALLOTS")
    known = {k.value: k for k in InvalidKind}
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise typer.BadParameter(f"no invalid kind {unknown[0]!r} (kinds: {', '.join(known)})")
    counts = Counts(
        cast=cast,
        valid=valid,
        invalid={known[k]: n for k, n in kinds.items()},
        votes=_pairs(votes, "CODE=VOTES"),
    )
    with _refusals(lang.lang):
        counted = record_hand_count(
            open_store(db), election, contest, counts, now=now(), actor=actor()
        )
    changed = SAID["changed" if counted.changed else "unchanged"][lang.lang]
    elected = (
        "، ".join(counted.outcome.elected)
        if lang is Language.FA
        else ", ".join(counted.outcome.elected)
    )
    _say("hand-counted", lang.lang, contest=contest, elected=elected, changed=changed)


def _pairs(given: list[str], shape: str) -> dict[str, int]:
    found = {}
    for each in given:
        key, _, n = each.partition("=")
        if not key or not n.isdigit():
            raise typer.BadParameter(f"{each!r} is not {shape}")
        found[key] = int(n)
    return found


@audit_app.command("certify-hand-count")
def certify_hand_count_command(
    contest: Annotated[str, typer.Option("--contest", help="CONTEST:CONSTITUENCY.")],
    username: AsOption,
    role: RoleOption,
    place: PlaceOption,
    reason: Annotated[
        str, typer.Option("--reason", help="The board's decision: why and its reference.")
    ],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Certify a recorded full hand count as the result (a supervising board, under a grant)."""
    from sandogh.services.hand_count_corrections import certify_hand_count

    acting = Actor(username, Grant(role, place))
    with _refusals(lang.lang):
        made = certify_hand_count(
            open_store(db), acting, election, contest, reason=reason, now=now()
        )
    from sandogh.services.outcomes import decide_contests

    decided = decide_contests(open_store(db), election, contest=made.contest).contests[0]
    outcome = next(d.outcome for d in decided.decided if d.constituency.id == made.constituency)
    comma = "، " if lang is Language.FA else ", "
    _say(
        "hand-count-certified",
        lang.lang,
        contest=contest,
        date=format_jalali(made.at.date(), lang.lang),
        elected=comma.join(outcome.elected),
        audit=made.audit,
    )


@audit_app.command("uncertify-hand-count")
def uncertify_hand_count_command(
    contest: Annotated[str, typer.Option("--contest", help="CONTEST:CONSTITUENCY.")],
    username: AsOption,
    role: RoleOption,
    place: PlaceOption,
    reason: Annotated[str, typer.Option("--reason", help="Why it is undone, and its reference.")],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Undo a certified hand count (a grant above the certifier's): it is pending again and the
    results are the reported ones."""
    from sandogh.services.hand_count_corrections import uncertify_hand_count

    acting = Actor(username, Grant(role, place))
    with _refusals(lang.lang):
        undone = uncertify_hand_count(
            open_store(db), acting, election, contest, reason=reason, now=now()
        )
    _say("hand-count-uncertified", lang.lang, contest=contest, by=undone.by)


@audit_app.command("status")
def status(
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Each contest's decision and risk, each round's hash, and the open round's progress."""
    from sandogh.services.audit_status import audit_status

    with _refusals(lang.lang):
        found = audit_status(open_store(db), election)
    print_status(_out(), found, lang.lang)


@audit_app.command("report")
def report(
    folder: Annotated[Path, typer.Argument(help="The folder to write (docs/audit.md §7).")],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Write the published files: definition, results, manifest, plan, seed, samples, rounds."""
    from sandogh.cli.audit_report import write_report
    from sandogh.services.audit_status import audit_publication

    with _refusals(lang.lang):
        published = audit_publication(open_store(db), election)
    write_report(folder, published)
    _say("reported", lang.lang, folder=str(folder))

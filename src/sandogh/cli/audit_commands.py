"""`sandogh audit start|seed|sample|record|close|status|report`: a risk-limiting audit run from
the command (docs/audit.md §6–§7; issue 11). The hand count's commands are `cli.audit_hand_count`'s.

A supervisor of the competent body starts the audit (the manifest and plan are fixed and
logged), records the dice rolled in public, draws each round (the boards' pull list, and a blank
sheet to fill in) and closes it with the boxes' records (compare, measure, decide; the round's
hash is logged), each under the grant the command declares (`--as --role --place --body`, asked
by `services.audit_access` as the console asks it); an audit board records the sheets the boards
filled in (blind: no record is shown). `report` writes the published folder that `sandogh audit
verify` re-runs. Persian first (`--lang`).
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer

from sandogh.cli.acting import acting, acting_for_a_body
from sandogh.cli.audit_said import out, problems, refusals, refuse, say
from sandogh.cli.audit_view import print_decisions, print_pull_list, print_status
from sandogh.cli.database import open_store
from sandogh.cli.options import (
    DbOption,
    ElectionOption,
    JsonOption,
    LangOption,
    Language,
)
from sandogh.cli.session import now
from sandogh.core.audit.manifest import ManifestError, Roll
from sandogh.locale.audit_words import REFUSALS, label
from sandogh.locale.digits import format_int, to_ascii_digits
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor
from sandogh.services.audit_access import require_entering, require_running

# The audit's services (but `services.audit_access`, light: who may act), its files and the
# report's writer are imported by the command that uses them: every `sandogh audit` command
# imports this module for its options.

audit_app = typer.Typer(help="Risk-limiting audits of the paper.", no_args_is_help=True)


def _risk_limit(text: str, lang: Lang) -> Fraction:
    """5%, 0.05 or 1/20; its bounds are the plan's to check (more than 0, less than 1)."""
    try:
        value = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        refuse(
            lang,
            f"--risk-limit: {text!r} سهمی مانند ۵٪، 0.05 یا 1/20 نیست",
            f"--risk-limit: {text!r} is not a share such as 5%, 0.05 or 1/20",
        )
    return value


@audit_app.command("start")
@acting_for_a_body
def start(
    contest: Annotated[list[str], typer.Option("--contest", help="A contest to audit (repeat).")],
    actor: Actor,
    risk_limit: Annotated[
        str, typer.Option("--risk-limit", help="The risk limit: 5%, 0.05 or 1/20.")
    ] = "5%",
    records: Annotated[
        Path | None,
        typer.Option(
            "--records",
            help='The boxes\' cast-vote records, JSON {CODE: {"station": S, "reads": READS}}: '
            "committed (hash and count) in the plan; only their stations are compared.",
        ),
    ] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Fix the manifest and the plan (published before the seed) and log their hashes; the
    outcomes are decided with the stored lots and withdrawals, as every outcome is."""
    from sandogh.formats.audit_readings import read_records
    from sandogh.services.audits import start_audit

    with refusals(lang.lang):
        committed = None if records is None else read_records(records)
        require_running(open_store(db), actor, election, contest, now=now())
        audit = start_audit(
            open_store(db),
            election,
            contest,
            _risk_limit(risk_limit, lang.lang),
            records=committed,
            now=now(),
            actor=actor.username,
        )
    papers = format_int(audit.manifest.papers, lang.lang)
    say("started", lang.lang, election=audit.election, manifest=audit.manifest.hash, papers=papers)


@audit_app.command("seed")
@acting_for_a_body
def seed(
    roll: Annotated[
        list[str], typer.Option("--roll", help="WHO=DIGITS, as rolled, in roll order (repeat).")
    ],
    actor: Actor,
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
            refuse(
                lang.lang,
                f"--roll: {each!r} به شکل WHO=DIGITS نیست",
                f"--roll: {each!r} is not WHO=DIGITS",
            )
        # the dice read the same in Persian digits; the seed is written in 0–9
        rolls.append(Roll(who, to_ascii_digits(digits.strip())))
    with refusals(lang.lang):
        require_running(open_store(db), actor, election, now=now())
        try:
            recorded = record_seed(open_store(db), election, rolls, now=now(), actor=actor.username)
        except ManifestError as bad:
            problems(label(REFUSALS, "bad-seed", lang.lang), bad.problems, lang.lang)
            raise typer.Exit(1) from None
    say("seeded", lang.lang, seed=recorded.digits)


@audit_app.command("sample")
@acting_for_a_body
def sample(
    actor: Actor,
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

    with refusals(lang.lang):
        require_running(open_store(db), actor, election, now=now())
        drawn = draw_round(open_store(db), election, now=now(), actor=actor.username)
    papers = format_int(len(drawn.papers) + len(drawn.stations), lang.lang)
    say("drawn", lang.lang, number=format_int(drawn.number, lang.lang), papers=papers)
    print_pull_list(out(), drawn, lang.lang)
    if sheet is not None:
        write_sheet(sheet, [p.paper for p in drawn.papers], list(drawn.contests))


@audit_app.command("record")
@acting
def record(
    sheet: Annotated[Path, typer.Argument(help="The boards' filled-in sheet, CSV or JSON.")],
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record what the boards read, blind: nothing is compared until the round closes."""
    from sandogh.formats.audit_readings import read_sheet
    from sandogh.services.audit_rounds import record_readings

    with refusals(lang.lang):
        papers, batches = read_sheet(sheet)
        stations = [p.paper.station for p in papers] + [b.station for b in batches]
        require_entering(open_store(db), actor, election, stations, now=now())
        count = record_readings(
            open_store(db), election, papers, batches, now=now(), actor=actor.username
        )
    say("recorded", lang.lang, count=format_int(count, lang.lang))


@audit_app.command("close")
@acting_for_a_body
def close(
    actor: Actor,
    records: Annotated[
        Path | None,
        typer.Option(
            "--records", help="The boxes' records committed at start (the same file, same hash)."
        ),
    ] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Compare the papers read with their records, measure the risk, decide; log the hash."""
    from sandogh.formats.audit_readings import read_records
    from sandogh.services.audit_rounds import close_round

    with refusals(lang.lang):
        found = None if records is None else read_records(records)
        require_running(open_store(db), actor, election, now=now())
        result = close_round(open_store(db), election, found, now=now(), actor=actor.username)
    say("closed", lang.lang, number=format_int(result.number, lang.lang), hash=result.hash)
    print_decisions(out(), result.contests, lang.lang)


@audit_app.command("status")
def status(
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Each contest's decision and risk, each round's hash, and the open round's progress."""
    from sandogh.services.audit_status import audit_status

    with refusals(lang.lang):
        found = audit_status(open_store(db), election)
    if as_json:
        from sandogh.cli.audit_status_json import status_json

        sys.stdout.write(json.dumps(status_json(found), ensure_ascii=False, indent=2) + "\n")
        return
    print_status(out(), found, lang.lang)


@audit_app.command("report")
def report(
    folder: Annotated[Path, typer.Argument(help="The folder to write (docs/audit.md §7).")],
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Write the published files: definition, results, manifest, plan, seed, samples, rounds."""
    from sandogh.cli.audit_report import NotAReportError, write_report
    from sandogh.services.audit_status import audit_publication

    with refusals(lang.lang):
        published = audit_publication(open_store(db), election)
    try:
        write_report(folder, published)
    except NotAReportError as refused:
        fa, en = (
            ("گزارش حسابرسی دیگری است", "it is the report of another audit")
            if refused.other
            else ("پرونده‌هایی جز گزارش این حسابرسی دارد", "it holds files that are no audit report")
        )
        refuse(
            lang.lang,
            f"{folder}: پوشه خالی نیست و {fa}؛ پوشه‌ای تازه یا خالی بدهید",
            f"{folder}: the folder is not empty and {en}; give a new or empty folder",
        )
    say("reported", lang.lang, folder=str(folder))

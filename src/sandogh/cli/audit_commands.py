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

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from sandogh.cli.acting import acting
from sandogh.cli.audit_view import print_decisions, print_pull_list, print_status
from sandogh.cli.database import open_store
from sandogh.cli.options import (
    DbOption,
    ElectionOption,
    JsonOption,
    LangOption,
    Language,
)
from sandogh.cli.session import actor, now
from sandogh.core.audit.errors import AuditError
from sandogh.core.audit.manifest import ManifestError, Roll
from sandogh.core.audit.sampling import SamplingError
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.locale.audit_problems import in_persian, path_in_persian
from sandogh.locale.audit_words import REFUSALS, SAID, label
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import format_int, to_ascii_digits
from sandogh.locale.language import Lang
from sandogh.services.acting import Actor
from sandogh.services.audit_errors import (
    AuditRefusedError,
    HandCountInvalidError,
    ReadingRefusedError,
)
from sandogh.services.errors import UnknownContestError

# The audit's services, its files and the report's writer are imported by the command that uses
# them: every `sandogh audit` command imports this module for its options.

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
    """A refusal in the language asked for, naming what it is about: a service's by its code,
    the core's by each problem's path, a sheet's or records file's by each problem's place."""
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
        found = refused.problems if isinstance(refused, HandCountInvalidError) else ()
        for each in found:  # a hand count's totals: each problem with its path
            said = in_persian(each.message) if lang == "fa" else each.message
            _err().print(f"  {each.path}: {said}", markup=False)
        raise typer.Exit(1) from None
    except AuditError as failed:  # the core's, a ManifestError among them: every problem
        _problems(failed.summary, failed.problems, lang)
        raise typer.Exit(1) from None
    except (SamplingError, UnknownContestError) as failed:
        _problems(str(failed), (), lang)
        raise typer.Exit(1) from None
    except SandoghError as bad:
        from sandogh.formats.audit_files import AuditFileError  # pydantic: only when it fails

        if not isinstance(bad, AuditFileError):
            raise
        # a sheet or records file: nothing of it is stored
        _err().print(f"sandogh: {bad.source}:", markup=False)
        for problem in bad.problems:
            _err().print(f"  {in_persian(problem) if lang == 'fa' else problem}", markup=False)
        raise typer.Exit(1) from None


def _refuse(lang: Lang, fa: str, en: str) -> NoReturn:
    """A value of an option refused, in `lang`, naming the option and what is wrong."""
    _err().print(f"sandogh: {fa if lang == 'fa' else en}", markup=False)
    raise typer.Exit(2)


def _problems(summary: str, problems: Iterable[Problem], lang: Lang) -> None:
    """What the core found wrong, each problem with its path, in `lang`."""

    def said(detail: str) -> str:
        return in_persian(detail) if lang == "fa" else detail

    _err().print(f"sandogh: {said(summary)}", markup=False)
    for problem in problems:
        path = path_in_persian(problem.path) if lang == "fa" else problem.path
        where = f"{path}: " if path else ""
        _err().print(f"  {where}{said(problem.message)}", markup=False)


def _risk_limit(text: str, lang: Lang) -> Fraction:
    """5%, 0.05 or 1/20; its bounds are the plan's to check (more than 0, less than 1)."""
    try:
        value = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        _refuse(
            lang,
            f"--risk-limit: {text!r} سهمی مانند ۵٪، 0.05 یا 1/20 نیست",
            f"--risk-limit: {text!r} is not a share such as 5%, 0.05 or 1/20",
        )
    return value


@audit_app.command("start")
def start(
    contest: Annotated[list[str], typer.Option("--contest", help="A contest to audit (repeat).")],
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

    with _refusals(lang.lang):
        committed = None if records is None else read_records(records)
        audit = start_audit(
            open_store(db),
            election,
            contest,
            _risk_limit(risk_limit, lang.lang),
            records=committed,
            now=now(),
            actor=actor(),
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
            _refuse(
                lang.lang,
                f"--roll: {each!r} به شکل WHO=DIGITS نیست",
                f"--roll: {each!r} is not WHO=DIGITS",
            )
        # the dice read the same in Persian digits; the seed is written in 0–9
        rolls.append(Roll(who, to_ascii_digits(digits.strip())))
    with _refusals(lang.lang):
        try:
            recorded = record_seed(open_store(db), election, rolls, now=now(), actor=actor())
        except ManifestError as bad:
            _problems(label(REFUSALS, "bad-seed", lang.lang), bad.problems, lang.lang)
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

    with _refusals(lang.lang):
        papers, batches = read_sheet(sheet)
        count = record_readings(open_store(db), election, papers, batches, now=now(), actor=actor())
    _say("recorded", lang.lang, count=format_int(count, lang.lang))


@audit_app.command("close")
def close(
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

    with _refusals(lang.lang):
        found = None if records is None else read_records(records)
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

    counts = _hand_counts(cast, valid, votes, invalid or [], lang.lang)
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


#: a count the store keeps exactly (below 2^63) and no constituency comes near
MOST_VOTES = 10**18


def _hand_counts(cast: int, valid: int, votes: list[str], invalid: list[str], lang: Lang) -> Counts:
    """The totals counted by hand, each a whole number not negative, each code once."""
    for name, figure in (("--cast", cast), ("--valid", valid)):
        if not 0 <= figure < MOST_VOTES:
            fa = f"{name}: {figure} شماری از ۰ تا ۱۰^۱۸ نیست"
            _refuse(lang, fa, f"{name}: {figure} is not a count from 0 to 10^18")
    kinds = _pairs(invalid, "--invalid", "KIND=BALLOTS", lang)
    known = {k.value: k for k in InvalidKind}
    unknown = [k for k in kinds if k not in known]
    if unknown:
        fa = f"--invalid: نوع باطله‌ای به نام {unknown[0]!r} نیست (نوع‌ها: {', '.join(known)})"
        _refuse(lang, fa, f"--invalid: no invalid kind {unknown[0]!r} (kinds: {', '.join(known)})")
    # valid + invalid = cast (docs/formats.md); without --invalid, the invalid are not told
    counted = valid + sum(kinds.values())
    if counted > cast or (kinds and counted != cast):
        both, told = format_int(counted, "fa"), format_int(cast, "fa")
        fa = f"--valid و --invalid با هم {both} برگه‌اند، --cast {told}"
        _refuse(lang, fa, f"--valid and --invalid make {counted} ballots, --cast {cast}")
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
            _refuse(lang, fa, f"{option}: {each!r} is not {shape}, a count from 0 to 10^18")
        if key in found:
            _refuse(lang, f"{option}: {key} دو بار آمده است", f"{option}: {key} is given twice")
        found[key] = int(n)
    return found


@audit_app.command("certify-hand-count")
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

    with _refusals(lang.lang):
        made = certify_hand_count(
            open_store(db), actor, election, contest, reason=reason, now=now()
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

    with _refusals(lang.lang):
        undone = uncertify_hand_count(
            open_store(db), actor, election, contest, reason=reason, now=now()
        )
    _say("hand-count-uncertified", lang.lang, contest=contest, by=undone.by)


@audit_app.command("status")
def status(
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Each contest's decision and risk, each round's hash, and the open round's progress."""
    from sandogh.services.audit_status import audit_status

    with _refusals(lang.lang):
        found = audit_status(open_store(db), election)
    if as_json:
        from sandogh.cli.audit_status_json import status_json

        sys.stdout.write(json.dumps(status_json(found), ensure_ascii=False, indent=2) + "\n")
        return
    print_status(_out(), found, lang.lang)


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

    with _refusals(lang.lang):
        published = audit_publication(open_store(db), election)
    try:
        write_report(folder, published)
    except NotAReportError as refused:
        fa, en = (
            ("گزارش حسابرسی دیگری است", "it is the report of another audit")
            if refused.other
            else ("پرونده‌هایی جز گزارش این حسابرسی دارد", "it holds files that are no audit report")
        )
        _refuse(
            lang.lang,
            f"{folder}: پوشه خالی نیست و {fa}؛ پوشه‌ای تازه یا خالی بدهید",
            f"{folder}: the folder is not empty and {en}; give a new or empty folder",
        )
    _say("reported", lang.lang, folder=str(folder))

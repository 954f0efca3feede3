"""`sandogh verify-election DIR-or-URL`: the independent verifier of the E2E record (docs/e2e.md
§10), each check printed with pass or fail, in Persian or English, or as JSON (docs/cli-json.md).
Exits 5 naming the first station, ballot or proof that fails, 1 when the record cannot be read.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from sandogh.cli.fingerprint_option import checked_anchors
from sandogh.cli.options import JsonOption, LangOption, Language
from sandogh.cli.verify_election_fa import detail_fa, refusal_fa
from sandogh.cli.verify_election_text import NAMES, REASONS_FA, say
from sandogh.locale.language import Lang
from sandogh.verify_election.checks import Check, Outcome
from sandogh.verify_election.complete import NO_BOX, PAPER_BALLOTS, REASONS, Completeness
from sandogh.verify_election.errors import RefusedError, VerifierError
from sandogh.verify_election.run import ElectionVerification, Verification, verify_election
from sandogh.verify_election.sealed import Sealed
from sandogh.verify_election.web import FILE_SECONDS, Limits

#: The exit status when a check fails (as `verify-results`' when anything disagrees).
FAILS = 5
UNREADABLE = 1

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _detail(detail: str, lang: Lang) -> str:
    """A failure's detail: Persian where its form is known (`verify_election_fa`), English for
    `--lang en` (and as is in `--json`)."""
    return detail_fa(detail) if lang == "fa" else detail


def _unreadable(error: VerifierError, lang: Lang) -> str:
    """Why the record cannot be read: a refused read in Persian for Persian output."""
    return refusal_fa(error) if lang == "fa" and isinstance(error, RefusedError) else str(error)


def check_name(check: Check, lang: Lang) -> str:
    fa, en = NAMES[check]
    return f"{check.label} {fa if lang == 'fa' else en}"


def verify_election_command(
    location: Annotated[str, typer.Argument(help="The snapshot: a folder or an http(s) URL.")],
    election: Annotated[
        str | None,
        typer.Option("--election", "-e", help="Check this election only (default: every one)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes checking stations (default: every core)."),
    ] = None,
    file_deadline: Annotated[
        float,
        typer.Option(
            "--file-deadline",
            min=0.001,
            help="Seconds a file may take over HTTP, per MiB it may hold (at least one MiB's).",
        ),
    ] = FILE_SECONDS,
    run_deadline: Annotated[
        float | None,
        typer.Option(
            "--run-deadline",
            min=0.001,
            help="Seconds the whole run may take; a read after them fails (default: none).",
        ),
    ] = None,
    anchor: Annotated[
        list[str] | None,
        typer.Option(
            "--anchor",
            help="The sealed pre-election record's fingerprint, or its last amendment's head, "
            "from a second source: sha256:HEX, or its short form of 40 digits (repeat for each "
            "election). Without it the record in the snapshot is taken unauthenticated.",
            show_default=False,
            callback=checked_anchors,
        ),
    ] = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Check the end-to-end record (docs/e2e.md §10: V0..V25) of a snapshot; exit 5 naming the
    first station, ballot or proof that fails."""
    limits = Limits.starting_now(file_deadline, run_deadline)
    try:
        verification = verify_election(location, election, workers, limits, anchor or ())
    except VerifierError as error:
        err.print(escape(say("unreadable", lang.lang, error=_unreadable(error, lang.lang))))
        raise typer.Exit(UNREADABLE) from error
    if as_json:
        sys.stdout.write(json.dumps(verification_json(verification), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    else:
        print_verification(verification, lang.lang)
    if not verification.passed:
        raise typer.Exit(FAILS)


def _outcome_json(check: Check, outcome: Outcome) -> dict[str, Any]:
    first = outcome.first
    return {
        "check": check.label,
        "name": NAMES[check][1],
        "passed": not outcome.failed,
        "checked": outcome.checked,
        "failed": outcome.failed,
        "first": None if first is None else {"where": first.where, "detail": first.detail},
    }


def _election_json(result: ElectionVerification) -> dict[str, Any]:
    first = result.ledger.first_failure()
    return {
        "election": result.election,
        "fingerprint": result.fingerprint,
        "passed": result.passed,
        "stations": result.stations,
        "ballots": {"cast": result.cast, "challenged": result.challenged},
        "first_failure": None
        if first is None
        else {"check": first[0].label, "where": first[1].where, "detail": first[1].detail},
        "checks": [_outcome_json(c, o) for c, o in result.ledger.outcomes.items()],
        "completeness": _completeness_json(result.completeness),
        "anchor": _anchor_json(result.sealed),
    }


def _anchor_json(sealed: Sealed | None) -> dict[str, Any] | None:
    if sealed is None:
        return None
    return {
        "given": sealed.given,
        "authenticated": sealed.authenticated,
        "fingerprint": sealed.fingerprint,
        "amendments": {"published": sealed.published, "vouched": sealed.vouched},
    }


def _anchor_lines(sealed: Sealed | None, lang: Lang) -> list[str]:
    """Under V0: that the record V5 and V20 rest on is unauthenticated, or how far the
    fingerprint given vouches for it."""
    if sealed is None or not sealed.given:
        return [say("unanchored", lang)]
    if not sealed.authenticated or sealed.fingerprint is None:
        return []
    return [
        say(
            "anchored",
            lang,
            fingerprint=sealed.fingerprint,
            vouched=sealed.vouched,
            published=sealed.published,
        )
    ]


def _completeness_json(completeness: Completeness | None) -> dict[str, Any] | None:
    if completeness is None:
        return None
    return {
        "sealed": completeness.sealed,
        "absent": [
            {"station": station, "reason": reason}
            for station, reason in sorted(completeness.absent.items())
        ],
    }


def _completeness_lines(completeness: Completeness | None, lang: Lang) -> list[str]:
    """What V20 rested on: a warning when no sealed record named the boxes, how many stations
    the record lists with no chain for each reason, what is not verified end to end (the
    stations voting on paper ballots), and, in full, every one listed for a reason other than
    `no-box` and `paper-ballots` (each a public claim that its staff and observers can refute;
    those two are the sealed record's and the definition's, which V20 holds them to)."""
    if completeness is None:
        return []
    lines = [] if completeness.sealed else [say("unsealed", lang)]
    reasons = REASONS_FA if lang == "fa" else REASONS
    comma = "، " if lang == "fa" else ", "
    by_reason: dict[str, list[str]] = {}
    for station, reason in sorted(completeness.absent.items()):
        by_reason.setdefault(reason, []).append(station)
    if by_reason:
        counts = comma.join(
            say("absent_count", lang, count=len(stations), reason=reasons.get(reason, reason))
            for reason, stations in sorted(by_reason.items())
        )
        lines.append(say("absent", lang, count=len(completeness.absent), counts=counts))
    if PAPER_BALLOTS in by_reason:
        lines.append(say("on_paper", lang, count=len(by_reason[PAPER_BALLOTS])))
    for reason, stations in sorted(by_reason.items()):
        if reason not in (NO_BOX, PAPER_BALLOTS):
            named = reasons.get(reason, reason)
            listed = comma.join(stations)
            lines.append(
                say("absent_claims", lang, count=len(stations), reason=named, stations=listed)
            )
    return lines


def verification_json(verification: Verification) -> dict[str, Any]:
    return {
        "location": verification.location,
        "passed": verification.passed,
        "elections": [_election_json(each) for each in verification.elections],
    }


def print_verification(verification: Verification, lang: Lang) -> None:
    out.print(f"[bold]{escape(say('heading', lang, location=verification.location))}[/bold]")
    for result in verification.elections:
        out.print()
        out.rule(result.election)
        out.print(escape(say("fingerprint", lang, fingerprint=result.fingerprint or "—")))
        out.print(
            escape(
                say(
                    "counted",
                    lang,
                    stations=result.stations,
                    cast=result.cast,
                    challenged=result.challenged,
                )
            )
        )
        for check, outcome in result.ledger.outcomes.items():
            name = escape(check_name(check, lang))
            unchecked = check is Check.ANCHOR and not (result.sealed and result.sealed.given)
            if unchecked:
                out.print(f"[yellow]– {name}: {escape(say('not_run', lang))}[/yellow]")
            elif outcome.failed and outcome.first is not None:
                detail = say(
                    "failed",
                    lang,
                    failed=outcome.failed,
                    checked=outcome.checked,
                    where=outcome.first.where,
                    detail=_detail(outcome.first.detail, lang),
                )
                out.print(f"[red]✗ {say('rejected', lang)}[/red] {name}: {escape(detail)}")
            else:
                counted = say("checked", lang, checked=outcome.checked)
                out.print(f"[green]✓ {say('passed', lang)}[/green] {name}: {escape(counted)}")
            if check is Check.ANCHOR:
                for line in _anchor_lines(result.sealed, lang):
                    out.print(f"  [yellow]{escape(line)}[/yellow]")
            if check is Check.COMPLETE:
                for line in _completeness_lines(result.completeness, lang):
                    out.print(f"  [yellow]{escape(line)}[/yellow]")
        first = result.ledger.first_failure()
        if first is None:
            out.print(f"\n[bold green]{escape(say('verdict_pass', lang))}[/bold green]")
        else:
            check, failure = first
            verdict = say(
                "verdict_fail",
                lang,
                check=check_name(check, lang),
                where=failure.where,
                detail=_detail(failure.detail, lang),
            )
            out.print(f"\n[bold red]{escape(verdict)}[/bold red]")

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

from sandogh.cli.options import JsonOption, LangOption, Language
from sandogh.cli.verify_election_fa import detail_fa, refusal_fa
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.verify_election.checks import Check, Outcome
from sandogh.verify_election.complete import REASONS, Completeness
from sandogh.verify_election.errors import RefusedError, VerifierError
from sandogh.verify_election.run import ElectionVerification, Verification, verify_election
from sandogh.verify_election.web import FILE_SECONDS, Limits

#: The exit status when a check fails (as `verify-results`' when anything disagrees).
FAILS = 5
UNREADABLE = 1

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

#: each check's name: (Persian, English)
NAMES: dict[Check, tuple[str, str]] = {
    Check.MANIFEST: ("فهرست پرونده‌ها و چکیده‌هایشان", "manifest and file hashes"),
    Check.PARAMETERS: ("پارامترهای گروه (HP)", "group parameters (HP)"),
    Check.BASE_HASH: ("چکیده پایه انتخابات (HB)", "election base hash (HB)"),
    Check.GUARDIAN_PROOFS: ("اثبات‌های ضرایب امینان", "guardians' coefficient proofs"),
    Check.EXTENDED_HASH: ("کلید مشترک و چکیده گسترده (HE)", "joint key and extended hash (HE)"),
    Check.CHAIN_START: ("آغاز زنجیره از گزارش صفر", "chain start from the zero report"),
    Check.WELL_FORMED: ("درستی شکل برگه‌ها", "ballots well-formed"),
    Check.SELECTION_PROOFS: ("اثبات‌های ۰ یا ۱ گزینه‌ها", "selection proofs (0..1)"),
    Check.CONTEST_PROOFS: ("اثبات‌های هر رقابت", "contest proofs (0..L−1)"),
    Check.CONFIRMATION_CODES: ("کدهای تأیید زنجیره", "confirmation codes of the chain"),
    Check.CHAIN_CLOSE: ("بستن زنجیره", "chain close"),
    Check.NO_DUPLICATES: ("نبود رمزنوشته تکراری", "no ciphertext twice"),
    Check.CHALLENGED: ("برگه‌های ابطال‌شده برای بررسی", "challenged ballots re-encrypted"),
    Check.STATION_TALLY: ("شمارش رمزشده شعبه", "station tally = product of cast ballots"),
    Check.REPORT_COMMITMENT: ("تعهد گزارش نهایی امضاشده", "signed final report's commitment"),
    Check.PARTIAL_DECRYPTIONS: ("رمزگشایی‌های جزئی امینان", "guardians' partial decryptions"),
    Check.COMBINATION: ("ترکیب رمزگشایی‌ها", "combination of the partial decryptions"),
    Check.REPORT_FIGURES: ("ارقام گزارش امضاشده", "signed report's figures = decrypted tally"),
    Check.AGGREGATES: ("جمع حوزه‌های انتخابیه", "constituency aggregates"),
    Check.COMPLETE: (
        "همه شعبه‌های رمزنگار در سیاهه (شعبه‌های تعریف انتخابات)",
        "every E2E station in the record (the definition's voting stations)",
    ),
    Check.SLOT_BALLOTS: ("اثبات‌های خانه‌های رقابت‌های بزرگ", "large contests' slot proofs"),
    Check.MIX_INPUT: ("ورودی بُر زدن از برگه‌های ریخته‌شده", "mix input = the cast ballots' slots"),
    Check.SHUFFLES: ("اثبات‌های بُر زدن امینان", "the guardians' shuffle proofs"),
    Check.ROW_DECRYPTION: ("رمزگشایی ردیف‌های بُرخورده", "decryption of the shuffled rows"),
    Check.LARGE_COUNT: (
        "شمارش ردیف‌ها = جمع ارقام امضاشده شعبه‌ها",
        "rows' counts = the stations' signed figures",
    ),
}

_FA = {
    "heading": "سنجش سیاهه انتخابات سرتاسری‌پذیر در {location}",
    "fingerprint": "اثر انگشت سیاهه: {fingerprint}",
    "counted": "{stations} شعبه، {cast} برگه ریخته‌شده، {challenged} برگه ابطال‌شده برای بررسی",
    "checked": "{checked} مورد",
    "failed": "{failed} از {checked} مورد رد شد؛ نخستین: {where} — {detail}",
    "passed": "گذشت",
    "rejected": "رد شد",
    "verdict_pass": "همه سنجه‌ها گذشت.",
    "verdict_fail": "رد شد: {check} در {where} — {detail}",
    "unreadable": "سیاهه خوانده نشد: {error}",
    "unsealed": (
        "هشدار: این انتشار سیاهه مهرشده پیش از انتخابات (anchor/record.json) ندارد؛ اینکه کدام "
        "شعبه‌ها صندوق داشتند و باید در سیاهه باشند (V20) تنها بر فهرست خود همین انتشار استوار است."
    ),
    "absent": "سیاهه {count} شعبه را بی‌زنجیره می‌شمارد: {stations}",
}
_EN = {
    "heading": "Checking the end-to-end election record at {location}",
    "fingerprint": "Record fingerprint: {fingerprint}",
    "counted": "{stations} stations, {cast} ballots cast, {challenged} challenged",
    "checked": "{checked} checked",
    "failed": "{failed} of {checked} failed; first: {where} — {detail}",
    "passed": "pass",
    "rejected": "FAIL",
    "verdict_pass": "Every check passed.",
    "verdict_fail": "FAILED: {check} at {where} — {detail}",
    "unreadable": "Cannot read the record: {error}",
    "unsealed": (
        "Warning: this snapshot has no sealed pre-election record (anchor/record.json): which "
        "stations had a ballot box and had to be in the record (V20) rests on the snapshot's own "
        "listing."
    ),
    "absent": "The record lists {count} stations with no chain: {stations}",
}
#: why a station has no chain (`complete.REASONS`), in Persian
REASONS_FA = {
    "no-box": "صندوق نداشت",
    "not-opened": "گشوده نشد",
    "not-closed": "گشوده شد و بسته نشد",
    "no-e2e": "گزارش نهایی بی‌تعهد رمزنگار فرستاد",
}
SHOWN_ABSENT = 20  # stations named in the absent line; the rest counted


def say(key: str, lang: Lang, **values: str | int) -> str:
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


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
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Check the end-to-end record (docs/e2e.md §10: V1..V20) of a snapshot; exit 5 naming the
    first station, ballot or proof that fails."""
    limits = Limits.starting_now(file_deadline, run_deadline)
    try:
        verification = verify_election(location, election, workers, limits)
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
    }


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
    """What V20 rested on: a warning when no sealed record named the boxes, and the stations
    the record lists with no chain (each a public claim that its staff and observers can refute)."""
    if completeness is None:
        return []
    lines = [] if completeness.sealed else [say("unsealed", lang)]
    if completeness.absent:
        reasons = REASONS_FA if lang == "fa" else REASONS
        named = [
            f"{station} ({reasons.get(reason, reason)})"
            for station, reason in sorted(completeness.absent.items())
        ]
        shown = "، ".join(named[:SHOWN_ABSENT]) if lang == "fa" else ", ".join(named[:SHOWN_ABSENT])
        more = len(named) - SHOWN_ABSENT
        if more > 0:
            shown += f" … (+{format_int(more, lang)})"
        lines.append(say("absent", lang, count=len(named), stations=shown))
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
            if outcome.failed and outcome.first is not None:
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

"""`sandogh audit verify DIR`: the arithmetic of a published audit re-run from its folder
(docs/audit.md §7), each check printed with pass or fail, in Persian or English, or as JSON
(docs/cli-json.md). Exits 5 naming the first file and field that fails.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from sandogh.cli.options import JsonOption, LangOption, Language
from sandogh.core.audit.rounds import ContestRisk
from sandogh.locale.audit_problems import RULES as AUDIT_RULES
from sandogh.locale.digits import format_int, format_percent
from sandogh.locale.language import Lang
from sandogh.locale.rules import Rule, by_rules
from sandogh.publish.audit_checks import AuditCheck, AuditVerification, Step

# The audit's verifier is imported by the command that runs it: every `sandogh audit` command
# imports this module for its options.

#: The exit status when a check fails (as `verify-election`'s).
FAILS = 5
#: Every check passed, but the folder does not show every contest confirmed: the audit has not
#: ended (a round drawn and not closed, another round asked, rounds withheld), or it sent a
#: contest to a full hand count. 0 only when every contest is confirmed.
NOT_CONFIRMED = 3

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

#: each check's name: (Persian, English)
NAMES: dict[Step, tuple[str, str]] = {
    Step.MANIFEST: ("فهرست برگه‌ها و چکیده آن", "ballot manifest and its hash"),
    Step.DEFINITION: (
        "تعریف انتخابات، همان که فهرست نام می‌برد",
        "definition named by the manifest",
    ),
    Step.SEED: ("بذر تاس‌ها، ریخته برای همین فهرست", "seed: the dice, rolled for this manifest"),
    Step.PLAN: ("طرح حسابرسی، دوباره ساخته از نتایج", "plan rebuilt from the results"),
    Step.SAMPLES: (
        "نمونه‌ها، دوباره کشیده از بذر و فهرست",
        "samples redrawn from seed and manifest",
    ),
    Step.ROUNDS: ("دورها، دوباره سنجیده و زنجیرشده", "rounds replayed and chained by hash"),
    Step.HAND_COUNTS: (
        "شمارش‌های دستی، فقط برای رقابت‌هایی که بازاجرا به شمارش دستی فرستاد",
        "hand counts: only for contests the replay sent to one",
    ),
    Step.FINAL: ("وضعیت پایانی", "final state"),
}
DECISIONS = {
    "confirmed": ("تأیید شد", "confirmed"),
    "another-round": ("دور دیگری لازم است", "another round needed"),
    "full-hand-count": ("شمارش کامل دستی", "full hand count"),
}
_FA = {
    "heading": "سنجش حسابرسی منتشرشده در {folder}",
    "no_folder": "sandogh: پوشه {folder} نیست",
    "passed": "گذشت",
    "rejected": "رد شد",
    "differs": "منتشرشده {published}؛ ورودی‌های منتشرشده می‌دهند {expected}",
    "ended": "حسابرسی پس از {rounds} دور پایان یافت",
    "last": "چکیده دور آخر (با آنچه در دفتر رویدادها ثبت شده بسنجید): {hash}",
    "going": "حسابرسی پایان نیافته است: پس از {rounds} دور، دور دیگری لازم است",
    "open": "حسابرسی پایان نیافته است: دور {round} کشیده شده و هنوز بسته نشده است",
    "none_confirmed": "هیچ رقابتی تأیید نشده است",
    "verdict_unconfirmed": "همه سنجه‌ها گذشت؛ اما همه رقابت‌ها تأیید نشده‌اند.",
    "contest": "{contest}: {decision}، بیشترین مقدار p {p}",
    "hand_count": "شمارش دستی {contest} ({status}): {votes}",
    "hand_certified": "تأییدشده",
    "hand_pending": "در انتظار تأیید",
    "verdict_pass": "همه سنجه‌ها گذشت.",
    "verdict_fail": "رد شد: {file} {field} — {reason}",
}
_EN = {
    "heading": "Checking the audit published in {folder}",
    "no_folder": "sandogh: there is no folder {folder}",
    "passed": "pass",
    "rejected": "FAIL",
    "differs": "is {published}; the published inputs give {expected}",
    "ended": "the audit ended after {rounds} rounds",
    "last": "the last round's hash (compare it with the one in the event log): {hash}",
    "going": "the audit has not ended: after {rounds} rounds another round is needed",
    "open": "the audit has not ended: round {round} is drawn and not yet closed",
    "none_confirmed": "no contest is confirmed",
    "verdict_unconfirmed": "Every check passed; but not every contest is confirmed.",
    "contest": "{contest}: {decision}, largest P-value {p}",
    "hand_count": "hand count of {contest} ({status}): {votes}",
    "hand_certified": "certified",
    "hand_pending": "pending certification",
    "verdict_pass": "Every check passed.",
    "verdict_fail": "FAILED: {file} {field} — {reason}",
}

#: the readers' messages a person reading Persian gets in Persian (the core's and the replay's
#: are `locale.audit_problems`)
_RULES: tuple[Rule, ...] = (
    (re.compile(r"missing"), lambda _: "نیست"),
    (re.compile(r"cannot read it: (.*)"), lambda m: f"خوانده نشد: {m[1]}"),
    (re.compile(r"no such sample"), lambda _: "طرح چنین نمونه‌ای ندارد"),
    (
        re.compile(r"not in canonical form .*"),
        lambda _: "به شکل متعارف (RFC 8785) نیست: چکیده‌اش فرق می‌کند",
    ),
    (re.compile(r"Input should be (.*)"), lambda m: f"باید چنین باشد: {m[1]}"),
    (re.compile(r"Field required"), lambda _: "نیامده است"),
    (re.compile(r"Extra inputs are not permitted"), lambda _: "فیلدی است که این پرونده ندارد"),
    (re.compile(r"String should match pattern (.*)"), lambda m: f"با الگوی {m[1]} جور نیست"),
    (re.compile(r"not JSON in UTF-8: (.*)"), lambda m: f"JSON در UTF-8 نیست: {m[1]}"),
    (
        re.compile(r"the audit's replay sent no hand count of it \(due: (.*)\)"),
        lambda m: f"بازاجرای حسابرسی آن را به شمارش دستی نفرستاد (فرستاده‌ها: {m[1]})",
    ),
    (re.compile(r"counted by hand twice"), lambda _: "دو بار به دست شمرده شده است"),
    (
        re.compile(r"(\S+) is no audit record that sent it to a hand count"),
        lambda m: f"{m[1]} رکورد حسابرسی‌ای نیست که آن را به شمارش دستی فرستاد",
    ),
    (
        re.compile(r"a hand count pending certification names no audit record"),
        lambda _: "شمارش دستیِ در انتظار تصدیق رکورد حسابرسی‌ای نام نمی‌برد",
    ),
)


def say(key: str, lang: Lang, **values: str | int) -> str:
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


def reason(check: AuditCheck, lang: Lang) -> str:
    """Why `check` failed in `lang`; a reader's message of no form listed stays as it is."""
    if not check.detail:
        return say("differs", lang, published=check.published, expected=check.expected)
    if lang == "en":
        return check.detail
    return by_rules(check.detail, (*_RULES, *AUDIT_RULES))


def audit_verify_command(
    folder: Annotated[
        Path,
        typer.Argument(help="The published audit folder (docs/audit.md §7).", file_okay=False),
    ],
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Re-run a published audit's arithmetic from its files: the plan, every sample and every
    round; exit 5 naming the first file and field that fails."""
    from sandogh.publish.audit_verify import verify_audit

    if not folder.is_dir():  # in the reader's language, not the option parser's English
        err.print(escape(say("no_folder", lang.lang, folder=str(folder))))
        raise typer.Exit(2)
    verification = verify_audit(folder)
    if as_json:
        sys.stdout.write(json.dumps(verification_json(folder, verification), ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        print_verification(folder, verification, lang.lang)
    first = verification.first_failure
    if first is not None:
        line = say("verdict_fail", lang.lang, file=first.file, field=first.field, reason="")
        err.print(escape(line + reason(first, lang.lang)))
        raise typer.Exit(FAILS)
    if not verification.confirmed:
        raise typer.Exit(NOT_CONFIRMED)


def _check_json(check: AuditCheck) -> dict[str, Any]:
    return {
        "step": check.step.value,
        "name": NAMES[check.step][1],
        "passed": check.passed,
        "file": check.file,
        "field": check.field,
        "reason": None if check.passed else check.reason,
    }


def _contest_json(risk: ContestRisk) -> dict[str, Any]:
    return {
        "contest": risk.contest,
        "decision": risk.decision.value,
        "p_values": {a.key: str(a.p_value) for a in risk.assertions},
        "next_size": risk.next_size,
        "reason": None if risk.reason is None else risk.reason.value,
        "detail": risk.detail,
    }


def verification_json(folder: Path, verification: AuditVerification) -> dict[str, Any]:
    first = verification.first_failure
    return {
        "folder": str(folder),
        "passed": verification.passed,
        "first_failure": None if first is None else _check_json(first),
        "checks": [_check_json(c) for c in verification.checks],
        "rounds": verification.rounds,
        "ended": verification.ended,
        "open_round": verification.open_round or None,
        "confirmed": verification.confirmed,
        "last_hash": verification.last_hash or None,
        "contests": [_contest_json(c) for c in verification.contests],
        "hand_counts": [dict(h.document) for h in verification.hand_counts],
    }


def print_verification(folder: Path, verification: AuditVerification, lang: Lang) -> None:
    out.print(f"[bold]{escape(say('heading', lang, folder=str(folder)))}[/bold]")
    for check in verification.checks:
        fa, en = NAMES[check.step]
        mark = "[green]✓ " if check.passed else "[red]✗ "
        verdict = say("passed" if check.passed else "rejected", lang)
        line = f"{fa if lang == 'fa' else en}: {verdict}"
        if not check.passed:
            line += f" — {check.file} {check.field} {reason(check, lang)}"
        elif check.step in {Step.MANIFEST, Step.SEED}:
            line += f" — {check.detail}"  # the hash, the seed's digits
        out.print(mark + escape(line) + ("[/green]" if check.passed else "[/red]"))
    if verification.first_failure is not None:
        return
    if verification.open_round:
        out.print(escape(say("open", lang, round=verification.open_round)))
    else:
        state = "ended" if verification.ended else "going"
        out.print(escape(say(state, lang, rounds=verification.rounds)))
    if not any(r.decision.value == "confirmed" for r in verification.contests):
        out.print(escape(say("none_confirmed", lang)))
    if verification.last_hash:
        out.print(escape(say("last", lang, hash=verification.last_hash)))
    for risk in verification.contests:
        fa, en = DECISIONS[risk.decision.value]
        shown = format_percent(risk.p_value, lang, places=2)
        line = say(
            "contest", lang, contest=risk.contest, decision=fa if lang == "fa" else en, p=shown
        )
        out.print(escape(line))
    for counted in verification.hand_counts:  # to compare with the board's minutes and the log
        status = say("hand_certified" if counted.certified else "hand_pending", lang)
        votes = ("، " if lang == "fa" else ", ").join(
            f"{c}={format_int(n, lang)}" for c, n in counted.counts.votes.items()
        )
        out.print(
            escape(say("hand_count", lang, contest=counted.contest, status=status, votes=votes))
        )
    verdict = "verdict_pass" if verification.confirmed else "verdict_unconfirmed"
    out.print(f"[bold]{escape(say(verdict, lang))}[/bold]")

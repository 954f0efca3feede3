"""`verify-results` shown: its findings and verdict in Persian or English, and as JSON
(docs/cli-json.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from sandogh.cli.formatting import bullet
from sandogh.cli.verification_split import e2e_finding_text, split_lines
from sandogh.cli.verification_words import EN, FA
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.publish.e2e_split import ContestSplit
from sandogh.publish.findings import Disagreement, Finding, Vouched

if TYPE_CHECKING:
    from sandogh.publish.verify import ElectionCheck, Verification

SHOWN = 40  # disagreements printed per election; --json gives them all

out = Console(highlight=False)

_KEYS = {
    Disagreement.MISSING: "missing",
    Disagreement.UNREADABLE: "unreadable",
    Disagreement.DEFINITION: "definition_mismatch",
    Disagreement.REPORT: "report",
    Disagreement.REPORT_HASH: "report_hash",
    Disagreement.DEVICE: "device",
    Disagreement.SIGNATURE: "signature",
    Disagreement.UNSIGNED: "unsigned",
    Disagreement.FIGURE: "figure",
    Disagreement.ANCHOR: "anchor",
    Disagreement.NOT_COVERED: "not_covered",
    Disagreement.AUDIT: "audit",
    Disagreement.DECISIONS: "decisions",
    Disagreement.LOT: "lot",
    Disagreement.CERTIFICATION: "certification",
    Disagreement.BUILD: "build",
    Disagreement.CANDIDACY: "candidacy",
    Disagreement.E2E_RECORD: "e2e",
}
#: the record first, then the reports' own problems, then the figures they put off
_ORDER = [Disagreement.ANCHOR, *(kind for kind in _KEYS if kind is not Disagreement.ANCHOR)]


def say(key: str, lang: Lang, **values: str | int) -> str:
    """A message of this module in `lang`; whole numbers in its digits."""
    template = (FA if lang == "fa" else EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


def _finding_json(finding: Finding) -> dict[str, str]:
    return {
        "kind": finding.kind.value,
        "where": finding.where,
        "file": finding.file,
        "figure": finding.figure,
        "published": finding.published,
        "expected": finding.expected,
        "detail": finding.detail,
    }


def verification_json(verification: Verification) -> dict[str, Any]:
    return {
        "location": verification.location,
        "agrees": verification.agrees,
        "anchored": verification.anchored,
        "findings": [_finding_json(f) for f in verification.findings],
        "elections": [
            {
                "election": check.election,
                "definition_hash": check.definition_hash,
                "sequence": check.sequence,
                "reports": check.reports,
                "verified": check.verified,
                "readded": check.readded,
                "documents": check.documents,
                "not_checked": list(check.not_checked),
                "anchor_covers_amendments": check.covered,
                "amendments": check.amendments,
                "head": check.head,
                "decisions": check.decisions.value,
                "split": [_split_json(each) for each in check.split],
                "e2e_record": check.e2e_record.value or None,
                "disagreements": len(check.findings),
                "findings": [_finding_json(f) for f in check.findings],
            }
            for check in verification.elections
        ],
    }


def _split_json(split: ContestSplit) -> dict[str, Any]:
    return {
        "contest": split.contest,
        "cast": split.cast,
        **{
            name: {"stations": part.stations, "cast": part.cast, "votes": dict(part.votes)}
            for name, part in (("e2e", split.e2e), ("paper", split.paper))
        },
    }


def _shown(value: str, lang: Lang) -> str:
    """A figure as JSON text, whole numbers in `lang`'s digits."""
    try:
        number = int(value)
    except ValueError:
        return value
    return format_int(number, lang) if str(number) == value else value


def finding_text(finding: Finding, lang: Lang) -> str:
    figure = finding.figure
    if finding.kind is Disagreement.NOT_COVERED:
        figure = text(f"refused_{figure}", lang)
    key = _KEYS[finding.kind]
    if finding.kind is Disagreement.E2E_RECORD:
        published, expected = _shown(finding.published, lang), _shown(finding.expected, lang)
        return f"{finding.where}: {e2e_finding_text(finding, lang, published, expected)}"
    if finding.kind is Disagreement.AUDIT:  # its kind of mismatch (`audit_hand_counts.Unborne`)
        key = f"audit_{finding.detail}"
    elif finding.kind is Disagreement.BUILD:  # why, as `core.fleet.BuildRefusal` says it
        key = f"build_{finding.detail}"
    elif finding.kind is Disagreement.CANDIDACY:  # the draw's codes, or the definition's
        key = f"candidacy_{finding.detail}"
    elif finding.kind is Disagreement.CERTIFICATION:  # which (`publish.supervision_file`)
        key = f"certification_{finding.detail}"
    elif finding.kind is Disagreement.DECISIONS and finding.figure == "checkpoint":
        key = "decisions_checkpoint"
    message = say(
        key,
        lang,
        file=finding.file,
        figure=figure,
        published=_shown(finding.published, lang),
        expected=_shown(finding.expected, lang),
        detail=finding.detail,
    )
    return f"{finding.where}: {message}"


def print_verification(verification: Verification, lang: Lang) -> None:
    out.print(f"[bold]{escape(say('verify_heading', lang, location=verification.location))}[/bold]")
    if not verification.anchored:
        out.print(f"[bold yellow]{escape(say('unanchored', lang))}[/bold yellow]")
    elif not any(f.kind is Disagreement.ANCHOR for c in verification.elections for f in c.findings):
        out.print(f"[green]✓[/green] {escape(say('anchored', lang))}")
    for finding in verification.findings:
        out.print(f"[red]✗[/red] {escape(finding_text(finding, lang))}")
    for check in verification.elections:
        _print_check(check, lang)
    verdict = text("agrees" if verification.agrees else "disagrees", lang)
    colour = "green" if verification.agrees else "red"
    out.print(f"\n[bold {colour}]{text('verdict', lang)}: {verdict}[/bold {colour}]")
    if not verification.anchored:
        out.print(f"[bold yellow]{escape(say('unanchored', lang))}[/bold yellow]")


def _print_check(check: ElectionCheck, lang: Lang) -> None:
    out.print()
    out.rule(check.election)
    out.print(escape(say("definition", lang, hash=check.definition_hash or "—")))
    out.print(escape(say("reports_read", lang, reports=check.reports, verified=check.verified)))
    out.print(escape(say("readded", lang, readded=check.readded, documents=check.documents)))
    for relative in check.not_checked:
        shown = escape(say("not_checked", lang, file=relative))
        out.print(f"[yellow]{bullet(lang).strip()}[/yellow] {shown}")
    for line in split_lines(check.split, check.e2e_record, lang):
        out.print(escape(line))
    _print_covered(check, lang)
    if check.decisions is Vouched.LOG_KEY:
        out.print(f"[green]✓[/green] {escape(say('decisions_signed', lang))}")
    elif check.decisions is Vouched.PUBLISHER:
        out.print(f"[bold yellow]{escape(say('decisions_unvouched', lang))}[/bold yellow]")
    if not check.findings:
        out.print(f"[green]✓[/green] {escape(say('all_agree', lang))}")
        return
    out.print(f"[red]✗[/red] {escape(say('disagreements', lang, count=len(check.findings)))}")
    ordered = sorted(check.findings, key=lambda f: _ORDER.index(f.kind))
    for finding in ordered[:SHOWN]:
        out.print(f"{bullet(lang)}{escape(finding_text(finding, lang))}")
    if len(ordered) > SHOWN:
        out.print(f"  {escape(say('more', lang, count=len(ordered) - SHOWN))}")


def _print_covered(check: ElectionCheck, lang: Lang) -> None:
    """What the anchor given vouches for; loudly, when published amendments lie beyond it, so that
    others may have been left out: the record's fingerprint alone vouches for none of them
    (`publish.anchor_check`)."""
    if check.covered is None:
        return
    if check.covered:
        out.print(escape(say("covers_amendments", lang, count=check.covered)))
    else:
        key = "covers_record" if check.amendments else "covers_unamended"
        out.print(escape(say(key, lang)))
    # with none published, the record given is the chain's head: nothing to warn of (S20 F6)
    if check.covered < check.amendments:
        after = say("after_amendment", lang, covered=check.covered)
        warning = say(
            "amendments_unanchored",
            lang,
            published=check.amendments,
            covered=after if check.covered else say("after_record", lang),
            head=check.head,
        )
        out.print(f"[bold yellow]{escape(warning)}[/bold yellow]")

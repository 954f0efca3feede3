"""`verify-results` shown: its findings and verdict in Persian or English, and as JSON
(docs/cli-json.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from sandogh.cli.verification_split import e2e_finding_text, split_lines
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.publish.e2e_split import ContestSplit
from sandogh.publish.findings import Disagreement, Finding, Vouched

if TYPE_CHECKING:
    from sandogh.publish.verify import ElectionCheck, Verification

SHOWN = 40  # disagreements printed per election; --json gives them all

out = Console(highlight=False)

_FA: dict[str, str] = {
    "verify_heading": "سنجش نتایج منتشرشده در {location}",
    "definition": "چکیده تعریف انتخابات: {hash}",
    "reports_read": "{reports} گزارش امضاشده خوانده شد؛ همه سنجه‌های {verified} گزارش درست است.",
    "readded": "آرای {readded} صورتجلسه نهایی دوباره جمع زده شد و "
    "{documents} پرونده با آن سنجیده شد.",
    "not_checked": "سنجیده نشد (کهنه‌تر از این انتشار): {file}",
    "all_agree": "همه ارقام منتشرشده با جمع دوباره گزارش‌های امضاشده می‌خواند.",
    "disagreements": "{count} مغایرت:",
    "more": "… و {count} مغایرت دیگر (همه با --json)",
    "missing": "پرونده {file} نیست",
    "unreadable": "پرونده {file} خوانا نیست: {detail}",
    "definition_mismatch": "چکیده تعریف با این انتشار نمی‌خواند: "
    "{published} اعلام شده، پرونده {expected}",
    "report": "گزارش {figure} دیگری دارد: {published} به جای {expected} ({file})",
    "report_hash": "چکیده گزارش با چکیده فهرست‌شده نمی‌خواند: "
    "{published} فهرست‌شده، {expected} پرونده ({file})",
    "device": "امضاکننده {published} صندوق ثبت‌شده این شعبه در devices.json نیست ({file})",
    "signature": "امضای گزارش درست نیست: {detail} ({file})",
    "unsigned": "ارقام منتشرشده این شعبه گزارش نهایی امضاشده‌ای پشت خود ندارد ({file})",
    "figure": "{figure}: منتشرشده {published}، جمع دوباره {expected} ({file})",
    "anchor": "سیاهه پیش از انتخابات با آنچه از منبع دوم داده شد نمی‌خواند: {detail} ({file})",
    "not_covered": "سیاهه پیش از انتخابات این گزارش را پوشش نمی‌دهد: {figure} — {detail} ({file})",
    "build_unapproved-build": "گزارش با نسخه نرم‌افزار {published} امضا شده که در زمان دریافت "
    "آن ({expected}) در builds.json تأییدشده نبود ({file})",
    "build_revoked-build": "گزارش با نسخه نرم‌افزار {published} امضا شده که تأیید آن پیش از "
    "دریافت گزارش ({expected}) لغو شده بود ({file})",
    "build_decision-signatures": "تصمیم نسخه نرم‌افزار {published} ({figure}) امضای معتبر "
    "{expected} مقام سیاهه پیش از انتخابات، از هر دو نهاد، را ندارد یا امضایی از آن جعلی است؛ "
    "این تصمیم به حساب نمی‌آید ({file})",
    "build_decision-document": "سند امضاشده تصمیم نسخه نرم‌افزار {published} ({figure}) همان "
    "تصمیمی نیست که فهرست شده است؛ این تصمیم به حساب نمی‌آید ({file})",
    "build_no-build": "گزارش نسخه نرم‌افزار صندوق را نام نمی‌برد و در زمان دریافت آن ({expected}) "
    "نسخه‌هایی تأیید شده بود ({file})",
    "candidacy_draw": "کدهای منتشرشده نامزدها آن نیست که قرعه با بذر، فهرست و کدهای منتشرشده "
    "می‌دهد: منتشرشده {published}؛ قرعه دوباره {expected} ({file})",
    "candidacy_definition": "نامزدهای تعریف انتخابات آن نیست که قرعه منتشرشده می‌دهد: در تعریف "
    "{published}؛ قرعه دوباره {expected} ({file})",
    "candidacy_commitment": "{figure}: تعهد قرعه کدها با راز و فهرست منتشرشده نمی‌خواند یا پیش از "
    "فهرست نهایی ثبت نشده است: منتشرشده {published}؛ باید {expected} ({file})",
    "audit_no-hand-count": "{figure}: پوشه حسابرسی شمارش دستی‌ای از {published} منتشر نکرده است "
    "({file})",
    "audit_pending": "{figure}: شمارش دستی {published} در پوشه حسابرسی هنوز تصدیق نشده است "
    "({file})",
    "audit_audit": "{figure}: رکورد حسابرسی {published} نام برده شده؛ شمارش دستی پوشه حسابرسی "
    "{expected} را نام می‌برد ({file})",
    "audit_figure": "{figure}: منتشرشده {published}، شمارش دستی پوشه حسابرسی {expected} ({file})",
    "audit_not-corrected": "{published} در پوشه حسابرسی تصدیق شده و در supervision.json اصلاح "
    "نشده است ({file})",
    "audit_audit-fails": "پوشه حسابرسی سنجه خود را نمی‌گذراند ({file} {figure})؛ "
    "sandogh audit verify را اجرا کنید",
    "audit_no-election": "این انتشار انتخاباتی از پوشه حسابرسی ندارد",
    "anchor_needed": "بی‌لنگر «مطابق است» گفته نمی‌شود. اثر انگشت سیاهه پیش از انتخابات را از "
    "منبعی دیگر (روزنامه، ناظران) با --anchor sha256:… بدهید، یا خود سیاهه را با --record؛ "
    "برای سنجش بی‌لنگر --unanchored.",
    "unanchored": "هشدار: هیچ چیز لنگر نشد. کلید صندوق‌ها از devices.json همین انتشار خوانده شد و "
    "کلید کارکنان سنجیده نشد؛ «مطابق است» اینجا فقط یعنی این داده‌ها با خودشان می‌خوانند.",
    "anchored": "سیاهه پیش از انتخابات با لنگر داده‌شده می‌خواند.",
    "covers_record": "لنگر داده‌شده تنها خود سیاهه را پوشش می‌دهد، نه هیچ‌یک از اصلاحیه‌هایش را.",
    "covers_unamended": "لنگر داده‌شده خود سیاهه را پوشش می‌دهد؛ این انتشار اصلاحیه‌ای بر آن ندارد.",
    "covers_amendments": "لنگر داده‌شده سیاهه و اصلاحیه‌های ۱ تا {count} را پوشش می‌دهد.",
    "amendments_unanchored": "هشدار: {published} اصلاحیه منتشر و سنجیده شد، اما اینکه پس از "
    "{covered} اصلاحیه‌ای (مثلاً جایگزینی یک صندوق) پنهان نشده باشد فقط به گفته "
    "منتشرکننده است. سر کنونی زنجیره اصلاحیه‌ها را از مقامات بپرسید و با --anchor بدهید "
    "(سر زنجیره در این انتشار: {head}).",
    "after_record": "خود سیاهه",
    "after_amendment": "اصلاحیه {covered}",
    "decisions": "{file} آن نیست که کلید لاگ در {detail} برایش امضا کرده است: چکیده پرونده "
    "{published}، چکیده امضاشده {expected}",
    "lot": "قرعه {file} نمی‌خواند ({figure}): منتشرشده {published}، مورد انتظار {expected}؛ "
    "بذر قرعه باید از راز متعهدشده و خود تساوی ساخته شده باشد",
    "decisions_checkpoint": "{file} به نقطه بازبینی {published} از لاگ استناد می‌کند که با همان "
    "کلید امضا و در {detail} منتشر نشده است",
    "decisions_signed": "تصمیم‌های نظارتی (supervision.json) را کلید لاگ رویدادها، که سیاهه پیش "
    "از انتخابات نام می‌برد، امضا کرده است.",
    "decisions_unvouched": "هشدار: تصمیم‌های نظارتی (ابطال‌ها، تأییدها، قرعه‌ها، انصراف‌ها و "
    "اصلاح‌ها در supervision.json) فقط به گفته منتشرکننده است: سیاهه پیش از انتخابات لنگر نشد یا "
    "کلید لاگ رویدادها را نام نمی‌برد.",
}
_EN: dict[str, str] = {
    "verify_heading": "Checking the results published at {location}",
    "definition": "Definition hash: {hash}",
    "reports_read": "{reports} signed reports read; every check passed for {verified}.",
    "readded": "{readded} final reports re-added; {documents} published files compared with them.",
    "not_checked": "Not checked (older than this snapshot): {file}",
    "all_agree": "Every published figure agrees with the signed reports re-added.",
    "disagreements": "{count} disagreements:",
    "more": "… and {count} more (all of them with --json)",
    "missing": "{file} is missing",
    "unreadable": "{file} cannot be read: {detail}",
    "definition_mismatch": "The definition does not hash to this snapshot's: "
    "{published} published, the file's {expected}",
    "report": "the report names another {figure}: {published} instead of {expected} ({file})",
    "report_hash": "the report does not hash to the hash listed: {published} listed, {expected} "
    "the file's ({file})",
    "device": "signed by {published}, not a box devices.json lists for the station ({file})",
    "signature": "a signature does not verify: {detail} ({file})",
    "unsigned": "the station's published figures have no signed final report behind them ({file})",
    "figure": "{figure}: published {published}, re-added {expected} ({file})",
    "anchor": "the pre-election record does not hold against what the second source gave: "
    "{detail} ({file})",
    "not_covered": "the pre-election record does not cover this report: {figure} — {detail} "
    "({file})",
    "build_unapproved-build": "signed under build {published}, which builds.json does not show "
    "approved when the report was received ({expected}) ({file})",
    "build_revoked-build": "signed under build {published}, whose approval builds.json shows "
    "revoked before the report was received ({expected}) ({file})",
    "build_decision-signatures": "the decision on build {published} ({figure}) is not signed "
    "validly by {expected} officials of the pre-election record, of both bodies, or a signature "
    "of it is forged: k officials did not make it, and it counts for nothing ({file})",
    "build_decision-document": "the signed document of the decision on build {published} "
    "({figure}) is not the decision listed: it counts for nothing ({file})",
    "build_no-build": "the report names no build, and builds.json shows builds approved when it "
    "was received ({expected}) ({file})",
    "candidacy_draw": "the candidates' codes published are not those the published seed, list "
    "and pool draw: published {published}; drawn again {expected} ({file})",
    "candidacy_definition": "the definition's candidates are not those the published draw gives: "
    "defined {published}; drawn again {expected} ({file})",
    "candidacy_commitment": "{figure}: the code draw's commitment does not hold with the published "
    "secret and list, or was not recorded before the final list: published {published}; "
    "should be {expected} ({file})",
    "audit_no-hand-count": "{figure}: the audit folder publishes no hand count of {published} "
    "({file})",
    "audit_pending": "{figure}: the audit folder's hand count of {published} is not certified "
    "({file})",
    "audit_audit": "{figure}: names audit record {published}; the audit folder's hand count "
    "names {expected} ({file})",
    "audit_figure": "{figure}: published {published}, the audit folder's hand count {expected} "
    "({file})",
    "audit_not-corrected": "{published} is certified in the audit folder and not corrected in "
    "supervision.json ({file})",
    "audit_audit-fails": "the audit folder fails its own check ({file} {figure}); run sandogh "
    "audit verify",
    "audit_no-election": "this snapshot holds no election of the audit folder's",
    "anchor_needed": "Refusing to say “agrees” without an anchor. Give the pre-election record's "
    "fingerprint from a second source (a newspaper, observers) with --anchor sha256:…, or the "
    "record itself with --record; --unanchored checks without one.",
    "unanchored": "WARNING: NOTHING WAS ANCHORED. The boxes' keys came from this snapshot's own "
    "devices.json and no staff key was checked; “agrees” here means only that the data agrees "
    "with itself.",
    "anchored": "The pre-election record holds against the anchor given.",
    "covers_record": "The anchor given covers the record alone, none of its amendments.",
    "covers_unamended": "The anchor given covers the record; this snapshot publishes no "
    "amendment of it.",
    "covers_amendments": "The anchor given covers the record and amendments 1..{count}.",
    "amendments_unanchored": "WARNING: {published} amendments were published and checked, but "
    "that no amendment (a replaced box, say) after {covered} was left out rests only "
    "on the publisher's word. Ask the officials for the amendment chain's current head and give "
    "it with --anchor (this snapshot's head: {head}).",
    "after_record": "the record itself",
    "after_amendment": "amendment {covered}",
    "decisions": "{file} is not what the log key signed for it in {detail}: the file's SHA-256 "
    "{published}, the one signed {expected}",
    "lot": "the lot in {file} does not hold ({figure}): published {published}, expected "
    "{expected}; a lot's seed must come from its committed secret and the tie",
    "decisions_checkpoint": "{file} names log checkpoint {published}, which {detail} does not "
    "publish signed by the same key",
    "decisions_signed": "The supervisory decisions (supervision.json) are signed by the event "
    "log's key the pre-election record names.",
    "decisions_unvouched": "WARNING: the supervisory decisions (voids, certifications, lots, "
    "withdrawals and corrections in supervision.json) rest only on the publisher's word: no "
    "pre-election record was anchored, or it names no event-log key.",
}
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
    Disagreement.BUILD: "build",
    Disagreement.CANDIDACY: "candidacy",
    Disagreement.E2E_RECORD: "e2e",
}
#: the record first, then the reports' own problems, then the figures they put off
_ORDER = [Disagreement.ANCHOR, *(kind for kind in _KEYS if kind is not Disagreement.ANCHOR)]


def say(key: str, lang: Lang, **values: str | int) -> str:
    """A message of this module in `lang`; whole numbers in its digits."""
    template = (_FA if lang == "fa" else _EN)[key]
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
        out.print(f"[yellow]·[/yellow] {escape(say('not_checked', lang, file=relative))}")
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
        out.print(f"  · {escape(finding_text(finding, lang))}")
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

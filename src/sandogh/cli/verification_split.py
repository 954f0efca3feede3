"""`verify-results`' account of a mixed-mode election in Persian or English: each contest's total
split into the electronic stations' part, whose encrypted record only `verify-election` checks,
and the part on signed paper sheets, with what the E2E record holds of the electronic part
(docs/e2e.md, "Mixed-mode elections"; `publish.e2e_split`, `publish.e2e_presence`). It says
"verified end to end" of nothing: this command checks no proof (review S20 F11)."""

from __future__ import annotations

from sandogh.cli.formatting import bullet
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.publish.e2e_presence import MISSING, RecordState
from sandogh.publish.e2e_split import ContestSplit
from sandogh.publish.findings import Finding

_FA: dict[str, str] = {
    "heading": (
        "از هر جمع، بخشی که در شعبه‌های تمام‌الکترونیک رأی داده شده و بخشی که بر برگه‌های شمارش "
        "کاغذی امضاشده است (پیش از ابطال‌ها و اصلاح‌های هیئت نظارت، که جداگانه سنجیده می‌شوند):"
    ),
    "split": (
        "{contest}: {cast} رأی = {e2e} در {e2e_stations} شعبه تمام‌الکترونیک، که سیاهه رمزشده‌شان "
        "را sandogh verify-election می‌سنجد + {paper} بر برگه‌های شمارش کاغذی امضاشده "
        "{paper_stations} شعبه نیمه‌الکترونیک یا کاغذی (با تکیه بر امضاها و حسابرسی)"
    ),
    "present": (
        "سیاهه رمزشده آن شعبه‌ها، زنجیره‌ها و شمارش‌های رمزگشوده‌ای که گزارش‌هایشان به آن متعهد "
        "است، در این انتشار هست (اینجا تنها چکیده‌هایش سنجیده شد؛ سرتاسری وارسی‌شده است تنها اگر "
        "sandogh verify-election بگذرد)."
    ),
    "undecrypted": (
        "زنجیره‌های رأی آن شعبه‌ها در این انتشار هست، اما شمارش‌هایشان هنوز رمزگشایی و منتشر نشده "
        "است: تا آن زمان هیچ بخشی سرتاسری وارسی‌پذیر نیست."
    ),
    "incomplete": (
        "هشدار: سیاهه رمزشده پرونده‌هایی را که گزارش‌های امضاشده آن شعبه‌ها به آن متعهد است ندارد "
        "یا دیگرگونه دارد (مغایرت‌ها را ببینید): آرای آن شعبه‌ها سرتاسری وارسی‌پذیر نیست."
    ),
    "finding_missing": (
        "پرونده {file} در سیاهه رمزشده نیست، با آنکه گزارش نهایی امضاشده شعبه به آن متعهد است "
        "({figure})"
    ),
    "finding_differs": (
        "{figure} پرونده {file} {published} است، نه {expected} که گزارش نهایی امضاشده شعبه به آن "
        "متعهد است"
    ),
    "finding_record": "پرونده {file} سیاهه رمزشده نیست",
}
_EN: dict[str, str] = {
    "heading": (
        "Of each total, the part cast at electronic stations and the part on signed paper sheets "
        "(before the supervisory voids and corrections, checked apart):"
    ),
    "split": (
        "{contest}: {cast} ballots = {e2e} at {e2e_stations} electronic stations, whose encrypted "
        "record sandogh verify-election checks + {paper} on the signed paper sheets of "
        "{paper_stations} semi-electronic or paper stations (resting on their signatures and the "
        "audit)"
    ),
    "present": (
        "Their encrypted record, the chains and decrypted tallies their reports commit to, is in "
        "this snapshot (only its hashes were checked here: it is verified end to end only if "
        "sandogh verify-election passes)."
    ),
    "undecrypted": (
        "Their ballot chains are in this snapshot, but their tallies are not decrypted and "
        "published yet: until then no part is verifiable end to end."
    ),
    "incomplete": (
        "WARNING: the encrypted record lacks files the signed reports of those stations commit "
        "to, or holds others (see the disagreements): their votes are not verifiable end to end."
    ),
    "finding_missing": (
        "{file} is not in the encrypted record, though the station's signed final report commits "
        "to it ({figure})"
    ),
    "finding_differs": (
        "the {figure} of {file} is {published}, not the {expected} the station's signed final "
        "report commits to"
    ),
    "finding_record": "the encrypted record's {file} is missing",
}


def _say(key: str, lang: Lang, **values: str | int) -> str:
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


def split_lines(split: tuple[ContestSplit, ...], record: RecordState, lang: Lang) -> list[str]:
    """The heading, a line per contest, and what the record holds; none without an E2E part."""
    if not split:
        return []
    lines = [_say("heading", lang)]
    for each in split:
        lines.append(
            bullet(lang)
            + _say(
                "split",
                lang,
                contest=each.contest,
                cast=each.cast,
                e2e=each.e2e.cast,
                e2e_stations=each.e2e.stations,
                paper=each.paper.cast,
                paper_stations=each.paper.stations,
            )
        )
    if record is not RecordState.NONE:
        lines.append("  " + _say(record.value, lang))
    return lines


def e2e_finding_text(finding: Finding, lang: Lang, published: str, expected: str) -> str:
    """A file of the E2E record missing or of another hash than the report commits to."""
    key = "finding_differs"
    if finding.detail == MISSING:  # a station's chain or tally, or a file of the whole record
        station = finding.figure in ("chain_close", "tally_hash")
        key = "finding_missing" if station else "finding_record"
    return _say(
        key, lang, file=finding.file, figure=finding.figure, published=published, expected=expected
    )

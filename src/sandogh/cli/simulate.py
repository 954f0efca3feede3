"""`sandogh simulate`: a whole election day through the real HTTP API (issue 3), printed.

The day is run by `cli.simulated_day`, each station's by `cli.simulated_station`, with the
ballots of `cli.simulated_ballots`; this module
runs it in a scratch directory and prints what was cast beside what the centre stored. Their
public names are also reachable here, where the command's callers have always found them.
The summary is in Persian or English (`--lang`, Persian by default, as the other commands).
"""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sandogh.cli.simulated_anchor import OFFICIALS, THRESHOLD
from sandogh.cli.simulated_ballots import CONTEST, Figures, ballots, scaled
from sandogh.cli.simulated_day import E2EDay, Simulation, SimulationError, simulate
from sandogh.cli.simulated_station import SYNC_PASSES, TIMEOUT_SECONDS, StationDay
from sandogh.core.anchor import short_fingerprint
from sandogh.locale.digits import format_int, to_persian_digits
from sandogh.locale.language import Lang

__all__ = [
    "CONTEST",
    "PROVINCE_CAST",
    "SYNC_PASSES",
    "TIMEOUT_SECONDS",
    "Figures",
    "Simulation",
    "SimulationError",
    "StationDay",
    "ballots",
    "print_e2e",
    "print_simulation",
    "run",
    "scaled",
    "simulate",
]

#: The Kerman runoff's ballots cast over all its 2,427 stations (the foundation example).
PROVINCE_CAST = 1_276_092


def run(
    *,
    stations: int,
    scale: float,
    db: str | None,
    seed: int,
    threads: int,
    out: Console,
    e2e: bool = False,
    record: Path | None = None,
    lang: Lang = "fa",
) -> bool:
    """Simulate and print expected against stored figures; True when everything agrees."""
    with tempfile.TemporaryDirectory(prefix="sandogh-simulate-") as scratch:
        result = simulate(
            stations=stations,
            scale=Fraction(str(scale)),
            db=db,
            seed=seed,
            threads=threads,
            scratch=Path(scratch),
            e2e=e2e,
            record=record,
        )
    print_simulation(out, result, lang)
    return result.agrees


_FA = {
    "title": "{stations} شعبه: پیش‌بینی‌شده و ذخیره‌شده",
    "figure": "رقم",
    "expected": "پیش‌بینی‌شده",
    "stored": "ذخیره‌شده",
    "agree": "یکسان",
    "cast": "آرای ریخته‌شده",
    "valid": "آرای درست",
    "invalid": "آرای باطل (سفید ریخته‌شده)",
    "candidate": "نامزد {code}",
    "yes": "بله",
    "no": "خیر",
    "reported": "شعبه‌های گزارش‌داده {reported} از {stations}؛ گزارش‌های پذیرفته {delivered}، "
    "ردشده {bad}؛ ورودهای ردشده {refused}؛ رخدادها {incidents}",
    "rate": "{voters} رأی‌دهنده در {seconds} ثانیه: {rate} رأی‌دهنده در ثانیه، سرتاسری",
    "province": "همه ۲٬۴۲۷ شعبه با مقیاس ۱ ({cast} رأی‌دهنده، جمع استانی نمونه پایه) با این آهنگ "
    "حدود {hours} ساعت می‌گیرد",
    "e2e": "رأی‌گیری سرتاسری‌وارسی‌پذیر: مراسم کلید سه امین با حد نصاب دو در {ceremony} ثانیه؛ "
    "زنجیره‌های پذیرفته {chains} از {stations} شعبه تمام‌الکترونیک؛ "
    "رأی‌های گشوده برای بررسی (شمرده نشده) {challenged}؛ "
    "شمارش‌ها منتشر، به دست امین‌های ۱ و ۳ با لنگر سیاهه مهرشده پیش از انتخابات "
    "(--anchor {short}) رمزگشایی و در سیاهه نوشته شد در {publish} ثانیه؛ verify-election در "
    "{verify} ثانیه: {verdict}",
    "passes": "پذیرفته شد",
    "fails": "رد شد",
    "kept": "تصویر انتشار با سیاهه سرتاسری در {record} است "
    "(sandogh verify-election {record} --anchor {anchor}؛ "
    "sandogh verify-results {record} --anchor {anchor}؛ "
    "sandogh publish-serve {record})",
    "beside": "verify-election تنها سیاهه سرتاسری (اثبات‌ها، زنجیره‌ها، شمارش‌ها) را می‌سنجد و نه "
    "اینکه هر شعبه گزارش داده است: sandogh verify-results را نیز کنار آن اجرا کنید",
    "sealed": "سیاهه پیش از انتخابات، با امضای {signed} از {officials} مقام، پیش از گشایش "
    "شعبه‌ها مهر شد و هر گزارش با آن سنجیده شد؛ اثر انگشت: {fingerprint} (کوتاه: {short})",
    "agrees": "همه چیز یکسان است",
    "disagrees": "یکسان نیست",
}
_EN = {
    "title": "{stations} stations: expected and stored",
    "figure": "figure",
    "expected": "expected",
    "stored": "stored",
    "agree": "agree",
    "cast": "cast",
    "valid": "valid",
    "invalid": "invalid (cast blank)",
    "candidate": "candidate {code}",
    "yes": "yes",
    "no": "NO",
    "reported": "stations reported {reported} of {stations}; reports accepted {delivered}, "
    "refused {bad}; check-ins refused {refused}; incidents {incidents}",
    "rate": "{voters} voters in {seconds} s: {rate} voters/s end to end",
    "province": "all 2,427 stations at scale 1 ({cast} voters, the province totals of the "
    "foundation example) would take about {hours} h at this rate",
    "e2e": "E2E: key ceremony of 3 guardians, quorum 2, in {ceremony} s; chains taken {chains} "
    "of {stations} electronic stations; ballots challenged (opened, not counted) {challenged}; "
    "tallies published, "
    "decrypted by guardians 1 and 3 anchored to the sealed pre-election record "
    "(--anchor {short}) and written into the record in {publish} s; "
    "verify-election in {verify} s: {verdict}",
    "passes": "passes",
    "fails": "FAILS",
    "kept": "the snapshot with its E2E record is in {record} "
    "(sandogh verify-election {record} --anchor {anchor}; "
    "sandogh verify-results {record} --anchor {anchor}; "
    "sandogh publish-serve {record})",
    "beside": "verify-election checks the E2E record (its proofs, chains and tallies), not that "
    "every station reported: run sandogh verify-results beside it",
    "sealed": "the pre-election record, signed by {signed} of {officials} officials, was sealed "
    "before polls opened and every report held to it; fingerprint {fingerprint} "
    "(short {short})",
    "agrees": "everything agrees",
    "disagrees": "DISAGREES",
}


def _say(key: str, lang: Lang, **values: str | int | float) -> str:
    def shown(value: str | int | float) -> str:
        if isinstance(value, int):
            return format_int(value, lang)
        if isinstance(value, float):
            text = f"{value:,.1f}"
            return (
                to_persian_digits(text.replace(",", "٬").replace(".", "٫"))
                if lang == "fa"
                else text
            )
        return value

    return (_FA if lang == "fa" else _EN)[key].format(**{k: shown(v) for k, v in values.items()})


def print_simulation(out: Console, result: Simulation, lang: Lang = "fa") -> None:
    table = Table(title=_say("title", lang, stations=len(result.stations)))
    for column in ("figure", "expected", "stored", "agree"):
        table.add_column(_say(column, lang), justify="left" if column == "figure" else "right")
    rows = [
        (_say("cast", lang), result.expected.cast, result.stored.cast),
        (_say("valid", lang), result.expected.valid, result.stored.valid),
        (_say("invalid", lang), result.expected.invalid, result.stored.invalid),
    ]
    stored_votes = dict(result.stored.votes)
    rows.extend(
        (_say("candidate", lang, code=_digits(c, lang)), n, stored_votes.get(c, 0))
        for c, n in result.expected.votes
    )
    for name, expected, stored in rows:
        table.add_row(
            name,
            format_int(expected, lang),
            format_int(stored, lang),
            _say("yes" if expected == stored else "no", lang),
        )
    out.print(table)
    out.print(
        _say(
            "reported",
            lang,
            reported=result.stations_reported,
            stations=len(result.stations),
            delivered=sum(s.reports_delivered for s in result.stations),
            bad=sum(s.reports_refused for s in result.stations),
            refused=sum(s.refused for s in result.stations),
            incidents=sum(s.incidents for s in result.stations),
        ),
        markup=False,
    )
    rate = result.voters_per_second
    out.print(
        _say("rate", lang, voters=result.voters, seconds=result.seconds, rate=round(rate)),
        markup=False,
    )
    if rate:
        hours = PROVINCE_CAST / rate / 3600
        out.print(_say("province", lang, cast=PROVINCE_CAST, hours=hours), markup=False)
    out.print(
        _say(
            "sealed",
            lang,
            signed=THRESHOLD,
            officials=len(OFFICIALS),
            fingerprint=result.anchor,
            short=_digits(short_fingerprint(result.anchor), lang),
        ),
        markup=False,
    )
    if result.e2e is not None:
        print_e2e(out, result.e2e, result.encrypting, lang)
    out.print(_say("agrees" if result.agrees else "disagrees", lang), markup=False)


def _digits(text: str, lang: Lang) -> str:
    return to_persian_digits(text) if lang == "fa" else text


def print_e2e(out: Console, day: E2EDay, stations: int, lang: Lang) -> None:
    out.print(
        _say(
            "e2e",
            lang,
            ceremony=day.ceremony_seconds,
            chains=day.chains,
            stations=stations,
            challenged=day.challenged,
            publish=day.publish_seconds,
            verify=day.verify_seconds,
            verdict=_say("passes" if day.verified else "fails", lang),
            short=_digits(short_fingerprint(day.anchor), lang),
        ),
        markup=False,
    )
    for failure in day.failures:
        out.print(f"  {failure}", markup=False)
    if day.record is not None:
        kept = _say("kept", lang, record=str(day.record), anchor=short_fingerprint(day.anchor))
        out.print(kept, markup=False)
    # verify-election checks the record's proofs and that each chain is its report's; that
    # every station reported at all is verify-results' (the outside review)
    out.print(_say("beside", lang), markup=False)

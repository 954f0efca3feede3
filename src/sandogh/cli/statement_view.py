"""`check-statement`: which printed figures agree with the results and with each other."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from rich.console import Console
from rich.table import Table

from sandogh.cli.formatting import election_heading, election_json, name_in, number
from sandogh.core.counting.statement import Basis, Check, StatementCheck, Verdict
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.services.statements import StatementReport


def _plain(value: Fraction | int | Decimal | None) -> str | None:
    """Whole numbers as digits, other exact values as p/q, printed decimals as printed."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
    value = Fraction(value)
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def statement_json(report: StatementReport) -> dict[str, Any]:
    stored = report.tallied.stored
    return {
        "election": election_json(stored.election, stored.definition_hash),
        "source": report.source,
        "unit": report.statement.unit,
        "contest": report.statement.contest,
        "checks": [
            {
                "figure": c.figure,
                "check": c.check.value,
                "basis": c.basis.value,
                "printed": _plain(c.printed),
                "expected": _plain(c.expected),
                "difference": _plain(c.difference),
                "tolerance": _plain(c.tolerance),
                "verdict": c.verdict.value,
                "terms": [
                    {"figure": t.figure, "value": _plain(t.value), "basis": t.basis.value}
                    for t in c.terms
                ],
            }
            for c in report.checks
        ],
        "disagreements": sum(c.verdict is Verdict.DISAGREES for c in report.checks),
    }


def _shown(value: Fraction | int | Decimal | None, lang: Lang) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or (isinstance(value, Fraction) and value.denominator == 1):
        return number(int(value), lang)
    if isinstance(value, Fraction):
        value = (Decimal(value.numerator) / value.denominator).quantize(Decimal("0.01"))
    shown = str(value)
    return to_persian_digits(shown).replace(".", "٫") if lang == "fa" else shown


def _formula(check: StatementCheck, lang: Lang) -> str:
    values = [_shown(t.value, lang) for t in check.terms]
    if check.check is Check.TURNOUT and len(values) == 2:
        return f"{number(100, lang)} × {values[0]} / {values[1]}"
    if check.check in (Check.MARGIN, Check.TURNOUT_CHANGE):
        return " − ".join(values)
    return " + ".join(values)


def _figure(check: StatementCheck, report: StatementReport, lang: Lang) -> str:
    names = {c.code: c.name for c in report.tallied.contest(report.statement.contest).candidates}
    figure = check.figure
    if figure.startswith("votes[") and figure[6:-1] in names:
        return text("votes_of", lang, name=name_in(names[figure[6:-1]], lang))
    if figure.startswith("margin["):
        return text("margin", lang)
    known = ("cast", "valid", "invalid", "turnout", "previous_turnout", "turnout_change")
    return text(figure, lang) if figure in known else figure


def describe(check: StatementCheck, report: StatementReport, lang: Lang) -> str:
    """'Margin printed 294,349; 773,591 − 479,249 = 294,342 (7 more)'."""
    if check.check is Check.STORED:
        made = f"{text('stored', lang)} {_shown(check.expected, lang)}"
    else:
        made = f"{_formula(check, lang)} = {_shown(check.expected, lang)}"
    difference = check.difference
    off = ""
    if check.verdict is Verdict.DISAGREES and difference is not None:
        key = "more" if difference > 0 else "fewer"
        off = " " + text(key, lang, amount=_shown(abs(difference), lang))
    semicolon = "؛" if lang == "fa" else ";"
    return (
        f"{_figure(check, report, lang)}: {text('printed', lang)} "
        f"{_shown(check.printed, lang)}{semicolon} {made}{off}"
    )


def print_statement(console: Console, report: StatementReport, lang: Lang) -> None:
    stored = report.tallied.stored
    console.print(election_heading(stored.election, stored.definition_hash, lang))
    console.print(f"[dim]{report.source}[/dim]")
    table = Table(text("against", lang), text("check", lang), text("verdict", lang))
    for check in report.checks:
        style = {Verdict.AGREES: "green", Verdict.DISAGREES: "bold red"}.get(check.verdict, "")
        basis = text("basis_stored" if check.basis is Basis.STORED else "basis_printed", lang)
        table.add_row(
            basis, describe(check, report, lang), f"[{style}]{text(check.verdict.value, lang)}"
        )
    console.print(table)

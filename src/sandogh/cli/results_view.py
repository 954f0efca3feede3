"""`results show`: one unit's results as tables in Persian or English, or as JSON."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from rich.console import Console
from rich.table import Table

from sandogh.cli.formatting import (
    ballot_code,
    election_heading,
    election_json,
    fraction_json,
    name_in,
    name_json,
    number,
    separator,
    share,
)
from sandogh.cli.supervision_view import (
    certification_json,
    certified_line,
    effect_json,
    hand_count_json,
    print_voided,
    said,
)
from sandogh.core.counting.aggregate import Total
from sandogh.core.counting.compare import Margin, RoundComparison
from sandogh.core.counting.lead import lead
from sandogh.core.counting.reconcile import Finding
from sandogh.core.counting.tally import FIGURES, INVALID_FIGURES, Counts, InvalidKind
from sandogh.core.counting.turnout import Turnout
from sandogh.core.definition.model import Contest, ReportingUnit
from sandogh.core.definition.scope import scope_line
from sandogh.locale.dates import format_jalali
from sandogh.locale.definition_names import named_place
from sandogh.locale.digits import format_points
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.locale.reconciliation import identity_text
from sandogh.locale.words import in_words
from sandogh.services.results import ResultsView, UnitResult

# The table lists void below the invalid kinds, as the minutes form does.
_FIGURES = tuple(figure for figure in FIGURES if figure != "void")


def results_json(view: ResultsView) -> dict[str, Any]:
    stored = view.tallied.stored
    return {
        "election": election_json(stored.election, stored.definition_hash),
        "page": {
            "number": view.page.number,
            "pages": view.page.pages,
            "units_below": view.page.below,
            "page_size": view.page.size,
        },
        "results": [_result_json(r) for r in view.results],
        "findings": [finding_json(f) for f in view.findings],
        "certifications": [certification_json(c) for c in view.tallied.certifications],
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "identity": finding.identity.value,
        "scope": finding.scope.value,
        "where": finding.where,
        "contest": finding.contest,
        "figure": finding.figure,
        "relation": finding.relation.value,
        "expected": finding.expected,
        "actual": finding.actual,
    }


def _unit_json(unit: ReportingUnit) -> dict[str, Any]:
    return {"code": unit.code, "kind": unit.kind.value, "name": name_json(unit.name)}


def _counts_json(counts: Counts, contest: Contest) -> dict[str, Any]:
    names = {c.code: c.name for c in contest.candidates}
    votes = sorted(counts.votes.items(), key=lambda item: (-item[1], item[0]))
    return {
        **{figure: getattr(counts, figure) for figure in _FIGURES},
        "invalid": {kind.value: counts.invalid.get(kind, 0) for kind in InvalidKind},
        "invalid_total": counts.invalid_total,
        "void": counts.void,
        "votes": [
            {"code": code, "name": name_json(names[code]) if code in names else None, "votes": n}
            for code, n in votes
        ],
    }


def _turnout_json(shown: Turnout) -> dict[str, Any]:
    return {
        "eligible_voters": shown.eligible,
        "turnout_cast": fraction_json(shown.cast_share),
        "turnout_papers": fraction_json(shown.papers_share),
    }


def _margin_json(margin: Margin | None) -> dict[str, Any] | None:
    if margin is None:
        return None
    return {"first": margin.first, "second": margin.second, "votes": margin.votes}


def _previous_json(previous: RoundComparison | None) -> dict[str, Any] | None:
    if previous is None:
        return None
    return {
        "previous": _turnout_json(previous.previous),
        "turnout_change_points": fraction_json(
            None if previous.turnout_change is None else previous.turnout_change / 100
        ),
        "cast_change": previous.cast_change,
        "previous_margin": _margin_json(previous.previous_margin),
        "margin": _margin_json(previous.current_margin),
    }


def _total_json(total: Total, contest: Contest) -> dict[str, Any]:
    return {
        "stations_reported": total.stations_reported,
        "stations_total": total.stations_total,
        "counts": _counts_json(total.counts, contest),
    }


def _result_json(result: UnitResult) -> dict[str, Any]:
    contest = result.contest
    return {
        "unit": _unit_json(result.unit),
        "contest": {
            "id": contest.id,
            "office": contest.office.value,
            "name": name_json(contest.name),
            "round": contest.round,
        },
        **_total_json(result.total, contest),
        **_turnout_json(result.turnout),
        "compared_with_previous_round": _previous_json(result.previous),
        "stations_voided": result.stations_voided,
        "voided": [effect_json(e) for e in result.voided],
        "hand_count": None
        if result.corrected is None
        else {**hand_count_json(result.corrected), "superseded": result.superseded},
        "parts": [
            {"unit": _unit_json(unit), **_total_json(total, contest), **_turnout_json(shown)}
            for unit, total, shown in result.parts
        ],
    }


def print_results(console: Console, view: ResultsView, lang: Lang) -> None:
    stored = view.tallied.stored
    console.print(election_heading(stored.election, stored.definition_hash, lang))
    geography = view.tallied.geography

    def below(code: str) -> list[tuple[str, str]]:
        return [(child, geography.kind(child).value) for child in geography.children(code)]

    for result in view.results:
        # named for their scope, as the site and the console name them: a one-province
        # election's national figures are «استان کرمان»'s, not «ایران»'s (issue 13)
        scope = geography.unit(scope_line(result.unit.code, below)[-1])
        _print_result(
            console, result, named_place(scope.kind, name_in(scope.name, lang), lang), lang
        )
        if result.parts and view.page.pages > 1:
            shown = view.page
            console.print(
                text("units_page", lang, page=shown.number, pages=shown.pages, below=shown.below)
            )
    for certification in view.tallied.certifications:
        console.print(certified_line(certification, stored.election, lang), markup=False)
    # said plainly: an uncertified contest's kept totals are held to no signature nor log entry
    # (the session-26 outsider's F2; docs/formats.md, "An uncertified round's totals tree")
    certified = {c.contest for c in view.tallied.certifications}
    unchecked = {r.contest.id: r.contest for r in view.results if r.contest.id not in certified}
    for contest in unchecked.values():
        line = text("kept_unchecked", lang, contest=name_in(contest.name, lang))
        console.print(line, markup=False)
    print_findings(console, view.findings, lang)


def _print_result(console: Console, result: UnitResult, scope: str, lang: Lang) -> None:
    contest, counts = result.contest, result.total.counts
    console.print()
    console.rule(
        separator(lang).join(
            (
                scope,
                name_in(contest.name, lang),
                text("round", lang, number=contest.round),
            )
        )
    )
    console.print(
        text(
            "stations_reported",
            lang,
            reported=result.total.stations_reported,
            total=result.total.stations_total,
        )
    )
    names = {c.code: c.name for c in contest.candidates}
    votes = Table(
        text("candidate", lang), text("code", lang), text("votes", lang), text("percent", lang)
    )
    for code, n in sorted(counts.votes.items(), key=lambda item: (-item[1], item[0])):
        of_valid = None if not counts.valid else Fraction(n, counts.valid)
        votes.add_row(
            name_in(names[code], lang) if code in names else code,
            ballot_code(code, lang),
            number(n, lang),
            share(of_valid, lang),
        )
    console.print(votes)
    figures = Table(text("figure", lang), text("value", lang), show_header=False)
    for figure in _FIGURES:
        figures.add_row(text(figure, lang), number(getattr(counts, figure), lang))
    figures.add_row(text("invalid", lang), number(counts.invalid_total, lang))
    for kind in InvalidKind:
        key = INVALID_FIGURES[kind]
        figures.add_row("  " + text(key, lang), number(counts.invalid.get(kind, 0), lang))
    figures.add_row(text("void", lang), number(counts.void, lang))
    figures.add_row(text("eligible_voters", lang), number(result.turnout.eligible, lang))
    figures.add_row(text("turnout", lang), share(result.turnout.cast_share, lang))
    figures.add_row(text("turnout_by_papers", lang), share(result.turnout.papers_share, lang))
    console.print(figures)
    for label, value in (("cast", counts.cast), ("valid", counts.valid)):
        console.print(f"{text(label, lang)}: {in_words(value, lang)}")
    if result.stations_voided:
        console.print(said("stations_voided", lang, count=result.stations_voided))
    if result.corrected is not None:
        key = "hand_count_superseded" if result.superseded else "hand_count_certified"
        date = format_jalali(result.corrected.at.date(), lang)
        console.print(said(key, lang, date=date, constituency=result.corrected.constituency))
    print_voided(console, result.voided, names, lang)
    if result.previous is not None:
        _print_previous(console, result.previous, lang)
    if result.parts:
        _print_parts(console, result, lang)


def _print_previous(console: Console, previous: RoundComparison, lang: Lang) -> None:
    change = previous.turnout_change
    console.print(
        text(
            "compared_with_previous",
            lang,
            before=share(previous.previous.papers_share, lang),
            after=share(previous.current.papers_share, lang),
            change="—" if change is None else format_points(change / 100, lang),
        )
    )


def _print_parts(console: Console, result: UnitResult, lang: Lang) -> None:
    names = {c.code: c.name for c in result.contest.candidates}
    table = Table(
        text(result.parts[0][0].kind.value, lang),
        text("stations", lang),
        text("cast", lang),
        text("turnout", lang),
        text("leader", lang),
    )
    for unit, total, shown in result.parts:
        counts = total.counts
        found = lead(counts.votes)  # a tie named as one, not its first by code (S23 A2)
        leaders = [] if found is None else [name_in(names[code], lang) for code in found.codes]
        table.add_row(
            name_in(unit.name, lang),
            f"{number(total.stations_reported, lang)}/{number(total.stations_total, lang)}",
            number(counts.cast, lang),
            share(shown.papers_share, lang),
            "—"
            if not leaders
            else text("tied", lang, names=("، " if lang == "fa" else ", ").join(leaders))
            if len(leaders) > 1
            else leaders[0],
        )
    console.print(table)


def print_findings(console: Console, findings: tuple[Finding, ...], lang: Lang) -> None:
    if not findings:
        console.print(f"[green]{text('no_findings', lang)}[/green]")
        return
    console.print(f"[red]{text('findings', lang, count=len(findings))}[/red]")
    for f in findings[:20]:
        console.print(
            f"  {separator(lang).join((f.where, f.contest, f.figure))}: {number(f.actual, lang)} "
            f"{text('expected', lang)} {f.relation.value} {number(f.expected, lang)} "
            f"({identity_text(f.identity, lang)})"
        )

"""`results check-totals`: every kept figure that a full re-aggregation does not give, in
Persian or English, naming its unit or constituency, contest and figure."""

from __future__ import annotations

from rich.console import Console

from sandogh.cli.formatting import ballot_code, name_in
from sandogh.core.counting.running import Difference, Scope
from sandogh.core.counting.tally import INVALID_FIGURES, InvalidKind
from sandogh.locale.definition_names import named_place
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.messages import text, text_in
from sandogh.locale.totals_check import CATALOGUE
from sandogh.services.totals import TotalsChecked
from sandogh.services.trees_check import TreeFinding


def print_totals_check(out: Console, checked: TotalsChecked, lang: Lang) -> bool:
    """Print the check; True when the kept totals are the re-aggregated ones and the running
    trees those made whole from them."""
    election = name_in(checked.day.election.name, lang)
    if not checked.differences:
        agreed = text_in(CATALOGUE, "totals_agree", lang, election=election, places=checked.places)
        out.print(agreed, soft_wrap=True)
    else:
        count = len(checked.differences)
        # one line each, never wrapped, so that an operator can search and count them
        out.print(
            text_in(CATALOGUE, "totals_differ", lang, election=election, count=count),
            soft_wrap=True,
        )
        for difference in checked.differences:
            out.print(_line(checked, difference, lang), highlight=False, soft_wrap=True)
    findings = checked.tree_findings
    if not findings:
        out.print(text_in(CATALOGUE, "trees_agree", lang, trees=checked.trees), soft_wrap=True)
    else:
        count = len(findings)
        out.print(
            text_in(CATALOGUE, "trees_differ", lang, election=election, count=count),
            soft_wrap=True,
        )
        for finding in findings:
            out.print(_tree_line(checked, finding, lang), highlight=False, soft_wrap=True)
    return not checked.differences and not findings


def _tree_line(checked: TotalsChecked, finding: TreeFinding, lang: Lang) -> str:
    contest = _isolated(_contest(checked, finding.contest, lang))
    if finding.code is None:
        entry = format_int(finding.entry, lang)
        return text_in(CATALOGUE, "tree_root", lang, contest=contest, sequence=entry)
    unit = checked.day.geography.unit(finding.code)
    named = named_place(unit.kind, name_in(unit.name, lang), lang)
    where = _isolated(named) if lang == "fa" else f"{named} ({unit.code})"
    return text_in(CATALOGUE, f"tree_{finding.fault.value}", lang, unit=where, contest=contest)


def _line(checked: TotalsChecked, d: Difference, lang: Lang) -> str:
    return text_in(
        CATALOGUE,
        "totals_line",
        lang,
        scope=text_in(CATALOGUE, f"scope_{d.place.scope.value}", lang),
        place=_place(checked, d, lang),
        contest=_isolated(_contest(checked, d.place.contest, lang)),
        figure=_figure(d.figure, lang),
        actual=d.actual,
        expected=d.expected,
    )


def _place(checked: TotalsChecked, d: Difference, lang: Lang) -> str:
    """The place by its name; in English with its code too (a Persian line names no machine
    id, as every line of the command does)."""
    code, named = d.place.code, None
    if d.place.scope is Scope.UNIT and code in checked.day.geography:
        named = name_in(checked.day.geography.unit(code).name, lang)
    for contest in checked.day.election.contests:
        for constituency in contest.constituencies:
            if d.place.scope is Scope.CONSTITUENCY and (contest.id, constituency.id) == (
                d.place.contest,
                code,
            ):
                named = name_in(constituency.name, lang)
    if named is None:
        return _isolated(code)
    return _isolated(named) if lang == "fa" else f"{named} ({code})"


def _contest(checked: TotalsChecked, contest_id: str, lang: Lang) -> str:
    for contest in checked.day.election.contests:
        if contest.id == contest_id:
            return name_in(contest.name, lang)
    return contest_id


def _figure(figure: str, lang: Lang) -> str:
    if figure == "stations_reported":
        return text_in(CATALOGUE, "stations_counted", lang)
    if figure.startswith("votes."):
        code = figure.removeprefix("votes.")
        return text_in(CATALOGUE, "votes_of", lang, code=ballot_code(code, lang))
    if figure.startswith("invalid."):
        return text(INVALID_FIGURES[InvalidKind(figure.removeprefix("invalid."))], lang)
    return text(figure, lang)


def _isolated(name: str) -> str:
    """FSI…PDI: a Latin code keeps its place in a Persian sentence."""
    return f"\u2068{name}\u2069"

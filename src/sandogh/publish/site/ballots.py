"""A contest's ballots as one unit's page shows them: the candidates' votes as bars, the ballots
cast in the two categories the law counts (valid and invalid, by kind), the ballot papers'
account with the ballots set aside outside those cast, and turnout.

Each value is text ready to print in the page's language; the templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from markupsafe import Markup

from sandogh.locale import Lang
from sandogh.publish.site.figures import (
    alone,
    bar_width,
    digits,
    escaped,
    number,
    part_percent,
    percent,
    share_width,
)
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import boxes_voided, counted, counted_whole, station_voided
from sandogh.publish.site.snapshot import UnitResult, Vote


@dataclass(frozen=True)
class Bar:
    code: str
    name: str
    votes: str
    share: str
    width: str
    colour: str
    #: where the votes table is also the constituency's standings (`views.standings_in_votes`):
    #: the candidate's result, and its share of the rule's base where that is not the valid ballots
    result: str = ""
    result_key: str = ""
    base_share: str = ""


@dataclass(frozen=True)
class Figure:
    name: str
    value: str
    part: bool = False  # a part of the row above it (a kind of invalid ballot)


def vote_bars(
    votes: list[Vote], valid: int, colours: Mapping[str, str], lang: Lang
) -> tuple[Bar, ...]:
    top = max((v["votes"] for v in votes), default=0)
    return tuple(
        Bar(
            v["code"],
            v["name"][lang],
            number(v["votes"], lang),
            part_percent(v["votes"], valid, lang) if valid else "—",
            bar_width(v["votes"], top),
            colours.get(v["code"], "#555555"),
        )
        for v in votes
    )


def vote_rows(bars: tuple[Bar, ...], lang: Lang, *, results: bool, base_share: bool) -> Markup:
    """The votes table's rows, made here in one piece: a page has ~100 of them, and the
    template's ten values a row, each a call through Jinja and a piece of its output, were the
    larger part of printing a station's page. Each figure alone in its cell (`figures.alone`);
    `base_share` and `results` add the standings' columns (`views.standings_in_votes`)."""
    rows = []
    for b in bars:
        more = f'<td class="num">{alone(b.base_share, lang)}</td>' if base_share else ""
        if results:
            result = (
                f'<span class="result result-{escaped(b.result_key)}">{escaped(b.result)}</span>'
            )
            more += f"<td>{result}</td>"
        bar = f'<rect width="{escaped(b.width)}" height="100%" fill="{escaped(b.colour)}"/>'
        rows.append(
            f"<tr><td>{alone(digits(b.code, lang), lang)}</td>"
            f'<th scope="row">{escaped(b.name)}</th><td class="num">{alone(b.votes, lang)}</td>'
            f'<td class="num share">{alone(b.share, lang)}'
            f'<svg class="bar-track" aria-hidden="true">{bar}</svg></td>{more}</tr>'
        )
    return Markup("\n        ".join(rows))


def cast_figures(result: UnitResult, base: int | None, lang: Lang) -> tuple[Figure, ...]:
    """The ballots cast: valid and invalid (by kind), the two categories the law counts. Until
    every station has reported, or where a box was voided, the eligible voters of the stations
    whose ballots count (`base`, the base of turnout) stand beside their ballots, and those of
    all stations apart."""
    counts, invalid = result["counts"], result["counts"]["invalid"]
    crossed_out = invalid.get("crossed-out", 0)
    kinds = [
        ("invalid_blank", invalid["blank"]),
        ("invalid_illegible", invalid["illegible"]),
        ("invalid_non_candidate", invalid["non-candidate"]),
        ("invalid_multiple_names", invalid["multiple-names"]),
        ("invalid_crossed_out", crossed_out),
    ]
    eligible = result["eligible_voters"]
    whole = "—" if eligible is None else number(eligible, lang)
    some = "eligible_counted" if boxes_voided(result["stations"]) else "eligible_reporting"
    voters = (
        (Figure(label("eligible_voters", lang), whole),)
        if counted_whole(result) or base is None
        else (
            Figure(label(some, lang), number(base, lang)),
            Figure(label("eligible_all", lang), whole),
        )
    )
    return (
        *voters,
        Figure(label("cast", lang), number(counts["cast"], lang)),
        Figure(label("valid", lang), number(counts["valid"], lang)),
        Figure(label("invalid", lang), number(sum(value for _, value in kinds), lang)),
        *(Figure(label(key, lang), number(value, lang), part=True) for key, value in kinds),
    )


def paper_figures(result: UnitResult, lang: Lang) -> tuple[Figure, ...]:
    """The ballot papers' account, with the ballots set aside outside the ballots cast: the void
    papers the stations counted, and apart from them, where a board voided any in the unit, the
    ballots it voided (`counts.voided`, of the file's `void`). Neither is a third kind of vote
    beside valid and invalid."""
    counts, papers = result["counts"], result["counts"]["papers"]
    by_boards = counts.get("voided", 0)
    shown = [
        ("papers_received", papers["received"]),
        ("papers_used", papers["used"]),
        ("papers_unused", papers["unused"]),
        ("papers_spoiled", papers["spoiled"]),
        ("void_set_aside", counts["void"] - by_boards),
    ]
    if by_boards or boxes_voided(result["stations"]):
        shown.append(("voided_set_aside", by_boards))
    return tuple(Figure(label(key, lang), number(value, lang)) for key, value in shown)


def turnout_bars(
    result: UnitResult, eligible: int | None, papers: int, lang: Lang
) -> tuple[Bar, ...]:
    """Turnout by ballots cast and by the papers used there (`papers`), over the eligible voters
    of the stations whose ballots count (`reported.eligible_counted`, `reported.papers_counted`)."""
    if not eligible:
        return ()
    return tuple(
        Bar(key, label(key, lang), "", percent(share, lang), share_width(share), "#3182BD")
        for key, share in (
            ("turnout_by_cast", Fraction(result["counts"]["cast"], eligible)),
            ("turnout_by_papers", Fraction(papers, eligible)),
        )
    )


def turnout_note(result: UnitResult, eligible: int | None, lang: Lang) -> str:
    """Over which voters turnout is reckoned while the count is partial or a box was voided, or
    why there is none."""
    stations = result["stations"]
    if stations["reported"] == 0:
        return label("turnout_waiting", lang)
    if counted(stations) == 0:
        return label(
            "turnout_station_voided" if station_voided(result) else "turnout_all_voided", lang
        )
    if not eligible:
        return label("no_eligible", lang)
    if counted_whole(result):
        return ""
    if boxes_voided(stations):
        return label(
            "turnout_over_counted",
            lang,
            counted=counted(stations),
            total=stations["total"],
            voided=boxes_voided(stations),
            eligible=number(eligible, lang),
        )
    return label(
        "turnout_over",
        lang,
        reported=stations["reported"],
        total=stations["total"],
        eligible=number(eligible, lang),
    )

"""A contest's ballots as one unit's page shows them: the candidates' votes as bars, the ballots
cast in the two categories the law counts (valid and invalid, by kind), the ballot papers'
account with the ballots set aside outside those cast, and turnout.

Each value is text ready to print in the page's language; the templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from sandogh.locale import Lang
from sandogh.publish.site.figures import bar_width, number, percent, share_width
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import complete
from sandogh.publish.site.snapshot import UnitResult, Vote


@dataclass(frozen=True)
class Bar:
    code: str
    name: str
    votes: str
    share: str
    width: str
    colour: str


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
            percent(Fraction(v["votes"], valid), lang) if valid else "—",
            bar_width(v["votes"], top),
            colours.get(v["code"], "#555555"),
        )
        for v in votes
    )


def cast_figures(result: UnitResult, counted: int | None, lang: Lang) -> tuple[Figure, ...]:
    """The ballots cast: valid and invalid (by kind), the two categories the law counts. Until
    every station has reported, the eligible voters of those reported (`counted`, the base of
    turnout) stand beside their ballots, and those of all stations apart."""
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
    voters = (
        (Figure(label("eligible_voters", lang), whole),)
        if complete(result) or counted is None
        else (
            Figure(label("eligible_reporting", lang), number(counted, lang)),
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


def paper_figures(result: UnitResult, voided: bool, lang: Lang) -> tuple[Figure, ...]:
    """The ballot papers' account, with the ballots set aside outside the ballots cast (void
    ones, a voided box's among them): not a third kind of vote beside valid and invalid. Where
    a board voided a box in the unit (`voided`), the line says its ballots are among them, so
    that they do not pass for void papers alone."""
    counts, papers = result["counts"], result["counts"]["papers"]
    return tuple(
        Figure(label(key, lang), number(value, lang))
        for key, value in (
            ("papers_received", papers["received"]),
            ("papers_used", papers["used"]),
            ("papers_unused", papers["unused"]),
            ("papers_spoiled", papers["spoiled"]),
            ("void_set_aside_voided" if voided else "void_set_aside", counts["void"]),
        )
    )


def turnout_bars(result: UnitResult, eligible: int | None, lang: Lang) -> tuple[Bar, ...]:
    """Turnout by ballots cast and by papers used, over the eligible voters of the stations
    that have reported (`reported.eligible_counted`)."""
    if not eligible:
        return ()
    counts = result["counts"]
    return tuple(
        Bar(key, label(key, lang), "", percent(share, lang), share_width(share), "#3182BD")
        for key, share in (
            ("turnout_by_cast", Fraction(counts["cast"], eligible)),
            ("turnout_by_papers", Fraction(counts["papers"]["used"], eligible)),
        )
    )


def turnout_note(result: UnitResult, eligible: int | None, lang: Lang) -> str:
    """Over which voters turnout is reckoned while the count is partial, or why there is none."""
    stations = result["stations"]
    if stations["reported"] == 0:
        return label("turnout_waiting", lang)
    if not eligible:
        return label("no_eligible", lang)
    if complete(result):
        return ""
    return label(
        "turnout_over",
        lang,
        reported=stations["reported"],
        total=stations["total"],
        eligible=number(eligible, lang),
    )

"""What one reporting unit's page shows, per contest, built from the snapshot's files.

Each view holds text ready to print in the page's language; the templates only lay it out. The
parts are built where they are held: the ballots (`site.ballots`), round against round
(`site.comparison`), the area list (`site.area_list`) and the outcomes (`site.outcomes`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property

from markupsafe import Markup

from sandogh.locale import Lang
from sandogh.publish.site.area_list import ChildRow, area_rows, child_rows
from sandogh.publish.site.ballots import (
    Bar,
    Figure,
    cast_figures,
    paper_figures,
    turnout_bars,
    turnout_note,
    vote_bars,
    vote_rows,
)
from sandogh.publish.site.comparison import Comparison, comparison
from sandogh.publish.site.constituency_list import (
    AreaConstituencies,
    Held,
    by_area,
    held_by_area,
    listed_one_by_one,
)
from sandogh.publish.site.figures import announcement, joined, moment
from sandogh.publish.site.hand_count import hand_count_note
from sandogh.publish.site.labels import label
from sandogh.publish.site.outcomes import OutcomeRow, OutcomeView, outcome_view, status_text
from sandogh.publish.site.reported import (
    Over,
    boxes_voided,
    eligible_counted,
    papers_counted,
    station_voided,
)
from sandogh.publish.site.snapshot import ContestEntry, Outcome, SnapshotFiles, UnitResult, Vote


@dataclass(frozen=True)
class ContestView:
    id: str
    name: str
    status: str
    status_key: str
    stations: str
    announcement: str
    updated: str
    bars: tuple[Bar, ...]
    vote_rows: Markup  # the votes table's rows (`ballots.vote_rows`)
    figures: tuple[Figure, ...]
    papers: tuple[Figure, ...]
    turnout: tuple[Bar, ...]
    turnout_label: str
    turnout_note: str  # over which stations turnout is reckoned, while the count is partial
    outcomes: tuple[OutcomeView, ...]
    outcome_links: tuple[tuple[str, str], ...]  # (text, href)
    contained: tuple[tuple[OutcomeRow, str], ...]  # with the page showing its standings
    comparison: Comparison | None
    children_heading: str
    children: tuple[ChildRow, ...]
    child_rows: Markup  # the area list's rows (`area_list.child_rows`)
    hand_count: str = ""  # a certified hand count's note (`hand_count_note`), if any
    voided: tuple[str, ...] = ()  # the boards' voids of this station's ballots
    elsewhere: bool = False  # candidates left out of `bars`: `Placed.elsewhere`
    results: bool = False  # `bars` carry the standings' results (`standings_in_votes`)
    base_share_heading: str = ""  # and their shares of the rule's base, headed so, if not valid
    #: more constituencies inside than a page: listed by the unit below holding them instead
    #: of `contained` (`constituency_list.by_area`), with a line saying so
    by_area: tuple[AreaConstituencies, ...] = ()
    by_area_note: str = ""


@dataclass(frozen=True)
class Placed:
    """A contest's constituencies as one unit's page shows them.

    Standings change with every report in a constituency, so they are shown only on the pages
    that are rendered again at each such report: those of the constituency's own units and of
    the units containing it. Pages below link up to the constituency's unit instead.
    """

    own: tuple[Outcome, ...]  # the unit is one of the constituency's units
    above: tuple[tuple[Outcome, str], ...]  # covering it from above, with that unit
    #: lying inside the unit, with its first unit (linked only where listed one by one: the
    #: nation's page lists 13,500 by province)
    within: tuple[tuple[Outcome, str], ...]
    #: the candidates of the constituencies lying wholly inside the unit: their votes here are
    #: their constituency's, which its own page shows with its standings; the unit's page lists
    #: the constituencies instead (the nation's would list 15,000 parliament candidates, each
    #: constituency's page the same figures again)
    elsewhere: frozenset[str] = frozenset()
    #: the unit just below the page's unit that holds each of `within`, in its order
    within_in: tuple[str, ...] = ()

    @cached_property
    def held(self) -> dict[str, Held]:
        """`within` by the unit just below holding each (`constituency_list.held_by_area`)."""
        return held_by_area(self.within, self.within_in)


def contest_view(
    *,
    files: SnapshotFiles,
    election: str,
    contest: ContestEntry,
    result: UnitResult,
    colours: Mapping[str, str],
    outcomes: Placed,
    shown: list[Vote],
    previous: tuple[Over, int] | None,
    href: Callable[[str], str],
    certified: Callable[[Outcome], str],
    outcome_voided: Callable[[Outcome], str],
    row: Callable[[Outcome], OutcomeRow],
    voided: tuple[str, ...],
    lang: Lang,
    listed: Collection[str] | None = None,
) -> ContestView:
    """One contest's section of a unit's page; `shown` the unit's votes it lists, those of the
    candidates not `outcomes.elsewhere` (`placing.Placing.shown`); `previous` the earlier round
    over the stations
    reported here, `certified` an outcome's certification line, `outcome_voided` its void line
    (a constituency voided whole or station by station), `row` the line of a constituency lying
    inside the unit (`outcomes.outcome_row`), `voided` the boards' voids of this
    station's ballots, with their decisions; `listed`: the units below listed on this page (a
    page of a long list, `site.listing`), None for all. A station whose box was voided says so
    as its status; a unit above one says how many of its stations reported were voided."""
    counts = result["counts"]
    status = "voided" if station_voided(result) else result["status"]
    stations = result["stations"]
    reported = (
        label(
            "stations_reported_voided",
            lang,
            reported=stations["reported"],
            total=stations["total"],
            voided=boxes_voided(stations),
        )
        if boxes_voided(stations) and result["unit"]["kind"] != "station"
        else label(
            "stations_reported", lang, reported=stations["reported"], total=stations["total"]
        )
    )
    own = tuple(outcome_view(o, lang, certified(o), outcome_voided(o)) for o in outcomes.own)
    bars, own, base_share_heading = standings_in_votes(
        result["unit"]["code"],
        shown,
        vote_bars(shown, counts["valid"], colours, lang),
        outcomes.own,
        own,
    )
    eligible = eligible_counted(files, election, contest["id"], result)
    papers = papers_counted(files, election, contest["id"], result)
    shown_turnout = turnout_bars(result, eligible, papers, lang)
    children = area_rows(
        files=files,
        election=election,
        contest=contest["id"],
        result=result,
        href=href,
        lang=lang,
        listed=listed,
    )
    one_by_one = listed_one_by_one(outcomes.within)
    return ContestView(
        id=contest["id"],
        name=contest["name"][lang],
        status=status_text(status, lang),
        status_key=status,
        stations=reported,
        announcement=announcement(result, lang),
        updated=label("updated", lang, when=moment(result["updated"], lang)),
        bars=bars,
        vote_rows=vote_rows(
            bars,
            lang,
            results=base_share_heading is not None,
            base_share=bool(base_share_heading),
        ),
        figures=cast_figures(result, eligible, lang),
        papers=paper_figures(result, lang),
        turnout=shown_turnout,
        turnout_label=label(
            "chart_turnout",
            lang,
            summary=joined((f"{b.name} {b.share}" for b in shown_turnout), lang),
        ),
        turnout_note=turnout_note(result, eligible, lang),
        outcomes=own,
        outcome_links=tuple(
            (label("outcome_link", lang, name=o["constituency"]["name"][lang]), href(unit))
            for o, unit in outcomes.above
        ),
        contained=tuple((row(o), href(unit)) for o, unit in outcomes.within) if one_by_one else (),
        comparison=(
            None
            if previous is None
            else comparison(
                previous[0],
                result,
                Fraction(counts["cast"], eligible) if eligible else None,
                (previous[1], contest["round"]),
                lang,
            )
        ),
        children_heading=children_heading(result, lang),
        children=children,
        child_rows=child_rows(children, lang),
        hand_count=hand_count_note(
            result, (*outcomes.own, *(o for o, _ in (*outcomes.above, *outcomes.within))), lang
        ),
        voided=voided,
        elsewhere=len(shown) < len(counts["votes"]),
        results=base_share_heading is not None,
        base_share_heading=base_share_heading or "",
        by_area=()
        if one_by_one
        else by_area(
            contest=contest["id"],
            held=outcomes.held,
            children=result["children"],
            href=href,
            lang=lang,
        ),
        by_area_note=""
        if one_by_one
        else label("constituencies_by_area", lang, count=len(outcomes.within)),
    )


def children_heading(result: UnitResult, lang: Lang) -> str:
    """The heading of a unit's list of the units below it: «نتایج به تفکیک شهرستان»."""
    kinds = {child["kind"] for child in result["children"]}
    kind = label(kinds.pop(), lang) if len(kinds) == 1 else ""
    if not kind:
        return label("areas_mixed", lang)
    return label("areas", lang, kind=kind if lang == "fa" else kind.lower())


def standings_in_votes(
    code: str,
    shown: list[Vote],
    bars: tuple[Bar, ...],
    own: tuple[Outcome, ...],
    views: tuple[OutcomeView, ...],
) -> tuple[tuple[Bar, ...], tuple[OutcomeView, ...], str | None]:
    """One table where unit `code` is its constituency's only unit (a county that is its
    parliamentary constituency) and its votes are the constituency's, candidate by candidate in
    the same order: the votes table's rows then carry each candidate's result, and the outcome
    is shown without a table of its own (it printed every candidate a second time, a third of
    such a page). Returns the bars, the outcomes' views and, when merged, the heading of the
    shares of the rule's base where these are not the votes table's own ("" where they are);
    as given, and None, otherwise (a hand count's total, a unit of several constituencies)."""
    if len(own) != 1 or own[0]["constituency"]["units"] != [code]:
        return bars, views, None
    outcome, (view,) = own[0], views
    ranked = [(c["code"], c["votes"]) for c in outcome["candidates"]]
    if ranked != [(v["code"], v["votes"]) for v in shown]:
        return bars, views, None
    standings = view.standings
    same = all(bar.share == standing.share for bar, standing in zip(bars, standings, strict=True))
    merged = tuple(
        replace(
            bar,
            result=standing.result,
            result_key=standing.result_key,
            base_share="" if same else standing.share,
        )
        for bar, standing in zip(bars, standings, strict=True)
    )
    return merged, (replace(view, in_votes=True),), "" if same else view.share_heading

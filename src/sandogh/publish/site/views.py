"""What one reporting unit's page shows, per contest, built from the snapshot's files.

Each view holds text ready to print in the page's language; the templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from sandogh.locale import Lang, format_points
from sandogh.publish.site.figures import (
    announcement,
    bar_width,
    moment,
    number,
    percent,
    signed,
)
from sandogh.publish.site.hand_count import hand_count_note
from sandogh.publish.site.labels import label
from sandogh.publish.site.outcomes import OutcomeView, outcome_view, status_text
from sandogh.publish.site.reported import Over, complete, eligible_counted, turnout
from sandogh.publish.site.snapshot import (
    ContestEntry,
    Outcome,
    SnapshotFiles,
    StationInfo,
    UnitResult,
    Vote,
)


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


@dataclass(frozen=True)
class ChildRow:
    code: str
    name: str
    href: str
    reported: bool
    stations: str  # "12 of 98"; empty for a station
    leader: str
    turnout: str
    marks: tuple[str, ...]  # mobile, hard to reach


@dataclass(frozen=True)
class Compared:
    name: str
    before: str
    after: str
    change: str
    before_width: str
    after_width: str


@dataclass(frozen=True)
class Comparison:
    heading: str
    summary: str
    over: str  # the stations compared, where not all have reported
    before_label: str
    after_label: str
    rows: tuple[Compared, ...]
    turnout: Compared | None


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
    chart_label: str
    figures: tuple[Figure, ...]
    papers: tuple[Figure, ...]
    turnout: tuple[Bar, ...]
    turnout_label: str
    turnout_note: str  # over which stations turnout is reckoned, while the count is partial
    outcomes: tuple[OutcomeView, ...]
    outcome_links: tuple[tuple[str, str], ...]  # (text, href)
    contained: tuple[OutcomeView, ...]
    comparison: Comparison | None
    children_heading: str
    children: tuple[ChildRow, ...]
    hand_count: str = ""  # a certified hand count's note (`hand_count_note`), if any
    voided: tuple[str, ...] = ()  # the boards' voids of this station's ballots


@dataclass(frozen=True)
class Placed:
    """A contest's constituencies as one unit's page shows them.

    Standings change with every report in a constituency, so they are shown only on the pages
    that are rendered again at each such report: those of the constituency's own units and of
    the units containing it. Pages below link up to the constituency's unit instead.
    """

    own: tuple[Outcome, ...]  # the unit is one of the constituency's units
    above: tuple[tuple[Outcome, str], ...]  # covering it from above, with that unit's page
    within: tuple[Outcome, ...]  # lying inside the unit


def _listed(items: Iterable[str], lang: Lang) -> str:
    return ("، " if lang == "fa" else "; ").join(items)


def of(reported: int, total: int, lang: Lang) -> str:
    return label("of", lang, reported=reported, total=total)


def station_marks(info: StationInfo | None, lang: Lang) -> tuple[str, ...]:
    if info is None:
        return ()
    marks = [label("mobility_mobile", lang)] if info["mobility"] == "mobile" else []
    return (*marks, label("hard_to_reach", lang)) if info["hard_to_reach"] else tuple(marks)


def _bars(votes: list[Vote], valid: int, colours: Mapping[str, str], lang: Lang) -> tuple[Bar, ...]:
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


def _figures(result: UnitResult, counted: int | None, lang: Lang) -> tuple[Figure, ...]:
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


def _papers(result: UnitResult, voided: bool, lang: Lang) -> tuple[Figure, ...]:
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


def _turnout(result: UnitResult, eligible: int | None, lang: Lang) -> tuple[Bar, ...]:
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


def _turnout_note(result: UnitResult, eligible: int | None, lang: Lang) -> str:
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


def comparison(
    before: Over,
    after: UnitResult,
    after_turnout: Fraction | None,
    rounds: tuple[int, int],
    lang: Lang,
) -> Comparison:
    """Round 1 against round 2 in one unit: votes per candidate (matched by code) and turnout,
    over the stations that have reported in round 2 (`reported.earlier_over`)."""
    earlier = {v["code"]: v for v in before.votes}
    later = {v["code"]: v for v in after["counts"]["votes"]}
    codes = list(later) + [code for code in earlier if code not in later]
    top = max((v["votes"] for v in (*earlier.values(), *later.values())), default=0)
    rows = []
    for code in codes:
        old, new = earlier.get(code), later.get(code)
        name = (new or old or {"name": {"fa": code, "en": code}})["name"][lang]
        rows.append(
            Compared(
                name,
                number(old["votes"], lang) if old else label("not_standing", lang),
                number(new["votes"], lang) if new else label("not_standing", lang),
                signed(new["votes"] - old["votes"], lang) if old and new else "—",
                bar_width(old["votes"] if old else 0, top),
                bar_width(new["votes"] if new else 0, top),
            )
        )
    old_share, new_share = before.turnout, after_turnout
    compared = None
    if old_share is not None and new_share is not None:
        compared = Compared(
            label("turnout", lang),
            percent(old_share, lang),
            percent(new_share, lang),
            format_points(new_share - old_share, lang, 2),
            share_width(old_share),
            share_width(new_share),
        )
    first, second = rounds
    before_label, after_label = (
        label("round", lang, number=first),
        label("round", lang, number=second),
    )
    heading = label("compare_heading", lang, before=first, after=second)
    comma = "، " if lang == "fa" else ", "
    summary = _listed(
        (f"{r.name}: {before_label} {r.before}{comma}{after_label} {r.after}" for r in rows), lang
    )
    stations = after["stations"]
    over = (
        ""
        if complete(after)
        else label("compare_over", lang, reported=stations["reported"], total=stations["total"])
    )
    return Comparison(
        heading, f"{heading}: {summary}", over, before_label, after_label, tuple(rows), compared
    )


def share_width(share: Fraction) -> str:
    """A share of one as a bar's length, full at one (turnout can pass it only by an error)."""
    return bar_width(min(share.numerator, share.denominator), share.denominator)


def _children(
    *,
    files: SnapshotFiles,
    election: str,
    contest: str,
    result: UnitResult,
    href: Callable[[str], str],
    lang: Lang,
) -> tuple[ChildRow, ...]:
    rows = []
    for child in result["children"]:
        child_result = files.result(election, contest, child["code"])
        leader, shown_turnout, stations = "—", "—", ""
        marks: tuple[str, ...] = ()
        if child_result is not None:
            votes, valid = child_result["counts"]["votes"], child_result["counts"]["valid"]
            if votes and votes[0]["votes"] > 0 and valid:
                share = percent(Fraction(votes[0]["votes"], valid), lang, 1)
                leader = f"{votes[0]['name'][lang]} ({share})"
            counted = turnout(files, election, contest, child_result)
            if counted is not None:
                shown_turnout = percent(counted, lang, 1)
            if child["kind"] != "station":
                s = child_result["stations"]
                stations = of(s["reported"], s["total"], lang)
            marks = station_marks(child_result["station"], lang)
        rows.append(
            ChildRow(
                child["code"],
                child["name"][lang],
                href(child["code"]),
                child["reported"],
                stations,
                leader,
                shown_turnout,
                marks,
            )
        )
    return tuple(rows)


def contest_view(
    *,
    files: SnapshotFiles,
    election: str,
    contest: ContestEntry,
    result: UnitResult,
    colours: Mapping[str, str],
    outcomes: Placed,
    previous: tuple[Over, int] | None,
    href: Callable[[str], str],
    certified: Callable[[Outcome], str],
    outcome_voided: Callable[[Outcome], str],
    voided: tuple[str, ...],
    lang: Lang,
    boxes_voided: tuple[bool, bool] = (False, False),
) -> ContestView:
    """One contest's section of a unit's page; `previous` the earlier round over the stations
    reported here, `certified` an outcome's certification line, `outcome_voided` its void line
    (a constituency voided whole or station by station), `voided` the boards' voids of this
    station's ballots; `boxes_voided` whether this station's box was voided, and whether any box
    in this unit was."""
    counts = result["counts"]
    status = "voided" if boxes_voided[0] else result["status"]
    bars = _bars(counts["votes"], counts["valid"], colours, lang)
    eligible = eligible_counted(files, election, contest["id"], result)
    shown_turnout = _turnout(result, eligible, lang)
    kinds = {child["kind"] for child in result["children"]}
    kind = label(kinds.pop(), lang) if len(kinds) == 1 else ""
    children_heading = (
        label("areas", lang, kind=kind if lang == "fa" else kind.lower())
        if kind
        else label("areas_mixed", lang)
    )
    return ContestView(
        id=contest["id"],
        name=contest["name"][lang],
        status=status_text(status, lang),
        status_key=status,
        stations=label(
            "stations_reported",
            lang,
            reported=result["stations"]["reported"],
            total=result["stations"]["total"],
        ),
        announcement=announcement(result, lang),
        updated=label("updated", lang, when=moment(result["updated"], lang)),
        bars=bars,
        chart_label=label(
            "chart", lang, summary=_listed((f"{b.name} {b.votes} ({b.share})" for b in bars), lang)
        ),
        figures=_figures(result, eligible, lang),
        papers=_papers(result, boxes_voided[1], lang),
        turnout=shown_turnout,
        turnout_label=label(
            "chart_turnout",
            lang,
            summary=_listed((f"{b.name} {b.share}" for b in shown_turnout), lang),
        ),
        turnout_note=_turnout_note(result, eligible, lang),
        outcomes=tuple(
            outcome_view(o, lang, certified(o), outcome_voided(o)) for o in outcomes.own
        ),
        outcome_links=tuple(
            (label("outcome_link", lang, name=o["constituency"]["name"][lang]), href)
            for o, href in outcomes.above
        ),
        contained=tuple(
            outcome_view(o, lang, certified(o), outcome_voided(o)) for o in outcomes.within
        ),
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
        children_heading=children_heading,
        children=_children(
            files=files,
            election=election,
            contest=contest["id"],
            result=result,
            href=href,
            lang=lang,
        ),
        hand_count=hand_count_note(
            result, (*outcomes.own, *(o for o, _ in outcomes.above), *outcomes.within), lang
        ),
        voided=voided,
    )

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
    turnout_share,
)
from sandogh.publish.site.hand_count import hand_count_note
from sandogh.publish.site.labels import label
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
class Standing:
    name: str
    votes: str
    share: str
    result: str
    result_key: str


@dataclass(frozen=True)
class OutcomeView:
    constituency: str
    heading: str
    status: str
    status_key: str
    stations: str
    seats: str
    needed: str
    runoff: bool
    standings: tuple[Standing, ...]
    reasons: tuple[str, ...]
    ahead: tuple[str, ...]  # elected, leading, to the runoff, or awaiting a lot
    lists: tuple[str, ...] = ()  # each party list's seats, elected and alternates


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
    turnout: tuple[Bar, ...]
    turnout_label: str
    outcomes: tuple[OutcomeView, ...]
    outcome_links: tuple[tuple[str, str], ...]  # (text, href)
    contained: tuple[OutcomeView, ...]
    comparison: Comparison | None
    children_heading: str
    children: tuple[ChildRow, ...]
    hand_count: str = ""  # a certified hand count's note (`hand_count_note`), if any


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


_AHEAD = frozenset({"elected", "leading", "advanced-to-runoff", "awaiting-lot"})


def _listed(items: Iterable[str], lang: Lang) -> str:
    return ("، " if lang == "fa" else "; ").join(items)


def status_text(status: str, lang: Lang) -> str:
    return label(f"status_{status}", lang)


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


def _figures(result: UnitResult, lang: Lang) -> tuple[Figure, ...]:
    counts, papers, invalid = (
        result["counts"],
        result["counts"]["papers"],
        result["counts"]["invalid"],
    )
    crossed_out = invalid.get("crossed-out", 0)
    rows = [
        ("eligible_voters", result["eligible_voters"]),
        ("cast", counts["cast"]),
        ("valid", counts["valid"]),
        (
            "invalid",
            invalid["blank"]
            + invalid["illegible"]
            + invalid["non-candidate"]
            + invalid["multiple-names"]
            + crossed_out,
        ),
        ("invalid_blank", invalid["blank"]),
        ("invalid_illegible", invalid["illegible"]),
        ("invalid_non_candidate", invalid["non-candidate"]),
        ("invalid_multiple_names", invalid["multiple-names"]),
        ("invalid_crossed_out", crossed_out),
        ("void", counts["void"]),
        ("papers_received", papers["received"]),
        ("papers_used", papers["used"]),
        ("papers_unused", papers["unused"]),
        ("papers_spoiled", papers["spoiled"]),
    ]
    return tuple(
        Figure(label(key, lang), "—" if value is None else number(value, lang))
        for key, value in rows
    )


def _turnout(result: UnitResult, lang: Lang) -> tuple[Bar, ...]:
    turnout = result["turnout"]
    if turnout is None:
        return ()
    bars = []
    for key, shares in (
        ("turnout_by_cast", turnout["cast"]),
        ("turnout_by_papers", turnout["papers"]),
    ):
        share = turnout_share(shares)
        if share is not None:
            bars.append(
                Bar(key, label(key, lang), "", percent(share, lang), share_width(share), "#3182BD")
            )
    return tuple(bars)


def outcome_view(outcome: Outcome, lang: Lang) -> OutcomeView:
    seats = outcome["constituency"]["seats"]
    needed = outcome["needed"]
    base = outcome["base"]
    return OutcomeView(
        constituency=outcome["constituency"]["name"][lang],
        heading=label("outcome_heading", lang, name=outcome["constituency"]["name"][lang]),
        status=status_text(outcome["status"], lang),
        status_key=outcome["status"],
        stations=label(
            "stations_reported",
            lang,
            reported=outcome["stations"]["reported"],
            total=outcome["stations"]["total"],
        ),
        seats=label("seat" if seats == 1 else "seats", lang, seats=seats),
        needed=(
            ""
            if needed is None or base is None
            else label("votes_needed", lang, needed=needed, base=base)
        ),
        runoff=outcome["runoff"],
        standings=tuple(
            Standing(
                c["name"][lang],
                number(c["votes"], lang),
                percent(c["share"], lang),
                label(f"result_{c['result']}", lang),
                c["result"],
            )
            for c in outcome["candidates"]
        ),
        reasons=tuple(reason[lang] for reason in outcome["reasons"]),
        ahead=tuple(c["name"][lang] for c in outcome["candidates"] if c["result"] in _AHEAD),
        lists=_lists(outcome, lang),
    )


def _lists(outcome: Outcome, lang: Lang) -> tuple[str, ...]:
    """Each party list's line: its seats, who of it is elected and its alternates in order."""
    names = {c["code"]: c["name"][lang] for c in outcome["candidates"]}
    comma = "، " if lang == "fa" else ", "

    def who(codes: list[str]) -> str:
        return comma.join(names.get(code, code) for code in codes) or "—"

    return tuple(
        label(
            "party_list_line",
            lang,
            party_list=pl["id"],
            seats=pl["seats"],
            elected=who(pl["elected"]),
            alternates=who(pl["alternates"]),
        )
        for pl in outcome.get("party_lists", [])
    )


def comparison(
    before: UnitResult, after: UnitResult, rounds: tuple[int, int], lang: Lang
) -> Comparison:
    """Round 1 against round 2 in one unit: votes per candidate (matched by code) and turnout."""
    earlier = {v["code"]: v for v in before["counts"]["votes"]}
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
    old_share = turnout_share(before["turnout"]["cast"]) if before["turnout"] else None
    new_share = turnout_share(after["turnout"]["cast"]) if after["turnout"] else None
    turnout = None
    if old_share is not None and new_share is not None:
        turnout = Compared(
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
    return Comparison(
        heading, f"{heading}: {summary}", before_label, after_label, tuple(rows), turnout
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
        leader, turnout, stations = "—", "—", ""
        marks: tuple[str, ...] = ()
        if child_result is not None:
            votes, valid = child_result["counts"]["votes"], child_result["counts"]["valid"]
            if votes and votes[0]["votes"] > 0 and valid:
                share = percent(Fraction(votes[0]["votes"], valid), lang, 1)
                leader = f"{votes[0]['name'][lang]} ({share})"
            if child_result["turnout"]:
                turnout = percent(turnout_share(child_result["turnout"]["cast"]), lang, 1)
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
                turnout,
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
    previous: tuple[UnitResult, int] | None,
    href: Callable[[str], str],
    lang: Lang,
) -> ContestView:
    """One contest's section of a unit's page."""
    counts = result["counts"]
    bars = _bars(counts["votes"], counts["valid"], colours, lang)
    turnout = _turnout(result, lang)
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
        status=status_text(result["status"], lang),
        status_key=result["status"],
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
        figures=_figures(result, lang),
        turnout=turnout,
        turnout_label=label(
            "chart_turnout", lang, summary=_listed((f"{b.name} {b.share}" for b in turnout), lang)
        ),
        outcomes=tuple(outcome_view(o, lang) for o in outcomes.own),
        outcome_links=tuple(
            (label("outcome_link", lang, name=o["constituency"]["name"][lang]), href)
            for o, href in outcomes.above
        ),
        contained=tuple(outcome_view(o, lang) for o in outcomes.within),
        comparison=(
            None
            if previous is None
            else comparison(previous[0], result, (previous[1], contest["round"]), lang)
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
    )

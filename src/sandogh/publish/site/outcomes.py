"""A constituency's outcome as a unit's page shows it: standings, why, and who certified it.

The outcome files say `leading` or `not-elected` until every station of the constituency has
reported (`publish.standings`); the page goes further and says nothing of the trailing ones,
«انتخاب‌نشده» being a final word, and heads the table with why it is not final (N of M stations
reported), as election-night pages do. A certified outcome says by whom and when, and one whose
certification was undone says that, by whom, when and why (issue 13); a board's void
of a station's ballots says so on that station's page, with its decision and its day; a
constituency voided whole, or whose every station was voided, says so on its outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sandogh.locale import Lang
from sandogh.publish.site.figures import moment, number, percent
from sandogh.publish.site.labels import label
from sandogh.publish.site.snapshot import Certified, Outcome, Undone, Void


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
    lists: tuple[str, ...] = ()  # each party list's seats, elected and alternates
    not_final: str = ""  # why a partial outcome is not final yet
    certified: str = ""  # who certified it and when, or who undid its certification and why
    voided: str = ""  # the board's void of the whole constituency, or of its every station
    share_heading: str = ""  # the base of its percentages: valid ballots, or all cast
    #: its standings are the unit's votes table's rows (`views.standings_in_votes`)
    in_votes: bool = False


@dataclass(frozen=True)
class OutcomeRow:
    """A constituency lying inside a unit, as the unit's list of them shows it: its name,
    status, stations reported and who is ahead, linking to its own page with the rest (a nation
    holds ~15,000 of them; each one's standings made and never printed were most of rendering
    the pages above the counties)."""

    constituency: str
    status: str
    status_key: str
    stations: str
    ahead: tuple[str, ...]  # elected, leading, to the runoff, or awaiting a lot


_AHEAD = frozenset({"elected", "leading", "advanced-to-runoff", "awaiting-lot"})


def status_text(status: str, lang: Lang) -> str:
    return label(f"status_{status}", lang)


def _result_shown(outcome: Outcome, result: str) -> str:
    """A candidate's result as the page may say it: until every station of the constituency
    has reported no one is elected or not elected yet, only leading (or not)."""
    if outcome["status"] != "partial":
        return result
    return "leading" if result in _AHEAD else "trailing"


def certification_text(made: Certified, place: str, lang: Lang) -> str:
    """Who certified a result, under which role and where, and when."""
    return label(
        "certified_by",
        lang,
        role=label(f"role_{made['role']}", lang),
        place=place,
        by=f"\u2068{made['by']}\u2069",  # FSI…PDI: <bdi> in plain text, for a Latin account
        when=moment(made["at"], lang),
    )


def undone_text(undone: Undone, place: str, lang: Lang) -> str:
    """That a result's certification was undone («تأیید لغو شد»): by whom, where, when, why and
    by which decision."""
    key = "certification_undone_ref" if undone["reference"] else "certification_undone"
    return label(
        key,
        lang,
        role=label(f"role_{undone['role']}", lang),
        place=place,
        by=f"\u2068{undone['by']}\u2069",
        when=moment(undone["at"], lang),
        reason=f"\u2068{undone['reason']}\u2069",
        reference=f"\u2068{undone['reference']}\u2069",
    )


def void_text(void: Void, lang: Lang) -> str:
    """A board's void of a station's ballots, or of a constituency, with its decision and, where
    the file has it, the day and hour it was decided."""
    decision = void["decision"]
    key = {"candidate": "voided_candidate", "constituency": "voided_constituency"}.get(
        void["kind"], "voided_station"
    )
    said = label(key, lang, reason=decision["reason"], reference=decision["reference"])
    if "at" not in void:
        return said
    return f"{said} {label('void_decided_at', lang, when=moment(void['at'], lang))}"


def outcome_void_text(
    outcome: Outcome, voids: Iterable[Void], line: Callable[[str], list[str]], lang: Lang
) -> str:
    """Whether `outcome`'s constituency was voided, said: a void of the constituency itself, or
    station voids covering every station it counts (`line`: a station and the units above it,
    to tell which voided stations lie in it)."""
    contest, constituency = outcome["contest"], outcome["constituency"]
    units = set(constituency["units"])
    stations: set[str] = set()
    for void in voids:
        if void["kind"] == "constituency":
            if (void["contest"], void.get("constituency")) == (contest, constituency["id"]):
                return void_text(void, lang)
        elif (
            void["kind"] == "station"
            and void["contest"] in (None, contest)
            and units.intersection(line(void["station"]))
        ):
            stations.add(void["station"])
    total = outcome["stations"]["total"]
    return label("voided_every_station", lang) if total and len(stations) >= total else ""


def outcome_row(outcome: Outcome, lang: Lang) -> OutcomeRow:
    """The row of `outcome` in a list of constituencies (the election's page lists thousands:
    none of its standings is built)."""
    return OutcomeRow(
        constituency=outcome["constituency"]["name"][lang],
        status=status_text(outcome["status"], lang),
        status_key=outcome["status"],
        stations=_stations(outcome, lang),
        ahead=_ahead(outcome, lang),
    )


def _stations(outcome: Outcome, lang: Lang) -> str:
    stations = outcome["stations"]
    return label("stations_reported", lang, reported=stations["reported"], total=stations["total"])


def _ahead(outcome: Outcome, lang: Lang) -> tuple[str, ...]:
    return tuple(c["name"][lang] for c in outcome["candidates"] if c["result"] in _AHEAD)


def outcome_view(
    outcome: Outcome, lang: Lang, certified: str = "", voided: str = ""
) -> OutcomeView:
    seats = outcome["constituency"]["seats"]
    needed = outcome["needed"]
    base = outcome["base"]
    partial = outcome["status"] == "partial"
    stations = outcome["stations"]
    base_name = "cast" if outcome["rule"].get("base") == "cast" else "valid"
    return OutcomeView(
        constituency=outcome["constituency"]["name"][lang],
        heading=label(
            "outcome_heading" if partial else "outcome_heading_final",
            lang,
            name=outcome["constituency"]["name"][lang],
        ),
        share_heading=label(f"percent_of_{base_name}", lang),
        status=status_text(outcome["status"], lang),
        status_key=outcome["status"],
        stations=_stations(outcome, lang),
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
                label(f"result_{_result_shown(outcome, c['result'])}", lang),
                _result_shown(outcome, c["result"]),
            )
            for c in outcome["candidates"]
        ),
        # a partial outcome's first reason is the same «not final» line, said above its table
        reasons=tuple(reason[lang] for reason in outcome["reasons"][1 if partial else 0 :]),
        lists=_lists(outcome, lang, partial),
        not_final=label("not_final", lang, reported=stations["reported"], total=stations["total"])
        if partial
        else "",
        certified=certified,
        voided=voided,
    )


def _lists(outcome: Outcome, lang: Lang, partial: bool) -> tuple[str, ...]:
    """Each party list's line: its seats, who of it is elected and its alternates in order;
    while `partial`, its seats so far and who leads, no one being elected yet."""
    names = {c["code"]: c["name"][lang] for c in outcome["candidates"]}
    comma = "، " if lang == "fa" else ", "

    def who(codes: list[str]) -> str:
        return comma.join(names.get(code, code) for code in codes) or "—"

    return tuple(
        label(
            "party_list_line_so_far" if partial else "party_list_line",
            lang,
            party_list=pl["id"],
            seats=pl["seats"],
            elected=who(pl["elected"]),
            alternates=who(pl["alternates"]),
        )
        for pl in outcome.get("party_lists", [])
    )

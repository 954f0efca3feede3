"""A constituency's outcome as a unit's page shows it: standings, why, and who certified it.

The outcome files say `leading` or `not-elected` until every station of the constituency has
reported (`publish.standings`); the page goes further and says nothing of the trailing ones,
«انتخاب‌نشده» being a final word, and heads the table with why it is not final (N of M stations
reported), as election-night pages do. A certified outcome says by whom and when; a board's void
of a station's ballots says so on that station's page, with its decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandogh.locale import Lang
from sandogh.publish.site.figures import moment, number, percent
from sandogh.publish.site.labels import label
from sandogh.publish.site.snapshot import Certified, Outcome, Void


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
    not_final: str = ""  # why a partial outcome is not final yet
    certified: str = ""  # who certified it, and when


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


def void_text(void: Void, lang: Lang) -> str:
    """A board's void of a station's ballots, with its decision."""
    decision = void["decision"]
    key = "voided_candidate" if void["kind"] == "candidate" else "voided_station"
    return label(key, lang, reason=decision["reason"], reference=decision["reference"])


def outcome_view(outcome: Outcome, lang: Lang, certified: str = "") -> OutcomeView:
    seats = outcome["constituency"]["seats"]
    needed = outcome["needed"]
    base = outcome["base"]
    partial = outcome["status"] == "partial"
    stations = outcome["stations"]
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
                label(f"result_{_result_shown(outcome, c['result'])}", lang),
                _result_shown(outcome, c["result"]),
            )
            for c in outcome["candidates"]
        ),
        # a partial outcome's first reason is the same «not final» line, said above its table
        reasons=tuple(reason[lang] for reason in outcome["reasons"][1 if partial else 0 :]),
        ahead=tuple(c["name"][lang] for c in outcome["candidates"] if c["result"] in _AHEAD),
        lists=_lists(outcome, lang),
        not_final=label("not_final", lang, reported=stations["reported"], total=stations["total"])
        if partial
        else "",
        certified=certified,
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

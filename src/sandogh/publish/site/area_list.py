"""A unit's area list: the units just below it (a county's stations, a province's counties),
each with its stations reported, its leader (or, in a tie, «برابر» and every tied candidate) and
its turnout, linked to its own page.

A station whose box a board voided is listed as voided («باطل‌شده»), with no leader and no
turnout: it reported, but none of its ballots counts. An area with voided boxes counts them
among its stations reported, as every figure of the site does (`reported`), and says how many.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from markupsafe import Markup

from sandogh.locale import Lang
from sandogh.publish.site.figures import alone, escaped, figures_in, lead_words, percent
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import boxes_voided, station_voided, turnout
from sandogh.publish.site.snapshot import SnapshotFiles, StationInfo, Stations, UnitResult


@dataclass(frozen=True)
class ChildRow:
    code: str
    name: str
    href: str
    reported: bool
    stations: str  # "12 of 98", and how many of them were voided; empty for a station
    voided: bool  # a station whose box a board voided
    leader: str
    turnout: str
    marks: tuple[str, ...]  # mobile, hard to reach


def of(reported: int, total: int, lang: Lang) -> str:
    return label("of", lang, reported=reported, total=total)


def _reported(stations: Stations, lang: Lang) -> str:
    """An area's stations reported of all («۲ از ۲»), and of those how many were voided."""
    if not boxes_voided(stations):
        return of(stations["reported"], stations["total"], lang)
    return label(
        "of_voided",
        lang,
        reported=stations["reported"],
        total=stations["total"],
        voided=boxes_voided(stations),
    )


def station_marks(info: StationInfo | None, lang: Lang) -> tuple[str, ...]:
    if info is None:
        return ()
    marks = [label("mobility_mobile", lang)] if info["mobility"] == "mobile" else []
    return (*marks, label("hard_to_reach", lang)) if info["hard_to_reach"] else tuple(marks)


def area_rows(
    *,
    files: SnapshotFiles,
    election: str,
    contest: str,
    result: UnitResult,
    href: Callable[[str], str],
    lang: Lang,
    listed: Collection[str] | None = None,
) -> tuple[ChildRow, ...]:
    """The rows of the units just below `result`'s unit, or of those `listed` alone (a page of
    a long list, `site.listing`)."""
    rows = []
    for child in result["children"]:
        if listed is not None and child["code"] not in listed:
            continue
        child_result = files.result(election, contest, child["code"])
        leader, shown_turnout, stations = "—", "—", ""
        marks: tuple[str, ...] = ()
        voided = False
        if child_result is not None:
            votes, valid = child_result["counts"]["votes"], child_result["counts"]["valid"]
            found = lead_words(votes, valid, lang) if valid else None
            if found is not None:  # a tie named as one, not its first by order (S23 A2)
                first, who = found
                leader = f"{label('tied', lang)}: {who}" if len(first) > 1 else who
            counted = turnout(files, election, contest, child_result)
            if counted is not None:
                shown_turnout = percent(counted, lang, 1)
            voided = station_voided(child_result)
            if child["kind"] != "station":
                stations = _reported(child_result["stations"], lang)
            marks = station_marks(child_result["station"], lang)
        rows.append(
            ChildRow(
                child["code"],
                child["name"][lang],
                href(child["code"]),
                child["reported"],
                stations,
                voided,
                leader,
                shown_turnout,
                marks,
            )
        )
    return tuple(rows)


def child_rows(rows: tuple[ChildRow, ...], lang: Lang) -> Markup:
    """The area list's rows, made here in one piece, as `ballots.vote_rows` makes the votes
    table's: a county lists its stations, up to 3,500. An area says its stations reported (a
    tick once all have); a station, reported or not, or voided: none of its ballots counts,
    so it has no tick and no turnout."""
    out = []
    for row in rows:
        marks = "".join(f' <span class="mark">{escaped(mark)}</span>' for mark in row.marks)
        if row.stations:
            tick = "✓ " if row.reported else ""
            said = f'<span class="{"yes" if row.reported else "no"}">{tick}'
            said += f"{figures_in(row.stations, lang)}</span>"
        elif row.voided:
            said = f'<span class="voided-mark">{escaped(label("area_voided", lang))}</span>'
        elif row.reported:
            said = f'<span class="yes">✓ {escaped(label("reported_yes", lang))}</span>'
        else:
            said = f'<span class="no">{escaped(label("reported_no", lang))}</span>'
        out.append(
            f'<tr><th scope="row"><a href="{escaped(row.href)}">{escaped(row.name)}</a>{marks}</th>'
            f"<td>{said}</td><td>{figures_in(row.leader, lang)}</td>"
            f'<td class="num">{alone(row.turnout, lang)}</td></tr>'
        )
    return Markup("\n        ".join(out))

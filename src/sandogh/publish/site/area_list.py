"""A unit's area list: the units just below it (a county's stations, a province's counties),
each with its stations reported, its leader and its turnout, linked to its own page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from sandogh.locale import Lang
from sandogh.publish.site.figures import percent
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import turnout
from sandogh.publish.site.snapshot import SnapshotFiles, StationInfo, UnitResult


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


def of(reported: int, total: int, lang: Lang) -> str:
    return label("of", lang, reported=reported, total=total)


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

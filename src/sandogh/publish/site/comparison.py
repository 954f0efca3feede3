"""Round against round in one unit: each candidate's votes (matched by code) and turnout, over
the stations whose ballots count in the later round (`reported.earlier_over`)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sandogh.locale import Lang, format_points, shown_share
from sandogh.publish.site.figures import bar_width, joined, number, percent, share_width, signed
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import Over, boxes_voided, counted, counted_whole
from sandogh.publish.site.snapshot import UnitResult


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


def comparison(
    before: Over,
    after: UnitResult,
    after_turnout: Fraction | None,
    rounds: tuple[int, int],
    lang: Lang,
) -> Comparison:
    """Round 1 against round 2 in one unit: votes per candidate (matched by code) and turnout,
    over the stations whose ballots count in round 2 (`reported.earlier_over`): a voided box's
    station is left out of both rounds."""
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
        # the change of the shares as shown (two places), not of the exact shares: a reader
        # subtracts the figures on the page, and 46.05 − 2.55 must read 43.50, not the exact
        # 43.49 (finding A7 of session 23)
        places = 2
        compared = Compared(
            label("turnout", lang),
            percent(old_share, lang, places),
            percent(new_share, lang, places),
            format_points(
                shown_share(new_share, places) - shown_share(old_share, places), lang, places
            ),
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
    summary = joined(
        (f"{r.name}: {before_label} {r.before}{comma}{after_label} {r.after}" for r in rows), lang
    )
    stations = after["stations"]
    if counted_whole(after):
        over = ""
    elif boxes_voided(stations):
        over = label(
            "compare_over_counted",
            lang,
            counted=counted(stations),
            total=stations["total"],
            voided=boxes_voided(stations),
        )
    else:
        over = label("compare_over", lang, reported=stations["reported"], total=stations["total"])
    return Comparison(
        heading, f"{heading}: {summary}", over, before_label, after_label, tuple(rows), compared
    )

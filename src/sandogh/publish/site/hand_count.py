"""The note a unit's page shows beside a contest's figures when a certified hand count of an
audit (issue 11, docs/audit.md §6.3) replaced them: the sheets reported inside the corrected
constituency stand, superseded; a total holding it whole counts the hand count instead."""

from __future__ import annotations

from collections.abc import Iterable

from sandogh.locale import Lang
from sandogh.publish.site.figures import moment
from sandogh.publish.site.labels import label
from sandogh.publish.site.snapshot import Outcome, UnitResult


def hand_count_note(result: UnitResult, outcomes: Iterable[Outcome], lang: Lang) -> str:
    """The note in `lang`, or "" when no hand count concerns the unit's figures; the
    constituency by its name among the page's `outcomes` (its code when none is shown)."""
    mark = result.get("hand_count")
    if mark is None:
        return ""
    code = mark["constituency"]
    names = {o["constituency"]["id"]: o["constituency"]["name"][lang] for o in outcomes}
    key = "hand_count_superseded" if mark["superseded"] else "hand_count_counted"
    when = moment(mark["certified_at"], lang)
    return label(key, lang, constituency=names.get(code, code), when=when)

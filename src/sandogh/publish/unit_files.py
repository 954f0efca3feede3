"""The files a pass of the publisher (`publish.snapshot.Publisher.poll`) writes for the units
whose figures, or whose outcomes, changed: their results, the outcomes, the station CSVs and
`snapshot.json`; and the units whose pages the site renders again for them — every unit's, when
the pass changes what every page shows (`every_page_changes`).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Set
from pathlib import Path

from sandogh.core.definition.model import UnitKind
from sandogh.publish.candidacy_file import FILE as CANDIDACY_FILE
from sandogh.publish.published import (
    ANCHOR_AMENDMENTS,
    ANCHOR_RECORD,
    ANCHOR_SIGNATURES,
    Published,
)
from sandogh.publish.writer import Writer

#: the files every page of the site links to where the snapshot holds them (the downloads of
#: `publish.site.downloads`, the "Was my ballot counted?" and candidates' pages): they appear
#: after the first regeneration, when the record is sealed, candidacy recorded, the E2E
#: ceremony loaded. (Every other file a page links to is written by the first regeneration.)
LINKED_EVERYWHERE = (
    ANCHOR_RECORD,
    ANCHOR_SIGNATURES,
    ANCHOR_AMENDMENTS,
    CANDIDACY_FILE,
    "e2e/codes/index.json",
)


def write_units(
    writer: Writer, state: Published, units: set[str], sheets: Collection[str], *, decided: bool
) -> set[str]:
    """Write the results of `units`, the outcomes of the constituencies of the stations whose
    `sheets` came (every outcome, written where its bytes change, after a board's decision:
    `decided`), the station CSVs of the stations among them and `snapshot.json`; the units whose
    pages changed."""
    geography = state.index.geography
    for contest in state.index.stored.election.contests:
        totals = state.tallied.totals.units[contest.id]
        for code in sorted(units):
            if code in totals:
                state.write_result(writer, contest.id, code)
        if decided:
            continue  # every outcome was decided again
        member = geography.constituency_map(contest.id)
        for constituency in sorted({member[s] for s in sheets if s in member}):
            state.redecide(contest.id, constituency)
            state.write_outcome(writer, contest.id, constituency)
    if decided:  # few
        for contest_id, constituency in state.decided:
            state.write_outcome(writer, contest_id, constituency)
        units = units | outcome_pages(state, set(writer.written))
    stations = set(sheets) | {u for u in units if geography.kind(u) is UnitKind.STATION}
    for group in sorted({state.index.sheet_group(station) for station in stations}):
        state.write_group(writer, group)
    state.write_snapshot(writer)
    return units


def outcome_pages(state: Published, written: Set[str]) -> set[str]:
    """The units whose pages show an outcome among `written` as their own or one within them:
    the constituency's units and those above them, and the units the site's election page may
    stand for (the top and each only child below it, `core.definition.scope`), which show an
    outcome drawn over units above them as their own."""
    geography = state.index.geography
    units: set[str] = set()
    for contest_id, constituency in state.decided:
        if f"{state.folder}/outcomes/{contest_id}/{constituency}.json" in written:
            for part in geography.constituency_parts(contest_id, constituency):
                units.update((part, *geography.ancestors(part)))
    if units:
        code = geography.top_down[0]
        units.add(code)
        while len(children := geography.children(code)) == 1:
            code = children[0]
            units.add(code)
    return units


def linked_everywhere(root: Path, state: Published) -> frozenset[str]:
    """The files of `LINKED_EVERYWHERE` the snapshot under `root` holds."""
    folder = os.path.join(root, state.folder)
    return frozenset(f for f in LINKED_EVERYWHERE if os.path.isfile(os.path.join(folder, f)))


def every_page_changes(
    root: Path, state: Published, linked: frozenset[str], written: Collection[str]
) -> bool:
    """Whether a pass that wrote `written`, under a snapshot that held the files `linked`
    before it, changes what every page shows: the sealed record's fingerprint (its file
    written: its bytes changed, as when the record is sealed), or a link of `LINKED_EVERYWHERE`
    (its file appeared). An amendment, which adds to `ANCHOR_AMENDMENTS` once it is there,
    changes neither."""
    record = f"{state.folder}/{ANCHOR_RECORD}"
    return record in written or linked_everywhere(root, state) != linked

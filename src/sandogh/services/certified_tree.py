"""A unit's read of a certified result held to the tree its certification's entry anchors
(`core.supervision.totals_tree`; the outsider's F2 of session 24).

The read recomputes the node of every unit and station it reads within the scope (a station's
from its sheet; a unit's from its kept total and the hash of the nodes below it: made from its
children's nodes where they are read, taken from the store where not, as a paged read's children
not on its page), then the nodes above it up to the scope's parts, and the root: when that is
not the root the log entry records, something read, or something taken from the store, is not
as certified, and the read is refused. A few queries: the rows of the units read, the nodes of
the siblings of the units above, and the kept totals above the unit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision import Certification, scope_units
from sandogh.core.supervision.totals_tree import (
    Node,
    scope_codes,
    station_node,
    totals_tree,
    tree_root,
    unit_node,
    unit_of,
)
from sandogh.services.ports import UnitOfWork


def scope_tree(
    work: UnitOfWork,
    geography: Geography,
    contest: str,
    constituency: str | None,
    sheets: Mapping[str, TallySheet],
    *,
    stored_stations: bool = False,
    paged: bool = True,
) -> tuple[str, dict[str, tuple[Node, str | None]]]:
    """The tree of (contest, constituency) made whole (`core.supervision.totals_tree`): from
    the kept totals of its units as the store holds them and its stations' `sheets` (by
    station, as reported); its root and its nodes. `stored_stations`: the stations' nodes as
    stored, for a reader that holds the sheets to the certification's digest apart (the root
    then holds the kept totals; its stations' nodes were made from the digest's sheets);
    `paged`: the format's `below` (`core.supervision.totals_tree.below_hash`)."""
    codes = scope_codes(geography, contest, constituency)
    inner = [code for code in codes if geography.kind(code) is not UnitKind.STATION]
    election = geography.election.id
    kept = work.totals.read(election, Scope.UNIT, inner, (contest,)) if inner else {}
    stations = None
    if stored_stations:
        wanted = [code for code in codes if geography.kind(code) is UnitKind.STATION]
        stations = {
            c: n for c, (n, _) in work.certifications.tree_nodes(election, contest, wanted).items()
        }
    return totals_tree(
        geography,
        contest,
        constituency,
        kept={place.code: running for place, running in kept.items()},
        sheets=sheets,
        stations=stations,
        paged=paged,
    )


def tree_holds(
    work: UnitOfWork,
    geography: Geography,
    certification: Certification,
    root: str,
    *,
    codes: Sequence[str],
    inside: Collection[str],
    kept: Mapping[Place, Running],
    sheets: Collection[TallySheet],
    paged: bool = True,
) -> bool:
    """Whether the rows a read of `codes` (the unit, then those just below it) read, `inside`
    the scope (`kept`, the units' totals; `sheets`, the stations' as reported), lead with the
    stored nodes to `root` (`paged`: the format of its `below`)."""
    c = certification
    election, contest = geography.election.id, c.contest
    parts = scope_units(geography, contest, c.constituency)
    path = _path(geography, codes[0], set(parts)) if codes[0] in inside else []
    below = [code for code in inside if code != codes[0]]
    # the units read below the first: their own rows (the hash of what is below them; a
    # station's node is made from its sheet, read: a city's 3,508 stations' rows are not
    # taken); the first's children not read (a page of them is): their nodes; above it: their
    # other children's nodes; the scope's other parts
    shown = set(codes)
    unread = [c for c in geography.children(codes[0]) if c not in shown] if path else []
    wanted = {
        *(code for code in below if geography.kind(code) is not UnitKind.STATION),
        *unread,
        *(child for code in path[1:] for child in geography.children(code)),
        *parts,
    } - set(path)
    stored = work.certifications.tree_nodes(election, contest, wanted)
    above = path[1:]
    kept_above = work.totals.read(election, Scope.UNIT, above, (contest,)) if above else {}
    sheet = {s.station: s for s in sheets if s.contest == contest}
    nodes: dict[str, Node] = {}
    # a node not kept: format 2's null (nothing kept there); format 1 kept every node
    missing = None if paged else ""

    def known(code: str) -> Node:
        return nodes[code] if code in nodes else stored[code][0] if code in stored else missing

    def total(code: str) -> Running | None:
        place = Place(contest, Scope.UNIT, code)
        return kept.get(place) or kept_above.get(place)

    for code in below:
        if geography.kind(code) is UnitKind.STATION:
            nodes[code] = station_node(code, sheet.get(code), paged=paged)
        elif code in stored or not paged or total(code) is not None:
            # its total checked here; what is below it, by the hash kept beside its node
            nodes[code] = unit_node(code, total(code), stored.get(code, ("", None))[1] or "")
        else:
            nodes[code] = None
    for code in path:  # the read unit, then up to its part
        if geography.kind(code) is UnitKind.STATION:
            nodes[code] = station_node(code, sheet.get(code), paged=paged)
        else:
            children = [(child, known(child)) for child in geography.children(code)]
            nodes[code] = unit_of(code, total(code), children, paged=paged)[0]
    made = tree_root(geography, contest, c.constituency, [(p, known(p)) for p in parts])
    return made == root


def _path(geography: Geography, code: str, parts: set[str]) -> list[str]:
    """`code` and the units above it up to the part of the scope it lies in."""
    path = [code]
    while path[-1] not in parts:
        parent = geography.parent(path[-1])
        if parent is None:
            break
        path.append(parent)
    return path

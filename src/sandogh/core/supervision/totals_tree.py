"""The certified totals tree: what a certification's log entry anchors so that a read of one unit
verifies the figures it shows with a few rows (the outsider's F2 of session 24).

A certification's digest (`core.supervision.certification.input_digest`) covers every sheet of
its scope: recomputing it on a read of the nation's president took 5.5 s. The tree covers the same
sheets and the kept totals of every unit in the scope, following the geography, so that a read
checks the rows it reads up to the root the log holds. Specified in docs/formats.md ("The
certified totals tree"), each node `sha256:` and 64 lowercase hex digits of the canonical JSON
(`core.canonical_json`) of

    a station:  {"station": code, "sheet": <the sheet as the digest writes it>}
    a unit:     {"unit": code, "totals": <its kept total> | null, "below": <hash>}
                (the hash, written as a node, of [[1, page], [2, page], …], each page the hash
                of [[code, node], …] of `PAGE_SIZE` units just below it in the definition's
                order, the reads' pages: a report's update reads ≤ 99 siblings and the page
                hashes, not a city's 3,508 nodes; kept beside the node, a read of a unit's
                children checks their totals with one row each, not their children's nodes)
    the root:   {"election": id, "contest": id, "constituency": id | null,
                 "parts": [[code, node], …]}   (the units the scope is made of, in order)

(format `TOTALS_FORMAT`, 2; format 1, revision 0025's, whose certifications' entries name no
format, hashed the [[code, node], …] of every unit just below as `below`), a kept total written
{"reported": n, <each figure of core.counting.tally.FIGURES>: n, "invalid": {kind: n, …},
"votes": {code: n, …}} with the kinds and candidates at zero left out (a total kept with a zero
and one that never named it are the same figures).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from sandogh.core.canonical_json import JSONValue, canonical_json, plain_bytes, plain_json
from sandogh.core.counting.running import Running
from sandogh.core.counting.tally import FIGURES, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision.certification import scope_units, sheet_json


def _hashed(record: JSONValue) -> str:
    # the standard library's encoder where it writes canonical JSON (codes, counts: always)
    encoded = plain_bytes(plain_json(record))
    return "sha256:" + hashlib.sha256(encoded or canonical_json(record)).hexdigest()


def totals_json(running: Running) -> JSONValue:
    counts = running.counts
    return {
        "reported": running.reported,
        **{figure: getattr(counts, figure) for figure in FIGURES},
        "invalid": {k.value: n for k, n in counts.invalid.items() if n},
        "votes": {code: n for code, n in counts.votes.items() if n},
    }


Node = str | None
"""A node; None (JSON null, format 2) where nothing is kept: a station without a sheet, a unit
without a kept total with nothing kept below it (a loaded election's tree is all null, kept as
no rows: a report's path update reads no unit's empty subtree)."""


def station_node(code: str, sheet: TallySheet | None, *, paged: bool = True) -> Node:
    if sheet is None and paged:
        return None
    return _hashed({"station": code, "sheet": None if sheet is None else sheet_json(sheet)})


TOTALS_FORMAT = 2
"""The node format a certification's entry names (`totals_format`); 1 when it names none."""

PAGE_SIZE = 100
"""The units just below a unit a page of its `below` holds: those a read shows on a page."""


def page_hash(pairs: Sequence[tuple[str, Node]]) -> str:
    """The hash of one page of the nodes just below a unit, (code, node) in order."""
    return _hashed([list(pair) for pair in pairs])


def pages_hash(pages: Sequence[str]) -> str:
    """A unit's `below` from the hashes of its pages (`page_hash`), page 1 first."""
    return _hashed([[number, page] for number, page in enumerate(pages, 1)])


def below_hash(below: Sequence[tuple[str, Node]], *, paged: bool = True) -> str:
    """The hash of the nodes just below a unit, (code, node) in the definition's order: paged
    (`TOTALS_FORMAT`), or flat as format 1 (`paged=False`, a certification naming no format)."""
    if not paged:
        return page_hash(below)
    return pages_hash(
        [page_hash(below[at : at + PAGE_SIZE]) for at in range(0, len(below), PAGE_SIZE)]
    )


def unit_node(code: str, kept: Running | None, below: str) -> str:
    """A unit's node from its kept total and the hash of the nodes below it (`below_hash`)."""
    totals = None if kept is None else totals_json(kept)
    return _hashed({"unit": code, "totals": totals, "below": below})


def unit_of(
    code: str, kept: Running | None, children: Sequence[tuple[str, Node]], *, paged: bool = True
) -> tuple[Node, str | None]:
    """A unit's node and the hash of the nodes below it, from its kept total and its children's
    (code, node) in order: (None, None) where nothing is kept (format 2)."""
    if paged and kept is None and all(node is None for _, node in children):
        return None, None
    below = below_hash(children, paged=paged)
    return unit_node(code, kept, below), below


def tree_root(
    geography: Geography, contest: str, constituency: str | None, parts: Sequence[tuple[str, Node]]
) -> str:
    return _hashed(
        {
            "election": geography.election.id,
            "contest": contest,
            "constituency": constituency,
            "parts": [list(pair) for pair in parts],
        }
    )


def totals_tree(
    geography: Geography,
    contest: str,
    constituency: str | None,
    *,
    kept: Mapping[str, Running],
    sheets: Mapping[str, TallySheet],
    stations: Mapping[str, str] | None = None,
    paged: bool = True,
) -> tuple[str, dict[str, tuple[Node, str | None]]]:
    """The root of (contest, constituency)'s tree and, for every unit and station in it, its
    node and (a unit) the hash of the nodes below it, from the kept totals of its units (`kept`,
    by code) and its stations' sheets (`sheets`); or, given `stations`, each station's node
    from there (the sheets held apart, as by the digest: a node is ~50 µs to make); `paged`:
    `below_hash`'s."""
    nodes: dict[str, tuple[Node, str | None]] = {}
    # bottom up, without recursion: a definition's depth is small, its breadth is not
    for code in reversed(scope_codes(geography, contest, constituency)):
        if geography.kind(code) is UnitKind.STATION:
            given = None if stations is None else stations.get(code)
            nodes[code] = (given or station_node(code, sheets.get(code), paged=paged), None)
        else:
            children = [(child, nodes[child][0]) for child in geography.children(code)]
            nodes[code] = unit_of(code, kept.get(code), children, paged=paged)
    parts = scope_units(geography, contest, constituency)
    return tree_root(geography, contest, constituency, [(p, nodes[p][0]) for p in parts]), nodes


def scope_codes(geography: Geography, contest: str, constituency: str | None) -> list[str]:
    """Every unit and station of (contest, constituency)'s tree, each before those below it."""
    found: list[str] = []
    for part in scope_units(geography, contest, constituency):
        waiting = [part]
        while waiting:
            code = waiting.pop()
            found.append(code)
            waiting.extend(geography.children(code))
    return found

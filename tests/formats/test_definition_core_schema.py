"""The definition's validator into core values against the models it is made from, and the
canonical path that uses it against the one before it: on documents drawn and damaged anywhere,
what it accepts the models accept, as the same election, whose canonical form is the document;
the canonical path accepts and refuses the same bytes as before (what it refuses, the strict
reader reads and names the problems of, as before)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import orjson
import pytest
from hypothesis import example as also_try
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sandogh.core.definition.model import Election, Name
from sandogh.formats import definition_file
from sandogh.formats.definition_core_schema import election_of
from sandogh.formats.definition_file import DefinitionFileError, canonical_bytes, parse_definition
from sandogh.formats.definition_schema import FORMAT, MOST_CHARACTERS, MOST_WHOLE, Definition

from .build import elections, example


def by_the_models(document: object) -> Election | None:
    try:
        return Definition.model_validate(document).to_core()
    except ValidationError:
        return None


def straight_to_core(document: object) -> Election | None:
    try:
        return election_of(document)
    except ValidationError:
        return None


def canonical_before(data: bytes) -> Election | None:
    """The canonical path of session 26: the models, then the election written again."""
    try:
        election = Definition.model_validate(orjson.loads(data)).to_core()
    except ValueError:
        return None
    return election if canonical_bytes(election) == data else None


def _kerman() -> Election:
    election = by_the_models(example())
    assert election is not None
    return election


#: what a damaged place may hold: any JSON, and what each bound of the schema refuses
plants = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
) | st.sampled_from(
    [
        "x" * (MOST_CHARACTERS + 1),
        "a\x00b",
        "\u202e",
        "\u2066x",
        MOST_WHOLE + 1,
        -1,
        "1/0",
        "30.2.1",
        "2024-02-30",
        "nation",
        "majority",
        "proportional",
        {"fa": "x", "en": "y"},
        {"fa": "x", "en": "y", "de": "z"},
    ]
)

#: how a place is damaged: replaced by a plant, or its key taken away
damages = st.tuples(st.lists(st.integers(0, 40), max_size=7), plants, st.booleans())


def damaged(data: Any, path: list[int], value: Any, remove: bool) -> Any:
    """`data` with the node reached by `path` (indices modulo each node's size) replaced by
    `value`, or, `remove`, taken out of its mapping or list."""
    if not isinstance(data, dict | list) or not data:
        return value
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)] if path else keys[0]
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    if len(path) <= 1 and remove:
        del copy[key]
    elif len(path) <= 1:
        copy[key] = value
    else:
        copy[key] = damaged(data[key], path[1:], value, remove)
    return copy


@settings(max_examples=150, deadline=None)
@given(st.none() | elections, st.lists(damages, max_size=3), st.booleans())
@also_try(None, [([3, 1, 4], 0, True)], True)  # a unit's parent left to its default
def test_the_canonical_path_reads_what_it_read_before(
    election: Election | None, damage: list[tuple[list[int], Any, bool]], canonical: bool
) -> None:
    """None: the docs' example (a runoff with shares, a station with its place)."""
    document = json.loads(canonical_bytes(election or _kerman()))
    for path, value, remove in damage:
        document = damaged(document, path, value, remove)
    # most written as the canonical form writes (sorted, no white space), some not
    try:
        data = orjson.dumps(document, option=orjson.OPT_SORT_KEYS if canonical else 0)
    except TypeError:  # an integer beyond 64 bits
        data = json.dumps(document, sort_keys=canonical, separators=(",", ":")).encode()
    assert definition_file._canonical_election(data) == canonical_before(data)
    read = straight_to_core(document)
    if read is not None:  # what it reads the models read alike, its canonical form unchanged
        assert read == by_the_models(document)
        assert canonical_bytes(read) == orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    if election is not None:  # a canonical form is read whole when the models read it
        written = json.loads(canonical_bytes(election))
        assert straight_to_core(written) == by_the_models(written)


def _edited(path: str, value: Any) -> bytes:
    """The example's canonical form with the member at `path` (dotted; `-` takes it away) set."""
    document = json.loads(canonical_bytes(_kerman()))
    *to, last = path.split(".")
    place = document
    for step in to:
        place = place[int(step)] if isinstance(place, list) else place[step]
    if value == "-":
        del place[last]
    else:
        place[last] = value
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)


_MAJORITY = {"base": "cast", "kind": "majority", "runoff_candidates": 2, "share": "1/2"}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("units.1.parent", "-"),  # the default the canonical form writes out
        ("units.0.eligible_voters", "-"),
        ("units.3.station.hard_to_reach", "-"),
        ("units.3.station.location", "-"),
        ("units.3.station.location.lat", "30.28390"),
        ("units.3.station.location.lat", "+30.2839"),
        ("election.version", "-"),
        ("election.notes", "-"),
        ("election.date", " 2024-07-05"),
        ("contests.0.rule", _MAJORITY),  # as the canonical form writes it
        ("contests.0.rule", {**_MAJORITY, "share": "2/4"}),
        ("contests.0.rule", {**_MAJORITY, "share": "0.5"}),
        ("contests.0.rule", {**_MAJORITY, "share": "50%"}),
        ("contests.0.rule", {"kind": "majority", "runoff_candidates": 2, "share": "1/2"}),
        ("contests.0.rule", {"kind": "threshold", "base": "valid", "runoff_factor": 2}),
        ("contests.0.round", "-"),
        ("contests.0.party_lists", "-"),
        ("contests.0.main_election", None),  # a later field: left out unless set
        ("contests.0.candidates.0.photo", None),
        ("contests.0.candidates.0.photo", "sha256:" + "ab" * 32),
        ("contests.0.candidates.0.party_list", "-"),
        ("format", "-"),
    ],
)
def test_what_the_canonical_form_writes_otherwise_is_read_as_before(path: str, value: Any) -> None:
    data = _edited(path, value)
    assert definition_file._canonical_election(data) == canonical_before(data)
    assert _edited("format", FORMAT) == canonical_bytes(_kerman())


def test_the_core_values_hold_only_their_fields() -> None:
    """The canonical form writes a core value's attribute dict as it is: nothing else may be
    in it (`definition_file._json_default`)."""
    election = election_of(json.loads(canonical_bytes(_kerman())))
    (unit, *_), (contest, *_) = election.units, election.contests
    assert list(vars(unit)) == ["code", "kind", "name", "parent", "eligible_voters", "station"]
    assert list(vars(contest.candidates[0])) == [
        "code",
        "name",
        "constituency",
        "party_list",
        "photo",
    ]
    assert type(contest.constituencies) is tuple
    assert type(contest.constituencies[0].units) is tuple
    assert election is not None
    assert election == by_the_models(json.loads(canonical_bytes(election)))


#: a lone surrogate aside (no canonical bytes hold one), what session 26's F4 and F5 planted
_REFUSED = [
    ("a\x00b", 1),
    ("\u202e", 1),
    ("\u2066x", 1),
    ("x" * (MOST_CHARACTERS + 1), 1),
    ("x", -1),
    ("x", MOST_WHOLE + 1),
]


@pytest.mark.parametrize(("name", "voters"), _REFUSED)
def test_canonical_bytes_of_what_the_models_refuse_are_refused_alike(
    name: str, voters: int
) -> None:
    """The attacks of session 26 (F4, F5) written in the canonical form itself: the canonical
    path refuses them, and the strict reader names the same problems as for the same document
    written otherwise."""
    election = election_of(json.loads(canonical_bytes(_kerman())))
    unit = replace(election.units[-1], name=Name(name, "x"), eligible_voters=voters)
    canonical = canonical_bytes(replace(election, units=(*election.units[:-1], unit)))
    assert canonical.startswith(b'{"contests":')
    problems = []
    for data in (canonical, json.dumps(json.loads(canonical), indent=1).encode()):
        with pytest.raises(DefinitionFileError) as raised:
            parse_definition(data, source_name="x.json")
        problems.append([str(p) for p in raised.value.problems])
    assert problems[0] == problems[1]
    assert problems[0]

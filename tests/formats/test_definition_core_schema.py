"""The definition's validator into core values against the models it is made from: on documents
drawn and damaged anywhere, both accept the same ones, build the same election, and refuse the
others at the same paths (the models' errors are what the user is shown)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import example as also_try
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sandogh.core.definition.model import Election, Name
from sandogh.formats.definition_core_schema import election_of
from sandogh.formats.definition_file import DefinitionFileError, canonical_bytes, parse_definition
from sandogh.formats.definition_schema import MOST_CHARACTERS, MOST_WHOLE, Definition

from .build import elections, example

Verdict = Election | frozenset[tuple[int | str, ...]]


def by_the_models(document: object) -> Verdict:
    try:
        return Definition.model_validate(document).to_core()
    except ValidationError as error:
        return frozenset(tuple(e["loc"]) for e in error.errors())


def straight_to_core(document: object) -> Verdict:
    try:
        return election_of(document)
    except ValidationError as error:
        return frozenset(tuple(e["loc"]) for e in error.errors())


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


@settings(max_examples=100, deadline=None)
@given(elections, st.lists(damages, max_size=3))
@also_try(None, [([2, 0, 0, 5, 0], MOST_WHOLE + 1, False)])
def test_both_accept_the_same_documents_and_refuse_at_the_same_paths(
    election: Election | None, damage: list[tuple[list[int], Any, bool]]
) -> None:
    document = json.loads(canonical_bytes(election)) if election else example()
    for path, value, remove in damage:
        document = damaged(document, path, value, remove)
    assert straight_to_core(document) == by_the_models(document)


def test_the_core_values_hold_only_their_fields() -> None:
    """The canonical form writes a core value's attribute dict as it is: nothing else may be
    in it (`definition_file._json_default`)."""
    election = election_of(example())
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
    assert election == by_the_models(example())


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
    election = election_of(example())
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

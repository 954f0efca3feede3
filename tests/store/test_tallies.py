"""A sheet's votes written as the standard library writes them, and read back from their stored
JSON exactly as the standard library reads them when they are what sandogh stores (whole
numbers, none negative); else None, which the read refuses as a store changed outside sandogh
(the outsider's N2 of session 25)."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from sandogh.store.engine import encode_json
from sandogh.store.tallies import _votes, _votes_text

_stdlib = json.JSONDecoder()

votes = st.dictionaries(
    st.text(max_size=6), st.integers() | st.floats(allow_nan=False) | st.none(), max_size=6
)


@given(votes, st.sampled_from(["", " ", "[]", "x", "\n"]))
@example({"21": 2**64}, "")  # beyond 64 bits: orjson makes it a float
@example({"21": -(2**63) - 1}, "")
@example({"21": 10**40}, "")
def test_the_votes_are_read_as_the_standard_library_reads_them(
    stored: dict[str, object], after: str
) -> None:
    text = json.dumps(stored, ensure_ascii=False) + after
    expected = _stdlib.raw_decode(text)[0]
    read = _votes(text)
    if not all(type(n) is int and n >= 0 for n in expected.values()):
        assert read is None
        return
    assert read == expected
    assert [type(n) for n in read.values()] == [type(n) for n in expected.values()]


def test_a_lone_surrogate_and_a_repeated_code_are_read_as_before() -> None:
    for text in ('{"\\ud800": 1}', '{"a": 1, "a": 2}'):
        assert _votes(text) == _stdlib.raw_decode(text)[0]


def test_votes_sandogh_does_not_store_are_none() -> None:
    for text in ("[1, 2]", '{"21": "abc"}', '{"21": -5}', '{"21": true}', "not json", "", "5"):
        assert _votes(text) is None, text


@given(st.dictionaries(st.text(max_size=6), st.integers(min_value=0) | st.booleans(), max_size=6))
@example({"21": 2**64})  # beyond 64 bits: orjson refuses it
@example({"\ud800": 1})  # a lone surrogate: orjson refuses it
@example({'a\u2028\n\x7f"': 1})
def test_the_votes_are_written_as_the_standard_library_writes_them(votes: dict[str, int]) -> None:
    assert _votes_text(votes) == encode_json(votes)

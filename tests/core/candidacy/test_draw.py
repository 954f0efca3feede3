import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.candidacy.draw import (
    NoSuchContestError,
    PoolTooSmallError,
    draw_codes,
    with_candidates,
)
from sandogh.core.candidacy.process import fold
from sandogh.core.candidacy.records import kind_of, record_json, record_of
from sandogh.core.definition.model import Election, Name

from .steps import registration


def test_the_draw_is_reproducible_from_the_seed_and_codes_each_constituency() -> None:
    files = fold([registration(1), registration(2), registration(3, "bam"), registration(4)])
    listed = tuple(files.values())
    first = draw_codes("majlis", "seed-1402", ("a", "b"), listed, 2)
    assert draw_codes("majlis", "seed-1402", ("a", "b"), listed, 2) == first
    assert sorted(c.code for c in first.codes if c.constituency == "kerman") == ["01", "02", "03"]
    assert [c.code for c in first.codes if c.constituency == "bam"] == ["01"]
    other = draw_codes("majlis", "another seed", ("a", "b"), listed, 2)
    assert {c.applicant for c in other.codes} == {1, 2, 3, 4}
    assert record_of(kind_of(first), record_json(first)) == first
    election = Election("e", Name("ا", "e"), datetime.date(2024, 3, 1), (), ())
    with pytest.raises(NoSuchContestError):
        with_candidates(election, first, files)


@given(
    places=st.lists(st.sampled_from(["kerman", "bam", "jiroft"]), min_size=1, max_size=12),
    seed=st.text(max_size=8),
    data=st.data(),
)
def test_every_listed_applicant_gets_one_code_from_1_in_its_constituency_whatever_the_order(
    places: list[str], seed: str, data: st.DataObject
) -> None:
    files = fold([registration(n, place) for n, place in enumerate(places, start=1)])
    listed = tuple(data.draw(st.permutations(list(files.values()))))
    drawn = draw_codes("majlis", seed, ("a",), listed, 0)
    assert drawn == draw_codes("majlis", seed, ("a",), tuple(files.values()), 0)
    assert sorted(c.applicant for c in drawn.codes) == sorted(files)
    for place in set(places):
        codes = sorted(int(c.code) for c in drawn.codes if c.constituency == place)
        assert codes == list(range(1, places.count(place) + 1))


def test_a_pool_gives_its_codes_in_turn_and_too_small_a_pool_is_refused() -> None:
    files = fold([registration(1), registration(2), registration(3)])
    listed = tuple(files.values())
    plain = draw_codes("majlis", "seed", ("a",), listed, 0)
    pooled = draw_codes("majlis", "seed", ("a",), listed, 0, pool=("21", "25", "33", "44"))
    assert [c.applicant for c in pooled.codes] == [c.applicant for c in plain.codes]
    assert [c.code for c in pooled.codes] == ["21", "25", "33"]
    assert record_of(kind_of(pooled), record_json(pooled)) == pooled
    assert "pool" not in record_json(plain)  # a draw recorded before pools reads the same
    with pytest.raises(PoolTooSmallError, match="3 candidates"):
        draw_codes("majlis", "seed", ("a",), listed, 0, pool=("21", "25"))

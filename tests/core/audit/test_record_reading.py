"""The shapes of §7 read back: each the inverse of what `audit_record` writes, and every bad
value refused, named by its path."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.audit.audit_record import shows_json, totals_json
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.record_reading import paper_from_text, shows_from_json, totals_from_json
from sandogh.core.audit.sampling import PaperAddress

codes = st.text("0123456789AZ-", min_size=1, max_size=4)
readings = st.one_of(
    st.just(Reading.absent()),
    st.just(Reading.invalid()),
    st.frozensets(codes, min_size=1, max_size=3).map(lambda c: Reading.vote(*c)),
)


@given(st.dictionaries(codes, readings, min_size=1, max_size=4))
def test_reads_read_back_what_shows_json_writes(shows: dict[str, Reading]) -> None:
    assert shows_from_json(shows_json(shows)) == shows


@given(
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.dictionaries(codes, st.integers(0, 10**6), max_size=4),
)
def test_totals_read_back_what_totals_json_writes(
    cards: int, cast: int, valid: int, votes: dict[str, int]
) -> None:
    totals = Totals(cards, cast, valid, votes)
    assert totals_from_json(totals_json(totals)) == totals


@given(st.text(min_size=1).filter(lambda s: "\n" not in s), codes, st.integers(1, 10**9))
def test_an_address_reads_back_what_str_writes(station: str, container: str, at: int) -> None:
    paper = PaperAddress(station, container, at)
    assert paper_from_text(str(paper)) == paper


@pytest.mark.parametrize("text", ["ST-1/1/0", "ST-1/1/07", "ST-1/1/٥", "ST-1/1", "/1/2", "ST/1/x"])
def test_a_bad_address_is_refused_by_its_path(text: str) -> None:
    with pytest.raises(AuditInputError, match=r"papers\[3\]\.paper"):
        paper_from_text(text, "papers[3].paper")


def test_every_bad_read_is_named_by_its_path() -> None:
    with pytest.raises(AuditInputError) as bad:
        shows_from_json({"a": 7, "b": [], "c": "absent"}, "papers[2].shows")
    assert [p.path for p in bad.value.problems] == ["papers[2].shows.a", "papers[2].shows.b"]
    with pytest.raises(AuditInputError, match="shows: must be an object"):
        shows_from_json({})


@pytest.mark.parametrize(
    "value",
    [
        {"cards": 1, "cast": 1, "valid": 1},
        {"cards": 1, "cast": 1, "valid": True, "votes": {}},
        {"cards": 1, "cast": 1, "valid": 1, "votes": {"21": -1}},
        {"cards": 1, "cast": 1, "valid": 1, "votes": {"": 1}},
        [1, 1, 1],
    ],
)
def test_bad_totals_are_refused_by_their_path(value: object) -> None:
    with pytest.raises(AuditInputError, match=r"batches\[0\]\.hand"):
        totals_from_json(value, "batches[0].hand")  # type: ignore[arg-type]

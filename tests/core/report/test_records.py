import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.report import (
    BallotContest,
    CastVoteRecord,
    Choice,
    RecordError,
    cvr_digest,
    decode_record,
    encode_record,
)

from .build import ballots, records

JALILI = CastVoteRecord((Choice("president", ("21",)),))


def test_the_canonical_form_is_contest_to_sorted_codes() -> None:
    record = CastVoteRecord(
        (Choice("president", ("25",)), Choice("council", ()), Choice("parliament", ("33", "31")))
    )
    assert encode_record(record) == (b'{"council":[],"parliament":["31","33"],"president":["25"]}')


def test_order_of_typing_and_of_contests_is_not_kept() -> None:
    typed = CastVoteRecord((Choice("president", ("21",)), Choice("parliament", ("33", "31"))))
    other = CastVoteRecord((Choice("parliament", ("31", "33")), Choice("president", ("21",))))
    assert typed == other
    assert typed.choices[0] == Choice("parliament", ("31", "33"))


def test_a_blank_vote_has_no_codes() -> None:
    assert Choice("president").blank
    assert not Choice("president", ("21",)).blank


def test_a_code_chosen_twice_is_refused() -> None:
    with pytest.raises(RecordError) as caught:
        Choice("parliament", ("31", "31"))
    assert [p.path for p in caught.value.problems] == ["codes"]


def test_a_contest_named_twice_or_none_at_all_is_refused() -> None:
    with pytest.raises(RecordError) as caught:
        CastVoteRecord((Choice("president", ("21",)), Choice("president", ("25",))))
    assert [p.path for p in caught.value.problems] == ["choices[president]"]
    with pytest.raises(RecordError):
        CastVoteRecord(())


def test_empty_text_is_refused_with_every_path() -> None:
    with pytest.raises(RecordError) as caught:
        Choice("", ("21", ""))
    assert [p.path for p in caught.value.problems] == ["contest", "codes[1]"]


def test_the_digest_is_the_documented_formula() -> None:
    line = b"sandogh/cvr-digest@1\n"
    assert cvr_digest(()) == "sha256:" + hashlib.sha256(line + bytes(8)).hexdigest()
    one = hashlib.sha256(b'{"president":["21"]}').digest()
    two = hashlib.sha256(b'{"president":["25"]}').digest()
    expected = hashlib.sha256(line + (3).to_bytes(8, "big") + b"".join(sorted([one, one, two])))
    pezeshkian = CastVoteRecord((Choice("president", ("25",)),))
    assert cvr_digest([JALILI, pezeshkian, JALILI]) == "sha256:" + expected.hexdigest()


def test_the_digest_counts_repeated_records() -> None:
    assert cvr_digest([JALILI]) != cvr_digest([JALILI, JALILI])


@st.composite
def station_records(
    draw: st.DrawFn,
) -> tuple[tuple[BallotContest, ...], list[CastVoteRecord]]:
    ballot = draw(ballots())
    return ballot, draw(st.lists(records(ballot), min_size=1, max_size=30))


@settings(max_examples=100)
@given(given_records=station_records(), shuffle=st.randoms(use_true_random=False))
def test_the_digest_does_not_depend_on_the_order_of_records(
    given_records: tuple[tuple[BallotContest, ...], list[CastVoteRecord]], shuffle: random.Random
) -> None:
    _, cvrs = given_records
    shuffled = list(cvrs)
    shuffle.shuffle(shuffled)
    assert cvr_digest(shuffled) == cvr_digest(cvrs)


@settings(max_examples=100)
@given(given_records=station_records(), data=st.data())
def test_the_digest_changes_when_any_record_changes(
    given_records: tuple[tuple[BallotContest, ...], list[CastVoteRecord]], data: st.DataObject
) -> None:
    ballot, cvrs = given_records
    i = data.draw(st.integers(0, len(cvrs) - 1))
    changed = data.draw(records(ballot).filter(lambda r: r != cvrs[i]))
    assert cvr_digest([*cvrs[:i], changed, *cvrs[i + 1 :]]) != cvr_digest(cvrs)
    assert cvr_digest(cvrs[:i] + cvrs[i + 1 :]) != cvr_digest(cvrs)


@settings(max_examples=100)
@given(given_records=station_records())
def test_a_record_reads_back_from_its_canonical_form(
    given_records: tuple[tuple[BallotContest, ...], list[CastVoteRecord]],
) -> None:
    for record in given_records[1]:
        assert decode_record(encode_record(record)) == record


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (b'{"president":["21","21"]}', "choices[president].codes"),
        (b'{"president":"21"}', "choices[president]"),
        (b'{"president":[21]}', "choices[president].codes[0]"),
        (b'{"president":["25","21"]}', ""),  # not sorted: not canonical
        (b'{"president": ["21"]}', ""),
        (b'{"president":["21"],"president":["25"]}', ""),
        (b"[]", ""),
        (b"{}", "choices"),
        (b"\xff", ""),
    ],
)
def test_only_a_canonical_record_is_read(data: bytes, path: str) -> None:
    with pytest.raises(RecordError) as caught:
        decode_record(data)
    assert [p.path for p in caught.value.problems] == [path]

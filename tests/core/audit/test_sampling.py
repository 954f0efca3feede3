"""The sampler against its published known answers, and what every sample must hold."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.audit.manifest import Manifest, StationKind
from sandogh.core.audit.sampling import (
    Frame,
    FrameIndex,
    PaperAddress,
    SamplingError,
    integer_weights,
    paper_pull_list,
    rivest_draws,
    sample_batches,
    sample_papers,
    station_pull_list,
    weighted_draws,
)
from tests.core.audit.manifests import frame, manifest, manifests, seed_for, station

# cjerdonek/rivest-sampler-tests, tests.json (version 0.2.0-alpha), checked by its author against
# Rivest's reference sampler.py of November 14, 2011: (seed, total, expected draws 1..n)
RIVEST_SAMPLER_TESTS = [
    ("1", 1000, [97, 89, 163]),
    ("0", 2, [1, 1, 2]),
    ("0", 1000, [905, 573, 160]),
    ("0000000000", 1000, [978, 359, 132]),
    ("999999999999999999999999", 1000, [544, 800, 654]),
    ("3546311556112163624615351222", 876, [740, 180, 264, 789, 238]),
    ("abcde", 1000, [247, 427, 157]),
    ("abc123", 1000, [455, 764, 629]),
    ("snowman: \u2603", 1000, [634, 56, 46]),
    ("\U0001f600", 1000, [596, 415, 303, 11, 141]),
]
# The transcript in Rivest's sampler.py itself: seed 3546311556112163624615351222, a = 1,
# b = 876, without replacement, outputs 1..28 as printed there.
RIVEST_TRANSCRIPT = [
    740, 180, 264, 789, 238, 448, 272, 611, 761, 208, 596, 88, 160, 113,
    766, 427, 184, 816, 653, 411, 779, 331, 339, 487, 594, 235, 65, 527,
]  # fmt: skip


@pytest.mark.parametrize(("seed", "total", "expected"), RIVEST_SAMPLER_TESTS)
def test_the_published_rivest_sampler_tests_hold(
    seed: str, total: int, expected: list[int]
) -> None:
    assert list(rivest_draws(seed, total, 0, len(expected))) == expected


def test_rivests_transcript_is_drawn_again_with_and_without_replacement() -> None:
    # one container of 876 papers: the paper's position is Rivest's number
    m = manifest(station("S1", 876))
    seed_text = "3546311556112163624615351222"
    assert list(rivest_draws(seed_text, 876, 0, 28)) == RIVEST_TRANSCRIPT
    index = FrameIndex.of(m, frame())
    digits = seed_text
    s = seed_for(m, digits)
    # the frame's seed text is the seed, a comma and the frame's name
    assert index.frame.seed_text(s) == f"{digits},ballot:IR"
    drawn = sample_papers(s, index, 28, replacement=False)
    assert [d.index for d in drawn] == list(rivest_draws(f"{digits},ballot:IR", 876, 0, 28))


def test_a_paper_is_found_by_station_container_and_position() -> None:
    m = manifest(station("A", 3, 2), station("B", 4))
    index = FrameIndex.of(m, frame())
    found = [str(index.paper(k)) for k in range(1, 10)]
    assert found == [
        "A/1/1",
        "A/1/2",
        "A/1/3",
        "A/2/1",
        "A/2/2",
        "B/1/1",
        "B/1/2",
        "B/1/3",
        "B/1/4",
    ]
    with pytest.raises(SamplingError):
        index.paper(10)


def test_a_frame_takes_only_its_kind_and_constituency() -> None:
    m = manifest(
        station("A", 3),
        station("B", 4, kind=StationKind.PAPER),
        replace(station("C", 5), constituencies=(("president", "elsewhere"),)),
    )
    assert FrameIndex.of(m, frame(frozenset({StationKind.BOX}))).stations == ("A",)
    assert FrameIndex.of(m, frame(frozenset({StationKind.PAPER}))).stations == ("B",)
    assert FrameIndex.of(m, frame()).total == 7


def test_a_seed_rolled_for_another_manifest_is_refused() -> None:
    # the attack: the manifest is changed after the seed is known, to steer the sample
    m = manifest(station("A", 30))
    s = seed_for(m)
    changed = manifest(station("A", 29), station("Z", 1))
    with pytest.raises(SamplingError, match="rolled for the manifest"):
        sample_papers(s, FrameIndex.of(changed, frame()), 5, replacement=True)
    with pytest.raises(SamplingError):
        sample_batches(s, FrameIndex.of(changed, frame()), 5)


def test_sizes_beyond_the_frame_or_backwards_are_refused() -> None:
    m = manifest(station("A", 3))
    index = FrameIndex.of(m, frame())
    with pytest.raises(SamplingError):
        sample_papers(seed_for(m), index, 4, replacement=False)
    with pytest.raises(SamplingError):
        sample_papers(seed_for(m), index, 2, replacement=True, drawn=3)
    with pytest.raises(SamplingError):
        sample_papers(
            seed_for(m), FrameIndex.of(m, frame(name="x", kinds=frozenset())), 1, replacement=True
        )
    # a comma in a frame's name could make one frame's seed text another's
    for name in ("a frame", "ballot,1", ""):
        with pytest.raises(SamplingError):
            Frame(name, "president", frozenset(), frozenset())


@settings(max_examples=25, deadline=None)
@given(manifests(), st.integers(0, 30), st.integers(0, 30), st.booleans())
def test_a_round_extends_the_sample_before_it(
    m: Manifest, a: int, b: int, replacement: bool
) -> None:
    first, total = sorted((a, b))
    index = FrameIndex.of(m, frame())
    if not replacement:
        first, total = min(first, index.total), min(total, index.total)
    s = seed_for(m)
    whole = sample_papers(s, index, total, replacement=replacement)
    rounds = sample_papers(s, index, first, replacement=replacement) + sample_papers(
        s, index, total, replacement=replacement, drawn=first
    )
    assert rounds == whole
    assert sample_batches(s, index, first) + sample_batches(s, index, total, drawn=first) == (
        sample_batches(s, index, total)
    )
    if not replacement:
        assert len({d.paper for d in whole}) == len(whole) == total


@settings(max_examples=25, deadline=None)
@given(manifests())
def test_every_paper_is_reachable_once(m: Manifest) -> None:
    index = FrameIndex.of(m, frame())
    expected = [
        PaperAddress(s.code, c.label, p)
        for s in m.stations
        for c in s.containers
        for p in range(1, c.papers + 1)
    ]
    assert [index.paper(k) for k in range(1, index.total + 1)] == expected
    assert list(index.papers()) == expected
    # drawn without replacement to the frame's size, the sample is every paper
    drawn = sample_papers(seed_for(m), index, index.total, replacement=False)
    assert sorted(d.index for d in drawn) == list(range(1, index.total + 1))


@settings(max_examples=25, deadline=None)
@given(manifests())
def test_each_station_holds_exactly_its_papers_numbers(m: Manifest) -> None:
    # PPS exactly: of the N numbers a draw can take, station s is taken by papers(s) of them
    index = FrameIndex.of(m, frame())
    taken = Counter(index.paper(k).station for k in range(1, index.total + 1))
    assert taken == {s.code: s.papers for s in m.stations}


def test_batch_draws_follow_the_stations_sizes() -> None:
    # a bounded run: 4,000 draws over stations of 100, 200, 300 and 400 papers
    m = manifest(station("A", 100), station("B", 150, 50), station("C", 300), station("D", 400))
    index = FrameIndex.of(m, frame())
    counts = Counter(d.station for d in sample_batches(seed_for(m), index, 4000))
    for code, share in {"A": 1, "B": 2, "C": 3, "D": 4}.items():
        assert abs(counts[code] - 400 * share) < 4 * (4000 * share / 10 * (1 - share / 10)) ** 0.5


def test_fractional_weights_are_drawn_over_their_common_denominator() -> None:
    assert integer_weights([Fraction(1, 2), Fraction(1, 3), Fraction(0)]) == (3, 2, 0)
    drawn = weighted_draws("01234567890123456789,x", (3, 2, 0), 0, 200)
    assert {item for _, item in drawn} == {0, 1}
    assert all((k <= 3) == (item == 0) for k, item in drawn)
    with pytest.raises(SamplingError):
        integer_weights([Fraction(-1)])


def test_the_pull_list_is_sorted_for_the_boards_and_pulls_each_paper_once() -> None:
    m = manifest(station("A", 5, county="C2"), station("B", 5, 5), station("C", 5))
    index = FrameIndex.of(m, frame())
    s = seed_for(m)
    first = sample_papers(s, index, 8, replacement=True)
    second = sample_papers(s, index, 20, replacement=True, drawn=8)
    pulls = paper_pull_list(m, second, first)
    papers = [p.paper for p in pulls]
    earlier = {d.paper for d in first}
    assert len(set(papers)) == len(papers)
    assert set(papers) == {d.paper for d in second} - earlier
    assert sum(len(p.draws) for p in pulls) == len([d for d in second if d.paper not in earlier])
    order = [(p.county, p.paper.station, p.paper.container, p.paper.position) for p in pulls]
    assert order == sorted(order)
    assert [p.county for p in pulls][:1] == ["C1"]


def test_the_batch_pull_list_names_each_station_once() -> None:
    m = manifest(station("A", 5, 5, county="C2"), station("B", 1), station("C", 90))
    index = FrameIndex.of(m, frame())
    s = seed_for(m)
    first = sample_batches(s, index, 3)
    later = sample_batches(s, index, 12, drawn=3)
    pulls = station_pull_list(m, later, first)
    assert [p.station for p in pulls] == sorted(
        {d.station for d in later} - {d.station for d in first},
        key=lambda code: ("C2" if code == "A" else "C1", code),
    )
    assert all(p.containers == ("1", "2") for p in pulls if p.station == "A")

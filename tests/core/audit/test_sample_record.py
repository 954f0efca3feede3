"""A published sample: drawn round by round, written in full, and held to its re-run."""

from __future__ import annotations

import copy

import pytest

from sandogh.core.audit.manifest import StationKind
from sandogh.core.audit.sample_record import (
    Method,
    differences,
    draw_rounds,
    sample_json,
)
from sandogh.core.audit.sampling import FrameIndex, SamplingError, sample_papers
from tests.core.audit.manifests import frame, manifest, seed_for, station

M = manifest(station("A", 40, 35), station("B", 60, kind=StationKind.PAPER), station("C", 25))
SEED = seed_for(M)


def test_rounds_are_drawn_in_turn_and_each_extends_the_last() -> None:
    index = FrameIndex.of(M, frame())
    record = draw_rounds(SEED, index, Method.WITH_REPLACEMENT, (5, 12))
    assert record.draws == sample_papers(SEED, index, 12, replacement=True)
    assert draw_rounds(SEED, index, Method.WITH_REPLACEMENT, (5,)).draws == record.draws[:5]
    document = sample_json(record)
    assert document["rounds"] == [5, 12]
    assert document["papers"] == 160
    assert document["seed"] == SEED.digits
    assert document["frame"] == {
        "constituencies": ["IR"],
        "contest": "president",
        "kinds": ["box", "paper"],
        "name": "ballot:IR",
    }
    with pytest.raises(SamplingError):
        draw_rounds(SEED, index, Method.WITH_REPLACEMENT, (5, 5))


@pytest.mark.parametrize("method", list(Method))
def test_a_sample_agrees_with_its_rerun(method: Method) -> None:
    index = FrameIndex.of(M, frame())
    record = draw_rounds(SEED, index, method, (4, 9))
    assert differences(sample_json(record), draw_rounds(SEED, index, method, (4, 9))) == ()


def test_a_paper_swapped_in_the_published_sample_is_found() -> None:
    # the attack: the audit publishes a friendlier paper in place of one the seed drew
    index = FrameIndex.of(M, frame())
    record = draw_rounds(SEED, index, Method.WITHOUT_REPLACEMENT, (6,))
    published = copy.deepcopy(sample_json(record))
    draws = published["draws"]
    assert isinstance(draws, list)
    swapped = dict(draws[3])  # type: ignore[arg-type]
    swapped["position"] = 1 if swapped["position"] != 1 else 2
    draws[3] = swapped
    published["seed"] = "1" * 20
    published["extra"] = 0
    problems = differences(published, record)
    assert [p.path for p in problems] == ["draws[3]", "seed", "extra"]


def test_a_round_left_out_of_the_published_sample_is_found() -> None:
    index = FrameIndex.of(M, frame())
    record = draw_rounds(SEED, index, Method.BY_SIZE, (3, 7))
    published = sample_json(record)
    published["draws"] = published["draws"][:3]  # type: ignore[index]
    assert [p.path for p in differences(published, record)] == ["draws"]

"""The published sample of one frame, round by round, and its re-run (docs/audit.md §3.4).

The record carries the frame, the method, the seed's digits, the manifest hash, the frame's
number of papers, each round's total and every draw. Anyone holding the seed record and the
manifest draws the same frame, method and rounds again with Rivest's sampler (`sampling`) and
compares the two, field by field and draw by draw (`differences`): the draws are never taken
from the audit's own word.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.audit.manifest import Seed
from sandogh.core.audit.sampling import (
    BatchDraw,
    FrameIndex,
    PaperDraw,
    SamplingError,
    sample_batches,
    sample_papers,
)
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.problems import Problem

SAMPLE_FORMAT = "sandogh/audit-sample@1"


class Method(StrEnum):
    WITH_REPLACEMENT = "papers-with-replacement"  # Kaplan–Markov, ALPHA by ballot
    WITHOUT_REPLACEMENT = "papers-without-replacement"
    BY_SIZE = "stations-by-size"  # batch comparison: PPS with replacement


@dataclass(frozen=True)
class SampleRecord:
    """A frame's sample: `rounds` are the sample's totals after each round, increasing."""

    index: FrameIndex
    method: Method
    seed: Seed
    rounds: tuple[int, ...]
    draws: tuple[PaperDraw | BatchDraw, ...]


def draw_rounds(
    seed: Seed, index: FrameIndex, method: Method, rounds: tuple[int, ...]
) -> SampleRecord:
    """The sample after `rounds` (each round's total), drawn round by round."""
    if any(b <= a for a, b in zip((0, *rounds), rounds, strict=False)):
        raise SamplingError(f"round totals must increase from 1: {list(rounds)}")
    drawn: list[PaperDraw | BatchDraw] = []
    start = 0
    for size in rounds:
        if method is Method.BY_SIZE:
            drawn.extend(sample_batches(seed, index, size, drawn=start))
        else:
            replacement = method is Method.WITH_REPLACEMENT
            drawn.extend(sample_papers(seed, index, size, replacement=replacement, drawn=start))
        start = size
    return SampleRecord(index, method, seed, rounds, tuple(drawn))


def sample_json(record: SampleRecord) -> dict[str, JSONValue]:
    frame = record.index.frame
    draws: list[JSONValue] = [_draw_json(draw) for draw in record.draws]
    constituencies: list[JSONValue] = [*sorted(frame.constituencies)]
    kinds: list[JSONValue] = [*sorted(kind.value for kind in frame.kinds)]
    rounds: list[JSONValue] = [*record.rounds]
    return {
        "draws": draws,
        "format": SAMPLE_FORMAT,
        "frame": {
            "constituencies": constituencies,
            "contest": frame.contest,
            "kinds": kinds,
            "name": frame.name,
        },
        "manifest_hash": record.index.manifest_hash,
        "method": record.method.value,
        "papers": record.index.total,
        "rounds": rounds,
        "seed": record.seed.digits,
    }


def _draw_json(draw: PaperDraw | BatchDraw) -> JSONValue:
    if isinstance(draw, BatchDraw):
        return {"index": draw.index, "number": draw.number, "station": draw.station}
    paper = draw.paper
    return {
        "container": paper.container,
        "index": draw.index,
        "number": draw.number,
        "position": paper.position,
        "station": paper.station,
    }


def differences(published: Mapping[str, JSONValue], rerun: SampleRecord) -> tuple[Problem, ...]:
    """Every way a published sample differs from the same frame, method and rounds drawn again
    from the seed record and the manifest, each with its path; empty when they agree."""
    return tuple(_differences(published, sample_json(rerun)))


def _differences(
    published: Mapping[str, JSONValue], expected: Mapping[str, JSONValue]
) -> Iterator[Problem]:
    for key, value in expected.items():
        given = published.get(key)
        if key == "draws" and isinstance(given, list) and isinstance(value, list):
            for i, (one, other) in enumerate(zip(given, value, strict=False)):
                if one != other:
                    yield Problem(f"draws[{i}]", f"is {one}; the seed and manifest give {other}")
            if len(given) != len(value):
                yield Problem("draws", f"{len(given)} draws; the rounds ask for {len(value)}")
        elif given != value:
            yield Problem(key, f"is {given}; the seed and manifest give {value}")
    for key in published.keys() - expected.keys():
        yield Problem(key, "is not a field of a sample")

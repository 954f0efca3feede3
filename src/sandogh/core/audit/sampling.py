"""The sample of a risk-limiting audit, drawn from the seed and the manifest (docs/audit.md §3.3).

The draws are R. L. Rivest's SHA-256 counter-mode sampler (`sampler.py`, "November 14, 2011",
the sampler Colorado's RLA tool ports): the i-th draw from 1..N is
1 + SHA-256(UTF-8(S + "," + i)) mod N, for the seed text S. Its published known answers are
`cjerdonek/rivest-sampler-tests` (tests.json) and the transcript in the reference itself.

A frame is the papers of the stations of some kinds that vote in some constituencies of one
contest, numbered 1..N in manifest order (station by code, container in order, position); its
seed text is the seed, a comma and the frame's name, as Rivest's `audit_orders.py` gives each
paper collection its own stream. A draw takes the paper with its number, or for batch sampling
the station that holds it: each station with probability papers / N (PPS, as SHANGRLA and MACRO
sample batches). Round r asks for the sample's total size, so every round's sample is a prefix
of the next's.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate
from math import lcm

from sandogh.core.audit.manifest import Manifest, Seed, StationKind
from sandogh.core.errors import SandoghError

_FRAME_NAME = re.compile(r"[A-Za-z0-9._:-]+")


class SamplingError(SandoghError):
    """A sample that cannot be drawn: an empty frame, a size beyond it, a bad frame name."""


def rivest_draw(seed_text: str, total: int, i: int) -> int:
    """Rivest's i-th draw (i ≥ 1) from the whole numbers 1..`total`."""
    digest = hashlib.sha256(f"{seed_text},{i}".encode()).digest()
    return 1 + int.from_bytes(digest, "big") % total


def rivest_draws(seed_text: str, total: int, start: int, stop: int) -> tuple[int, ...]:
    """Draws start+1 .. stop (a round's draws when `start` were drawn before)."""
    if total < 1:
        raise SamplingError("there is nothing to draw from")
    return tuple(rivest_draw(seed_text, total, i) for i in range(start + 1, stop + 1))


def integer_weights(weights: Sequence[Fraction]) -> tuple[int, ...]:
    """Fractional weights (PPEB's error bounds) over their least common denominator: drawing by
    these whole numbers takes each item with exactly its share of the weights."""
    if any(weight < 0 for weight in weights):
        raise SamplingError("a weight is negative")
    common = lcm(*(weight.denominator for weight in weights))
    return tuple(int(weight * common) for weight in weights)


def item_of(ends: Sequence[int], index: int) -> int:
    """The item (from 0) whose running total of weights `ends` first reaches `index` (from 1)."""
    return bisect_left(ends, index)


def weighted_draws(
    seed_text: str, weights: Sequence[int], start: int, stop: int
) -> tuple[tuple[int, int], ...]:
    """Draws start+1 .. stop by whole-number weights, with replacement, each as (the draw's
    index in 1..sum of weights, the item it takes, from 0): item j with probability
    weights[j] / sum."""
    ends = tuple(accumulate(weights))
    total = ends[-1] if ends else 0
    return tuple((k, item_of(ends, k)) for k in rivest_draws(seed_text, total, start, stop))


@dataclass(frozen=True)
class Frame:
    """What a sample is drawn from: `kinds` of stations voting in `constituencies` of `contest`."""

    name: str
    contest: str
    constituencies: frozenset[str]
    kinds: frozenset[StationKind]

    def __post_init__(self) -> None:
        if not _FRAME_NAME.fullmatch(self.name):
            raise SamplingError(
                f"frame name {self.name!r}: letters, digits and . _ : - only, at least one"
            )

    def seed_text(self, seed: Seed) -> str:
        return f"{seed.digits},{self.name}"


@dataclass(frozen=True)
class PaperAddress:
    """Where a board finds a paper: station, container (its label) and position from the top."""

    station: str
    container: str
    position: int

    def __str__(self) -> str:
        return f"{self.station}/{self.container}/{self.position}"


@dataclass(frozen=True)
class PaperDraw:
    number: int  # i, the draw's number in the frame's stream, from 1
    index: int  # the paper's number in the frame, 1..N
    paper: PaperAddress


@dataclass(frozen=True)
class BatchDraw:
    number: int
    index: int
    station: str


@dataclass(frozen=True, eq=False)
class FrameIndex:
    """A frame laid over a manifest: its containers in order and their running totals."""

    frame: Frame
    manifest_hash: str
    stations: tuple[str, ...]  # station codes of the frame, by code
    containers: tuple[tuple[int, str], ...]  # (station's place in `stations`, label), in order
    ends: tuple[int, ...]  # papers up to and including each container
    station_papers: tuple[int, ...]  # each station's papers, the weights of batch sampling

    @classmethod
    def of(cls, manifest: Manifest, frame: Frame) -> FrameIndex:
        chosen = [
            station
            for station in manifest.stations
            if station.kind in frame.kinds
            and station.constituency(frame.contest) in frame.constituencies
        ]
        containers = [(s, c.label) for s, station in enumerate(chosen) for c in station.containers]
        counts = [c.papers for station in chosen for c in station.containers]
        return cls(
            frame=frame,
            manifest_hash=manifest.hash,
            stations=tuple(station.code for station in chosen),
            containers=tuple(containers),
            ends=tuple(accumulate(counts)),
            station_papers=tuple(station.papers for station in chosen),
        )

    @property
    def total(self) -> int:
        return self.ends[-1] if self.ends else 0

    def paper(self, index: int) -> PaperAddress:
        """The paper numbered `index` (1..N) in the frame."""
        if not 1 <= index <= self.total:
            raise SamplingError(f"paper {index} is not in a frame of {self.total}")
        k = item_of(self.ends, index)
        before = self.ends[k - 1] if k else 0
        station, label = self.containers[k]
        return PaperAddress(self.stations[station], label, index - before)

    def papers(self) -> Iterator[PaperAddress]:
        """Every paper of the frame, in its numbering (a full hand count's list)."""
        start = 0
        for (station, label), end in zip(self.containers, self.ends, strict=True):
            for position in range(1, end - start + 1):
                yield PaperAddress(self.stations[station], label, position)
            start = end


def sample_papers(
    seed: Seed, index: FrameIndex, size: int, *, replacement: bool, drawn: int = 0
) -> tuple[PaperDraw, ...]:
    """The sample's papers `drawn`+1 .. `size`: a round that brings the sample to `size`.

    With replacement these are draws `drawn`+1 .. `size`; without, every repeat is skipped, so
    they are the next distinct papers and `size` is at most N.
    """
    total = index.total
    text = index.frame.seed_text(seed)
    if not 0 <= drawn <= size:
        raise SamplingError(f"a round cannot go from {drawn} to {size} papers")
    if total < 1:
        raise SamplingError(f"the frame {index.frame.name} holds no paper")
    _check_seed(seed, index)
    if replacement:
        numbers = range(drawn + 1, size + 1)
        return tuple(_paper_draw(index, i, rivest_draw(text, total, i)) for i in numbers)
    if size > total:
        raise SamplingError(f"{size} distinct papers asked of a frame of {total}")
    seen: set[int] = set()
    found: list[PaperDraw] = []
    i = 0
    while len(seen) < size:
        i += 1
        k = rivest_draw(text, total, i)
        if k not in seen:
            seen.add(k)
            if len(seen) > drawn:
                found.append(_paper_draw(index, i, k))
    return tuple(found)


def _check_seed(seed: Seed, index: FrameIndex) -> None:
    if seed.manifest_hash != index.manifest_hash:
        raise SamplingError(
            f"the seed was rolled for the manifest {seed.manifest_hash},"
            f" not for this one ({index.manifest_hash})"
        )


def _paper_draw(index: FrameIndex, number: int, k: int) -> PaperDraw:
    return PaperDraw(number, k, index.paper(k))


def sample_batches(
    seed: Seed, index: FrameIndex, size: int, *, drawn: int = 0
) -> tuple[BatchDraw, ...]:
    """Draws `drawn`+1 .. `size` of stations by size, with replacement: each draw takes the
    station holding the paper drawn, so station s with probability papers(s) / N."""
    if not 0 <= drawn <= size:
        raise SamplingError(f"a round cannot go from {drawn} to {size} batches")
    if index.total < 1:
        raise SamplingError(f"the frame {index.frame.name} holds no paper")
    _check_seed(seed, index)
    draws = weighted_draws(index.frame.seed_text(seed), index.station_papers, drawn, size)
    return tuple(BatchDraw(i, k, index.stations[s]) for i, (k, s) in enumerate(draws, drawn + 1))


@dataclass(frozen=True)
class PaperPull:
    """One paper on a board's pull list, with the draws that took it this round."""

    county: str
    paper: PaperAddress
    draws: tuple[int, ...]


@dataclass(frozen=True)
class StationPull:
    """One station on a batch round's pull list: recount all its containers."""

    county: str
    station: str
    containers: tuple[str, ...]
    draws: tuple[int, ...]


def paper_pull_list(
    manifest: Manifest, round_draws: Iterable[PaperDraw], earlier: Iterable[PaperDraw] = ()
) -> tuple[PaperPull, ...]:
    """The papers newly drawn this round, each once, sorted for the boards: by county, station,
    container in the station's order, position; a paper read in an earlier round is not pulled
    again (its reading counts for every draw of it)."""
    done = {draw.paper for draw in earlier}
    numbers: dict[PaperAddress, list[int]] = {}
    for draw in round_draws:
        if draw.paper not in done:
            numbers.setdefault(draw.paper, []).append(draw.number)
    stations = {station.code: station for station in manifest.stations}

    def place(paper: PaperAddress) -> tuple[str, str, int, int]:
        station = stations[paper.station]
        labels = [container.label for container in station.containers]
        return station.county, station.code, labels.index(paper.container), paper.position

    return tuple(
        PaperPull(stations[paper.station].county, paper, tuple(numbers[paper]))
        for paper in sorted(numbers, key=place)
    )


def station_pull_list(
    manifest: Manifest, round_draws: Iterable[BatchDraw], earlier: Iterable[BatchDraw] = ()
) -> tuple[StationPull, ...]:
    """The stations newly drawn this round, each once, by county then code, with their
    containers to recount."""
    done = {draw.station for draw in earlier}
    numbers: dict[str, list[int]] = {}
    for draw in round_draws:
        if draw.station not in done:
            numbers.setdefault(draw.station, []).append(draw.number)
    stations = {station.code: station for station in manifest.stations}
    chosen = sorted((stations[code] for code in numbers), key=lambda s: (s.county, s.code))
    return tuple(
        StationPull(
            s.county,
            s.code,
            tuple(container.label for container in s.containers),
            tuple(numbers[s.code]),
        )
        for s in chosen
    )

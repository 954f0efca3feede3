"""Whole audits for the tests: the Kerman round-2 example, small constructed elections, simulated
cast-vote records and boards, and a driver that runs rounds until the audit ends."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from sandogh.core.audit.cast_records import CastRecord, RecordsCommitment
from sandogh.core.audit.manifest import Manifest, Roll, Seed, build_manifest
from sandogh.core.audit.plan import AuditPlan, Reported, plan_audit
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.replay import RoundResult, first_sizes, replay
from sandogh.core.audit.rounds import BatchReading, PaperReading, RoundInput, compare
from sandogh.core.audit.sample_record import draw_rounds
from sandogh.core.audit.sampling import FrameIndex, PaperAddress, PaperDraw
from sandogh.core.counting.aggregate import sum_counts
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.rules.decide import decide
from sandogh.core.rules.lots import Lot
from sandogh.formats.definition_file import load_definition
from sandogh.formats.tally_csv import load_tally_csv

EXAMPLE = Path(__file__).resolve().parents[3] / "examples/kerman-1403"
FIVE_PERCENT = Fraction(5, 100)
BAG = 400  # papers per sealed bag in the simulated manifests
DICE = (Roll("ستاد انتخابات", "3071945268"), Roll("ناظر", "5812093746"), Roll("نماینده 25", "4409"))


@dataclass(frozen=True)
class Example:
    election: Election
    definition_hash: str
    sheets: Mapping[str, Mapping[str, Counts]]  # contest → station → counts


@functools.cache
def kerman() -> Example:
    loaded = load_definition(EXAMPLE / "round2.yaml")
    sheets: dict[str, dict[str, Counts]] = {}
    for sheet in load_tally_csv(EXAMPLE / "round2-results.csv"):
        sheets.setdefault(sheet.contest, {})[sheet.station] = sheet.counts
    return Example(loaded.election, loaded.definition_hash, sheets)


def bags(papers: int) -> list[int]:
    return [BAG] * (papers // BAG) + ([papers % BAG] if papers % BAG else [])


def manifest_of(example: Example, contest: str = "president") -> Manifest:
    """Box stations hold one printed copy per cast-vote record (here: per ballot cast)."""
    papers = {code: bags(c.cast) for code, c in example.sheets[contest].items()}
    return build_manifest(Geography.of(example.election), example.definition_hash, papers)


def reported_of(
    example: Example, contest_id: str, constituency: str, lot: Lot | None = None
) -> Reported:
    contest = next(c for c in example.election.contests if c.id == contest_id)
    place = next(k for k in contest.constituencies if k.id == constituency)
    geography = Geography.of(example.election)
    sheets = {
        code: counts
        for code, counts in example.sheets[contest_id].items()
        if geography.constituency_of(contest_id, code) == constituency
    }
    standing = [c for c in contest.candidates if c.constituency == constituency]
    outcome = decide(contest.rule, place, standing, sum_counts(sheets.values()), lot=lot)
    return Reported(contest, place, outcome, sheets)


def seed_of(manifest: Manifest) -> Seed:
    return Seed(manifest.hash, DICE)


class Records(Mapping[str, Mapping[str, Reading]]):
    """Each station's cast-vote records, code "STATION#k" for its k-th (k from 1): the votes of
    its sheet in candidate order, then its invalid ballots; in the bags in that order."""

    def __init__(self, sheets: Mapping[str, Mapping[str, Counts]]) -> None:
        self.sheets = sheets

    def __getitem__(self, code: str) -> Mapping[str, Reading]:
        station, _, k = code.partition("#")
        found = {}
        for contest, by_station in self.sheets.items():
            counts = by_station.get(station)
            if counts is not None:
                found[contest] = _kth(counts, int(k))
        if not found:
            raise KeyError(code)
        return found

    def __iter__(self) -> Iterator[str]:
        raise NotImplementedError  # the audit only looks codes up

    def __len__(self) -> int:
        raise NotImplementedError

    def cast(self) -> dict[str, CastRecord]:
        """Every record, as the boxes hand them in: one per ballot cast at each station.
        Each station's are made in one pass, a run of one reading per candidate's votes (the
        Kerman runoff's 1.3 M one at a time, as `self[code]`, took half a minute)."""
        found = {}
        for by_station in self.sheets.values():
            for station, counts in by_station.items():
                n = counts.cast
                runs = {
                    contest: (_in_order(sheets[station]) + [_ABSENT] * n)[:n]
                    for contest, sheets in self.sheets.items()
                    if station in sheets
                }
                for k, reads in enumerate(zip(*runs.values(), strict=True), start=1):
                    found[f"{station}#{k}"] = CastRecord(
                        station, dict(zip(runs, reads, strict=True))
                    )
        return found


class Cast(Mapping[str, CastRecord]):
    """`records` as committed: each code's record of the station the code names."""

    def __init__(self, records: Mapping[str, Mapping[str, Reading]]) -> None:
        self.records = records

    def __getitem__(self, code: str) -> CastRecord:
        return CastRecord(code.partition("#")[0], self.records[code])

    def __iter__(self) -> Iterator[str]:
        raise NotImplementedError  # the audit only looks codes up

    def __len__(self) -> int:
        raise NotImplementedError


def committed(manifest: Manifest) -> RecordsCommitment:
    """Every station's records committed before the seed and agreeing with its sheet."""
    stations = frozenset(s.code for s in manifest.stations)
    return RecordsCommitment("sha256:" + "0" * 64, manifest.papers, stations)


_ABSENT = Reading.absent()


def _in_order(counts: Counts) -> list[Reading]:
    """`_kth(counts, k)` for k from 1 while it is cast: each reading made once."""
    run: list[Reading] = []
    for code, votes in sorted(counts.votes.items()):
        run += [Reading.vote(code)] * votes
    return run + [Reading.invalid()] * (counts.cast - counts.valid)


def _kth(counts: Counts, k: int) -> Reading:
    for code, votes in sorted(counts.votes.items()):
        if k <= votes:
            return Reading.vote(code)
        k -= votes
    return Reading.invalid() if k <= counts.cast - counts.valid else Reading.absent()


def code_at(paper: PaperAddress) -> str:
    return f"{paper.station}#{(int(paper.container) - 1) * BAG + paper.position}"


def faithful(
    records: Mapping[str, Mapping[str, Reading]],
) -> Callable[[PaperAddress], PaperReading]:
    """A board reading papers that agree with their records."""

    def read(paper: PaperAddress) -> PaperReading:
        code = code_at(paper)
        return PaperReading(paper, records[code], code)

    return read


def run(
    plan: AuditPlan,
    manifest: Manifest,
    seed: Seed,
    read: Callable[[PaperAddress], PaperReading],
    records: Mapping[str, Mapping[str, Reading]],
    *,
    count: Callable[[str, str], BatchReading] | None = None,
    most: int = 8,
) -> tuple[list[RoundInput], tuple[RoundResult, ...]]:
    """Rounds as the services would run them: each asks the estimate's sizes, the boards read
    the papers newly drawn blind, then the records are joined; until the audit ends."""
    inputs: list[RoundInput] = []
    results: tuple[RoundResult, ...] = ()
    totals: dict[str, list[int]] = {}
    read_already: set[PaperAddress] = set()
    counted: set[tuple[str, str]] = set()
    sizes = first_sizes(plan, manifest)
    frames = {s.frame.name: s for s in plan.samples}
    while sizes and len(inputs) < most:
        papers, batches = [], []
        for name, size in sizes.items():
            sample = frames[name]
            totals.setdefault(name, []).append(size)
            record = draw_rounds(
                seed, FrameIndex.of(manifest, sample.frame), sample.method, tuple(totals[name])
            )
            for draw in record.draws:
                if isinstance(draw, PaperDraw):
                    if draw.paper not in read_already:
                        read_already.add(draw.paper)
                        papers.append(read(draw.paper))
                elif (name, draw.station) not in counted:
                    assert count is not None
                    counted.add((name, draw.station))
                    batches.append(count(name, draw.station))
        inputs.append(RoundInput(dict(sizes), compare(papers, Cast(records)), tuple(batches)))
        results = replay(plan, manifest, seed, inputs)
        sizes = dict(results[-1].next_sizes)
    return inputs, results


@functools.cache
def kerman_plan() -> tuple[AuditPlan, Manifest, Seed]:
    example = kerman()
    manifest = manifest_of(example)
    plan = plan_audit(
        manifest,
        [reported_of(example, "president", "IR")],
        FIVE_PERCENT,
        records=committed(manifest),
    )
    return plan, manifest, seed_of(manifest)


def small(
    election: Election, president: Mapping[str, tuple[int, int]], papers: int = 300
) -> Example:
    """The three-station election of `tests.core.definition.kerman` with `papers` ballots cast
    per station, all valid, (votes for 21, votes for 25) per station."""
    sheets = {
        code: Counts(cast=papers, valid=papers, votes={"21": a, "25": b})
        for code, (a, b) in president.items()
    }
    return Example(election, "sha256:" + "ab" * 32, {"president": sheets})


def flipping(
    records: Mapping[str, Mapping[str, Reading]], flips: Mapping[str, int]
) -> Callable[[PaperAddress], PaperReading]:
    """A board reading papers whose first `flips[station]` records for 21 show 25 on paper."""

    def read(paper: PaperAddress) -> PaperReading:
        code = code_at(paper)
        shows = records[code]
        k = int(code.partition("#")[2])
        if k <= flips.get(paper.station, 0):
            shows = {**shows, "president": Reading.vote("25")}
        return PaperReading(paper, shows, code)

    return read

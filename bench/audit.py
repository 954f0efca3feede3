"""The audit's manifest and sample at national size, beside raw baselines measured in the same run.

    .venv/bin/python bench/audit.py [--draws N] [--json]

A synthetic national day (bench/nation.py: 58,640 stations), two in five of them made paper
stations, each station's papers its voters (eligible × a seeded turnout of 35–65 %, about 30 M
papers in all), packed in bags of at most 400. Measured (docs/audit.md §3):

- building the manifest from the definition and the papers per bag (`build_manifest`), beside
  indexing the same stations into a plain dict (the least any builder does);
- its canonical bytes and hash (`manifest_hash`), beside `json.dumps` of the same data and the
  raw SHA-256 of the bytes;
- laying the national presidential frame over it (`FrameIndex.of`);
- drawing N papers with and without replacement, and N stations by size (PPS) from the paper
  stations, each located to its station, container and position, with the round's pull list;
  beside N raw SHA-256 hashes of the same inputs (`hashlib`), the floor of any SHA-256 sampler;
- the risk of N readings (docs/audit.md §4) for the presidential assertions of a 52/38/7 %
  result over 1 M cards (w beats l, w beats o, w has a majority of the ballots cast): ALPHA
  shrink-trunc on the papers polled, ALPHA on the card-level and on the batch (station)
  comparison with a few discrepancies, Kaplan–Markov on the cards, and BRAVO on the two
  pairwise assertions; beside the same number of `Fraction` multiplications (one per reading
  and assertion, the least exact arithmetic does) and of float multiplications.

Machines are shared and noisy: read the ratios. Every figure is the process's CPU time, the
best of three rounds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

import nation
from sandogh.core.audit import (
    GENTLE_INFLATOR,
    Comparison,
    Reading,
    Totals,
    above_share,
    batch_comparison,
    bravo,
    card_comparison,
    card_comparison_km,
    pairwise,
    polling,
)
from sandogh.core.audit.manifest import (
    Manifest,
    Roll,
    Seed,
    StationKind,
    build_manifest,
    manifest_hash,
    manifest_json,
)
from sandogh.core.audit.sampling import (
    Frame,
    FrameIndex,
    paper_pull_list,
    sample_batches,
    sample_papers,
    station_pull_list,
)
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, UnitKind, VotingMode
from sandogh.core.definition.rule import Base

BAG = 400
DEFINITION_HASH = "sha256:" + "0" * 64
DIGITS = "31415926535897932384"


def national(seed: int = 1403) -> tuple[Election, dict[str, list[int]]]:
    """The national day with two in five stations on paper, and each station's papers per bag."""
    rng = random.Random(seed)
    election = nation.build(seed).election
    units = []
    papers: dict[str, list[int]] = {}
    for unit in election.units:
        info = unit.station
        if unit.kind is UnitKind.STATION and info is not None:
            paper = rng.random() < 0.4
            cast = int((unit.eligible_voters or 0) * rng.uniform(0.35, 0.65))
            papers[unit.code] = [BAG] * (cast // BAG) + ([cast % BAG] if cast % BAG else [])
            if paper:
                info = replace(info, mode=VotingMode.PAPER)
        units.append(replace(unit, station=info))
    return replace(election, units=tuple(units)), papers


def cpu(task: Callable[[], object], rounds: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.process_time()
        result = task()
        best = min(best, time.process_time() - start)
    return best, result


def run(election: Election, papers: Mapping[str, Sequence[int]], draws: int) -> dict[str, Any]:
    geography = Geography.of(election)
    president = election.contests[0]
    figures: dict[str, Any] = {}

    t_build, manifest = cpu(lambda: build_manifest(geography, DEFINITION_HASH, papers))
    t_dict, _ = cpu(lambda: {code: (geography.unit(code), papers[code]) for code in papers})
    assert isinstance(manifest, Manifest)
    t_hash, digest = cpu(lambda: manifest_hash(manifest))
    assert digest == manifest.hash
    data = manifest_json(manifest)
    body = canonical_json(data)
    t_dumps, _ = cpu(lambda: json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    t_sha, _ = cpu(lambda: hashlib.sha256(body).hexdigest())
    figures |= {
        "stations": len(manifest.stations),
        "papers": manifest.papers,
        "manifest_bytes": len(body),
        "build_manifest_s": t_build,
        "build_over_plain_dict": t_build / t_dict,
        "manifest_hash_s": t_hash,
        "hash_over_json_dumps": t_hash / t_dumps,
        "hash_over_raw_sha256": t_hash / t_sha,
    }

    seed = Seed(digest, (Roll("HQ", DIGITS[:10]), Roll("observer", DIGITS[10:])))
    constituencies = frozenset(k.id for k in president.constituencies)
    everyone = Frame("polling:president", president.id, constituencies, frozenset(StationKind))
    on_paper = Frame(
        "batch:president", president.id, constituencies, frozenset({StationKind.PAPER})
    )
    t_frame, index = cpu(lambda: FrameIndex.of(manifest, everyone))
    paper_index = FrameIndex.of(manifest, on_paper)
    text = everyone.seed_text(seed)
    inputs = [f"{text},{i}".encode() for i in range(1, draws + 1)]
    t_raw, _ = cpu(lambda: [hashlib.sha256(b).digest() for b in inputs])
    t_with, sample = cpu(lambda: sample_papers(seed, index, draws, replacement=True))
    t_without, _ = cpu(lambda: sample_papers(seed, index, draws, replacement=False))
    t_batch, batches = cpu(lambda: sample_batches(seed, paper_index, draws))
    t_pull, pulls = cpu(lambda: paper_pull_list(manifest, sample))
    t_spull, _ = cpu(lambda: station_pull_list(manifest, batches))
    figures |= {
        "frame_papers": index.total,
        "frame_index_s": t_frame,
        "draws": draws,
        "raw_sha256_per_s": draws / t_raw,
        "with_replacement_over_raw": t_with / t_raw,
        "without_replacement_over_raw": t_without / t_raw,
        "batch_pps_over_raw": t_batch / t_raw,
        "paper_pull_list_over_raw": t_pull / t_raw,
        "station_pull_list_over_raw": t_spull / t_raw,
        "papers_pulled": len(pulls),
    }
    return figures


def risk(draws: int, seed: int = 1403) -> dict[str, Any]:
    """The risk of `draws` readings per method and assertion, over as many Fraction (and float)
    multiplications."""
    rng = random.Random(seed)
    cards = 1_000_000
    shares = {"w": 520_000, "l": 380_000, "o": 70_000}
    reported = Totals(cards, cards, sum(shares.values()), shares)
    pairs = [("w", "l"), ("w", "o")]
    assorters = [pairwise(*pair) for pair in pairs]
    assorters.append(above_share("w", Fraction(1, 2), Base.CAST))
    ballots = [Reading.vote(code) for code in shares] + [Reading.invalid()]
    papers = rng.choices(ballots, weights=[52, 38, 7, 3], k=draws)
    # one card in 500 read as the loser's where the record says w: a one- or two-vote
    # overstatement, as an audit of a correct count with a few errors sees
    cvr = [(p, ballots[1] if p is ballots[0] and rng.random() < 0.002 else p) for p in papers]
    sheet = Totals(400, 400, 388, {"w": 208, "l": 152, "o": 28})
    short = Totals(400, 400, 386, {"w": 206, "l": 152, "o": 28})
    stations = [(sheet, short if rng.random() < 0.005 else sheet) for _ in range(draws)]
    comparisons = [Comparison(a, a.margin(reported), GENTLE_INFLATOR) for a in assorters]
    methods: dict[str, Callable[[], object]] = {
        "alpha_polling": lambda: [polling(a, reported, papers, cards) for a in assorters],
        "alpha_card_comparison": lambda: [card_comparison(c, cvr, cards) for c in comparisons],
        "alpha_batch_comparison": lambda: [batch_comparison(c, stations) for c in comparisons],
        "kaplan_markov_cards": lambda: [card_comparison_km(c, cvr) for c in comparisons],
        "bravo": lambda: [bravo(papers, w, lo, shares[w], shares[lo]) for w, lo in pairs],
    }
    # the baselines: one Fraction (or float) multiplication per reading, as a risk's step needs
    values = [Fraction(rng.randrange(1, 10**6), 10**6) for _ in range(draws)]
    factor = Fraction(52, 47)
    floats = [float(x) for x in values]
    t_fraction, _ = cpu(lambda: [x * factor for x in values])
    t_float, _ = cpu(lambda: _float_product(floats))
    figures: dict[str, Any] = {
        "risk_readings": draws,
        "fraction_mul_per_s": draws / t_fraction,
        "float_mul_per_s": draws / t_float,
    }
    for name, task in methods.items():
        count = len(pairs) if name == "bravo" else len(assorters)
        t_risk, _ = cpu(task)
        figures |= {
            f"risk_{name}_s": t_risk,
            f"risk_{name}_over_fraction_mul": t_risk / count / t_fraction,
            f"risk_{name}_over_float_mul": t_risk / count / t_float,
        }
    return figures


def _float_product(xs: Sequence[float]) -> float:
    product = 1.0
    for x in xs:
        product *= x
    return product


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    start = time.process_time()
    election, papers = national()
    figures: dict[str, Any] = {"synthetic_nation_s": time.process_time() - start}
    figures |= run(election, papers, args.draws)
    figures |= risk(args.draws)
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    for name, value in figures.items():
        shown = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        print(f"{name:44} {shown}")


if __name__ == "__main__":
    main()

"""What `sandogh verify-election` costs per simple ballot (docs/e2e.md §10), check by check, and
its whole run over a record with one and with two worker processes.

    PYTHONPATH=src:. .venv/bin/python bench/verify_election.py [--ballots N] [--stations S]

A simple ballot is Kerman's: one contest, two candidates, one seat (three selections with their
0..1 proofs, and the contest's 0..0 proof). The ballots are made with the prover's own code
(`tests/verify_election/record.py`); the figures are the verifier's. The estimate for 1,000,000
ballots on two cores is one worker's CPU time per ballot halved: stations are independent, and two
workers scale so on idle cores (a loaded machine shows less; the load average is printed).
Machines are shared and noisy: read the ratios, not the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.verify_election.record import build

from sandogh.verify_election.ballots import check_proofs, contest_ciphertext, read_ballot
from sandogh.verify_election.chain import ballot_hash, box_hash, confirmation_code
from sandogh.verify_election.checks import Ledger
from sandogh.verify_election.definition import read_definition
from sandogh.verify_election.election import GROUP, Context
from sandogh.verify_election.proofs import Statement, range_proof_holds
from sandogh.verify_election.reading import parse_json
from sandogh.verify_election.run import verify_election

KERMAN = b"""
format: sandogh/definition@1
election:
  id: e2e-small
  name: {fa: "\xda\xa9\xd8\xb1\xd9\x85\xd8\xa7\xd9\x86", en: Kerman}
  date: 2024-07-05
units:
  - {code: IR, kind: nation, name: {fa: "\xd8\xa7\xdb\x8c\xd8\xb1\xd8\xa7\xd9\x86", en: Iran}}
%s
contests:
  - id: president
    office: president
    name: {fa: "\xd8\xb1\xd8\xa6\xdb\x8c\xd8\xb3", en: President}
    rule: {kind: plurality}
    constituencies:
      - id: IR
        name: {fa: "\xd8\xa7\xdb\x8c\xd8\xb1\xd8\xa7\xd9\x86", en: Iran}
        units: [IR]
        seats: 1
    candidates:
      - {code: "21", name: {fa: "\xd8\xa7\xd9\x84\xd9\x81", en: A}, constituency: IR}
      - {code: "25", name: {fa: "\xd8\xa8", en: B}, constituency: IR}
"""
STATION = (
    b'  - {code: ST-%d, kind: station, parent: IR, name: {fa: "\xd8\xb4", en: S%d}, '
    b"station: {mobility: fixed, setting: urban, mode: electronic}}"
)


def _per(label: str, rounds: int, run: Callable[[], object]) -> float:
    started = time.process_time()  # CPU time: what the work costs, whatever else the cores run
    for _ in range(rounds):
        run()
    each = (time.process_time() - started) / rounds
    print(f"  {label:<44} {each * 1000:8.3f} ms")
    return each


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=400, help="simple ballots in the record")
    parser.add_argument("--stations", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    stations = {
        f"ST-{n}": [
            ({"president": [["21"], ["25"], []][i % 3]}, True)
            for i in range(args.ballots // args.stations)
        ]
        for n in range(1, args.stations + 1)
    }
    units = b"\n".join(STATION % (n, n) for n in range(1, args.stations + 1))
    with tempfile.TemporaryDirectory() as folder:
        built = build(Path(folder), KERMAN % units, stations)
        definition = read_definition((built.folder / "definition.json").read_bytes())
        election = parse_json((built.folder / "e2e" / "election.json").read_bytes(), "")
        context = Context(
            "e2e-small",
            "data/e2e-small/",
            b"",
            bytes.fromhex(election["extended_hash"]),
            bytes.fromhex(election["joint_key"]),
            2,
            {},
            {},
        )
        start, line = (
            (built.folder / "e2e" / "ballots" / "ST-1.jsonl").read_bytes().splitlines()[:2]
        )
        device = parse_json(start, "")["device"].removeprefix("ed25519:")
        box = box_hash(context.extended, "ST-1", bytes.fromhex(device))
        ballot = definition.ballots["ST-1"]
        document = parse_json(line, "")
        contests = read_ballot(document["ballot"], "ST-1", ballot, "")
        selection = contests[0].selections[0]
        statement = Statement(context.key, "president", "21", 1, selection.alpha, selection.beta)
        alpha, beta = contest_ciphertext(contests[0])
        contest = Statement(context.key, "president", "*", 0, alpha, beta)
        pairs = [(c.ballot.contest, [(s.alpha, s.beta) for s in c.selections]) for c in contests]
        print("per simple ballot (one contest, two candidates, one seat):")
        costs = {
            "V7 parse and check the form": _per(
                "V7 parse JSON, decode 6 elements, 8 scalars",
                200,
                lambda: read_ballot(parse_json(line, "")["ballot"], "ST-1", ballot, ""),
            ),
            "V8 selection proofs": 3
            * _per(
                "V8 one selection's 0..1 proof (× 3)",
                100,
                lambda: range_proof_holds(
                    GROUP, box, statement, selection.challenges, selection.responses
                ),
            ),
            "V9 contest proof": _per(
                "V9 the contest's 0..0 proof",
                100,
                lambda: range_proof_holds(
                    GROUP,
                    box,
                    contest,
                    contests[0].challenges,
                    contests[0].responses,
                ),
            ),
            "V10 chi and code": _per(
                "V10 χ and the confirmation code",
                2000,
                lambda: confirmation_code(
                    context.extended,
                    bytes(32),
                    ballot_hash(context.extended, "ST-1", pairs),
                ),
            ),
            "V14 tally": _per(
                "V14 add to the tally (6 group operations)",
                2000,
                lambda: [GROUP.op(s.alpha, s.beta) for s in contests[0].selections for _ in "ab"],
            ),
            "all checks of one ballot": _per(
                "V7–V10 together",
                100,
                lambda: check_proofs(Ledger(), context, box, contests, ""),
            ),
        }
        runs = {}
        for workers in (1, 2):
            started, cpu = time.perf_counter(), time.process_time()
            result = verify_election(str(built.root), workers=workers)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert result.passed, result.elections[0].ledger.first_failure()
            # one worker runs in this process: its CPU time is the work's; two run in children
            runs[workers] = (cpu if workers == 1 else elapsed) / args.ballots
            print(
                f"whole run, {args.ballots} ballots, {workers} worker(s): {elapsed:.2f} s wall"
                + (f", {cpu:.2f} s CPU" if workers == 1 else "")
                + f", {runs[workers] * 1000:.3f} ms per ballot"
            )
        # stations are independent, so two idle cores check twice as many ballots as one, each
        # at one worker's CPU time per ballot; on a shared machine the two-worker run cannot
        # show it
        million = runs[1] * 1_000_000 / 2 / 60
        load = os.getloadavg()[0]
        print(
            f"estimate, 1,000,000 simple ballots on 2 idle cores: {million:.0f} minutes "
            f"(one worker's CPU time per ballot, halved; load average now {load:.1f})"
        )
        if args.json:
            print(
                json.dumps(
                    {
                        "per_ballot_ms": {k: v * 1000 for k, v in costs.items()},
                        "run_ms_per_ballot": {str(k): v * 1000 for k, v in runs.items()},
                        "million_on_two_cores_minutes": million,
                        "record": hashlib.sha256(line).hexdigest(),
                    },
                    indent=2,
                )
            )


if __name__ == "__main__":
    main()

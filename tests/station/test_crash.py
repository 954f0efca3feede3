"""Killing the box (SIGKILL) at random moments while it casts 1,000 ballots loses no confirmed
ballot, records none twice, and never leaves a card used without its record or a record without
its card (issue 3, "Faults"), with every ballot sealed as it is cast (issue 9 §1). The moments
are drawn from a seeded generator: the voter after whose confirmation each kill comes, spread over
the day, and a delay of up to a few votes from there, so that the kill falls at any step of a
vote (check-in, confirm, printing). The kills are bounded."""

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sandogh.core.report import decode_record

from .build import opened, voting_station
from .cast_loop import CRASH_BALLOT, DISTINCT_BALLOTS, voter_of

VOTES = 1_000
KILLS = 10
#: How long after its voter's confirmation a kill comes, at most: a few votes' time.
KILL_DELAY = 0.01
ROOT = Path(__file__).resolve().parents[2]
assert VOTES <= DISTINCT_BALLOTS


def _log(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def _wait_until_ready(log: Path, runs: int, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while _log(log).count("ready") < runs:
        assert child.poll() is None, "the cast loop stopped before it was ready"
        assert time.monotonic() < deadline, "the cast loop never got ready"
        time.sleep(0.01)


def _wait_until_voted(log: Path, voter: int, child: subprocess.Popen[bytes]) -> None:
    """Until `voter`'s ballot is confirmed (or the cast loop stops)."""
    deadline = time.monotonic() + 30
    while _last_done(log) < voter and child.poll() is None:
        assert time.monotonic() < deadline, f"voter {voter} never voted"
        time.sleep(0.001)


def _last_done(log: Path) -> int:
    """The last voter logged `done`, read while the loop writes: only whole lines count, and
    voters are done in increasing order."""
    written = log.read_bytes()
    done = written[: written.rfind(b"\n") + 1].rfind(b"done ")
    return -1 if done < 0 else int(written[done + 5 : written.index(b"\n", done)])


def _indices(lines: list[str], word: str) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith(word + " ")]


def test_killing_the_box_loses_no_confirmed_ballot(tmp_path: Path) -> None:
    station = voting_station(tmp_path, ballot=CRASH_BALLOT)
    station.box.store.close()
    moments = random.Random(1403)
    # the voters after whom the kills come: none so near the end that a run could finish first
    after = sorted(moments.sample(range(VOTES - 100), KILLS))
    log = tmp_path / "cast.log"
    killed = 0
    first = 0
    errors = tmp_path / "cast.err"
    for run in range(1, KILLS + 2):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.station.cast_loop",
                *(str(tmp_path), str(first)),
                *(str(VOTES), str(log)),
            ],
            cwd=ROOT,
            stderr=errors.open("ab"),
        )
        if run <= KILLS:
            _wait_until_ready(log, run, child)
            _wait_until_voted(log, max(after[run - 1], first), child)
            time.sleep(moments.uniform(0, KILL_DELAY))
            child.send_signal(signal.SIGKILL)
            killed += child.wait() == -signal.SIGKILL
        else:
            assert child.wait(timeout=60) == 0
        # the next run starts after the last voter tried: that voter's ballot may have been
        # confirmed just before the kill, and is not cast again
        first = max(_indices(_log(log), "attempt"), default=-1) + 1
    # at most one run may have finished before its kill came; any other end is a failure
    assert killed >= KILLS - 1, errors.read_text(errors="replace")[-3000:]

    lines = _log(log)
    done, attempted = set(_indices(lines, "done")), set(_indices(lines, "attempt"))
    assert len(done) >= VOTES - KILLS
    reopened = station.reopen()
    with reopened.box.store.transaction() as tx:
        issued, used = tx.card_counts()
    voters = Counter(voter_of(decode_record(data).choices) for data in opened(reopened.box.store))
    assert set(voters.values()) == {1}  # no ballot twice
    assert done <= set(voters) <= attempted  # every confirmed ballot; none never tried
    assert len(set(voters) - done) <= KILLS  # at most the one in flight at each kill
    assert used == sum(voters.values())  # no card used without its record, nor the reverse
    assert used <= issued <= used + KILLS

"""The E2E protocol's pace over Ristretto255 beside ElectionGuard's 4096-bit integer group, and
beside two baselines measured in the same run.

    .venv/bin/python bench/e2e.py [--quick] [--json]

The same code (`sandogh.core.e2e`, written once over `Group`) runs over both groups: the one the
election uses, Ristretto255 through libsodium (rbcl), and ElectionGuard 2.1's standard 4096-bit
group through GMP (gmpy2), as ElectionGuard's own implementations compute it. The baselines are
one raw Ed25519 signature verification (libsodium through PyNaCl: the cost of checking one
signed station report) and one raw 4096-bit modular exponentiation with a 256-bit exponent
(gmpy2.powmod: the unit ElectionGuard's costs are counted in).

Machines are shared and noisy: read the ratios, not the figures. Every figure is CPU time of the
process that computes it (so that other loads on a shared machine count less), the best of a
few rounds, and in each round the two groups are measured in turn, so that a ratio compares
like with like. The verification of a million ballots is measured with a pool of 2 processes on
a bounded batch: its CPU time over 2 (what 2 cores of its own would take) and the wall-clock
time on this machine as it is. The aims (issue 10): the protocol at least 25 times faster over
Ristretto255 than over the integer group, a simple ballot encrypted and proved in under 5 ms, and
1,000,000 simple ballots verified in under 30 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import multiprocessing
import random
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any

import gmpy2
import nacl.signing

from sandogh.core.e2e import ceremony, decryption, elgamal, slots
from sandogh.core.e2e.ballot import (
    ElectionContext,
    EncryptedBallot,
    ballot_hash,
    check_ballot,
    encrypt_ballot,
    is_large,
)
from sandogh.core.e2e.chain import confirmation_code
from sandogh.core.e2e.context import base_hash, extended_hash
from sandogh.core.e2e.dlog import discrete_log
from sandogh.core.e2e.group import RISTRETTO255, Group
from sandogh.core.e2e.integer_group import ELECTIONGUARD_INTEGER, P
from sandogh.core.e2e.range_proof import RangeProof, derived_randomness, prove_range, verify_range
from sandogh.core.e2e.share_encryption import decrypt_share, encrypt_share
from sandogh.core.e2e.tally import station_tally
from sandogh.core.report.ballot import BallotContest

GROUPS: tuple[Group, ...] = (RISTRETTO255, ELECTIONGUARD_INTEGER)
STATION = "ST-0001"
DEVICE = bytes(range(32))  # the box's key, raw: H_D keys every proof of a ballot (§6)
MILLION = 1_000_000
#: the aims of issue 10
AIM_RATIO, AIM_ENCRYPTION, AIM_MILLION = 25.0, 0.005, 30 * 60.0

Work = Callable[[], object]


#: a Kerman ballot: one contest, one seat, two candidates (the simple ballot of the aims)
KERMAN = (BallotContest("majlis-kerman", 1, ("1101", "1102")),)
#: a ballot of four contests, as on a day of several elections
FOUR_CONTESTS = (
    BallotContest("president", 1, tuple(f"{n}" for n in range(10, 16))),
    BallotContest("majlis", 2, tuple(f"{n}" for n in range(1000, 1012))),
    BallotContest("experts", 3, tuple(f"{n}" for n in range(200, 208))),
    BallotContest("council", 5, tuple(f"{n}" for n in range(3000, 3020))),
)


@dataclass(frozen=True, slots=True)
class Budget:
    """How long to time each figure, and how many ballots to use where a count matters."""

    seconds: float  # per figure and group: rounds of calls until this much CPU time is spent
    tally_ballots: int  # a station's ballots multiplied together for the tally figure
    province_stations: int  # station tallies multiplied together for a province's
    pool_ballots: int  # Kerman ballots verified by the 2-process pool over Ristretto255
    integer_pool_ballots: int  # the same over the integer group, 30 to 40 times slower
    four: tuple[BallotContest, ...]  # a ballot of four contests
    large: BallotContest  # Tehran's Majlis contest, or a small stand-in for a smoke run
    vector: bool  # whether to time it as a selection vector too (seconds a call, 1 group)


#: Tehran's Majlis ballot: 30 seats of about 3,000 codes
TEHRAN = BallotContest("majlis-tehran", 30, tuple(f"{n}" for n in range(10_000, 13_000)))
#: the largest kind of contest that is still a selection vector (§11.1: 300 < 2·31·9)
MAJLIS_300 = BallotContest("majlis-300", 30, tuple(f"{n}" for n in range(10_000, 10_300)))
FULL = Budget(
    seconds=1.0,
    tally_ballots=500,
    province_stations=2_000,
    pool_ballots=600,
    integer_pool_ballots=20,
    four=FOUR_CONTESTS,
    large=TEHRAN,
    vector=True,
)
QUICK = Budget(
    seconds=0.0,
    tally_ballots=4,
    province_stations=4,
    pool_ballots=4,
    integer_pool_ballots=2,
    four=tuple(BallotContest(f"contest-{n}", 1, ("1", "2")) for n in range(4)),
    large=BallotContest("majlis-small", 1, tuple(f"{n}" for n in range(10_000, 10_256))),
    vector=False,
)
ROUNDS = 3


def per_call(*works: Work, seconds: float) -> list[float]:
    """CPU seconds per call of each of `works`: the best of up to `ROUNDS` rounds, each calling
    each work in turn until its share of `seconds` is spent (at least once), so that a load that
    comes and goes weighs on all of them alike; rounds stop once a work has spent `seconds`."""
    best = [float("inf")] * len(works)
    spent = [0.0] * len(works)
    for _ in range(ROUNDS):
        for i, work in enumerate(works):
            calls, started, elapsed = 0, time.process_time(), 0.0
            while calls == 0 or elapsed < seconds / ROUNDS:
                work()
                calls += 1
                elapsed = time.process_time() - started
            best[i], spent[i] = min(best[i], elapsed / calls), spent[i] + elapsed
        if max(spent) >= seconds:
            break
    return best


# -- baselines ---------------------------------------------------------------------------------


def baselines(budget: Budget) -> dict[str, float]:
    """One Ed25519 signature verified by libsodium (PyNaCl), and one gmpy2 powmod mod EG's p
    with a 256-bit exponent: CPU seconds each."""
    key = nacl.signing.SigningKey(bytes(range(32)))
    signed = key.sign(b"a station's signed report" * 4)
    verify_key = key.verify_key
    base, exponent, modulus = gmpy2.mpz(3), gmpy2.mpz(2**256 - 191), gmpy2.mpz(P)
    ed25519, powmod = per_call(
        lambda: verify_key.verify(signed),
        lambda: gmpy2.powmod(base, exponent, modulus),
        seconds=budget.seconds,
    )
    return {"Ed25519 verification (PyNaCl)": ed25519, "4096-bit powmod (gmpy2)": powmod}


# -- what is timed, over one group -------------------------------------------------------------

KERMAN_ENCRYPT = "Kerman (1 contest, 2 candidates): encrypt + prove"
KERMAN_VERIFY = "Kerman (1 contest, 2 candidates): verify"
MILLION_CPU = "1,000,000 Kerman ballots verified, 2 cores"
MILLION_WALL = "the same, wall clock on this machine"


def _called(contest: BallotContest) -> str:
    return "Tehran Majlis" if contest is TEHRAN else contest.contest


def _choices(ballot: tuple[BallotContest, ...], draw: random.Random) -> dict[str, list[str]]:
    """A vote in each contest: one code where there is one seat, else up to as many as seats
    (none is a blank vote)."""
    return {
        c.contest: draw.sample(c.candidates, 1 if c.seats == 1 else draw.randint(0, c.seats))
        for c in ballot
    }


def _context(group: Group) -> ElectionContext:
    draw = random.Random(f"context {group.name}")
    return ElectionContext(group, draw.randbytes(32), group.base_exp(draw.randrange(group.q)))


def _encrypt(
    context: ElectionContext, ballot: tuple[BallotContest, ...], draw: random.Random
) -> EncryptedBallot:
    return encrypt_ballot(
        context, STATION, ballot, _choices(ballot, draw), draw.randbytes(32), device=DEVICE
    )


def primitives(group: Group) -> dict[str, Work]:
    """The group's own operations, one exponential ElGamal encryption, one 0..1 proof."""
    draw = random.Random(1403)
    x, y = draw.randrange(group.q), draw.randrange(group.q)
    a, key = group.base_exp(x), group.base_exp(y)
    he = draw.randbytes(32)
    ciphertext = elgamal.encrypt(group, key, 1, x)
    randomness = derived_randomness(group, he, draw.randbytes(32), "c", "o")

    def prove() -> RangeProof:
        return prove_range(
            group,
            key,
            he,
            ciphertext,
            value=1,
            nonce=x,
            bound=1,
            contest="c",
            option="o",
            randomness=randomness,
        )

    proof = prove()
    return {
        "g^x (fixed base)": lambda: group.base_exp(x),
        "a^x (any base)": lambda: group.exp(a, y),
        "a·b": lambda: group.op(a, key),
        "membership check of an element": lambda: group.is_element(a),
        "ElGamal encryption": lambda: elgamal.encrypt(group, key, 1, x),
        "0..1 proof: prove": prove,
        "0..1 proof: verify": lambda: verify_range(
            group, key, he, ciphertext, proof, bound=1, contest="c", option="o"
        ),
    }


def ballots(group: Group, budget: Budget) -> dict[str, Work]:
    """A whole ballot encrypted and proved as the box does it (`encrypt_ballot`), and checked as
    the verifier does it (`check_ballot`: every element and every proof)."""
    context = _context(group)
    draw = random.Random(1403)
    shapes = [("Kerman (1 contest, 2 candidates)", KERMAN), ("4 contests", budget.four)]
    if budget.vector and group is RISTRETTO255:  # over the integer group: seconds a call
        # encrypt_ballot takes Tehran's 3,000 as slots (§11.1); a selection vector is timed where
        # it is one, at 300 options, and Tehran's would cost about ten times as much
        assert not is_large(MAJLIS_300)
        shapes.append(("Majlis 30 of 300 as a selection vector (§6; Tehran ≈ 10×)", (MAJLIS_300,)))
    works: dict[str, Work] = {}
    for name, ballot in shapes:
        encrypted = _encrypt(context, ballot, draw)
        assert not check_ballot(context, encrypted, ballot, station=STATION, device=DEVICE)
        works[f"{name}: encrypt + prove"] = functools.partial(_encrypt, context, ballot, draw)
        works[f"{name}: verify"] = functools.partial(
            check_ballot, context, encrypted, ballot, station=STATION, device=DEVICE
        )
    return works


def large_contest(group: Group, budget: Budget) -> dict[str, Work]:
    """Tehran's Majlis contest as §11's slots: 30 gaps and their sum, 12 bits each with a 0..1
    proof; encrypted as the box does it, checked as the verifier does it."""
    context = _context(group)
    draw = random.Random(1403)
    contest = budget.large
    m, seats = len(contest.candidates), contest.seats

    def encrypt() -> slots.SlotContest:
        return slots.encrypt_slots(
            group,
            context.joint_key,
            context.extended_hash,
            draw.randbytes(32),
            contest=contest.contest,
            candidates=contest.candidates,
            seats=seats,
            chosen=draw.sample(contest.candidates, draw.randint(0, seats)),
        )

    encrypted = encrypt()

    def check() -> None:
        problems = slots.slot_problems(
            group,
            context.joint_key,
            context.extended_hash,
            encrypted,
            candidates=m,
            seats=seats,
        )
        assert not problems

    name = f"{_called(contest)} as slots (§11, {seats} of {m:,})"
    return {f"{name}: encrypt + prove": encrypt, f"{name}: verify": check}


def tally(group: Group, budget: Budget) -> dict[str, Work]:
    """A station's homomorphic tally (`station_tally`): per option, the product of its ballots'
    ciphertexts; and a province's (§8), per option the product of its stations' tallies."""
    context = _context(group)
    draw = random.Random(1403)
    few = [_encrypt(context, KERMAN, draw) for _ in range(4)]
    cast = [few[i % len(few)] for i in range(budget.tally_ballots)]  # a product costs the same
    station = station_tally(context, STATION, KERMAN, cast)
    stations = [station] * budget.province_stations

    def province() -> list[elgamal.Ciphertext]:
        return [
            elgamal.accumulate(group, (s.contests[0].options[o][1] for s in stations))
            for o in range(len(station.contests[0].options))
        ]

    return {
        f"tally of a station, {budget.tally_ballots:,} Kerman ballots": lambda: station_tally(
            context, STATION, KERMAN, cast
        ),
        f"tally of a province from its {budget.province_stations:,} stations'": province,
    }


@dataclass(frozen=True, slots=True)
class Ceremony:
    """What a key ceremony leaves: the election's context and each guardian's share z_ℓ and
    public share key K̂_ℓ."""

    context: ElectionContext
    shares: dict[int, int]
    share_keys: dict[int, bytes]


GUARDIANS, QUORUM = 3, 2


def key_ceremony(group: Group, draw: random.Random) -> Ceremony:
    """§5 for 3 guardians and a quorum of 2, every guardian's steps and the finish in turn:
    commitments and ceremony keys with their proofs, every public file checked by every other
    guardian, shares encrypted, decrypted and checked, the keys, HE."""
    q = group.q
    base = base_hash(group, draw.randbytes(32), GUARDIANS, QUORUM)
    numbers = range(1, GUARDIANS + 1)
    secrets = {
        i: ceremony.GuardianSecret(
            i, tuple(draw.randrange(q) for _ in range(QUORUM)), draw.randrange(q)
        )
        for i in numbers
    }
    publics = {
        i: ceremony.publish(group, base, secret, [draw.randrange(q) for _ in range(QUORUM + 1)])
        for i, secret in secrets.items()
    }
    for ell in numbers:  # each guardian checks the others' files, as `finish` checks them all
        for i, public in publics.items():
            if i != ell:
                assert not ceremony.public_problems(group, base, QUORUM, public)
    received: dict[int, list[int]] = {ell: [secrets[ell].share_for(group, ell)] for ell in numbers}
    for i, secret in secrets.items():
        for ell in numbers:
            if ell == i:
                continue
            sent = encrypt_share(
                group,
                base,
                i,
                ell,
                recipient_key=publics[ell].ceremony_key.key,
                share=secret.share_for(group, ell),
                nonce=draw.randrange(q),
            )
            received[ell].append(
                decrypt_share(group, base, sent, secrets[ell].ceremony_secret, publics[i].keys)
            )
    shares = {ell: ceremony.secret_share(group, got) for ell, got in received.items()}
    share_keys = {ell: ceremony.public_share_key(group, publics.values(), ell) for ell in numbers}
    assert all(group.base_exp(shares[ell]) == share_keys[ell] for ell in numbers)
    key = ceremony.joint_key(group, publics.values())
    extended = extended_hash(base, key, [publics[i].keys for i in numbers])
    return Ceremony(ElectionContext(group, extended, key), shares, share_keys)


#: the guardians present at the decryption: 2 of the 3, guardian 2 absent
PRESENT = (1, 3)


def guardians(group: Group) -> dict[str, Work]:
    """The key ceremony; the decryption of a Kerman station's tally (3 ciphertexts) by 2 of the
    3 guardians, with every partial decryption's proof made and checked, combined and read; the
    discrete log of a province's total and of the national electorate's."""
    draw = random.Random(1403)
    held = key_ceremony(group, draw)
    context = held.context
    cast = [_encrypt(context, KERMAN, draw) for _ in range(6)]
    counted = station_tally(context, STATION, KERMAN, cast)
    ciphertexts = [ciphertext for _, _, ciphertext in counted.ciphertexts()]

    def decrypt() -> list[int]:
        values = []
        for ciphertext in ciphertexts:
            partials = [
                decryption.partial_decrypt(
                    group,
                    context.extended_hash,
                    ell,
                    held.shares[ell],
                    ciphertext,
                    nonce=draw.randrange(group.q),
                )
                for ell in PRESENT
            ]
            assert all(
                decryption.verify_partial(
                    group, context.extended_hash, held.share_keys[p.guardian], ciphertext, p
                )
                for p in partials
            )
            values.append(
                discrete_log(group, decryption.combine(group, ciphertext, partials, QUORUM))
            )
        return values

    assert sum(decrypt()) == len(cast)
    province, nation = group.base_exp(1_000_000), group.base_exp(61_000_000)
    discrete_log(group, province)  # its table of baby steps is filled once per process
    return {
        f"key ceremony ({GUARDIANS} guardians, quorum {QUORUM})": lambda: key_ceremony(group, draw),
        "decryption of a Kerman station's tally (2 of 3)": decrypt,
        "discrete log of 1,000,000 (a province)": lambda: discrete_log(group, province),
        "discrete log of 61,000,000 (the nation)": lambda: discrete_log(group, nation),
    }


# -- a million simple ballots on 2 cores ------------------------------------------------------


def _check_all(context: ElectionContext, encrypted: list[EncryptedBallot]) -> tuple[int, float]:
    """A pool's task, a verifier's work on a station's ballots: how many of `encrypted` fail
    `check_ballot`, each chained to the one before as the box chained it (§7); and the CPU time
    it took."""
    started = time.process_time()
    failed, code = 0, bytes(32)
    for ballot in encrypted:
        failed += bool(check_ballot(context, ballot, KERMAN, station=STATION, device=DEVICE))
        code = confirmation_code(context.extended_hash, code, ballot_hash(context, ballot))
    return failed, time.process_time() - started


def pool_verification(group: Group, count: int) -> tuple[float, float]:
    """Seconds for a million Kerman ballots checked by a pool of 2 processes, from `count`: the
    CPU time over 2, and the wall-clock time (the pool's start-up not counted)."""
    context = _context(group)
    draw = random.Random(1403)
    encrypted = [_encrypt(context, KERMAN, draw) for _ in range(count)]
    halves = [encrypted[: count // 2], encrypted[count // 2 :]]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(_check_all, [context, context], [[], []]))  # both workers up
        started = time.perf_counter()
        results = list(pool.map(_check_all, [context, context], halves))
        wall = time.perf_counter() - started
    assert sum(failed for failed, _ in results) == 0
    cpu = sum(seconds for _, seconds in results)
    return cpu / 2 / count * MILLION, wall / count * MILLION


# -- the figures -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One operation's seconds over each group (None: not run over that group)."""

    name: str
    ristretto255: float
    integer: float | None

    @property
    def ratio(self) -> float | None:
        return None if self.integer is None else self.integer / self.ristretto255


def run(budget: Budget) -> tuple[dict[str, float], list[Figure]]:
    """The baselines, and every figure over both groups, measured in turn."""
    measured = baselines(budget)
    ours, theirs = (
        {
            **primitives(group),
            **ballots(group, budget),
            **large_contest(group, budget),
            **tally(group, budget),
            **guardians(group),
        }
        for group in GROUPS
    )
    figures = []
    for name, work in ours.items():
        other = theirs.get(name)
        if other is None:
            (seconds,) = per_call(work, seconds=budget.seconds)
            figures.append(Figure(name, seconds, None))
        else:
            seconds, integer = per_call(work, other, seconds=budget.seconds)
            figures.append(Figure(name, seconds, integer))
    (cpu, wall), (integer_cpu, integer_wall) = (
        pool_verification(RISTRETTO255, budget.pool_ballots),
        pool_verification(ELECTIONGUARD_INTEGER, budget.integer_pool_ballots),
    )
    figures += [Figure(MILLION_CPU, cpu, integer_cpu), Figure(MILLION_WALL, wall, integer_wall)]
    return measured, figures


def aims(figures: list[Figure]) -> dict[str, bool]:
    """Issue 10's three aims, each met or not by this run's figures."""
    by_name = {figure.name: figure for figure in figures}
    kerman = (by_name[KERMAN_ENCRYPT], by_name[KERMAN_VERIFY])
    return {
        f"≥ {AIM_RATIO:.0f}× faster than the integer group (Kerman ballot)": all(
            (f.ratio or 0) >= AIM_RATIO for f in kerman
        ),
        "a simple ballot encrypted and proved in < 5 ms": kerman[0].ristretto255 < AIM_ENCRYPTION,
        "1,000,000 simple ballots verified in < 30 min on 2 cores": (
            by_name[MILLION_CPU].ristretto255 < AIM_MILLION
        ),
    }


# -- the report --------------------------------------------------------------------------------


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    for unit, size in (("h", 3600.0), ("min", 60.0), ("s", 1.0)):
        if seconds >= size:
            return f"{seconds / size:.2f} {unit}"
    return f"{seconds * 1e3:.3f} ms"


def _times(seconds: float | None, unit: float) -> str:
    """`seconds` in units of a baseline: 0.3, 31.6, 3,029, 16 M."""
    if seconds is None:
        return "—"
    ratio = seconds / unit
    if ratio >= 1e6:
        return f"{ratio / 1e6:,.0f} M"
    return f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.1f}"


def print_table(measured: dict[str, float], figures: list[Figure]) -> None:
    ed25519, powmod = measured.values()
    print("baselines, measured in this run (CPU time):")
    for name, seconds in measured.items():
        print(f"  {name:<62} {_time(seconds):>12}")
    print()
    print(
        f"{'':<64} {'ristretto255':>12} {'×Ed25519':>10} {'EG 4096-bit':>12} {'×powmod':>10}"
        f" {'EG ÷ r255':>10}"
    )
    for figure in figures:
        integer = figure.integer
        print(
            f"{figure.name:<64} {_time(figure.ristretto255):>12}"
            f" {_times(figure.ristretto255, ed25519):>10} {_time(integer):>12}"
            f" {_times(integer, powmod):>10}"
            f" {'—' if figure.ratio is None else f'{figure.ratio:.1f}×':>10}"
        )
    print()
    for aim, met in aims(figures).items():
        print(f"  {'met    ' if met else 'NOT met'}  {aim}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    measured, figures = run(QUICK if args.quick else FULL)
    if args.json:
        report: dict[str, Any] = {
            "baselines": measured,
            "figures": [{**asdict(f), "ratio": f.ratio} for f in figures],
            "aims": aims(figures),
            "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_table(measured, figures)


if __name__ == "__main__":
    main()

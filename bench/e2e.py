"""The E2E protocol's pace over Ristretto255 beside ElectionGuard's 4096-bit integer group, and
beside two baselines measured in the same run.

    .venv/bin/python bench/e2e.py [--quick] [--json]

The same code (`sandogh.core.e2e`, written once over `Group`) runs over both groups: the one the
election uses, Ristretto255 through libsodium (rbcl), and ElectionGuard 2.1's standard 4096-bit
group through GMP (gmpy2), as ElectionGuard's own implementations compute it. The baselines are
one raw Ed25519 signature verification (libsodium through PyNaCl: the cost of checking one
signed station report) and one raw 4096-bit modular exponentiation with a 256-bit exponent
(gmpy2.powmod: the unit ElectionGuard's costs are counted in). Machines are shared and noisy:
read the ratios, not the figures. The aims (issue 10): the protocol at least 25 times faster
over Ristretto255 than over the integer group, a simple ballot encrypted and proved in under
5 ms, and 1,000,000 simple ballots verified in under 30 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import gmpy2
import nacl.signing

from sandogh.core.e2e import elgamal
from sandogh.core.e2e.group import RISTRETTO255, Group
from sandogh.core.e2e.integer_group import ELECTIONGUARD_INTEGER, P

GROUPS: tuple[Group, ...] = (RISTRETTO255, ELECTIONGUARD_INTEGER)


@dataclass(frozen=True, slots=True)
class Budget:
    """How long to time each figure, and how many ballots to use where a count matters."""

    seconds: float  # per figure and group: a figure is the mean of the calls that fit
    tally_ballots: int  # ballots multiplied together for the tally figure
    pool_ballots: int  # simple ballots verified by the 2-process pool, per group


FULL = Budget(seconds=1.0, tally_ballots=2_000, pool_ballots=400)
QUICK = Budget(seconds=0.05, tally_ballots=20, pool_ballots=4)


def per_call(work: Callable[[], object], seconds: float) -> float:
    """Seconds per call of `work`: called until `seconds` have passed (at least once), the mean."""
    calls = 0
    started = time.perf_counter()
    elapsed = 0.0
    while calls == 0 or elapsed < seconds:
        work()
        calls += 1
        elapsed = time.perf_counter() - started
    return elapsed / calls


# -- baselines ---------------------------------------------------------------------------------


def ed25519_verification(budget: Budget) -> float:
    """One Ed25519 signature verified by libsodium (PyNaCl), seconds."""
    key = nacl.signing.SigningKey(bytes(range(32)))
    signed = key.sign(b"a station's signed report" * 4)
    verify_key = key.verify_key
    return per_call(lambda: verify_key.verify(signed), budget.seconds)


def raw_powmod(budget: Budget) -> float:
    """One gmpy2 powmod mod EG's p with a 256-bit exponent, seconds."""
    base, exponent, modulus = gmpy2.mpz(3), gmpy2.mpz(2**256 - 189 - 2), gmpy2.mpz(P)
    return per_call(lambda: gmpy2.powmod(base, exponent, modulus), budget.seconds)


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


def _scalars(draw: random.Random, group: Group, count: int) -> list[int]:
    return [draw.randrange(group.q) for _ in range(count)]


def primitives(group: Group, budget: Budget) -> dict[str, float]:
    """The group's own operations, and one exponential ElGamal encryption."""
    draw = random.Random(1403)
    x, y = _scalars(draw, group, 2)
    a, b = group.base_exp(x), group.base_exp(y)
    return {
        "g^x (fixed base)": per_call(lambda: group.base_exp(x), budget.seconds),
        "a^x (any base)": per_call(lambda: group.exp(a, y), budget.seconds),
        "a·b": per_call(lambda: group.op(a, b), budget.seconds),
        "membership check of an element": per_call(lambda: group.is_element(a), budget.seconds),
        "ElGamal encryption of 0/1": per_call(
            lambda: elgamal.encrypt(group, b, 1, x), budget.seconds
        ),
    }


def run(budget: Budget) -> tuple[dict[str, float], list[Figure]]:
    baselines = {
        "Ed25519 verification (PyNaCl)": ed25519_verification(budget),
        "4096-bit powmod (gmpy2)": raw_powmod(budget),
    }
    by_group = [primitives(group, budget) for group in GROUPS]
    ours, theirs = by_group
    figures = [Figure(name, ours[name], theirs.get(name)) for name in ours]
    return baselines, figures


# -- the report --------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1e3:.3f} ms"


def print_table(baselines: dict[str, float], figures: list[Figure]) -> None:
    ed25519, powmod = baselines.values()
    print("baselines, measured in this run:")
    for name, seconds in baselines.items():
        print(f"  {name:<36} {_ms(seconds):>14}")
    print()
    print(
        f"{'':<40} {'ristretto255':>14} {'×Ed25519':>9} {'EG 4096-bit':>14} {'×powmod':>9}"
        f" {'EG ÷ r255':>10}"
    )
    for figure in figures:
        integer = figure.integer
        print(
            f"{figure.name:<40} {_ms(figure.ristretto255):>14}"
            f" {figure.ristretto255 / ed25519:>9.2f} {_ms(integer):>14}"
            f" {'—' if integer is None else f'{integer / powmod:.2f}':>9}"
            f" {'—' if figure.ratio is None else f'{figure.ratio:.1f}×':>10}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    baselines, figures = run(QUICK if args.quick else FULL)
    if args.json:
        report: dict[str, Any] = {
            "baselines": baselines,
            "figures": [{**asdict(f), "ratio": f.ratio} for f in figures],
            "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_table(baselines, figures)


if __name__ == "__main__":
    main()

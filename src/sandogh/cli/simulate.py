"""`sandogh simulate`: a whole election day through the real HTTP API (issue 3), printed.

The day is run by `cli.simulated_day` with the ballots of `cli.simulated_ballots`; this module
runs it in a scratch directory and prints what was cast beside what the centre stored. Their
public names are also reachable here, where the command's callers have always found them.
"""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from rich.console import Console
from rich.table import Table

from sandogh.cli.simulated_ballots import CONTEST, Figures, ballots, scaled
from sandogh.cli.simulated_day import (
    SYNC_PASSES,
    TIMEOUT_SECONDS,
    E2EDay,
    Simulation,
    SimulationError,
    StationDay,
    simulate,
)

__all__ = [
    "CONTEST",
    "PROVINCE_CAST",
    "SYNC_PASSES",
    "TIMEOUT_SECONDS",
    "Figures",
    "Simulation",
    "SimulationError",
    "StationDay",
    "ballots",
    "print_simulation",
    "run",
    "scaled",
    "simulate",
]

#: The Kerman runoff's ballots cast over all its 2,427 stations (the foundation example).
PROVINCE_CAST = 1_276_092


def run(
    *,
    stations: int,
    scale: float,
    db: str | None,
    seed: int,
    threads: int,
    out: Console,
    e2e: bool = False,
    record: Path | None = None,
) -> bool:
    """Simulate and print expected against stored figures; True when everything agrees."""
    with tempfile.TemporaryDirectory(prefix="sandogh-simulate-") as scratch:
        result = simulate(
            stations=stations,
            scale=Fraction(str(scale)),
            db=db,
            seed=seed,
            threads=threads,
            scratch=Path(scratch),
            e2e=e2e,
            record=record,
        )
    print_simulation(out, result)
    return result.agrees


def print_simulation(out: Console, result: Simulation) -> None:
    table = Table(title=f"{len(result.stations)} stations: expected and stored")
    for column in ("figure", "expected", "stored", "agree"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    rows = [
        ("cast", result.expected.cast, result.stored.cast),
        ("valid", result.expected.valid, result.stored.valid),
        ("invalid (cast blank)", result.expected.invalid, result.stored.invalid),
    ]
    stored_votes = dict(result.stored.votes)
    rows.extend((f"candidate {c}", n, stored_votes.get(c, 0)) for c, n in result.expected.votes)
    for name, expected, stored in rows:
        table.add_row(name, f"{expected:,}", f"{stored:,}", "yes" if expected == stored else "NO")
    out.print(table)
    refused = sum(s.refused for s in result.stations)
    delivered = sum(s.reports_delivered for s in result.stations)
    bad = sum(s.reports_refused for s in result.stations)
    incidents = sum(s.incidents for s in result.stations)
    out.print(
        f"stations reported {result.stations_reported} of {len(result.stations)}; reports "
        f"accepted {delivered}, refused {bad}; check-ins refused {refused}; incidents {incidents}"
    )
    rate = result.voters_per_second
    out.print(
        f"{result.voters:,} voters in {result.seconds:.1f} s: {rate:,.0f} voters/s end to end"
    )
    if rate:
        hours = PROVINCE_CAST / rate / 3600
        out.print(
            f"all 2,427 stations at scale 1 ({PROVINCE_CAST:,} voters, the province totals of "
            f"the foundation example) would take about {hours:.1f} h at this rate"
        )
    if result.e2e is not None:
        _print_e2e(out, result.e2e, len(result.stations))
    out.print("everything agrees" if result.agrees else "DISAGREES", markup=False)


def _print_e2e(out: Console, day: E2EDay, stations: int) -> None:
    out.print(
        f"E2E: key ceremony of 3 guardians, quorum 2, in {day.ceremony_seconds:.1f} s; chains "
        f"taken {day.chains} of {stations}; ballots challenged (opened, not counted) "
        f"{day.challenged}; tallies published, decrypted by guardians 1 and 3 and written into "
        f"the record in {day.publish_seconds:.1f} s; verify-election in "
        f"{day.verify_seconds:.1f} s: {'passes' if day.verified else 'FAILS'}",
        markup=False,
    )
    for failure in day.failures:
        out.print(f"  {failure}", markup=False)
    if day.record is not None:
        out.print(
            f"the snapshot with its E2E record is in {day.record} "
            f"(sandogh verify-election {day.record}; sandogh publish-serve {day.record})",
            markup=False,
        )

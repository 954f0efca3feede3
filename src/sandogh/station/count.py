"""Counting a closed station into its report: the box's records, or a paper station's sheets.

DESIGN.md §3: at close the box counts its cast-vote records into the tally sheet (ballot papers
received, used, unused, spoiled; cast; valid; invalid by kind; votes per candidate) with the
digest of its records (`core.report.report_from_records`). Ballot papers are the station's own
accounting: received as declared at opening, used = the ballot cards that carried the contest
(each check-in takes one paper; DESIGN.md §3: check-ins = ballot papers used), spoiled as counted
by hand at close, unused the rest. Figures that cannot be, such as more papers used and spoiled
than received, are refused rather than corrected. A paper station's sheets are those agreed by
blind double entry (`double_entry`); it has no records, so its digest is that of none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.problems import Problem
from sandogh.core.report import (
    CastVoteRecord,
    Papers,
    PublicKey,
    ReportKind,
    StationReport,
    cvr_digest,
    report_from_records,
)
from sandogh.station.double_entry import agreed_sheets
from sandogh.station.errors import PaperAccountError
from sandogh.station.local_store import StoredStation, Transaction
from sandogh.station.setup import StationSetup


def paper_problems(
    figures: Mapping[str, int], setup: StationSetup, name: str, *, every: bool = True
) -> list[Problem]:
    """Figures per contest for a contest not on the ballot, negative, or (with `every`) missing
    for a contest of the ballot."""
    problems = [
        Problem(f"{name}[{c}]", "the contest is not on this station's ballot")
        for c in figures
        if c not in setup.contests
    ]
    if every:
        problems.extend(
            Problem(f"{name}[{c}]", "missing") for c in setup.contests if c not in figures
        )
    problems.extend(
        Problem(f"{name}[{c}]", f"{n} is negative") for c, n in figures.items() if n < 0
    )
    return problems


def count_records(
    tx: Transaction,
    station: StoredStation,
    device: PublicKey,
    spoiled: Mapping[str, int],
    records: Sequence[CastVoteRecord],
) -> StationReport:
    """The final report of an electronic station from its `records`, opened in memory by the
    caller (see the module docstring)."""
    setup = station.setup
    problems = paper_problems(spoiled, setup, "spoiled", every=False)
    received, used = tx.received(), tx.papers_used()
    papers = {}
    for contest in setup.contests:
        got, took, lost = received[contest], used.get(contest, 0), spoiled.get(contest, 0)
        papers[contest] = Papers(got, took, got - took - lost, lost)
        if got - took - lost < 0:
            problems.append(
                Problem(f"papers[{contest}]", f"{took} used and {lost} spoiled of {got} received")
            )
    if problems:
        raise PaperAccountError(problems)
    return report_from_records(
        kind=ReportKind.FINAL,
        election=setup.election,
        definition_hash=setup.definition_hash,
        station=setup.station,
        device=device,
        sequence=station.reports_signed + 1,
        ballot=setup.ballot,
        records=records,
        papers=papers,
    )


def count_entered(tx: Transaction, station: StoredStation, device: PublicKey) -> StationReport:
    """The final report of a paper station, from its agreed sheets."""
    setup = station.setup
    sheets = agreed_sheets(tx, setup.ballot)
    return StationReport(
        election=setup.election,
        definition_hash=setup.definition_hash,
        station=setup.station,
        device=device,
        kind=ReportKind.FINAL,
        sequence=station.reports_signed + 1,
        sheets=tuple(TallySheet(setup.station, c, counts) for c, counts in sheets.items()),
        cvr_count=0,
        cvr_digest=cvr_digest(()),
    )

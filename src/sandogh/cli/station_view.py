"""What the `sandogh station` commands print: reports, syncs and the box's status."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from rich.console import Console

from sandogh.core.report import StationReport
from sandogh.station.courier import SyncOutcome

if TYPE_CHECKING:
    from sandogh.station.box import Status


def print_sync(out: Console, outcome: SyncOutcome) -> None:
    left = outcome.outbox
    line = f"sent {outcome.delivered}, waiting {left.pending}, refused {left.refused}"
    if left.next_attempt is not None and left.pending:
        line += f" (next try {left.next_attempt.isoformat(timespec='seconds')})"
    out.print(line, markup=False)
    if outcome.incidents:
        out.print(f"{outcome.incidents} new incident(s) for the supervisors", markup=False)


def print_report(out: Console, report: StationReport) -> None:
    out.print(
        f"{report.kind} report no. {report.sequence} of {report.station}: "
        f"{report.cvr_count} ballot(s), records {report.cvr_digest}",
        markup=False,
    )
    for sheet in report.sheets:
        counts = sheet.counts
        votes = ", ".join(f"{code} {n}" for code, n in counts.votes.items())
        out.print(
            f"  {sheet.contest}: cast {counts.cast}, valid {counts.valid}, "
            f"blank/invalid {counts.invalid_total}, papers used {counts.papers_used} of "
            f"{counts.papers_received}; {votes}",
            markup=False,
        )
    if report.e2e is not None:
        out.print(f"  e2e chain close {report.e2e.chain_close}", markup=False)
        out.print(f"  e2e tally hash {report.e2e.tally_hash}", markup=False)


def status_json(status: Status) -> dict[str, object]:
    next_attempt = status.outbox.next_attempt
    return {
        "election": status.setup.election,
        "station": status.setup.station,
        "definition_hash": status.setup.definition_hash,
        "device": status.device,
        "policy": status.setup.policy.value,
        "phase": status.phase.value,
        "extended_by_minutes": int(status.extended_by / datetime.timedelta(minutes=1)),
        "cards_issued": status.cards_issued,
        "cards_used": status.cards_used,
        "ballots": status.records,
        "outbox": {
            "pending": status.outbox.pending,
            "refused": status.outbox.refused,
            "next_attempt": None if next_attempt is None else next_attempt.isoformat(),
        },
        "incidents": status.incidents,
    }

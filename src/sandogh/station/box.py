"""The ballot box's use cases, each one transaction of the station's own store.

DESIGN.md §3 and issue 3 ("The station app"). The day: `enrol` (the centre's enrolment document),
`open` (the signed zero report, printed and queued), `start_voting`, `check_in` and `cast` while
voting (and `extend`), `close`, `count` (the cast-vote records into the tally sheets; a paper
station's sheets come from blind double entry, `count_paper`), `report` (the signed report,
printed with QR codes and queued), and `sync` whenever the link allows. `core.station` decides
what each phase allows; a refused action raises its `ActionRefusedError` and changes nothing.

Casting (`box_ballots`: the confirm step, the sealed ballot and, on an end-to-end verifiable box,
`prepare` and `challenge`), check-in (`box_check_in`, online and offline) and the count and its
signed reports (`box_report`) are the box's too.

Secrecy at rest (issue 9 §1): at opening the box draws its count key and keeps only its public
half and the secret's shares sealed to the registered staff (`count_key`); `count` needs two of the
staff's keys (or the only one) to open the sealed ballots, in memory.

End-to-end verifiable (docs/e2e.md §7): on a box enrolled with the E2E context, `open` starts the
chain after the zero report and `close` closes it; the final report commits to the close and to
the encrypted tally's hash; `report` queues the chain file for the centre after the report.

Offline (DESIGN.md §3): the outbox lives in the store, so it survives a restart; `sync` sends what
is due and backs off exponentially, up to a bound, from an item that could not be sent. A refusal
by the centre is kept, not retried, and noted as an incident, as is every duplicate the centre
reports; a final report the centre refused is signed again by the staff (`report`), the new
signed report superseding the refused one while the station stays reported
(`core.station.ReportAgain`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.report import (
    CloseReconciliation,
    Papers,
    ReportKind,
    SigningKey,
    StaffRole,
    StationReport,
    report_from_records,
)
from sandogh.core.station import (
    EXTENSION_STEP,
    Action,
    Close,
    Event,
    Extend,
    Open,
    Phase,
    StartVoting,
    require,
    transition,
)
from sandogh.station import ballot_chain
from sandogh.station.box_ballots import Ballots
from sandogh.station.box_check_in import CheckIn
from sandogh.station.box_report import Reporting
from sandogh.station.count import paper_problems
from sandogh.station.count_key import draw
from sandogh.station.courier import SyncOutcome
from sandogh.station.errors import AlreadyEnrolledError, PaperAccountError
from sandogh.station.local_outbox import LocalIncident, OutboxSummary
from sandogh.station.polling_days import require_polling_day
from sandogh.station.setup import OfflinePolicy, StationSetup, read_enrolment
from sandogh.station.voting_mode import require_approved

CLOSE_RECONCILIATION = "close-reconciliation"  # the incident that keeps the close's figures


@dataclass(frozen=True)
class Status:
    setup: StationSetup
    phase: Phase
    extended_by: datetime.timedelta
    device: str
    cards_issued: int
    cards_used: int
    records: int
    outbox: OutboxSummary
    incidents: int
    cards_cancelled: int = 0  # of `cards_issued`: cancelled by the staff, charged again


class Box(CheckIn, Ballots, Reporting):
    """One ballot box: its store, its device key, the centre it talks to and its printer."""

    # ---- set-up and opening -------------------------------------------------------------------

    def enrol(self, *, election: str, station: str, policy: OfflinePolicy) -> StationSetup:
        """Enrol this box's key for `station` with the centre and keep what it answers."""
        with self.store.transaction() as tx:
            held = tx.station()
            if held is not None:
                raise AlreadyEnrolledError(held.setup.election, held.setup.station)
        document = self._centre.enrol(election=election, station=station, build=self.build)
        setup = read_enrolment(document, election=election, station=station, policy=policy)
        kept = json.dumps(document, ensure_ascii=False, sort_keys=True, default=str)
        with self.store.transaction() as tx:
            held = tx.station()
            if held is not None:
                raise AlreadyEnrolledError(held.setup.election, held.setup.station)
            tx.enrol(setup, kept)
        return setup

    def open(
        self,
        papers_received: Mapping[str, int],
        staff: Sequence[tuple[StaffRole, SigningKey]] = (),
    ) -> StationReport:
        """Open with the signed zero report: every count 0, the ballot papers received per contest
        shown as received and unused, signed by the device and by `staff` (those who checked it
        at the kiosk). It is printed and queued for the centre. The count key is
        drawn and split among the station's registered staff; with none, `StaffKeyError`. Not on
        polling day or after its latest close by the box's clock, `OutsidePollingError`."""
        with self._station() as (tx, station):
            require(station.lifecycle, Action.OPEN)
            setup = station.setup
            require_approved(setup.mode, setup.approved, setup.contests)
            require_polling_day(setup.polling, self._clock())
            problems = paper_problems(papers_received, setup, "papers_received")
            if problems:
                raise PaperAccountError(problems)
            tx.set_count_key(draw(member.key for member in setup.staff))
            report = report_from_records(
                kind=ReportKind.ZERO,
                election=setup.election,
                definition_hash=setup.definition_hash,
                station=setup.station,
                device=self.key.public_key,
                sequence=station.reports_signed + 1,
                ballot=setup.ballot,
                records=(),
                papers={c: Papers(received=n, unused=n) for c, n in papers_received.items()},
            )
            report, signed, data = self._sign(report, staff)
            tx.set_received(papers_received)
            if setup.e2e is not None:
                zero = "sha256:" + hashlib.sha256(data).hexdigest()
                start = ballot_chain.start(setup.e2e, setup.station, self.key.public_key, zero)
                tx.set_chain_start(start)
            self._keep(tx, station, Open(hashlib.sha256(data).hexdigest()), report, data)
        self._print(report, signed, data)
        return report

    def start_voting(self) -> None:
        self._move(StartVoting())

    def extend(self, by: datetime.timedelta = EXTENSION_STEP) -> None:
        self._move(Extend(by))

    def close(
        self, reconciled: CloseReconciliation | None = None, staff: Sequence[str] = ()
    ) -> None:
        """Close voting (and the E2E chain), then rewrite the file so it keeps no trace of the
        order of voting. `reconciled`, the staff's reconciliation at the close (the figures and
        their words for any mismatch; `core.report.reconciliation` refuses a mismatch without
        them), is kept with who closed (`staff`) for the minutes and the final report, which
        carries it to the centre; one with a mismatch is also noted here as the incident
        `close-reconciliation`, with the counts and words only, never a card's token. The unused
        cards' tags of their voters (`box_check_in`) go with the close."""
        with self._pending_lock:
            self._pending = None
            with self._station(compacted=True) as (tx, station):
                tx.save_lifecycle(transition(station.lifecycle, Close()))
                tx.forget_card_holders()  # no card is cancelled after the close
                if reconciled is not None:
                    tx.set_reconciled({**reconciled.document(), "staff": list(staff)})
                    if reconciled.mismatches():
                        tx.add_incident(CLOSE_RECONCILIATION, self._clock(), reconciled.document())
                head, e2e = tx.chain_head(), station.setup.e2e
                if head is not None and e2e is not None:
                    tx.set_chain_close(ballot_chain.close(e2e, head))

    def _move(self, event: Event) -> None:
        with self._station() as (tx, station):
            tx.save_lifecycle(transition(station.lifecycle, event))

    # ---- the link to the centre ---------------------------------------------------------------

    def sync(self) -> SyncOutcome:
        """Send what is due in the outbox (`courier`)."""
        with self._station() as (_, station):
            setup = station.setup
        return self._courier.send(setup, self._clock())

    # ---- what the operator sees ---------------------------------------------------------------

    def incidents(self) -> list[LocalIncident]:
        """What the box has noted for the supervisors, oldest first."""
        with self._station() as (tx, _):
            return tx.incidents()

    def status(self) -> Status:
        with self._station() as (tx, station):
            issued, used = tx.card_counts()
            return Status(
                setup=station.setup,
                phase=station.lifecycle.phase,
                extended_by=station.lifecycle.extended_by,
                device=self.key.public_key.text,
                cards_issued=issued,
                cards_used=used,
                records=tx.record_count(),
                outbox=tx.outbox_summary(),
                incidents=len(tx.incidents()),
                cards_cancelled=tx.cards_cancelled(),
            )

"""The ballot box's use cases, each one transaction of the station's own store.

DESIGN.md §3 and issue 3 ("The station app"). The day: `enrol` (the centre's enrolment document),
`open` (the signed zero report, printed and queued), `start_voting`, `check_in` and `cast` while
voting (and `extend`), `close`, `count` (the cast-vote records into the tally sheets; a paper
station's sheets come from blind double entry, `count_paper`), `report` (the signed report,
printed with QR codes and queued), and `sync` whenever the link allows. `core.station` decides
what each phase allows; a refused action raises its `ActionRefusedError` and changes nothing.

Casting is the confirm step: the card is marked used and the ballot written in one transaction,
and only then is the voter's paper copy printed into the sealed box. A crash between the two loses
one paper copy, never a confirmed ballot; the staff see it as one paper fewer than the box counted.

Secrecy at rest (issue 9 §1): at opening the box draws its count key and keeps only its public
half and the secret's shares sealed to the registered staff (`count_key`); every ballot is padded
to one length and sealed to it when cast, and `count` needs two of the staff's keys (or the only
one) to open them, in memory. The paper copy goes to the printer's device only, never to the box's
disk (`ports.Printer.print_copy`).

End-to-end verifiable (docs/e2e.md §7): a box enrolled with the E2E context encrypts every
ballot and chains it. `prepare` encrypts the voter's choices with a fresh ballot nonce ξ_B and
shows the ballot's confirmation code; the prepared ballot, with ξ_B, is held in memory only, one
per box (preparing again replaces it; a crash loses it, and the card is still unused). `cast`
then does what a cast always did, and in the same transaction appends the encrypted ballot to
the chain; ξ_B is dropped. `challenge` appends it opened, with ξ_B and its choices, prints it as
challenged and leaves the card unused. `cast(token, choices)` on an E2E box prepares and casts
in one call; on a box without the E2E context it is the cast of issue 9, and its only form.
`close` closes the chain; the final report commits to the close and to the encrypted tally's
hash; `report` queues the chain file for the centre after the report.

Offline (DESIGN.md §3): when the centre cannot be reached the station's policy decides: `refuse`
the voter, or check them in provisionally, queuing the check-in and issuing a local card in one
transaction. The outbox lives in the store, so it survives a restart; `sync` sends what is due
and backs off exponentially, up to a bound, from an item that could not be sent. A refusal by the
centre is kept, not retried, and noted as an incident, as is every duplicate the centre reports.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.report import (
    CastVoteRecord,
    Choice,
    Papers,
    RecordError,
    ReportKind,
    SignedReport,
    SigningKey,
    StaffRole,
    StationReport,
    check_record,
    decode_record,
    decode_report,
    decode_signed,
    encode_record,
    encode_report,
    encode_signed,
    record_bound,
    report_from_records,
    sign_as_staff,
    sign_report,
)
from sandogh.core.station import (
    EXTENSION_STEP,
    Action,
    Close,
    Count,
    Event,
    Extend,
    Open,
    Phase,
    Report,
    StartVoting,
    require,
    transition,
)
from sandogh.core.voters import NationalCodeError, parse_national_code
from sandogh.station import ballot_chain
from sandogh.station.ballot_chain import OpenedBallot, Pending, PreparedBallot
from sandogh.station.count import count_entered, count_records, paper_problems
from sandogh.station.count_key import draw, recover, seal
from sandogh.station.courier import Backoff, Courier, SyncOutcome, offline_payload
from sandogh.station.errors import (
    AlreadyEnrolledError,
    BallotFlowError,
    BallotFlowRefusal,
    BallotRejectedError,
    CardRefusal,
    CardRefusedError,
    CentreAnswerError,
    NotEnrolledError,
    PaperAccountError,
)
from sandogh.station.local_store import (
    Card,
    LocalIncident,
    LocalStore,
    OutboxKind,
    OutboxSummary,
    StoredStation,
    Transaction,
)
from sandogh.station.ports import (
    CentreClient,
    CentreRefusedError,
    CentreUnreachableError,
    Printer,
)
from sandogh.station.printouts import (
    challenged_lines,
    paper_copy_lines,
    receipt_lines,
    report_lines,
)
from sandogh.station.qr import qr_parts
from sandogh.station.setup import OfflinePolicy, StationSetup, read_enrolment


class LocalRefusal(StrEnum):
    """Why the box itself refuses a voter, before or without the centre."""

    INVALID_CODE = "invalid-code"  # `CheckInRefused.detail` holds core.voters' CodeFault
    CENTRE_UNREACHABLE = "centre-unreachable"  # and the station's policy is `refuse`
    CHECKED_IN_HERE = "checked-in-here"  # an offline check-in of this voter is queued here


@dataclass(frozen=True)
class IssuedCard:
    """Leave to cast one ballot in `contests`; `provisional` when checked in offline."""

    token: str
    contests: tuple[str, ...]
    provisional: bool = False


@dataclass(frozen=True)
class CheckInRefused:
    reason: str  # the centre's reason, or a `LocalRefusal`
    by_centre: bool
    detail: str = ""


CheckInOutcome = IssuedCard | CheckInRefused


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


_BACKOFF = Backoff()
#: a station's one sealed length, worked out once: every cast needs it, and a 300-candidate
#: Majlis ballot takes milliseconds to bound (bench/box.py)
_record_bound = functools.lru_cache(maxsize=8)(record_bound)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _new_token() -> str:
    return "local-" + secrets.token_hex(16)


def _new_nonce() -> bytes:
    return secrets.token_bytes(ballot_chain.BALLOT_NONCE_BYTES)


class Box:
    """One ballot box: its store, its device key, the centre it talks to and its printer."""

    def __init__(
        self,
        store: LocalStore,
        key: SigningKey,
        centre: CentreClient,
        printer: Printer,
        *,
        clock: Callable[[], datetime.datetime] = _utc_now,
        new_token: Callable[[], str] = _new_token,
        new_nonce: Callable[[], bytes] = _new_nonce,
        backoff: Backoff = _BACKOFF,
    ) -> None:
        self.store = store
        self.key = key
        self._centre = centre
        self._printer = printer
        self._clock = clock
        self._new_token = new_token
        self._new_nonce = new_nonce
        self._courier = Courier(store, centre, backoff)
        # the prepared ballot, with its nonce: in this process's memory only (docs/e2e.md §7)
        self._pending: Pending | None = None
        self._pending_lock = threading.RLock()  # `cast` with choices prepares under it

    @contextmanager
    def _station(self) -> Iterator[tuple[Transaction, StoredStation]]:
        with self.store.transaction() as tx:
            station = tx.station()
            if station is None:
                raise NotEnrolledError
            yield tx, station

    # ---- set-up and opening -------------------------------------------------------------------

    def enrol(self, *, election: str, station: str, policy: OfflinePolicy) -> StationSetup:
        """Enrol this box's key for `station` with the centre and keep what it answers."""
        with self.store.transaction() as tx:
            held = tx.station()
            if held is not None:
                raise AlreadyEnrolledError(held.setup.election, held.setup.station)
        document = self._centre.enrol(election=election, station=station)
        setup = read_enrolment(document, election=election, station=station, policy=policy)
        kept = json.dumps(document, ensure_ascii=False, sort_keys=True, default=str)
        with self.store.transaction() as tx:
            held = tx.station()
            if held is not None:
                raise AlreadyEnrolledError(held.setup.election, held.setup.station)
            tx.enrol(setup, kept)
        return setup

    def open(self, papers_received: Mapping[str, int]) -> StationReport:
        """Open with the signed zero report: every count 0, the ballot papers received per contest
        shown as received and unused. It is printed and queued for the centre. The count key is
        drawn and split among the station's registered staff; with none, `StaffKeyError`."""
        with self._station() as (tx, station):
            require(station.lifecycle, Action.OPEN)
            setup = station.setup
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
            signed, data = self._sign(report, ())
            tx.set_received(papers_received)
            if setup.e2e is not None:
                zero = "sha256:" + hashlib.sha256(data).hexdigest()
                start = ballot_chain.start(setup.e2e, setup.station, self.key.public_key, zero)
                tx.set_chain_start(start)
            self._keep(tx, station, Open(hashlib.sha256(data).hexdigest()), report, data)
        self._printer.print_lines(report_lines(report, signed, data), qr=qr_parts(data))
        return report

    def start_voting(self) -> None:
        self._move(StartVoting())

    def extend(self, by: datetime.timedelta = EXTENSION_STEP) -> None:
        self._move(Extend(by))

    def close(self) -> None:
        """Close voting (and the E2E chain), then rewrite the file so it keeps no trace of the
        order of voting."""
        with self._pending_lock:
            self._pending = None
            with self._station() as (tx, station):
                tx.save_lifecycle(transition(station.lifecycle, Close()))
                head, e2e = tx.chain_head(), station.setup.e2e
                if head is not None and e2e is not None:
                    tx.set_chain_close(ballot_chain.close(e2e, head))
        self.store.compact()

    def _move(self, event: Event) -> None:
        with self._station() as (tx, station):
            tx.save_lifecycle(transition(station.lifecycle, event))

    # ---- voting -------------------------------------------------------------------------------

    def check_in(self, national_code: str) -> CheckInOutcome:
        """A ballot card for the voter, from the centre or, offline, under the station's policy."""
        try:
            code = parse_national_code(national_code).digits
        except NationalCodeError as error:
            return CheckInRefused(LocalRefusal.INVALID_CODE, by_centre=False, detail=error.fault)
        with self._station() as (_, station):
            require(station.lifecycle, Action.CHECK_IN)
            setup = station.setup
        try:
            answer = self._centre.check_in(
                election=setup.election, station=setup.station, national_code=code
            )
        except CentreUnreachableError:
            return self._offline(code)
        except CentreRefusedError as error:
            return CheckInRefused(error.reason, by_centre=True, detail=str(error))
        if answer.token is None:
            if answer.refusal is None:
                raise CentreAnswerError([Problem("", "neither a card nor a refusal")])
            return CheckInRefused(answer.refusal, by_centre=True)
        unknown = [c for c in answer.contests if c not in setup.contests]
        if unknown or not answer.contests:
            raise CentreAnswerError(
                [Problem("contests", f"{c} is not on this station's ballot") for c in unknown]
                or [Problem("contests", "a card for no contest")]
            )
        with self._station() as (tx, station):
            require(station.lifecycle, Action.CHECK_IN)
            if not tx.add_card(answer.token, answer.contests):
                raise CentreAnswerError([Problem("token", "a card of this token was issued")])
        return IssuedCard(answer.token, answer.contests)

    def _offline(self, code: str) -> CheckInOutcome:
        now = self._clock()
        with self._station() as (tx, station):
            require(station.lifecycle, Action.CHECK_IN)
            if station.setup.policy is OfflinePolicy.REFUSE:
                return CheckInRefused(LocalRefusal.CENTRE_UNREACHABLE, by_centre=False)
            if not tx.enqueue(OutboxKind.CHECK_IN, code, offline_payload(code, now), now):
                return CheckInRefused(LocalRefusal.CHECKED_IN_HERE, by_centre=False)
            token, contests = self._new_token(), station.setup.contests
            tx.add_card(token, contests)
        return IssuedCard(token, contests, provisional=True)

    def prepare(self, token: str, choices: Sequence[Choice]) -> PreparedBallot:
        """Encrypt the voter's choices (checked as a cast checks them) and code them after the
        chain's head: what the voter sees before casting or challenging. Nothing is written."""
        record = _record(choices)
        with self._pending_lock:
            self._pending = None
            with self._station() as (tx, station):
                setup = station.setup
                if setup.e2e is None:
                    raise BallotFlowError(BallotFlowRefusal.NOT_E2E)
                require(station.lifecycle, Action.CAST)
                _check_card(tx.card(token), record, setup)
                head = tx.chain_head()
            if head is None:
                raise AssertionError("an E2E station that is voting holds its chain")
            self._pending = ballot_chain.prepare(
                setup.e2e,
                setup.station,
                setup.ballot,
                head,
                token=token,
                record=record,
                nonce=self._new_nonce(),
            )
            return self._pending.prepared

    def cast(
        self, token: str, choices: Sequence[Choice] | None = None, *, code: bytes | None = None
    ) -> None:
        """The confirm step. On an E2E box, `cast(token)` casts the ballot prepared for the
        card (with `code`, only if it is the ballot of that confirmation code: the one the voter
        saw); with `choices` it prepares and casts at once. On a box without the E2E context the
        voter's choice in every contest of their card (no codes for a blank vote) is given here.
        Card used and ballot written, sealed (and on an E2E box appended to the chain), in one
        transaction; then the paper copy."""
        with self._station() as (_, station):
            e2e = station.setup.e2e is not None
        if not e2e:
            if choices is None:
                raise BallotFlowError(BallotFlowRefusal.CHOICES_NEEDED)
            self._cast(token, _record(choices), None)
            return
        with self._pending_lock:
            if choices is not None:
                self.prepare(token, choices)
            pending = self._take(token, code)
            self._cast(token, pending.record, pending)
            readable = pending.prepared.readable
            del pending  # ξ_B is forgotten with it
        with self._station() as (_, station):
            setup = station.setup
        self._printer.print_lines(receipt_lines(setup, readable))

    def _cast(self, token: str, record: CastVoteRecord, pending: Pending | None) -> None:
        with self._station() as (tx, station):
            setup = station.setup
            require(station.lifecycle, Action.CAST)
            _check_card(tx.card(token), record, setup)
            key = tx.count_key()
            if key is None:
                raise AssertionError("a station that is voting holds its count key")
            tx.consume(token)
            tx.add_record(seal(key.public, encode_record(record), _record_bound(setup.ballot)))
            if pending is not None:
                ballot_chain.require_head(tx.chain_head(), pending)
                tx.append_chain(ballot_chain.cast_entry(pending))
        code = None if pending is None else pending.prepared.readable
        self._printer.print_copy(paper_copy_lines(setup, record, code))

    def challenge(self, token: str, *, code: bytes | None = None) -> OpenedBallot:
        """Open the ballot prepared for the card (with `code`, only the ballot of that
        confirmation code): kept in the chain as challenged with its nonce and choices, never
        counted, printed for the voter as such; the card stays unused."""
        with self._pending_lock:
            pending = self._take(token, code)
            with self._station() as (tx, station):
                setup = station.setup
                require(station.lifecycle, Action.CAST)
                _check_card(tx.card(token), pending.record, setup)
                ballot_chain.require_head(tx.chain_head(), pending)
                tx.append_chain(ballot_chain.challenged_entry(pending, setup.ballot))
        prepared = pending.prepared
        self._printer.print_lines(
            challenged_lines(setup, pending.record, prepared.readable, pending.nonce)
        )
        return OpenedBallot(prepared.token, prepared.code, pending.nonce, pending.record.choices)

    def _take(self, token: str, code: bytes | None) -> Pending:
        """The ballot prepared for `token` (and of `code` when given), no longer held whatever
        happens next: a ballot whose code differs from the one shown is dropped, never cast."""
        pending, self._pending = self._pending, None
        if pending is None or pending.prepared.token != token:
            raise BallotFlowError(BallotFlowRefusal.NOTHING_PREPARED)
        if code is not None and pending.prepared.code != code:
            raise BallotFlowError(BallotFlowRefusal.CODE_DIFFERS)
        return pending

    # ---- counting and the report --------------------------------------------------------------

    def count(
        self,
        spoiled: Mapping[str, int] | None = None,
        *,
        staff: Sequence[tuple[StaffRole, SigningKey]],
    ) -> StationReport:
        """Count the ballots into the tally sheets (`count.count_records`), with the ballot
        papers `spoiled` per contest as counted by hand. The keys of two registered `staff` (or
        of the only one) open the count key in memory (`count_key.recover`, whose
        `StaffKeyError` names what is wrong); only the counted report is stored."""
        given = dict(spoiled or {})
        with self._station() as (tx, station):
            require(station.lifecycle, Action.COUNT)
            setup = station.setup
            key = tx.count_key()
            if key is None:
                raise AssertionError("a closed station holds its count key")
            registered = [(member.role, member.key) for member in setup.staff]
            opener = recover(key, registered, staff, _record_bound(setup.ballot))
            records = [decode_record(opener.open(sealed)) for sealed in tx.records()]
            report = count_records(tx, station, self.key.public_key, given, records)
            if setup.e2e is not None:
                commitment = ballot_chain.commitment(tx, setup, len(records))
                report = dataclasses.replace(report, e2e=commitment)
            tx.set_spoiled(given)
            self._counted(tx, station, report)
        return report

    def count_paper(self) -> StationReport:
        """A paper station's count: the sheets agreed by blind double entry (`double_entry`)."""
        with self._station() as (tx, station):
            require(station.lifecycle, Action.COUNT)
            report = count_entered(tx, station, self.key.public_key)
            self._counted(tx, station, report)
        return report

    @staticmethod
    def _counted(tx: Transaction, station: StoredStation, report: StationReport) -> None:
        tx.set_counted(encode_report(report))
        tx.save_lifecycle(transition(station.lifecycle, Count()))

    def report(self, staff: Sequence[tuple[StaffRole, SigningKey]] = ()) -> SignedReport:
        """Sign the counted report (device, then each of `staff`), print it with its QR codes and
        queue it for the centre."""
        with self._station() as (tx, station):
            require(station.lifecycle, Action.REPORT)
            if station.counted is None:
                raise AssertionError("a counted station holds its counted report")
            report = decode_report(station.counted)
            signed, data = self._sign(report, staff)
            self._keep(tx, station, Report(hashlib.sha256(data).hexdigest()), report, data)
            if report.e2e is not None:
                chain = self._export(tx, station)
                tx.enqueue(OutboxKind.BALLOT_CHAIN, report.kind.value, chain, self._clock())
        self._printer.print_lines(report_lines(report, signed, data), qr=qr_parts(data))
        return signed

    def export_chain(self) -> bytes:
        """The box's chain file (docs/e2e.md §7), once voting has closed."""
        with self._station() as (tx, station):
            return self._export(tx, station)

    def _export(self, tx: Transaction, station: StoredStation) -> bytes:
        return ballot_chain.export(tx, station.setup.station, self.key.public_key)

    def reprint(self, kind: ReportKind) -> bool:
        """Print a signed report again (after a paper jam); False if there is none of `kind`."""
        with self._station() as (tx, _):
            data = tx.signed(kind.value)
        if data is None:
            return False
        signed = decode_signed(data)
        report = decode_report(signed.report)
        self._printer.print_lines(report_lines(report, signed, data), qr=qr_parts(data))
        return True

    def _sign(
        self, report: StationReport, staff: Sequence[tuple[StaffRole, SigningKey]]
    ) -> tuple[SignedReport, bytes]:
        signed = sign_report(report, self.key)
        for role, key in staff:
            signed = sign_as_staff(signed, role, key)
        return signed, encode_signed(signed)

    def _keep(
        self,
        tx: Transaction,
        station: StoredStation,
        event: Open | Report,
        report: StationReport,
        data: bytes,
    ) -> None:
        tx.save_lifecycle(transition(station.lifecycle, event))
        tx.save_signed(report.kind.value, report.sequence, data)
        tx.enqueue(OutboxKind.REPORT, report.kind.value, data, self._clock())

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
            )


def _record(choices: Sequence[Choice]) -> CastVoteRecord:
    try:
        return CastVoteRecord(tuple(choices))
    except RecordError as error:
        raise BallotRejectedError(error.problems) from error


def _check_card(card: Card | None, record: CastVoteRecord, setup: StationSetup) -> None:
    if card is None:
        raise CardRefusedError(CardRefusal.UNKNOWN)
    if card.consumed:
        raise CardRefusedError(CardRefusal.USED)
    problems = _card_problems(record, card.contests)
    problems.extend(check_record(record, setup.ballot))
    if problems:
        raise BallotRejectedError(problems)


def _card_problems(record: CastVoteRecord, contests: Sequence[str]) -> list[Problem]:
    chosen = {choice.contest for choice in record.choices}
    problems = [
        Problem(f"choices[{c}]", "the card has this contest: choose, or press blank")
        for c in contests
        if c not in chosen
    ]
    problems.extend(
        Problem(f"choices[{c}]", "the voter's card does not allow this contest")
        for c in sorted(chosen - set(contests))
    )
    return problems

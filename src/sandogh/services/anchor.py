"""The pre-election record: drafted from the store, signed by officials, sealed, amended.

DESIGN.md §6 and issue 9, section 2 (`core.anchor`). The record is drafted from what the store
holds — the loaded definition's hash, every station with a ballot, its enrolled boxes not revoked
and its registered staff — with the authorities and threshold the election HQ gives. Officials
sign it on their own machines (`sandogh anchor sign`); their signatures are added one by one, each
checked as it comes, and the record is sealed once k of them, of both bodies, are present
(`core.anchor.verify_record`). Until then a new draft may replace it (its signatures, over other
bytes, are dropped); once sealed it never changes, and only an amendment signed by k officials
(`core.anchor.verify_amendments`) adds a box or a member of staff.

Sealing is refused when the store's boxes or staff have changed since the draft (sealed, the
record would leave them uncovered: draft it again), and once any station's zero report has been
accepted: a record sealed after polls
open would let whoever runs the centre choose, having seen the day begin, which keys it trusts.
An amendment replacing a box is refused once that station's final report is accepted: the box
that signed it would then no longer cover it.
Each step is an event of the log. The centre then refuses a report from a box the record and its
amendments do not cover (`services.report_checks`, `services.record_coverage`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from enum import StrEnum

from sandogh.core.anchor import (
    Amendment,
    Authority,
    E2EKeys,
    OfficialSignature,
    PreElectionRecord,
    RecordError,
    SignedAmendment,
    StationKeys,
    amendment_hash,
    amendment_problems,
    amendment_staff_conflict,
    decode_record,
    encode_amendment,
    encode_record,
    fingerprint,
    verify_record,
)
from sandogh.core.anchor.signing import AMENDMENT_LINE, RECORD_LINE, threshold_problems
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType, JSONValue
from sandogh.core.report import PublicKey, ReportKind
from sandogh.core.report.staff import Conflict, RegisteredStaff
from sandogh.locale.anchor_refusals import anchor_refusal_text
from sandogh.locale.staff_refusals import staff_refusal
from sandogh.services.days import day_of
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.ports import StoredAmendment, StoredRecord, UnitOfWork


class AnchorRefusal(StrEnum):
    NO_RECORD = "no-record"  # no record drafted for the election
    SEALED = "sealed"  # the record is sealed: only an amendment changes what it covers
    NOT_SEALED = "not-sealed"  # an amendment to a record not yet sealed
    MALFORMED = "malformed"  # a record or amendment that is not well made
    OTHER_RECORD = "other-record"  # signatures or a file of bytes other than the stored draft
    NOT_AN_OFFICIAL = "not-an-official"
    BAD_SIGNATURE = "bad-signature"
    TOO_FEW_SIGNATURES = "too-few-signatures"
    POLLS_OPEN = "polls-open"  # a zero report was accepted: too late to seal
    STALE_DRAFT = "stale-draft"  # boxes or staff enrolled or revoked since: draft it again
    STATION_REPORTED = "station-reported"  # a box replaced after its station's final report
    REWRITTEN = "rewritten"  # a sealed record whose bytes are not those the seal's entry names
    # stored amendments other than those the log's entries name (one deleted, added, rewritten)
    AMENDMENTS_REWRITTEN = "amendments-rewritten"


class AnchorError(SandoghError):
    """A step on the record refused for `reason`, with every problem; `fa` and `en` word it
    for a person (`locale.anchor_refusals`; a staff conflict, more closely, `_worded`)."""

    fa: str | None = None
    en: str | None = None

    def __init__(self, reason: AnchorRefusal, problems: Iterable[Problem]) -> None:
        self.reason = reason
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"pre-election record refused ({reason}): {shown}{more}")
        count = len(self.problems)
        self.fa = anchor_refusal_text(reason.value, "fa", count=count)
        self.en = f"{anchor_refusal_text(reason.value, 'en', count=count)} {shown}{more}".strip()


def draft_record(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    authorities: Sequence[Authority],
    threshold: int,
    now: datetime.datetime,
    actor: str = SYSTEM,
    e2e: E2EKeys | None = None,
) -> StoredRecord:
    """Draft the election's record from the store (see the module docstring), in place of any
    draft before; a sealed record is never replaced. `e2e`, the guardians' joint key and HE once
    their ceremony is finished, joins it (`sandogh guardians finish`)."""
    with uow() as work:
        day = day_of(work, election_id)
        _refuse_sealed(work.records.get(election_id))
        record = PreElectionRecord(
            election_id,
            day.definition_hash,
            threshold,
            tuple(authorities),
            _stations(work, election_id),
            e2e,
        )
        try:
            data = encode_record(record)
            decode_record(data)  # every check a reader makes, made before anyone signs
        except RecordError as error:
            raise AnchorError(AnchorRefusal.MALFORMED, error.problems) from error
        work.records.draft(election_id, data, now)
        _record(work, EventType.RECORD_DRAFTED, election_id, data, now=now, actor=actor)
        work.commit()
    return StoredRecord(election_id, data, (), now)


def _stations(work: UnitOfWork, election_id: str) -> tuple[StationKeys, ...]:
    """Every station with a ballot, its boxes not revoked and its registered staff, as stored."""
    day = day_of(work, election_id)
    staff: dict[str, list[RegisteredStaff]] = {}
    for member in work.staff.of_election(election_id):
        staff.setdefault(member.station, []).append(member)
    boxes: dict[str, list[PublicKey]] = {}
    for device in work.devices.of_election(election_id):  # one read, not one a station
        if device.revoked_at is None:
            boxes.setdefault(device.station, []).append(PublicKey(bytes.fromhex(device.public_key)))
    return tuple(
        StationKeys(code, tuple(boxes.get(code, ())), tuple(staff.get(code, ())))
        for code in day.geography.stations
        if day.ballot(code)
    )


def add_signature(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    signature: OfficialSignature,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> StoredRecord:
    """Add one official's signature of the draft: refused unless it is an official's and verifies
    over the stored draft. The same signature again changes nothing."""
    with uow() as work:
        stored = _unsealed(work, election_id)
        record = decode_record(stored.data)
        if signature in stored.signatures:
            return stored
        problems = threshold_problems(record, RECORD_LINE, stored.data, [signature])
        if any(p.path.startswith("signatures[") for p in problems):
            official = signature.key in record.officials
            reason = AnchorRefusal.BAD_SIGNATURE if official else AnchorRefusal.NOT_AN_OFFICIAL
            raise AnchorError(reason, [p for p in problems if p.path.startswith("signatures[")])
        if any(s.key == signature.key for s in stored.signatures):
            return stored  # an official signing again signs the same bytes: nothing to add
        work.records.add_signature(election_id, signature)
        _record(
            work,
            EventType.RECORD_SIGNED,
            election_id,
            stored.data,
            now=now,
            actor=actor,
            details={"official": record.officials[signature.key].name, "key": signature.key.text},
        )
        work.commit()
        return StoredRecord(
            election_id, stored.data, (*stored.signatures, signature), stored.drafted_at
        )


def seal_record(
    uow: UnitOfWorkFactory, *, election_id: str, now: datetime.datetime, actor: str = SYSTEM
) -> StoredRecord:
    """Seal the draft, once k officials of both bodies have signed it and before any station's
    zero report is accepted."""
    with uow() as work:
        stored = _unsealed(work, election_id)
        record = decode_record(stored.data)
        problems = verify_record(record, stored.signatures)
        if problems:
            raise AnchorError(AnchorRefusal.TOO_FEW_SIGNATURES, problems)
        now_held = {keys.station: keys for keys in _stations(work, election_id)}
        stale = [
            Problem(f"stations[{keys.station}]", "its boxes or staff changed since the draft")
            for keys in record.stations
            if now_held.get(keys.station) != keys
        ]
        if stale:  # sealed, it would leave them uncovered on election day
            raise AnchorError(AnchorRefusal.STALE_DRAFT, stale)
        opened = [
            report.station
            for report in work.reports.all(election_id)
            if report.kind == ReportKind.ZERO.value
        ]
        if opened:
            raise AnchorError(
                AnchorRefusal.POLLS_OPEN,
                [Problem("", f"{len(opened)} stations sent their zero report, {opened[0]} first")],
            )
        work.records.seal(election_id, now)
        _record(work, EventType.RECORD_SEALED, election_id, stored.data, now=now, actor=actor)
        work.commit()
    return StoredRecord(election_id, stored.data, stored.signatures, stored.drafted_at, now)


def amend_record(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    amendment: Amendment,
    signatures: Sequence[OfficialSignature],
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> StoredAmendment:
    """Add a signed amendment to the sealed record: it must follow the last one and be signed by
    k officials of both bodies."""
    with uow() as work:
        stored = _sealed(work, election_id)
        record = decode_record(stored.data)
        before = [each.signed.amendment for each in stored_amendments(work, election_id)]
        problems = amendment_problems(record, before, amendment)
        if problems:
            raise _worded(AnchorError(AnchorRefusal.MALFORMED, problems), record, before, amendment)
        _refuse_reported(work, election_id, amendment)
        data = encode_amendment(amendment)
        problems = threshold_problems(record, AMENDMENT_LINE, data, signatures)
        if problems:
            raise AnchorError(AnchorRefusal.TOO_FEW_SIGNATURES, problems)
        added = StoredAmendment(
            election_id, len(before) + 1, SignedAmendment(amendment, tuple(signatures)), now
        )
        work.records.add_amendment(added)
        _record(
            work,
            EventType.RECORD_AMENDED,
            election_id,
            stored.data,
            now=now,
            actor=actor,
            details={
                "number": added.number,
                "amendment": amendment_hash(amendment),
                "station": amendment.station,
                "key": amendment.key.text,
                "reason": amendment.reason,
            },
        )
        work.commit()
    return added


def _worded(
    error: AnchorError,
    record: PreElectionRecord,
    before: Sequence[Amendment],
    amendment: Amendment,
) -> AnchorError:
    """`error` worded in Persian and English (`fa`, `en`, as `sandogh anchor amend` prints it)
    when it adds a second head or secretary, or a person in a second role (review S19 R7)."""
    found = amendment_staff_conflict(record, before, amendment)
    if found is not None and amendment.staff is not None:
        conflict, held = found
        error.fa, error.en = (
            staff_refusal(
                conflict.value,
                lang,
                station=amendment.station,
                person=held.person if conflict is Conflict.ROLE_FILLED else amendment.staff.person,
                role=held.role,
            )
            for lang in ("fa", "en")
        )
    return error


def record_of(
    uow: UnitOfWorkFactory, *, election_id: str
) -> tuple[StoredRecord, list[StoredAmendment]]:
    """The election's record as stored, and its amendments; `AnchorError` (`NO_RECORD`) if none."""
    with uow() as work:
        day_of(work, election_id)
        stored = stored_record(work, election_id)
        if stored is None:
            raise AnchorError(AnchorRefusal.NO_RECORD, [Problem("", f"{election_id} has none")])
        return stored, stored_amendments(work, election_id)


def stored_record(work: UnitOfWork, election_id: str) -> StoredRecord | None:
    """The election's record as stored (None if none is drafted), once sealed held to its
    seal: `AnchorError` (`REWRITTEN`) unless its bytes are those the seal's log entry
    fingerprinted (~15 ms of SHA-256 nationally). The store's fingerprint column is a copy kept
    for look-ups, rewritable with the bytes; the log's entry is chained and anchored: what
    observers carry from the sealing ceremony is what every reader of the sealed record (the
    reports' intake, the publisher, `anchor show`, an amendment, a build's approval) is held to."""
    stored = work.records.get(election_id)
    if stored is not None and stored.sealed_at is not None:
        _hold_to_seal(work, stored)
    return stored


def stored_amendments(work: UnitOfWork, election_id: str) -> list[StoredAmendment]:
    """The sealed record's amendments as stored, held to the log: `AnchorError`
    (`AMENDMENTS_REWRITTEN`) unless they are, in order, the ones its `record-amended` entries
    number and hash. Officials' signatures keep an amendment from being forged, but not from
    being deleted: the last one dropped by SQL leaves a chain that still verifies, and a box it
    replaced (lost, or stolen) would be back on record, its reports taken again."""
    stored = work.records.amendments(election_id)
    found = [(each.number, amendment_hash(each.signed.amendment)) for each in stored]
    logged = [
        (entry.event.details.get("number"), entry.event.details.get("amendment"))
        for entry in work.events.of_type(EventType.RECORD_AMENDED, election_id)
    ]
    if found != logged:
        at = next(
            (n for n, pair in enumerate(zip(found, logged, strict=False)) if pair[0] != pair[1]),
            min(len(found), len(logged)),
        )
        raise AnchorError(
            AnchorRefusal.AMENDMENTS_REWRITTEN,
            [
                Problem(
                    f"amendments[{at}]",
                    f"the store holds {len(found)} amendment(s), the log's entries name "
                    f"{len(logged)}; the first that differs is number {at + 1}",
                )
            ],
        )
    return stored


def _hold_to_seal(work: UnitOfWork, stored: StoredRecord) -> None:
    seals = work.events.of_type(EventType.RECORD_SEALED, stored.election)
    logged = seals[-1].event.details.get("fingerprint") if seals else None
    found = fingerprint(stored.data)
    if found != logged:
        raise AnchorError(
            AnchorRefusal.REWRITTEN,
            [
                Problem(
                    "record",
                    f"its bytes' fingerprint is {found}, the log's seal says {logged}: "
                    "it is not the record sealed",
                )
            ],
        )


def _refuse_reported(work: UnitOfWork, election_id: str, amendment: Amendment) -> None:
    """A box is replaced before its station reports: replaced after its final report was
    accepted, the key that signed that report would sign no more final reports, and an honest
    snapshot would no longer verify against the record and its amendments."""
    if amendment.device is None or amendment.replaces is None:
        return
    if work.reports.get(election_id, amendment.station, ReportKind.FINAL.value) is not None:
        raise AnchorError(
            AnchorRefusal.STATION_REPORTED,
            [Problem("replaces", f"{amendment.station}'s final report is already accepted")],
        )


def _refuse_sealed(stored: StoredRecord | None) -> None:
    if stored is not None and stored.sealed_at is not None:
        raise AnchorError(
            AnchorRefusal.SEALED,
            [Problem("", f"sealed at {stored.sealed_at.isoformat()}; amend it instead")],
        )


def _unsealed(work: UnitOfWork, election_id: str) -> StoredRecord:
    stored = work.records.get(election_id)
    _refuse_sealed(stored)
    return stored if stored is not None else _no_record(work, election_id)


def _sealed(work: UnitOfWork, election_id: str) -> StoredRecord:
    stored = stored_record(work, election_id)
    if stored is None:
        return _no_record(work, election_id)
    if stored.sealed_at is None:
        raise AnchorError(AnchorRefusal.NOT_SEALED, [Problem("", "seal the record first")])
    return stored


def _no_record(work: UnitOfWork, election_id: str) -> StoredRecord:
    day_of(work, election_id)  # an unknown election is named as such
    raise AnchorError(AnchorRefusal.NO_RECORD, [Problem("", f"{election_id} has no record")])


def _record(
    work: UnitOfWork,
    type_: EventType,
    election_id: str,
    data: bytes,
    *,
    now: datetime.datetime,
    actor: str,
    details: dict[str, JSONValue] | None = None,
) -> None:
    work.events.record(
        Event(
            time=now,
            actor=actor,
            role=SYSTEM,
            place="",
            type=type_,
            disposition=Disposition.DONE,
            details={"election": election_id, "fingerprint": fingerprint(data), **(details or {})},
        )
    )

"""The sealed pre-election record of `sandogh simulate` and `sandogh demo --live` (issue 9,
section 2; issue 10, docs/e2e.md §8): a rehearsal trusts what a real election trusts.

Once every box of the day is enrolled and its staff registered, and before any zero report, the
record is drafted from the store (`services.anchor.draft_record`, as `sandogh anchor draft`),
with the guardians' joint key and HE when the day is end-to-end verifiable (`anchor draft
--e2e`), signed by two of the three simulated officials — of both bodies, as sealing requires —
and sealed (`anchor sign`, `anchor seal`). The centre then refuses a report from a box or staff
the record does not cover, the publisher publishes it in `data/<election>/anchor/`, and its
fingerprint is what the guardians are given (`guardians decrypt --anchor`) and what
`verify-results --anchor` is told.

The live demo's centre has a log key of its own (`sandogh log keygen`, docs/publish.md "The
supervisory decisions"): the record lists it (body `log`), the centre signs the event log's
checkpoints with it (`serve --log-key`) and the publisher attests the snapshot with it (`publish
--log-key`), so that `verify-results` holds the published decisions to the log, not to the
publisher's word.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from sandogh.cli.anchor import e2e_keys
from sandogh.core.anchor import (
    Authority,
    Body,
    decode_record,
    fingerprint,
    sign_bytes,
    sign_record,
)
from sandogh.core.fleet.build_signatures import BUILD_LINE, BuildAction, encode_decision
from sandogh.core.report import PublicKey, SigningKey
from sandogh.formats.key_file import write_key_file
from sandogh.services.acting import Actor
from sandogh.services.anchor import (
    AnchorError,
    AnchorRefusal,
    add_signature,
    draft_record,
    record_of,
    seal_record,
)
from sandogh.services.build_approvals import propose_build, sign_build
from sandogh.services.elections import UnitOfWorkFactory

#: the simulated officials: (who, body, name shown); the first `THRESHOLD` sign, of both bodies
OFFICIALS = (
    ("hq-chief", Body.HQ, "رئیس ستاد انتخابات / Election HQ chief"),
    ("board-chair", Body.SUPERVISORY_BOARD, "رئیس هیئت نظارت / Supervisory board chair"),
    ("hq-deputy", Body.HQ, "معاون ستاد انتخابات / Election HQ deputy"),
)
THRESHOLD = 2
SIGNER = "simulated officials"  # the actor the log names for the record's steps
LOG_KEY = "log.key"  # the centre's log key in the demo's folder
LOG_NAME = "کلید لاگ مرکز / The centre's log key"


def fresh_log_key(folder: Path) -> SigningKey:
    """A new log key in `folder` (as `sandogh log keygen --out`), the last run's replaced: a
    demo's keys need not outlive it."""
    (folder / LOG_KEY).unlink(missing_ok=True)
    return write_key_file(folder / LOG_KEY)


def official_keys(seed: int) -> tuple[tuple[Authority, SigningKey], ...]:
    """Each simulated official and their key, drawn from `seed` (as `station_staff`: a
    simulation's keys need to be made again, not kept secret)."""
    keys = []
    for who, body, name in OFFICIALS:
        key = SigningKey.from_seed(hashlib.sha256(f"{seed}:official:{who}".encode()).digest())
        keys.append((Authority(name, body, key.public_key), key))
    return tuple(keys)


def seal_day_record(
    uow: UnitOfWorkFactory,
    *,
    election: str,
    seed: int,
    ceremony: Path | None,
    log_key: PublicKey | None = None,
) -> str:
    """Draft the election's record from the store (with the guardians' `ceremony` record's joint
    key and HE, when given, and the centre's `log_key` listed), have `THRESHOLD` officials sign
    it, and seal it; `AnchorError` as `sandogh anchor seal` (a zero report already accepted, a box
    enrolled since the draft). The sealed record's fingerprint."""
    now = datetime.datetime.now(datetime.UTC)
    officials = official_keys(seed)
    logs = [] if log_key is None else [Authority(LOG_NAME, Body.LOG, log_key)]
    drafted = draft_record(
        uow,
        election_id=election,
        authorities=[authority for authority, _ in officials] + logs,
        threshold=THRESHOLD,
        now=now,
        actor=SIGNER,
        e2e=None if ceremony is None else e2e_keys(ceremony),
    )
    record = decode_record(drafted.data)
    for _, key in officials[:THRESHOLD]:
        signature = sign_record(record, key)
        add_signature(uow, election_id=election, signature=signature, now=now, actor=SIGNER)
    sealed = seal_record(uow, election_id=election, now=now, actor=SIGNER)
    return fingerprint(sealed.data)


def approve_build_by_officials(
    uow: UnitOfWorkFactory, actor: Actor, *, election: str, seed: int, build: str, label: str
) -> None:
    """Have the national headquarters (`actor`) propose `build` and `THRESHOLD` officials sign
    it (review S19 F7: a build takes effect once k officials have signed), drafting the record
    that names the officials first when none is drafted; `seal_day_record` drafts it again."""
    now = datetime.datetime.now(datetime.UTC)
    officials = official_keys(seed)
    try:
        record_of(uow, election_id=election)
    except AnchorError as none:
        if none.reason is not AnchorRefusal.NO_RECORD:
            raise
        authorities = [authority for authority, _ in officials]
        draft_record(
            uow,
            election_id=election,
            authorities=authorities,
            threshold=THRESHOLD,
            now=now,
            actor=SIGNER,
        )
    proposal = propose_build(
        uow, actor, election, build, action=BuildAction.APPROVE, label=label, now=now
    )
    data = encode_decision(proposal)
    signatures = [sign_bytes(BUILD_LINE, data, key) for _, key in officials[:THRESHOLD]]
    sign_build(
        uow, actor, election, build, action=BuildAction.APPROVE, signatures=signatures, now=now
    )

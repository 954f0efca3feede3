"""A build approved or revoked as the centre now asks (review S19 F7): the national headquarters
propose it and k officials of the election's pre-election record sign it — the record drafted
first, with the officials of `tests.core.anchor.build`, when none is stored."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from sandogh.core.anchor import sign_bytes
from sandogh.core.fleet.build_signatures import BUILD_LINE, BuildAction, encode_decision
from sandogh.core.report import SigningKey
from sandogh.services.acting import Actor
from sandogh.services.anchor import draft_record
from sandogh.services.build_approvals import propose_build, sign_build
from sandogh.services.elections import UnitOfWorkFactory
from tests.core.anchor.build import AUTHORITIES, SEALERS


def decided(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election: str,
    build: str,
    label: str = "",
    *,
    action: BuildAction = BuildAction.APPROVE,
    now: datetime.datetime,
    signers: Iterable[SigningKey] = SEALERS,
) -> None:
    """`actor` proposes `action` on `build` and `signers` sign it (all of k, by default)."""
    with uow() as work:
        drafted = work.records.get(election) is not None
    if not drafted:
        draft_record(uow, election_id=election, authorities=AUTHORITIES, threshold=3, now=now)
    proposal = propose_build(uow, actor, election, build, action=action, label=label, now=now)
    data = encode_decision(proposal)
    signatures = [sign_bytes(BUILD_LINE, data, key) for key in signers]
    sign_build(uow, actor, election, build, action=action, signatures=signatures, now=now)

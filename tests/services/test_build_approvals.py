"""A build approved and revoked by k officials of the pre-election record, on the in-memory
fake, SQLite and PostgreSQL; the attack of review S19 F7 mounted: one national account approved
any build, and revoked the day's build at noon to stop every report."""

from __future__ import annotations

import re

import pytest

from sandogh.core.anchor import sign_bytes
from sandogh.core.fleet import BuildDecisionError, BuildRefusal, build_refusal
from sandogh.core.fleet.build_signatures import BUILD_LINE, BuildAction, encode_decision
from sandogh.core.log import EventType
from sandogh.core.report import SigningKey
from sandogh.services.acting import AccessDeniedError
from sandogh.services.anchor import draft_record
from sandogh.services.build_approvals import build_proposals, propose_build, sign_build
from tests.core.anchor.build import AUTHORITIES, BOARD_CHAIR, BOARD_MEMBER, HQ_CHIEF, HQ_DEPUTY

from .build_signing import decided
from .test_fleet import (
    BUILD,
    ELECTION,
    NATIONAL,
    NOW,
    PROVINCIAL,
    NewUnitOfWork,
    uow,  # noqa: F401 (the fixture)
)

APPROVE, REVOKE = BuildAction.APPROVE, BuildAction.REVOKE


def _sign(uow: NewUnitOfWork, action: BuildAction, *keys: SigningKey) -> None:  # noqa: F811
    (proposal,) = [
        s.proposal
        for s in build_proposals(uow, NATIONAL, ELECTION, now=NOW)
        if s.proposal.action is action and s.proposal.build == BUILD
    ]
    data = encode_decision(proposal)
    signatures = [sign_bytes(BUILD_LINE, data, key) for key in keys]
    sign_build(uow, NATIONAL, ELECTION, BUILD, action=action, signatures=signatures, now=NOW)


def _refusal(uow: NewUnitOfWork) -> BuildRefusal | None:  # noqa: F811
    with uow() as work:
        refused = build_refusal(work.fleet.decisions(ELECTION), BUILD)
    return None if refused is None else refused[0]


def test_the_attack_one_account_approves_or_revokes_no_build(uow: NewUnitOfWork) -> None:  # noqa: F811
    decided(uow, NATIONAL, ELECTION, "sha256:" + "0" * 64, "۴.۱", now=NOW)  # the policy is on
    with pytest.raises(BuildDecisionError) as bad:
        propose_build(uow, NATIONAL, ELECTION, "v4.2", action=APPROVE, now=NOW)
    assert [p.path for p in bad.value.problems] == ["build", "label"]
    with pytest.raises(AccessDeniedError):  # the national headquarters propose
        propose_build(uow, PROVINCIAL, ELECTION, BUILD, action=APPROVE, label="۴.۲", now=NOW)
    propose_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, label=" ۴.۲ ", now=NOW)
    assert _refusal(uow) is BuildRefusal.UNAPPROVED_BUILD  # proposed: no box runs it yet
    with pytest.raises(BuildDecisionError, match="no official of the record"):
        _sign(uow, APPROVE, SigningKey.from_seed(b"x" * 32))
    _sign(uow, APPROVE, HQ_CHIEF, HQ_DEPUTY)  # two, of one body: k = 3, both bodies
    assert _refusal(uow) is BuildRefusal.UNAPPROVED_BUILD
    _sign(uow, APPROVE, BOARD_CHAIR)
    assert _refusal(uow) is None
    shown = build_proposals(uow, NATIONAL, ELECTION, now=NOW)
    assert [(s.proposal.label, s.signed, s.threshold, s.done) for s in shown][-1] == (
        "۴.۲",
        ("رئیس ستاد", "معاون ستاد", "رئیس هیئت نظارت"),
        3,
        True,
    )
    with pytest.raises(BuildDecisionError, match="already approved"):
        propose_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, label="۴.۲", now=NOW)
    # at noon one account stops nothing: the revocation waits for k officials
    propose_build(uow, NATIONAL, ELECTION, BUILD, action=REVOKE, now=NOW)
    _sign(uow, REVOKE, HQ_CHIEF, HQ_DEPUTY)
    assert _refusal(uow) is None
    _sign(uow, REVOKE, BOARD_MEMBER)
    assert _refusal(uow) is BuildRefusal.REVOKED_BUILD
    with uow() as work:
        logged = [e.event for e in work.events.entries()]
    revoked = [e for e in logged if e.type is EventType.BUILD_REVOKED]
    assert revoked[-1].details["officials"] == "رئیس ستاد, معاون ستاد, عضو هیئت نظارت"
    assert [e.type for e in logged].count(
        EventType.BUILD_SIGNED
    ) == 5  # one each time signatures come


def test_a_build_is_signed_only_once_a_record_names_the_officials(uow: NewUnitOfWork) -> None:  # noqa: F811
    propose_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, label="۴.۲", now=NOW)
    with pytest.raises(BuildDecisionError, match="has no pre-election record"):
        _sign(uow, APPROVE, HQ_CHIEF)
    draft_record(uow, election_id=ELECTION, authorities=AUTHORITIES, threshold=3, now=NOW)
    _sign(uow, APPROVE, HQ_CHIEF)
    with pytest.raises(BuildDecisionError, match="proposed already"):
        propose_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, label="۴.۲", now=NOW)


def _words(refused: BuildDecisionError, *shown: str) -> tuple[str, str]:
    """The refusal's Persian and English, and the Persian with what it names taken out: no
    word of English left in it."""
    assert refused.fa is not None
    assert refused.en is not None
    bare = refused.fa
    for value in (*shown, "sha256:", "sandogh anchor draft", "sandogh fleet sign-build", "--label"):
        bare = bare.replace(value, "")
    assert not re.search("[A-Za-z]", bare), refused.fa
    return refused.fa, refused.en


def test_every_refusal_of_a_build_decision_is_worded_in_persian_and_english(
    uow: NewUnitOfWork,  # noqa: F811
) -> None:
    with pytest.raises(BuildDecisionError) as malformed:
        propose_build(uow, NATIONAL, ELECTION, "v4.2", action=APPROVE, now=NOW)
    fa, en = _words(malformed.value, "v4.2")
    assert fa.splitlines()[1] == "«نام نسخه» (--label) خالی است."
    assert "is no build" in en.splitlines()[0]
    with pytest.raises(BuildDecisionError) as unapproved:
        propose_build(uow, NATIONAL, ELECTION, BUILD, action=REVOKE, now=NOW)
    assert "تأیید نشده است که لغو شود" in _words(unapproved.value, BUILD, ELECTION)[0]
    with pytest.raises(BuildDecisionError) as unproposed:
        sign_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, signatures=[], now=NOW)
    assert "پیشنهادی برای تأیید نسخه" in _words(unproposed.value, BUILD, ELECTION)[0]
    propose_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, label="۴.۲", now=NOW)
    with pytest.raises(BuildDecisionError) as twice:
        propose_build(uow, NATIONAL, ELECTION, BUILD, action=APPROVE, label="۴.۲", now=NOW)
    assert "پیشنهاد تأیید نسخه" in _words(twice.value, BUILD)[0]
    with pytest.raises(BuildDecisionError) as unrecorded:
        _sign(uow, APPROVE, HQ_CHIEF)
    assert "سیاهه پیش از انتخابات ندارد" in _words(unrecorded.value, ELECTION)[0]
    draft_record(uow, election_id=ELECTION, authorities=AUTHORITIES, threshold=3, now=NOW)
    stranger = SigningKey.from_seed(b"x" * 32)
    with pytest.raises(BuildDecisionError) as strange:
        _sign(uow, APPROVE, HQ_CHIEF, stranger)
    fa, en = _words(strange.value, stranger.public_key.text)
    assert fa == f"امضای ۲: کلید {stranger.public_key.text} از مقام‌های سیاهه پیش از انتخابات نیست."
    assert en.startswith("signature 2: the key")

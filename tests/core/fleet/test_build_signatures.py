"""A build decision's bytes, read back strictly, and the record's k-of-n rule over them (review
S19 F7): a signature made under another first line (an amendment's) counts for nothing."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from sandogh.core.anchor import AMENDMENT_LINE, RecordError, sign_bytes
from sandogh.core.fleet.build_signatures import (
    BUILD_LINE,
    BuildAction,
    BuildProposal,
    decision_signature_problems,
    decode_decision,
    encode_decision,
)

from ..anchor.build import BOARD_CHAIR, BOARD_MEMBER, HQ_CHIEF, record

AT = datetime.datetime(2024, 6, 20, 9, tzinfo=datetime.UTC)
PROPOSAL = BuildProposal("e", BuildAction.REVOKE, "sha256:" + "a1" * 32, "۴.۲", "hq", AT)


def test_a_decision_reads_back_and_nothing_else_does() -> None:
    data = encode_decision(PROPOSAL)
    assert decode_decision(data) == ("e", BuildAction.REVOKE, PROPOSAL.build, "۴.۲")
    for bad in (b"{}", data.replace(b"revoke", b"remove"), data + b" ", b"not json"):
        with pytest.raises(RecordError):
            decode_decision(bad)


def test_k_officials_of_both_bodies_sign_under_the_decisions_own_line() -> None:
    data = encode_decision(PROPOSAL)
    keys = (HQ_CHIEF, BOARD_CHAIR, BOARD_MEMBER)
    signed = dataclasses.replace(
        PROPOSAL, signatures=tuple(sign_bytes(BUILD_LINE, data, key) for key in keys)
    )
    assert decision_signature_problems(record(), signed) == []
    elsewhere = dataclasses.replace(
        PROPOSAL, signatures=tuple(sign_bytes(AMENDMENT_LINE, data, key) for key in keys)
    )
    problems = [str(p) for p in decision_signature_problems(record(), elsewhere)]
    assert "signatures: 0 valid signatures of distinct officials; the record asks for 3" in problems

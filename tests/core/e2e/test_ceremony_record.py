"""The end of the ceremony and its record (`docs/e2e.md` §5): who is named, a dismissed
complaint, and a record whose every key and hash is recomputed on reading."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.ceremony import GuardianPublic, publish
from sandogh.core.e2e.ceremony_files import Plan, PlannedGuardian
from sandogh.core.e2e.ceremony_record import (
    CeremonyError,
    conclude,
    decode_record,
    encode_record,
)
from sandogh.core.e2e.share_encryption import (
    Complaint,
    EncryptedShare,
    Reveal,
    ShareFault,
    encrypt_share,
)
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.report.keys import SigningKey
from tests.core.e2e.ceremony_build import Ceremony, G, run

PLAN = Plan(
    "e1",
    "sha256:" + "ab" * 32,
    2,
    tuple(
        PlannedGuardian(f"G{i}", "hq", SigningKey.from_seed(bytes([i]) * 32).public_key)
        for i in (1, 2, 3)
    ),
)


Shares = dict[int, dict[int, EncryptedShare]]


def _ceremony() -> tuple[Ceremony, dict[int, GuardianPublic], Shares]:
    """The build's ceremony keyed with the plan's HB."""
    built = run()
    base = PLAN.base_hash(G)
    publics = {i: publish(G, base, s, [7, 8, 9]) for i, s in built.secrets.items()}
    shares = {
        i: {
            ell: encrypt_share(
                G,
                base,
                i,
                ell,
                recipient_key=publics[ell].ceremony_key.key,
                share=s.share_for(G, ell),
                nonce=built.nonces[i, ell],
            )
            for ell in built.secrets
            if ell != i
        }
        for i, s in built.secrets.items()
    }
    return built, publics, shares


def test_a_false_complaint_is_dismissed_and_listed() -> None:
    built, publics, shares = _ceremony()
    complaint = Complaint(3, 1, ShareFault.CHECK)
    reveal = Reveal(1, 3, built.nonces[1, 3], built.secrets[1].share_for(G, 3))
    record = conclude(
        G,
        PLAN,
        publics=publics,
        shares=shares,
        checks={1: [], 2: [], 3: [complaint]},
        reveals={1: {3: reveal}},
    )
    assert record.complaints == (complaint,)
    data = encode_record(G, record)
    assert decode_record(G, data, "election.json") == record
    assert json.loads(data)["complaints"] == [{"against": 1, "by": 3, "reason": "check"}]


def test_a_missing_check_and_an_unanswered_complaint_are_named() -> None:
    _, publics, shares = _ceremony()
    with pytest.raises(CeremonyError, match="guardian 2 \\(G2\\) has not published its check"):
        conclude(G, PLAN, publics=publics, shares=shares, checks={1: [], 3: []}, reveals={})
    with pytest.raises(CeremonyError, match="guardian 1 \\(G1\\) sent a bad share to guardian 3"):
        conclude(
            G,
            PLAN,
            publics=publics,
            shares=shares,
            checks={1: [], 2: [], 3: [Complaint(3, 1, ShareFault.TAG)]},
            reveals={},
        )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d.update(joint_key=d["guardians"][0]["share_key"]), id="joint_key"),
        pytest.param(lambda d: d.update(extended_hash="00" * 32), id="extended_hash"),
        pytest.param(lambda d: d.update(quorum=3), id="quorum"),
        pytest.param(
            lambda d: d["guardians"][1]["commitments"][0]["proof"].update(c="00" * 32), id="proof"
        ),
        pytest.param(lambda d: d["guardians"][2].update(share_key=d["joint_key"]), id="share_key"),
    ],
)
def test_a_changed_record_is_refused(change: Callable[[Any], None]) -> None:
    _, publics, shares = _ceremony()
    record = conclude(
        G, PLAN, publics=publics, shares=shares, checks={1: [], 2: [], 3: []}, reveals={}
    )
    document = json.loads(encode_record(G, record))
    change(document)
    with pytest.raises(GuardianFileError, match=r"election\.json"):
        decode_record(G, canonical_json(document), "election.json")

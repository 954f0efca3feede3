"""The ceremony's files read strictly (`docs/e2e.md` §5): each problem named with its file and
field; a file of another ceremony, another guardian or changed after signing is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.ceremony import GuardianSecret, publish
from sandogh.core.e2e.ceremony_files import (
    Plan,
    PlannedGuardian,
    SecretState,
    decode_plan,
    decode_public,
    decode_secret,
    encode_public,
    encode_secret,
)
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.report.keys import SigningKey

G = RISTRETTO255
KEYS = [SigningKey.from_seed(bytes([i]) * 32) for i in (1, 2, 3)]
PLAN = Plan(
    "e1",
    "sha256:" + "ab" * 32,
    2,
    tuple(PlannedGuardian(f"G{i}", "hq", k.public_key) for i, k in enumerate(KEYS, 1)),
)
SECRET = GuardianSecret(1, (11, 12), 13)
PUBLIC = publish(G, PLAN.base_hash(G), SECRET, [1, 2, 3])


def test_the_plan_reads_back_and_names_its_problems() -> None:
    assert decode_plan(G, PLAN.data, "ceremony.json") == PLAN
    document = json.loads(PLAN.data)
    document["quorum"] = 4
    document["guardians"][2]["key"] = document["guardians"][0]["key"]
    with pytest.raises(GuardianFileError) as caught:
        decode_plan(G, canonical_json(document), "ceremony.json")
    assert caught.value.where == "ceremony.json"
    assert [p.path for p in caught.value.problems] == ["quorum", "guardians"]


def test_a_public_file_reads_back_and_a_changed_one_is_refused() -> None:
    data = encode_public(G, PLAN, PUBLIC, KEYS[0])
    assert decode_public(G, PLAN, data, "g1") == PUBLIC
    document = json.loads(data)
    document["commitments"][0]["key"] = document["commitments"][1]["key"]
    with pytest.raises(GuardianFileError, match="g1: signature"):
        decode_public(G, PLAN, canonical_json(document), "g1")
    signed_by_another = encode_public(G, PLAN, PUBLIC, KEYS[1])
    with pytest.raises(GuardianFileError, match="signature"):
        decode_public(G, PLAN, signed_by_another, "g1")
    other_plan = Plan("e2", PLAN.definition_hash, 2, PLAN.guardians)
    with pytest.raises(GuardianFileError, match="ceremony"):
        decode_public(G, other_plan, data, "g1")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["ceremony_key"].update(key="ff" * 32), "ceremony_key.key"),
        (lambda d: d["ceremony_key"]["proof"].update(c="FF" * 32), "ceremony_key.proof.c"),
        (lambda d: d["ceremony_key"]["proof"].update(v="ff" * 32), "ceremony_key.proof.v"),
    ],
)
def test_a_bad_field_is_named(change: Callable[[Any], None], path: str) -> None:
    document = json.loads(encode_public(G, PLAN, PUBLIC, KEYS[0]))
    change(document)
    with pytest.raises(GuardianFileError) as caught:
        decode_public(G, PLAN, canonical_json(document), "g1")
    assert path in [p.path for p in caught.value.problems]


def test_a_file_not_in_canonical_form_is_refused() -> None:
    data = encode_public(G, PLAN, PUBLIC, KEYS[0])
    with pytest.raises(GuardianFileError, match="canonical"):
        decode_public(G, PLAN, json.dumps(json.loads(data), indent=1).encode(), "g1")


def test_the_secret_file_reads_back() -> None:
    state = SecretState(SECRET, {2: 5, 3: 6})
    assert decode_secret(G, PLAN, encode_secret(G, PLAN, state), "s") == state

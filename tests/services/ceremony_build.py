"""A key ceremony of 3 guardians with quorum 2 run through `services.guardians`, for the tests of
the ceremony's steps (test_guardians.py) and of the tally's decryption (test_tally_decryption.py).
"""

from __future__ import annotations

import dataclasses
import random

from sandogh.core.e2e.ceremony_files import (
    PlannedGuardian,
    decode_plan,
    decode_secret,
    encode_secret,
)
from sandogh.core.report.keys import SigningKey
from sandogh.services import guardians as g
from sandogh.services.guardians import GROUP, Document

DEFINITION = "sha256:" + "ab" * 32
KEYS = {i: SigningKey.from_seed(bytes([i]) * 32) for i in (1, 2, 3)}
ROLES = {1: "hq", 2: "supervisory-board", 3: "observers"}


def draw(seed: int) -> g.Draw:
    rng = random.Random(seed)
    return lambda: rng.randrange(GROUP.q)


def _plan() -> Document:
    planned = [PlannedGuardian(f"G{i}", ROLES[i], KEYS[i].public_key) for i in (1, 2, 3)]
    return Document("ceremony.json", g.make_plan("e1", DEFINITION, 2, planned))


def docs(kind: str, files: dict[int, bytes]) -> list[Document]:
    return [Document(f"guardian-{i}.{kind}.json", data) for i, data in files.items()]


@dataclasses.dataclass
class Run:
    plan: Document
    secrets: dict[int, bytes]
    publics: list[Document]
    shares: dict[int, bytes]


def start(corrupt: int | None = None) -> Run:
    plan = _plan()
    secrets, publics = {}, {}
    for i in (1, 2, 3):
        index, secrets[i], publics[i] = g.init(plan, KEYS[i], draw(i))
        assert index == i
    if corrupt is not None:  # guardian `corrupt` sends 1 more than its polynomial's value
        parsed = decode_plan(GROUP, plan.data, "plan")
        state = decode_secret(GROUP, parsed, secrets[corrupt], "secret")
        wrong = dataclasses.replace(
            state.secret,
            coefficients=(state.secret.coefficients[0] + 1, *state.secret.coefficients[1:]),
        )
        bad = encode_secret(GROUP, parsed, dataclasses.replace(state, secret=wrong))
        secret_docs = {i: Document("s", secrets[i] if i != corrupt else bad) for i in (1, 2, 3)}
    else:
        secret_docs = {i: Document("s", secrets[i]) for i in (1, 2, 3)}
    public_docs = docs("public", publics)
    shares = {i: g.share(plan, secret_docs[i], public_docs, KEYS[i]) for i in (1, 2, 3)}
    return Run(plan, secrets, public_docs, shares)


def ceremony() -> tuple[Document, dict[int, bytes]]:
    run = start()
    checks, keys = {}, {}
    for i in (1, 2, 3):
        checked = g.check(
            run.plan,
            Document("s", run.secrets[i]),
            run.publics,
            docs("shares", run.shares),
            [],
            key=KEYS[i],
        )
        assert checked.complaints == ()
        assert checked.key is not None
        checks[i], keys[i] = checked.check, checked.key
    record, data = g.finish(
        run.plan, run.publics, docs("shares", run.shares), docs("check", checks), []
    )
    assert record.plan.quorum == 2
    assert len(record.guardians) == 3
    return Document("election.json", data), keys

"""The guardians' steps over their files (`services.guardians`): a whole ceremony of 3 with
quorum 2, a bad share and who is named, and a tally decrypted by any 2."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.ceremony_files import (
    PlannedGuardian,
    decode_plan,
    decode_secret,
    encode_secret,
)
from sandogh.core.e2e.ceremony_record import CeremonyError
from sandogh.core.e2e.decryption import CombinationError
from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.signed_json import GuardianFileError, sign_document
from sandogh.core.e2e.tally_files import Tally, TallyContest, decode_tally, encode_tally
from sandogh.core.e2e.tally_origin import ContestProduct
from sandogh.core.report.keys import SigningKey
from sandogh.services import guardians as g
from sandogh.services.guardians import GROUP, Document

DEFINITION = "sha256:" + "ab" * 32
KEYS = {i: SigningKey.from_seed(bytes([i]) * 32) for i in (1, 2, 3)}
ROLES = {1: "hq", 2: "supervisory-board", 3: "observers"}


def _draw(seed: int) -> g.Draw:
    rng = random.Random(seed)
    return lambda: rng.randrange(GROUP.q)


def _plan() -> Document:
    planned = [PlannedGuardian(f"G{i}", ROLES[i], KEYS[i].public_key) for i in (1, 2, 3)]
    return Document("ceremony.json", g.make_plan("e1", DEFINITION, 2, planned))


def _docs(kind: str, files: dict[int, bytes]) -> list[Document]:
    return [Document(f"guardian-{i}.{kind}.json", data) for i, data in files.items()]


@dataclasses.dataclass
class Run:
    plan: Document
    secrets: dict[int, bytes]
    publics: list[Document]
    shares: dict[int, bytes]


def _start(corrupt: int | None = None) -> Run:
    plan = _plan()
    secrets, publics = {}, {}
    for i in (1, 2, 3):
        index, secrets[i], publics[i] = g.init(plan, KEYS[i], _draw(i))
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
    public_docs = _docs("public", publics)
    shares = {i: g.share(plan, secret_docs[i], public_docs, KEYS[i]) for i in (1, 2, 3)}
    return Run(plan, secrets, public_docs, shares)


def _ceremony() -> tuple[Document, dict[int, bytes]]:
    run = _start()
    checks, keys = {}, {}
    for i in (1, 2, 3):
        checked = g.check(
            run.plan,
            Document("s", run.secrets[i]),
            run.publics,
            _docs("shares", run.shares),
            [],
            key=KEYS[i],
        )
        assert checked.complaints == ()
        assert checked.key is not None
        checks[i], keys[i] = checked.check, checked.key
    record, data = g.finish(
        run.plan, run.publics, _docs("shares", run.shares), _docs("check", checks), []
    )
    assert record.plan.quorum == 2
    assert len(record.guardians) == 3
    return Document("election.json", data), keys


def test_a_whole_ceremony_and_a_tally_decrypted_by_any_two() -> None:
    record_file, keys = _ceremony()
    record = g.read_record(record_file)
    ciphertexts = [
        encrypt(GROUP, record.joint_key, v, n) for v, n in ((7, 1), (0, 2), (62_000_000, 3))
    ]
    tally = Tally(
        "S1",
        (
            TallyContest(
                "C1",
                62_000_007,
                (("a", ciphertexts[0]), ("b", ciphertexts[1]), ("", ciphertexts[2])),
            ),
        ),
    )
    tally_file = Document("tally.json", encode_tally(tally))
    partials = {
        i: Document(
            f"p{i}",
            g.decrypt(
                record_file,
                Document("k", keys[i]),
                tally_file,
                KEYS[i],
                _draw(10 + i),
                products=_products(tally_file),
            ),
        )
        for i in (1, 2, 3)
    }
    for pair in ((1, 2), (1, 3), (2, 3)):
        combined = g.combine_tally(record_file, tally_file, [partials[i] for i in pair])
        assert combined.used == pair
        options = json.loads(combined.data)["contests"][0]["options"]
        assert [o["value"] for o in options] == [7, 0, 62_000_000]


def test_a_wrong_partial_decryption_is_left_out_and_named() -> None:
    record_file, keys = _ceremony()
    record = g.read_record(record_file)
    tally = Tally("S1", (TallyContest("C1", 1, (("a", encrypt(GROUP, record.joint_key, 1, 5)),)),))
    tally_file = Document("tally.json", encode_tally(tally))
    good = Document(
        "p1",
        g.decrypt(
            record_file,
            Document("k", keys[1]),
            tally_file,
            KEYS[1],
            _draw(1),
            products=_products(tally_file),
        ),
    )
    # guardian 2 decrypts with guardian 3's share, under its own key file name
    lying = json.loads(keys[3])
    lying["guardian"] = 2
    with pytest.raises(GuardianFileError, match="share"):
        g.decrypt(
            record_file,
            Document("k2", canonical_json(lying)),
            tally_file,
            KEYS[2],
            _draw(2),
            products=_products(tally_file),
        )
    with pytest.raises(CombinationError, match="quorum"):
        g.combine_tally(record_file, tally_file, [good])


def test_a_bad_share_is_complained_of_revealed_and_its_sender_named() -> None:
    run = _start(corrupt=2)
    checks = {}
    for i in (1, 3):
        checked = g.check(
            run.plan,
            Document("s", run.secrets[i]),
            run.publics,
            _docs("shares", run.shares),
            [],
            key=KEYS[i],
        )
        assert [(c.by, c.against) for c in checked.complaints] == [(i, 2)]
        assert checked.key is None
        checks[i] = checked.check
    # guardian 2's secret file is the honest one: its reveal does not give back what it signed
    revealed = g.reveal(run.plan, Document("s", run.secrets[2]), _docs("check", checks), KEYS[2])
    assert revealed is not None
    checks[2] = g.check(
        run.plan,
        Document("s", run.secrets[2]),
        run.publics,
        _docs("shares", run.shares),
        [],
        key=KEYS[2],
    ).check
    with pytest.raises(CeremonyError, match="guardian 2 \\(G2\\) sent a bad share") as caught:
        g.finish(
            run.plan,
            run.publics,
            _docs("shares", run.shares),
            _docs("check", checks),
            [Document("r", revealed)],
        )
    assert {f.guardian for f in caught.value.faults} == {2}
    # the review: guardian 2 never ran its check; the upheld complaint is named, first
    without = {i: checks[i] for i in (1, 3)}
    with pytest.raises(CeremonyError) as caught:
        g.finish(
            run.plan,
            run.publics,
            _docs("shares", run.shares),
            _docs("check", without),
            [Document("r", revealed)],
        )
    assert [f.reason for f in caught.value.faults] == [
        "sent a bad share to guardian 1 (G1)",
        "sent a bad share to guardian 3 (G3)",
        "has not published its check file",
    ]
    with pytest.raises(CeremonyError, match="guardian 2"):
        g.check(
            run.plan,
            Document("s", run.secrets[1]),
            run.publics,
            _docs("shares", run.shares),
            [Document("r", revealed)],
            key=KEYS[1],
        )
    # without a reveal, guardian 2 is named all the same
    with pytest.raises(CeremonyError, match="guardian 2"):
        g.finish(run.plan, run.publics, _docs("shares", run.shares), _docs("check", checks), [])


def test_a_file_of_another_guardian_or_changed_is_refused_by_name() -> None:
    run = _start()
    changed = run.publics[0].data.replace(b'"guardian":1', b'"guardian":2')
    with pytest.raises(GuardianFileError, match=r"guardian-1\.public\.json: signature"):
        g.share(
            run.plan,
            Document("s", run.secrets[1]),
            [Document("guardian-1.public.json", changed), *run.publics[1:]],
            KEYS[1],
        )
    with pytest.raises(CeremonyError, match="guardian 3 \\(G3\\) has published no public file"):
        g.share(run.plan, Document("s", run.secrets[1]), run.publics[:2], KEYS[1])


def test_a_wrong_signed_share_leaves_its_guardian_out_and_the_others_decrypt() -> None:
    record_file, keys = _ceremony()
    record = g.read_record(record_file)
    tally = Tally("S1", (TallyContest("C1", 3, (("a", encrypt(GROUP, record.joint_key, 3, 5)),)),))
    tally_file = Document("tally.json", encode_tally(tally))
    files = {
        i: g.decrypt(
            record_file,
            Document("k", keys[i]),
            tally_file,
            KEYS[i],
            _draw(i),
            products=_products(tally_file),
        )
        for i in (1, 2, 3)
    }
    document = json.loads(files[2])
    del document["signature"]
    document["contests"][0]["options"][0]["share"] = GROUP.generator.hex()
    wrong = sign_document(document, KEYS[2])  # signed by guardian 2: its own wrong share
    combined = g.combine_tally(
        record_file,
        tally_file,
        [Document("p1", files[1]), Document("p2", wrong), Document("p3", files[3])],
    )
    assert combined.used == (1, 3)
    assert [f.guardian for f in combined.left_out] == [2]
    assert "wrong partial decryption (p2, ciphertext 1)" in str(combined.left_out[0])
    assert json.loads(combined.data)["contests"][0]["options"][0]["value"] == 3


def _products(tally_file: Document) -> dict[str, dict[str, ContestProduct]]:
    """The tally taken as the chains' product: these tests are about decryption, the chains'
    check is `tally_origin`'s (tests/publish/test_e2e_record.py)."""
    made = decode_tally(GROUP, tally_file.data, tally_file.where)
    return {made.station: {c.contest: ContestProduct(c.ballots, c.options) for c in made.contests}}


def test_a_partial_with_a_broken_signature_is_left_out_and_the_others_combine() -> None:
    """§8: a guardian whose file fails is left out and named; two good partials still make the
    quorum (the review's finding: one broken signature aborted `combine`)."""
    record_file, keys = _ceremony()
    record = g.read_record(record_file)
    tally = Tally("S1", (TallyContest("C1", 3, (("a", encrypt(GROUP, record.joint_key, 3, 5)),)),))
    tally_file = Document("tally.json", encode_tally(tally))
    partials = {
        i: g.decrypt(
            record_file,
            Document("k", keys[i]),
            tally_file,
            KEYS[i],
            _draw(i),
            products=_products(tally_file),
        )
        for i in (1, 2, 3)
    }
    broken = json.loads(partials[2])
    broken["signature"] = "00" * 64
    files = [
        Document("p1", partials[1]),
        Document("p2", canonical_json(broken)),
        Document("p3", partials[3]),
    ]
    combined = g.combine_tally(record_file, tally_file, files)
    assert combined.used == (1, 3)
    assert [f.guardian for f in combined.left_out] == [2]
    assert "p2" in str(combined.left_out[0])
    assert json.loads(combined.data)["contests"][0]["options"][0]["value"] == 3

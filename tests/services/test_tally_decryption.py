"""The tally's decryption over the guardians' files (`services.tally_decryption`): a tally of a
ceremony of 3 with quorum 2 decrypted by any 2, and a wrong or broken partial decryption left out
and named."""

from __future__ import annotations

import json

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.decryption import CombinationError
from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.signed_json import GuardianFileError, sign_document
from sandogh.core.e2e.tally_files import Tally, TallyContest, decode_tally, encode_tally
from sandogh.core.e2e.tally_origin import ContestProduct
from sandogh.services import tally_decryption as d
from sandogh.services.guardians import GROUP, Document, read_record
from tests.services.ceremony_build import KEYS, ceremony, draw


def test_a_whole_ceremony_and_a_tally_decrypted_by_any_two() -> None:
    record_file, keys = ceremony()
    record = read_record(record_file)
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
            d.decrypt(
                record_file,
                Document("k", keys[i]),
                tally_file,
                KEYS[i],
                draw(10 + i),
                products=_products(tally_file),
            ),
        )
        for i in (1, 2, 3)
    }
    for pair in ((1, 2), (1, 3), (2, 3)):
        combined = d.combine_tally(record_file, tally_file, [partials[i] for i in pair])
        assert combined.used == pair
        options = json.loads(combined.data)["contests"][0]["options"]
        assert [o["value"] for o in options] == [7, 0, 62_000_000]


def test_a_wrong_partial_decryption_is_left_out_and_named() -> None:
    record_file, keys = ceremony()
    record = read_record(record_file)
    tally = Tally("S1", (TallyContest("C1", 1, (("a", encrypt(GROUP, record.joint_key, 1, 5)),)),))
    tally_file = Document("tally.json", encode_tally(tally))
    good = Document(
        "p1",
        d.decrypt(
            record_file,
            Document("k", keys[1]),
            tally_file,
            KEYS[1],
            draw(1),
            products=_products(tally_file),
        ),
    )
    # guardian 2 decrypts with guardian 3's share, under its own key file name
    lying = json.loads(keys[3])
    lying["guardian"] = 2
    with pytest.raises(GuardianFileError, match="share"):
        d.decrypt(
            record_file,
            Document("k2", canonical_json(lying)),
            tally_file,
            KEYS[2],
            draw(2),
            products=_products(tally_file),
        )
    with pytest.raises(CombinationError, match="quorum"):
        d.combine_tally(record_file, tally_file, [good])


def test_a_wrong_signed_share_leaves_its_guardian_out_and_the_others_decrypt() -> None:
    record_file, tally_file, files = _three_partials()
    document = json.loads(files[2])
    del document["signature"]
    document["contests"][0]["options"][0]["share"] = GROUP.generator.hex()
    wrong = sign_document(document, KEYS[2])  # signed by guardian 2: its own wrong share
    combined = d.combine_tally(
        record_file,
        tally_file,
        [Document("p1", files[1]), Document("p2", wrong), Document("p3", files[3])],
    )
    assert combined.used == (1, 3)
    assert [f.guardian for f in combined.left_out] == [2]
    assert "wrong partial decryption (p2, ciphertext 1)" in str(combined.left_out[0])
    assert json.loads(combined.data)["contests"][0]["options"][0]["value"] == 3


def test_a_partial_with_a_broken_signature_is_left_out_and_the_others_combine() -> None:
    """§8: a guardian whose file fails is left out and named; two good partials still make the
    quorum (the review's finding: one broken signature aborted `combine`)."""
    record_file, tally_file, partials = _three_partials()
    broken = json.loads(partials[2])
    broken["signature"] = "00" * 64
    files = [
        Document("p1", partials[1]),
        Document("p2", canonical_json(broken)),
        Document("p3", partials[3]),
    ]
    combined = d.combine_tally(record_file, tally_file, files)
    assert combined.used == (1, 3)
    assert [f.guardian for f in combined.left_out] == [2]
    assert "p2" in str(combined.left_out[0])
    assert json.loads(combined.data)["contests"][0]["options"][0]["value"] == 3


def _products(tally_file: Document) -> dict[str, dict[str, ContestProduct]]:
    """The tally taken as the chains' product: these tests are about decryption, the chains'
    check is `tally_origin`'s (tests/publish/test_e2e_record.py)."""
    made = decode_tally(GROUP, tally_file.data, tally_file.where)
    return {made.station: {c.contest: ContestProduct(c.ballots, c.options) for c in made.contests}}


def _three_partials() -> tuple[Document, Document, dict[int, bytes]]:
    """A ceremony's record, a tally of 3 votes, and each of the 3 guardians' partials of it."""
    record_file, keys = ceremony()
    record = read_record(record_file)
    tally = Tally("S1", (TallyContest("C1", 3, (("a", encrypt(GROUP, record.joint_key, 3, 5)),)),))
    tally_file = Document("tally.json", encode_tally(tally))
    partials = {
        i: d.decrypt(
            record_file,
            Document("k", keys[i]),
            tally_file,
            KEYS[i],
            draw(i),
            products=_products(tally_file),
        )
        for i in (1, 2, 3)
    }
    return record_file, tally_file, partials

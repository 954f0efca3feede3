"""The guardians of `sandogh simulate --e2e` (`cli.simulated_e2e`): a large contest's mix input
handed over with the tallies is mixed by the three guardians in turn and its rows decrypted by
guardians 1 and 3, in the files the publisher takes back (docs/e2e.md §11.5, "Files")."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.cli.simulated_e2e import decrypt_tallies, run_ceremony
from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.mix_files import MixInput, encode_input
from sandogh.publish.e2e_mixes import taken_back
from sandogh.services.guardians import GROUP, Document, read_record

ROWS = [(3, 300), (1, 2), (257, 258)]


def test_a_large_contest_is_mixed_and_its_rows_decrypted(tmp_path: Path) -> None:
    guardians = run_ceremony(tmp_path / "g", election="e1", definition_hash="sha256:" + "ab" * 32)
    record = guardians.record.read_bytes()
    key = read_record(Document("election.json", record)).joint_key
    rows = tuple(
        tuple(encrypt(GROUP, key, x, 11 * n + k + 1) for k, x in enumerate(row))
        for n, row in enumerate(ROWS)
    )
    given = MixInput("majlis", "M1", (("S1", 2), ("S2", 1)), rows)
    relative = "mixes/majlis/M1.json"
    (tmp_path / "tallies" / "mixes" / "majlis").mkdir(parents=True)
    (tmp_path / "tallies" / relative).write_bytes(encode_input(given))

    assert decrypt_tallies(guardians, tmp_path / "tallies", tmp_path / "out") == 1

    found = taken_back(tmp_path / "out", record, {relative: given})
    document = json.loads(found[relative])
    assert [m["guardian"] for m in document["mixes"]] == [1, 2, 3]
    values = [tuple(o["value"] for o in r["options"]) for r in document["rows"]["contests"]]
    assert sorted(values) == sorted(ROWS)
    shares = document["rows"]["contests"][0]["options"][0]["shares"]
    assert [s["guardian"] for s in shares] == [1, 3]

"""`sandogh guardians mix` and `rows` (docs/e2e.md §11.4, §11.5): two guardians shuffle a
constituency's rows in turn, the last rows are decrypted by `decrypt` and `combine` as a tally,
and give back the rows that went in, in another order; a mixer out of the ceremony's order is
refused."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.mix_files import MixInput, encode_input
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.formats.key_file import read_key_file
from sandogh.services.guardians import GROUP, Document, read_record
from sandogh.services.mixing import decrypt_rows
from sandogh.services.tally_decryption import decrypt
from tests.cli.test_guardians import _guardians, _run

ROWS = [(1, 4), (2, 3), (5, 6), (1, 2)]


def test_two_guardians_mix_and_two_decrypt_the_rows(tmp_path: Path) -> None:
    exchange, people = _guardians(tmp_path)
    for step in ("init", "share", "check"):
        for key_file, _ in people.values():
            _run("guardians", step, "--key", str(key_file), "--dir", str(exchange))
    record = tmp_path / "election.json"
    _run("guardians", "finish", "--dir", str(exchange), "--out", str(record))
    key = read_record(Document(str(record), record.read_bytes())).joint_key
    rows = tuple(
        tuple(encrypt(GROUP, key, x, 7 * n + k + 1) for k, x in enumerate(row))
        for n, row in enumerate(ROWS)
    )
    given = tmp_path / "input.json"
    given.write_bytes(encode_input(MixInput("majlis", "M1", (("S1", 3), ("S2", 1)), rows)))
    common = ("--record", str(record), "--input", str(given))
    mixes: list[str] = []
    for i in (1, 3):
        out = tmp_path / f"mix-{i}.json"
        previous = [x for m in mixes for x in ("--previous", m)]
        done = _run("guardians", "mix", "--key", str(people[i][0]), *common, *previous,
                    "--out", str(out), "--lang", "en")  # fmt: skip
        assert f"Guardian {i}: shuffle {len(mixes) + 1} of 4 rows" in done.stdout
        mixes.append(str(out))
    late = [x for m in mixes for x in ("--previous", m)]
    done = _run("guardians", "mix", "--key", str(people[2][0]), *common, *late,
                "--out", str(tmp_path / "late.json"), ok=False)  # fmt: skip
    assert "after guardian 3" in str(done.exception)
    to_decrypt = tmp_path / "rows.json"
    _run("guardians", "rows", *common, *mixes, "--out", str(to_decrypt))
    # the rows alone, as a tally, are refused (the CLI holds the snapshot first, which this
    # folder is not: `decrypt`'s own refusal is asked for directly)
    key_1 = Document("k", (people[1][1] / "guardian-1.key.json").read_bytes())
    with pytest.raises(GuardianFileError, match="decrypt them with their input and mixes"):
        decrypt(
            Document(str(record), record.read_bytes()),
            key_1,
            Document(str(to_decrypt), to_decrypt.read_bytes()),
            read_key_file(people[1][0]),
            lambda: secrets.randbelow(GROUP.q),
            products={},
        )
    # rows no published chain makes are refused (docs/e2e.md §8): here the snapshot has no
    # chain and no definition; the check against real chains is test_e2e_mixes's
    empty = tmp_path / "snapshot"
    (empty / "e2e" / "ballots").mkdir(parents=True)
    with_mixes = [x for m in mixes for x in ("--mix", m)]
    done = _run("guardians", "decrypt", "--key", str(people[1][0]), *common, *with_mixes,
                "--snapshot", str(empty), "--out", str(tmp_path / "p.json"), ok=False)  # fmt: skip
    assert "definition.json" in str(done.exception)
    partials = []
    record_file = Document(str(record), record.read_bytes())
    made = [Document(m, Path(m).read_bytes()) for m in mixes]
    for i in (1, 3):
        out = tmp_path / f"partial-{i}.json"
        key_file = Document("k", (people[i][1] / f"guardian-{i}.key.json").read_bytes())
        out.write_bytes(
            decrypt_rows(
                record_file,
                key_file,
                Document(str(given), given.read_bytes()),
                made,
                key=read_key_file(people[i][0]),
                draw=lambda: secrets.randbelow(GROUP.q),
            )
        )
        partials.append(str(out))
    decrypted = tmp_path / "decrypted.json"
    _run("guardians", "combine", "--record", str(record), "--tally", str(to_decrypt),
         *partials, "--out", str(decrypted))  # fmt: skip
    found = [
        tuple(o["value"] for o in row["options"])
        for row in json.loads(decrypted.read_bytes())["contests"]
    ]
    assert sorted(found) == sorted(ROWS)


def test_a_mix_of_other_rows_is_refused_by_the_next_mixer(tmp_path: Path) -> None:
    exchange, people = _guardians(tmp_path)
    for step in ("init", "share", "check"):
        for key_file, _ in people.values():
            _run("guardians", step, "--key", str(key_file), "--dir", str(exchange))
    record = tmp_path / "election.json"
    _run("guardians", "finish", "--dir", str(exchange), "--out", str(record))
    key = read_record(Document(str(record), record.read_bytes())).joint_key

    def write(name: str, values: list[tuple[int, int]]) -> Path:
        rows = tuple(tuple(encrypt(GROUP, key, x, 5 + x) for x in row) for row in values)
        path = tmp_path / name
        path.write_bytes(encode_input(MixInput("majlis", "M1", (("S1", len(rows)),), rows)))
        return path

    first, other = write("a.json", ROWS[:2]), write("b.json", ROWS[2:])
    mixed = tmp_path / "mix-1.json"
    _run("guardians", "mix", "--key", str(people[1][0]), "--record", str(record),
         "--input", str(first), "--out", str(mixed))  # fmt: skip
    done = _run("guardians", "mix", "--key", str(people[2][0]), "--record", str(record),
                "--input", str(other), "--previous", str(mixed), "--out",
                str(tmp_path / "mix-2.json"), ok=False)  # fmt: skip
    assert "mix-1.json" in str(done.exception)
    assert "proof" in str(done.exception)

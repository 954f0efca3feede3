"""`sandogh guardians` as three guardians run it, each with its own key file and private
directory, exchanging files in one directory; one guardian absent at decryption."""

from __future__ import annotations

import dataclasses
import json
import secrets
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.core.e2e.ceremony_files import decode_plan, decode_secret, encode_secret
from sandogh.core.e2e.elgamal import encrypt
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.tally_files import Tally, TallyContest, encode_tally
from sandogh.core.e2e.tally_origin import ContestProduct
from sandogh.formats.definition_file import load_definition
from sandogh.formats.key_file import read_key_file
from sandogh.services.guardians import GROUP, Document, read_record
from sandogh.services.tally_decryption import decrypt
from sandogh.services.tally_origin import check_tally

ROLES = {1: "hq", 2: "supervisory-board", 3: "observers"}


def _run(*args: str, ok: bool = True) -> Result:
    done = CliRunner().invoke(app, list(args))
    assert (done.exit_code == 0) == ok, done.output
    return done


def _guardians(tmp_path: Path) -> tuple[Path, dict[int, tuple[Path, Path]]]:
    exchange = tmp_path / "exchange"
    people = {}
    for i in ROLES:
        home = tmp_path / f"guardian{i}"
        home.mkdir(mode=0o700)  # a private folder: only its owner may enter it
        key = home / "key"
        public = _run("staff", "keygen", "--out", str(key)).stdout.strip()
        people[i] = (key, home, public)
    guardians = [f"{ROLES[i]}:G{i}:{people[i][2]}" for i in ROLES]
    _run(
        "guardians",
        "plan",
        "-e",
        "e1",
        "--definition-hash",
        "sha256:" + "cd" * 32,
        "--quorum",
        "2",
        *(x for g in guardians for x in ("--guardian", g)),
        "--dir",
        str(exchange),
        "--lang",
        "en",
    )
    return exchange, {i: (key, home) for i, (key, home, _) in people.items()}


def test_three_guardians_a_ceremony_and_a_tally_with_one_absent(tmp_path: Path) -> None:
    exchange, people = _guardians(tmp_path)
    for step in ("init", "share", "check"):
        for key, _ in people.values():
            _run("guardians", step, "--key", str(key), "--dir", str(exchange), "--lang", "en")
    for i, (_, home) in people.items():
        for private in (home / f"guardian-{i}.secret.json", home / f"guardian-{i}.key.json"):
            assert stat.S_IMODE(private.stat().st_mode) == 0o600
        assert not list(exchange.glob("*.secret.json"))
        assert not list(exchange.glob("*.key.json"))
    done = _run("guardians", "reveal", "--key", str(people[1][0]), "--dir", str(exchange))
    assert "شکایتی از شما نیست" in done.stdout
    record = tmp_path / "election.json"
    done = _run("guardians", "finish", "--dir", str(exchange), "--out", str(record), "--lang", "en")
    assert "Key ceremony finished" in done.stdout
    for i, (key, home) in people.items():
        done = _run("guardians", "forget", "--key", str(key), "--record", str(record))
        assert "پاک شد" in done.stdout
        assert not (home / f"guardian-{i}.secret.json").exists()
        assert (home / f"guardian-{i}.key.json").exists()  # z_i, to decrypt with
    parsed = read_record(Document(str(record), record.read_bytes()))
    values = [(5, 11), (0, 12), (1234, 13)]
    tally = Tally(
        "S1",
        (
            TallyContest(
                "C1",
                1239,
                tuple(
                    (code, encrypt(GROUP, parsed.joint_key, v, n))
                    for code, (v, n) in zip(("a", "b", ""), values, strict=True)
                ),
            ),
        ),
    )
    tally_file = tmp_path / "tally.json"
    tally_file.write_bytes(encode_tally(tally))
    # a snapshot with no definition, no record and no chain is refused; a tally no published
    # chain makes is refused, naming its station (docs/e2e.md §8)
    empty = tmp_path / "snapshot"
    (empty / "e2e" / "ballots").mkdir(parents=True)
    done = _run(
        "guardians",
        "decrypt",
        "--key",
        str(people[1][0]),
        "--record",
        str(record),
        "--tally",
        str(tally_file),
        "--snapshot",
        str(empty),
        "--out",
        str(tmp_path / "refused.json"),
        "--lang",
        "en",
        ok=False,
    )
    assert "definition.json: no such file" in str(done.exception)  # not the ceremony's
    with pytest.raises(GuardianFileError, match="S1 has no chain"):
        check_tally(tally, {}, str(tally_file))
    assert not (tmp_path / "refused.json").exists()
    partials = []
    record_file = Document(str(record), record.read_bytes())
    made = {"S1": {c.contest: ContestProduct(c.ballots, c.options) for c in tally.contests}}
    for i in (1, 3):  # guardian 2 is absent; the snapshot's check is test_e2e_record's
        out = tmp_path / f"partial-{i}.json"
        key_file = Document("k", (people[i][1] / f"guardian-{i}.key.json").read_bytes())
        out.write_bytes(
            decrypt(
                record_file,
                key_file,
                Document(str(tally_file), tally_file.read_bytes()),
                read_key_file(people[i][0]),
                lambda: secrets.randbelow(GROUP.q),
                products=made,
            )
        )
        partials.append(str(out))
    decrypted = tmp_path / "decrypted.json"
    done = _run(
        "guardians",
        "combine",
        "--record",
        str(record),
        "--tally",
        str(tally_file),
        *partials,
        "--out",
        str(decrypted),
    )
    assert "۱، ۳" in done.stdout
    options = json.loads(decrypted.read_bytes())["contests"][0]["options"]
    assert [o["value"] for o in options] == [5, 0, 1234]
    assert [[s["guardian"] for s in o["shares"]] for o in options] == [[1, 3]] * 3
    # one guardian alone is refused, in clear words
    done = _run(
        "guardians",
        "combine",
        "--record",
        str(record),
        "--tally",
        str(tally_file),
        partials[0],
        "--out",
        str(tmp_path / "x.json"),
        ok=False,
    )
    assert "quorum is 2" in str(done.exception)
    assert str(done.exception).startswith("فقط ۱ رمزگشایی بخشی درست رسیده است؛ حد نصاب ۲ است")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    exchange, people = _guardians(tmp_path)
    _run("guardians", "init", "--key", str(people[1][0]), "--dir", str(exchange))
    done = _run("guardians", "share", "--key", str(people[1][0]), "--dir", str(exchange), ok=False)
    assert "guardian 2 (G2) has published no public file" in str(done.exception)
    done = _run(
        "guardians", "finish", "--dir", str(exchange), "--out", str(tmp_path / "e"), ok=False
    )
    assert "guardian 3 (G3)" in str(done.exception)


def test_an_upheld_complaint_is_named_in_persian(tmp_path: Path) -> None:
    """The review: after `reveal`, `finish` named a missing check file and said it in English;
    it names the guardian who sent a bad share, Persian first."""
    exchange, people = _guardians(tmp_path)
    for key, _ in people.values():
        _run("guardians", "init", "--key", str(key), "--dir", str(exchange))
    # guardian 2 shares from a polynomial one off the one it committed to: bad shares
    secret_path = people[2][1] / "guardian-2.secret.json"
    honest = secret_path.read_bytes()
    plan = decode_plan(GROUP, (exchange / "ceremony.json").read_bytes(), "plan")
    state = decode_secret(GROUP, plan, honest, "secret")
    wrong = dataclasses.replace(
        state.secret,
        coefficients=(state.secret.coefficients[0] + 1, *state.secret.coefficients[1:]),
    )
    secret_path.write_bytes(encode_secret(GROUP, plan, dataclasses.replace(state, secret=wrong)))
    for key, _ in people.values():
        _run("guardians", "share", "--key", str(key), "--dir", str(exchange))
    secret_path.write_bytes(honest)
    for i in (1, 3):
        done = _run("guardians", "check", "--key", str(people[i][0]), "--dir", str(exchange))
        assert "از سهم امین ۲ شکایت شد (سهم با تعهدهای امینِ فرستنده نمی‌خواند)" in done.stdout
        assert "(check)" not in done.stdout
    _run("guardians", "reveal", "--key", str(people[2][0]), "--dir", str(exchange))
    done = _run(
        "guardians", "finish", "--dir", str(exchange), "--out", str(tmp_path / "e.json"), ok=False
    )
    message = str(done.exception)
    assert message.startswith(
        "مراسم کلید نمی‌تواند پایان یابد: امین ۲ (G2) سهم نادرستی برای امین ۱ (G1) فرستاده است"
    )
    assert "guardian 2 (G2) sent a bad share to guardian 1 (G1)" in message  # English after
    assert message.index("سهم نادرستی") < message.index("پرونده بررسی")


KERMAN = Path(__file__).resolve().parents[2] / "examples/kerman-1403/round2.yaml"


def test_plan_takes_the_definition_file(tmp_path: Path) -> None:
    """The review: `--definition-hash` needed a hash the HQ had to find; `--definition FILE`
    computes it as `sandogh load` does, the election id with it."""
    keys = [_run("staff", "keygen", "--out", str(tmp_path / f"k{i}")).stdout.strip() for i in ROLES]
    given = [x for i in ROLES for x in ("--guardian", f"{ROLES[i]}:G{i}:{keys[i - 1]}")]
    exchange = tmp_path / "exchange"
    _run("guardians", "plan", "--definition", str(KERMAN), "--quorum", "2", *given,
         "--dir", str(exchange))  # fmt: skip
    loaded = load_definition(KERMAN)
    planned = json.loads((exchange / "ceremony.json").read_bytes())
    assert (planned["election"], planned["definition_hash"]) == (
        loaded.election.id,
        loaded.definition_hash,
    )
    done = _run("guardians", "plan", "--definition", str(KERMAN), "-e", "other", "--quorum",
                "2", *given, "--dir", str(tmp_path / "x"), ok=False)  # fmt: skip
    assert done.exit_code == 2
    done = _run("guardians", "plan", "--quorum", "2", *given, "--dir", str(tmp_path / "y"),
                ok=False)  # fmt: skip
    assert done.exit_code == 2

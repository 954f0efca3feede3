"""`sandogh anchor` as the HQ and the officials run it, on a real database file (in this process:
each step a real process would take seconds; tests/cli/test_staff.py runs the key files' one)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.core.anchor import Body, decode_record, fingerprint, short_fingerprint
from sandogh.locale.digits import to_persian_digits

ELECTION = "kerman-1403-r2"
STATION = "ST-0801-0001"


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def sandogh(*args: str, db: str, check: bool = True) -> Result:
    done = _run(*args, "--db", db)
    assert done.exit_code == 0 or not check, done.output
    return done


def _keygen(path: Path) -> str:
    return _run("staff", "keygen", "--out", str(path)).stdout.strip()


def _failure(done: Result) -> str:
    assert done.exit_code != 0
    return str(done.exception)


def test_the_hq_drafts_officials_sign_the_centre_seals_and_amends(
    loaded_db: str, tmp_path: Path
) -> None:
    db = loaded_db
    head = _keygen(tmp_path / "head.key")
    staff = ("--election", ELECTION, "--station", STATION, "--person", "مریم کرمانی")
    hq = ("--as", "kerman-hq", "--role", "county-hq", "--place", "IR-08-0801")
    sandogh("staff", "add", *staff, "--station-role", "head", "--key", head, *hq, db=db)
    bodies = (Body.HQ, Body.HQ, Body.SUPERVISORY_BOARD)
    officials = [(tmp_path / f"official-{n}.key", body) for n, body in enumerate(bodies)]
    authorities = [
        f"--authority={body}:Official {n}:{_keygen(path)}"
        for n, (path, body) in enumerate(officials)
    ]
    record = tmp_path / "record.json"

    drafted = sandogh(
        "anchor", "draft", "--election", ELECTION, *authorities, "--threshold", "2",
        "--out", str(record), "--lang", "en", db=db,
    )  # fmt: skip
    data = record.read_bytes()
    assert fingerprint(data) in drafted.stdout
    assert decode_record(data).station(STATION).staff[0].key.text == head  # type: ignore[union-attr]

    stranger = tmp_path / "stranger.key"
    _keygen(stranger)
    refused = _run("anchor", "sign", str(record), "--key", str(stranger))
    assert "کلید امضاکننده از مقام‌های سیاهه پیش از انتخابات نیست" in _failure(refused)
    refused = _run("anchor", "sign", str(record), "--key", str(stranger), "--lang", "en")
    assert "is no official of the record" in _failure(refused)
    _run("anchor", "sign", str(record), "--key", str(officials[0][0]))
    signatures = tmp_path / "record.signatures.json"
    too_few = sandogh("anchor", "seal", "--election", ELECTION, str(record), str(signatures),
                      db=db, check=False)  # fmt: skip
    assert "امضاهای معتبر بس نیست" in _failure(too_few)
    assert "supervisory" not in _failure(too_few)  # no English on a Persian screen
    signed = _run("anchor", "sign", str(record), "--key", str(officials[2][0]), "--lang", "en")
    assert "2 signatures in" in signed.stdout

    sandogh("anchor", "seal", "--election", ELECTION, str(record), str(signatures), db=db)
    shown = sandogh("anchor", "show", "--election", ELECTION, db=db).stdout
    assert to_persian_digits(short_fingerprint(fingerprint(data))) in shown
    assert "مهرشده" in shown
    assert "سر کنونی زنجیره: خود سیاهه" in shown
    again = sandogh("anchor", "draft", "--election", ELECTION, *authorities, "--threshold", "2",
                    "--out", str(tmp_path / "again.json"), db=db, check=False)  # fmt: skip
    assert "سیاهه پیش از انتخابات مهر شده است" in _failure(again)

    box = _keygen(tmp_path / "box.key")
    amendment = tmp_path / "amendment.json"
    sandogh("anchor", "draft-amendment", "--election", ELECTION, "--station", STATION,
            "--reason", "a late box", "--device", box, "--out", str(amendment), db=db)  # fmt: skip
    for path, _ in officials:
        _run("anchor", "sign", str(amendment), "--key", str(path))
    signatures = tmp_path / "amendment.signatures.json"
    amended = sandogh("anchor", "amend", "--election", ELECTION, str(amendment), str(signatures),
                      "--lang", "en", db=db)  # fmt: skip
    assert f"Amendment 1 recorded: {STATION}" in amended.stdout
    head = fingerprint(amendment.read_bytes())  # the chain's head, which observers now carry
    assert "Current head of the chain: amendment 1" in amended.stdout
    assert head in amended.stdout
    shown = sandogh("anchor", "show", "--election", ELECTION, "--lang", "en", db=db).stdout
    assert "Current head of the chain: amendment 1" in shown
    assert head in shown
    assert short_fingerprint(head) in shown

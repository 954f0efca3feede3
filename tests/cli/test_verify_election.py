"""`sandogh verify-election`: each check printed, exit 0 on a sound record, 5 naming the first
failure, 1 when there is no record; `--json` as docs/cli-json.md gives it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.verify_election_fa import REFUSALS, detail_fa, refusal_fa
from sandogh.verify_election.errors import Refusal, RefusedError
from sandogh.verify_election.sealed import short_fingerprint
from tests.verify_election.record import Built, build, seal, write_manifest
from tests.verify_election.test_web import ELECTIONS, drip_body, hostile


def flat(output: str) -> str:
    """The output with the console's line breaks read as spaces."""
    return " ".join(output.split())


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("record"))


def test_a_sound_record_passes_every_check_in_persian_and_english(record: Built) -> None:
    fa = CliRunner().invoke(app, ["verify-election", str(record.root), "--workers", "1"])
    assert fa.exit_code == 0, fa.output
    assert "V20" in fa.output
    assert "همه سنجه‌ها گذشت" in fa.output
    en = CliRunner().invoke(app, ["verify-election", str(record.root), "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "✓ pass V8 selection proofs" in en.output
    assert "Every check passed." in en.output
    # the small record has no sealed pre-election record: V20 says what it rests on
    assert "no sealed pre-election record" in en.output
    assert "سیاهه مهرشده پیش از انتخابات" in fa.output
    # and no --anchor was given: V0 says the record is unauthenticated, and what that means
    assert "– V0 sealed pre-election record" in flat(en.output)
    assert "the sealed pre-election record (anchor/) is unauthenticated" in flat(en.output)
    assert "سنجیده نشد (--anchor داده نشد)" in flat(fa.output)
    assert "می‌توانست آن را با سیاهه‌ای دیگر جایگزین یا پاک کند" in flat(fa.output)


def test_anchor_authenticates_the_sealed_record_or_fails_naming_the_file(
    record: Built, tmp_path: Path
) -> None:
    copy = tmp_path / "snapshot"
    shutil.copytree(record.root, copy)
    sealed = seal(copy / "data" / "e2e-small")
    short = short_fingerprint(sealed.fingerprint)
    en = CliRunner().invoke(app, ["verify-election", str(copy), "--anchor", short, "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "✓ pass V0 sealed pre-election record" in flat(en.output)
    assert f"the one the fingerprint given names ({sealed.fingerprint})" in flat(en.output)
    assert "vouches for 0 of the 1 published amendments" in flat(en.output)
    fa = CliRunner().invoke(app, ["verify-election", str(copy), "--anchor", sealed.head])
    assert fa.exit_code == 0, fa.output
    assert "سیاهه مهرشده همان است که اثر انگشت داده‌شده می‌گوید" in flat(fa.output)
    shutil.rmtree(copy / "data" / "e2e-small" / "anchor")
    gone = CliRunner().invoke(app, ["verify-election", str(copy), "--anchor", short])
    assert gone.exit_code == 5
    assert "data/e2e-small/anchor/record.json" in gone.output
    assert "پرونده نیست، با آنکه اثر انگشت سیاهه مهرشده با --anchor داده شد" in flat(gone.output)
    as_json = CliRunner().invoke(app, ["verify-election", str(copy), "--anchor", short, "--json"])
    first = json.loads(as_json.output)["elections"][0]["first_failure"]
    assert first == {
        "check": "V0",
        "where": "data/e2e-small/anchor/record.json",
        "detail": "missing: --anchor was given",
    }


def test_json_names_every_check(record: Built) -> None:
    done = CliRunner().invoke(
        app, ["verify-election", str(record.root), "--json", "-e", "e2e-small"]
    )
    assert done.exit_code == 0, done.output
    document = json.loads(done.output)
    (election,) = document["elections"]
    assert document["passed"]
    assert election["first_failure"] is None
    assert [c["check"] for c in election["checks"]] == [f"V{n}" for n in range(26)]
    assert election["ballots"] == {"cast": 5, "challenged": 1}
    assert election["completeness"] == {"sealed": False, "absent": []}
    assert election["anchor"] == {
        "given": False,
        "authenticated": False,
        "fingerprint": None,
        "amendments": {"published": 0, "vouched": 0},
    }


def test_a_tampered_record_exits_5_naming_the_ballot(record: Built, tmp_path: Path) -> None:
    copy = tmp_path / "snapshot"
    shutil.copytree(record.root, copy)
    folder = copy / "data" / "e2e-small"
    chain = folder / "e2e" / "ballots" / "ST-1.jsonl"
    lines = chain.read_bytes().splitlines(keepends=True)
    lines[1], lines[3] = lines[3], lines[1]
    chain.write_bytes(b"".join(lines))
    write_manifest(folder)
    done = CliRunner().invoke(app, ["verify-election", str(copy), "--lang", "en", "--json"])
    assert done.exit_code == 5
    first = json.loads(done.output)["elections"][0]["first_failure"]
    assert first["check"] == "V10"
    assert first["where"].startswith("ST-1 ballot at line 2")
    text = CliRunner().invoke(app, ["verify-election", str(copy), "--lang", "en"])
    assert text.exit_code == 5
    assert "FAILED: V10" in text.output


def test_a_snapshot_without_a_record_cannot_be_read(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["verify-election", str(tmp_path)])
    assert done.exit_code == 1


def test_failure_details_are_persian_in_persian_output(record: Built, tmp_path: Path) -> None:
    """The review found English details in Persian output: the common ones are now Persian,
    and `--json` / `--lang en` keep the English."""
    copy = tmp_path / "snapshot"
    shutil.copytree(record.root, copy)
    folder = copy / "data" / "e2e-small"
    chain = folder / "e2e" / "ballots" / "ST-1.jsonl"
    lines = chain.read_bytes().splitlines(keepends=True)
    lines[1], lines[3] = lines[3], lines[1]
    chain.write_bytes(b"".join(lines))
    write_manifest(folder)
    fa = CliRunner().invoke(app, ["verify-election", str(copy), "--workers", "1"])
    assert fa.exit_code == 5
    assert "زنجیره شکسته است" in fa.output
    assert "the confirmation code is not" not in fa.output
    en = CliRunner().invoke(app, ["verify-election", str(copy), "--json", "--workers", "1"])
    assert "the confirmation code is not" in en.output


@pytest.mark.parametrize(
    ("english", "persian"),
    [
        ("listed in the manifest, but missing", "خود پرونده نیست"),
        ("SHA-256 ab12, the manifest lists cd34", "چکیده SHA-256 پرونده ab12 است"),
        ("the Schnorr proof does not verify", "اثبات شنور درست درنمی‌آید"),
        ("close is not H_close", "زنجیره شکسته است"),
        ("'value' is not 7", "'value' برابر 7 نیست"),
        ("data/x/e2e/tallies/ST-1.json is missing", "data/x/e2e/tallies/ST-1.json نیست"),
        (
            "absent.json says the station did not open; data/x/reports/ST-2/zero.json is there",
            "به گفته absent.json این شعبه گشوده نشد؛ ولی data/x/reports/ST-2/zero.json هست",
        ),
        (
            "the code index lists a code, station, state, count or opened content that no chain "
            "holds",
            "در هیچ زنجیره‌ای نیست",
        ),
        ("opened[0].name is not the definition's name", "همان نامی نیست که تعریف انتخابات"),
        (
            "absent.json says the station sent a final report without an E2E commitment; the "
            "sealed record carries the guardians' key (e2e), so its box's final report must "
            "commit to its chain",
            "گزارش نهایی صندوقش باید به زنجیره آن متعهد باشد",
        ),
        (
            "election is not e2e-small: not this election's sealed record",
            "election برابر e2e-small نیست: سیاهه مهرشده این انتخابات نیست",
        ),
        (
            "absent.json says the station sent a final report without an E2E commitment; with "
            "no sealed record, nothing shows that its box was enrolled without the guardians' key",
            "سیاهه مهرشده‌ای نیست که نشان دهد صندوقش بی‌کلید امینان ثبت شده بود",
        ),
        ("not a JSON object", "شیء JSON نیست"),
        ("not a sandogh/pre-election-record@1", "از گونه sandogh/pre-election-record@1 نیست"),
        ("something of no known form", "something of no known form"),
        (
            "1 valid signatures of distinct officials; the record asks for 2",
            "1 امضای درست از مقامات جداگانه؛ سیاهه 2 امضا می‌خواهد",
        ),
        ("no official of the supervisory-board signed", "هیچ مقامی از هیئت نظارت امضا نکرده"),
        ("the signature of HQ one does not verify", "امضای HQ one درست درنمی‌آید"),
        ("ed25519:ab is no official of the record", "ed25519:ab از مقامات امضاکننده سیاهه نیست"),
        ("previous is sha256:ab, the chain holds None", "زنجیره اصلاحیه‌ها None را می‌خواهد"),
        ("signs sha256:ab, not sha256:cd", "امضاها برای sha256:ab است، نه sha256:cd"),
        (
            "its fingerprint is sha256:ab, and neither it nor the head of any of its 1 amendments "
            "is 1234: another record, or the amendment a head given names is missing",
            "سیاهه‌ای دیگر است",
        ),
    ],
)
def test_the_common_details_have_a_persian_form(english: str, persian: str) -> None:
    assert persian in detail_fa(english)


def test_a_server_too_slow_is_named_with_its_limit_in_persian_and_english(record: Built) -> None:
    """The record's first file dripped a byte at a time: exit 1, the URL and the deadline named
    (`--file-deadline`), in Persian digits for Persian output."""
    with hostile(record.root, ELECTIONS, drip_body) as (url, _):
        fa = CliRunner().invoke(app, ["verify-election", url, "--file-deadline", "0.3"])
        en = CliRunner().invoke(
            app, ["verify-election", url, "--file-deadline", "0.3", "--lang", "en"]
        )
    assert fa.exit_code == en.exit_code == 1
    assert f"{url}{ELECTIONS}: در ۰٫۳ ثانیه خوانده نشد" in " ".join(fa.output.split())
    assert f"{url}{ELECTIONS}: not read within 0.3 s" in " ".join(en.output.split())


def test_the_run_deadline_is_an_option(record: Built) -> None:
    with hostile(record.root, "", drip_body, delay=0.1) as (url, _):
        en = CliRunner().invoke(
            app, ["verify-election", url, "--run-deadline", "0.3", "--lang", "en"]
        )
    assert en.exit_code == 1
    assert "the run's deadline of 0.3 s (--run-deadline) passed" in " ".join(en.output.split())


def test_every_refusal_has_its_persian() -> None:
    assert set(REFUSALS) == set(Refusal)
    error = RefusedError("http://h/x", Refusal.TOO_LONG, {"bytes": 4194304})
    assert refusal_fa(error) == (
        "http://h/x: بلندتر از ۴٬۱۹۴٬۳۰۴ بایت است، بیشترین اندازه‌ای که سنجشگر از پرونده‌ای "
        "بیرون از فهرست پرونده‌ها می‌خواند"
    )

"""`verify-election --anchor` with a value of no fingerprint's form is a usage error (exit 2), in
Persian and English, before anything is read (outside review, issue 10: `--anchor ""` or
`sha256:zz` was a V0 mismatch, exit 5, as if another record had been sealed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.fingerprint_option import is_fingerprint

LONG = "sha256:" + "ab" * 32
SHORT = "0155-9640-2270-0162-2032-3298-3532-6776-8651-2686"


@pytest.mark.parametrize(
    "given",
    [
        LONG,
        f" {LONG.upper().replace('SHA256', 'sha256')} ",
        SHORT,
        SHORT.replace("-", ""),
        "۰۱۵۵ ۹۶۴۰ ۲۲۷۰ ۰۱۶۲ ۲۰۳۲ ۳۲۹۸ ۳۵۳۲ ۶۷۷۶ ۸۶۵۱ ۲۶۸۶",
    ],
)
def test_both_forms_in_any_digits_are_fingerprints(given: str) -> None:
    assert is_fingerprint(given)


@pytest.mark.parametrize(
    "given",
    ["", "sha256:zz", "sha256:", "۰۱۵۵", "1" * 5000, SHORT + "x", LONG + "0", "md5:" + "ab" * 32],
)
def test_anything_else_is_a_usage_error_in_persian_and_english(tmp_path: Path, given: str) -> None:
    assert not is_fingerprint(given)
    args = ["verify-election", str(tmp_path / "nothing"), "--anchor", given, "--lang", "en"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 2, done.output
    assert "--anchor" in done.output
    # what `cli.app.main` prints on one line: Typer's message, unboxed
    refused = CliRunner().invoke(app, args, standalone_mode=False).exception
    assert isinstance(refused, typer.BadParameter)
    said = refused.format_message()
    assert "اثر انگشت نیست" in said
    assert "is not a fingerprint: sha256: and 64 hex digits, or its short form of 40 digits" in said
    assert len(said) < 400  # a long value is quoted cut


def test_a_good_value_beside_a_bad_one_is_still_refused(tmp_path: Path) -> None:
    args = ["verify-election", str(tmp_path), "--anchor", LONG, "--anchor", "sha256:zz"]
    assert CliRunner().invoke(app, args).exit_code == 2

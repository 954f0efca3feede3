"""`sandogh verify-election`'s text names every station the record lists with no chain for a
reason other than `no-box`, in Persian and English, and counts the rest by reason (docs/e2e.md
§10, "Output"): the review found the one station dropped from the E2E record hidden behind the
first 20 of some 2,425 paper stations, named only in `--json`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.verify_election import _completeness_lines
from sandogh.locale.digits import to_persian_digits
from sandogh.verify_election.complete import Completeness
from tests.cli.test_verify_election import flat
from tests.verify_election.record import Built, build, seal
from tests.verify_election.test_absent_claims import opt_out


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("record"))


def test_a_station_taken_out_of_e2e_is_named_in_the_text(record: Built, tmp_path: Path) -> None:
    copy = tmp_path / "snapshot"
    shutil.copytree(record.root, copy)
    folder = copy / "data" / "e2e-small"
    seal(folder)
    opt_out(folder, "ST-2")
    en = CliRunner().invoke(app, ["verify-election", str(copy), "--lang", "en"])
    assert en.exit_code == 5
    text = flat(en.output)
    assert "The record lists 1 stations with no chain: 1 sent a final report without an E2E" in text
    assert (
        "without an E2E commitment (1; each a claim its staff and observers can refute): ST-2"
        in text
    )
    fa = CliRunner().invoke(app, ["verify-election", str(copy)])
    assert "گزارش نهایی بی‌تعهد رمزنگار فرستاد (۱؛ هر یک ادعایی" in flat(fa.output)
    assert "می‌توانند رد کنند): ST-2" in flat(fa.output)


def test_paper_stations_are_counted_and_every_other_claim_named() -> None:
    absent = {f"ST-{n:04d}": "no-box" for n in range(2424)}
    absent |= {"ST-9990": "no-e2e", "ST-9991": "not-opened", "ST-9992": "not-opened"}
    completeness = Completeness(sealed=True, absent=absent)
    en = _completeness_lines(completeness, "en")
    assert en == [
        "The record lists 2,427 stations with no chain: 2,424 had no ballot box, "
        "1 sent a final report without an E2E commitment, 2 did not open",
        "Stations the record says sent a final report without an E2E commitment (1; each a "
        "claim its staff and observers can refute): ST-9990",
        "Stations the record says did not open (2; each a claim its staff and observers can "
        "refute): ST-9991, ST-9992",
    ]
    fa = _completeness_lines(completeness, "fa")
    assert fa[0].startswith(f"سیاهه {to_persian_digits('2٬427')} شعبه را بی‌زنجیره می‌شمارد")
    assert fa[1].endswith("): ST-9990")
    assert fa[2].endswith("): ST-9991، ST-9992")
    assert not any("ST-0001" in line for line in en + fa)

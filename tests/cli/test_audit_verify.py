"""`sandogh audit verify DIR`: each check printed in Persian or English, exit 0 on the Kerman
audit's folder, 5 naming the first file and field that fails; `--json` as docs/cli-json.md."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.audit_verify import reason
from sandogh.publish.audit_checks import AuditCheck, Step
from tests.publish.audit_folders import kerman_audit, write_audit
from tests.publish.test_audit_verify import edit


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_audit(tmp_path_factory.mktemp("audit") / "kerman")


def test_the_kerman_audit_passes_in_persian(published: Path) -> None:
    done = CliRunner().invoke(app, ["audit", "verify", str(published)])
    assert done.exit_code == 0, done.output
    assert "✓ دورها، دوباره سنجیده و زنجیرشده: گذشت" in done.output
    assert "حسابرسی پس از ۲ دور پایان یافت" in done.output
    assert "president:IR: تأیید شد" in done.output
    assert "چکیده دور آخر (با آنچه در دفتر رویدادها ثبت شده بسنجید)" in done.output
    assert kerman_audit()[4][-1].hash in done.output
    assert "همه سنجه‌ها گذشت." in done.output


def test_an_edited_p_value_fails_naming_its_file_and_field(published: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copytree(published, tmp_path / "kerman"))

    def lower(document: dict[str, object]) -> None:
        risk = document["risk"]
        assert isinstance(risk, dict)
        risk["president:IR"]["p_values"]["beats 21 25"] = "1/100"

    edit(copy / "rounds/1.json", lower)
    done = CliRunner().invoke(app, ["audit", "verify", str(copy), "--json"])
    assert done.exit_code == 5
    shown = json.loads(done.stdout)
    assert shown["passed"] is False
    first = shown["first_failure"]
    assert (first["step"], first["file"]) == ("rounds", "rounds/1.json")
    assert first["field"] == "risk.president:IR.p_values.beats 21 25"
    assert first["reason"].startswith('is "1/100"; the published inputs give "')
    assert [c["passed"] for c in shown["checks"]] == [True] * 5 + [False, True, True]


def test_a_swapped_paper_is_named_in_persian_and_english(published: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copytree(published, tmp_path / "kerman"))

    def swap(document: dict[str, object]) -> None:
        papers = document["papers"]
        assert isinstance(papers, list)
        station, container, position = papers[0]["paper"].split("/")
        papers[0]["paper"] = f"{station}/{container}/{int(position) % 400 + 1}"

    edit(copy / "rounds/1.json", swap)
    fa = CliRunner().invoke(app, ["audit", "verify", str(copy)])
    assert fa.exit_code == 5
    assert "✗ دورها، دوباره سنجیده و زنجیرشده: رد شد — rounds/1.json papers[0]" in fa.output
    assert "کشیده نشده بود" in fa.output
    en = CliRunner().invoke(app, ["audit", "verify", str(copy), "--lang", "en"])
    assert "FAILED: rounds/1.json papers[0] — " in en.stderr
    assert "was not drawn" in en.stderr


@pytest.mark.parametrize(
    ("detail", "persian"),
    [
        ("ST-0801-0001/1/7 was not drawn", "ST-0801-0001/1/7 کشیده نشده بود"),
        ("Field required", "نیامده است"),
        ("larger than 67,108,864 bytes, the most it may be", "بزرگ‌تر از ۶۷,۱۰۸,۸۶۴ بایت"),
        ("the audit ended with the round before", "حسابرسی با دور پیش پایان یافته بود"),
        ("57 draws; the rounds ask for 27", "۵۷ قرعه؛ دورها ۲۷ می‌خواهند"),
    ],
)
def test_the_readers_and_the_replays_messages_are_said_in_persian(
    detail: str, persian: str
) -> None:
    check = AuditCheck(Step.ROUNDS, False, "rounds/1.json", "papers[0]", detail)
    assert reason(check, "fa").startswith(persian)
    assert reason(check, "en") == detail
    differs = AuditCheck(Step.PLAN, False, "plan.json", "risk_limit", "", '"1/5"', '"1/20"')
    assert reason(differs, "fa") == 'منتشرشده "1/5"؛ ورودی‌های منتشرشده می‌دهند "1/20"'


def test_an_audit_not_ended_is_said_so_and_exits_3(published: Path, tmp_path: Path) -> None:
    """F4 of the S18 review: a folder whose last round is drawn and not closed, or with no
    round at all, passed as "the audit ended after 0 rounds"."""
    copy = tmp_path / "kerman"
    shutil.copytree(published, copy)
    (copy / "rounds/2.json").unlink()
    runner = CliRunner(env={"COLUMNS": "200"})
    opened = runner.invoke(app, ["audit", "verify", str(copy)])
    assert opened.exit_code == 3, opened.output
    assert "حسابرسی پایان نیافته است: دور ۲ کشیده شده و هنوز بسته نشده است" in opened.output
    assert "همه سنجه‌ها گذشت؛ اما همه رقابت‌ها تأیید نشده‌اند." in opened.output
    shutil.rmtree(copy / "rounds")
    shutil.rmtree(copy / "samples")
    withheld = runner.invoke(app, ["audit", "verify", str(copy), "--lang", "en"])
    assert withheld.exit_code == 3
    assert "after 0 rounds another round is needed" in withheld.output
    assert "no contest is confirmed" in withheld.output
    assert "the audit ended" not in withheld.output
    as_json = json.loads(runner.invoke(app, ["audit", "verify", str(copy), "--json"]).output)
    assert (as_json["passed"], as_json["confirmed"], as_json["ended"]) == (True, False, False)


def test_a_missing_folder_is_said_in_persian(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["audit", "verify", str(tmp_path / "none")])
    assert done.exit_code == 2
    assert f"sandogh: پوشه {tmp_path / 'none'} نیست" in done.output

"""`sandogh station …` (src/sandogh/cli/station.py, station_box.py, station_view.py) on a station
directory, the centre faked."""

import json
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from sandogh.cli import station as station_cli
from sandogh.cli import station_box
from sandogh.cli.app import app
from sandogh.cli.failures import refusal_line
from sandogh.core.report import Choice, SigningKey, StaffRole, decode_signed, verify_signed
from sandogh.formats.key_file import write_key_file
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.centre_http import OperatorLogin, OperatorPass
from sandogh.station.directory import StationDirectory
from sandogh.station.errors import UnsignedMinutesError
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.ports import Backlog, CentreRefusedError, CentreUnreachableError
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import StaffMember
from tests.station.build import (
    BALLOT,
    DEFINITION_HASH,
    E2E_DOCUMENT,
    ELECTION,
    STATION,
    national_code,
)

URL = "http://centre.test/"
EN = ("--lang", "en")
#: what a Persian line may carry in Latin letters: ids, keys and digests, to match by machine
MACHINE = re.compile(rf"{ELECTION}|(sha256|ed25519):[0-9a-f]{{64}}")
runner = CliRunner()


OPERATOR = OperatorPass("sandogh-session", "session-token", "csrf")


class _Centre(FakeCentre):
    """The fake centre, noting who logged in and the operator session each client was made
    with."""

    def __init__(self) -> None:
        super().__init__(election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT)
        self.logins: list[OperatorLogin] = []
        self.operators: list[OperatorPass | None] = []


@pytest.fixture
def centre(monkeypatch: pytest.MonkeyPatch) -> _Centre:
    """The fake centre every `HttpCentreClient` the commands make talks to, and that every
    operator logs in at; the enrolling operator's password from the environment."""
    fake = _Centre()

    class Client:
        def __init__(
            self,
            url: str,
            _key: SigningKey,
            *,
            timeout: float,
            operator: OperatorPass | None = None,
        ) -> None:
            assert (url, timeout) == (URL, 10.0)
            fake.operators.append(operator)

        def __enter__(self) -> _Centre:
            return fake

        def __exit__(self, *_: object) -> None:
            return None

    def log_in(url: str, login: OperatorLogin, *, timeout: float) -> OperatorPass:
        assert (url, timeout) == (URL, 10.0)
        fake.logins.append(login)
        return OPERATOR

    monkeypatch.setattr(station_box, "HttpCentreClient", Client)
    monkeypatch.setattr(station_cli, "log_in_operator", log_in)
    monkeypatch.setenv(station_cli.PASSWORD_VAR, "the operator's password")
    return fake


def _run(*args: str) -> str:
    result = runner.invoke(station_cli.station_app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def _vote(directory: Path, centre: FakeCentre, voters: range) -> None:
    """Voters vote on the box's screens; here, straight through the box."""
    store, key = StationDirectory(directory).open()
    with store:
        box = Box(store, key, centre, FilePrinter(directory / "printer.jsonl"))
        for voter in voters:
            card = box.check_in(national_code(voter))
            assert isinstance(card, IssuedCard)
            box.cast(card.token, (Choice("president", ("21",)), Choice("parliament", ("32",))))


def _staff(folder: Path, centre: FakeCentre) -> list[str]:
    """The station's head and secretary: their key files (kept apart from the box's directory)
    and their registration, as `--staff` options."""
    folder.mkdir()
    options, members = [], []
    for role in (StaffRole.HEAD, StaffRole.SECRETARY):
        key = write_key_file(folder / f"{role}.key")
        members.append(StaffMember(f"the {role}", role, key.public_key))
        options += ["--staff", f"{role}={folder / f'{role}.key'}"]
    centre.staff = tuple(members)
    return options


def _enrol(folder: str) -> tuple[str, ...]:
    """The enrolment of the box in `folder` by the HQ's operator (password from the
    environment)."""
    return ("enrol", "--dir", folder, "--centre", URL, "-e", ELECTION, "--station", STATION,
            "--user", "baft-hq")  # fmt: skip


def test_a_day_through_the_command(tmp_path: Path, centre: FakeCentre) -> None:
    folder = str(tmp_path / "box")
    staff = _staff(tmp_path / "staff", centre)
    enrolled = _run(
        "enrol", "--dir", folder, "--centre", URL, "-e", ELECTION, "--station", STATION,
        "--user", "baft-hq",
        "--policy", "provisional", *EN,
    )  # fmt: skip
    assert f"for station {STATION} of “{ELECTION}”" in enrolled
    assert "checked in provisionally" in enrolled
    assert oct((tmp_path / "box" / "device.key").stat().st_mode)[-3:] == "600"
    opened = _run("open", "--dir", folder, "--papers", "400", "--papers", "parliament=300", *EN)
    assert "Sent" not in opened  # no --centre: the zero report is queued, not sent
    assert centre.reports == []
    assert "1 received, 0 queued" in _run("sync", "--dir", folder, "--centre", URL, *EN)

    _vote(tmp_path / "box", centre, range(12))
    closed = _run("close", "--dir", folder, "--spoiled", "president=3", *staff, *EN)
    assert "  president: cast 12, valid 12, invalid 0; ballot papers used 12 of 400" in closed
    assert "1 received, 0 queued" in _run("report", "--dir", folder, "--centre", URL, *staff, *EN)

    status = json.loads(_run("status", "--dir", folder, "--json"))
    assert (status["phase"], status["ballots"], status["outbox"]["pending"]) == ("reported", 12, 0)
    key = StationDirectory(tmp_path / "box").key()
    final = verify_signed(decode_signed(centre.reports[-1]), key.public_key)
    sheets = {sheet.contest: sheet.counts for sheet in final.sheets}
    assert sheets["president"].votes == {"21": 12, "25": 0}
    assert (sheets["parliament"].papers_received, sheets["president"].papers_spoiled) == (300, 3)
    assert [s.role for s in decode_signed(centre.reports[-1]).staff] == ["head", "secretary"]


def test_an_e2e_day_through_the_command_sends_and_writes_the_chain(
    tmp_path: Path, centre: FakeCentre
) -> None:
    folder = str(tmp_path / "box")
    staff = _staff(tmp_path / "staff", centre)
    centre.e2e = E2E_DOCUMENT
    _run(*_enrol(folder))
    _run("open", "--dir", folder, "--papers", "40")
    _vote(tmp_path / "box", centre, range(4))
    closed = _run("close", "--dir", folder, *staff, *EN)
    assert "  Close of the encrypted ballots' chain: " in closed
    assert "  Hash of the encrypted tally: " in closed
    assert "3 received, 0 queued" in _run("report", "--dir", folder, "--centre", URL, *staff, *EN)
    written = _run("chain", "--dir", folder, "--out", str(tmp_path / "chain.jsonl"), *EN)
    assert "(6 lines)" in written  # the start, four ballots, the close
    assert centre.chains == [(tmp_path / "chain.jsonl").read_bytes()]
    printed = (tmp_path / "box" / "printer.jsonl").read_text(encoding="utf-8")
    assert "Close of the encrypted ballots' chain:" in printed  # on the printed final report


def test_minutes_short_of_signers_are_refused_and_refused_ones_signed_again(
    tmp_path: Path, centre: FakeCentre, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding F9 of session 21: the head alone signed the final report, the centre refused it,
    and `station report` then answered that the station is reported: the result could never
    reach the centre. The box refuses the head alone, and signs a refused report again."""
    folder = str(tmp_path / "box")
    staff = _staff(tmp_path / "staff", centre)
    _run(*_enrol(folder))
    _run("open", "--dir", folder, "--papers", "10", "--centre", URL)
    _run("close", "--dir", folder, *staff)
    alone = runner.invoke(
        station_cli.station_app, ["report", "--dir", folder, "--centre", URL, *staff[:2]]
    )
    assert alone.exit_code == 1
    assert isinstance(alone.exception, UnsignedMinutesError)
    assert alone.exception.waiting == ("the secretary",)
    assert json.loads(_run("status", "--dir", folder, "--json"))["phase"] == "counted"

    def refusing(signed: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        del signed, backlog
        raise CentreRefusedError("missing-staff", "the centre's register asks for another")

    with monkeypatch.context() as refused:
        refused.setattr(centre, "send_report", refusing)
        assert "1 refused" in _run("report", "--dir", folder, "--centre", URL, *staff, *EN)
    assert "1 received, 0 queued" in _run("report", "--dir", folder, "--centre", URL, *staff, *EN)
    status = json.loads(_run("status", "--dir", folder, "--json"))
    assert (status["phase"], status["outbox"]["refused"]) == ("reported", 0)
    assert [s.role for s in decode_signed(centre.reports[-1]).staff] == ["head", "secretary"]


def test_counting_needs_two_staff_keys(tmp_path: Path, centre: FakeCentre) -> None:
    folder = str(tmp_path / "box")
    head, secretary = _staff(tmp_path / "staff", centre)[1::2]
    _run(*_enrol(folder))
    _run("open", "--dir", folder, "--papers", "10")
    assert "--staff ROLE=FILE" in _run("close", "--dir", folder, *EN)
    alone = runner.invoke(station_cli.station_app, ["report", "--dir", folder, "--staff", head])
    assert "counting needs 2" in str(alone.exception)
    swapped = secretary.replace("secretary=", "member=")
    wrong = runner.invoke(
        station_cli.station_app, ["report", "--dir", folder, "--staff", head, "--staff", swapped]
    )
    assert "registered as secretary, not member" in str(wrong.exception)
    bad = runner.invoke(station_cli.station_app, ["report", "--dir", folder, "--staff", "chief"])
    assert bad.exit_code == 2
    assert "نقش=پرونده" in bad.output  # the language of sys.argv: Persian, with no --lang
    signed = _run("report", "--dir", folder, "--staff", head, "--staff", secretary)
    assert signed == "صورتجلسه پایانی امضا و چاپ شد و در صف ارسال به مرکز است.\n"


def test_enrolment_can_be_tried_again_with_the_same_key(tmp_path: Path, centre: _Centre) -> None:
    folder = str(tmp_path / "box")
    enrol = ("enrol", "--dir", folder, "--centre", URL, "-e", ELECTION, "--station", STATION)
    enrol = (*enrol, "--user", "baft-hq", "--totp", "123456")
    centre.down = True
    failed = runner.invoke(station_cli.station_app, list(enrol))
    assert isinstance(failed.exception, CentreUnreachableError)
    key = StationDirectory(tmp_path / "box").key()
    centre.down = False
    assert key.public_key.text in _run(*enrol)
    # the operator logs in each time, password from the environment, and the box enrols in
    # their session
    login = OperatorLogin("baft-hq", "the operator's password", "123456")
    assert centre.logins == [login, login]
    assert centre.operators == [OPERATOR, OPERATOR]


@pytest.mark.usefixtures("centre")
def test_papers_must_be_given_as_numbers(tmp_path: Path) -> None:
    folder = str(tmp_path / "box")
    _run(
        "enrol",
        "--dir",
        folder,
        "--centre",
        URL,
        "-e",
        ELECTION,
        "--station",
        STATION,
        "--user",
        "baft-hq",
    )
    result = runner.invoke(station_cli.station_app, ["open", "--dir", folder, "--papers", "many"])
    assert result.exit_code == 2
    assert "«many» به شکل شمار یا انتخابات=شمار نیست" in result.output


@pytest.mark.usefixtures("centre")
def test_the_kiosk_keeps_no_access_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An access log line per request would time each voter's steps at the box on its disk."""
    folder = str(tmp_path / "box")
    _run(*_enrol(folder))
    served: list[uvicorn.Config] = []

    class Server:
        def __init__(self, config: uvicorn.Config) -> None:
            served.append(config)

        def run(self) -> None:
            return None

    monkeypatch.setattr(uvicorn, "Server", Server)  # the kiosk command imports uvicorn when it runs
    served_kiosk = runner.invoke(app, ["station", "kiosk", "--dir", folder])  # cli.station_kiosk
    assert served_kiosk.exit_code == 0, (served_kiosk.output, served_kiosk.exception)
    assert [config.access_log for config in served] == [False]
    refused = runner.invoke(app, ["station", "kiosk", "--dir", folder, "--card-writer", "lp0"])
    assert refused.exit_code == 2
    assert "escpos:DEVICE" in refused.output


def test_a_box_does_not_open_outside_the_polling_days_it_was_given(
    tmp_path: Path, centre: FakeCentre
) -> None:
    """Issue 12: the calendar's polling day (15 Tir 1403, long past by this clock) came with the
    enrolment; `open` refuses, naming the stage and its window in the command's language."""
    centre.polling = [
        {"contest": c.contest, "first": "2024-07-05", "last": "2024-07-05", "closes": "22:00"}
        for c in BALLOT
    ]
    _staff(tmp_path / "staff", centre)
    folder = str(tmp_path / "box")
    _run(*_enrol(folder))
    opening = ["open", "--dir", folder, "--papers", "10"]
    refused = runner.invoke(station_cli.station_app, opening)
    assert refused.exit_code == 1
    (fa,) = refused.stderr.strip().splitlines()
    assert "رأی‌گیری" in fa
    assert "۱۵ تیر ۱۴۰۳" in fa
    (en,) = runner.invoke(station_cli.station_app, [*opening, *EN]).stderr.strip().splitlines()
    assert en.startswith("polling for president is refused")
    assert "to 22:00 on 15 Tir 1403" in en
    status = json.loads(_run("status", "--dir", folder, "--json"))
    assert status["phase"] == "set-up"


def test_the_status_and_a_second_report_are_said_in_the_chosen_language(
    tmp_path: Path, centre: FakeCentre
) -> None:
    """Issue 13: `station status` printed its machine keys (`cards_issued: 0`, `phase:
    reported`) whatever the language; a report asked of a box already reported was refused in
    English ("station is reported: cannot report"). Now both are said in `--lang`, Persian by
    default; `--json` keeps its keys."""
    folder = str(tmp_path / "box")
    staff = _staff(tmp_path / "staff", centre)
    _run(*_enrol(folder))
    _run("open", "--dir", folder, "--papers", "10")
    _run("close", "--dir", folder, *staff)
    _run("report", "--dir", folder, *staff)
    shown = _run("status", "--dir", folder).splitlines()
    assert "مرحله: گزارش‌شده" in shown
    assert "کارت‌های تعرفه شارژشده: ۰" in shown
    assert "در صف ارسال به مرکز: ۲" in shown
    for line in shown:  # no English word: the election's id and the hashes, to match by machine
        assert re.search("[A-Za-z]{3,}", MACHINE.sub("", line)) is None, line
    english = _run("status", "--dir", folder, *EN).splitlines()
    assert "Phase: Reported" in english
    assert "Queued for the centre: 2" in english
    again = runner.invoke(station_cli.station_app, ["report", "--dir", folder, *staff])
    assert again.exit_code == 1
    argv = ["sandogh", "station", "report"]
    assert refusal_line(again.exception, argv).startswith(
        "sandogh: صورتجلسه پایانی این صندوق پیش‌تر امضا شده است"
    )
    assert refusal_line(again.exception, [*argv, *EN]) == (
        "sandogh: this box's final report is already signed, and is not signed again; "
        "`sandogh station status` shows its delivery and `sandogh station sync` sends it"
    )

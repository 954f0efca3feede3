"""A whole Majlis election, registration to certified results (issue 12, "Done when"), on one
SQLite store, each stage before and after polling day by its own command (`sandogh …` through
typer's CliRunner, the command's clock set to the stage's date); polling day as it is run, by the
ballot box app speaking to the centre's HTTP API.

The stages, in order: the election's draft definition loaded (no candidates: its constituencies
place each step of candidacy) and its calendar; three applicants registered; the four inquiries
asked and answered; the executive board qualifying all three, the supervisory board finding one not
established, his objection and his reinstatement; the final list and the code draw, which rewrites
the stored draft into the election day's definition; the electronic box's enrolment refused for want
of the competent body's approval of electronic voting, then that approval; the boxes' build
approved; the supervisory board's commitment to the lot's secret (docs/lots.md); a withdrawal after
the ballots were printed; the stations' staff registered, each box enrolled in an operator's
session, and the pre-election record sealed with them.

Polling day is real (tests/whole_election_day.py): the centre (`server.app`) served on loopback
on the test's clock, each station's box the box app (`station.box.Box` with the HTTP centre
client) in a folder of its own. The electronic box opens, checks its voters in (one the day after
is refused by the calendar the centre holds), takes their ballots, closes, counts with two of the
registered staff's keys and signs its report with them; the paper station's box checks its
voters in, and its sheet counted by hand is agreed by blind double entry (`station.double_entry`),
one slip resolved, then counted and signed. Each box syncs its zero and final reports, signed
under the approved build. Then the tie the results leave settled by a stored lot, its seed fixed
by revealing the secret committed before polling day; certification by the Guardian Council's
boards; publishing, and `verify-results --anchor` re-adding both signed reports and agreeing with
what was published.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
from contextlib import ExitStack
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli import (
    candidates,
    candidates_draw,
    election_commands,
    fleet,
    outcome_decisions,
    supervise,
    supervise_modes,
)
from sandogh.cli.app import app
from sandogh.cli.enrolling import add_run_operator
from sandogh.core.access import Role
from sandogh.core.anchor import Body, fingerprint
from sandogh.core.candidacy.process import Authority
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.rules import Stake
from sandogh.core.rules.lot_commitment import tie_seed
from sandogh.formats.definition_file import canonical_bytes, parse_definition
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.station.build import installed_build
from sandogh.station.ports import CentreRefusedError

from .server.live import REGISTRY, server_key
from .server.operators_live import add_account, serving, settings
from .services.build import IRST, ST_1, ST_2, day, national_code, parliament, station_staff
from .station.build import Clock
from .whole_election_day import Boxes, electronic_day, paper_day, session, synced

CALENDAR = Path(__file__).parents[1] / "examples" / "calendars" / "majlis-1402.json"
ELECTION = "majlis-1402"
HQ = ("--as", "governorate", "--role", "county-hq", "--place", "IR-08-0801")
EXECUTIVE = ("--as", "ejraei", "--role", "national-hq", "--place", "IR")
BOARD = ("--as", "nazer", "--role", "supervisor", "--place", "IR")
ART = ("--article", "ماده ۲۸ قانون انتخابات مجلس")
POLLING = datetime.datetime(2024, 3, 1, 10, tzinfo=IRST)
STATIONS = (ST_1, ST_2)  # electronic, paper
#: The command modules whose clock the stage's date sets.
CLOCKED = (
    election_commands,
    candidates,
    candidates_draw,
    fleet,
    outcome_decisions,
    supervise,
    supervise_modes,
)
#: Applicants by their registration number, and how each fares.
APPLICANTS = {
    1: ("مریم کرمانی", "Maryam Kermani"),
    2: ("علی بمی", "Ali Bami"),  # not established, objects, reinstated
    3: ("رضا راوری", "Reza Ravari"),  # withdraws after printing
}


class Run:
    """`sandogh …` on the election's store, its clock at 10:00 in Tehran on the day given."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
        self.monkeypatch = monkeypatch
        self.runner = CliRunner()

    def __call__(self, on: tuple[int, int, int], *args: str, store: bool = True) -> str:
        moment = datetime.datetime(*on, 10, tzinfo=IRST)
        for module in CLOCKED:
            self.monkeypatch.setattr(module, "now", lambda: moment)
        at = ["--db", self.db] if store else []
        done = self.runner.invoke(app, [*args, *at], catch_exceptions=True)
        if done.exception is not None and not isinstance(done.exception, SystemExit):
            raise done.exception
        assert done.exit_code == 0, done.output
        return done.stdout


def _candidacy(run: Run, tmp_path: Path) -> None:
    """From the draft definition and the calendar to the final list: every applicant
    qualified in the end."""
    run((2023, 10, 19), "init")
    (tmp_path / "draft.json").write_bytes(canonical_bytes(_draft()))
    run((2023, 10, 19), "load", str(tmp_path / "draft.json"))  # its constituencies place each step
    run((2023, 10, 19), "candidates", "calendar", str(CALENDAR), *EXECUTIVE)
    (tmp_path / "degree.pdf").write_bytes(b"degree")
    docs = [
        f"--document={kind}={tmp_path / 'degree.pdf'}"
        for kind in ("birth-certificate", "national-card", "degree")
    ]
    for number, (fa, en) in APPLICANTS.items():
        said = run(
            (2023, 10, 20),
            *("candidates", "register", "-e", ELECTION, "--contest", "majlis"),
            *("--constituency", "P1", "--national-code", national_code(100 + number)),
            *("--name-fa", fa, "--name-en", en, "--born", "1975-03-01", "--education", "master"),
            *docs,
            *HQ,
        )
        assert f"با شماره {'۰۱۲۳۴۵۶۷۸۹'[number]} ثبت‌نام شد" in said
    folder = tmp_path / "authorities"
    for number in APPLICANTS:
        inquire = ("candidates", "inquire", "-e", ELECTION, str(number), "--folder", str(folder))
        run((2023, 10, 27), *inquire, *HQ)
    ids = itertools.count(1)
    for authority, number in itertools.product(Authority, APPLICANTS):
        answers = folder / authority / "answers"
        answers.mkdir(parents=True, exist_ok=True)
        answer = f"A{next(ids)}"
        (answers / f"{answer}.json").write_text(
            json.dumps(
                {
                    "format": "sandogh/inquiry-answer@1",
                    "id": answer,
                    "election": ELECTION,
                    "applicant": number,
                    "authority": authority.value,
                    "clear": True,
                    "answered_on": "2023-10-28",
                }
            )
        )
    assert "۱۲ پاسخ" in run((2023, 10, 28), "candidates", "answer", "--folder", str(folder), *HQ)
    for number in APPLICANTS:
        decide = ("candidates", "decide", "-e", ELECTION, str(number), *ART)
        run((2023, 10, 30), *decide, "--board", "executive", "--outcome", "qualified", *HQ)
        found = "not-established" if number == 2 else "qualified"
        run((2023, 12, 1), *decide, "--board", "supervisory", "--outcome", found, *BOARD)
    run((2024, 1, 8), "candidates", "object", "-e", ELECTION, "2", "--grounds", "مدرک", *HQ)
    run(
        (2024, 2, 1),
        *("candidates", "decide", "-e", ELECTION, "2", *ART),
        *("--board", "supervisory", "--outcome", "qualified", "--on-objection"),
        *BOARD,
    )
    secret = tmp_path / "code-draw.secret"  # committed to before the list (docs/lots.md §5)
    secret.write_text("majlis-1402 code draw: dice 2 6 1 3 5 5 4 1\n", encoding="utf-8")
    commit = ("candidates", "commit", "-e", ELECTION, "--contest", "majlis")
    run((2024, 2, 19), *commit, "--secret-file", str(secret), *HQ)
    listed = ("candidates", "final-list", "-e", ELECTION, "--contest", "majlis")
    assert "3 candidates" in run((2024, 2, 20), *listed, *HQ, "--lang", "en")


def _draft() -> Election:
    """The election day as drafted before the draw: one Majlis seat for Kerman (county 0801),
    station `ST_1` electronic and `ST_2` on paper, no candidates yet."""
    majlis = parliament(False)
    kerman = dataclasses.replace(majlis.constituencies[0], seats=1)
    majlis = dataclasses.replace(majlis, id="majlis", constituencies=(kerman,), candidates=())
    drafted = day(ELECTION, (majlis,), POLLING.date())
    units = tuple(
        dataclasses.replace(u, station=dataclasses.replace(u.station, mode=VotingMode.PAPER))
        if u.code == ST_2 and u.station is not None
        else u
        for u in drafted.units
    )
    return dataclasses.replace(drafted, units=units)


def _drawn(run: Run, tmp_path: Path) -> Election:
    """The code draw on the stored draft, which it rewrites: the drawn definition, which a
    load then finds stored."""
    out = tmp_path / "final.json"
    add_account(run.db, "governorate", Role.COUNTY_HQ, "IR-08-0801")  # who draws (S20, F7)
    add_account(run.db, "nazer", Role.SUPERVISOR, "IR")
    run(
        (2024, 2, 20),
        *("candidates", "draw", "--contest", "majlis"),
        *("--definition", str(tmp_path / "draft.json")),
        *("--secret-file", str(tmp_path / "code-draw.secret")),
        *("--drawn-by", "governorate", "--out", str(out)),
        *HQ,
    )
    drawn = parse_definition(out.read_bytes(), source_name="final.json")
    assert len(drawn.election.contests[0].candidates) == 3
    said = run((2024, 2, 21), "load", str(out), "--json")
    assert json.loads(said)["definition_hash"] == drawn.definition_hash
    return drawn.election


def test_a_majlis_election_from_the_calendar_to_verified_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Run(tmp_path, monkeypatch)
    _candidacy(run, tmp_path)
    election = _drawn(run, tmp_path)
    code = {c.name.en: c.code for c in election.contests[0].candidates}
    maryam, ali, reza = code["Maryam Kermani"], code["Ali Bami"], code["Reza Ravari"]

    clock = Clock(datetime.datetime(2024, 2, 22, 10, tzinfo=IRST))
    with ExitStack() as stack:
        live = stack.enter_context(serving(settings(run.db), clock=clock))
        enroller = add_run_operator(live.centre.uow, election, by="cli:tests", key=server_key())
        boxes = Boxes(stack, tmp_path, live.url, clock, election=ELECTION, stations=STATIONS)
        with pytest.raises(CentreRefusedError) as unapproved:
            boxes.enrol(ST_1, session(live.url, enroller, clock.now))
        assert unapproved.value.reason == "mode-not-approved"
        approve = ("supervise", "approve-mode", "majlis", "P1", "--reference", "مصوبه ۱۲", *BOARD)
        assert "تأیید و ثبت شد" in run((2024, 2, 22), *approve, "--body", "guardian-council")
        # the build takes effect once k officials of the record's draft have signed (S19 F7)
        officials = _draft_record(run, tmp_path, (2024, 2, 22))
        decision = tmp_path / "build.json"
        build = ("fleet", "approve-build", installed_build(), "--label", "۴.۲", *EXECUTIVE)
        assert "پیشنهاد تأیید" in run((2024, 2, 22), *build, "--out", str(decision))
        for path in officials:
            run((2024, 2, 22), "anchor", "sign", str(decision), "--key", str(path), store=False)
        signed = ("fleet", "sign-build", str(decision), str(tmp_path / "build.signatures.json"))
        assert "تأیید شد" in run((2024, 2, 22), *signed, *EXECUTIVE)
        # the board commits to the lot's secret before any figure exists (review S19 F1)
        secret = tmp_path / "lot-secret.txt"
        secret.write_text("راز هیئت نظارت مجلس ۱۴۰۲ — 3e91d07c5a", encoding="utf-8")
        commit = ("lot", "commit", "--contest", "majlis", "--secret-file", str(secret), *BOARD)
        assert "تعهد قرعهٔ majlis ثبت شد" in run(
            (2024, 2, 27), *commit, "--body", "guardian-council"
        )
        withdraw = ("candidates", "withdraw", "majlis", reza, "--when", "after-printing")
        assert "پس از چاپ برگه" in run((2024, 2, 27), *withdraw, *EXECUTIVE)

        for station in STATIONS:
            for role, member in station_staff(station):
                staff = ("staff", "add", "--election", ELECTION, "--station", station)
                person = ("--person", f"{role.value} {station}", "--station-role", role.value)
                run((2024, 2, 28), *staff, *person, "--key", member.public_key.text, *HQ)
        clock.now = datetime.datetime(2024, 2, 28, 10, tzinfo=IRST)
        operator = session(live.url, enroller, clock.now)
        for station in STATIONS:
            boxes.enrol(station, operator)
        anchor = _seal(run, tmp_path)

        clock.now = POLLING
        voters = SyntheticRegistry(REGISTRY.seed, size=REGISTRY.size).voters(POLLING.date())
        people = (voter.digits for voter in voters)
        electronic_day(boxes[ST_1], [(maryam,), (ali,), (reza,)], people, clock)
        paper_day(boxes[ST_2], {maryam: 2, ali: 2, reza: 0}, people)
        for box in boxes.values():
            synced(box, clock)

    ((tied,),) = [
        c["constituencies"] for c in json.loads(run((2024, 3, 2), "outcome", "--json"))["contests"]
    ]
    assert tied["status"] == "lot-required"
    assert tied["lots_required"][0]["tied"] == sorted([maryam, ali])
    assert [w["candidate"] for w in tied["withdrawn"]] == [reza]
    lot = ("lot", "draw", "majlis", "--constituency", "P1", "--secret-file", str(secret))
    drawn = json.loads(run((2024, 3, 2), *lot, "--drawn-by", "nazer", *BOARD, "--json"))
    winner = drawn["order"][0]
    tie = ("majlis", "P1", Stake.SEAT, sorted([maryam, ali]))
    assert drawn["seed"] == tie_seed(secret.read_text(encoding="utf-8"), *tie)
    ((settled,),) = [
        c["constituencies"] for c in json.loads(run((2024, 3, 2), "outcome", "--json"))["contests"]
    ]
    assert settled["elected"] == [winner]

    certify = ("certify", "majlis", "--constituency", "P1", *BOARD, "--body", "guardian-council")
    certify += ("--reason", "ارقام و قرعه بررسی شد", "--reference", "هیئت ۱۴۰۲/۱۲")
    certified = json.loads(run((2024, 3, 3), *certify, "--json"))
    assert (certified["constituency"], certified["at"]) == ("P1", "2024-03-03T10:00:00+03:30")
    out = tmp_path / "snapshot"
    log_key = str(tmp_path / "log.key")
    run((2024, 3, 3), "publish", "--out", str(out), "--once", "--log-key", log_key)
    published = json.loads((out / f"data/{ELECTION}/outcomes/majlis/P1.json").read_text())
    assert (published["status"], published["lots"][0]["order"][0]) == ("certified", winner)
    results = {c["code"]: (c["votes"], c["result"]) for c in published["candidates"]}
    assert results[winner] == (3, "elected")
    assert results[reza] == (1, "withdrawn")
    checked = run(
        (2024, 3, 3), "verify-results", str(out), "--anchor", anchor, "--json", store=False
    )
    verified = json.loads(checked)
    assert (verified["agrees"], verified["anchored"]) == (True, True), checked
    (day_checked,) = verified["elections"]
    assert (day_checked["readded"], day_checked["disagreements"]) == (2, 0)
    assert day_checked["decisions"] == "log-key"  # the lot and certification: the log key's word


def _draft_record(run: Run, tmp_path: Path, on: tuple[int, int, int]) -> list[Path]:
    """The pre-election record drafted by the HQ on `on`, naming an HQ and a board official
    (their keys made the first time) and the centre's log key; the officials' key files."""
    officials = [tmp_path / f"{body}.key" for body in (Body.HQ, Body.SUPERVISORY_BOARD)]
    log_key = tmp_path / "log.key"  # the centre's: it signs the log and the published decisions
    if not log_key.exists():
        for path in officials:
            key = run(on, "staff", "keygen", "--out", str(path), store=False).strip()
            path.with_suffix(".pub").write_text(key, encoding="utf-8")
        run(on, "log", "keygen", "--out", str(log_key), store=False)
    authorities = []
    for body, path in zip((Body.HQ, Body.SUPERVISORY_BOARD), officials, strict=True):
        key = path.with_suffix(".pub").read_text(encoding="utf-8")
        authorities.append(f"--authority={body}:{body} official:{key}")
    public = run(on, "log", "public-key", "--log-key", str(log_key), store=False)
    authorities.append(f"--authority=log:event log:{public.strip()}")
    draft = ("anchor", "draft", "--election", ELECTION, *authorities, "--threshold", "2")
    run(on, *draft, "--out", str(tmp_path / "record.json"))
    return officials


def _seal(run: Run, tmp_path: Path) -> str:
    """The pre-election record drafted again by the HQ, signed by an HQ and a board official,
    sealed; its fingerprint."""
    officials = _draft_record(run, tmp_path, (2024, 2, 28))
    record = tmp_path / "record.json"
    for path in officials:
        run((2024, 2, 28), "anchor", "sign", str(record), "--key", str(path), store=False)
    signatures = tmp_path / "record.signatures.json"
    run((2024, 2, 28), "anchor", "seal", "--election", ELECTION, str(record), str(signatures))
    return fingerprint(record.read_bytes())

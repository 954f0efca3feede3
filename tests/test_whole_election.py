"""A whole Majlis election, registration to certified results (issue 12, "Done when"), on one
SQLite store, each stage by its own command (`sandogh …` through typer's CliRunner, the command's
clock set to the stage's date) or, on polling day, by the services the centre's API calls.

The stages, in order: the election calendar; three applicants registered; the four inquiries
asked and answered; the executive board qualifying all three, the supervisory board finding one
not established, his objection and his reinstatement; the final list and the code draw, and the
drawn definition loaded as the election day; electronic voting approved in the constituency by
its competent body; the boxes' build approved; a withdrawal after the ballots were printed;
polling day at an electronic and a paper station, each box enrolled (the electronic one only
under the approval), its staff registered, its voters checked in on the calendar's polling day,
its zero and final reports signed under the approved build and ingested; the tie the
results leave settled by a stored lot; certification by the Guardian Council's boards;
publishing, and `verify-results` agreeing with what was published.

Polling day is driven below the HTTP API (tests/test_election_day.py drives that API and the
boxes' screens): the box's report is built from its ballots by `tests.services.build.final`, not
by `station.box.Box`, and the paper station's sheet is that report, not one agreed by blind
double entry (`station.double_entry`). A paper station's sheet imported by `sandogh results
import` is not the path: it has no signed report, so `verify-results` cannot re-add it.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli import app as commands
from sandogh.cli import candidates, fleet, outcome_decisions, supervise, supervise_modes
from sandogh.cli.app import app
from sandogh.core.anchor import Body, fingerprint
from sandogh.core.candidacy.process import Authority
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.report import SigningKey
from sandogh.formats.definition_file import canonical_bytes, parse_definition
from sandogh.services.checkin import BallotCard, ImpossibleCheckInError, check_in
from sandogh.services.devices import EnrolmentError, EnrolmentRefusal, enrol_device
from sandogh.services.ingest import ingest_report
from sandogh.station.build import installed_build
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from .services.build import (
    IRST,
    SECRET,
    ST_1,
    ST_2,
    day,
    final,
    national_code,
    parliament,
    registry,
    signed,
    station_staff,
    tokens,
    zero,
)

CALENDAR = Path(__file__).parents[1] / "examples" / "calendars" / "majlis-1402.json"
ELECTION = "majlis-1402"
HQ = ("--as", "governorate", "--role", "county-hq", "--place", "IR-08-0801")
EXECUTIVE = ("--as", "ejraei", "--role", "national-hq", "--place", "IR")
BOARD = ("--as", "nazer", "--role", "supervisor", "--place", "IR")
ART = ("--article", "ماده ۲۸ قانون انتخابات مجلس")
POLLING = datetime.datetime(2024, 3, 1, 10, tzinfo=IRST)
STATIONS = (ST_1, ST_2)  # electronic, paper
#: The command modules whose clock the stage's date sets.
CLOCKED = (commands, candidates, fleet, outcome_decisions, supervise, supervise_modes)
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
    """From the calendar to the final list: every applicant qualified in the end."""
    run((2023, 10, 19), "init")
    run((2023, 10, 19), "candidates", "calendar", str(CALENDAR), *HQ)
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
    """The code draw on the draft, and the drawn definition loaded as the election day."""
    (tmp_path / "draft.json").write_bytes(canonical_bytes(_draft()))
    out = tmp_path / "final.json"
    run(
        (2024, 2, 20),
        *("candidates", "draw", "--contest", "majlis"),
        *("--definition", str(tmp_path / "draft.json"), "--seed", "۱۴۰۲"),
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

    boxes = {
        station: SigningKey.from_seed(station.encode().ljust(32, b"-")) for station in STATIONS
    }
    with pytest.raises(EnrolmentError) as unapproved:
        _enrol(run.db, {ST_1: boxes[ST_1]})
    assert unapproved.value.reason is EnrolmentRefusal.MODE_NOT_APPROVED
    approve = ("supervise", "approve-mode", "majlis", "P1", "--reference", "مصوبه ۱۲", *BOARD)
    assert "تأیید و ثبت شد" in run((2024, 2, 22), *approve, "--body", "guardian-council")
    build = ("fleet", "approve-build", installed_build(), "--label", "۴.۲", *EXECUTIVE)
    assert "تأیید شد" in run((2024, 2, 22), *build)
    withdraw = ("candidates", "withdraw", "majlis", reza, "--when", "after-printing", *EXECUTIVE)
    assert "پس از چاپ برگه" in run((2024, 2, 27), *withdraw)

    _enrol(run.db, boxes)
    for station in STATIONS:
        for role, member in station_staff(station):
            staff = ("staff", "add", "--election", ELECTION, "--station", station)
            person = ("--person", f"{role.value} {station}", "--role", role.value)
            run((2024, 2, 28), *staff, *person, "--key", member.public_key.text)
    anchor = _seal(run, tmp_path)
    _polling_day(
        run.db,
        election,
        boxes,
        {ST_1: [(maryam,), (ali,), (reza,)], ST_2: [(maryam,), (ali,), (maryam,), (ali,)]},
    )

    ((tied,),) = [
        c["constituencies"] for c in json.loads(run((2024, 3, 2), "outcome", "--json"))["contests"]
    ]
    assert tied["status"] == "lot-required"
    assert tied["lots_required"][0]["tied"] == sorted([maryam, ali])
    assert [w["candidate"] for w in tied["withdrawn"]] == [reza]
    lot = ("lot", "draw", "majlis", "--constituency", "P1", "--seed", "قرعه ۱۴۰۲")
    drawn = json.loads(run((2024, 3, 2), *lot, "--drawn-by", "رئیس هیئت", *BOARD, "--json"))
    winner = drawn["order"][0]
    ((settled,),) = [
        c["constituencies"] for c in json.loads(run((2024, 3, 2), "outcome", "--json"))["contests"]
    ]
    assert settled["elected"] == [winner]

    certify = ("certify", "majlis", "--constituency", "P1", *BOARD, "--body", "guardian-council")
    certified = json.loads(run((2024, 3, 3), *certify, "--json"))
    assert (certified["constituency"], certified["at"]) == ("P1", "2024-03-03T10:00:00+03:30")
    out = tmp_path / "snapshot"
    run((2024, 3, 3), "publish", "--out", str(out), "--once")
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


def _enrol(db: str, boxes: dict[str, SigningKey]) -> None:
    """Each station's box enrolled, as the centre's API does for an operator's session."""
    engine = make_engine(db)
    try:
        for station, box in boxes.items():
            enrol_device(
                lambda: SqlUnitOfWork(engine, now=POLLING),
                election_id=ELECTION,
                station=station,
                public_key_hex=box.public_key.raw.hex(),
                now=POLLING,
                build=installed_build(),  # the build the headquarters approved
            )
    finally:
        engine.dispose()


def _seal(run: Run, tmp_path: Path) -> str:
    """The pre-election record drafted by the HQ, signed by an HQ and a board official, sealed;
    its fingerprint."""
    officials = {body: tmp_path / f"{body}.key" for body in (Body.HQ, Body.SUPERVISORY_BOARD)}
    authorities = []
    for body, path in officials.items():
        key = run((2024, 2, 28), "staff", "keygen", "--out", str(path), store=False).strip()
        authorities.append(f"--authority={body}:{body} official:{key}")
    record = tmp_path / "record.json"
    draft = ("anchor", "draft", "--election", ELECTION, *authorities, "--threshold", "2")
    run((2024, 2, 28), *draft, "--out", str(record))
    for path in officials.values():
        run((2024, 2, 28), "anchor", "sign", str(record), "--key", str(path), store=False)
    signatures = tmp_path / "record.signatures.json"
    run((2024, 2, 28), "anchor", "seal", "--election", ELECTION, str(record), str(signatures))
    return fingerprint(record.read_bytes())


def _polling_day(
    db: str,
    election: Election,
    boxes: dict[str, SigningKey],
    ballots: dict[str, list[tuple[str, ...]]],
) -> None:
    """Each station's box on polling day, by the services the centre's API calls: one voter
    checked in per ballot, the zero and final reports signed by the box and the staff under the
    approved build, and ingested. A check-in the day after is refused by the stored calendar."""
    engine = make_engine(db)
    people = iter(national_code(200 + n) for n in itertools.count())
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=POLLING)

        for station, chosen in ballots.items():
            box = boxes[station]
            opened = dataclasses.replace(zero(election, station, box), build=installed_build())
            ingest_report(uow, signed=signed(opened, box), now=POLLING)
            crowd = [next(people) for _ in chosen]
            voters = registry(*crowd)
            new_token = tokens()
            with pytest.raises(ImpossibleCheckInError):  # the stored calendar's day is over
                check_in(
                    uow,
                    election_id=ELECTION,
                    station=station,
                    device=box.public_key.raw.hex(),
                    national_code=crowd[0],
                    registry=voters,
                    ledger_secret=SECRET,
                    now=POLLING + datetime.timedelta(days=1),
                    new_token=new_token,
                )
            for person in crowd:
                card = check_in(
                    uow,
                    election_id=ELECTION,
                    station=station,
                    device=box.public_key.raw.hex(),
                    national_code=person,
                    registry=voters,
                    ledger_secret=SECRET,
                    now=POLLING,
                    new_token=new_token,
                )
                assert isinstance(card, BallotCard), card
            report = final(election, station, box, {"majlis": chosen})
            report = dataclasses.replace(report, build=installed_build())
            ingest_report(uow, signed=signed(report, box), now=POLLING)
    finally:
        engine.dispose()

"""`sandogh demo --live --e2e` as a real process: the addresses it prints answer, the results
site's figures move in headless Chromium while the simulated day runs, the published province
totals are what the day cast, no process of it is left behind, and the pre-election record was
sealed with the guardians' joint key and the centre's log key, held their decryption (never
unanchored) and the snapshot's supervisory decisions (the log key's attestation); one station of
the day is semi-electronic, and the verification printed says what rests on its paper sheet.
At the end of the day the demo says honestly that round 2 is not complete (an E2E day's other
electronic stations have no box) and certifies nothing; the kiosk no one voted at stays open.
Before the day, the stages before polling ran on the example's own data (issue 12): round 1 from
the calendar to the drawn definition, which is `round1.yaml`, and its certified results; the
runoff's staff, sessions, hard-to-reach plans and boxes shipped.

One run serves every check (its first snapshot alone takes about 20 s to render), so they are one
test, in the order a visitor would see them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from fractions import Fraction
from pathlib import Path

import httpx
from playwright.sync_api import Browser
from typer.testing import CliRunner

from sandogh.cli.anchor import e2e_keys
from sandogh.cli.app import app
from sandogh.cli.database import open_store
from sandogh.cli.demo_preparation import kiosk_station
from sandogh.cli.simulated_ballots import Figures
from sandogh.cli.simulated_day import plan_day
from sandogh.cli.simulated_province import final_sheet, province_of
from sandogh.core.anchor import Body, decode_record, fingerprint, short_fingerprint
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.fleet.shipping import Step
from sandogh.core.readiness import UpdateStatus
from sandogh.core.readiness.roster import SessionKind
from sandogh.core.supervision.modes import station_mode
from sandogh.formats.key_file import read_key_file
from sandogh.services.candidacy import candidacy_of
from sandogh.services.fleet import fleet_boxes
from sandogh.services.ports import IncidentKind
from sandogh.verify_election.run import verify_election
from tests.axe import assert_accessible

SCREENSHOTS = Path(__file__).parent / "screenshots"
STATIONS, VOTERS, MINUTES, SEED = 3, 120, 0.25, 1403
# the stages before the day, the centre and the first snapshot: about 60 s alone, over 200 s on
# two cores shared by many test runs
START_SECONDS = 300.0
FIGURE = "#figures p.reported strong"  # "N of M stations reported"
DASHBOARD = "#stations-reported"  # the console's "N of M" at the account's place
HOURS = "#by-hour"  # and its check-ins by the hour
COUNTY = ("kerman-hq", "demo-kerman-hq-1403")  # printed by the demo
#: of the rest of the province's stations (on an E2E day, those voting on paper), those that
#: report beside the simulated ones: the same path as every one of them (`--province`)
PROVINCE = 10


class Demo:
    """The command's output, read line by line as it comes."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, start: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while not any(line.startswith(start) for line in self.lines):
            assert self.process.poll() is None, "\n".join(self.lines)
            assert time.monotonic() < deadline, "\n".join(self.lines)
            time.sleep(0.1)

    def address(self, label: str) -> str:
        found = next(line for line in self.lines if line.startswith(label))
        match = re.search(r"http://127\.0\.0\.1:\d+\S*", found)
        assert match is not None, found
        return match.group(0)


def _descendants(pid: int) -> set[int]:
    """The processes under `pid`, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _left_after(pids: set[int], *, seconds: float) -> dict[int, str]:
    """The command lines of `pids` still running after `seconds` (a child closing its last
    connection as the demo exits is given that long; one still there is an orphan)."""
    deadline = time.monotonic() + seconds
    while (left := [pid for pid in pids if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {pid: _command(pid) for pid in left}


def _command(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"


def _moves(browser: Browser, pages: dict[str, str], console: str) -> dict[str, tuple[str, str]]:
    """By language, the stations-reported figure when its page opened and after it changed by
    itself; each page's screenshot once it has. Beside them (`county`), the same figure on the
    dashboard of the demo's county account, logged into the `console` as the day starts, and
    once the day has moved it, and (`county hours`) the check-ins by the hour beside it."""
    moved: dict[str, tuple[str, str]] = {}
    try:
        opened = {}
        for lang, url in pages.items():
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(url, wait_until="domcontentloaded", timeout=60_000)
            opened[lang] = (page, page.locator(FIGURE).inner_text())
        county = browser.new_page(viewport={"width": 1100, "height": 1000})
        county.goto(f"{console}/login", timeout=60_000)
        county.fill("#username", COUNTY[0])
        county.fill("#password", COUNTY[1])
        county.click("form.stack button[type=submit]")
        county.wait_for_url(f"{console}/", timeout=60_000)
        at_start = county.locator(DASHBOARD).inner_text()
        hours = county.locator(HOURS).inner_text()
        for lang, (page, before) in opened.items():
            page.wait_for_function(
                "([selector, before]) => document.querySelector(selector).innerText !== before",
                arg=[FIGURE, before],
                timeout=45_000,
            )
            moved[lang] = (before, page.locator(FIGURE).inner_text())
            page.screenshot(path=str(SCREENSHOTS / f"live-demo-{lang}.png"))
            assert_accessible(page, f"the results site, live ({lang})")
        deadline = time.monotonic() + 60
        while county.locator(DASHBOARD).inner_text() == at_start:
            assert time.monotonic() < deadline, f"the county's dashboard stays at {at_start}"
            time.sleep(1)
            county.reload()
        moved["county"] = (at_start, county.locator(DASHBOARD).inner_text())
        moved["county hours"] = (hours, county.locator(HOURS).inner_text())
        county.screenshot(path=str(SCREENSHOTS / "live-demo-county.png"), full_page=True)
        assert_accessible(county, "the county account's dashboard, live")
    finally:  # closed before the demo stops, as a server waits on a page's open connection
        for context in browser.contexts:
            context.close()
    return moved


def test_live_demo_serves_a_moving_day_and_stops_clean(tmp_path: Path, browser: Browser) -> None:
    command = [
        *(str(Path(sys.executable).parent / "sandogh"), "demo", "--live", "--dir", str(tmp_path)),
        *("--stations", str(STATIONS), "--voters", str(VOTERS), "--minutes", str(MINUTES)),
        *("--port", "0", "--site-port", "0", "--kiosk-port", "0", "--lang", "en"),
        *("--e2e", "--exit-when-done", "--province", str(PROVINCE)),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
    )
    demo = Demo(process)
    children: set[int] = set()
    try:
        demo.wait_for("Simulated election day")
        children = _descendants(process.pid)
        site = demo.address("Results site").removesuffix("/en/")
        api = demo.address("Central service").removesuffix("/openapi.json")
        kiosk = demo.address("Ballot box")

        # asked before the day moves: on a loaded machine the browser's part outlasted the day,
        # and the demo (--exit-when-done) had stopped its servers when they were asked after it
        assert "Kerman" in httpx.get(f"{site}/en/").text
        snapshot = httpx.get(f"{site}/data/kerman-1403-r2/snapshot.json").json()
        assert snapshot["stations"]["total"] == 2427
        assert httpx.get(f"{api}/openapi.json").status_code == 200
        assert httpx.get(f"{api}/console/", follow_redirects=True).status_code == 200
        assert httpx.get(kiosk).status_code == 200
        assert any("demo-admin" in line and "otpauth://" in line for line in demo.lines)

        SCREENSHOTS.mkdir(exist_ok=True)
        pages = {"fa": f"{site}/kerman-1403-r2/", "en": f"{site}/en/kerman-1403-r2/"}
        for before, after in _moves(browser, pages, f"{api}/console").values():
            assert before != after

        assert process.wait(START_SECONDS) == 0, "\n".join(demo.lines)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(START_SECONDS)
    assert children, "the centre's process was not seen"
    left = _left_after(children, seconds=5.0)
    assert not left, left

    plan = plan_day(
        stations=STATIONS, scale=Fraction(1), seed=SEED, voters=VOTERS, e2e=True, on_paper=1
    )
    day_cast = sum(plan.expected.values(), Figures(0, 0, 0, ()))
    province = province_of(plan, kiosk_station(plan), seed=SEED, e2e=True, limit=PROVINCE)
    rest = [final_sheet(province, code) for code in province.stations]
    cast = sum((Figures.of(counts) for counts in rest), day_cast)
    geography = Geography.of(plan.loaded.election)
    # one station of the day is semi-electronic, its ballots on paper (docs/e2e.md, "Mixed-mode
    # elections"); the county account is at the county whose electronic stations report:
    # Kerman's, not Baft's
    (paper,) = [c for c in plan.chosen if station_mode(geography, c) is VotingMode.SEMI_ELECTRONIC]
    assert any("kerman-hq" in line and "(county HQ at Kerman)" in line for line in demo.lines)
    electronic = set(plan.chosen) - {paper}
    assert {geography.unit(code).parent for code in electronic} == {"IR-08-0808"}
    results = tmp_path / "site" / "data" / "kerman-1403-r2" / "results" / "president"
    published = json.loads((results / "IR-08.json").read_text(encoding="utf-8"))
    # not the kiosk's: on an E2E day a box no one voted at stays open (the guardians' check
    # refuses the tally of a chain with no cast ballot)
    kiosk_code = kiosk_station(plan)
    assert published["stations"]["reported"] == STATIONS + PROVINCE
    counts = published["counts"]
    assert (counts["cast"], counts["valid"]) == (cast.cast, cast.valid)
    assert sorted((v["code"], v["votes"]) for v in counts["votes"]) == list(cast.votes)
    assert f"The election day is over: {cast.cast:,} ballots" in "\n".join(demo.lines)
    # stopping is quiet: the site's server, forked with the demo's SIGTERM handler, once printed
    # a KeyboardInterrupt's traceback as it stopped
    assert "Traceback" not in "\n".join(demo.lines)

    # the record was sealed before polls opened, carrying the guardians' joint key, and
    # published; the guardians decrypted every tally held to its fingerprint
    election = tmp_path / "site" / "data" / "kerman-1403-r2"
    sealed = (election / "anchor" / "record.json").read_bytes()
    assert decode_record(sealed).e2e == e2e_keys(tmp_path / "guardians" / "election.json")
    said = " ".join(" ".join(demo.lines).split())
    assert f"Pre-election record sealed before polls opened; fingerprint {fingerprint(sealed)}" in (
        said
    )
    short = short_fingerprint(fingerprint(sealed))
    # and shown on the site's pages, those of the stations that never reported too (session 24's
    # F6: the publisher followed the log from before the seal): every 50th page of the units
    pages = sorted((tmp_path / "site" / "en" / "kerman-1403-r2" / "units").glob("*.html"))
    assert len(pages) > 2000
    assert all(short in page.read_text(encoding="utf-8") for page in pages[::50])
    assert f"tallies anchored to the sealed record (--anchor {short})" in said
    assert f"--anchor {short} — and “Was my ballot counted?”" in said  # verify-election's
    # every station's tally but the semi-electronic one's, whose box was sent no key
    tallies = {p.stem for p in (election / "e2e" / "tallies").glob("*.json")}
    assert tallies == electronic
    assert f"Ballot box {kiosk_code} stays open: no one voted at it" in said
    # an E2E day's electronic stations report only from a box of their own: round 2 is not
    # complete, and the demo says so rather than certify it
    left = 2427 - (STATIONS + PROVINCE)
    assert f"of 2,427 stations reported; the other {left:,} have no box in this demo" in said
    assert "so the results are not certified" in said
    absent = json.loads((election / "e2e" / "absent.json").read_bytes())["stations"]
    on_paper = {a["station"] for a in absent if a["reason"] == "paper-ballots"}
    assert on_paper == {paper, *province.stations}
    _check_ins_are_papers_used(
        tmp_path,
        {code: counts.papers_used for code, counts in zip(province.stations, rest, strict=True)},
    )
    assert verify_election(str(tmp_path / "site"), workers=1, anchors=(short,)).passed
    _decisions_signed_by_the_log(
        tmp_path,
        sealed,
        short,
        said,
        day_cast.cast - plan.expected[paper].cast,
        on_paper=PROVINCE + 1,
    )
    _stages_before_the_day(tmp_path, said)
    _boxes_attested(tmp_path, electronic)


def _check_ins_are_papers_used(folder: Path, papers: dict[str, int]) -> None:
    """Each of the rest of the province's stations checked in as many voters as its papers used,
    before its final report: the centre raised no "check-ins ≠ papers used" incident."""
    store = open_store(f"sqlite:///{folder / 'kerman-1403.sqlite'}")
    with store() as work:
        held = work.ledger.counts_by_station("kerman-1403-r2", papers)
        raised = work.incidents.all("kerman-1403-r2")
    assert dict(held) == papers
    assert [i for i in raised if i.kind is IncidentKind.CHECK_INS_NOT_PAPERS_USED] == []


def _decisions_signed_by_the_log(
    folder: Path, sealed: bytes, short: str, said: str, end_to_end: int, *, on_paper: int
) -> None:
    """The record names the centre's log key, which signed the log's checkpoints and the
    snapshot's attestation: the command the demo printed holds the published decisions to the
    log, not to the publisher's word, and says which part of the total was cast at electronic
    stations and which rests on the semi-electronic station's signed paper sheet."""
    log_key = read_key_file(folder / "log.key").public_key
    assert [a.key for a in decode_record(sealed).authorities if a.body is Body.LOG] == [log_key]
    assert (folder / "site" / "log" / "attestation.json").is_file()
    assert (folder / "site" / "log" / "key.txt").read_text().strip() == log_key.text
    verify = f"sandogh verify-results {folder / 'site'} -e kerman-1403-r2 --anchor {short}"
    assert verify in said
    printed = CliRunner().invoke(app, [*verify.split()[1:], "--lang", "en"])
    assert printed.exit_code == 0, printed.output
    shown = " ".join(printed.output.split())
    # at electronic stations, whose record verify-election checks: this command checks no proof
    assert f"= {end_to_end} at " in shown
    assert "whose encrypted record sandogh verify-election checks" in shown
    # anchored by the record's fingerprint, with no amendment, no warning (review S20 F6)
    assert "this snapshot publishes no amendment of it" in shown
    assert "after amendment" not in shown
    assert f"on the signed paper sheets of {on_paper} semi-electronic" in shown
    checked = CliRunner().invoke(app, [*verify.split()[1:], "--json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["elections"][0]["decisions"] == "log-key"


def _stages_before_the_day(folder: Path, said: str) -> None:
    """Round 1 from registration to certified results, and the runoff's stations made ready, as
    said and as stored; the round's published outcome certified."""
    assert "9 applicants for round 1 on 10 Khordad 1403" in said
    assert "6 candidates of 9 applicants on the final list" in said
    assert "Amir-Hossein Ghazizadeh Hashemi withdrew on 6 Tir 1403" in said
    assert (
        "Codes drawn by revealing the committed secret kerman-1403/code-draw/21: 21 25 33 44"
        in said
    )
    assert "is round1.yaml's" in said
    assert "The results of kerman-1403-r1 certified by demo-guardian-board" in said
    assert "Each station's mode from the definition" in said
    assert "60,000 trained in Kerman province" in said
    assert "console/candidacy" in said
    store = open_store(f"sqlite:///{folder / 'kerman-1403.sqlite'}")
    files = candidacy_of(store, "kerman-1403-r1")
    assert len(files.files) == 9
    assert len(files.published[-1].applicants) == 6
    assert sum(f.withdrew is not None for f in files.files.values()) == 2
    (drawn,) = files.draws
    assert sorted(c.code for c in drawn.codes) == ["21", "25", "33", "44"]
    # and published: the final list, the decisions and the draw (F15), on the site too
    published = folder / "site" / "data" / "kerman-1403-r1" / "candidacy.json"
    (contest,) = json.loads(published.read_text(encoding="utf-8"))["contests"]
    assert sorted(c["code"] for c in contest["draw"]["codes"]) == ["21", "25", "33", "44"]
    assert len(contest["lists"][-1]["candidates"]) == 6
    assert (folder / "site" / "en" / "kerman-1403-r1" / "candidates.html").is_file()
    with store() as work:
        assert [c.by for c in work.certifications.in_force("kerman-1403-r1")] == [
            "demo-guardian-board"
        ]
        workers = work.preparation.workers("kerman-1403-r2")
        sessions = work.preparation.sessions("kerman-1403-r2")
        handovers = work.fleet.handovers("kerman-1403-r2")
    assert len({w.station for w in workers}) == STATIONS + 1  # the day's and the kiosk's
    assert [s.kind for s in sessions] == [SessionKind.TRAINING, SessionKind.BRIEFING]
    assert all(len(s.attendees) == len(workers) for s in sessions)
    installed = [h for h in handovers if h.step is Step.INSTALLED]
    assert len(handovers) == len(installed) * len(Step)
    assert installed
    outcome = folder / "site" / "data" / "kerman-1403-r1" / "outcomes" / "president" / "IR.json"
    assert json.loads(outcome.read_text(encoding="utf-8"))["status"] == "certified"


def _boxes_attested(folder: Path, electronic: set[str]) -> None:
    """Review S20 F4: the register's box of each electronic station of the day is the box that
    enrolled and reported, so it shows the approved build it attested, not "awaiting"."""
    store = open_store(f"sqlite:///{folder / 'kerman-1403.sqlite'}")
    with store() as work:
        fleet = work.readiness.registers("kerman-1403-r2").fleet
        boxes = [b.box for b in fleet_boxes(work, "kerman-1403-r2", fleet)]
    day = [b for b in boxes if b.place in electronic]
    assert {b.place for b in day} == electronic
    assert all(b.public_key and b.update is UpdateStatus.CURRENT for b in day), day

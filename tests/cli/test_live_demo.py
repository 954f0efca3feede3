"""`sandogh demo --live --e2e` as a real process: the addresses it prints answer, the results
site's figures move in headless Chromium while the simulated day runs, the published province
totals are what the day cast, no process of it is left behind, and the pre-election record was
sealed with the guardians' joint key and held their decryption (never unanchored).

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
from playwright.sync_api import sync_playwright

from sandogh.cli.anchor import e2e_keys
from sandogh.cli.simulated_ballots import Figures
from sandogh.cli.simulated_day import plan_day
from sandogh.core.anchor import decode_record, fingerprint, short_fingerprint
from sandogh.verify_election.run import verify_election
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

SCREENSHOTS = Path(__file__).parent / "screenshots"
STATIONS, VOTERS, MINUTES, SEED = 4, 300, 0.4, 1403
START_SECONDS = 90.0
FIGURE = "#figures p.reported strong"  # "N of M stations reported"


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


def _moves(pages: dict[str, str]) -> dict[str, tuple[str, str]]:
    """By language, the stations-reported figure when its page opened and after it changed by
    itself; each page's screenshot once it has."""
    moved: dict[str, tuple[str, str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            opened = {}
            for lang, url in pages.items():
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.goto(url, wait_until="domcontentloaded", timeout=60_000)
                opened[lang] = (page, page.locator(FIGURE).inner_text())
            for lang, (page, before) in opened.items():
                page.wait_for_function(
                    "([selector, before]) => document.querySelector(selector).innerText !== before",
                    arg=[FIGURE, before],
                    timeout=45_000,
                )
                moved[lang] = (before, page.locator(FIGURE).inner_text())
                page.screenshot(path=str(SCREENSHOTS / f"live-demo-{lang}.png"))
        finally:
            browser.close()
    return moved


def test_live_demo_serves_a_moving_day_and_stops_clean(tmp_path: Path) -> None:
    command = [
        *(str(Path(sys.executable).parent / "sandogh"), "demo", "--live", "--dir", str(tmp_path)),
        *("--stations", str(STATIONS), "--voters", str(VOTERS), "--minutes", str(MINUTES)),
        *("--port", "0", "--site-port", "0", "--kiosk-port", "0", "--lang", "en"),
        *("--e2e", "--exit-when-done"),
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

        SCREENSHOTS.mkdir(exist_ok=True)
        pages = {"fa": f"{site}/kerman-1403-r2/", "en": f"{site}/en/kerman-1403-r2/"}
        for before, after in _moves(pages).values():
            assert before != after

        assert "Kerman" in httpx.get(f"{site}/en/").text
        snapshot = httpx.get(f"{site}/data/kerman-1403-r2/snapshot.json").json()
        assert snapshot["stations"]["total"] == 2427
        assert httpx.get(f"{api}/openapi.json").status_code == 200
        assert httpx.get(f"{api}/console/", follow_redirects=True).status_code == 200
        assert httpx.get(kiosk).status_code == 200
        assert any("demo-admin" in line and "otpauth://" in line for line in demo.lines)

        assert process.wait(START_SECONDS) == 0, "\n".join(demo.lines)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(START_SECONDS)
    assert children, "the centre's process was not seen"
    left = _left_after(children, seconds=5.0)
    assert not left, left

    plan = plan_day(stations=STATIONS, scale=Fraction(1), seed=SEED, voters=VOTERS, e2e=True)
    cast = sum(plan.expected.values(), Figures(0, 0, 0, ()))
    province = tmp_path / "site" / "data" / "kerman-1403-r2" / "results" / "president"
    published = json.loads((province / "IR-08.json").read_text(encoding="utf-8"))
    assert published["stations"]["reported"] == STATIONS
    counts = published["counts"]
    assert (counts["cast"], counts["valid"]) == (cast.cast, cast.valid)
    assert sorted((v["code"], v["votes"]) for v in counts["votes"]) == list(cast.votes)
    assert f"The election day is over: {cast.cast} ballots" in "\n".join(demo.lines)

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
    assert f"tallies anchored to the sealed record (--anchor {short})" in said
    assert f"--anchor {short} — and “Was my ballot counted?”" in said  # verify-election's
    assert len(list((election / "e2e" / "tallies").glob("*.json"))) == STATIONS
    assert verify_election(str(tmp_path / "site"), workers=1, anchors=(short,)).passed

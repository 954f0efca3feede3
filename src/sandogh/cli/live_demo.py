"""`sandogh demo --live` (`make run`): the Kerman runoff's election day, live on this machine.

Everything runs on loopback from a fresh SQLite file: round 1 from registration to certified
results and the runoff's stages before its day (`cli.demo_preparation`), both rounds loaded with
round 1's results imported (so the site sets round 2 beside it), two demo operators, the centre of
`sandogh serve` in a child process (`server.process.centre_process`), the publisher following the
event log into the snapshot and a plain static server for it (`sandogh publish --follow` and
`publish-serve`, here in threads), one ballot box enrolled and open with its kiosk screens (its
two staff registered, their key files beside the box), and the simulated day of
`sandogh simulate` (`cli.simulated_day`) paced so that its stations report one after another over
`--minutes`, while the rest of the province's stations (`cli.simulated_province`; `--province N`,
only N of them) open and report in batches as the simulated ones wait their turn, so that by the
end every station has reported but the kiosk's (whose audio ballot espeak-ng speaks, when
installed). Then its box is closed, counted and reported as its head and secretary would, and
round 2 certified by the demo's board account once complete (`cli.live_demo_close`). Every box,
the kiosk's, the day's and the rest's, is enrolled first and the pre-election record
naming them sealed before any opens (`cli.simulated_anchor`), as on a real election day. The main
thread watches every part: one that stops stops the demo with a line saying which; Ctrl-C (or
SIGTERM) stops all of them, the centre's process included.

With `e2e` (issue 10, `cli.simulated_e2e`), three guardians run the key ceremony first (their
files in `guardians/`) and the centre loads its record, so every box, the kiosk's too, encrypts
its ballots, but for one simulated semi-electronic station (`ON_PAPER`, when more than one is
simulated), whose box is sent no key and whose signed paper sheet the results add beside the E2E
tally; each simulated station's first voter challenges a ballot, each box sends its chain
after its final report, and the publisher writes the E2E record as the chains come (a code can
be looked up on the site at once); the sealed record carries the joint key. When the day is over
the guardians decrypt the tallies, held to the sealed record by its fingerprint (`--anchor`),
and the record is complete, for `sandogh verify-election`.

This module holds the run in order; each stage is in a module of its own: the stages before the
day (`cli.demo_candidacy`, `cli.demo_preparation`), the parts and their watch
(`cli.live_demo_parts`), the accounts and the addresses printed (`cli.live_demo_accounts`), and
the day itself (`cli.live_demo_day`).
"""

from __future__ import annotations

import dataclasses
import functools
import queue
import shutil
import signal
import threading
from contextlib import ExitStack
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import FrameType

from rich.console import Console

from sandogh.cli.demo import ROUNDS, load_rounds
from sandogh.cli.demo_preparation import before_the_day, candidacy, kiosk_station
from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.cli.live_demo_accounts import add_operators, print_addresses, spare_voters
from sandogh.cli.live_demo_close import end_of_day
from sandogh.cli.live_demo_day import (
    KIOSK_STAFF,
    WATCH_SECONDS,
    ProvinceBatch,
    cast_in,
    ceremony,
    kiosk_box,
    polls_open,
    run_day,
    watch,
)
from sandogh.cli.live_demo_parts import (
    Probe,
    Worker,
    check,
    child_alive,
    listening_port,
    serving,
    serving_site,
)
from sandogh.cli.live_demo_publishing import (
    Progress,
    decrypt_after_day,
    follow,
    snapshot_publisher,
)
from sandogh.cli.live_demo_text import say
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import LOG_KEY, fresh_log_key
from sandogh.cli.simulated_day import ON_PAPER, DayPlan, approve_own_build, plan_day
from sandogh.cli.simulated_province import Province, province_of
from sandogh.cli.simulated_station import TIMEOUT_SECONDS, StationDay
from sandogh.locale.dates import format_duration
from sandogh.locale.language import Lang
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import OperatorSettings
from sandogh.station.clips import Clips
from sandogh.station.directory import StationDirectory
from sandogh.station.speech import EspeakSpeech, SpeechError
from sandogh.station.web import create_station_app
from sandogh.station.web.labels import label

DATABASE = "kerman-1403.sqlite"


@dataclass(frozen=True)
class LiveOptions:
    folder: Path  # the database, the snapshot (`site/`) and the boxes (`boxes/`) go here
    api_port: int
    site_port: int
    kiosk_port: int
    stations: int
    voters: int
    minutes: float
    seed: int
    exit_when_done: bool
    lang: Lang
    e2e: bool = False
    province: int | None = None  # of the rest of the province's stations, how many report (all)


def run(options: LiveOptions, out: Console) -> None:
    """Run the live demo until Ctrl-C or SIGTERM (with `exit_when_done`, until the day is over
    and published); `DemoStoppedError` when a part of it stops on its own."""
    lang = options.lang
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    folder = _fresh(options.folder)
    # the run's keys: the server's, and the log's (the centre's, the publisher's, the record's)
    key, log_key = ServerKey.write(folder / SERVER_KEY), fresh_log_key(folder)
    url = f"sqlite:///{folder / DATABASE}"
    store = load_rounds(url, lang, out, results=[ROUNDS[0][0]], before=candidacy(folder, out, lang))
    plan, province = _day(options)
    accounts = add_operators(store, key)
    before_the_day(store, plan, options.seed, out, lang)  # issue 12: round 1 certified, stations
    approve_own_build(store, plan.loaded.election, plan.registry.seed)
    guardians = ceremony(store, plan, folder, out, lang) if options.e2e else None
    enroller = add_run_operator(store, plan.loaded.election, by=actor(), key=key)
    settings = one_run_settings(url, plan.registry, folder / SERVER_KEY, folder / LOG_KEY)
    # loopback only: the console's session cookie must come back over plain http
    settings = settings.model_copy(update={"operators": OperatorSettings(secure_cookies=False)})
    publisher = snapshot_publisher(store, folder, e2e=options.e2e, log_key=log_key)
    ready, decrypted, progress = threading.Event(), threading.Event(), Progress()
    following = Worker(
        say("publisher", lang), lambda stop: follow(publisher, stop, ready, decrypted, progress)
    )
    try:
        with ExitStack() as running:
            port = listening_port(options.api_port, say("centre", lang), lang, out)
            centre = running.enter_context(centre_process(settings, port=port, lang=lang))
            site, site_process = running.enter_context(
                serving_site(folder / "site", options.site_port, lang, out)
            )
            operator = run_operator_pass(centre.base_url, enroller, timeout=TIMEOUT_SECONDS)
            station, box, staff = kiosk_box(
                plan, centre.base_url, operator, store, folder / "boxes", running, lang
            )
            box.lang = lang  # its minutes and paper copies in the demo's language
            anchor = polls_open(
                plan,
                centre.base_url,
                operator,
                store,
                folder,
                box,
                province,
                guardians,
                log_key,
                out,
                lang,
            )
            # the first render takes the machine for a while: the centre starts before it, and
            # the record is sealed before it, which would otherwise render every page again
            out.print(say("rendering", lang))
            following.start()
            kiosk, kiosk_thread = running.enter_context(
                serving(
                    create_station_app(
                        box,
                        lang=lang,
                        photos=folder / "boxes" / station / "photos",
                        clips=kiosk_clips(folder / "boxes" / station, out, lang),
                        card_key=StationDirectory(folder / "boxes" / station).card_key(),
                    ),
                    options.kiosk_port,
                    "kiosk_server",
                    lang,
                    out,
                )
            )
            reported: queue.Queue[StationDay | ProvinceBatch] = queue.Queue()
            day = Worker(
                say("simulation", lang),
                lambda stop: run_day(
                    plan,
                    centre.base_url,
                    operator,
                    folder / "boxes",
                    reported,
                    stop,
                    minutes=options.minutes,
                    seed=options.seed,
                    challenge=options.e2e,
                    store=store,
                    province=province,
                    ledger_secret=settings.ledger_secret.get_secret_value(),
                ),
            )
            parts: list[tuple[str, Probe]] = [
                ("centre", lambda: child_alive(centre.pid)),
                ("publisher", lambda: following.trouble(running=True)),
                ("site_server", lambda: None if site_process.is_alive() else "exited"),
                ("kiosk_server", lambda: None if kiosk_thread.is_alive() else "exited"),
                ("simulation", lambda: day.trouble(running=False)),
            ]
            while not ready.wait(WATCH_SECONDS):
                check(parts, lang)
            urls = {"site": site, "api": centre.base_url, "kiosk": kiosk, "db": url}
            print_addresses(out, lang, plan, urls, station, accounts, spare_voters(plan), staff)
            out.print(
                say(
                    "day",
                    lang,
                    stations=len(plan.chosen),
                    voters=cast_in(plan),
                    province=len(province.stations),
                    duration=format_duration(options.minutes * 60, lang),
                )
            )
            day.start()
            decrypt = (
                None
                if guardians is None
                else functools.partial(
                    decrypt_after_day,
                    guardians,
                    anchor,
                    folder,
                    decrypted,
                    out,
                    lang,
                    site,
                    station,
                    store,
                    progress,
                )
            )
            after_day = functools.partial(
                end_of_day,
                box,
                station,
                list(zip(KIOSK_STAFF, staff, strict=True)),
                store,
                plan.loaded.election.id,
                out,
                lang,
                decrypt,
            )
            watch(
                out,
                lang,
                plan,
                parts,
                day,
                reported,
                options.exit_when_done,
                len(province.stations),
                after_day,
            )
            following.stop.set()
            following.join()
            check(parts[1:2], lang)
    finally:  # Ctrl-C (SIGTERM too) goes on to `cli.app.main`, which says it in one line
        following.stop.set()
    out.print(say("stopped", lang))


def _day(options: LiveOptions) -> tuple[DayPlan, Province]:
    """The simulated stations' day, and the rest of the province that reports beside them."""
    plan = plan_day(
        stations=options.stations,
        scale=Fraction(1),
        seed=options.seed,
        voters=options.voters,
        e2e=options.e2e,
        on_paper=min(ON_PAPER, options.stations - 1),
    )
    province = province_of(
        plan, kiosk_station(plan), seed=options.seed, e2e=options.e2e, limit=options.province
    )
    # the centre's registry holds the province's voters too
    return dataclasses.replace(plan, registry=province.registry), province


def kiosk_clips(box: Path, out: Console, lang: Lang) -> Clips | None:
    """The kiosk's audio ballot, spoken by this machine's espeak-ng into the box's `clips/`, as
    `sandogh station kiosk` serves it; without espeak-ng, none, and the demo says so."""
    try:
        return Clips(EspeakSpeech(), box / "clips")
    except SpeechError:
        out.print(label("kiosk_no_speech", lang), markup=False)
        return None


def _interrupt(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise KeyboardInterrupt


def _fresh(folder: Path) -> Path:
    """`folder` without what an earlier run left: the demo's database is new every run."""
    for stale in ("", "-wal", "-shm"):
        (folder / f"{DATABASE}{stale}").unlink(missing_ok=True)
    (folder / SERVER_KEY).unlink(missing_ok=True)
    for stale in ("site", "boxes", "guardians", "tallies", "decrypted"):
        shutil.rmtree(folder / stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder

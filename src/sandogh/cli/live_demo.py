"""`sandogh demo --live` (`make run`): the Kerman runoff's election day, live on this machine.

Everything runs on loopback from a fresh SQLite file: round 1 from registration to certified
results and the runoff's stages before its day (`cli.demo_preparation`), both rounds loaded with
round 1's results imported (so the site sets round 2 beside it), two demo operators, the centre of
`sandogh serve` in a child process (`server.process.centre_process`), the publisher following the
event log into the snapshot and a plain static server for it (`sandogh publish --follow` and
`publish-serve`, here in threads), one ballot box enrolled and open with its kiosk screens (its
two staff registered, their key files beside the box), and the simulated day of
`sandogh simulate` (`cli.simulated_day`) paced so that its stations report one after another over
`--minutes`. Every box, the kiosk's and the day's, is enrolled first and the pre-election record
naming them sealed before any opens (`cli.simulated_anchor`), as on a real election day. The main
thread watches every part: one that stops stops the demo with a line saying which; Ctrl-C (or
SIGTERM) stops all of them, the centre's process included.

With `e2e` (issue 10, `cli.simulated_e2e`), three guardians run the key ceremony first (their
files in `guardians/`) and the centre loads its record, so every box, the kiosk's too, encrypts
its ballots; each simulated station's first voter challenges a ballot, each box sends its chain
after its final report, and the publisher writes the E2E record as the chains come (a code can
be looked up on the site at once); the sealed record carries the joint key. When the day is over
the guardians decrypt the tallies, held to the sealed record by its fingerprint (`--anchor`),
and the record is complete, for `sandogh verify-election`.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import multiprocessing
import queue
import random
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from fractions import Fraction
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType

import pyotp
import uvicorn
from rich.console import Console
from rich.markup import escape
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp

from sandogh.cli.demo import ROUNDS, load_rounds
from sandogh.cli.demo_preparation import before_the_day, candidacy, guide, kiosk_station
from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.cli.live_demo_text import say
from sandogh.cli.session import actor
from sandogh.cli.simulated_anchor import LOG_KEY, fresh_log_key, seal_day_record
from sandogh.cli.simulated_ballots import CONTEST
from sandogh.cli.simulated_day import DayPlan, approve_own_build, plan_day
from sandogh.cli.simulated_e2e import Guardians, ceremony_stored, decrypt_tallies
from sandogh.cli.simulated_station import (
    TIMEOUT_SECONDS,
    StationDay,
    enrol_box,
    station_day,
    station_staff,
)
from sandogh.core.access import Grant, Role
from sandogh.core.anchor import short_fingerprint
from sandogh.core.errors import SandoghError
from sandogh.core.report import SigningKey, StaffRole
from sandogh.formats.key_file import write_key_file
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.publish.e2e_record import E2EOptions
from sandogh.publish.serve import static_app
from sandogh.publish.snapshot import Publisher
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.credentials import Argon2Passwords, TotpFactor, provisioning_uri
from sandogh.server.listening import ListenSettings, listening_config
from sandogh.server.process import LOOPBACK, centre_process, free_port, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import OperatorSettings
from sandogh.services import acting
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.operators import Actor, add_user
from sandogh.services.staff import register_staff
from sandogh.station.box import Box
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.station.directory import StationDirectory
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy
from sandogh.station.web import create_station_app

DATABASE = "kerman-1403.sqlite"
PUBLISH_SECONDS = 1.0  # between the publisher's reads of the event log
BULK_SECONDS = 15.0  # csv/totals.csv and the NIST report, rewritten at most this often
WATCH_SECONDS = 0.25
START_SECONDS = 10.0
STOP_SECONDS = 3.0
KIOSK_PAPERS = 500
KIOSK_STAFF = (StaffRole.HEAD, StaffRole.SECRETARY)  # two: enough to count and sign
# Demo-only accounts: fixed, printed, and never to be used on a real election's centre.
HQ = ("kerman-hq", "demo-kerman-hq-1403", Role.COUNTY_HQ, "IR-08-0801")
ADMIN = ("demo-admin", "demo-admin-1403", Role.ADMIN, "IR")
ADMIN_TOTP_SECRET = "SANDOGHDEMOKERMANDEMOONLYAAAAAAA"  # base32, 160 bits


class DemoStoppedError(SandoghError):
    """A part of the live demo stopped on its own; the message names it."""


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


class _Worker(threading.Thread):
    """A daemon thread running `work`, keeping what stopped it for the main thread to report."""

    def __init__(self, what: str, work: Callable[[threading.Event], None]) -> None:
        super().__init__(name=what, daemon=True)
        self.what = what
        self.stop = threading.Event()
        self.failure: BaseException | None = None
        self._work = work

    def run(self) -> None:
        try:
            self._work(self.stop)
        except Exception as failure:  # the main thread reports it and stops the demo
            self.failure = failure

    def trouble(self, *, running: bool) -> str | None:
        """What went wrong: the failure, or (when it should be `running`) that it has ended."""
        if self.failure is not None:
            return f"{type(self.failure).__name__}: {self.failure}"
        return "exited" if running and not self.is_alive() and not self.stop.is_set() else None


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
    plan = plan_day(
        stations=options.stations,
        scale=Fraction(1),
        seed=options.seed,
        voters=options.voters,
        e2e=options.e2e,
    )
    accounts = _add_operators(store, key)
    before_the_day(store, plan, options.seed, out, lang)  # issue 12: round 1 certified, stations
    approve_own_build(store, plan.loaded.election, plan.registry.seed)
    guardians = _ceremony(store, plan, folder, out, lang) if options.e2e else None
    enroller = add_run_operator(store, plan.loaded.election, by=actor(), key=key)
    settings = one_run_settings(url, plan.registry, folder / SERVER_KEY, folder / LOG_KEY)
    # loopback only: the console's session cookie must come back over plain http
    settings = settings.model_copy(update={"operators": OperatorSettings(secure_cookies=False)})
    publisher = _publisher(store, folder, e2e=options.e2e, log_key=log_key)
    ready, decrypted = threading.Event(), threading.Event()
    following = _Worker(
        say("publisher", lang), lambda stop: _follow(publisher, stop, ready, decrypted)
    )
    out.print(say("rendering", lang))
    following.start()
    try:
        with ExitStack() as running:
            port = _port(options.api_port, say("centre", lang), lang, out)
            centre = running.enter_context(centre_process(settings, port=port))
            site, site_process = running.enter_context(
                _serving_site(folder / "site", options.site_port, lang, out)
            )
            operator = run_operator_pass(centre.base_url, enroller, timeout=TIMEOUT_SECONDS)
            station, box, staff = _kiosk(
                plan, centre.base_url, operator, store, folder / "boxes", running
            )
            anchor = _polls_open(
                plan, centre.base_url, operator, store, folder, box, guardians, log_key, out, lang
            )
            kiosk, kiosk_thread = running.enter_context(
                _serving(
                    create_station_app(box, lang=lang),
                    options.kiosk_port,
                    "kiosk_server",
                    lang,
                    out,
                )
            )
            reported: queue.Queue[StationDay] = queue.Queue()
            day = _Worker(
                say("simulation", lang),
                lambda stop: _run_day(
                    plan, options, centre.base_url, operator, folder / "boxes", reported, stop
                ),
            )
            parts: list[tuple[str, Probe]] = [
                ("centre", lambda: _child_alive(centre.pid)),
                ("publisher", lambda: following.trouble(running=True)),
                ("site_server", lambda: None if site_process.is_alive() else "exited"),
                ("kiosk_server", lambda: None if kiosk_thread.is_alive() else "exited"),
                ("simulation", lambda: day.trouble(running=False)),
            ]
            while not ready.wait(WATCH_SECONDS):
                _check(parts, lang)
            urls = {"site": site, "api": centre.base_url, "kiosk": kiosk, "db": url}
            _print_addresses(out, lang, urls, station, accounts, _spare_voters(plan), staff)
            out.print(
                say(
                    "day",
                    lang,
                    stations=len(plan.chosen),
                    voters=_cast(plan),
                    minutes=_digits(f"{options.minutes:g}", lang),
                )
            )
            day.start()
            after_day = (
                None
                if guardians is None
                else functools.partial(
                    _decrypt, guardians, anchor, folder, decrypted, out, lang, site, station
                )
            )
            _watch(out, lang, plan, parts, day, reported, options.exit_when_done, after_day)
            following.stop.set()
            following.join()
            _check(parts[1:2], lang)
    except KeyboardInterrupt:
        pass
    finally:
        following.stop.set()
    out.print(say("stopped", lang))


Probe = Callable[[], str | None]


def _cast(plan: DayPlan) -> int:
    return sum(f.cast for f in plan.expected.values())


def _child_alive(pid: int) -> str | None:
    """Whether this process's child `pid` still runs (joining it if it has ended)."""
    return None if pid in {c.pid for c in multiprocessing.active_children()} else "exited"


def _check(parts: list[tuple[str, Probe]], lang: Lang) -> None:
    for what, probe in parts:
        trouble = probe()
        if trouble is not None:
            raise DemoStoppedError(say("failed", lang, what=say(what, lang), error=trouble))


def _interrupt(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise KeyboardInterrupt


def _digits(shown: str, lang: Lang) -> str:
    return to_persian_digits(shown) if lang == "fa" else shown


def _add_operators(
    store: UnitOfWorkFactory, key: ServerKey
) -> list[tuple[str, str, Grant, str | None]]:
    """The demo accounts: (username, password, grant, TOTP secret)."""
    hasher = Argon2Passwords.of(OperatorSettings())
    now = datetime.datetime.now(datetime.UTC)
    added = []
    for username, password, role, place in (HQ, ADMIN):
        change = add_user(
            store,
            actor=Actor(actor(), None),
            username=username,
            display_name=f"{username} (demo)",
            grant=Grant(role, place),
            password=password,
            second_factor=False,
            hasher=hasher,
            factor=_DemoTotp(key),
            now=now,
        )
        secret = None if change.totp_uri is None else pyotp.parse_uri(change.totp_uri).secret
        added.append((username, password, change.account.grant, secret))
    return added


class _DemoTotp(TotpFactor):
    """The same TOTP secret every run, so an authenticator app set up once keeps working."""

    def new_secret(self) -> str:
        return ADMIN_TOTP_SECRET


def _port(wanted: int, what: str, lang: Lang, out: Console) -> int:
    with _bound(wanted, what, lang, out) as listening:
        port: int = listening.getsockname()[1]
    return port


@contextmanager
def _bound(wanted: int, what: str, lang: Lang, out: Console) -> Iterator[socket.socket]:
    """A socket bound to loopback `wanted`, or to a free port (said) when it is taken."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        try:
            listening.bind((LOOPBACK, wanted))
        except OSError:
            port = free_port()
            listening.bind((LOOPBACK, port))
            taken = {"wanted": str(wanted), "what": what, "port": str(port)}
            out.print(f"[yellow]{escape(say('port_taken', lang, **taken))}[/yellow]")
        yield listening
    finally:
        listening.close()


@contextmanager
def _serving(
    app: ASGIApp, wanted: int, what: str, lang: Lang, out: Console
) -> Iterator[tuple[str, threading.Thread]]:
    """`app` served on loopback in a thread until the block ends: its base URL, and the thread."""
    with _bound(wanted, say(what, lang), lang, out) as listening:
        config = listening_config(app, ListenSettings(), log_level="warning", access_log=False)
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [listening]}, name=what, daemon=True
        )
        thread.start()
        try:
            deadline = time.monotonic() + START_SECONDS
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    raise DemoStoppedError(say("failed", lang, what=say(what, lang), error="start"))
                time.sleep(0.02)
            yield f"http://{LOOPBACK}:{listening.getsockname()[1]}", thread
        finally:
            server.should_exit = True
            thread.join(START_SECONDS)


@contextmanager
def _serving_site(
    root: Path, wanted: int, lang: Lang, out: Console
) -> Iterator[tuple[str, BaseProcess]]:
    """The results site served from `root` by a static server in a process of its own, as any
    static server would serve it: apart from the publisher's and the day's work, which would
    otherwise hold this process's interpreter while a reader waits for a page."""
    what = "site_server"
    with _bound(wanted, say(what, lang), lang, out) as listening:
        # forked: the child inherits the bound socket as it is
        server = multiprocessing.get_context("fork").Process(
            target=_serve_static, args=(root, listening), name=what, daemon=True
        )
        server.start()
        try:
            port = listening.getsockname()[1]
            _wait_for(port, server, say(what, lang), lang)
            yield f"http://{LOOPBACK}:{port}", server
        finally:
            server.terminate()
            server.join(STOP_SECONDS)
            if server.is_alive():  # still waiting on a browser's open connection
                server.kill()
                server.join()


def _serve_static(root: Path, listening: socket.socket) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the demo stops it, on Ctrl-C too
    config = listening_config(
        static_app(root),
        ListenSettings(),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    uvicorn.Server(config).run(sockets=[listening])


def _wait_for(port: int, server: BaseProcess, what: str, lang: Lang) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with socket.create_connection((LOOPBACK, port), 1):
                return
        except OSError:
            if not server.is_alive() or time.monotonic() > deadline:
                raise DemoStoppedError(say("failed", lang, what=what, error="start")) from None
            time.sleep(0.05)


def _follow(
    publisher: Publisher, stop: threading.Event, ready: threading.Event, decrypted: threading.Event
) -> None:
    """`sandogh publish --follow`: the whole snapshot once, then what each poll of the log adds;
    once `decrypted` is set, the E2E record again with the guardians' decrypted tallies."""
    publisher.regenerate()
    ready.set()
    while True:
        stopping = stop.wait(PUBLISH_SECONDS)
        try:
            publisher.poll()  # once more after the stop: the last reports of the day
            if decrypted.is_set():
                decrypted.clear()
                publisher.write_e2e()
        except SQLAlchemyError:  # the store busy with the centre's writes: read it next time
            if not stopping:
                continue
        if stopping:
            break
    publisher.flush()


def _fresh(folder: Path) -> Path:
    """`folder` without what an earlier run left: the demo's database is new every run."""
    for stale in ("", "-wal", "-shm"):
        (folder / f"{DATABASE}{stale}").unlink(missing_ok=True)
    (folder / SERVER_KEY).unlink(missing_ok=True)
    for stale in ("site", "boxes", "guardians", "tallies", "decrypted"):
        shutil.rmtree(folder / stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _publisher(
    store: UnitOfWorkFactory, folder: Path, *, e2e: bool, log_key: SigningKey
) -> Publisher:
    """The snapshot's publisher, attesting it with the centre's `log_key`; an E2E day's tallies
    go to `tallies/` for the guardians and come back decrypted in `decrypted/`."""
    options = E2EOptions(tallies_out=folder / "tallies", decrypted=folder / "decrypted")
    e2e_options = options if e2e else None
    return Publisher(
        store, folder / "site", bulk_interval=BULK_SECONDS, e2e=e2e_options, log_key=log_key
    )


def _ceremony(
    store: UnitOfWorkFactory, plan: DayPlan, folder: Path, out: Console, lang: Lang
) -> Guardians:
    """The guardians' key ceremony, its record stored in the centre before any box enrols."""
    now = datetime.datetime.now(datetime.UTC)
    guardians, joint = ceremony_stored(store, folder / "guardians", plan.loaded, now=now)
    out.print(say("e2e_ceremony", lang, joint=joint))
    return guardians


def _polls_open(
    plan: DayPlan,
    base: str,
    operator: OperatorPass,
    store: UnitOfWorkFactory,
    folder: Path,
    kiosk: Box,
    guardians: Guardians | None,
    log_key: SigningKey,
    out: Console,
    lang: Lang,
) -> str:
    """Every box of the day enrolled beside the kiosk's, the pre-election record naming them and
    the `log_key` sealed (with the guardians' joint key, on an E2E day) and said with the command
    that checks the snapshot against it, then the kiosk opened: its zero report comes after the
    seal, as every station's does. The record's fingerprint."""
    election = plan.loaded.election.id
    for code in plan.chosen:
        enrol_box(base, operator, election, code, folder / "boxes" / code)
    ceremony = None if guardians is None else guardians.record
    seed = plan.registry.seed  # the day's seed, which drew its registry too
    anchor = seal_day_record(
        store, election=election, seed=seed, ceremony=ceremony, log_key=log_key.public_key
    )
    short = _digits(short_fingerprint(anchor), lang)
    site = str(folder / "site")
    sealed = say("sealed", lang, fingerprint=anchor, short=short, site=site, election=election)
    out.print(sealed, soft_wrap=True)
    kiosk.open({CONTEST: KIOSK_PAPERS})
    kiosk.start_voting()
    kiosk.sync()  # the zero report, to the centre now
    return anchor


def _decrypt(
    guardians: Guardians,
    anchor: str,
    folder: Path,
    decrypted: threading.Event,
    out: Console,
    lang: Lang,
    site: str,
    kiosk: str,
) -> None:
    """The day over: the guardians decrypt the published tallies, held to the sealed record of
    fingerprint `anchor`; the publisher then writes them into the record. The last chains come
    a poll after the last report: wait for them."""
    time.sleep(2 * PUBLISH_SECONDS)
    # the kiosk's box stays open for whoever tries it: until it closes its ballots are in no
    # final report, and the guardians name it as not closed, as they would a box that failed
    closed = any((folder / "site" / "data").glob(f"*/reports/{kiosk}/final.json"))
    open_kiosk = frozenset() if closed else frozenset({kiosk})
    count = decrypt_tallies(
        guardians,
        folder / "tallies",
        folder / "decrypted",
        folder / "site",
        anchor=anchor,
        not_closed=open_kiosk,
    )
    decrypted.set()
    short = _digits(short_fingerprint(anchor), lang)
    out.print(say("e2e_decrypted", lang, tallies=count, site=site, short=short))


def _kiosk(
    plan: DayPlan,
    base: str,
    operator: OperatorPass,
    store: UnitOfWorkFactory,
    boxes: Path,
    running: ExitStack,
) -> tuple[str, Box, list[Path]]:
    """A box for an electronic station the simulation leaves alone (its voters cast on its
    screen), its staff registered with key files of their own (to log in on its screens),
    enrolled: opened once the record is sealed."""
    station = kiosk_station(plan)
    folder = boxes / station
    box_store, key = StationDirectory(folder).create()
    staff = []
    for role in KIOSK_STAFF:
        staff.append(folder / f"staff-{role.value}.key")
        register_staff(
            store,
            acting.Actor(ADMIN[0], Grant(ADMIN[2], ADMIN[3])),
            election_id=plan.loaded.election.id,
            station=station,
            person=f"{role.value} (demo)",
            role=role,
            public_key=write_key_file(staff[-1]).public_key.text,
            now=datetime.datetime.now(datetime.UTC),
        )
    centre = running.enter_context(
        HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS, operator=operator)
    )
    box = Box(box_store, key, centre, FilePrinter(folder / "printer.jsonl"))
    box.enrol(election=plan.loaded.election.id, station=station, policy=OfflinePolicy.REFUSE)
    return station, box, staff


def _spare_voters(plan: DayPlan, count: int = 3) -> list[str]:
    """Voters of the registry whom the simulated day leaves alone, for the kiosk."""
    registry = SyntheticRegistry(plan.registry.seed, size=plan.registry.size)
    used = sum(len(crowd) for crowd in plan.crowds.values())
    spare = itertools.islice(registry.voters(plan.loaded.election.date), used, used + count)
    return [card.digits for card in spare]


def _print_addresses(
    out: Console,
    lang: Lang,
    urls: dict[str, str],
    kiosk_station: str,
    accounts: list[tuple[str, str, Grant, str | None]],
    voters: list[str],
    staff: list[Path],
) -> None:
    site = urls["site"] + ("/" if lang == "fa" else "/en/")
    rows = [
        (say("site", lang), site),
        (say("console", lang), urls["api"] + "/console/"),
        (
            say("kiosk", lang, station=kiosk_station),
            f"{urls['kiosk']}/operator/login  {urls['kiosk']}/vote",
        ),
        (say("api", lang), urls["api"] + "/openapi.json"),
    ]
    out.print()
    for label, address in rows:
        out.print(f"[bold]{escape(label)}[/bold]: {address}", soft_wrap=True)
    out.print(f"[yellow]{escape(say('accounts', lang))}[/yellow]")
    for username, password, grant, secret in accounts:
        line = say(
            "account",
            lang,
            username=username,
            password=password,
            role=grant.role.value,
            place=grant.place,
        )
        out.print(f"  {escape(line)}", soft_wrap=True)
        if secret is not None:
            code = _digits(pyotp.TOTP(secret).now(), lang)
            out.print(
                f"  {escape(say('totp', lang, username=username, secret=secret, code=code))}",
                soft_wrap=True,
            )
            uri = provisioning_uri(secret, username)
            out.print(f"  {escape(uri)}", soft_wrap=True)
    out.print(escape(say("voters", lang, codes=" ".join(voters))), soft_wrap=True)
    out.print(escape(say("staff_keys", lang, files=" ".join(map(str, staff)))), soft_wrap=True)
    guide(out, lang, urls["api"] + "/console/", urls["db"])
    out.print()


def _run_day(
    plan: DayPlan,
    options: LiveOptions,
    base: str,
    operator: OperatorPass,
    boxes: Path,
    reported: queue.Queue[StationDay],
    stop: threading.Event,
) -> None:
    """Each chosen station's whole day in turn, the k-th started k slots after the first, so
    that the last reports at about `minutes`."""
    slot = options.minutes * 60 / len(plan.chosen)
    start = time.monotonic()
    for k, code in enumerate(plan.chosen):
        if stop.wait(max(0.0, start + k * slot - time.monotonic())):
            return
        reported.put(
            station_day(
                base,
                operator,
                plan.sheets[code],
                plan.expected[code],
                plan.crowds[code],
                random.Random(f"{options.seed}:{code}"),
                boxes / code,
                station_staff(options.seed, code),
                challenge=options.e2e,
            )
        )


def _watch(
    out: Console,
    lang: Lang,
    plan: DayPlan,
    parts: list[tuple[str, Probe]],
    day: _Worker,
    reported: queue.Queue[StationDay],
    exit_when_done: bool,
    after_day: Callable[[], None] | None = None,
) -> None:
    """Print each station's report as it comes and stop when a part stops; once the day is
    over, run `after_day`; with `exit_when_done`, return then."""
    done: list[StationDay] = []
    announced = False
    while True:
        time.sleep(WATCH_SECONDS)
        while not reported.empty():
            done.append(reported.get())
            clock = _digits(datetime.datetime.now().strftime("%H:%M:%S"), lang)  # noqa: DTZ005 — the watcher's own wall clock
            out.print(
                say(
                    "progress",
                    lang,
                    clock=clock,
                    reported=len(done),
                    stations=len(plan.chosen),
                    cast=sum(s.voters for s in done),
                )
            )
        _check(parts, lang)
        if day.is_alive() or announced:
            continue
        out.print(say("done", lang, cast=sum(s.voters for s in done), stations=len(done)))
        if after_day is not None:
            after_day()
        if exit_when_done:
            return
        out.print(say("serving", lang))
        announced = True

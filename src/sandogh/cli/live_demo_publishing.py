"""The live demo's publisher (`cli.live_demo`): `sandogh publish --follow` in a thread, how far it
has written the event log out, and on an E2E day the guardians' decryption of the tallies it
published once the day is over."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from sandogh.cli.live_demo_accounts import digits
from sandogh.cli.live_demo_text import say
from sandogh.cli.simulated_e2e import Guardians, decrypt_tallies
from sandogh.core.anchor import short_fingerprint
from sandogh.core.report import SigningKey
from sandogh.locale.language import Lang
from sandogh.publish.e2e_record import E2EOptions
from sandogh.publish.snapshot import Publisher
from sandogh.services.elections import UnitOfWorkFactory

PUBLISH_SECONDS = 1.0  # between the publisher's reads of the event log
BULK_SECONDS = 15.0  # csv/totals.csv and the NIST report, rewritten at most this often
PUBLISHED_SECONDS = 30.0  # the longest the guardians wait for the day's last events published


class Progress:
    """How far the publisher has written the event log out: the last entry its latest poll
    read, once that poll's files are written."""

    def __init__(self) -> None:
        self._written = threading.Condition()
        self._sequence = -1

    def wrote(self, sequence: int) -> None:
        with self._written:
            self._sequence = sequence
            self._written.notify_all()

    def wait_for(self, sequence: int, seconds: float) -> bool:
        """Whether the snapshot holds the log's entries up to `sequence` within `seconds`."""
        with self._written:
            return self._written.wait_for(lambda: self._sequence >= sequence, seconds)


def follow(
    publisher: Publisher,
    stop: threading.Event,
    ready: threading.Event,
    decrypted: threading.Event,
    progress: Progress,
) -> None:
    """`sandogh publish --follow`: the whole snapshot once, then what each poll of the log adds,
    each said to `progress`; once `decrypted` is set, the E2E record again with the guardians'
    decrypted tallies."""
    publisher.regenerate()
    progress.wrote(publisher.log_sequence)
    ready.set()
    while True:
        stopping = stop.wait(PUBLISH_SECONDS)
        try:
            publisher.poll()  # once more after the stop: the last reports of the day
            progress.wrote(publisher.log_sequence)
            if decrypted.is_set():
                decrypted.clear()
                publisher.write_e2e()
        # the store busy with the centre's writes, or this process's writer lock not free in
        # SQLite's busy timeout (`store.engine`, raised by the driver): read it next time
        except (SQLAlchemyError, sqlite3.OperationalError):
            if not stopping:
                continue
        if stopping:
            break
    publisher.flush()


def snapshot_publisher(
    store: UnitOfWorkFactory, folder: Path, *, e2e: bool, log_key: SigningKey
) -> Publisher:
    """The snapshot's publisher, attesting it with the centre's `log_key`; an E2E day's tallies
    go to `tallies/` for the guardians and come back decrypted in `decrypted/`."""
    options = E2EOptions(tallies_out=folder / "tallies", decrypted=folder / "decrypted")
    e2e_options = options if e2e else None
    return Publisher(
        store, folder / "site", bulk_interval=BULK_SECONDS, e2e=e2e_options, log_key=log_key
    )


def decrypt_after_day(
    guardians: Guardians,
    anchor: str,
    folder: Path,
    decrypted: threading.Event,
    out: Console,
    lang: Lang,
    site: str,
    kiosk: str,
    store: UnitOfWorkFactory,
    progress: Progress,
    closed: bool,
) -> None:
    """The day over: the guardians decrypt the published tallies, held to the sealed record of
    fingerprint `anchor`; the publisher then writes them into the record. The last chains come
    a poll after the last reports (the kiosk's too, if `closed`): first the publisher is waited
    for, until it has written out every event the centre has logged by now."""
    with store() as work:
        head = work.events.head()
    progress.wait_for(0 if head is None else head.sequence, PUBLISHED_SECONDS)
    # a kiosk whose final report is not published: its ballots are in no final report, and the
    # guardians name it as not closed, as they would a box that failed
    published = any((folder / "site" / "data").glob(f"*/reports/{kiosk}/final.json"))
    open_kiosk = frozenset() if closed and published else frozenset({kiosk})
    count = decrypt_tallies(
        guardians,
        folder / "tallies",
        folder / "decrypted",
        folder / "site",
        anchor=anchor,
        not_closed=open_kiosk,
    )
    decrypted.set()
    short = digits(short_fingerprint(anchor), lang)
    out.print(say("e2e_decrypted", lang, tallies=count, site=site, short=short))

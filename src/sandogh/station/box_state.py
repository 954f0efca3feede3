"""What one ballot box holds in its process, for its use cases (`station.box`, `box_check_in`,
`box_ballots`): its store, its device key, its build (`station.build`), the centre it talks to,
its printer and the language it prints in (`station.printouts`), its clock and draws, the courier
of its outbox, and the one ballot prepared and not yet cast or challenged (docs/e2e.md §7: held
in memory only, with its nonce). Each use case is one transaction of the store (`_station`),
refused with `NotEnrolledError` before the box is enrolled.
"""

from __future__ import annotations

import datetime
import functools
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sandogh.core.report import SigningKey, record_bound
from sandogh.core.station.card_codes import RANDOM_BYTES, card_code
from sandogh.locale import Lang
from sandogh.station import ballot_chain
from sandogh.station.ballot_chain import Pending
from sandogh.station.ballot_names import BallotNames, read_names
from sandogh.station.build import installed_build
from sandogh.station.courier import Backoff, Courier
from sandogh.station.errors import NotEnrolledError
from sandogh.station.local_store import LocalStore, StoredStation, Transaction
from sandogh.station.ports import CentreClient, Printer
from sandogh.station.printouts import Printouts

_BACKOFF = Backoff()
#: a station's one sealed length, worked out once: every cast and the count need it, and a
#: 300-candidate Majlis ballot takes milliseconds to bound (bench/box.py)
record_bound_of = functools.lru_cache(maxsize=8)(record_bound)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _new_token() -> str:
    """A card's code drawn by the box itself (offline, or charged again): as the centre draws."""
    return card_code(secrets.token_bytes(RANDOM_BYTES))


def _new_nonce() -> bytes:
    return secrets.token_bytes(ballot_chain.BALLOT_NONCE_BYTES)


class BoxState:
    """What the box's use cases share (`Box` is one): its store, device key, centre, printer,
    clock and draws, and the ballot prepared for casting or challenging."""

    def __init__(
        self,
        store: LocalStore,
        key: SigningKey,
        centre: CentreClient,
        printer: Printer,
        *,
        clock: Callable[[], datetime.datetime] = _utc_now,
        new_token: Callable[[], str] = _new_token,
        new_nonce: Callable[[], bytes] = _new_nonce,
        backoff: Backoff = _BACKOFF,
        build: str | None = None,
        lang: Lang = "fa",
    ) -> None:
        self.store = store
        self.key = key
        # named in every report it signs (issue 12): the code this process runs, unless a test
        # or a simulation gives another
        self.build = installed_build() if build is None else build
        self._centre = centre
        self._printer = printer
        self.lang = lang  # what the box prints in, whichever language a voter reads
        self._names: BallotNames | None = None  # read once from the enrolment, which stays
        self._clock = clock
        self._new_token = new_token
        self._new_nonce = new_nonce
        self._courier = Courier(store, centre, backoff)
        # the prepared ballot, with its nonce: in this process's memory only (docs/e2e.md §7)
        self._pending: Pending | None = None
        self._pending_lock = threading.RLock()  # `cast` with choices prepares under it

    def names(self) -> BallotNames:
        """The names of the election, the station, its contests and candidates, as the
        enrolment gave them (`station.ballot_names`); none before the box is enrolled."""
        if self._names is None:
            with self.store.transaction() as tx:
                document = tx.enrolment_document()
            if document is None:
                return read_names(None)
            self._names = read_names(document)
        return self._names

    def _printouts(self) -> Printouts:
        return Printouts(self.lang, self.names())

    @contextmanager
    def _station(self, *, compacted: bool = False) -> Iterator[tuple[Transaction, StoredStation]]:
        with self.store.transaction(compacted=compacted) as tx:
            station = tx.station()
            if station is None:
                raise NotEnrolledError
            yield tx, station

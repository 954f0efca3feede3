"""A centre in memory (`ports.CentreClient`), for tests and demos of the box without a server.

It answers as the station API does (docs/api.md), with the fields the box reads, and keeps the
centre's promises the box relies on (DESIGN.md §3): one ballot card per voter per round; a
refusal that never says where or when the voter voted; every offline check-in of a voter it
already had counted as a duplicate (kept in `incidents`, naming both stations); the same offline
check-in sent again counted once; the same report bytes accepted once, and a different report of
the same station and kind refused; an E2E box's chain file taken once its station's final report
closes it (docs/e2e.md §7). `e2e` is the enrolment document's E2E context, if any. What it is
asked is kept for the tests to look at.

Switches: `down` (every call raises `CentreUnreachableError`), `refusing` (every call raises
`CentreRefusedError` with that reason), `refusals` (a national code → the reason its check-in is
refused), `voted_elsewhere` (a national code → the station the centre says it checked the voter
in at, which makes a synced check-in of that voter a duplicate), `people` (a national code → the
registry's name and photo of the voter, sent with their card).
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.report import (
    BallotContest,
    ReportError,
    SignatureError,
    decode_report,
    decode_signed,
)
from sandogh.core.station.card_codes import RANDOM_BYTES, card_code
from sandogh.station.ports import (
    Backlog,
    CentreRefusedError,
    CentreUnreachableError,
    CheckInAnswer,
    LookUpAnswer,
    OfflineCheckIn,
)
from sandogh.station.setup import ENROLMENT_FORMAT, StaffMember

ALREADY_VOTED = "already-voted"


@dataclass(frozen=True)
class _Voted:
    station: str
    at: datetime.datetime | None  # None: checked in online
    provisional: bool


class FakeCentre:
    def __init__(
        self,
        *,
        election: str,
        definition_hash: str,
        ballot: Sequence[BallotContest],
        staff: Sequence[StaffMember] = (),
        seed: int = 0,
        e2e: Mapping[str, object] | None = None,
    ) -> None:
        self.election = election
        self.definition_hash = definition_hash
        self.ballot = tuple(ballot)
        self.staff = tuple(staff)
        self.down = False
        self.refusing: str | None = None
        self.refusals: dict[str, str] = {}
        self.voted_elsewhere: dict[str, str] = {}
        self.people: dict[str, tuple[str | None, bytes | None]] = {}
        self.enrolled: list[str] = []
        self.builds: list[str | None] = []  # the build each enrolment stated
        # the days the station may open (`station.polling_days`); None: no calendar stored
        self.polling: list[dict[str, str | None]] | None = None
        self.synced: list[OfflineCheckIn] = []
        self.incidents: list[tuple[str, str]] = []  # duplicates: (first station, offline one)
        self.reports: list[bytes] = []  # accepted, each once
        self.backlogs: list[Backlog] = []  # what the box said its outbox held, as it sent
        self.chains: list[bytes] = []  # E2E chain files accepted, each once
        self.e2e: Mapping[str, object] | None = e2e
        # the station votes electronically, approved in every contest until a test withdraws it
        self.mode = "electronic"
        self.approved: tuple[str, ...] = tuple(c.contest for c in self.ballot)
        self.calls = 0
        self._voted: dict[str, _Voted] = {}
        self._tokens = random.Random(seed)  # a fake's tokens: random, but the same every run

    def _answer(self, election: str | None = None) -> None:
        self.calls += 1
        if self.down:
            raise CentreUnreachableError("the fake centre is down")
        if self.refusing is not None:
            raise CentreRefusedError(self.refusing, f"the fake centre refuses: {self.refusing}")
        if election is not None and election != self.election:
            raise CentreRefusedError("unknown-election", f"no election {election}")

    def enrol(
        self, *, election: str, station: str, build: str | None = None
    ) -> Mapping[str, object]:
        self._answer(election)
        self.enrolled.append(station)
        self.builds.append(build)
        document: dict[str, object] = {
            "format": ENROLMENT_FORMAT,
            "created": True,
            "device": {"election": self.election, "station": station},
            "election": {"id": self.election},
            "definition_hash": self.definition_hash,
            "ballot": [
                {"contest": c.contest, "seats": c.seats, "candidates": list(c.candidates)}
                for c in self.ballot
            ],
            "staff": [
                {"person": m.person, "role": m.role.value, "key": m.key.text} for m in self.staff
            ],
            "voting": {
                "mode": self.mode,
                "approvals": [
                    {
                        "contest": c,
                        "constituency": "-",
                        "body": "guardian-council",
                        "reference": "-",
                    }
                    for c in self.approved
                ],
            },
            **({} if self.e2e is None else {"e2e": dict(self.e2e)}),
        }
        if self.polling is not None:
            document["polling"] = self.polling
        return document

    def look_up(self, *, election: str, station: str, national_code: str) -> LookUpAnswer:
        del station  # every station of the fake votes alike
        self._answer(election)
        if national_code in self.refusals:
            return LookUpAnswer((), self.refusals[national_code])
        if national_code in self._voted or national_code in self.voted_elsewhere:
            return LookUpAnswer((), ALREADY_VOTED)
        name, photo = self.people.get(national_code, (None, None))
        return LookUpAnswer(tuple(c.contest for c in self.ballot), name=name, photo=photo)

    def check_in(self, *, election: str, station: str, national_code: str) -> CheckInAnswer:
        self._answer(election)
        contests = tuple(c.contest for c in self.ballot)
        if national_code in self.refusals:
            return CheckInAnswer(None, (), self.refusals[national_code])
        if national_code in self._voted or national_code in self.voted_elsewhere:
            return CheckInAnswer(None, (), ALREADY_VOTED)
        self._voted[national_code] = _Voted(station, None, provisional=False)
        name, photo = self.people.get(national_code, (None, None))
        token = card_code(self._tokens.randbytes(RANDOM_BYTES))
        return CheckInAnswer(token, contests, name=name, photo=photo)

    def _told(self, backlog: Backlog | None) -> None:
        if backlog is not None:
            self.backlogs.append(backlog)

    def sync_check_ins(
        self,
        *,
        election: str,
        station: str,
        entries: Sequence[OfflineCheckIn],
        backlog: Backlog | None = None,
    ) -> Mapping[str, object]:
        self._answer(election)
        self._told(backlog)
        recorded = already = duplicates = 0
        for entry in entries:
            held = self._voted.get(entry.national_code)
            if held is None and entry.national_code in self.voted_elsewhere:
                held = _Voted(self.voted_elsewhere[entry.national_code], None, provisional=False)
            if held is None:
                self._voted[entry.national_code] = _Voted(station, entry.at, provisional=True)
                self.synced.append(entry)
                recorded += 1
            elif held.station == station and held.at == entry.at and held.provisional:
                already += 1
            else:
                self.incidents.append((held.station, station))
                duplicates += 1
        return {"recorded": recorded, "already": already, "duplicates": duplicates}

    def send_report(self, signed: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        self._answer()
        self._told(backlog)
        if signed in self.reports:
            return {"duplicate": True}
        try:
            report = decode_report(decode_signed(signed).report)
        except (SignatureError, ReportError) as error:
            raise CentreRefusedError("malformed", str(error)) from error
        for held in self.reports:
            other = decode_report(decode_signed(held).report)
            if (other.station, other.kind) == (report.station, report.kind):
                raise CentreRefusedError("conflicting", "another report of this station and kind")
        self.reports.append(signed)
        return {"duplicate": False}

    def send_chain(self, chain: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        """Taken when a final report of the chain's station closes it (docs/e2e.md §7)."""
        self._answer()
        self._told(backlog)
        if chain in self.chains:
            return {"duplicate": True}
        lines = chain.splitlines()
        try:
            station, close = json.loads(lines[0])["station"], json.loads(lines[-1])["close"]
        except (ValueError, KeyError, IndexError) as error:
            raise CentreRefusedError("malformed", str(error)) from error
        for held in self.reports:
            report = decode_report(decode_signed(held).report)
            if report.station == station and report.e2e is not None:
                if report.e2e.chain_close != close:
                    raise CentreRefusedError("chain-mismatch", "the final report closes another")
                self.chains.append(chain)
                return {"duplicate": False}
        raise CentreRefusedError("no-final-report", f"no final report of {station} yet")

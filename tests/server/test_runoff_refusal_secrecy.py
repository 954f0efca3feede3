"""The attack on a Majlis runoff's refusal (DESIGN.md §3): whoever types a person's national code
at a box of another constituency, or calls the check-in API with that box's key, must not learn
where the person voted in round one. A voter of round one at a station of P1 is checked in for
the runoff at a station of P2, online through the kiosk and offline through the sync; no answer,
screen, log entry or row stored since names P1 or a station of it."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

import httpx
import sqlalchemy as sa

from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.core.readiness import IRAN_TIME
from sandogh.services.checkin import BallotCard, check_in
from sandogh.station.box import Box
from sandogh.station.centre_http import HttpCentreClient
from sandogh.station.directory import StationDirectory
from sandogh.station.ports import OfflineCheckIn
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy
from sandogh.station.web import create_station_app
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.wire.request_signing import sign_request
from tests.loopback import served
from tests.services.build import (
    NOW,
    ROUND_1,
    ROUND_1_DAY,
    ST_1,
    ST_2,
    ST_3,
    day,
    enrolled_box,
    load,
    parliament,
    register_station_staff,
    tokens,
)
from tests.station.web.kiosk_build import csrf_of

from .live import SECRET, server_key, serving, voters

#: A Majlis runoff alone: a voter of round one at another constituency's station gets no card.
RUNOFF = day("kerman-1403-m2", (parliament(True),), datetime.date(2024, 7, 5))
POLLING_NOON = datetime.datetime.combine(RUNOFF.date, datetime.time(12), IRAN_TIME)
#: The round-one constituency and its stations, as a word of their own (not inside base64).
# Grouped, so that both bounds hold each word: ungrouped, "P1" at the start of an operator's
# random session token ('P1WCW…') was taken for the constituency's code.
ROUND_ONE = re.compile(
    rf"(?<![\w+/-])(?:{'|'.join(map(re.escape, ('P1', ST_1, ST_2)))})(?![\w+/-])"
)


def _rows(store_url: str) -> set[str]:
    """Every row of every table of the store, as text."""
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            return {
                f"{table}: {tuple(row)}"
                for table in sa.inspect(connection).get_table_names()
                for row in connection.execute(sa.text(f'SELECT * FROM "{table}"'))
            }
    finally:
        engine.dispose()


def test_a_runoff_refusal_names_no_place_of_round_one(store_url: str, tmp_path: Path) -> None:
    engine = make_engine(store_url)
    load(lambda: SqlUnitOfWork(engine, now=NOW), ROUND_1_DAY, RUNOFF)
    engine.dispose()
    online, offline = voters(2)
    with serving(store_url) as live:
        for code in (online, offline):  # round one, at a station of P1
            voted = check_in(
                live.uow,
                election_id=ROUND_1,
                station=ST_1,
                device=enrolled_box(live.uow, ROUND_1, ST_1),
                national_code=code,
                registry=live.centre.registry,
                ledger_secret=SECRET,
                now=NOW - datetime.timedelta(days=7),
                new_token=tokens(),
            )
            assert isinstance(voted, BallotCard)
        before = _rows(store_url)

        # the box of a station of P2 in the runoff, enrolled through the API
        enroller = add_run_operator(live.uow, RUNOFF, by="cli:tests", key=server_key())
        store, key = StationDirectory(tmp_path / "station").create()
        link = HttpCentreClient(
            live.url, key, timeout=30.0, operator=run_operator_pass(live.url, enroller, timeout=30)
        )
        register_station_staff(live.uow, RUNOFF.id, ST_3)
        box = Box(
            store, key, link, FilePrinter(tmp_path / "printer.jsonl"), clock=lambda: POLLING_NOON
        )
        box.enrol(election=RUNOFF.id, station=ST_3, policy=OfflinePolicy.PROVISIONAL)
        box.open({"parliament": 100})
        box.start_voting()

        answers: list[str] = []
        with (
            served(create_station_app(box), "the kiosk") as kiosk,
            httpx.Client(base_url=kiosk, headers={"origin": kiosk}, follow_redirects=True) as at,
        ):
            seed = hashlib.sha256(f"head/{ST_3}".encode()).digest()
            csrf = csrf_of(at.get("/operator/login").text)
            at.post("/operator/login", data={"csrf": csrf, "key": seed.hex()})
            for lang in ("fa", "en"):
                page = at.get(f"/operator?lang={lang}").text
                typed = {"csrf": csrf_of(page), "national_code": online}
                answers.append(at.post(f"/operator/look-up?lang={lang}", data=typed).text)
        # the API itself, as anyone holding the box's key may call it: look-up and check-in
        for path in (
            f"/api/v1/elections/{RUNOFF.id}/check-ins/look-ups",
            f"/api/v1/elections/{RUNOFF.id}/check-ins",
        ):
            fields = {"station": ST_3, "national_code": online}
            body = sign_request(key, "POST", path, fields, at=datetime.datetime.now(datetime.UTC))
            answers.append(httpx.post(live.url + path, json=body).text)
        with HttpCentreClient(live.url, key, timeout=30.0) as caller:
            caller.sync_check_ins(
                election=RUNOFF.id,
                station=ST_3,
                entries=[OfflineCheckIn(offline, POLLING_NOON)],
            )
    assert '"reason":"runoff-elsewhere"' in answers[2]
    assert "دور نخست" in answers[0]  # the Persian screen says where to go, in words
    assert "first round" in answers[1]
    assert any(ROUND_ONE.search(row) for row in before)  # round one's ledger: the words match
    written = _rows(store_url) - before
    assert any("runoff-elsewhere" in row for row in written)  # the offline voter's incident
    assert [a for a in answers if ROUND_ONE.search(a)] == []
    assert [row for row in written if ROUND_ONE.search(row)] == []

"""Two server processes on one socket (`sandogh serve --workers 2`), on SQLite and PostgreSQL: a
voter still gets one ballot card, and a box revoked through one process is refused by both."""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from pydantic import SecretBytes

from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.server.process import WorkersError, centre_process, serve
from sandogh.server.server_key import ServerKey
from sandogh.server.settings import ServerSettings
from sandogh.services.devices import enrol_device
from sandogh.services.totp_at_rest import TotpAtRestError
from sandogh.station.centre_http import HttpCentreClient
from sandogh.station.ports import CentreRefusedError, CheckInAnswer
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from .live import (
    ELECTION,
    REGISTRY,
    SECRET,
    device,
    kerman,
    load_kerman,
    server_key,
    server_key_file,
    stations,
    voters,
)
from .test_metrics_export import samples

SIMULTANEOUS = 200
NOW = datetime.datetime(2024, 7, 5, 4, 0, tzinfo=datetime.UTC)


def test_two_processes_give_one_card_and_both_refuse_a_revoked_box(store_url: str) -> None:
    load_kerman(store_url)
    engine = make_engine(store_url)
    chosen = stations()[:SIMULTANEOUS]
    try:
        for n, station in enumerate(chosen):  # enrolled directly: the API's is tested elsewhere
            enrol_device(
                lambda: SqlUnitOfWork(engine, now=NOW),
                election_id=ELECTION,
                station=station,
                public_key_hex=device(n).public_key.raw.hex(),
                now=NOW,
            )
    finally:
        engine.dispose()
    settings = ServerSettings(
        database_url=store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        server_key_file=server_key_file(),
    )
    engine = make_engine(store_url)
    try:
        enroller = add_run_operator(
            lambda: SqlUnitOfWork(engine, now=NOW),
            kerman().election,
            by="cli:tests",
            key=server_key(),
        )
    finally:
        engine.dispose()
    voter, *others = voters(9)
    with centre_process(settings, workers=2, metrics=True) as centre:
        # a connection for each box, so the kernel deals them out to both processes
        network = httpx.HTTPTransport(limits=httpx.Limits(max_connections=SIMULTANEOUS))
        boxes = [
            HttpCentreClient(centre.base_url, device(n), timeout=60.0, transport=network)
            for n in range(SIMULTANEOUS)
        ]
        start = threading.Barrier(SIMULTANEOUS, timeout=60)

        def check_in(n: int) -> CheckInAnswer:
            start.wait()
            return boxes[n].check_in(election=ELECTION, station=chosen[n], national_code=voter)

        try:
            with ThreadPoolExecutor(max_workers=SIMULTANEOUS) as pool:
                answers = list(pool.map(check_in, range(SIMULTANEOUS)))
        finally:
            network.close()
        assert len([a for a in answers if a.token is not None]) == 1
        assert {a.refusal for a in answers if a.token is None} == {"already-voted"}

        before, after = others[:4], others[4:]
        for code in before:  # a new connection each: both processes have served the box
            with HttpCentreClient(centre.base_url, device(0), timeout=60.0) as box:
                answer = box.check_in(election=ELECTION, station=chosen[0], national_code=code)
                assert answer.token is not None
        operator = run_operator_pass(centre.base_url, enroller, timeout=60.0)
        httpx.delete(
            f"{centre.base_url}/api/v1/elections/{ELECTION}/devices/{device(0).public_key.text}",
            headers=operator.headers,
        ).raise_for_status()
        for code in after:  # a new connection each: now one process, now the other
            with (
                HttpCentreClient(centre.base_url, device(0), timeout=60.0) as box,
                pytest.raises(CentreRefusedError) as refused,
            ):
                box.check_in(election=ELECTION, station=chosen[0], national_code=code)
            # the revocation holds at once, in whichever process takes the request
            assert refused.value.reason == "revoked-device"
        # one scrape adds up both processes' figures (server.metrics_export), apart from the API
        scraped = httpx.get(f"{centre.metrics_url}/metrics", timeout=60.0).text
        assert httpx.get(centre.base_url + "/metrics").status_code == 404
    checked_in = {labels["outcome"]: n for labels, n in samples(scraped, "sandogh_check_ins_total")}
    # the one card of the race and the cards of the voters before the revocation; a revoked
    # box's check-ins are refused as errors (`sandogh_refusals_total`), not answered
    assert checked_in == {"ballot-card": 1 + len(before), "refused": SIMULTANEOUS - 1}
    refused = samples(scraped, "sandogh_refusals_total")
    assert ({"endpoint": "check-in", "reason": "revoked-device"}, len(after)) in refused
    engine = make_engine(store_url)
    try:
        with SqlUnitOfWork(engine, now=NOW) as work:
            assert work.ledger.count(ELECTION) == 1 + len(before)
    finally:
        engine.dispose()


def test_an_in_memory_database_is_served_by_one_process_only() -> None:
    settings = ServerSettings(
        database_url="sqlite://",
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        server_key_file=server_key_file(),
    )
    with pytest.raises(WorkersError, match="in-memory"):
        serve(settings, host="127.0.0.1", port=0, workers=2)


def test_several_processes_are_not_started_with_another_centre_s_server_key(
    store_url: str, tmp_path: Path
) -> None:
    load_kerman(store_url)
    engine = make_engine(store_url)
    try:
        add_run_operator(
            lambda: SqlUnitOfWork(engine, now=NOW),
            kerman().election,
            by="cli:tests",
            key=server_key(),
        )
    finally:
        engine.dispose()
    other = tmp_path / "other.key"
    ServerKey.write(other)
    settings = ServerSettings(
        database_url=store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        server_key_file=other,
    )
    with pytest.raises(TotpAtRestError, match="not this centre's key"):
        serve(settings, host="127.0.0.1", port=0, workers=2)

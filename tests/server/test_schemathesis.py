"""schemathesis against the centre's OpenAPI document: no operation answers with a server error.

One test case per operation of the document the application builds (`api_document`, checked
below to be the live centre's own, so an endpoint added to the application is tested at once),
each run against a real centre over SQLite holding the Kerman runoff
(examples/kerman-1403/round2.yaml). The data is made useful: every request carries an
administrator's live session (its cookie and X-CSRF-Token), and about half
of the examples are aimed at what exists (the loaded election, an enrolled station and its box, an
existing account) and, for the signed endpoints, signed by the enrolled box's key
(`wire.request_signing`); the other half stay as generated, so the unsigned and unknown paths are
tried too (they must answer 4xx). Generation is derandomised and bounded (`MAX_EXAMPLES` per
operation) so CI sees the same cases every run.
"""

from __future__ import annotations

import datetime
import itertools
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.core.access import Role
from sandogh.core.canonical_json import json_problems
from sandogh.server.app import api_document
from sandogh.server.sessions import CSRF_HEADER
from sandogh.station.centre_http import HttpCentreClient
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.wire import api_paths
from sandogh.wire.request_signing import sign_request

from .live import ELECTION, device, kerman, load_kerman, server_key, stations, voters
from .operators_live import (
    LiveCentre,
    add_account,
    current_code,
    serving,
    signed_in,
)
from .operators_live import (
    settings as operator_settings,
)

MAX_EXAMPLES = 30
#: The generated requests come from this address, the tests' own log-ins from another, so the
#: per-address throttle that the fuzzed log-ins trip never locks the fixtures out.
FUZZ_ADDRESS = "198.51.100.7"
#: An account the operations on `{username}` may act on (role, place: a county's head office).
TARGET = "target-county"
SIGNED = {api_paths.DEVICES, api_paths.CHECK_INS, api_paths.SYNC}

#: Derandomised (Hypothesis' derandomize: the same cases every run) and bounded per operation;
#: the coverage phase is kept, it is where the edge values that break servers come from.
CONFIG = schemathesis.Config.from_dict(
    {"generation": {"max-examples": MAX_EXAMPLES, "deterministic": True}}
)
#: a station's ballot chain travels as JSON Lines (docs/e2e.md §7), which schemathesis does not
#: write by itself: lines of JSON objects, and bytes that are none
schemathesis.openapi.media_type(
    "application/jsonl",
    st.one_of(
        st.lists(
            st.dictionaries(st.text(max_size=12), st.text(max_size=12), max_size=4), max_size=4
        ).map(lambda lines: "".join(json.dumps(line) + "\n" for line in lines).encode()),
        st.binary(max_size=256),
    ),
)
schema = schemathesis.openapi.from_dict(api_document(), config=CONFIG)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class Fuzzed:
    """The centre under test and what the examples may be aimed at."""

    def __init__(self, live: LiveCentre, store_url: str) -> None:
        self.live = live
        self.store_url = store_url
        self.station = stations()[0]
        self.box = device(4)  # signs the requests
        self.revocable = device(5)  # is what `{key}` names, so that the signer stays enrolled
        self.voter = voters(1)[0]
        self._admins = itertools.count()
        engine = make_engine(store_url)
        try:
            enroller = add_run_operator(
                lambda: SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)),
                kerman().election,
                by="cli:tests",
                key=server_key(),
            )
        finally:
            engine.dispose()
        enrolling = run_operator_pass(live.url, enroller, timeout=30.0)
        for key in (self.box, self.revocable):
            with HttpCentreClient(live.url, key, timeout=30.0, operator=enrolling) as operator:
                operator.enrol(election=ELECTION, station=self.station)
        add_account(store_url, TARGET, Role.COUNTY_HQ, "IR-08-0801")

    def session(self) -> requests.Session:
        """A session of a new administrator (each code of a TOTP is taken once, so each test
        logs in its own: an example may log the session out)."""
        username = f"admin-{next(self._admins)}"
        change = add_account(self.store_url, username, Role.ADMIN, "IR", totp=True)
        with self.live.client() as client:
            csrf = signed_in(client, username, totp=current_code(change))
            cookies = dict(client.cookies)
        fuzzing = requests.Session()
        fuzzing.headers.update(
            {
                CSRF_HEADER: csrf,
                "X-Forwarded-For": FUZZ_ADDRESS,
            }
        )
        fuzzing.cookies.update(cookies)
        return fuzzing

    def aim(self, case: Case[Any]) -> None:
        """Point `case` at what the store holds and sign it as the enrolled box would."""
        known = {"election_id": ELECTION, "key": self.revocable.public_key.text, "username": TARGET}
        for name in case.path_parameters or {}:
            if name in known:
                case.path_parameters[name] = known[name]
        template = case.operation.path
        if template not in SIGNED or not isinstance(case.body, dict):
            return
        fields: dict[str, Any] = {
            name: value
            for name, value in case.body.items()
            if name not in {"device", "at", "signature"}
        }
        if "station" in fields:
            fields["station"] = self.station
        if "national_code" in fields:
            fields["national_code"] = self.voter
        if any(json_problems(fields, "")):
            return  # a negative case (a float, a huge number): no box could sign it; sent as is
        path = api_paths.fill(template, **{n: str(v) for n, v in case.path_parameters.items()})
        now = datetime.datetime.now(datetime.UTC)
        signed: dict[str, Any] = sign_request(self.box, case.method, path, fields, at=now)
        case.body = signed


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    store_url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'store.sqlite'}"
    init_database(store_url)
    load_kerman(store_url)
    with serving(operator_settings(store_url)) as live:
        yield Fuzzed(live, store_url)


@pytest.fixture
def session(fuzzed: Fuzzed) -> Iterator[requests.Session]:
    with fuzzed.session() as fuzzing:
        yield fuzzing


def test_the_document_is_the_live_centres(fuzzed: Fuzzed) -> None:
    """The operations below are those the centre serves: its own /openapi.json."""
    answer = httpx.get(f"{fuzzed.live.url}/openapi.json", timeout=30.0)
    assert answer.json() == api_document()


@schema.parametrize()
@schema.given(aimed=st.booleans())
# one session per operation, shared by its examples, is the intent: `session` is function-scoped
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_no_operation_answers_with_a_server_error(
    case: Case[Any], aimed: bool, fuzzed: Fuzzed, session: requests.Session
) -> None:
    if aimed:
        fuzzed.aim(case)
    case.call_and_validate(base_url=fuzzed.live.url, session=session, checks=CHECKS)

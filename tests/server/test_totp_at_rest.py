"""The operators' TOTP secrets at rest, attacked: whoever reads the centre's database finds no
secret to make a second factor from, a sealed secret moved to another account's row does not let
its codes in, and a centre given the wrong server key, or a database with secrets still in clear,
refuses to start and says why; log-ins with a code still work, through the API and the console, on
SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import datetime
import re
from pathlib import Path

import httpx
import pyotp
import pytest
from sqlalchemy import MetaData, select, update

from sandogh.core.access import Role
from sandogh.server.app import create_app
from sandogh.server.server_key import SERVER_KEY, ServerKey, ServerKeyError
from sandogh.services.totp_at_rest import TotpAtRestError
from sandogh.store.engine import make_engine
from sandogh.store.tables import OperatorRow

from .live import load_kerman
from .operators_live import (
    PASSWORD,
    USERS,
    add_account,
    current_code,
    log_in,
    serving,
    settings,
    signed_in,
)

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def store(store_url: str) -> str:
    load_kerman(store_url)
    return store_url


def _everything_stored(url: str) -> bytes:
    """Every value of every table, as the database hands it to whoever reads it; for SQLite, the
    database's files themselves too."""
    engine = make_engine(url)
    seen = bytearray()
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as connection:
            for table in tables.sorted_tables:
                for row in connection.execute(select(table)):
                    for value in row:
                        seen += value if isinstance(value, bytes) else str(value).encode()
                        seen += b"\0"
    finally:
        engine.dispose()
    if url.startswith("sqlite:///"):
        database = Path(url.removeprefix("sqlite:///"))
        for path in database.parent.glob(database.name + "*"):
            seen += path.read_bytes()
    return bytes(seen)


def _console_log_in(client: httpx.Client, username: str, code: str) -> httpx.Response:
    form = client.get("/console/login")
    found = _CSRF.search(form.text)
    assert found is not None, form.text
    data = {"csrf": found.group(1), "username": username, "password": PASSWORD, "totp": code}
    return client.post("/console/login", data=data)


def _sql(url: str, *statements: object) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(statement)  # type: ignore[call-overload]
    finally:
        engine.dispose()


def _sealed(url: str, username: str) -> bytes:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            query = select(OperatorRow.totp_sealed).where(OperatorRow.username == username)
            sealed = connection.execute(query).scalar_one()
    finally:
        engine.dispose()
    assert isinstance(sealed, bytes)
    return sealed


def test_a_reader_of_the_database_finds_no_totp_secret_and_codes_still_log_in(store: str) -> None:
    admin = add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    with serving(settings(store)) as live:
        with live.client() as client:
            signed_in(client, "kerman-hq", current_code(admin))
            new = {
                "username": "baft-hq",
                "display_name": "ستاد انتخابات بافت",
                "role": "county-hq",
                "place": "IR-08-0801",
                "password": PASSWORD,
                "totp": True,
            }
            added = client.post(USERS, json=new)
            assert added.status_code == 201, added.text
        totp = pyotp.parse_uri(added.json()["totp_uri"])
        with live.client("192.0.2.20") as client:
            assert log_in(client, "baft-hq", totp=totp.now()).status_code == 201
        with live.client("192.0.2.30") as client:
            # a code is taken once: the console log-in gives the next step's (one step of drift)
            later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)
            answer = _console_log_in(client, "baft-hq", totp.at(later))
            assert (answer.status_code, answer.headers.get("location")) == (303, "/console/")
    stored = _everything_stored(store)
    for secret in (totp.secret, pyotp.parse_uri(admin.totp_uri or "").secret):
        raw = base64.b32decode(secret)
        for form in (secret.encode(), secret.lower().encode(), raw, raw.hex().encode()):
            assert form not in stored


def test_a_sealed_secret_moved_to_another_account_lets_no_code_in(store: str) -> None:
    """Whoever may write the operators table, holding a county account's authenticator and a
    province's password, copies the county's sealed secret into the province's row."""
    county = add_account(store, "baft-hq", Role.COUNTY_HQ, "IR-08-0801", totp=True)
    add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    moved = update(OperatorRow).where(OperatorRow.username == "kerman-hq")
    _sql(store, moved.values(totp_sealed=_sealed(store, "baft-hq")))
    with serving(settings(store)) as live, live.client() as client:
        assert log_in(client, "kerman-hq", totp=current_code(county)).status_code == 401
        assert log_in(client, "baft-hq", totp=current_code(county)).status_code == 201


def test_a_centre_with_a_wrong_missing_or_open_key_refuses_to_start_and_says_why(
    store: str, tmp_path: Path
) -> None:
    add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    other = tmp_path / SERVER_KEY
    ServerKey.write(other)
    with pytest.raises(TotpAtRestError) as wrong:
        create_app(settings(store).model_copy(update={"server_key_file": other}))
    assert str(wrong.value) == (
        f"the server key {other} opens none of the 1 "
        "sealed TOTP secrets of this database: it is not this centre's key"
    )
    missing = tmp_path / "nowhere.key"
    with pytest.raises(ServerKeyError, match=re.escape(f"{missing}: no such key file")):
        create_app(settings(store).model_copy(update={"server_key_file": missing}))
    other.chmod(0o644)
    with pytest.raises(ServerKeyError, match=r"SANDOGH_SERVER_KEY_FILE\): .* has mode 644"):
        create_app(settings(store).model_copy(update={"server_key_file": other}))


def test_a_centre_with_a_secret_still_in_clear_refuses_to_start_naming_the_command(
    store: str,
) -> None:
    add_account(store, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    old = update(OperatorRow).where(OperatorRow.username == "kerman-hq")
    _sql(store, old.values(totp_sealed=None, totp_secret=pyotp.random_base32()))
    with pytest.raises(TotpAtRestError, match=r"sandogh user seal-totp --server-key FILE"):
        create_app(settings(store))

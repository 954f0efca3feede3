"""What the central service is started with, checked before it serves anything.

The ledger secret keys the voted-ledger's hash of each national code (`core.voters.ledger_key`): it
is read from the environment only (`SANDOGH_LEDGER_SECRET`, hex), never from the command line,
where other accounts of the machine could read it; a round and its runoff must be served with the
same secret. Ballot boxes are enrolled and revoked by operators in their own sessions, with the
`manage-devices` right at the box's station (issue 9); the one national operator token that did
it before (`SANDOGH_OPERATOR_TOKEN`) is gone, and a centre started with it still set refuses to
start, so that no one believes it still guards anything. Given the centre's log key file
(`SANDOGH_LOG_KEY_FILE` or `--log-key`), the centre signs checkpoints of the event log at the
cadence of `LogCheckpointSettings`. The server key file (`SANDOGH_SERVER_KEY_FILE` or
`--server-key`; `sandogh server-key keygen`) seals the operators' TOTP secrets
(`server.server_key`): a centre is not started without one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretBytes,
    ValidationError,
    field_validator,
    model_validator,
)

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.station.check_in_bounds import USUAL_LIMITS, CheckInLimits
from sandogh.locale import format_int
from sandogh.registry.synthetic import DOMAIN
from sandogh.server.environment import (
    LEDGER_SECRET_VAR,
    LOG_KEY_VAR,
    OPERATOR_TOKEN_VAR,
    REGISTRY_VAR,
    SERVER_KEY_VAR,
)
from sandogh.server.listen_settings import ListenSettings
from sandogh.store.url import database_url

MIN_SECRET_BYTES = 32


class SettingsError(SandoghError):
    """Settings the centre cannot start with; `problems` names every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("cannot start the centre: " + "; ".join(str(p) for p in self.problems))


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SyntheticRegistrySpec(_Settings):
    """The made-up registry of `registry.synthetic`, for demos and tests."""

    kind: Literal["synthetic"] = "synthetic"
    seed: int
    size: Annotated[int, Field(ge=0, le=DOMAIN)]


class FileRegistrySpec(_Settings):
    """A registry file made by `registry.file.import_registry`."""

    kind: Literal["file"] = "file"
    path: Path


RegistrySpec = Annotated[SyntheticRegistrySpec | FileRegistrySpec, Field(discriminator="kind")]


class OperatorSettings(_Settings):
    """How operators log in (issue 4; docs/api.md, "Operators"). New password hashes are argon2id
    at the OWASP Password Storage Cheat Sheet's first setting by default (19 MiB, 2 passes, one
    lane: about a tenth of a second a hash, so that a flood of guesses cannot exhaust the
    centre's memory); tests lower it."""

    #: Session cookies carry `Secure` (HTTPS only); switched off only for tests over loopback http.
    secure_cookies: bool = True
    #: Take a caller's address from the last X-Forwarded-For entry, but only of a request that
    #: comes from loopback (a reverse proxy on this machine); otherwise the socket's peer address.
    trust_forwarded_for: bool = False
    argon2_time_cost: Annotated[int, Field(ge=1, le=100)] = 2
    argon2_memory_kib: Annotated[int, Field(ge=8, le=4_194_304)] = 19_456
    argon2_parallelism: Annotated[int, Field(ge=1, le=64)] = 1

    @model_validator(mode="after")
    def _enough_memory(self) -> OperatorSettings:
        if self.argon2_memory_kib < 8 * self.argon2_parallelism:
            raise ValueError("argon2 needs at least 8 KiB of memory per lane of parallelism")
        return self


class CheckInSettings(_Settings):
    """The bounds on a station's check-ins that the definition does not give
    (`core.station.check_in_bounds`); the defaults are `USUAL_LIMITS`."""

    clock_drift_seconds: Annotated[int, Field(ge=0, le=86_400)] = int(
        USUAL_LIMITS.clock_drift.total_seconds()
    )
    longest_extension_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = int(
        USUAL_LIMITS.longest_extension.total_seconds() // 60
    )
    fastest_seconds: Annotated[int, Field(ge=0, le=3600)] = int(
        USUAL_LIMITS.fastest.total_seconds()
    )
    burst: Annotated[int, Field(ge=2, le=100_000)] = USUAL_LIMITS.burst
    high_turnout_percent: Annotated[int, Field(ge=1, le=10_000)] = int(
        USUAL_LIMITS.high_turnout * 100
    )
    papers_per_voter_percent: Annotated[int, Field(ge=100, le=10_000)] = int(
        USUAL_LIMITS.papers_per_voter * 100
    )

    def limits(self) -> CheckInLimits:
        return CheckInLimits(
            clock_drift=datetime.timedelta(seconds=self.clock_drift_seconds),
            longest_extension=datetime.timedelta(minutes=self.longest_extension_minutes),
            fastest=datetime.timedelta(seconds=self.fastest_seconds),
            burst=self.burst,
            high_turnout=Fraction(self.high_turnout_percent, 100),
            papers_per_voter=Fraction(self.papers_per_voter_percent, 100),
        )


class LogCheckpointSettings(_Settings):
    """How often the centre signs a checkpoint of the event log (`core.log.checkpoints`): after
    `entries` new entries, or `minutes` after the last while any entry arrived; whether one is due
    is asked every `check_seconds`."""

    entries: Annotated[int, Field(ge=1)] = 1_000
    minutes: Annotated[int, Field(ge=1, le=1440)] = 5
    check_seconds: Annotated[float, Field(gt=0, le=3600)] = 10.0


class ServerSettings(_Settings):
    database_url: Annotated[str, Field(min_length=1)]
    ledger_secret: SecretBytes
    registry: RegistrySpec
    #: How far a signed request's time may be from the centre's clock, either way (seconds).
    request_window_seconds: Annotated[int, Field(ge=1, le=3600)] = 300
    #: Database connections held open at most: one per request served at once.
    connections: Annotated[int, Field(ge=1, le=1000)] = 64
    #: Requests one server process works on at once (its thread pool; `server.process`): a few
    #: keep its core busy while others wait on the database, and more only take turns for
    #: Python's lock (bench/checkin.py on SQLite: 2.4 ms of CPU a check-in with the 40 threads
    #: of FastAPI's pool, 1.5 ms with 8).
    threads: Annotated[int, Field(ge=1, le=1000)] = 8
    operators: OperatorSettings = OperatorSettings()
    check_ins: CheckInSettings = CheckInSettings()
    #: The centre's log key file (`sandogh log keygen`); without it no checkpoint is signed.
    log_key_file: Path | None = None
    log_checkpoints: LogCheckpointSettings = LogCheckpointSettings()
    #: The server key file (`sandogh server-key keygen`), which seals the TOTP secrets.
    server_key_file: Path
    #: Timeouts and limits of each server process's connections (`server.listening`).
    listening: ListenSettings = ListenSettings()

    @field_validator("ledger_secret")
    @classmethod
    def _long_secret(cls, secret: SecretBytes) -> SecretBytes:
        if len(secret.get_secret_value()) < MIN_SECRET_BYTES:
            raise ValueError(f"must be at least {MIN_SECRET_BYTES} bytes")
        return secret


def parse_registry(text: str) -> SyntheticRegistrySpec | FileRegistrySpec:
    """`synthetic:SEED:SIZE` or `file:PATH`, as `sandogh serve --registry` takes it."""
    kind, _, rest = text.partition(":")
    if kind == "file" and rest:
        return FileRegistrySpec(path=Path(rest))
    if kind == "synthetic":
        seed, _, size = rest.partition(":")
        try:
            return SyntheticRegistrySpec(seed=int(seed), size=int(size))
        except ValueError as error:  # not integers; a ValidationError is a ValueError too
            raise SettingsError(
                [
                    Problem(
                        "registry",
                        f"{text!r}: SEED and SIZE are whole numbers, SIZE from 0 to {DOMAIN}",
                        fa=f"«{text}»: SEED و SIZE عدد صحیح‌اند و SIZE از ۰ تا "
                        f"{format_int(DOMAIN, 'fa')}",
                    )
                ]
            ) from error
    raise SettingsError(
        [
            Problem(
                "registry",
                f"{text!r} is neither synthetic:SEED:SIZE nor file:PATH",
                fa=f"«{text}» نه synthetic:SEED:SIZE است نه file:PATH",
            )
        ]
    )


def settings_from_env(
    env: Mapping[str, str],
    *,
    db: str | None = None,
    registry: str | None = None,
    log_key: Path | None = None,
    server_key: Path | None = None,
    behind_proxy: bool = False,
) -> ServerSettings:
    """The settings of `sandogh serve`: the database, registry, log key and server key files as
    given, else from `env` (`SANDOGH_DATABASE_URL`, `SANDOGH_REGISTRY`, `SANDOGH_LOG_KEY_FILE`,
    `SANDOGH_SERVER_KEY_FILE`); the secrets from `env` only. `behind_proxy` trusts the address a
    reverse proxy on this machine forwards (`trust_forwarded_for`)."""
    problems: list[Problem] = []
    if OPERATOR_TOKEN_VAR in env:
        problems.append(
            Problem(
                OPERATOR_TOKEN_VAR,
                "is set, but the centre no longer enrols boxes with one national token: "
                "operators enrol them in their own sessions (`sandogh station enrol --user`); "
                f"unset {OPERATOR_TOKEN_VAR}",
                fa="تنظیم شده است، ولی مرکز دیگر صندوق‌ها را با یک توکن کشوری ثبت نمی‌کند: هر کاربر"
                " آن‌ها را در نشست خود ثبت می‌کند (`sandogh station enrol --user`)؛ "
                f"{OPERATOR_TOKEN_VAR} را بردارید",
            )
        )
    secret = _ledger_secret(env.get(LEDGER_SECRET_VAR, ""), problems)
    registry_text = registry or env.get(REGISTRY_VAR, "")
    spec: SyntheticRegistrySpec | FileRegistrySpec | None = None
    if not registry_text:
        problems.append(
            Problem(
                "registry",
                f"name the civil registry with --registry or ${REGISTRY_VAR}",
                fa=f"سامانه ثبت احوال را با --registry یا ${REGISTRY_VAR} نام ببرید",
            )
        )
    else:
        try:
            spec = parse_registry(registry_text)
        except SettingsError as bad:
            problems.extend(bad.problems)
    server_key_file = server_key or (Path(env[SERVER_KEY_VAR]) if env.get(SERVER_KEY_VAR) else None)
    if server_key_file is None:
        problems.append(
            Problem(
                SERVER_KEY_VAR,
                "is not set: give the server key file, which seals the operators' TOTP secrets, "
                "with --server-key or $SANDOGH_SERVER_KEY_FILE (make one with "
                "`sandogh server-key keygen --out FILE`)",
                fa="تنظیم نشده است: پرونده کلید سرور را، که رازهای کد یک‌بارمصرف کاربران را مهر"
                " می‌کند، با --server-key یا $SANDOGH_SERVER_KEY_FILE بدهید (ساختن آن:"
                " `sandogh server-key keygen --out FILE`)",
            )
        )
    if problems or spec is None or secret is None or server_key_file is None:
        raise SettingsError(problems)
    key_file = log_key or (Path(env[LOG_KEY_VAR]) if env.get(LOG_KEY_VAR) else None)
    try:
        return ServerSettings(
            database_url=database_url(db, env),
            ledger_secret=SecretBytes(secret),
            registry=spec,
            log_key_file=key_file,
            server_key_file=server_key_file,
            operators=OperatorSettings(trust_forwarded_for=behind_proxy),
        )
    except ValidationError as error:
        raise SettingsError(
            [
                Problem(".".join(map(str, e["loc"])), e["msg"].removeprefix("Value error, "))
                for e in error.errors()
            ]
        ) from error


def _ledger_secret(text: str, problems: list[Problem]) -> bytes | None:
    if not text:
        problems.append(
            Problem(
                LEDGER_SECRET_VAR,
                f"is not set: give the voted-ledger's secret as {2 * MIN_SECRET_BYTES} or more "
                "hex digits (e.g. `openssl rand -hex 32`)",
                fa="تنظیم نشده است: راز دفتر رأی‌دهندگان را با"
                f" {format_int(2 * MIN_SECRET_BYTES, 'fa')} رقم شانزده‌شانزدهی یا بیشتر بدهید"
                " (برای نمونه `openssl rand -hex 32`)",
            )
        )
        return None
    try:
        secret = bytes.fromhex(text.strip())
    except ValueError:
        problems.append(
            Problem(LEDGER_SECRET_VAR, "is not hex digits", fa="رقم‌های شانزده‌شانزدهی نیست")
        )
        return None
    if len(secret) < MIN_SECRET_BYTES:
        problems.append(
            Problem(
                LEDGER_SECRET_VAR,
                f"has {len(secret)} bytes; at least {MIN_SECRET_BYTES}",
                fa=f"{format_int(len(secret), 'fa')} بایت است؛ دست‌کم "
                f"{format_int(MIN_SECRET_BYTES, 'fa')}",
            )
        )
        return None
    return secret

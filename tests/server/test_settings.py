"""The settings `sandogh serve` starts the centre with."""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path

import pytest
from pydantic import SecretBytes, ValidationError

from sandogh.core.station.check_in_bounds import USUAL_LIMITS
from sandogh.server.settings import (
    CheckInSettings,
    FileRegistrySpec,
    ServerSettings,
    SettingsError,
    SyntheticRegistrySpec,
    parse_registry,
    settings_from_env,
)

SECRET_HEX = "ab" * 32


def test_registries_are_named_as_on_the_command_line() -> None:
    assert parse_registry("synthetic:1403:5000") == SyntheticRegistrySpec(seed=1403, size=5000)
    assert parse_registry("file:/srv/registry.sqlite") == FileRegistrySpec(
        path=Path("/srv/registry.sqlite")
    )
    for wrong in ("synthetic:1403", "synthetic:x:5", "synthetic:1:-1", "file:", "csv:x", ""):
        with pytest.raises(SettingsError) as bad:
            parse_registry(wrong)
        assert bad.value.problems[0].path == "registry"


def test_settings_come_from_the_options_and_the_environment() -> None:
    env = {
        "SANDOGH_LEDGER_SECRET": SECRET_HEX,
        "SANDOGH_REGISTRY": "synthetic:1:10",
        "SANDOGH_DATABASE_URL": "sqlite:///from-env.sqlite",
        "SANDOGH_SERVER_KEY_FILE": "from-env.key",
    }
    settings = settings_from_env(env)
    assert settings.ledger_secret.get_secret_value() == bytes.fromhex(SECRET_HEX)
    assert settings.registry == SyntheticRegistrySpec(seed=1, size=10)
    assert settings.database_url == "sqlite:///from-env.sqlite"
    assert settings.server_key_file == Path("from-env.key")
    given = settings_from_env(
        env,
        db="sqlite:///given.sqlite",
        registry="file:people.sqlite",
        server_key=Path("given.key"),
    )
    assert given.database_url == "sqlite:///given.sqlite"
    assert given.registry == FileRegistrySpec(path=Path("people.sqlite"))
    assert given.server_key_file == Path("given.key")
    assert not settings.operators.trust_forwarded_for
    assert settings_from_env(env, behind_proxy=True).operators.trust_forwarded_for
    # the secret never shows in a repr or a log line
    assert SECRET_HEX not in repr(settings)


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(SettingsError) as bad:
        settings_from_env({})
    assert [p.path for p in bad.value.problems] == [
        "SANDOGH_LEDGER_SECRET",
        "registry",
        "SANDOGH_SERVER_KEY_FILE",
    ]
    assert "sandogh server-key keygen --out FILE" in str(bad.value)
    for secret, says in [("zz", "not hex"), ("ab" * 31, "31 bytes")]:
        with pytest.raises(SettingsError) as bad:
            settings_from_env(
                {"SANDOGH_LEDGER_SECRET": secret},
                registry="synthetic:1:1",
                server_key=Path("server.key"),
            )
        assert says in str(bad.value)


def test_the_national_operator_token_is_refused_with_what_replaced_it() -> None:
    """Issue 9: boxes are enrolled in operators' sessions; a centre started with the old bearer
    token still set would let its holder believe it guards enrolment."""
    for token in ("a" * 40, ""):
        with pytest.raises(SettingsError) as bad:
            settings_from_env(
                {"SANDOGH_LEDGER_SECRET": SECRET_HEX, "SANDOGH_OPERATOR_TOKEN": token},
                registry="synthetic:1:1",
                server_key=Path("server.key"),
            )
        (problem,) = bad.value.problems
        assert problem.path == "SANDOGH_OPERATOR_TOKEN"
        assert "sandogh station enrol --user" in problem.message


def test_the_model_refuses_a_short_secret() -> None:
    with pytest.raises(ValidationError):
        ServerSettings(
            database_url="sqlite://",
            ledger_secret=SecretBytes(b"k" * 31),
            registry=SyntheticRegistrySpec(seed=1, size=1),
            server_key_file=Path("server.key"),
        )


def test_the_check_in_bounds_are_settings_whose_defaults_are_the_usual_limits() -> None:
    assert CheckInSettings().limits() == USUAL_LIMITS
    set_ = CheckInSettings(fastest_seconds=5, high_turnout_percent=95, longest_extension_minutes=0)
    limits = set_.limits()
    assert (limits.fastest, limits.high_turnout, limits.longest_extension) == (
        datetime.timedelta(seconds=5),
        Fraction(19, 20),
        datetime.timedelta(0),
    )
    with pytest.raises(ValidationError):
        CheckInSettings(burst=1)

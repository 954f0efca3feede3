"""argon2id hashes with a dummy for unknown accounts, and TOTP codes with one step of drift, their
secrets sealed with the server key for one account alone."""

from __future__ import annotations

import datetime
import os

import pyotp

from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.server.server_key import ServerKey

PASSWORD = "correct horse battery staple"
# RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" at 59 s is 94287082 (8 digits)
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
AT = datetime.datetime(1970, 1, 1, 0, 0, 59, tzinfo=datetime.UTC)
KEY = ServerKey(os.urandom(32))


def test_a_password_checks_against_its_hash_only() -> None:
    passwords = Argon2Passwords(time_cost=1, memory_kib=8, parallelism=1)
    stored = passwords.hash(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert passwords.verify(stored, PASSWORD)
    assert not passwords.verify(stored, PASSWORD.upper())
    assert not passwords.verify(None, PASSWORD)  # checked against the dummy: never a match
    assert not passwords.verify("not a hash", PASSWORD)
    assert passwords.hash(PASSWORD) != stored  # salted
    assert not passwords.needs_rehash(stored)
    stronger = Argon2Passwords(time_cost=2, memory_kib=8, parallelism=1)
    assert stronger.needs_rehash(stored)
    assert stronger.verify(stored, PASSWORD)  # an old hash still checks at its own cost


def test_a_code_is_found_in_its_step_or_one_either_side() -> None:
    factor = TotpFactor(KEY)
    sealed = factor.seal(RFC_SECRET, "kerman-hq")
    totp = pyotp.TOTP(RFC_SECRET)
    assert totp.at(AT) == "287082"  # the RFC's 94287082, to six digits
    step = 59 // 30

    def step_of(code: str | None, at: datetime.datetime = AT) -> int | None:
        return factor.step(sealed, "kerman-hq", code, at)

    assert step_of("287082") == step
    late = AT + datetime.timedelta(seconds=30)
    assert step_of("287082", late) == step  # the phone is a step behind
    assert step_of("287082", AT + datetime.timedelta(seconds=61)) is None
    # typed on a Persian or an Arabic keyboard, it is the same code (issue 9)
    assert step_of("۲۸۷۰۸۲") == step_of("٢٨٧٠٨٢") == step
    for wrong in ("287083", "28708", "2870820", "۲۸۷۰۸۳", "²87082", "abcdef"):
        assert step_of(wrong) is None
    assert factor.step(None, "kerman-hq", "287082", AT) is None
    assert step_of(None) is None


def test_a_new_secret_is_sealed_and_offered_as_an_otpauth_uri() -> None:
    factor = TotpFactor(KEY)
    sealed, uri = factor.issue("kerman-hq")
    secret = pyotp.parse_uri(uri).secret
    assert len(secret) == 32
    assert uri == f"otpauth://totp/sandogh:kerman-hq?secret={secret}&issuer=sandogh"
    assert factor.issue("kerman-hq")[1] != uri
    assert KEY.open(sealed, "kerman-hq") == secret
    assert secret.encode() not in sealed
    assert factor.seal(secret, "kerman-hq") != sealed  # a fresh nonce each time


def test_a_sealed_secret_opens_only_for_its_account_and_key() -> None:
    """The attack: whoever may write the operators table copies the sealed secret of an account
    whose codes they have into a privileged account's row; the code it makes must not open that
    account. Nor may a sealed secret open with another centre's key, or once tampered with."""
    factor = TotpFactor(KEY)
    sealed = factor.seal(RFC_SECRET, "baft-hq")
    assert factor.step(sealed, "baft-hq", "287082", AT) == 1
    assert factor.step(sealed, "kerman-hq", "287082", AT) is None
    assert not factor.opens(sealed, "kerman-hq")
    other = TotpFactor(ServerKey(os.urandom(32)))
    assert other.step(sealed, "baft-hq", "287082", AT) is None
    assert not other.opens(sealed, "baft-hq")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    assert factor.step(tampered, "baft-hq", "287082", AT) is None
    assert factor.step(b"short", "baft-hq", "287082", AT) is None

"""argon2id hashes with a dummy for unknown accounts, and TOTP codes with one step of drift."""

from __future__ import annotations

import datetime

import pyotp

from sandogh.server.credentials import Argon2Passwords, TotpFactor

PASSWORD = "correct horse battery staple"
# RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" at 59 s is 94287082 (8 digits)
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
AT = datetime.datetime(1970, 1, 1, 0, 0, 59, tzinfo=datetime.UTC)


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
    factor = TotpFactor()
    totp = pyotp.TOTP(RFC_SECRET)
    assert totp.at(AT) == "287082"  # the RFC's 94287082, to six digits
    step = 59 // 30
    assert factor.step(RFC_SECRET, "287082", AT) == step
    late = AT + datetime.timedelta(seconds=30)
    assert factor.step(RFC_SECRET, "287082", late) == step  # the phone is a step behind
    assert factor.step(RFC_SECRET, "287082", AT + datetime.timedelta(seconds=61)) is None
    # typed on a Persian or an Arabic keyboard, it is the same code (issue 9)
    assert factor.step(RFC_SECRET, "۲۸۷۰۸۲", AT) == factor.step(RFC_SECRET, "٢٨٧٠٨٢", AT) == step
    for wrong in ("287083", "28708", "2870820", "۲۸۷۰۸۳", "²87082", "abcdef"):
        assert factor.step(RFC_SECRET, wrong, AT) is None
    assert factor.step(None, "287082", AT) is None
    assert factor.step(RFC_SECRET, None, AT) is None


def test_a_new_secret_is_offered_as_an_otpauth_uri() -> None:
    factor = TotpFactor()
    secret = factor.new_secret()
    assert len(secret) == 32
    assert secret != factor.new_secret()
    uri = factor.uri(secret, "kerman-hq")
    assert uri == f"otpauth://totp/sandogh:kerman-hq?secret={secret}&issuer=sandogh"

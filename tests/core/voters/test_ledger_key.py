import hashlib
import hmac

import pytest

from sandogh.core.voters import parse_national_code
from sandogh.core.voters.ledger_key import LedgerSecretError, voter_key

SECRET = bytes(range(32))


def test_the_key_is_the_hmac_of_the_ten_digit_code() -> None:
    code = parse_national_code("001354241-9")
    expected = hmac.new(SECRET, b"0013542419", hashlib.sha256).hexdigest()
    assert voter_key(SECRET, code) == expected
    assert "0013542419" not in voter_key(SECRET, code)


def test_another_secret_gives_another_key() -> None:
    code = parse_national_code("0013542419")
    assert voter_key(SECRET, code) != voter_key(bytes(32), code)


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(LedgerSecretError, match="at least 32 bytes"):
        voter_key(b"short", parse_national_code("0013542419"))

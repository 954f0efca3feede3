"""A civil registry made up from a seed: deterministic, so tests and demos need no file.

Issue 3 ("Civil registry": a deterministic synthetic registry for demos and tests). The registry
holds `size` people. Person i (0 ≤ i < size) has the national code whose first nine digits are
`P(i)`, where P is a keyed permutation of 0 … 10^9 − 1 (a four-round Feistel network over 30 bits,
cycle-walked into the range; the key is derived from the seed), and whose tenth digit is the check
digit. So a code is in the registry exactly when P⁻¹ of its first nine digits is below `size`,
which is decided without storing anything, and the people can be listed in order. The ten codes
whose digits would all be equal are no codes (`core.voters.national_code`); a person given one of
them is left out, so a registry holds at most ten people fewer than `size`.

A person's birth date, and whether they are alive and a citizen, derive from a keyed hash (BLAKE2b)
of their code: birth dates are spread evenly over 1925–2012, about 3 % are dead and 2 % are not
citizens, so that every refusal of a check-in turns up in a simulation. A person's name, which
the station's staff see at check-in (issue 13), is a first and a family name drawn by another
keyed hash from the lists below (made up, common Persian names); a synthetic person has no photo.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator

from sandogh.core.errors import SandoghError
from sandogh.core.voters import NationalCode, RegistryRecord, check_digit, eligibility
from sandogh.core.voters.national_code import NationalCodeError

DOMAIN = 10**9  # the numbers the first nine digits of a code can write
_HALF_BITS = 15  # two halves of 15 bits: 2^30 ≥ 10^9
_HALF = (1 << _HALF_BITS) - 1
_ROUNDS = 4
_FIRST_BIRTH = datetime.date(1925, 1, 1)
_BIRTH_DAYS = (datetime.date(2012, 12, 31) - _FIRST_BIRTH).days + 1
_FIRST_NAMES = (
    "مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "رضا", "نرگس", "مهدی",
    "لیلا", "امیر", "سمیه", "حمید", "پروین", "کاوه", "شیرین", "بهرام", "نسرین", "داوود",
)  # fmt: skip
_FAMILY_NAMES = (
    "رحیمی", "کرمانی", "احمدی", "محمدی", "حسینی", "کریمی", "موسوی", "جعفری", "رضایی", "نوری",
    "صادقی", "قاسمی", "شریفی", "اکبری", "یزدانی", "طاهری", "بهرامی", "سلطانی", "فراهانی", "تبریزی",
)  # fmt: skip
_DEAD_PER_MILLE = 30
_FOREIGN_PER_MILLE = 20


class RegistrySizeError(SandoghError):
    def __init__(self, size: int) -> None:
        super().__init__(f"a synthetic registry holds 0 to {DOMAIN} people, not {size}")


class SyntheticRegistry:
    """`size` made-up people, the same for the same `seed`; implements `services.ports.Registry`."""

    def __init__(self, seed: int, *, size: int) -> None:
        if not 0 <= size <= DOMAIN:
            raise RegistrySizeError(size)
        self.size = size
        self._key = hashlib.sha256(f"sandogh/synthetic-registry@1:{seed}".encode()).digest()
        # keyed once; each hash starts from a copy (setting a BLAKE2b key costs a block)
        self._rounds = [
            hashlib.blake2b(bytes((number,)), key=self._key, digest_size=4)
            for number in range(_ROUNDS)
        ]

    def lookup(self, code: NationalCode) -> RegistryRecord | None:
        if self._unpermute(int(code.digits[:9])) >= self.size:
            return None
        return self._record(code)

    def codes(self) -> Iterator[NationalCode]:
        """The code of every person, in the registry's order."""
        for person in range(self.size):
            nine = f"{self._permute(person):09d}"
            try:
                yield NationalCode(nine + str(check_digit(nine)))
            except NationalCodeError:  # ten equal digits: this person has no code
                continue

    def voters(self, election_day: datetime.date) -> Iterator[NationalCode]:
        """The codes of the people who may vote on `election_day`, in the registry's order."""
        for code in self.codes():
            if eligibility(self._record(code), election_day).eligible:
                yield code

    def _record(self, code: NationalCode) -> RegistryRecord:
        digest = hashlib.blake2b(code.digits.encode(), key=self._key, digest_size=12).digest()
        born = int.from_bytes(digest[:8], "big") % _BIRTH_DAYS
        alive = int.from_bytes(digest[8:10], "big") % 1000 >= _DEAD_PER_MILLE
        citizen = int.from_bytes(digest[10:12], "big") % 1000 >= _FOREIGN_PER_MILLE
        named = hashlib.blake2b(b"name:" + code.digits.encode(), key=self._key, digest_size=2)
        first, family = named.digest()
        first_name = _FIRST_NAMES[first % len(_FIRST_NAMES)]
        name = f"{first_name} {_FAMILY_NAMES[family % len(_FAMILY_NAMES)]}"
        born_on = _FIRST_BIRTH + datetime.timedelta(days=born)
        return RegistryRecord(code, born_on, alive, citizen, name=name)

    # ---- the keyed permutation of 0 … DOMAIN − 1 -----------------------------------------------

    def _round(self, number: int, half: int) -> int:
        keyed = self._rounds[number].copy()
        keyed.update(half.to_bytes(2, "big"))
        return int.from_bytes(keyed.digest(), "big") & _HALF

    def _feistel(self, x: int) -> int:
        left, right = x >> _HALF_BITS, x & _HALF
        for number in range(_ROUNDS):
            left, right = right, left ^ self._round(number, right)
        return (left << _HALF_BITS) | right

    def _feistel_inverse(self, x: int) -> int:
        left, right = x >> _HALF_BITS, x & _HALF
        for number in reversed(range(_ROUNDS)):
            left, right = right ^ self._round(number, left), left
        return (left << _HALF_BITS) | right

    def _permute(self, x: int) -> int:
        # cycle-walking: the network permutes 0 … 2^30 − 1, so following it from a number below
        # DOMAIN until it lands below DOMAIN again permutes 0 … DOMAIN − 1 (Black & Rogaway, 2002)
        x = self._feistel(x)
        while x >= DOMAIN:
            x = self._feistel(x)
        return x

    def _unpermute(self, x: int) -> int:
        x = self._feistel_inverse(x)
        while x >= DOMAIN:
            x = self._feistel_inverse(x)
        return x

"""ElectionGuard 2.1's 4096-bit integer group (`docs/e2e.md` §1), for comparison only.

Benaloh and Naehrig, *ElectionGuard Design Specification v2.1.0* (2024), §3.1.1 "Standard
Baseline Cryptographic Parameters": q = 2^256 − 189, the largest 256-bit prime; p the 4096-bit
prime p = 2^4096 − 2^3840 + 2^256·(⌊2^3584·ln 2⌋ + δ) + (2^256 − 1), the first after ln 2's bits
with q | p − 1 and (p − 1)/2q prime; the cofactor r = (p − 1)/q; and g = 2^r mod p, which
generates the subgroup of order q. The constants below are the spec's hexadecimal, checked
against that description in `tests/core/e2e/test_integer_group.py`.

The protocol runs over this group unchanged (`group.Group`): `bench/e2e.py` times it beside
Ristretto255. An element is 512 bytes big-endian, and is one only if 0 < a < p and a^q = 1 mod
p (EG §3.1.1, note 25; §6 verification step 2.A): the membership check costs an
exponentiation, where Ristretto255's costs a decoding. Arithmetic is GMP's, through gmpy2.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import gmpy2

from sandogh.core.e2e.group import Group


def _hex(words: str) -> int:
    return int("".join(words.split()), 16)


#: EG §3.1.1 eq. 3
Q: Final = _hex("""
    FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFF43""")

#: EG §3.1.1, the 4096-bit modulus
P: Final = _hex("""
    FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF
    B17217F7 D1CF79AB C9E3B398 03F2F6AF 40F34326 7298B62D 8A0D175B 8BAAFA2B
    E7B87620 6DEBAC98 559552FB 4AFA1B10 ED2EAE35 C1382144 27573B29 1169B825
    3E96CA16 224AE8C5 1ACBDA11 317C387E B9EA9BC3 B136603B 256FA0EC 7657F74B
    72CE87B1 9D6548CA F5DFA6BD 38303248 655FA187 2F20E3A2 DA2D97C5 0F3FD5C6
    07F4CA11 FB5BFB90 610D30F8 8FE551A2 EE569D6D FC1EFA15 7D2E23DE 1400B396
    17460775 DB8990E5 C943E732 B479CD33 CCCC4E65 9393514C 4C1A1E0B D1D6095D
    25669B33 3564A337 6A9C7F8A 5E148E82 074DB601 5CFE7AA3 0C480A54 17350D2C
    955D5179 B1E17B9D AE313CDB 6C606CB1 078F735D 1B2DB31B 5F50B518 5064C18B
    4D162DB3 B365853D 7598A195 1AE273EE 5570B6C6 8F969834 96D4E6D3 30AF889B
    44A02554 731CDC8E A17293D1 228A4EF9 8D6F5177 FBCF0755 268A5C1F 9538B982
    61AFFD44 6B1CA3CF 5E9222B8 8C66D3C5 422183ED C9942109 0BBB16FA F3D949F2
    36E02B20 CEE886B9 05C128D5 3D0BD2F9 62136319 6AF50302 0060E499 08391A0C
    57339BA2 BEBA7D05 2AC5B61C C4E9207C EF2F0CE2 D7373958 D7622658 90445744
    FB5F2DA4 B7510058 92D35689 0DEFE9CA D9B9D4B7 13E06162 A2D8FDD0 DF2FD608
    FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF""")

#: EG §3.1.1, the cofactor
R: Final = (P - 1) // Q

#: EG §3.1.1, g = 2^r mod p
G: Final = _hex("""
    36036FED 214F3B50 DC566D3A 312FE413 1FEE1C2B CE6D02EA 39B477AC 05F7F885
    F38CFE77 A7E45ACF 4029114C 4D7A9BFE 058BF2F9 95D2479D 3DDA618F FD910D3C
    4236AB2C FDD783A5 016F7465 CF59BBF4 5D24A22F 130F2D04 FE93B2D5 8BB9C1D1
    D27FC9A1 7D2AF49A 779F3FFB DCA22900 C14202EE 6C996160 34BE35CB CDD3E7BB
    7996ADFE 534B63CC A41E21FF 5DC778EB B1B86C53 BFBE9998 7D7AEA07 56237FB4
    0922139F 90A62F2A A8D9AD34 DFF799E3 3C857A64 68D001AC F3B681DB 87DC4242
    755E2AC5 A5027DB8 1984F033 C4D17837 1F273DBB 4FCEA1E6 28C23E52 759BC776
    5728035C EA26B44C 49A65666 889820A4 5C33DD37 EA4A1D00 CB62305C D541BE1E
    8A92685A 07012B1A 20A746C3 591A2DB3 815000D2 AACCFE43 DC49E828 C1ED7387
    466AFD8E 4BF19355 93B2A442 EEC271C5 0AD39F73 3797A1EA 11802A25 57916534
    662A6B7E 9A9E449A 24C8CFF8 09E79A4D 806EB681 119330E6 C57985E3 9B200B48
    93639FDF DEA49F76 AD1ACD99 7EBA1365 7541E79E C57437E5 04EDA9DD 01106151
    6C643FB3 0D6D58AF CCD28B73 FEDA29EC 12B01A5E B86399A5 93A9D5F4 50DE39CB
    92962C5E C6925348 DB54D128 FD99C14B 457F883E C20112A7 5A6A0581 D3D80A3B
    4EF09EC8 6F9552FF DA1653F1 33AA2534 983A6F31 B0EE4697 935A6B1E A2F75B85
    E7EBA151 BA486094 D68722B0 54633FEC 51CA3F29 B31E77E3 17B178B6 B9D8AE0F""")

#: an element's size: p in 512 bytes, big-endian (EG §5.1.2)
SIZE: Final = 512

_P: Final = gmpy2.mpz(P)
_Q: Final = gmpy2.mpz(Q)
_G: Final = gmpy2.mpz(G)


def _number(data: bytes) -> gmpy2.mpz:
    return gmpy2.mpz.from_bytes(data, "big")


def _element(number: gmpy2.mpz) -> bytes:
    data: bytes = number.to_bytes(SIZE, "big")
    return data


class ElectionGuardInteger(Group):
    """The subgroup of order q of Z_p^*, EG 2.1's standard parameters."""

    name = "electionguard-2.1-4096"
    q = Q
    element_size = SIZE
    generator = G.to_bytes(SIZE, "big")
    identity = (1).to_bytes(SIZE, "big")

    def op(self, a: bytes, b: bytes) -> bytes:
        return _element(_number(a) * _number(b) % _P)

    def exp(self, a: bytes, s: int) -> bytes:
        return _element(gmpy2.powmod(_number(a), s % Q, _P))

    def base_exp(self, s: int) -> bytes:
        return _element(gmpy2.powmod(_G, s % Q, _P))

    def inverse(self, a: bytes) -> bytes:
        return _element(gmpy2.invert(_number(a), _P))

    def product(self, elements: Iterable[bytes]) -> bytes:
        # one reduction per multiplication, without a round trip through bytes for each
        total = gmpy2.mpz(1)
        for element in elements:
            total = total * _number(element) % _P
        return _element(total)

    def is_element(self, data: bytes) -> bool:
        if not isinstance(data, bytes) or len(data) != SIZE:
            return False
        number = _number(data)
        return bool(0 < number < _P and gmpy2.powmod(number, _Q, _P) == 1)


ELECTIONGUARD_INTEGER: Final = ElectionGuardInteger()

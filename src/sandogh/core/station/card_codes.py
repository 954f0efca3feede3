"""The ballot card's code: what the centre (or, offline, the box) draws at check-in, what a card
writer prints as a QR code and what an official copies onto a card by hand.

Review S23 A3: the code was 22 case-sensitive base64 characters (`l`/`I`/`1`, `O`/`0`, `-`/`_`)
with no check: a slip of the pen gave the voter "this card is not accepted" at the booth and the
staff nothing to act on. The code is now Crockford's base32 (digits and upper-case letters
without I, L, O, U: nothing to confuse), 19 characters of 95 random bits and a check character
(Luhn mod 32: any one character miscopied, and any two neighbours swapped but `0`/`Z`, fail the
check), written in five groups of four: `7K3Q-…-…-…-…`. Read back, case does not matter, the
hyphens and spaces are ignored and `I`/`L` read as 1, `O` as 0, as Crockford's rules have it; a
code that does not read, or fails its check, is `MistypedCodeError`, said at the booth as mistyped
before any card is looked up.

Pure: the random bytes are drawn by the caller (`secrets`), in the server or the box.
"""

from __future__ import annotations

from sandogh.core.errors import SandoghError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARACTERS = 19
BITS = 5 * RANDOM_CHARACTERS  # 95: a card's code cannot be guessed
#: the random bytes a code is drawn from (the bits past `BITS` are dropped)
RANDOM_BYTES = (BITS + 7) // 8
GROUP = 4
LENGTH = RANDOM_CHARACTERS + 1  # and the check character
#: what a hand-copied character may also be, read as Crockford reads it
_READ_AS = {"I": "1", "L": "1", "O": "0"}
_VALUE = {ch: value for value, ch in enumerate(ALPHABET)}
#: where each random character's five bits lie in the number drawn, the first character highest
_SHIFTS = tuple(5 * i for i in reversed(range(RANDOM_CHARACTERS)))
#: a value doubled, its base-32 digits summed (Luhn's step), for each value: a code is drawn at
#: every check-in (issue 14)
_DOUBLED = tuple(2 * value // 32 + 2 * value % 32 for value in range(32))


class MistypedCodeError(SandoghError):
    """The text is not a card code as drawn: a character miscopied, missing or too many."""


def card_code(random: bytes) -> str:
    """The code of `random` (at least `RANDOM_BYTES` bytes, from `secrets`), with its check
    character, grouped as it is written."""
    if len(random) < RANDOM_BYTES:
        raise ValueError(f"a card's code is drawn from {RANDOM_BYTES} random bytes")
    number = int.from_bytes(random[:RANDOM_BYTES], "big") >> (8 * RANDOM_BYTES - BITS)
    values = [(number >> shift) & 31 for shift in _SHIFTS]
    values.append(_check(values))
    return _grouped("".join([ALPHABET[v] for v in values]))


def read_card_code(text: str) -> str:
    """The code `text` writes, as `card_code` wrote it; `MistypedCodeError` if it is not one."""
    plain = "".join(text.split()).replace("-", "").upper()
    plain = "".join(_READ_AS.get(ch, ch) for ch in plain)
    if len(plain) != LENGTH or any(ch not in _VALUE for ch in plain):
        raise MistypedCodeError(f"{text.strip()[:40]!r} is not {LENGTH} characters of {ALPHABET}")
    values = [_VALUE[ch] for ch in plain]
    if _check(values[:-1]) != values[-1]:
        raise MistypedCodeError(f"{text.strip()[:40]!r} fails its check character")
    return _grouped(plain)


def _check(values: list[int]) -> int:
    """Luhn's check character, mod 32: every second value from the right doubled, its base-32
    digits summed, so that one changed value or two swapped neighbours change the sum."""
    # the values from the right at even places doubled, at odd places as they are (below 32)
    total = sum([_DOUBLED[value] for value in values[::-1][::2]]) + sum(values[::-1][1::2])
    return -total % 32


def _grouped(plain: str) -> str:
    return "-".join(plain[i : i + GROUP] for i in range(0, len(plain), GROUP))

"""The hashes that tie a station's record together, computed again (`docs/e2e.md` §4, §6–§8).

The base hashes HB and HE (§4); the box's H_D that keys its ballots' proofs and a ballot's hash
χ (§6); the chain from the zero report to the close, each link a confirmation code (§7); and the
station tally hash (§8) that the station's signed final report commits to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandogh.core.e2e.hashing import Domain, hash_bytes, text, u32

#: per contest: its id, then each option's (α, β) in the ballot's order, blank indicator last
Contests = Iterable[tuple[str, Sequence[tuple[bytes, bytes]]]]


def base_hash(parameters: bytes, definition: bytes, guardians: int, quorum: int) -> bytes:
    """HB = H(HP; 0x01, definition hash, u32(n), u32(k))."""
    return hash_bytes(parameters, Domain.ELECTION, definition, u32(guardians), u32(quorum))


def extended_hash(base: bytes, key: bytes, commitments: Iterable[Iterable[bytes]]) -> bytes:
    """HE = H(HB; 0x02, K, K_{1,0}, …, K_{n,k−1})."""
    flat = [commitment for row in commitments for commitment in row]
    return hash_bytes(base, Domain.EXTENDED, key, *flat)


def ballot_hash(extended: bytes, station: str, contests: Contests) -> bytes:
    """χ = H(HE; 0x22, station, then per contest: its id, then each option's α, β)."""
    parts = [text(station)]
    for contest, selections in contests:
        parts.append(text(contest))
        for alpha, beta in selections:
            parts += (alpha, beta)
    return hash_bytes(extended, Domain.BALLOT, *parts)


def chain_start(extended: bytes, station: str, device: bytes, zero_report: bytes) -> bytes:
    """H_0 = H(HE; 0x24, station, the device's key, the zero report's hash)."""
    return hash_bytes(extended, Domain.CHAIN_START, text(station), device, zero_report)


def box_hash(extended: bytes, station: str, device: bytes) -> bytes:
    """H_D = H(HE; 0x27, station, the device's key): the key of a ballot's proofs and nonces."""
    return hash_bytes(extended, Domain.BOX, text(station), device)


def confirmation_code(extended: bytes, previous: bytes, ballot: bytes) -> bytes:
    """H_i = H(HE; 0x23, H_{i−1}, χ_i)."""
    return hash_bytes(extended, Domain.CONFIRMATION, previous, ballot)


def chain_close(extended: bytes, last: bytes, cast: int, challenged: int) -> bytes:
    """H_close = H(HE; 0x25, H_last, u32(cast), u32(challenged))."""
    return hash_bytes(extended, Domain.CHAIN_CLOSE, last, u32(cast), u32(challenged))


def tally_hash(
    extended: bytes,
    station: str,
    contests: Iterable[tuple[str, int, Sequence[tuple[bytes, bytes]]]],
) -> bytes:
    """H(HE; 0x32, station, then per contest: its id, u32(N_c), each option's α, β)."""
    parts = [text(station)]
    for contest, ballots, selections in contests:
        parts += (text(contest), u32(ballots))
        for alpha, beta in selections:
            parts += (alpha, beta)
    return hash_bytes(extended, Domain.TALLY, *parts)

"""Whether the E2E record holds what each electronic station's signed final report commits to:
`verify-results`' cheap look at the record before it calls a part of the total electronic
(docs/e2e.md, "Mixed-mode elections"; review S20 F11).

An E2E final report signs `e2e.chain_close` and `e2e.tally_hash` (docs/e2e.md §7, §8). Here each
such station's chain `e2e/ballots/<S>.jsonl` must be in the snapshot and close with the close
the report signs, and, once the record holds decrypted tallies (its manifest lists one), its
`e2e/tallies/<S>.json` must be there and its ciphertexts hash to the report's tally hash. Only
the hashes are computed: no proof, code or decryption is checked — that is `verify-election`'s
(V1–V20), which alone makes the electronic part verified end to end. A record that has no tally
yet (the guardians have not decrypted) is said to be so, not found wanting.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from sandogh.core.e2e.hashing import Domain, hash_bytes, text, u32
from sandogh.core.report.report import E2ECommitment
from sandogh.publish.findings import Check, Disagreement, Finding


class RecordState(StrEnum):
    """What the E2E record holds of the electronic stations' commitments."""

    NONE = ""  # no final report commits to a chain: nothing electronic to speak of
    PRESENT = "present"  # every chain and tally committed to, each with the hash committed
    UNDECRYPTED = "undecrypted"  # every chain; the record lists no decrypted tally yet
    INCOMPLETE = "incomplete"  # a file committed to is missing or differs (findings name it)


MISSING = "missing"  # `Finding.detail` of a file committed to that is not in the snapshot
DIFFERS = "differs"  # of one whose hash is not the one committed to


def check_e2e_record(check: Check, committed: Mapping[str, E2ECommitment]) -> RecordState:
    """Check the record of every station of `committed` (its final report's commitment),
    adding a finding for each file missing or differing."""
    if not committed:
        return RecordState.NONE
    before = len(check.found)
    folder = f"{check.folder}/e2e"
    manifest = _json(check.source.read(f"{folder}/manifest.json"))
    listed = {str(f.get("path")) for f in (manifest or {}).get("files", []) if isinstance(f, dict)}
    decrypted = any(path.startswith("tallies/") for path in listed)
    if manifest is None:
        check.found.append(_missing(check.election, f"{folder}/manifest.json", ""))
    stations = sorted(committed)
    chains = check.source.read_many(f"{folder}/ballots/{s}.jsonl" for s in stations)
    for station, (relative, data) in zip(stations, chains, strict=True):
        close = _close(data)
        signed = committed[station].chain_close
        _hold(check, station, relative, "chain_close", found=close, signed=signed)
    if decrypted:
        extended = _extended_hash(check, f"{folder}/election.json")
        tallies = check.source.read_many(f"{folder}/tallies/{s}.json" for s in stations)
        for station, (relative, data) in zip(stations, tallies, strict=True):
            hashed = _tally_hash(station, _json(data), extended) if data is not None else None
            signed = committed[station].tally_hash
            _hold(check, station, relative, "tally_hash", found=hashed, signed=signed)
    if len(check.found) > before:
        return RecordState.INCOMPLETE
    return RecordState.PRESENT if decrypted else RecordState.UNDECRYPTED


def _hold(
    check: Check, station: str, relative: str, figure: str, *, found: str | None, signed: str
) -> None:
    """`found`: the file's hash, "" when it does not read as such a file, None when absent."""
    if found is None:
        check.found.append(_missing(station, relative, figure))
    elif found != signed:
        shown = found or "—"
        check.found.append(
            Finding(Disagreement.E2E_RECORD, station, relative, figure, shown, signed, DIFFERS)
        )


def _missing(where: str, relative: str, figure: str) -> Finding:
    return Finding(Disagreement.E2E_RECORD, where, relative, figure, detail=MISSING)


def _json(data: bytes | None) -> Any:
    if data is None:
        return None
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _close(data: bytes | None) -> str | None:
    """The close a chain file's last line states; "" when it states none."""
    if data is None:
        return None
    last = _json(data.rstrip(b"\n").rpartition(b"\n")[2])
    close = last.get("close") if isinstance(last, dict) else None
    return close if isinstance(close, str) else ""


def _extended_hash(check: Check, relative: str) -> bytes | None:
    """HE from the record's election.json: the key of the tally hash (None, a finding: absent)."""
    data = check.source.read(relative)
    if data is None:
        check.found.append(_missing(check.election, relative, "extended_hash"))
        return None
    try:
        return bytes.fromhex(str((_json(data) or {})["extended_hash"]))
    except (KeyError, TypeError, ValueError):
        return None


def _tally_hash(station: str, tally: Any, extended: bytes | None) -> str:
    """The station tally hash of a tally file (docs/e2e.md §8); "" when it cannot be computed."""
    if extended is None:
        return ""
    try:
        parts = [text(station)]
        for contest in tally["contests"]:
            parts += (text(str(contest["contest"])), u32(int(contest["ballots"])))
            for option in contest["options"]:
                parts += (bytes.fromhex(option["alpha"]), bytes.fromhex(option["beta"]))
    except (KeyError, TypeError, ValueError):
        return ""
    return hash_bytes(extended, Domain.TALLY, *parts).hex()

"""The record form of an encrypted ballot (`docs/e2e.md` §6), written and read strictly.

`{"station": S, "contests": [{"contest": C, "selections": [{"option": O, "alpha": el, "beta":
el, "proof": {"c": [sc…], "v": [sc…]}}, …], "proof": {"c": […], "v": […]}}]}`, el and sc being
§0's lower-case hex of an element or a scalar; a large contest (§11.3) is `{"contest": C,
"slots": [[BIT × k] × L], "sum": [BIT × k]}` with BIT `{"alpha": el, "beta": el, "proof":
{"c": [sc, sc], "v": [sc, sc]}}`, read as such when it has `slots`. Reading names every
problem with its path and refuses what a verifier must never compute with: a non-canonical
element, a scalar ≥ q, hex of another length or case, a key missing or unknown. Whether the
ballot fits its station, and its proofs, is `ballot.check_ballot`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ContestEncryption, EncryptedBallot
from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.range_proof import RangeProof
from sandogh.core.e2e.selection_vector import EncryptedContest, EncryptedSelection
from sandogh.core.e2e.slots import Bit, SlotContest
from sandogh.core.errors import SandoghError
from sandogh.core.report.json_reader import Reader

_HEX = re.compile(r"[0-9a-f]{64}")
_BALLOT = frozenset({"station", "contests"})
_CONTEST = frozenset({"contest", "selections", "proof"})
_SLOT_CONTEST = frozenset({"contest", "slots", "sum"})
_SELECTION = frozenset({"option", "alpha", "beta", "proof"})
_BIT = frozenset({"alpha", "beta", "proof"})
_PROOF = frozenset({"c", "v"})


class BallotFormatError(SandoghError):
    """A ballot's JSON that is not of the record form; `problems` names every part wrong."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"not an encrypted ballot: {details}{more}")


def ballot_to_json(ballot: EncryptedBallot) -> dict[str, JSONValue]:
    """The record form of `ballot`, for canonical JSON."""
    return {"station": ballot.station, "contests": [_contest_json(c) for c in ballot.contests]}


def _contest_json(contest: ContestEncryption) -> dict[str, JSONValue]:
    if isinstance(contest, SlotContest):
        return {
            "contest": contest.contest,
            "slots": [[_bit_json(b) for b in bits] for bits in contest.gaps],
            "sum": [_bit_json(b) for b in contest.total],
        }
    return {
        "contest": contest.contest,
        "selections": [
            {"option": s.option, **_bit_json(Bit(s.ciphertext, s.proof))}
            for s in contest.selections
        ],
        "proof": proof_to_json(contest.proof),
    }


def _bit_json(bit: Bit) -> dict[str, JSONValue]:
    return {
        "alpha": bit.ciphertext.alpha.hex(),
        "beta": bit.ciphertext.beta.hex(),
        "proof": proof_to_json(bit.proof),
    }


def proof_to_json(proof: RangeProof) -> dict[str, JSONValue]:
    """{"c": [sc…], "v": [sc…]}: each scalar as 32 bytes big-endian in hex (§0)."""
    return {
        "c": [c.to_bytes(Group.scalar_size, "big").hex() for c in proof.c],
        "v": [v.to_bytes(Group.scalar_size, "big").hex() for v in proof.v],
    }


def ballot_from_json(group: Group, value: object) -> EncryptedBallot:
    """The ballot `value` (parsed JSON) holds, or `BallotFormatError` naming every problem."""
    reader = _BallotReader(group)
    ballot = reader.ballot(value)
    if reader.problems or ballot is None:
        raise BallotFormatError(reader.problems)
    return ballot


class _BallotReader(Reader):
    """A `Reader` that knows elements and scalars of `group`."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group

    def ballot(self, value: object) -> EncryptedBallot | None:
        document = self.fields(value, "", _BALLOT)
        if document is None:
            return None
        station = self.text(document["station"], "station")
        contests = [
            self.contest(item, f"contests[{i}]")
            for i, item in enumerate(self.items(document["contests"], "contests"))
        ]
        return EncryptedBallot(station, tuple(c for c in contests if c is not None))

    def contest(self, value: object, path: str) -> ContestEncryption | None:
        if isinstance(value, dict) and "slots" in value:
            return self.slot_contest(value, path)
        document = self.fields(value, path, _CONTEST)
        if document is None:
            return None
        name = self.text(document["contest"], f"{path}.contest")
        selections = [
            self.selection(item, f"{path}.selections[{j}]")
            for j, item in enumerate(self.items(document["selections"], f"{path}.selections"))
        ]
        proof = self.proof(document["proof"], f"{path}.proof")
        return EncryptedContest(name, tuple(s for s in selections if s is not None), proof)

    def slot_contest(self, value: object, path: str) -> SlotContest | None:
        document = self.fields(value, path, _SLOT_CONTEST)
        if document is None:
            return None
        name = self.text(document["contest"], f"{path}.contest")
        gaps = tuple(
            self.bits(item, f"{path}.slots[{j}]")
            for j, item in enumerate(self.items(document["slots"], f"{path}.slots"))
        )
        return SlotContest(name, gaps, self.bits(document["sum"], f"{path}.sum"))

    def bits(self, value: object, path: str) -> tuple[Bit, ...]:
        found = []
        for i, item in enumerate(self.items(value, path)):
            document = self.fields(item, f"{path}[{i}]", _BIT)
            if document is not None:
                found.append(self.bit(document, f"{path}[{i}]"))
        return tuple(found)

    def bit(self, document: Mapping[str, object], path: str) -> Bit:
        return Bit(
            Ciphertext(
                self.element(document["alpha"], f"{path}.alpha"),
                self.element(document["beta"], f"{path}.beta"),
            ),
            self.proof(document["proof"], f"{path}.proof"),
        )

    def selection(self, value: object, path: str) -> EncryptedSelection | None:
        document = self.fields(value, path, _SELECTION)
        if document is None:
            return None
        option = document["option"]
        if not isinstance(option, str):
            self.problem(f"{path}.option", 'must be a string ("" for the blank indicator)')
            option = ""
        elif option:
            option = self.text(option, f"{path}.option")
        bit = self.bit(document, path)
        return EncryptedSelection(option, bit.ciphertext, bit.proof)

    def proof(self, value: object, path: str) -> RangeProof:
        document = self.fields(value, path, _PROOF)
        if document is None:
            return RangeProof((), ())
        return RangeProof(
            tuple(
                self.scalar(s, f"{path}.c[{j}]")
                for j, s in enumerate(self.items(document["c"], f"{path}.c"))
            ),
            tuple(
                self.scalar(s, f"{path}.v[{j}]")
                for j, s in enumerate(self.items(document["v"], f"{path}.v"))
            ),
        )

    def items(self, value: object, path: str) -> list[object]:
        if not isinstance(value, list):
            self.problem(path, "must be a list")
            return []
        return value

    def element(self, value: object, path: str) -> bytes:
        data = self._hex(value, path)
        if data is not None and not self.group.is_element(data):
            self.problem(path, f"not an element of {self.group.name}")
        return data or self.group.identity

    def scalar(self, value: object, path: str) -> int:
        data = self._hex(value, path)
        if data is None:
            return 0
        number = int.from_bytes(data, "big")
        if number >= self.group.q:
            self.problem(path, f"not a scalar of {self.group.name} (not below q)")
            return 0
        return number

    def _hex(self, value: object, path: str) -> bytes | None:
        if not isinstance(value, str) or _HEX.fullmatch(value) is None:
            self.problem(path, "must be 64 lower-case hex digits")
            return None
        return bytes.fromhex(value)

"""The cast-vote record (CVR): what one voter chose on one ballot, and the digest of a station's.

DESIGN.md §3, secrecy by construction: a record holds the choices and nothing else: no identity,
no time, no sequence, so records can be stored and counted in any order without revealing the order
of voting. `reference/iran-election-rules.md` (The electronic ballot box): per contest the voter
types candidate codes or presses the blank key; a multi-seat ballot names up to as many candidates
as seats, none twice. Seats and candidates belong to the station's ballot (`report.ballot`).

Canonical form of a record: the JSON object `{contest: [codes]}` in canonical JSON
(`report.canonical_json`), codes sorted, a blank vote `[]`; e.g. `{"parliament":["31","33"],
"president":["21"]}`. The order in which the voter typed the codes is not kept: it is no part of
the vote, and an order could mark a ballot.

CVR digest of a station (format `sandogh/cvr-digest@1`): with h(r) = SHA-256(canonical form of r),
the digest is SHA-256 of the ASCII line `sandogh/cvr-digest@1\\n`, then the number of records as
8 bytes big-endian, then every h(r) (32 bytes each, so no separator is needed) sorted in
ascending byte order, written `sha256:` + hex. It depends on the multiset of records only, and
anyone holding the records can recompute it. DESIGN.md §7: end-to-end verifiability attaches here;
encrypted ballots can be digested the same way from their own canonical bytes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.errors import RecordError
from sandogh.core.report.json_reader import Reader

DIGEST_FORMAT = b"sandogh/cvr-digest@1\n"


@dataclass(frozen=True)
class Choice:
    """The codes chosen in one contest, held sorted; no codes is a blank vote (رای سفید)."""

    contest: str
    codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        reader = Reader()
        reader.text(self.contest, "contest")
        for i, code in enumerate(self.codes):
            reader.text(code, f"codes[{i}]")
        problems = reader.problems
        problems.extend(
            Problem("codes", f"{code} is chosen {n} times")
            for code, n in Counter(self.codes).items()
            if n > 1
        )
        if problems:
            raise RecordError(problems)
        object.__setattr__(self, "codes", tuple(sorted(self.codes)))

    @property
    def blank(self) -> bool:
        return not self.codes


@dataclass(frozen=True)
class CastVoteRecord:
    """One ballot: a choice in each contest the voter's ballot card allowed, held by contest."""

    choices: tuple[Choice, ...]

    def __post_init__(self) -> None:
        problems = [] if self.choices else [Problem("choices", "a ballot chooses in some contest")]
        problems.extend(
            Problem(f"choices[{contest}]", f"the contest is named {n} times")
            for contest, n in Counter(c.contest for c in self.choices).items()
            if n > 1
        )
        if problems:
            raise RecordError(problems)
        object.__setattr__(self, "choices", tuple(sorted(self.choices, key=_by_contest)))


def _by_contest(choice: Choice) -> str:
    return choice.contest


def encode_record(record: CastVoteRecord) -> bytes:
    """The canonical form of `record` (see the module docstring)."""
    return canonical_json({choice.contest: list(choice.codes) for choice in record.choices})


def decode_record(data: bytes) -> CastVoteRecord:
    """The record whose canonical form is `data`; anything else raises `RecordError`."""
    reader = Reader()
    parsed = reader.parse(data)
    document = None if reader.problems else reader.mapping(parsed, "")
    choices: list[Choice] = []
    for contest, codes in (document or {}).items():
        path = f"choices[{contest}]"
        if not isinstance(codes, list):
            reader.problem(path, "must be a list of codes")
            continue
        before = len(reader.problems)
        texts = tuple(reader.text(code, f"{path}.codes[{i}]") for i, code in enumerate(codes))
        if len(reader.problems) > before:
            continue
        try:
            choices.append(Choice(contest, texts))
        except RecordError as error:
            reader.problems.extend(Problem(f"{path}.{p.path}", p.message) for p in error.problems)
    if not reader.problems:
        record = CastVoteRecord(tuple(choices))
        reader.require_canonical(encode_record(record), data)
        if not reader.problems:
            return record
    raise RecordError(reader.problems)


def cvr_digest(records: Iterable[CastVoteRecord]) -> str:
    """The digest of a station's records, whatever their order (see the module docstring)."""
    hashes = sorted(hashlib.sha256(encode_record(record)).digest() for record in records)
    return sha256_text(DIGEST_FORMAT + len(hashes).to_bytes(8, "big") + b"".join(hashes))

"""A candidacy step as the JSON object the store keeps and the event log's details carry.

Each step of `core.candidacy.process`, the publication of a final list, the commitment to the code
draw's secret and the code draw is kept as
one row (`kind` and this object), in the order recorded, never changed: the files are a fold of
them. The applicant's personal data and an authority's reasons stay in the row, out of the log's
details (`log_details`), which carry the digest of the whole record instead.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.draw import CodeDraw, DrawnCode
from sandogh.core.candidacy.draw_commitment import DrawCommitment
from sandogh.core.candidacy.process import (
    Answer,
    Authority,
    Board,
    Decision,
    Inquiry,
    Objection,
    Outcome,
    Registration,
    Step,
    Withdrew,
)
from sandogh.core.canonical_json import JSONValue, canonical_json


@dataclass(frozen=True)
class Published:
    """A final list as published: its applicants by number, on its day, by whom."""

    contest: str
    applicants: tuple[int, ...]
    day: datetime.date
    by: str


Record = Step | Published | CodeDraw | DrawCommitment

KINDS: dict[type, str] = {
    Registration: "registration",
    Inquiry: "inquiry",
    Answer: "answer",
    Decision: "decision",
    Objection: "objection",
    Withdrew: "withdrawal",
    Published: "published",
    CodeDraw: "draw",
    DrawCommitment: "draw-commitment",
}


def kind_of(record: Record) -> str:
    return KINDS[type(record)]


def record_json(record: Record) -> dict[str, JSONValue]:
    found: dict[str, JSONValue]
    match record:
        case Registration():
            p = record.person
            found = {
                "applicant": record.applicant,
                "contest": record.contest,
                "constituency": record.constituency,
                "day": record.day.isoformat(),
                "national_code": p.national_code,
                "name": {"fa": p.name_fa, "en": p.name_en},
                "birth_date": p.birth_date.isoformat(),
                "education": p.education.value,
                "resident_since": None
                if p.resident_since is None
                else p.resident_since.isoformat(),
                "documents": dict(p.documents),
            }
        case Inquiry():
            found = {
                "applicant": record.applicant,
                "authority": record.authority.value,
                "day": record.day.isoformat(),
            }
        case Answer():
            found = {
                "applicant": record.applicant,
                "authority": record.authority.value,
                "answer_id": record.answer_id,
                "clear": record.clear,
                "reason": record.reason,
                "day": record.day.isoformat(),
            }
        case Decision():
            found = {
                "applicant": record.applicant,
                "board": record.board.value,
                "outcome": record.outcome.value,
                "article": record.article,
                "reason": record.reason,
                "by": record.by,
                "members": list(record.members),
                "day": record.day.isoformat(),
                "on_objection": record.on_objection,
            }
        case Objection():
            found = {
                "applicant": record.applicant,
                "grounds": record.grounds,
                "day": record.day.isoformat(),
            }
        case Withdrew():
            found = {"applicant": record.applicant, "day": record.day.isoformat()}
        case Published():
            found = {
                "contest": record.contest,
                "applicants": list(record.applicants),
                "day": record.day.isoformat(),
                "by": record.by,
            }
        case CodeDraw():
            found = {
                "contest": record.contest,
                "seed": record.seed,
                "drawn_by": list(record.drawn_by),
                "codes": [
                    {"applicant": c.applicant, "constituency": c.constituency, "code": c.code}
                    for c in record.codes
                ],
            }
            if record.pool:  # written only when set, so a draw recorded before it reads the same
                found["pool"] = list(record.pool)
            if record.secret:  # likewise
                found["secret"] = record.secret
        case DrawCommitment():
            found = {
                "contest": record.contest,
                "commitment": record.commitment,
                "day": record.day.isoformat(),
                "by": record.by,
            }
    return found


#: What the event log, which anyone may export, does not show: the applicant's personal data and
#: what an authority said of them. The `digest` of the whole record binds them all the same.
PRIVATE: dict[str, tuple[str, ...]] = {
    "registration": ("national_code", "birth_date", "resident_since", "documents"),
    "answer": ("reason",),
}


def log_details(record: Record) -> dict[str, JSONValue]:
    """What the event log says of a record: all but its private fields, and the SHA-256 of the
    canonical JSON of the whole record, so that a stored record that differs does not match."""
    whole = record_json(record)
    shown = {k: v for k, v in whole.items() if k not in PRIVATE.get(kind_of(record), ())}
    return {**shown, "digest": hashlib.sha256(canonical_json(whole)).hexdigest()}


def record_of(kind: str, data: Mapping[str, JSONValue]) -> Record:
    """The record of a stored row (written by `record_json`, so trusted)."""
    d = cast(dict[str, object], data)

    def day(name: str = "day") -> datetime.date:
        return datetime.date.fromisoformat(cast(str, d[name]))

    found: Record
    match kind:
        case "registration":
            name = cast(dict[str, str], d["name"])
            since = d["resident_since"]
            person = Applicant(
                cast(str, d["national_code"]),
                name["fa"],
                name["en"],
                day("birth_date"),
                Education(cast(str, d["education"])),
                None if since is None else datetime.date.fromisoformat(cast(str, since)),
                tuple(sorted(cast(dict[str, str], d["documents"]).items())),
            )
            found = Registration(
                cast(int, d["applicant"]),
                cast(str, d["contest"]),
                cast(str, d["constituency"]),
                person,
                day(),
            )
        case "inquiry":
            found = Inquiry(cast(int, d["applicant"]), Authority(cast(str, d["authority"])), day())
        case "answer":
            found = Answer(
                cast(int, d["applicant"]),
                Authority(cast(str, d["authority"])),
                cast(str, d["answer_id"]),
                cast(bool, d["clear"]),
                cast(str, d["reason"]),
                day(),
            )
        case "decision":
            found = Decision(
                cast(int, d["applicant"]),
                Board(cast(str, d["board"])),
                Outcome(cast(str, d["outcome"])),
                cast(str, d["article"]),
                cast(str, d["reason"]),
                cast(str, d["by"]),
                tuple(cast(list[str], d["members"])),
                day(),
                cast(bool, d["on_objection"]),
            )
        case "objection":
            found = Objection(cast(int, d["applicant"]), cast(str, d["grounds"]), day())
        case "withdrawal":
            found = Withdrew(cast(int, d["applicant"]), day())
        case "published":
            found = Published(
                cast(str, d["contest"]),
                tuple(cast(list[int], d["applicants"])),
                day(),
                cast(str, d["by"]),
            )
        case "draw":
            codes = cast(list[dict[str, object]], d["codes"])
            found = CodeDraw(
                cast(str, d["contest"]),
                cast(str, d["seed"]),
                tuple(cast(list[str], d["drawn_by"])),
                tuple(
                    DrawnCode(
                        cast(int, c["applicant"]),
                        cast(str, c["constituency"]),
                        cast(str, c["code"]),
                    )
                    for c in codes
                ),
                tuple(cast(list[str], d.get("pool", []))),
                cast(str, d.get("secret", "")),
            )
        case "draw-commitment":
            found = DrawCommitment(
                cast(str, d["contest"]), cast(str, d["commitment"]), day(), cast(str, d["by"])
            )
        case _:
            raise ValueError(f"unknown candidacy record kind {kind!r}")
    return found

"""Certifying a contest's result, and what a certification freezes.

`reference/iran-election-rules.md` (Who approves) and `seed-facts.md`: the supervisory boards
approve, or not, the conduct and results of each constituency (تأیید صحت انتخابات); the 2024 runoff
was certified two days after the vote. Issue 4: certifying freezes the inputs — no report, import
or void may then touch the contest's sheets in the certified constituency (or the whole contest)
until the certification is undone (`core.access.may_undo_certification`).

The certification keeps the SHA-256 of what it froze, so anyone can recompute it: the canonical
JSON (`core.canonical_json`, RFC 8785) of

    {"election": id, "definition_hash": "sha256:…", "contest": id, "constituency": id | null,
     "sheets": [{"station": code, <each figure of core.counting.tally.FIGURES>: n,
                 "invalid": {kind: n, …}, "votes": {code: n, …}}, …],   (by station)
     "voids": [<core.supervision.voids.void_json>, …],                    (in decision order)
     "corrections": [<core.supervision.corrections.correction_json>, …],   (by constituency)
     "lots": [<core.rules.settled.settled_json>, …],                        (in recorded order)
     "withdrawals": [<core.candidacy.withdrawal.withdrawal_json>, …]}      (in recorded order)

with the station sheets as reported (before voids), the voids touching the scope and the
certified hand-count corrections of its constituencies (issue 11), the lots drawn for its ties and
the withdrawals of its candidates (issue 12: a lot or a withdrawal decides the outcome as much as
the counts do; each of these keys is left out when there is none, so a digest made before they
existed reads the same), written as
`core.report.digests` writes digests: `sha256:` and 64 lowercase hex digits. Certifying a
constituency after a hand-count correction so certifies the corrected figures.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter

from sandogh.core.access.roles import Grant
from sandogh.core.candidacy.withdrawal import Withdrawal, withdrawal_json
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.counting.tally import FIGURES, LATER_KINDS, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.rules.settled import SettledLot, settled_json
from sandogh.core.supervision.corrections import HandCountCorrection, correction_json
from sandogh.core.supervision.voids import (
    CandidateVoid,
    ConstituencyVoid,
    StationVoid,
    Void,
    contest_of,
    void_json,
    worded,
)


@dataclass(frozen=True)
class Certification:
    """A contest's result certified, in one constituency or (`constituency` None) all of them.

    `grant` is the one the certifier acted under: `core.access.may_undo_certification` says who
    undoes it. `reason` and `reference` are the board's words and the reference of its decision
    (its minutes, its letter), held to `decision_problems`; blank only in a certification made
    before they were asked.
    """

    election: str
    contest: str
    constituency: str | None
    by: str
    grant: Grant
    at: datetime.datetime
    digest: str
    reason: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Undoing:
    """A certification undone: by whom, in which role (`core.access.Role`'s value) and place,
    when, why and by which decision of the board. The certification stays on record, published
    with its undoing; it no longer freezes anything nor makes an outcome final.
    """

    certification: Certification
    by: str
    role: str
    place: str
    at: datetime.datetime
    reason: str
    reference: str = ""  # blank only in an undoing made before it was asked


class CertificationDecisionError(DefinitionError):
    """A certification, or its undoing, that does not say why in words or by which decision of
    the board; `problems` names each field (`reason`, `reference`), in Persian too."""


_WORDS_FA = {
    ("reason", False): "دلیل تأیید صحت باید با کلمات نوشته شود، نه خالی یا فقط نشانه",
    ("reason", True): "دلیل لغو تأیید صحت باید با کلمات نوشته شود، نه خالی یا فقط نشانه",
    ("reference", False): "شماره تصمیم هیئت نظارت باید داده شود، با حرف یا رقم، نه فقط نشانه",
}


def decision_problems(reason: str, reference: str, *, undoing: bool = False) -> list[Problem]:
    """What keeps a certification (or, `undoing`, its undoing) from saying why in words and by
    which decision of the board: as a void, a letter in the reason, a letter or digit in the
    reference (`core.supervision.voids.worded`)."""
    what = "an undoing of a certification" if undoing else "a certification"
    return [
        Problem(
            name,
            f"must be given in words: {what} names why and by which decision of the board",
            fa=_WORDS_FA[name, undoing and name == "reason"],
        )
        for name, text, numbers in (("reason", reason, False), ("reference", reference, True))
        if not worded(text, numbers)
    ]


def require_decision(reason: str, reference: str, *, undoing: bool = False) -> None:
    """Raise `CertificationDecisionError` with every problem of `decision_problems`."""
    problems = decision_problems(reason, reference, undoing=undoing)
    if problems:
        raise CertificationDecisionError(problems)


def scope_problems(geography: Geography, contest: str, constituency: str | None) -> list[Problem]:
    """Why (contest, constituency) names nothing to certify in the election, if it does not."""
    defined = contest_of(geography, contest)
    if defined is None:
        return [Problem("contest", f"the election has no contest {contest!r}")]
    if constituency is not None and constituency not in {k.id for k in defined.constituencies}:
        return [Problem("constituency", f"contest {contest} has no {constituency!r}")]
    return []


def scope_units(geography: Geography, contest: str, constituency: str | None) -> tuple[str, ...]:
    """The units a certifier's grant must cover: those the constituency (or every constituency
    of the contest) is made of."""
    defined = contest_of(geography, contest)
    if defined is None:
        return ()
    return tuple(
        unit
        for k in defined.constituencies
        if constituency in (None, k.id)
        for unit in geography.constituency_parts(contest, k.id)
    )


def in_scope(
    geography: Geography, contest: str, constituency: str | None, station: str, of: str
) -> bool:
    """Whether the sheet of `station` for contest `of` lies in (contest, constituency)."""
    if of != contest or station not in geography:
        return False
    where = geography.constituency_of(contest, station)
    return where is not None and constituency in (None, where)


def freezes_sheet(
    geography: Geography, certification: Certification, station: str, contest: str
) -> bool:
    return in_scope(geography, certification.contest, certification.constituency, station, contest)


def touches(geography: Geography, void: Void, contest: str, constituency: str | None) -> bool:
    """Whether `void` changes any sheet of (contest, constituency), now or when it arrives."""
    match void:
        case StationVoid():
            return void.contest in (None, contest) and in_scope(
                geography, contest, constituency, void.station, contest
            )
        case CandidateVoid():
            return any(
                in_scope(geography, contest, constituency, station, void.contest)
                for station in void.stations
            )
        case ConstituencyVoid():
            return void.contest == contest and constituency in (None, void.constituency)


def input_digest(
    geography: Geography,
    definition_hash: str,
    contest: str,
    constituency: str | None,
    *,
    sheets: Iterable[TallySheet],
    voids: Iterable[Void],
    corrections: Iterable[HandCountCorrection] = (),
    lots: Iterable[SettledLot] = (),
    withdrawals: Iterable[Withdrawal] = (),
) -> str:
    """The digest of the sheets (as reported), voids, hand-count corrections, lots and
    withdrawals of (contest, constituency)."""
    record: dict[str, JSONValue] = {
        "election": geography.election.id,
        "definition_hash": definition_hash,
        "contest": contest,
        "constituency": constituency,
        "sheets": [
            sheet_json(sheet)
            for sheet in sorted(_of_scope(geography, contest, constituency, sheets), key=_station)
        ],
        "voids": [void_json(v) for v in voids if touches(geography, v, contest, constituency)],
    }
    corrected = sorted(
        (c for c in corrections if c.contest == contest and constituency in (None, c.constituency)),
        key=lambda c: c.constituency,
    )
    if corrected:
        record["corrections"] = [correction_json(c) for c in corrected]
    drawn: list[JSONValue] = [
        settled_json(lot) for lot in lots if _covers(contest, constituency, lot)
    ]
    if drawn:
        record["lots"] = drawn
    withdrawn: list[JSONValue] = [withdrawal_json(w) for w in withdrawals if w.contest == contest]
    if withdrawn:
        record["withdrawals"] = withdrawn
    return "sha256:" + hashlib.sha256(canonical_json(record)).hexdigest()


def _of_scope(
    geography: Geography, contest: str, constituency: str | None, sheets: Iterable[TallySheet]
) -> Iterator[TallySheet]:
    """Those of `sheets` that `in_scope` keeps, with the contest's constituencies looked up
    once: the digest of a national contest filters 58,640 sheets or more."""
    member: Mapping[str, str] | None = None  # units of the geography only
    for sheet in sheets:
        if sheet.contest != contest:
            continue
        if member is None:  # looked up as `in_scope` does, once a sheet of the contest comes
            member = geography.constituency_map(contest)
        where = member.get(sheet.station)
        if where is not None and constituency in (None, where):
            yield sheet


_station = attrgetter("station")
_figures = attrgetter(*FIGURES)


def sheet_json(sheet: TallySheet) -> JSONValue:
    """A sheet as the digest writes it."""
    counts = sheet.counts
    return {
        "station": sheet.station,
        **dict(zip(FIGURES, _figures(counts), strict=True)),
        # a later kind at 0 is left out, as before it existed: a digest taken then still holds
        "invalid": {k.value: n for k, n in counts.invalid.items() if n or k not in LATER_KINDS},
        "votes": dict(counts.votes),
    }


def certified_over(
    certifications: Iterable[Certification], contest: str, constituency: str | None
) -> Iterator[Certification]:
    """The certifications that already cover (contest, constituency): the same scope, or the
    whole contest."""
    for c in certifications:
        if c.contest == contest and c.constituency in (None, constituency):
            yield c


def _covers(contest: str, constituency: str | None, lot: SettledLot) -> bool:
    return lot.contest == contest and constituency in (None, lot.constituency)

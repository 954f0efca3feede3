"""`candidacy.json`: the final lists, the boards' decisions and the code draw of an election,
published, and `verify-results` redoing the draw from them (issue 12 §1; the review's F15).

The law publishes the final list with its date and each candidate's code (reference
iran-candidacy.md §2.1 item 12, §6); a decision not to qualify is notified to the applicant, not
published by name. So the file (`sandogh/candidacy@1`, docs/publish.md) gives, per contest: each
final list as published — its day (ISO and Jalali) and the qualified by applicant number,
constituency and name; every board's decision by applicant number and constituency only — board,
outcome, article cited, day, whether it decided an objection; each objection's day and outcome;
the listed candidates' withdrawals before the draw; the commitment to the code draw's secret — its
hash, by whom, its day and how many lists were published before it (0); and the code draw — seed,
the secret it revealed, who drew, the pool, the list it drew from and the codes given in drawn
order. Never a national code, birth date,
residence, education, document, an authority's answer, a board's reasons or an objection's
grounds: those stay in the store (`core.candidacy.records.PRIVATE` keeps some out of the log too).

`check_candidacy` redoes every draw with `core.candidacy.draw.draw_codes` from the seed, the list
it names less those who withdrew, and the pool, and holds the published codes and
`definition.json`'s candidates of the contest (less those withdrawn before printing in
`supervision.json`) to it; the codes' zero-padded width is not recorded and is read off the codes
published (the shortest, the first drawn's). It also checks the reveal: the secret hashes to the
commitment, the seed is the secret's and the list's, and the commitment came before the first
list (docs/lots.md §5). The file is attested by the log key with
`supervision.json` (`publish.log_anchor.ATTESTED`).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.draw import CodeDraw, draw_codes
from sandogh.core.candidacy.draw_commitment import DrawCommitment, reveal_problems
from sandogh.core.candidacy.process import (
    Candidacy,
    Decision,
    Objection,
    Registration,
    Withdrew,
)
from sandogh.core.candidacy.records import Published, Record
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.definition.model import Election
from sandogh.core.errors import SandoghError
from sandogh.locale import jalali_iso
from sandogh.publish.findings import Check, Disagreement, Finding
from sandogh.publish.index import JSONObject
from sandogh.publish.supervision_file import SupervisionFileError, read_supervision

FORMAT = "sandogh/candidacy@1"
FILE = "candidacy.json"


def _day(day: datetime.date) -> JSONObject:
    return {"day": day.isoformat(), "day_jalali": jalali_iso(day)}


def candidacy_json(election_id: str, records: Iterable[Record]) -> JSONObject:
    """`candidacy.json` from the election's candidacy records in the order recorded."""
    every = list(records)
    registered = {r.applicant: r for r in every if isinstance(r, Registration)}
    contests: dict[str, dict[str, Any]] = {}

    def entry(contest: str) -> dict[str, Any]:
        return contests.setdefault(
            contest,
            {
                "contest": contest,
                "lists": [],
                "decisions": [],
                "objections": [],
                "withdrawals": [],
                "commitment": None,
                "draw": None,
            },
        )

    def named(applicant: int) -> JSONObject:
        person = registered[applicant].person
        return {
            "applicant": applicant,
            "constituency": registered[applicant].constituency,
            "name": {"fa": person.name_fa, "en": person.name_en},
        }

    for r in sorted(registered.values(), key=lambda r: r.applicant):
        entry(r.contest)
    outcomes = {r.applicant: r.outcome for r in every if isinstance(r, Decision) and r.on_objection}
    for record in every:
        match record:
            case Decision():
                at = registered[record.applicant]
                entry(at.contest)["decisions"].append(
                    {
                        "applicant": record.applicant,
                        "constituency": at.constituency,
                        "board": record.board.value,
                        "outcome": record.outcome.value,
                        "article": record.article,
                        **_day(record.day),
                        "on_objection": record.on_objection,
                    }
                )
            case Objection():
                outcome = outcomes.get(record.applicant)
                entry(registered[record.applicant].contest)["objections"].append(
                    {
                        "applicant": record.applicant,
                        **_day(record.day),
                        "outcome": None if outcome is None else outcome.value,
                    }
                )
            case Withdrew():
                entry(registered[record.applicant].contest)["withdrawals"].append(
                    {**named(record.applicant), **_day(record.day)}
                )
            case Published():
                entry(record.contest)["lists"].append(
                    {
                        **_day(record.day),
                        "by": record.by,
                        "candidates": [named(n) for n in record.applicants],
                    }
                )
            case DrawCommitment():
                committed = entry(record.contest)
                committed["commitment"] = {
                    "commitment": record.commitment,
                    "by": record.by,
                    **_day(record.day),
                    "lists_before": len(committed["lists"]),  # 0: before the final list
                }
            case CodeDraw():
                drawn = entry(record.contest)
                drawn["draw"] = {
                    "list": len(drawn["lists"]) - 1,  # the last published before the draw
                    "seed": record.seed,
                    "secret": record.secret,
                    "drawn_by": list(record.drawn_by),
                    "pool": list(record.pool),
                    "codes": [{**named(c.applicant), "code": c.code} for c in record.codes],
                }
    return {
        "format": FORMAT,
        "election": election_id,
        "contests": [contests[c] for c in sorted(contests)],
    }


# ---- checking ---------------------------------------------------------------------------------


def _listed(contest: str, entry: Any) -> Candidacy:
    """A listed candidate as `draw_codes` takes one. It reads only the number and constituency;
    the rest of the file is personal data the snapshot rightly does not hold, left blank."""
    name = entry["name"]
    blank = Applicant("", str(name["fa"]), str(name["en"]), datetime.date.min, Education.LITERACY)
    registration = Registration(
        int(entry["applicant"]), contest, str(entry["constituency"]), blank, datetime.date.min
    )
    return Candidacy(registration)


def redrawn(contest: str, document: Any) -> tuple[CodeDraw, dict[int, Any]]:
    """The draw the published seed, list and pool give, and the list's people by number."""
    drawn = document["draw"]
    chosen = document["lists"][int(drawn["list"])]
    gone = {int(w["applicant"]) for w in document["withdrawals"]}
    people = {int(e["applicant"]): e for e in chosen["candidates"]}
    listed = tuple(_listed(contest, e) for n, e in people.items() if n not in gone)
    published = [str(c["code"]) for c in drawn["codes"]]
    pool = tuple(str(code) for code in drawn["pool"])
    width = min((len(code) for code in published), default=1)
    seed, by = str(drawn["seed"]), tuple(str(b) for b in drawn["drawn_by"])
    return draw_codes(contest, seed, by, listed, width, pool=pool), people


def check_candidacy(check: Check, election: Election) -> None:
    """Hold each contest's published draw, and the definition's candidates of every drawn
    contest, to the draw redone from the published seed, list and pool. Every disagreement is a
    finding naming the contest, with both lists as `code=applicant@constituency`."""
    relative = f"{check.folder}/{FILE}"
    data = check.source.read(relative)
    if data is None:
        return  # no candidacy recorded; an attested one dropped is `publish.decisions_check`'s
    document = check.parse(data, relative, check.election)
    if document is None:
        return
    before_printing = _withdrawn_before_printing(check)
    for i, contest in enumerate(document.get("contests") or []):
        where = f"contests[{i}]"
        try:
            if contest.get("draw") is None:
                continue
            name = str(contest["contest"])
            made, people = redrawn(name, contest)
            published = [
                (int(c["applicant"]), str(c["constituency"]), str(c["code"]), c["name"])
                for c in contest["draw"]["codes"]
            ]
            _check_commitment(check, name, contest, f"{where}.commitment", relative)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError, SandoghError) as error:
            detail = f"{where}: {error}"
            check.found.append(
                Finding(Disagreement.UNREADABLE, check.election, relative, detail=detail)
            )
            continue
        expected = [
            (c.applicant, c.constituency, c.code, people[c.applicant]["name"]) for c in made.codes
        ]
        check.documents += 1
        if published != expected:
            check.found.append(
                Finding(
                    Disagreement.CANDIDACY,
                    name,
                    relative,
                    f"{where}.draw.codes",
                    _codes(published),
                    _codes(expected),
                    "draw",
                )
            )
        gone = before_printing.get(name, set())
        _compare_definition(check, election, name, [e for e in expected if e[2] not in gone])


def _check_commitment(check: Check, name: str, contest: Any, where: str, relative: str) -> None:
    """The draw's secret hashes to the published commitment, the seed is the secret's and the
    list's (`core.candidacy.draw_commitment`), and the commitment came before the first final
    list (docs/lots.md §5). A draw without a commitment is a finding: its seed was chosen."""
    found: list[tuple[str, str, str]]
    committed, drawn = contest.get("commitment"), contest["draw"]
    if committed is None:
        found = [("", "", "a commitment recorded before the final list")]
    else:
        chosen = contest["lists"][int(drawn["list"])]
        listed = [int(e["applicant"]) for e in chosen["candidates"]]
        secret, seed = str(drawn.get("secret", "")), str(drawn["seed"])
        found = reveal_problems(str(committed["commitment"]), secret, name, listed, seed)
        first = contest["lists"][0]
        if int(committed["lists_before"]) != 0 or str(committed["day"]) > str(first["day"]):
            found.append(("day", str(committed["day"]), f"at most {first['day']}, before list 0"))
    for field, published, expected in found:
        figure = f"{where}.{field}" if field else where
        check.found.append(
            Finding(
                Disagreement.CANDIDACY, name, relative, figure, published, expected, "commitment"
            )
        )


def _codes(drawn: list[tuple[int, str, str, Any]]) -> str:
    return ", ".join(f"{code}={applicant}@{place}" for applicant, place, code, _ in drawn)


def _compare_definition(
    check: Check, election: Election, contest: str, expected: list[tuple[int, str, str, Any]]
) -> None:
    relative = f"{check.folder}/definition.json"
    found = next((c for c in election.contests if c.id == contest), None)
    defined = (
        []
        if found is None
        else sorted((c.code, c.constituency, c.name.fa, c.name.en) for c in found.candidates)
    )
    drawn = sorted((code, place, name["fa"], name["en"]) for _, place, code, name in expected)
    if defined != drawn:
        check.found.append(
            Finding(
                Disagreement.CANDIDACY,
                contest,
                relative,
                f"contests[{contest}].candidates",
                ", ".join(f"{c[0]} {c[3]}@{c[1]}" for c in defined),
                ", ".join(f"{c[0]} {c[3]}@{c[1]}" for c in drawn),
                "definition",
            )
        )


def _withdrawn_before_printing(check: Check) -> dict[str, set[str]]:
    """The codes left off the ballot after the draw, by contest (`supervision.json`); an
    unreadable file is reported where the totals read it."""
    data = check.source.read(f"{check.folder}/supervision.json")
    if data is None:
        return {}
    try:
        withdrawals = read_supervision(json.loads(data), check.election).withdrawals
    except (ValueError, SupervisionFileError):
        return {}
    gone: dict[str, set[str]] = {}
    for w in withdrawals:
        if w.printing is Printing.BEFORE:
            gone.setdefault(w.contest, set()).add(w.candidate)
    return gone

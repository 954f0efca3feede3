"""A small snapshot `data/` tree written by hand in the shapes of docs/publish.md.

Kerman's 2024 presidential election, both rounds, with the real province-wide figures of
`reference/seed-facts.md` and `examples/kerman-1403/figures.py` (round 2: 1,276,092 ballots cast,
Jalili 773,591, Pezeshkian 479,249, 2,324,254 eligible voters; round 1: 1,070,286 cast), spread
over a made-up tree of two counties and four stations. Three stations' figures are set here; the
fourth's are what remains of the real totals, so every total is the real one once all report.
The nation holds only Kerman, as in the example election.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Constituency, Name
from sandogh.core.definition.rule import PluralityRule
from sandogh.core.rules import Outcome, decide
from sandogh.publish.reasons import reasons_json, so_far_json

R1, R2 = "kerman-1403-r1", "kerman-1403-r2"
CONTEST = "president"
ELIGIBLE = 2_324_254
JALILI, PEZESHKIAN, GHALIBAF, POURMOHAMMADI = "21", "25", "33", "44"
CANDIDATES = {
    JALILI: {"fa": "سعید جلیلی", "en": "Saeed Jalili"},
    PEZESHKIAN: {"fa": "مسعود پزشکیان", "en": "Masoud Pezeshkian"},
    GHALIBAF: {"fa": "محمدباقر قالیباف", "en": "Mohammad Bagher Ghalibaf"},
    POURMOHAMMADI: {"fa": "مصطفی پورمحمدی", "en": "Mostafa Pourmohammadi"},
}
INVALID_KINDS = ("blank", "illegible", "non-candidate", "multiple-names")

NATION, PROVINCE, BAFT, KERMAN = "IR", "IR-08", "IR-08-0801", "IR-08-0808"
S1, S2, S3, S4 = "ST-0801-0001", "ST-0801-0002", "ST-0808-0001", "ST-0808-0002"
UNITS: dict[str, dict[str, Any]] = {
    NATION: {"kind": "nation", "name": {"fa": "ایران", "en": "Iran"}, "parent": None},
    PROVINCE: {"kind": "province", "name": {"fa": "کرمان", "en": "Kerman"}, "parent": NATION},
    BAFT: {"kind": "county", "name": {"fa": "بافت", "en": "Baft"}, "parent": PROVINCE},
    KERMAN: {"kind": "county", "name": {"fa": "کرمان", "en": "Kerman"}, "parent": PROVINCE},
    S1: {"kind": "station", "name": {"fa": "شعبه ۱ بافت", "en": "Baft station 1"}, "parent": BAFT},
    S2: {"kind": "station", "name": {"fa": "شعبه ۲ بافت", "en": "Baft station 2"}, "parent": BAFT},
    S3: {
        "kind": "station",
        "name": {"fa": "شعبه ۱ کرمان", "en": "Kerman station 1"},
        "parent": KERMAN,
    },
    S4: {
        "kind": "station",
        "name": {"fa": "شعبه ۲ کرمان", "en": "Kerman station 2"},
        "parent": KERMAN,
    },
}
STATION_INFO: dict[str, dict[str, Any]] = {
    S1: {
        "mobility": "fixed",
        "setting": "urban",
        "mode": "electronic",
        "hard_to_reach": False,
        "location": {"lat": "29.2522", "lon": "56.6202"},
    },
    S2: {
        "mobility": "mobile",
        "setting": "rural",
        "mode": "electronic",
        "hard_to_reach": True,
        "location": {"lat": "29.1874", "lon": "56.6710"},
    },
    S3: {
        "mobility": "fixed",
        "setting": "urban",
        "mode": "electronic",
        "hard_to_reach": False,
        "location": {"lat": "30.2839", "lon": "57.0834"},
    },
    S4: {
        "mobility": "fixed",
        "setting": "urban",
        "mode": "semi-electronic",
        "hard_to_reach": False,
        "location": None,
    },
}
STATION_ELIGIBLE = {S1: 600_000, S2: 24_254, S3: 1_200_000, S4: 500_000}


@dataclass(frozen=True)
class Tally:
    votes: dict[str, int]
    invalid: tuple[int, ...]  # blank, illegible, non-candidate, multiple names
    void: int = 0


def _remainder(total: Tally, *parts: Tally) -> Tally:
    return Tally(
        {code: n - sum(p.votes[code] for p in parts) for code, n in total.votes.items()},
        tuple(n - sum(p.invalid[i] for p in parts) for i, n in enumerate(total.invalid)),
    )


ROUND_2_TOTAL = Tally({JALILI: 773_591, PEZESHKIAN: 479_249}, (17_441, 2_326, 2_788, 697))
ROUND_1_TOTAL = Tally(
    {JALILI: 474_138, PEZESHKIAN: 326_019, GHALIBAF: 213_448, POURMOHAMMADI: 8_518},
    (36_122, 4_816, 5_780, 1_445),
)
_R2 = {
    S1: Tally({JALILI: 200_000, PEZESHKIAN: 100_000}, (5_000, 500, 600, 150), void=12),
    S2: Tally({JALILI: 10_000, PEZESHKIAN: 4_000}, (300, 50, 60, 10)),
    S3: Tally({JALILI: 400_000, PEZESHKIAN: 250_000}, (8_000, 1_200, 1_500, 400)),
}
_R1 = {
    S1: Tally(
        {JALILI: 120_000, PEZESHKIAN: 80_000, GHALIBAF: 50_000, POURMOHAMMADI: 2_000},
        (9_000, 1_200, 1_400, 300),
    ),
    S2: Tally(
        {JALILI: 6_000, PEZESHKIAN: 3_000, GHALIBAF: 1_500, POURMOHAMMADI: 100}, (400, 50, 60, 15)
    ),
    S3: Tally(
        {JALILI: 250_000, PEZESHKIAN: 170_000, GHALIBAF: 110_000, POURMOHAMMADI: 4_000},
        (18_000, 2_400, 2_900, 700),
    ),
}
TALLIES = {
    R1: {**_R1, S4: _remainder(ROUND_1_TOTAL, *_R1.values())},
    R2: {**_R2, S4: _remainder(ROUND_2_TOTAL, *_R2.values())},
}
NAMES = {
    R1: {"fa": "کرمان، انتخابات ریاست‌جمهوری، دور نخست", "en": "Kerman, presidential, round 1"},
    R2: {"fa": "کرمان، انتخابات ریاست‌جمهوری، دور دوم", "en": "Kerman, presidential, round 2"},
}
DATES = {R1: "2024-06-28", R2: "2024-07-05"}
PARTIAL, COMPLETE = "partial", "complete"
#: the round-2 states the tests write: stations reported, sequence, time
STATES = {
    PARTIAL: ((S1, S2, S3), 16, "2024-07-05T18:03:11+00:00"),
    COMPLETE: ((S1, S2, S3, S4), 17, "2024-07-05T20:40:00+00:00"),
}
ROUND_1_STATE = ((S1, S2, S3, S4), 40, "2024-07-01T09:00:00+00:00")
UNUSED, SPOILED = 1_000, 5
OPENED = "2024-07-05T04:30:00+00:00"  # 08:00 in Tehran: polls open, nothing reported


def stations_under(unit: str) -> list[str]:
    def above(code: str) -> list[str]:
        parent = UNITS[code]["parent"]
        return [code, *above(parent)] if parent else [code]

    return [code for code in (S1, S2, S3, S4) if unit in above(code)]


def _percent(share: Fraction) -> str:
    hundredths = share * 10_000
    whole, rest = divmod(hundredths.numerator, hundredths.denominator)
    whole += 2 * rest >= hundredths.denominator
    return f"{whole // 100}.{whole % 100:02d}"


def _share(part: int, whole: int) -> dict[str, str]:
    return {"share": f"{part}/{whole}", "percent": _percent(Fraction(part, whole))}


def _counts(election: str, stations: list[str], voided: tuple[str, ...] = ()) -> dict[str, Any]:
    """The figures of `stations`; those of `voided` with their box voided by a board: their
    ballots moved out of those cast into void (`core.supervision.apply`), their papers kept."""
    counted = [TALLIES[election][code] for code in stations if code not in voided]
    candidates = list(TALLIES[election][S1].votes)
    votes = {code: sum(t.votes[code] for t in counted) for code in candidates}
    invalid = {kind: sum(t.invalid[i] for t in counted) for i, kind in enumerate(INVALID_KINDS)}
    valid = sum(votes.values())
    cast = valid + sum(invalid.values())
    taken = sum(
        sum(t.votes.values()) + sum(t.invalid)
        for t in (TALLIES[election][code] for code in stations if code in voided)
    )
    void = sum(TALLIES[election][code].void for code in stations) + taken
    used = cast + void
    unused, spoiled = UNUSED * len(stations), SPOILED * len(stations)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    return {
        "papers": {
            "received": used + unused + spoiled,
            "used": used,
            "unused": unused,
            "spoiled": spoiled,
        },
        "cast": cast,
        "valid": valid,
        "invalid": invalid,
        "void": void,
        "voided": taken,
        "votes": [
            {"code": code, "name": CANDIDATES[code], "party_list": None, "votes": n}
            for code, n in ranked
        ],
    }


def _ref(code: str) -> dict[str, Any]:
    return {"code": code, "kind": UNITS[code]["kind"], "name": UNITS[code]["name"]}


def _reported_at(election: str, station: str) -> str:
    """When a station's report came in: a unit's `updated` is its last station's."""
    if election == R1:
        return ROUND_1_STATE[2]
    return STATES[PARTIAL][2] if station in STATES[PARTIAL][0] else STATES[COMPLETE][2]


def unit_result(
    election: str,
    unit: str,
    reported: tuple[str, ...],
    status_done: str,
    opened: str,
    *,
    voided: tuple[str, ...] = (),
) -> dict[str, Any]:
    under = stations_under(unit)
    counted = [code for code in under if code in reported]
    updated = max((_reported_at(election, code) for code in counted), default=opened)
    counts = _counts(election, counted, voided)
    eligible = sum(STATION_ELIGIBLE[code] for code in under)
    path: list[dict[str, Any]] = []
    parent = UNITS[unit]["parent"]
    while parent:
        path.insert(0, _ref(parent))
        parent = UNITS[parent]["parent"]
    children = [
        {
            **_ref(code),
            "reported": all(s in reported for s in stations_under(code)),
            "stations": {
                "reported": sum(s in reported for s in stations_under(code)),
                "total": len(stations_under(code)),
                "voided": sum(s in voided for s in stations_under(code)),
            },
        }
        for code, unit_ in UNITS.items()
        if unit_["parent"] == unit
    ]
    # turnout by the rule (`core.counting.turnout`): the voided stations out of base and papers
    out = [code for code in counted if code in voided]
    base = eligible - sum(STATION_ELIGIBLE[code] for code in out)
    papers = counts["papers"]["used"] - sum(
        _counts(election, [code], voided)["papers"]["used"] for code in out
    )
    return {
        "format": "sandogh/unit-result@3",
        "election": election,
        "definition_hash": "sha256:" + "ab" * 32,
        "contest": CONTEST,
        "unit": _ref(unit),
        "path": path,
        "children": children,
        "station": STATION_INFO.get(unit),
        "stations": {
            "reported": len(counted),
            "total": len(under),
            "voided": sum(code in voided for code in counted),
        },
        "eligible_voters": eligible,
        "counts": counts,
        "turnout": {
            "eligible": base,
            "papers_used": papers,
            "cast": _share(counts["cast"], base) if base else None,
            "papers": _share(papers, base) if base else None,
        },
        "status": status_done if len(counted) == len(under) else PARTIAL,
        "updated": updated,
    }


def _outcome(
    election: str, reported: tuple[str, ...], status: str, voided: tuple[str, ...] = ()
) -> dict[str, Any]:
    counts = _counts(election, list(reported), voided)
    cast = counts["cast"]
    votes = counts["votes"]
    if election == R1:
        rule = {"kind": "majority", "base": "cast", "share": "1/2"}
        base, needed, runoff = cast, cast // 2 + 1, True
        results = ["advanced-to-runoff", "advanced-to-runoff", "not-elected", "not-elected"]
        reasons = [
            {
                "fa": "هیچ نامزدی بیش از نیمی از آرای مأخوذه را به دست نیاورد؛"
                " دو نامزد دارای بیشترین آرا به دور دوم می‌روند.",
                "en": "No candidate won more than half of the ballots cast;"
                " the two with the most votes go to a second round.",
            }
        ]
    else:
        rule, base, needed, runoff = {"kind": "plurality"}, None, None, False
        done = status != PARTIAL
        results = ["elected" if done else "leading", "not-elected"]
        # the reasons as `publish.standings` words them, a partial count's under its «so far»
        reasons = reasons_json(_decided(votes), partial=not done)
        if not done:
            reasons.insert(0, so_far_json(len(reported), 4))
    return {
        "format": "sandogh/outcome@1",
        "election": election,
        "definition_hash": "sha256:" + "ab" * 32,
        "contest": CONTEST,
        "constituency": {
            "id": NATION,
            "name": {"fa": "ایران", "en": "Iran"},
            "seats": 1,
            "alternates": 0,
            "units": [NATION],
        },
        "status": status,
        "stations": {"reported": len(reported), "total": 4},
        "rule": rule,
        "base": base,
        "needed": needed,
        "runoff": runoff,
        "candidates": [
            {
                **{k: v[k] for k in ("code", "name", "votes")},
                **_share(v["votes"], base or counts["valid"]),  # the rule's base, as published
                "result": result,
            }
            for v, result in zip(votes, results, strict=True)
        ],
        "reasons": reasons,
    }


def _decided(votes: list[dict[str, Any]]) -> Outcome:
    """The core rules' outcome of a one-seat plurality over `votes`."""
    nation = Constituency(NATION, Name("ایران", "Iran"), (NATION,), 1)
    tally = {v["code"]: v["votes"] for v in votes}
    counts = Counts(cast=sum(tally.values()), valid=sum(tally.values()), votes=tally)
    standing = [Candidate(code, Name(code, code), NATION) for code in tally]
    return decide(PluralityRule(), nation, standing, counts)


def _write(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def write_election(root: Path, election: str, state: str, voided: tuple[str, ...] = ()) -> None:
    """One election's files; round 1 is always certified, round 2 `partial` or `complete`;
    the boxes of `voided` voided by a board (`void_station` says so in supervision.json)."""
    reported, sequence, updated = ROUND_1_STATE if election == R1 else STATES[state]
    done = "certified" if election == R1 else COMPLETE
    status = done if len(reported) == 4 else PARTIAL
    data = root / "data" / election
    contest: dict[str, Any] = {
        "id": CONTEST,
        "office": "president",
        "name": {"fa": "ریاست‌جمهوری", "en": "President"},
        "round": 1 if election == R1 else 2,
        "previous_round": None if election == R1 else {"election": R1, "contest": CONTEST},
        "constituencies": [NATION],
        "status": status,
    }
    _write(
        data / "snapshot.json",
        {
            "format": "sandogh/snapshot@1",
            "election": election,
            "name": NAMES[election],
            "date": DATES[election],
            "definition_hash": "sha256:" + "ab" * 32,
            "sequence": sequence,
            "updated": updated,
            "top_unit": NATION,
            "stations": {"reported": len(reported), "total": 4},
            "contests": [contest],
        },
    )
    for unit in UNITS:
        _write(
            data / "results" / CONTEST / f"{unit}.json",
            unit_result(election, unit, reported, done, OPENED, voided=voided),
        )
    _write(
        data / "outcomes" / CONTEST / f"{NATION}.json",
        _outcome(election, reported, status, voided),
    )
    if election == R1:  # certified by the supervisory board, as supervision.json says
        _write(data / "supervision.json", {**SUPERVISION, "election": election})
    _write(
        data / "units.json",
        {
            "format": "sandogh/units@1",
            "election": election,
            "units": [{"code": code, **unit} for code, unit in UNITS.items()],
        },
    )
    _write(data / "definition.json", {"format": "sandogh/definition@1"})
    _write(data / "devices.json", {"format": "sandogh/devices@1", "election": election})
    _write(data / "nist" / "election-report.json", {"@type": "ElectionReport"})
    (data / "csv" / "stations").mkdir(parents=True, exist_ok=True)
    (data / "csv" / "totals.csv").write_text("contest,unit,kind,figure,candidate,value\n")
    for county in (BAFT, KERMAN):
        (data / "csv" / "stations" / f"{county}.csv").write_text("station,contest\n")
    for station in reported:
        for kind in ("zero", "final"):
            _write(data / "reports" / station / f"{kind}.json", {"station": station, "kind": kind})


SUPERVISION: dict[str, Any] = {
    "format": "sandogh/supervision@1",
    "voids": [],
    "certifications": [
        {
            "contest": CONTEST,
            "constituency": None,
            "by": "m.rahimi",
            "role": "supervisor",
            "place": NATION,
            "at": "2024-07-01T08:30:00+00:00",
            "digest": "sha256:" + "cd" * 32,
        }
    ],
}
UNDOING = {
    "by": "a.karimi",
    "role": "supervisor",
    "place": NATION,
    "at": "2024-07-06T09:00:00+00:00",  # 12:30 in Tehran, 16 Tir 1403
    "reason": "شکایت نامزد پذیرفته شد",
    "reference": "۱۴۰۳/۱۴۱",
}


def undo_certification(root: Path, election: str) -> None:
    """The board's certification of `election`'s outcome, undone (issue 13): supervision.json
    keeps it with its undoing, and the contest's files say complete, no longer certified."""
    data = root / "data" / election
    certified = {**SUPERVISION["certifications"][0], "reason": "بررسی شد", "reference": "۱۲"}
    undone = [{**certified, "undone": UNDOING}]
    _write(
        data / "supervision.json", {**SUPERVISION, "election": election, "certifications": undone}
    )
    snapshot = json.loads((data / "snapshot.json").read_text())
    snapshot["contests"] = [{**c, "status": COMPLETE} for c in snapshot["contests"]]
    _write(data / "snapshot.json", snapshot)
    for path in [
        *(data / "results" / CONTEST).glob("*.json"),
        *(data / "outcomes").rglob("*.json"),
    ]:
        _write(path, {**json.loads(path.read_text()), "status": COMPLETE})


VOID_DECISION = {"reason": "صندوق بی‌لاک و مهر رسید", "reference": "۱۴۰۳/۱۲۷", "case": None}
VOIDED_AT = "2024-07-05T17:45:00+00:00"  # 21:15 in Tehran, 15 Tir 1403


def void_station(root: Path, election: str, station: str, state: str = COMPLETE) -> None:
    """The supervisory board voids `station`'s box: supervision.json names it, and the figures
    of the election (in `state`) are written again with the station's ballots moved out of those
    cast into void (`core.supervision.apply`) in the station and every unit above it, as the
    publisher writes them."""
    path = root / "data" / election / "supervision.json"
    document = (
        json.loads(path.read_text())
        if path.is_file()
        else {**SUPERVISION, "voids": [], "certifications": []}  # not SUPERVISION's own list
    )
    document["voids"].append(
        {
            "kind": "station",
            "station": station,
            "contest": None,
            "decision": VOID_DECISION,
            "at": VOIDED_AT,
        }
    )
    voided = tuple(v["station"] for v in document["voids"] if v["kind"] == "station")
    write_election(root, election, state, voided)
    _write(path, {**document, "election": election})


def write_snapshot(root: Path, state: str = PARTIAL) -> None:
    """Both rounds, round 2 in `state`, and the elections.json listing them."""
    for election in (R1, R2):
        write_election(root, election, state)
    _, sequence, updated = STATES[state]
    _write(
        root / "data" / "elections.json",
        {
            "format": "sandogh/elections@1",
            "elections": [
                {
                    "id": R2,
                    "name": NAMES[R2],
                    "date": DATES[R2],
                    "sequence": sequence,
                    "updated": updated,
                },
                {
                    "id": R1,
                    "name": NAMES[R1],
                    "date": DATES[R1],
                    "sequence": ROUND_1_STATE[1],
                    "updated": ROUND_1_STATE[2],
                },
            ],
        },
    )


def void_constituency(root: Path, election: str, constituency: str) -> None:
    """The supervisory board voids the election of `constituency` whole (supervision.json only:
    the outcome file's reasons are the centre's, which the page does not need here)."""
    path = root / "data" / election / "supervision.json"
    document = json.loads(path.read_text())
    document["voids"].append(
        {
            "kind": "constituency",
            "contest": CONTEST,
            "constituency": constituency,
            "decision": {**VOID_DECISION, "reference": "۱۴۰۳/۱۳۰"},
            "at": VOIDED_AT,
        }
    )
    _write(path, document)

"""The NIST SP 1500-100 v2 ElectionReport validates against the published schema."""

from __future__ import annotations

import datetime
import hashlib
import json
import urllib.parse
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision import Decision, StationVoid
from sandogh.publish.snapshot import Publisher
from sandogh.services.acting import Actor
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.voids import void
from tests.services.build import LATER, ROUND_1, ROUND_1_DAY, ROUND_2, ST_1, ST_2, ST_3

from .build import ROUND_1_VOTES, NewUnitOfWork, report, set_up

# NIST's schema, vendored (a work of the US government, public domain; NOTICE)
SCHEMA = Path(__file__).resolve().parents[2] / "data/nist/election-results-reporting-v2.schema.json"
NIST = "nist/election-report.json"


def _checker() -> jsonschema.FormatChecker:
    """The formats the schema uses (date, date-time, uri), checked strictly: jsonschema checks
    them only through optional libraries, which are not installed."""
    checker = jsonschema.FormatChecker()

    @checker.checks("date", raises=ValueError)
    def is_date(value: object) -> bool:
        return not isinstance(value, str) or bool(datetime.date.fromisoformat(value))

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return datetime.datetime.fromisoformat(value).utcoffset() is not None

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or bool(urllib.parse.urlparse(value).scheme)

    return checker


def validate(document: Any) -> None:
    schema = json.loads(SCHEMA.read_bytes())
    validator = jsonschema.Draft4Validator(schema, format_checker=_checker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def publish(uow: NewUnitOfWork, root: Path, **options: Any) -> Any:
    Publisher(uow, root, render=False, **options).regenerate()
    election = json.loads((root / "data/elections.json").read_bytes())["elections"][0]["id"]
    return json.loads((root / "data" / election / NIST).read_bytes())


def test_the_format_checker_refuses_a_bad_date() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("2024-07-05 20:00", {"format": "date-time"}, format_checker=_checker())


def test_a_partial_count_validates_and_says_so(uow: NewUnitOfWork, tmp_path: Path) -> None:
    report(uow, ST_1, 1)

    document = publish(uow, tmp_path)

    validate(document)
    assert document["Status"] == "unofficial-partial"
    assert document["Format"] == "precinct-level"
    units = {gp["@id"]: gp for gp in document["GpUnit"]}
    county = units["ru-IR-08-0801"]
    assert (county["Type"], county["SubUnitsReported"], county["TotalSubUnits"]) == ("county", 1, 2)
    assert county["VotersRegistered"] == 1900
    assert county["VotersParticipated"] == 4  # ballot papers used at ST_1
    assert units["ru-IR-08"]["OtherType"] == "province"
    assert units[f"ru-{ST_1}"]["Type"] == "precinct"
    assert units["cy-parliament-P1"]["ComposingGpUnitIds"] == ["ru-IR-08-0801"]
    (election,) = document["Election"]
    assert (election["Type"], election["ElectionScopeId"]) == ("runoff", "ru-IR")
    assert all("PostElectionStatus" not in c for c in election["Candidate"])


def test_a_runoff_and_its_candidates(tmp_path: Path) -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(uow, ROUND_1_DAY)
    for minutes, station in enumerate((ST_1, ST_2, ST_3)):
        report(uow, station, minutes, day=ROUND_1_DAY, votes=ROUND_1_VOTES[station])

    document = publish(uow, tmp_path)

    validate(document)
    assert document["Status"] == "unofficial-complete"
    (election,) = document["Election"]
    assert election["Type"] == "general"
    contests = {c["@id"]: c for c in election["Contest"]}
    president = contests["con-president-IR"]
    assert (president["NumberRunoff"], president["VoteVariation"]) == (2, "majority")
    assert (president["SubUnitsReported"], president["TotalSubUnits"]) == (3, 3)
    status = {c["@id"]: c.get("PostElectionStatus") for c in election["Candidate"]}
    assert status["cand-president-21"] == status["cand-president-25"] == "advanced-to-runoff"
    assert status["cand-president-27"] == "defeated"
    assert status["cand-parliament-31"] == "winner"
    assert contests["con-parliament-P1"]["OtherVoteVariation"] == "threshold"
    votes = {
        s["@id"]: {v["GpUnitId"]: v["Count"] for v in s["VoteCounts"]}
        for s in president["ContestSelection"]
    }
    assert votes["sel-president-21"] == {
        "cy-president-IR": 3,
        "ru-IR": 3,
        "ru-IR-08": 3,
        "ru-IR-08-0801": 2,
        f"ru-{ST_1}": 1,
        f"ru-{ST_2}": 1,
        "ru-IR-08-0802": 1,
        f"ru-{ST_3}": 1,
    }
    assert ROUND_1 in json.dumps(election["ExternalIdentifier"])


def test_a_coarser_report_stops_at_the_counties(uow: NewUnitOfWork, tmp_path: Path) -> None:
    report(uow, ST_1, 1)

    document = publish(uow, tmp_path, nist_down_to=UnitKind.COUNTY)

    validate(document)
    assert document["Format"] == "summary-contest"
    counted = {
        v["GpUnitId"]
        for contest in document["Election"][0]["Contest"]
        for selection in contest["ContestSelection"]
        for v in selection["VoteCounts"]
    }
    assert f"ru-{ST_1}" not in counted
    assert "ru-IR-08-0801" in counted
    assert ROUND_2 in (tmp_path / "data/elections.json").read_text()


def test_a_voided_precinct_is_marked_and_out_of_the_participation(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Issue 13 (A4): by the one turnout rule, a precinct whose box the board voided has no
    voters registered or participating, it is marked voided, the units above it leave its
    voters and papers out, and its voided ballots have a figure of their own."""
    report(uow, ST_1, 1)
    report(uow, ST_2, 2)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    void(uow, board, ROUND_2, StationVoid(ST_1, None, Decision("no seal", "1403/12")), now=LATER)

    document = publish(uow, tmp_path)

    validate(document)
    units = {gp["@id"]: gp for gp in document["GpUnit"]}
    precinct, county = units[f"ru-{ST_1}"], units["ru-IR-08-0801"]
    assert precinct["CountStatus"] == [
        {
            "@type": "ElectionResults.CountStatus",
            "OtherType": "voided",
            "Status": "completed",
            "Type": "other",
        }
    ]
    assert "VotersRegistered" not in precinct
    assert "VotersParticipated" not in precinct
    assert "CountStatus" not in units[f"ru-{ST_2}"]
    assert county["VotersRegistered"] == 1900 - 950  # ST_1's 950 eligible voters left out
    assert county["VotersParticipated"] == units[f"ru-{ST_2}"]["VotersParticipated"]
    counted = {
        (c["OtherType"], c["GpUnitId"]): c["BallotsRejected"]
        for c in document["Election"][0]["BallotCounts"]
    }
    assert counted[("voided:president", f"ru-{ST_1}")] == counted[("voided:president", "ru-IR")] > 0


#: The SHA-256 of the runoff's report below as sandogh wrote it before the report was streamed
#: (its vendor's version put aside): streaming changes where the bytes are made, never them.
RUNOFF_REPORT = "abc562183058699cfa7dc9d72861d49a2512b4f553ea74ccdce9ace4317f0eed"


def test_the_streamed_report_keeps_its_bytes(tmp_path: Path) -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(uow, ROUND_1_DAY)
    for minutes, station in enumerate((ST_1, ST_2, ST_3)):
        report(uow, station, minutes, day=ROUND_1_DAY, votes=ROUND_1_VOTES[station])
    Publisher(uow, tmp_path, render=False).regenerate()

    data = next((tmp_path / "data").glob(f"*/{NIST}")).read_bytes()
    vendor = json.loads(data)["VendorApplicationId"]
    plain = data.replace(f'"VendorApplicationId":"{vendor}"'.encode(), b"")
    assert hashlib.sha256(plain).hexdigest() == RUNOFF_REPORT

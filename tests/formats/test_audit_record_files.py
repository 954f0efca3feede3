"""The plan and round records read back into the core's values, refused unless canonical, every
problem named with its path (docs/audit.md §7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandogh.core.audit.audit_record import plan_hash, plan_json, round_json
from sandogh.core.audit.manifest import Manifest, Seed
from sandogh.core.audit.plan import AuditPlan, plan_audit
from sandogh.core.audit.reading import Totals
from sandogh.core.audit.replay import RoundResult, replay
from sandogh.core.audit.rounds import BatchReading, RoundInput
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import UnitKind
from sandogh.formats import audit_files
from sandogh.formats.audit_files import AuditFileError
from sandogh.formats.audit_record_files import (
    plan_from_bytes,
    read_round,
    round_from_bytes,
    write_record,
)
from tests.core.audit.audits import (
    FIVE_PERCENT,
    Records,
    faithful,
    manifest_of,
    reported_of,
    run,
    seed_of,
    small,
)
from tests.core.audit.test_replay import paper_stations
from tests.publish.audit_folders import kerman_audit


def test_a_round_record_reads_back_as_the_round_it_records(tmp_path: Path) -> None:
    plan, _, _, inputs, _ = kerman_audit()
    given = inputs[0]
    record = _round_one()
    write_record(tmp_path / "1.json", record)
    read = read_round(tmp_path / "1.json")
    assert (read.number, read.previous, read.document) == (1, "sha256:" + "0" * 64, record)
    assert dict(read.given.sizes) == dict(given.sizes)
    assert sorted(read.given.papers, key=lambda c: str(c.paper)) == sorted(
        given.papers, key=lambda c: str(c.paper)
    )
    assert any(c.shows is None for c in read.given.papers)  # the paper not found
    published = plan_from_bytes(canonical_json(plan_json(plan)), "plan.json")
    assert (published.risk_limit, published.contests) == (plan.risk_limit, (("president", "IR"),))


def test_every_problem_of_a_round_record_is_named_with_its_path() -> None:
    record = json.loads(canonical_json(_round_one()))
    record["papers"][1]["paper"] = "ST-1/1/0"
    record["papers"][2]["shows"] = {"president": 21}
    record["risk"]["president:IR"]["p_values"]["beats 21 25"] = 0.04
    record["number"] = 0
    with pytest.raises(AuditFileError) as caught:
        round_from_bytes(json.dumps(record).encode(), "1.json")
    paths = [p.split(": ")[0] for p in caught.value.problems]
    assert paths[:2] == ["number", "papers[1].paper"]
    assert paths[-1] == "risk.president:IR.p_values.beats 21 25"
    assert all(p.startswith("papers[2].shows.president") for p in paths[2:-1])


def test_codes_out_of_order_are_no_valid_reading() -> None:
    record = _round_one()
    papers = record["papers"]
    assert isinstance(papers, list)
    assert isinstance(papers[1], dict)
    papers[1]["shows"] = {"president": ["25", "21"]}
    with pytest.raises(AuditFileError, match=r"papers\[1\]\.shows\.president"):
        round_from_bytes(canonical_json(record), "1.json")


def test_a_file_beyond_the_bound_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_files, "MOST_BYTES", 10)
    (tmp_path / "1.json").write_bytes(b"{" + b" " * 20 + b"}")
    with pytest.raises(AuditFileError, match="larger than 10 bytes"):
        read_round(tmp_path / "1.json")


def _round_one() -> dict[str, JSONValue]:
    _, _, _, inputs, results = kerman_audit()
    first = results[0]
    return round_json(
        1,
        "sha256:" + "0" * 64,
        inputs[0],
        asked=first.asked,
        found=first.discrepancies,
        risks=first.contests,
    )


def _batch_audit() -> tuple[AuditPlan, Manifest, Seed, list[RoundInput], tuple[RoundResult, ...]]:
    """60 paper stations; the first station drawn was counted 10 votes short for 21."""
    election = paper_stations(60)
    codes = [u.code for u in election.units if u.kind is UnitKind.STATION]
    example = small(election, dict.fromkeys(codes, (70, 30)), papers=100)
    manifest = manifest_of(example)
    plan = plan_audit(manifest, [reported_of(example, "president", "IR")], FIVE_PERCENT)
    sheets = example.sheets["president"]
    short = Counts(cast=100, valid=100, votes={"21": 60, "25": 40})
    counted: list[str] = []

    def count(sample: str, station: str) -> BatchReading:
        counted.append(station)
        hand = short if len(counted) == 1 else sheets[station]
        return BatchReading(sample, station, Totals.of_counts(hand))

    seed = seed_of(manifest)
    records = Records(example.sheets)
    inputs, results = run(plan, manifest, seed, faithful(records), records, count=count)
    return plan, manifest, seed, inputs, results


def test_a_batch_audit_read_back_replays_to_the_same_hashes() -> None:
    plan, manifest, seed, inputs, results = _batch_audit()
    previous = plan_hash(plan, seed.digits)
    read = []
    for given, result in zip(inputs, results, strict=True):
        record = round_json(
            result.number,
            previous,
            given,
            asked=result.asked,
            found=result.discrepancies,
            risks=result.contests,
        )
        read.append(round_from_bytes(canonical_json(record), "r.json").given)
        previous = result.hash
    assert sorted(read[0].batches, key=lambda b: b.station) == sorted(
        inputs[0].batches, key=lambda b: b.station
    )
    replayed = replay(plan, manifest, seed, read)
    assert [r.hash for r in replayed] == [r.hash for r in results]


def test_a_paper_is_read_as_the_services_read_it() -> None:
    # one reading of STATION/CONTAINER/POSITION: a station code may hold a `/`, a position is
    # written as `str` writes it
    record = _round_one()
    papers = record["papers"]
    assert isinstance(papers, list)
    assert isinstance(papers[0], dict)
    papers[0]["paper"] = "ST/0801/1/57"
    read = round_from_bytes(canonical_json(record), "1.json")
    assert read.given.papers[0].paper == PaperAddress("ST/0801", "1", 57)
    papers[0]["paper"] = "ST-0801/1/057"
    with pytest.raises(AuditFileError, match=r"papers\[0\]\.paper: .*is not STATION"):
        round_from_bytes(canonical_json(record), "1.json")

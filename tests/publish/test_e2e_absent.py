"""`e2e/absent.json` (docs/e2e.md §9): the publisher lists every voting station with no chain,
with the reason `verify-election`'s V20 then holds to the sealed record and the signed reports."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.core.report import SigningKey
from sandogh.publish.snapshot import Publisher
from sandogh.services.ingest import ingest_report
from sandogh.verify_election.checks import Check
from sandogh.verify_election.run import verify_election
from tests.publish.test_e2e_record import DEVICE, DEVICE_2, E2E, _election, _enrol, _publish
from tests.services.build import NOW, ROUND_2_DAY, ST_3, signed, zero


def _absent(root: Path) -> dict[str, str]:
    listing = json.loads((root / E2E / "absent.json").read_bytes())
    assert listing["format"] == "sandogh/e2e-absent@1"
    return {entry["station"]: entry["reason"] for entry in listing["stations"]}


def _complete(root: Path) -> tuple[int, bool]:
    """V20's failures over the snapshot at `root`, and whether a sealed record named the boxes."""
    (result,) = verify_election(str(root), workers=1).elections
    assert result.completeness is not None
    return result.ledger.outcomes[Check.COMPLETE].failed, result.completeness.sealed


def test_a_station_the_sealed_record_gives_no_box_is_listed_so(tmp_path: Path) -> None:
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    _publish(election, tmp_path)
    assert _absent(tmp_path) == {ST_3: "no-box"}
    assert _complete(tmp_path) == (0, True)


def test_a_station_that_opened_and_has_not_closed_is_listed_so(tmp_path: Path) -> None:
    election = _election(DEVICE, DEVICE_2)
    box = SigningKey.from_seed(b"3" * 32)
    _enrol(election.uow, ST_3, box)
    ingest_report(election.uow, signed=signed(zero(ROUND_2_DAY, ST_3, box), box), now=NOW)
    _publish(election, tmp_path)
    assert _absent(tmp_path) == {ST_3: "not-closed"}
    assert _complete(tmp_path) == (0, False)  # no sealed record: the output says so


def test_the_listing_follows_the_boxes_and_reports_as_they_come(tmp_path: Path) -> None:
    election = _election(DEVICE, DEVICE_2)
    publisher = Publisher(election.uow, tmp_path, render=False)
    publisher.regenerate()
    assert _absent(tmp_path) == {ST_3: "no-box"}
    box = SigningKey.from_seed(b"3" * 32)
    _enrol(election.uow, ST_3, box)
    publisher.poll()
    assert _absent(tmp_path) == {ST_3: "not-opened"}
    ingest_report(election.uow, signed=signed(zero(ROUND_2_DAY, ST_3, box), box), now=NOW)
    publisher.poll()
    assert _absent(tmp_path) == {ST_3: "not-closed"}

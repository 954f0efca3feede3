"""The second outside review's gaps in `verify-election` (docs/e2e.md §10), each mounted on the
small record of `record.py`:

- V20: a station dropped whole — chain, tally, codes, reports and its result file — is named from
  the definition and the sealed pre-election record's boxes, unless the record lists it as absent
  (`e2e/absent.json`) for a reason that holds;
- V10: the names "Was my ballot counted?" shows beside a code — the station's, a challenged
  ballot's contests and candidates — are the definition's;
- V5: `complaints` in `e2e/election.json` is bound by the sealed record's `e2e.record`, the
  SHA-256 of the ceremony record's bytes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandogh.verify_election.checks import Check
from tests.verify_election.record import seal, write_manifest
from tests.verify_election.test_tampering import (
    chain_lines,
    first,
    original,
    record,
    rewrite_json,
    verified,
)

__all__ = ["original", "record"]  # the fixtures, shared


def _seal(folder: Path) -> None:
    """A sealed record (`anchor/`) giving each station the box that signed its reports, and
    carrying the guardians' key and the ceremony record's hash."""
    seal(folder)


def _drop_whole(folder: Path, station: str) -> None:
    """The station's chain, tally, reports and result files removed, the codes index rebuilt
    without it (the aggregates decrypted again would hide it from V19 too)."""
    for path in (f"e2e/ballots/{station}.jsonl", f"e2e/tallies/{station}.json"):
        (folder / path).unlink()
    shutil.rmtree(folder / "reports" / station)
    shutil.rmtree(folder / "results", ignore_errors=True)


def _absent(folder: Path, station: str, reason: str) -> None:
    listing = {
        "format": "sandogh/e2e-absent@1",
        "stations": [{"station": station, "reason": reason}],
    }
    (folder / "e2e" / "absent.json").write_bytes(json.dumps(listing).encode())


def test_a_station_dropped_with_its_result_file_is_named(record: Path) -> None:
    _drop_whole(record, "ST-2")
    write_manifest(record)
    result = verified(record)
    failure = first(result, Check.COMPLETE)
    assert failure.startswith("ST-2: ")
    assert "absent.json does not list it" in failure
    assert result.completeness is not None
    assert not result.completeness.sealed  # and the output says it rests on the snapshot


def test_a_station_with_a_sealed_box_said_to_have_none_is_named(record: Path) -> None:
    _seal(record)
    assert verified(record).passed
    _drop_whole(record, "ST-2")
    _absent(record, "ST-2", "no-box")
    write_manifest(record)
    result = verified(record)
    assert (
        first(result, Check.COMPLETE)
        == "ST-2: absent.json says the station had no ballot box; the sealed record gives it one"
    )
    assert result.completeness is not None
    assert result.completeness.sealed


def test_a_station_said_not_to_have_opened_is_held_to_its_reports(record: Path) -> None:
    _seal(record)
    for path in ("e2e/ballots/ST-2.jsonl", "e2e/tallies/ST-2.json"):
        (record / path).unlink()
    (record / "reports" / "ST-2" / "final.json").unlink()
    _absent(record, "ST-2", "not-opened")
    write_manifest(record)
    failure = first(verified(record), Check.COMPLETE)
    assert failure.startswith("ST-2: absent.json says the station did not open")
    assert "zero.json is there" in failure


def test_a_station_that_opened_and_did_not_close_may_be_listed_so(record: Path) -> None:
    _seal(record)
    for path in ("e2e/ballots/ST-2.jsonl", "e2e/tallies/ST-2.json"):
        (record / path).unlink()
    (record / "reports" / "ST-2" / "final.json").unlink()
    _absent(record, "ST-2", "not-closed")
    write_manifest(record)
    result = verified(record)
    assert not result.ledger.outcomes[Check.COMPLETE].failed
    assert result.completeness is not None
    assert dict(result.completeness.absent) == {"ST-2": "not-closed"}


def _rename(record: Path, state: str, edit: Callable[[dict[str, Any]], None]) -> str:
    """Edit the index entry of ST-1's first ballot of `state`; its code."""
    code = next(line["code"] for line in chain_lines(record, "ST-1") if line.get("state") == state)
    shard_path = record / "e2e" / "codes" / f"{code[0]}.json"
    shard = json.loads(shard_path.read_bytes())
    for entry in shard["codes"]:
        if entry["code"] == code:
            edit(entry)
    shard_path.write_bytes(json.dumps(shard).encode())
    write_manifest(record)
    return str(code)


def _station(entry: dict[str, Any]) -> None:
    entry["name"] = {"fa": "شعبه ۲", "en": "Station 2"}  # ST-2's name on ST-1's code


def _candidate(entry: dict[str, Any]) -> None:
    entry["opened"][0]["chosen"][0]["name"] = {"fa": "ب", "en": "Someone else"}


def _contest(entry: dict[str, Any]) -> None:
    entry["opened"][0]["name"] = {"fa": "رئیس", "en": "Another contest"}


@pytest.mark.parametrize(
    ("state", "edit", "path"),
    [
        ("cast", _station, "name"),
        ("challenged", _candidate, "opened[0].chosen[0].name"),
        ("challenged", _contest, "opened[0].name"),
    ],
)
def test_a_name_not_the_definitions_fails_naming_the_entry(
    record: Path, state: str, edit: Callable[[dict[str, Any]], None], path: str
) -> None:
    code = _rename(record, state, edit)
    failure = first(verified(record), Check.CONFIRMATION_CODES)
    assert f"({code[:16]}…)" in failure
    assert failure.endswith(f"{path} is not the definition's name")


def test_an_edited_complaints_list_fails_against_the_sealed_record(record: Path) -> None:
    _seal(record)
    assert verified(record).passed
    complaint = {"against": 2, "by": 1, "reason": "check"}  # guardian 2 named, falsely
    rewrite_json(record, "e2e/election.json", lambda e: e["complaints"].append(complaint))
    result = verified(record)
    assert not result.ledger.outcomes[Check.BASE_HASH].failed  # nothing else tells
    failure = first(result, Check.EXTENDED_HASH)
    assert "not the ceremony record the pre-election record seals" in failure
    assert "complaints" in failure

"""The third outside review's attacks on V20 (docs/e2e.md §10), each mounted on the small record
of `record.py`:

- a box opts out of E2E: its final report re-signed without the `e2e` commitment (its figures
  changed at will), its chain and tally dropped, the station listed as `no-e2e` — refused when
  the sealed record carries the guardians' key;
- a file at `anchor/record.json` that is not a sealed record of this election (`[]`, `"x"`,
  `{"stations":{}}`, another election's) fails V20 naming it, without `--anchor` too: read as
  none it gave every station no box, and a station dropped whole passed as `no-box`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from sandogh.core.report import decode_report, decode_signed, encode_signed, sign_report
from sandogh.verify_election.checks import Check
from tests.verify_election.record import _key, seal, write_manifest
from tests.verify_election.test_tampering import first, original, record, verified

__all__ = ["original", "record"]  # the fixtures, shared

RECORD = "data/e2e-small/anchor/record.json"


def _absent(folder: Path, station: str, reason: str) -> None:
    listing = {
        "format": "sandogh/e2e-absent@1",
        "stations": [{"station": station, "reason": reason}],
    }
    (folder / "e2e" / "absent.json").write_bytes(json.dumps(listing).encode())


def opt_out(folder: Path, station: str) -> None:
    """The station's box re-signs its final report without `e2e`; its chain and tally go."""
    path = folder / "reports" / station / "final.json"
    report = decode_report(decode_signed(path.read_bytes()).report)
    plain = dataclasses.replace(report, e2e=None)
    path.write_bytes(encode_signed(sign_report(plain, _key(f"box {station}"))))
    for each in (f"e2e/ballots/{station}.jsonl", f"e2e/tallies/{station}.json"):
        (folder / each).unlink()
    _absent(folder, station, "no-e2e")
    write_manifest(folder)


def test_a_box_that_opts_out_of_e2e_is_named_when_the_sealed_record_carries_the_key(
    record: Path,
) -> None:
    seal(record)
    assert verified(record).passed
    opt_out(record, "ST-2")
    result = verified(record)
    assert first(result, Check.COMPLETE) == (
        "ST-2: absent.json says the station sent a final report without an E2E commitment; the "
        "sealed record carries the guardians' key (e2e), so its box's final report must commit "
        "to its chain"
    )


def test_a_box_that_opts_out_of_e2e_is_named_without_a_sealed_record(record: Path) -> None:
    opt_out(record, "ST-2")
    assert first(verified(record), Check.COMPLETE) == (
        "ST-2: absent.json says the station sent a final report without an E2E commitment; with "
        "no sealed record, nothing shows that its box was enrolled without the guardians' key"
    )


def test_no_e2e_holds_when_the_sealed_record_carries_no_key(record: Path) -> None:
    seal(record, e2e=False)
    opt_out(record, "ST-2")
    result = verified(record)
    assert not result.ledger.outcomes[Check.COMPLETE].failed
    assert result.completeness is not None
    assert dict(result.completeness.absent) == {"ST-2": "no-e2e"}


@pytest.mark.parametrize(
    ("junk", "detail"),
    [
        (b"[]", "not a JSON object"),
        (b'"x"', "not a JSON object"),
        (b'{"stations":{}}', "no field 'format'"),
        (b'{"format":"sandogh/pre-election-record@1","stations":[]}', "no field 'election'"),
    ],
)
def test_a_file_at_the_anchor_that_is_no_sealed_record_fails_naming_it(
    record: Path, junk: bytes, detail: str
) -> None:
    anchor = record / "anchor" / "record.json"
    anchor.parent.mkdir()
    anchor.write_bytes(junk)
    result = verified(record)
    assert first(result, Check.COMPLETE) == f"{RECORD}: {detail}"


def test_another_elections_sealed_record_fails_naming_it(record: Path) -> None:
    seal(record)
    anchor = record / "anchor" / "record.json"
    document = json.loads(anchor.read_bytes())
    anchor.write_bytes(json.dumps({**document, "election": "other"}).encode())
    failure = first(verified(record), Check.COMPLETE)
    assert failure == f"{RECORD}: election is not e2e-small: not this election's sealed record"


def test_a_station_dropped_whole_behind_a_junk_anchor_is_not_taken_as_boxless(
    record: Path,
) -> None:
    for each in ("e2e/ballots/ST-2.jsonl", "e2e/tallies/ST-2.json"):
        (record / each).unlink()
    for each in ("zero.json", "final.json"):
        (record / "reports" / "ST-2" / each).unlink()
    _absent(record, "ST-2", "no-box")
    anchor = record / "anchor" / "record.json"
    anchor.parent.mkdir()
    anchor.write_bytes(b'{"stations":{}}')
    write_manifest(record)
    result = verified(record)
    assert not result.passed
    assert first(result, Check.COMPLETE) == f"{RECORD}: no field 'format'"


def test_an_electronic_station_dropped_as_paper_ballots_is_named(record: Path) -> None:
    """A publisher drops an electronic station's chain and tally and lists it as voting on paper
    ballots (docs/e2e.md, "Mixed-mode elections"): the definition, bound by its hash, says it is
    electronic, so its figures would have left the E2E part for the paper one unseen."""
    seal(record)
    for each in ("e2e/ballots/ST-2.jsonl", "e2e/tallies/ST-2.json"):
        (record / each).unlink()
    _absent(record, "ST-2", "paper-ballots")
    write_manifest(record)
    assert first(verified(record), Check.COMPLETE) == (
        "ST-2: absent.json says the station votes on paper ballots; the definition gives it the "
        "electronic mode"
    )

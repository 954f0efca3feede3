"""Finding S17-3 (docs/e2e.md §8): with a box key stolen alone, no staff, a box's chain is
rewritten to hold one of its own cast ballots and its final report re-signed by the box; the
guardians would decrypt that one voter's ballot. A guardian holds each station's reports to the
centre's rule (`core.anchor.check_staff`, the staff the sealed record and its amendments
register). And a station named as never opened whose signed reports are published is refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from sandogh.cli.guardians_snapshot import checked_chains
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.e2e.ballot import ballot_hash
from sandogh.core.e2e.ballot_json import ballot_to_json
from sandogh.core.e2e.chain import chain_close, confirmation_code
from sandogh.core.e2e.chain_file import read_chain
from sandogh.core.e2e.tally import station_tally, tally_hash
from sandogh.core.report import E2ECommitment
from sandogh.core.report.ballot import station_ballot
from sandogh.services.origin_faults import OriginFault, TallyOriginError
from sandogh.services.origin_snapshot import Trust
from tests.publish.test_e2e_record import DEVICE_2, _election, _publish
from tests.services.build import DEVICE, ROUND_2_DAY, RUNOFF_VOTES, ST_1, ST_2, final, signed


def _faults(folder: Path, trust: Trust) -> set[tuple[OriginFault, str | None]]:
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    with pytest.raises(TallyOriginError) as refused:
        checked_chains(election.guardians.record, folder, trust)
    return {(f.fault, f.station) for f in refused.value.found}


def _one_ballot_chain(folder: Path, *, staff: bool) -> None:
    """ST_1's chain rewritten to hold its first cast ballot alone, closed, and its final report
    committing to it re-signed by ST_1's box, by its staff too when `staff`."""
    context = _election(DEVICE, DEVICE_2, anchor="e2e").guardians.context
    he = context.extended_hash
    path = folder / "e2e" / "ballots" / f"{ST_1}.jsonl"
    voter = read_chain(context, path.read_bytes()).cast_ballots[0]
    start_line = path.read_bytes().split(b"\n")[0]
    start = bytes.fromhex(json.loads(start_line)["start"])
    code = confirmation_code(he, start, ballot_hash(context, voter))
    close = chain_close(he, code, 1, 0)
    line = {"ballot": ballot_to_json(voter), "code": code.hex(), "state": "cast"}
    closing = {"cast": 1, "challenged": 0, "close": close.hex()}
    path.write_bytes(b"\n".join([start_line, canonical_json(line), canonical_json(closing), b""]))
    ballot = station_ballot(Geography.of(ROUND_2_DAY), ST_1)
    tally = station_tally(context, ST_1, ballot, [voter])
    commitment = E2ECommitment(close.hex(), tally_hash(context, tally).hex())
    report = dataclasses.replace(final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES), e2e=commitment)
    data = signed(report, DEVICE) if staff else signed(report, DEVICE, staff=())
    (folder / "reports" / ST_1 / "final.json").write_bytes(data)


def test_a_final_report_signed_by_the_box_alone_is_refused(tmp_path: Path) -> None:
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    folder = _publish(election, tmp_path / "s")
    _one_ballot_chain(folder, staff=False)
    assert _faults(folder, Trust()) == {(OriginFault.STAFF_NOT_ON_RECORD, ST_1)}
    with pytest.raises(TallyOriginError, match=f"reports/{ST_1}/final.json staff"):
        checked_chains(election.guardians.record, folder, Trust())
    # the same chain under a report its registered staff signed is what the centre takes
    _one_ballot_chain(folder, staff=True)
    assert set(checked_chains(election.guardians.record, folder, Trust())) == {ST_1, ST_2}


def test_a_station_named_never_opened_with_a_published_report_is_refused(
    tmp_path: Path,
) -> None:
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    folder = _publish(election, tmp_path / "s")
    (folder / "e2e" / "ballots" / f"{ST_2}.jsonl").unlink()
    never = Trust(never_opened=frozenset({ST_2}))
    assert _faults(folder, never) == {(OriginFault.NEVER_OPENED_REPORTED, ST_2)}
    (folder / "reports" / ST_2 / "final.json").unlink()  # its zero report alone says it opened
    with pytest.raises(TallyOriginError, match=f"reports/{ST_2}/zero.json: is published"):
        checked_chains(election.guardians.record, folder, never)
    (folder / "reports" / ST_2 / "zero.json").unlink()
    assert set(checked_chains(election.guardians.record, folder, never)) == {ST_1}


def test_a_station_named_not_closed_is_left_out_until_its_final_report_is_published(
    tmp_path: Path,
) -> None:
    """A box that opened and failed (or is still open): its zero report is published, its chain
    and final report are not; the guardian names it `--not-closed` and the rest decrypts. Once
    its final report is published, the name is refused: that box closed."""
    election = _election(DEVICE, DEVICE_2, anchor="e2e")
    folder = _publish(election, tmp_path / "s")
    (folder / "e2e" / "ballots" / f"{ST_2}.jsonl").unlink()
    open_box = Trust(not_closed=frozenset({ST_2}))
    assert _faults(folder, open_box) == {(OriginFault.NOT_CLOSED_REPORTED, ST_2)}
    (folder / "reports" / ST_2 / "final.json").unlink()
    assert (folder / "reports" / ST_2 / "zero.json").is_file()
    assert set(checked_chains(election.guardians.record, folder, open_box)) == {ST_1}
    assert _faults(folder, Trust()) == {(OriginFault.STATION_MISSING, ST_2)}

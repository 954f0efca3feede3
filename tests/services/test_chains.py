"""The centre takes a station's E2E ballot chain only when it holds against the station's signed
final report (docs/e2e.md §7), on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.geography import Geography
from sandogh.core.report import E2ECommitment, SigningKey, StationReport
from sandogh.core.report.ballot import station_ballot
from sandogh.core.report.digests import sha256_text
from sandogh.services.chains import ChainRefusal, ChainRefusedError, ReceivedChain, receive_chain
from sandogh.services.e2e_ceremony import load_ceremony
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import UnitOfWork
from tests.e2e_build import Chain, Guardians, ceremony

from .build import (
    DEVICE,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    enrol,
    event_types,
    final,
    load,
    register_station_staff,
    signed,
    zero,
)

NewUnitOfWork = Callable[[], UnitOfWork]


@dataclasses.dataclass
class Day:
    uow: NewUnitOfWork
    guardians: Guardians
    chain: Chain


@pytest.fixture
def day(new_unit_of_work: NewUnitOfWork) -> Day:
    """ROUND_2 with its ceremony loaded, ST_1's box enrolled with its zero report in, and the
    chain of its four voters of `RUNOFF_VOTES` (and one challenged ballot) made."""
    uow = new_unit_of_work
    load(uow, ROUND_2_DAY)
    with uow() as work:
        definition_hash = work.elections.hash_of(ROUND_2)
    assert definition_hash is not None
    guardians = ceremony(ROUND_2, definition_hash)
    load_ceremony(uow, election_id=ROUND_2, record=guardians.data, now=NOW)
    enrol(uow, ST_1, DEVICE)
    register_station_staff(uow, ROUND_2, ST_1)
    zero_bytes = signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE)
    ingest_report(uow, signed=zero_bytes, now=NOW)
    ballot = station_ballot(Geography.of(ROUND_2_DAY), ST_1)
    chain = Chain(guardians.context, ST_1, ballot, DEVICE.public_key, sha256_text(zero_bytes))
    chain.add({"president": ["21"], "parliament": ["31", "33"]}, challenged=True)
    voters = len(RUNOFF_VOTES["president"])
    for i in range(voters):
        chain.add({contest: list(votes[i]) for contest, votes in RUNOFF_VOTES.items()})
    return Day(uow, guardians, chain)


def _report(day: Day, *, close: bytes | None = None, tally: bytes | None = None) -> bytes:
    report: StationReport = final(ROUND_2_DAY, ST_1, DEVICE, RUNOFF_VOTES)
    commitment = E2ECommitment(
        (close or day.chain.close).hex(), (tally or day.chain.tally_hash).hex()
    )
    return signed(dataclasses.replace(report, e2e=commitment), DEVICE)


def _refused(day: Day, data: bytes) -> ChainRefusedError:
    with pytest.raises(ChainRefusedError) as refused:
        receive_chain(day.uow, data=data, now=LATER)
    return refused.value


def test_a_chain_that_holds_against_its_final_report_is_taken_once(day: Day) -> None:
    ingest_report(day.uow, signed=_report(day), now=LATER)
    data = day.chain.data

    taken = receive_chain(day.uow, data=data, now=LATER)
    again = receive_chain(day.uow, data=data, now=LATER)

    expected = ReceivedChain(ROUND_2, ST_1, sha256_text(data), 4, 1, duplicate=False)
    assert taken == expected
    assert again == dataclasses.replace(expected, duplicate=True)
    with day.uow() as work:
        stored = work.e2e.chain(ROUND_2, ST_1)
        assert stored is not None
        assert stored.data == data
        assert stored.device == DEVICE.public_key.raw.hex()
        assert [c.station for c in work.e2e.chains(ROUND_2)] == [ST_1]
    assert event_types(day.uow).count("ballot-chain-accepted") == 1


def test_a_chain_before_its_final_report_waits(day: Day) -> None:
    refused = _refused(day, day.chain.data)
    assert refused.reason is ChainRefusal.NO_FINAL_REPORT


def test_a_chain_the_report_does_not_close_is_refused(day: Day) -> None:
    ingest_report(day.uow, signed=_report(day), now=LATER)
    day.chain.add({"president": ["25"], "parliament": []})  # a ballot added after the report

    refused = _refused(day, day.chain.data)

    assert refused.reason is ChainRefusal.CHAIN_MISMATCH
    assert "another close" in str(refused.problems[0])
    assert "refusals-counted" in event_types(day.uow)  # counted: a chain is signed by no one


def test_a_tally_other_than_the_report_signs_is_refused(day: Day) -> None:
    ingest_report(day.uow, signed=_report(day, tally=bytes(32)), now=LATER)

    refused = _refused(day, day.chain.data)

    assert refused.reason is ChainRefusal.CHAIN_MISMATCH
    assert [p.path for p in refused.problems] == ["tally"]


def test_a_changed_ballot_is_named_by_its_line(day: Day) -> None:
    ingest_report(day.uow, signed=_report(day), now=LATER)
    lines = day.chain.data.split(b"\n")
    third = json.loads(lines[3])  # the second cast ballot: swap its first two selections' α
    selections = third["ballot"]["contests"][0]["selections"]
    selections[0]["alpha"], selections[1]["alpha"] = selections[1]["alpha"], selections[0]["alpha"]
    lines[3] = canonical_json(third)

    refused = _refused(day, b"\n".join(lines))

    assert refused.reason is ChainRefusal.CHAIN_MISMATCH
    # every later code, the close, and the tally it no longer makes; no proof was checked
    paths = ["line 4.code", "line 5.code", "line 6.code", "line 7.close", "tally"]
    assert [p.path for p in refused.problems] == paths


def test_a_proof_from_another_ballot_is_named(day: Day) -> None:
    ingest_report(day.uow, signed=_report(day), now=LATER)
    lines = day.chain.data.split(b"\n")
    second, third = json.loads(lines[2]), json.loads(lines[3])
    # the proofs are not hashed into the codes (§6): the chain holds, the proof does not
    third["ballot"]["contests"][0]["selections"][0]["proof"] = second["ballot"]["contests"][0][
        "selections"
    ][0]["proof"]
    lines[3] = canonical_json(third)

    refused = _refused(day, b"\n".join(lines))

    assert refused.reason is ChainRefusal.CHAIN_MISMATCH
    assert [p.path for p in refused.problems] == ["line 4.ballot.contests[0].selections[0].proof"]


def test_a_ballot_copied_from_another_stations_chain_fails_its_proofs(day: Day) -> None:
    """Finding S17-1: ST_1's box chains a voter's ballot of ST_2's box, relabelled, and its
    final report commits to it; the proofs are keyed with ST_2's box (H_D, §6), so they fail."""
    other = SigningKey.from_seed(bytes(range(64, 96))).public_key
    ballot = station_ballot(Geography.of(ROUND_2_DAY), ST_2)
    victim = Chain(day.guardians.context, ST_2, ballot, other, "sha256:" + "00" * 32)
    victim.add({"president": ["21"]})
    day.chain.copy_in(victim.cast[0])
    ingest_report(day.uow, signed=_report(day), now=LATER)

    refused = _refused(day, day.chain.data)

    assert refused.reason is ChainRefusal.CHAIN_MISMATCH
    paths = [p.path for p in refused.problems]
    assert paths
    assert all(p.startswith("line 7.ballot.contests[0].") and p.endswith("proof") for p in paths)


def test_junk_is_malformed(day: Day) -> None:
    assert _refused(day, b"not a chain\n").reason is ChainRefusal.MALFORMED


def test_another_chain_of_a_station_that_has_one_conflicts(day: Day) -> None:
    ingest_report(day.uow, signed=_report(day), now=LATER)
    receive_chain(day.uow, data=day.chain.data, now=LATER)
    lines = day.chain.data.split(b"\n")
    start = json.loads(lines[0])
    start["note"] = "other bytes"  # other bytes for the same station: refused before reading
    lines[0] = canonical_json(start)

    refused = _refused(day, b"\n".join(lines))

    assert refused.reason is ChainRefusal.CONFLICTING


def _with_close(day: Day, **changes: object) -> bytes:
    lines = day.chain.data.split(b"\n")
    close = json.loads(lines[-2])
    lines[-2] = json.dumps(close | changes, sort_keys=True, separators=(",", ":")).encode()
    return b"\n".join(lines)


def test_a_close_count_past_any_number_is_malformed_and_names_its_line(day: Day) -> None:
    # the review's attack: "cast": 10**400 made u32 overflow, a 500 from the centre
    ingest_report(day.uow, signed=_report(day), now=LATER)

    refused = _refused(day, _with_close(day, cast=10**400))

    assert refused.reason is ChainRefusal.MALFORMED
    assert [p.path for p in refused.problems] == ["line 7.cast"]


def test_a_ballot_nested_past_any_depth_is_malformed_and_names_its_line(day: Day) -> None:
    # the review's attack: 100,000 nested "[" made the reader recurse to a 500
    ingest_report(day.uow, signed=_report(day), now=LATER)
    lines = day.chain.data.split(b"\n")
    deep = b'{"ballot":' + b"[" * 100_000 + b"]" * 100_000 + b',"code":"00","state":"cast"}'
    data = b"\n".join([lines[0], deep, *lines[1:]])

    refused = _refused(day, data)

    assert refused.reason is ChainRefusal.MALFORMED
    assert refused.problems[0].path == "line 2"
    assert "deep" in refused.problems[0].message


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda _: b"", "", "the file is empty"),
        (lambda data: data + b"\n", "line 8", "empty line"),
        (lambda data: data.rstrip(b"\n"), "", "must end in a newline"),
        (
            lambda data: data.replace(b'{"device"', b'{"station":"X","device"', 1),
            "line 1",
            "'station' is given twice",
        ),
        (lambda data: b"[1]\n" + data.split(b"\n", 1)[1], "line 1", "JSON object"),
    ],
    ids=["empty", "extra-newline", "no-newline", "duplicate-key", "not-an-object"],
)
def test_a_file_that_is_no_chain_is_told_in_plain_words(
    day: Day, change: Callable[[bytes], bytes], path: str, words: str
) -> None:
    # the review found "no station on its first line and close on its last (Expecting value…)"
    refused = _refused(day, change(day.chain.data))

    assert refused.reason is ChainRefusal.MALFORMED
    assert (refused.problems[0].path, words in refused.problems[0].message) == (path, True)
    assert "Expecting" not in refused.problems[0].message

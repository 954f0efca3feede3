"""Signed checkpoints: the message, its signature, the cadence, and the record held to them."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.log.chain import Entry, chain
from sandogh.core.log.checkpoints import (
    Cadence,
    CheckpointFormatError,
    checkpoint_due,
    checkpoint_json,
    checkpoint_message,
    checkpoint_verifies,
    read_checkpoint,
    sign_checkpoint,
    verify_anchored,
)
from sandogh.core.log.events import EventType
from sandogh.core.log.verify import Fault, verify
from sandogh.core.report.keys import SigningKey

from .build import event, events, record

LOG_KEY = SigningKey.from_seed(bytes(range(32)))
OTHER_KEY = SigningKey.from_seed(bytes(32))
AT = datetime.datetime(2024, 7, 5, 6, 0, tzinfo=datetime.UTC)
DAY = record(
    [
        event(EventType.STATION_OPENED, 0),
        event(EventType.VOTING_STARTED, 1),
        event(EventType.STATION_CLOSED, 30),
        event(EventType.REPORT_ACCEPTED, 40, ballots=1_276),
    ]
)
logs = st.lists(events, min_size=1, max_size=6).map(record)


def test_the_message_is_the_domain_then_canonical_json() -> None:
    assert checkpoint_message(3, "ab" * 32, AT + datetime.timedelta(microseconds=5)) == (
        b"sandogh/log-checkpoint@1\n"
        b'{"head":"' + b"ab" * 32 + b'","sequence":3,"time":"2024-07-05T06:00:00.000005Z"}'
    )


def test_a_checkpoint_verifies_under_its_key_only_and_only_as_signed() -> None:
    signed = sign_checkpoint(LOG_KEY, DAY[2], AT)
    assert (signed.sequence, signed.head) == (3, DAY[2].hash)
    assert checkpoint_verifies(LOG_KEY.public_key, signed)
    assert not checkpoint_verifies(OTHER_KEY.public_key, signed)
    for changed in (
        dataclasses.replace(signed, sequence=2),
        dataclasses.replace(signed, head=DAY[1].hash),
        dataclasses.replace(signed, time=AT + datetime.timedelta(seconds=1)),
    ):
        assert not checkpoint_verifies(LOG_KEY.public_key, changed)


def test_a_checkpoint_reads_back_from_its_json() -> None:
    signed = sign_checkpoint(LOG_KEY, DAY[3], AT)
    assert read_checkpoint(checkpoint_json(signed)) == signed


def test_a_malformed_checkpoint_names_every_part() -> None:
    with pytest.raises(CheckpointFormatError) as raised:
        read_checkpoint({"sequence": 0, "head": "AB", "time": "2024-07-05", "signature": 1}, "[2]")
    assert [p.path for p in raised.value.problems] == [
        "[2].sequence",
        "[2].head",
        "[2].time",
        "[2].signature",
    ]
    with pytest.raises(CheckpointFormatError, match="must be a JSON object"):
        read_checkpoint([])


def test_a_checkpoint_is_due_every_n_entries_or_t_minutes_while_entries_arrive() -> None:
    cadence = Cadence(entries=10, minutes=5)
    assert not checkpoint_due(cadence, None, 0, AT)  # nothing to vouch for
    assert checkpoint_due(cadence, None, 1, AT)
    last = sign_checkpoint(LOG_KEY, DAY[0], AT)
    soon = AT + datetime.timedelta(minutes=1)
    assert not checkpoint_due(cadence, last, 5, soon)
    assert checkpoint_due(cadence, last, 11, soon)
    later = AT + datetime.timedelta(minutes=5)
    assert checkpoint_due(cadence, last, 2, later)
    assert not checkpoint_due(cadence, last, 1, later + datetime.timedelta(hours=1))  # idle


def test_the_honest_record_holds_against_its_checkpoints() -> None:
    signed = [sign_checkpoint(LOG_KEY, DAY[i], AT) for i in (1, 3)]
    anchored = verify_anchored(DAY, signed, LOG_KEY.public_key)
    assert anchored.ok
    assert anchored.chain.checked == 4


def test_a_checkpoint_signed_by_another_key_is_named_and_not_trusted() -> None:
    forged = sign_checkpoint(OTHER_KEY, chain(DAY[1], event(EventType.STATION_CLOSED, 2)), AT)
    anchored = verify_anchored(DAY, [forged], LOG_KEY.public_key)
    assert not anchored.ok
    assert anchored.forged == (forged,)
    assert anchored.chain.ok  # its head is not held against the record


@given(logs, st.data())
def test_a_cut_tail_is_found_against_the_last_checkpoint(
    entries: list[Entry], data: st.DataObject
) -> None:
    signed = sign_checkpoint(LOG_KEY, entries[-1], AT)
    kept = data.draw(st.integers(0, len(entries) - 1))
    broken = verify_anchored(entries[:kept], [signed], LOG_KEY.public_key).chain.broken
    assert broken is not None
    assert (broken.sequence, broken.fault) == (kept + 1, Fault.TRUNCATED)
    assert broken.expected == f"entry {len(entries)}"


@given(logs, st.data())
def test_an_entry_deleted_and_the_rest_rehashed_is_found_at_the_checkpoint(
    entries: list[Entry], data: st.DataObject
) -> None:
    signed = sign_checkpoint(LOG_KEY, entries[-1], AT)
    gone = data.draw(st.integers(0, len(entries) - 1))
    rehashed = record([e.event for i, e in enumerate(entries) if i != gone])
    anchored = verify_anchored(rehashed, [signed], LOG_KEY.public_key)
    assert verify(rehashed).ok  # the chain alone holds
    broken = anchored.chain.broken
    assert broken is not None
    assert broken.fault == Fault.TRUNCATED  # one entry short of the checkpoint's
    assert broken.expected == f"entry {len(entries)}"


@given(logs, st.data())
def test_an_entry_rewritten_and_rechained_disagrees_with_the_checkpoint(
    entries: list[Entry], data: st.DataObject
) -> None:
    signed = sign_checkpoint(LOG_KEY, entries[-1], AT)
    index = data.draw(st.integers(0, len(entries) - 1))
    rewritten = [e.event for e in entries]
    rewritten[index] = dataclasses.replace(rewritten[index], actor=rewritten[index].actor + "!")
    anchored = verify_anchored(record(rewritten), [signed], LOG_KEY.public_key)
    broken = anchored.chain.broken
    assert broken is not None
    assert (broken.sequence, broken.fault) == (len(entries), Fault.CHECKPOINT_MISMATCH)
    assert (broken.expected, broken.found) == (entries[-1].hash, record(rewritten)[-1].hash)

import dataclasses
import datetime
from collections.abc import Iterator
from enum import StrEnum
from typing import TypeVar

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.log.chain import GENESIS_HASH, Entry, chain
from sandogh.core.log.events import Disposition, Event, EventType
from sandogh.core.log.verify import Break, Checkpoint, Fault, VerifyResult, verify

from .build import event, events, record

E = TypeVar("E", bound=StrEnum)

logs = st.lists(events, min_size=1, max_size=6).map(record)

DAY = record(
    [
        event(EventType.STATION_OPENED, 0, zero_report="ab"),
        event(EventType.VOTING_STARTED, 1),
        event(EventType.STATION_CLOSED, 2),
        event(EventType.REPORT_ACCEPTED, 3, ballots=1_276_092),
    ]
)


def _flip(digest: str) -> str:
    return ("1" if digest[0] == "0" else "0") + digest[1:]


def _other(values: list[E], value: E) -> E:
    return values[(values.index(value) + 1) % len(values)]


def _tampered_events(e: Event) -> Iterator[Event]:
    """The event with each of its fields changed in turn."""
    yield dataclasses.replace(e, time=e.time + datetime.timedelta(microseconds=1))
    yield dataclasses.replace(e, actor=e.actor + "x")
    yield dataclasses.replace(e, role=e.role + "x")
    yield dataclasses.replace(e, place=e.place + "x")
    yield dataclasses.replace(e, type=_other(list(EventType), e.type))
    yield dataclasses.replace(e, disposition=_other(list(Disposition), e.disposition))
    yield dataclasses.replace(
        e, details={**e.details, "\u200c": None} if "\u200c" not in e.details else {}
    )


def _tampered_entries(entry: Entry) -> Iterator[tuple[Entry, Fault]]:
    """The entry with each of its fields changed in turn, and the fault that must be found."""
    yield dataclasses.replace(entry, sequence=entry.sequence + 1), Fault.SEQUENCE_GAP
    yield dataclasses.replace(entry, sequence=entry.sequence - 1), Fault.SEQUENCE_GAP
    yield dataclasses.replace(entry, previous_hash=_flip(entry.previous_hash)), Fault.BROKEN_LINK
    yield dataclasses.replace(entry, hash=_flip(entry.hash)), Fault.HASH_MISMATCH
    for changed in _tampered_events(entry.event):
        yield dataclasses.replace(entry, event=changed), Fault.HASH_MISMATCH


def _replaced(entries: list[Entry], index: int, entry: Entry) -> list[Entry]:
    return [*entries[:index], entry, *entries[index + 1 :]]


def test_a_sound_record_verifies_and_gives_its_head() -> None:
    result = verify(DAY)
    assert result.ok
    assert (result.checked, result.head) == (4, Checkpoint(4, DAY[-1].hash))
    assert verify(DAY, Checkpoint(2, DAY[1].hash)).ok


def test_an_empty_record_verifies() -> None:
    assert verify([]) == verify(iter([]))
    assert (verify([]).checked, verify([]).head, verify([]).broken) == (0, None, None)


def test_a_changed_count_is_named_with_both_hashes() -> None:
    forged = dataclasses.replace(DAY[3].event, details={"ballots": 1_276_093})
    result = verify(_replaced(DAY, 3, dataclasses.replace(DAY[3], event=forged)))
    assert result.broken is not None
    assert (result.broken.position, result.broken.sequence) == (3, 4)
    assert result.broken.fault == Fault.HASH_MISMATCH
    assert result.broken.found == DAY[3].hash
    assert str(result.broken) == (
        f"entry 4 (position 3): hash-mismatch: expected {result.broken.expected}, "
        f"found {DAY[3].hash}"
    )
    assert (result.checked, result.head) == (4, Checkpoint(3, DAY[2].hash))


def test_a_record_that_does_not_start_at_the_genesis_is_broken() -> None:
    assert verify(DAY[1:]).broken == Break(0, 2, Fault.SEQUENCE_GAP, "1", "2")
    renumbered = dataclasses.replace(DAY[1], sequence=1)
    broken = verify([renumbered]).broken
    assert broken == Break(0, 1, Fault.BROKEN_LINK, GENESIS_HASH, DAY[0].hash)


def test_a_cut_off_end_is_found_only_against_a_checkpoint() -> None:
    assert verify(DAY[:2]).ok
    cut = verify(DAY[:2], Checkpoint(4, DAY[3].hash))
    assert cut.broken == Break(2, 3, Fault.TRUNCATED, "entry 4", "the last entry is 2")
    empty = verify([], Checkpoint(1, DAY[0].hash))
    assert empty.broken == Break(0, 1, Fault.TRUNCATED, "entry 1", "no entry")


@given(logs, st.data())
def test_any_field_changed_in_any_entry_is_found_there(
    entries: list[Entry], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(entries) - 1))
    for tampered, fault in _tampered_entries(entries[index]):
        result = verify(_replaced(entries, index, tampered))
        assert result.broken is not None
        assert (result.broken.position, result.broken.fault) == (index, fault)
        assert result.checked == index + 1


@given(logs, st.data())
def test_a_changed_and_resealed_entry_breaks_the_next_link_or_the_checkpoint(
    entries: list[Entry], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(entries) - 1))
    before = entries[index - 1] if index else None
    resealed = chain(before, next(_tampered_events(entries[index].event)))
    forged = _replaced(entries, index, resealed)
    if index + 1 < len(entries):
        assert _where(verify(forged)) == (index + 1, Fault.BROKEN_LINK)
    else:
        assert verify(forged).ok  # the chain alone cannot tell a rewritten end
    head = Checkpoint(len(entries), entries[-1].hash)
    last = len(entries) - 1
    expected = (index + 1, Fault.BROKEN_LINK) if index < last else (last, Fault.CHECKPOINT_MISMATCH)
    assert _where(verify(forged, head)) == expected


@given(logs, st.data())
def test_a_deleted_entry_is_found_where_it_was(entries: list[Entry], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(entries) - 1))
    cut = entries[:index] + entries[index + 1 :]
    head = Checkpoint(len(entries), entries[-1].hash)
    if index + 1 < len(entries):
        assert _where(verify(cut)) == (index, Fault.SEQUENCE_GAP)
        assert _where(verify(cut, head)) == (index, Fault.SEQUENCE_GAP)
    else:
        assert verify(cut).ok
        assert _where(verify(cut, head)) == (index, Fault.TRUNCATED)


@given(logs, st.data())
def test_an_inserted_entry_is_found(entries: list[Entry], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(entries) - 1))
    others = [i for i in range(len(entries)) if i != index]
    if others:  # a copy of any other entry put in before entry `index`
        copied = entries[data.draw(st.sampled_from(others))]
        with_copy = [*entries[:index], copied, *entries[index:]]
        assert _where(verify(with_copy)) == (index, Fault.SEQUENCE_GAP)
    before = entries[index - 1] if index else None
    sealed = chain(before, dataclasses.replace(entries[index].event, actor="intruder"))
    with_forgery = [*entries[:index], sealed, *entries[index:]]
    assert _where(verify(with_forgery)) == (index + 1, Fault.SEQUENCE_GAP)


@given(logs, st.data())
def test_reordered_entries_are_found_at_the_first_moved(
    entries: list[Entry], data: st.DataObject
) -> None:
    permutation = data.draw(st.permutations(range(len(entries))))
    reordered = [entries[i] for i in permutation]
    moved = [p for p, i in enumerate(permutation) if p != i]
    result = verify(reordered)
    if moved:
        assert _where(result) == (moved[0], Fault.SEQUENCE_GAP)
    else:
        assert result.ok


def _where(result: VerifyResult) -> tuple[int, Fault] | None:
    broken = result.broken
    return None if broken is None else (broken.position, broken.fault)

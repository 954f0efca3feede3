"""The cycle collector paused while a use case builds what stays, and restored after."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from sandogh.services.collector import HeldBetweenPasses, collector_paused, frozen


def test_the_collector_is_paused_and_then_restored() -> None:
    seen: list[bool] = []

    def read() -> None:
        with collector_paused():
            seen.append(gc.isenabled())
            raise KeyError("unreadable")

    assert gc.isenabled()
    with pytest.raises(KeyError):
        read()
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


class _Node:
    me: _Node | None = None


def test_what_was_built_goes_to_the_oldest_generation_and_a_cycle_is_still_collected() -> None:
    with collector_paused():
        kept = [_Node() for _ in range(2_000)]
        cycle = _Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
    assert gc.get_count()[0] < 2_000  # the young generation's count started again
    assert gc.get_freeze_count() == 0  # nothing left out of collection
    young = {id(o) for o in gc.get_objects(generation=0)}
    assert not any(id(node) in young for node in kept)
    assert any(o is kept[0] for o in gc.get_objects(generation=2))
    gc.collect()
    assert gone() is None


@pytest.fixture
def unfrozen_after() -> Iterator[None]:
    """Whatever a test froze goes back to the collector after it, which runs again."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("unfrozen_after")
def test_an_outer_freeze_outlives_the_pauses_and_freezes_inside_it() -> None:
    gc.freeze()
    held = gc.get_freeze_count()
    with frozen():
        pass
    with collector_paused():
        built = [_Node() for _ in range(100)]
    assert gc.get_freeze_count() >= held + len(built)  # nothing released; what was built joined
    gc.unfreeze()
    with frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # its own freeze, released


@pytest.mark.usefixtures("unfrozen_after")
def test_what_a_pass_leaves_is_held_and_a_cycle_dropped_later_is_freed_within_the_period() -> None:
    held = HeldBetweenPasses(every=3)
    cycle = _Node()
    cycle.me = cycle
    gone = weakref.ref(cycle)
    garbage = _Node()
    garbage.me = garbage
    collected = weakref.ref(garbage)
    del garbage
    held.passed()
    assert collected() is None  # a cycle already garbage is collected, never frozen
    assert not gc.isenabled()  # until the next pass ends
    assert gc.get_freeze_count() > 0
    young = {id(o) for g in range(3) for o in gc.get_objects(generation=g)}
    assert id(cycle) not in young  # out of every generation: no full collection scans it
    del cycle  # a cycle: reference counting cannot free it, the freeze keeps it
    held.passed()
    gc.collect()
    assert gone() is not None
    held.passed()  # the third pass: everything collected whole
    assert gone() is None
    assert gc.get_freeze_count() > 0  # and held again

"""The cycle collector paused while a use case builds what stays, and restored after."""

from __future__ import annotations

import gc
import weakref

import pytest

from sandogh.services.collector import collector_paused


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

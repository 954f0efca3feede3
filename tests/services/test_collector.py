"""The cycle collector paused while a use case builds what stays, and restored after."""

from __future__ import annotations

import gc

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

"""Pausing Python's cycle collector while a use case builds a large tree of objects that stay.

Every collection rescans the objects still alive, so building millions of them (a national
definition decoded, a national day's sheets read and added up) with the collector running spends
a good part of the time rescanning what was just built: a national definition decoded about
five times slower with it running. Nothing built under the pause forms a
cycle, so nothing is left unfreed; a cycle made meanwhile elsewhere waits for the next collection.

A process that keeps a large state for hours (the night's publisher) holds it out of the full
collections that would rescan it all (`HeldBetweenPasses`, collecting at the end of each pass);
the pauses here and the freezes of forked workers (`frozen`) release only what they froze
themselves, never that.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, and back as it was after (a pause inside a pause ends with
    the outer one).

    What was built inside is moved to the oldest generation as the pause ends (`freeze` moves
    every object out of the generations and starts the young one's count again, `unfreeze`
    puts them all in the oldest): otherwise the first young collection after it scanned the
    millions of objects just built, and the next middle one again, before they reached the
    oldest, where they go anyway (0.5-1 s after a national definition is decoded, measured).
    Nothing is left out of collection: the oldest generation is scanned in full collections —
    unless an outer freeze holds (`frozen`), which what was built joins.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            with frozen():
                pass
            gc.enable()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Everything alive held out of the collector inside (`gc.freeze`; in a forked worker its
    visits would copy every inherited page), and put back in the oldest generation after —
    unless a freeze held already: that one is another's to end (`HeldBetweenPasses`), and what
    was made since joins it (`gc.unfreeze` would release both at once)."""
    held = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not held:
            gc.unfreeze()


WHOLE_EVERY = 20
"""Passes between two full collections of everything a `HeldBetweenPasses` holds."""


class HeldBetweenPasses:
    """A long-lived process's state kept out of the cycle collector's full collections.

    The night's publisher keeps the election and what its site read (millions of objects) from
    one pass to the next; every full collection rescanned them all (1.5-2 s of CPU nationally,
    about one a pass: bench/night_pass.py). Freezing them after each pass is not enough: a full
    collection comes when the objects that reached the oldest generation since the last one
    outnumber a quarter of those it left, so with the state frozen a pass that keeps a million
    objects of its own (the nation's results parsed again) rescanned them ten times (measured).
    So once held, the collector runs at the end of each pass alone (`passed`): it collects
    what is not frozen — what the pass made, once — and freezes what is left, and is then off
    until the next pass ends (`gc.disable`: the process must publish and nothing else).

    Why nothing leaks: a frozen object, or one made with the collector off, is still freed by
    reference counting the moment nothing refers to it. Only cycles wait: those a pass made
    for its end, and a cycle of frozen objects that becomes garbage later for the next whole
    collection: every `every` passes everything is unfrozen and collected whole, as one full
    collection did each pass. Nationally there is next to nothing to wait: after four passes
    a whole collection found 0-17 objects unreachable (bench/night_pass.py).
    """

    def __init__(self, every: int = WHOLE_EVERY) -> None:
        self._every = every
        self._passes = 0

    def passed(self) -> None:
        """A pass ended: collect what it left (everything, every `every` passes), freeze it."""
        self._passes += 1
        if self._passes % self._every == 0:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        gc.disable()

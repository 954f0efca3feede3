"""What the site's renderings keep of a snapshot's files from one rendering to the next.

A publisher following the log renders the site after each pass (`publish.site_passes`), and
every pass reads the outcomes of every constituency (the election's page lists them, and each
page finds where its constituencies lie from them and from their units' results:
`pages.ElectionPages`): 7,091 files at 5,000 stations, most of a pass's fixed time when read
again each pass. What is kept holds while the files hold what it was read from: the publisher
alone writes its snapshot's data, through its `publish.writer.Writer`, which lists every file
whose bytes it changed (a file written again with the same bytes is not listed, and holds what
was read); `forget` is given that list after each pass, before its rendering. Nothing is kept
by time.

The outcomes, units.json and the record are few (by the definition) and kept whole; the units'
results are many (~300,000 nationally, ~28 KB each once parsed), so only the `most` last asked
are kept. What a page makes of a file (a unit's line, a constituency's row) is kept with the
version of each file it was made of — a count of the times the writer wrote it since — and made
again once one is written: it does not hold the documents themselves.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
#: the units' results kept: the pages a pass renders read a few thousand at 5,000 stations
MOST_RESULTS = 20_000


class KeptReads:
    """The documents read of a snapshot, by their path under its root, and what was made of
    them; see the module docstring."""

    def __init__(self, most: int = MOST_RESULTS) -> None:
        self._few: dict[str, Any] = {}  # parsed documents (None: no such file)
        self._results: OrderedDict[str, Any] = OrderedDict()  # the last `most` asked last
        self._most = most
        self._versions: dict[str, int] = {}  # of the files something was made of
        self._made: dict[Hashable, tuple[tuple[int, ...], Any]] = {}

    def forget(self, written: Iterable[str]) -> None:
        """Drop what was read of the files `written` (paths under the snapshot's root), and
        count a version more of each that something was made of."""
        versions = self._versions
        for relative in written:
            self._few.pop(relative, None)
            self._results.pop(relative, None)
            if relative in versions:
                versions[relative] += 1

    def document(self, root: Path, relative: str, read: Callable[[Path], Any]) -> Any:
        """The file `relative` under `root` as `read` gives it (None where there is none)."""
        try:
            return self._few[relative]
        except KeyError:
            found = self._few[relative] = read(root / relative)
            return found

    def result(self, root: Path, relative: str, read: Callable[[Path], Any]) -> Any:
        """As `document`, for one of the many results: the least lately asked dropped."""
        results = self._results
        try:
            results.move_to_end(relative)
            return results[relative]
        except KeyError:
            found = results[relative] = read(root / relative)
            if len(results) > self._most:
                results.popitem(last=False)
            return found

    def made_of(self, key: Hashable, sources: tuple[str, ...], make: Callable[[], T]) -> T:
        """`make()`, which must depend on nothing but the files `sources` (paths under the
        root) and what `key` names, made again only once one of them is written."""
        versions = self._versions
        now = tuple(versions.setdefault(source, 0) for source in sources)
        found = self._made.get(key)
        if found is not None and found[0] == now:
            return cast(T, found[1])
        value = make()
        self._made[key] = (now, value)
        return value

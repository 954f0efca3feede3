"""What the site's renderings keep of a snapshot's files from one rendering to the next.

A publisher following the log renders the site after each pass (`publish.site_passes`), and
every pass reads the outcomes of every constituency (the election's page lists them, and each
page finds where its constituencies lie from them and from their units' results:
`pages.ElectionPages`): 7,091 files at 5,000 stations, most of a pass's fixed time when read
again each pass. What is kept holds while the files hold what it was read from: the publisher
alone writes its snapshot's data, through its `publish.writer.Writer`, which lists every file
whose bytes it changed (a file written again with the same bytes is not listed, and holds what
was read); `forget` is given that list after each pass, before its rendering. Nothing is kept
by time. What is kept is also held to the file itself on every ask (its inode, size and time of
change, as the file read had them): another writer of the folder — a whole `sandogh publish`
run into it while a publisher follows, whose bytes the follower's writer then finds unchanged —
makes the file read again and what was made of it made again (the outsider's F1 of session 26:
the follower had put back pages of the figures before a void).

The outcomes, units.json and the record are few (by the definition) and kept whole; the units'
results are many (~300,000 nationally, ~28 KB each once parsed), so only the `most` last asked
are kept. The results a pass wrote come from the pass itself, as it made them, with their
files' stamps (`keep`): not read again. What a page makes of a file (a unit's line, a
constituency's row) is kept with the stamp of each file it was made of, and made again once
one's stamp changes (a file written is renamed over the old, so its inode changes): it does not
hold the documents themselves.

A file is stamped once a rendering (`Stamps`): the publisher writes no data file while its site
renders, so the stamp found first holds for every later ask of that rendering — nationally the
election's page asks what was made of ~200,000 files' stamps, a stat and a path joined each.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

from sandogh.publish.writer import Stamp, file_stamp

T = TypeVar("T")
#: the units' results kept: the pages a pass renders read a few thousand at 5,000 stations
MOST_RESULTS = 20_000

Kept = tuple[Stamp, Any]


def _now(path: str) -> Stamp:
    try:
        return file_stamp(os.stat(path))
    except FileNotFoundError:
        return None


def _load(path: str, decode: Callable[[bytes], Any]) -> Kept:
    """The file decoded, stamped as the open file was when read; (None, None) when absent."""
    try:
        with open(path, "rb") as stream:
            return file_stamp(os.fstat(stream.fileno())), decode(stream.read())
    except FileNotFoundError:
        return None, None


class Stamps:
    """The stamps of the files under `root` as one rendering finds them, each file's stat'ed
    once: one instance serves one rendering, while no data file is written."""

    def __init__(self, root: Path) -> None:
        self._root = f"{os.fspath(root)}/"
        self._found: dict[str, Stamp] = {}

    def __call__(self, relative: str) -> Stamp:
        found = self._found
        if relative in found:
            return found[relative]
        stamp = found[relative] = _now(self._root + relative)
        return stamp

    def read(self, relative: str, decode: Callable[[bytes], Any]) -> Kept:
        """The file decoded and its stamp, which the rest of the rendering then holds."""
        stamp, value = _load(self._root + relative, decode)
        self._found.setdefault(relative, stamp)
        return stamp, value


class KeptReads:
    """The documents read of a snapshot, by their path under its root, and what was made of
    them; see the module docstring."""

    def __init__(self, most: int = MOST_RESULTS) -> None:
        self._few: dict[str, Kept] = {}  # decoded documents (None: no such file)
        self._results: OrderedDict[str, Kept] = OrderedDict()  # the last `most` asked last
        self._most = most
        self._made: dict[Hashable, tuple[tuple[Stamp, ...], Any]] = {}

    def forget(self, written: Iterable[str]) -> None:
        """Drop what was read of the files `written` (paths under the snapshot's root)."""
        for relative in written:
            self._few.pop(relative, None)
            self._results.pop(relative, None)

    def keep(self, given: Mapping[str, Kept]) -> None:
        """Keep the documents `given` (by path under the snapshot's root, each with the stamp of
        the file it is what decodes to) as if read: those of the results a pass just wrote,
        which the pass made them from (`publish.writer.Writer.documents`). Held to their
        files' stamps as any document read is."""
        for relative, kept in given.items():
            self._results[relative] = kept
            self._results.move_to_end(relative)
        while len(self._results) > self._most:
            self._results.popitem(last=False)

    def document(self, stamps: Stamps, relative: str, decode: Callable[[bytes], Any]) -> Any:
        """The file `relative` (under the root `stamps` holds) as `decode` reads its bytes, or
        None where there is no such file."""
        return self._through(self._few, stamps, relative, decode)

    def result(self, stamps: Stamps, relative: str, decode: Callable[[bytes], Any]) -> Any:
        """As `document`, for one of the many results: the least lately asked dropped."""
        results = self._results
        found = self._through(results, stamps, relative, decode)
        results.move_to_end(relative)
        if len(results) > self._most:
            results.popitem(last=False)
        return found

    def _through(
        self, kept: dict[str, Kept], stamps: Stamps, relative: str, decode: Callable[[bytes], Any]
    ) -> Any:
        found = kept.get(relative)
        if found is not None:
            if found[0] == stamps(relative):
                return found[1]
            self.forget([relative])  # written by another writer than the publisher's
        found = kept[relative] = stamps.read(relative, decode)
        return found[1]

    def made_of(
        self,
        stamps: Stamps,
        key: Hashable,
        sources: tuple[str, ...],
        make: Callable[[], T],
        holds: Callable[[T], bool] | None = None,
    ) -> T:
        """`make()`, which must depend on nothing but the files `sources` (paths under the root
        `stamps` holds) and what `key` names, made again only once one of them is written — or,
        with `holds`, once it says that what was made no longer holds (what depends on files too
        many to stamp, each checked by what it was made of)."""
        now = tuple(map(stamps, sources))
        found = self._made.get(key)
        if found is not None and found[0] == now and (holds is None or holds(found[1])):
            return cast(T, found[1])
        value = make()
        self._made[key] = (now, value)
        return value

"""Rendering the results site after the publisher writes (`publish.snapshot.Publisher`), when
the site module (`sandogh.publish.site`, issue 5, item 2) is installed.

A publisher following the log renders after every pass the pages of the units whose files
changed, and each rendering reads the election's files it needs; what it reads of the many
large ones (every unit's result, every constituency's outcome) is kept from one pass to the
next (`publish.site.kept_reads.KeptReads`), each dropped as the publisher writes it again: every
file a pass wrote is in its writer's list, given here before the pages are rendered. The results
a pass wrote are kept as the pass made them (`publish.result_bytes`), not read again: the
nation's are megabytes, written by every pass. A whole
regeneration, or a catch-up from a snapshot an earlier run left, starts from nothing kept, and
ends reading what every pass will (`SiteRendering.prime`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, cast

from sandogh.publish.writer import Stamp

RenderSite = Callable[..., int]


class _Kept(Protocol):
    def forget(self, written: Collection[str]) -> None: ...

    def keep(self, given: Mapping[str, tuple[Stamp, Any]]) -> None: ...


def _site() -> ModuleType | None:
    try:
        return importlib.import_module("sandogh.publish.site")
    except ImportError:
        return None


class SiteRendering:
    """Renders the site of a snapshot under `root` after each of its publisher's writings."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._kept: _Kept | None = None

    def restart(self) -> None:
        """Keep nothing read: the next rendering reads every file it needs again."""
        self._kept = None

    def prime(self, elections: Collection[str]) -> None:
        """Read now, and keep, what every pass's rendering reads — every constituency's outcome
        and its units' lines, for the election's page — by rendering the pages every pass
        renders (current, they are not written again), so that the first pass of the night
        does not read them with its reports waiting."""
        site = _site()
        render = cast(RenderSite | None, getattr(site, "render_site", None))
        kept_reads = getattr(site, "KeptReads", None)
        if render is None or kept_reads is None:
            return
        if self._kept is None:
            self._kept = cast(_Kept, kept_reads())
        for election in elections:
            render(self._root, election, (), kept=self._kept)

    def render(
        self,
        units: Mapping[str, set[str] | None],
        workers: Mapping[str, int],
        written: Collection[str],
        given: Mapping[str, tuple[Stamp, Any]] | None = None,
    ) -> int | None:
        """Render the pages of `units` (None: every page) by `workers` processes for each
        election, after a writing that changed the files `written`, of which it made the
        documents `given` (`publish.writer.Writer.documents`: kept as read, not read again);
        the pages written, or None without the site module."""
        site = _site()
        render = cast(RenderSite | None, getattr(site, "render_site", None))
        if render is None:
            return None
        extra: dict[str, Any] = {}
        kept_reads = getattr(site, "KeptReads", None)
        if kept_reads is not None:  # a site that keeps what it reads between renderings
            if self._kept is None:
                self._kept = cast(_Kept, kept_reads())
            else:
                self._kept.forget(written)
            self._kept.keep(given or {})
            extra["kept"] = self._kept
        return sum(
            render(self._root, election, codes, workers=workers[election], **extra)
            for election, codes in units.items()
        )

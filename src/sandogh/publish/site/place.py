"""Where a page of the results site lives under its language's root, and the links from it.

The layout is docs/publish.md's: Persian at the root, English under `en/`, every link relative so
the snapshot can be served from any address by any static server.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from sandogh.locale import Lang


@dataclass(frozen=True)
class Place:
    """A page's path under its language's root, and the relative links from it."""

    lang: Lang
    path: str

    @property
    def home(self) -> str:
        """To the language's root: where this language's pages start."""
        return "../" * self.path.count("/")

    @property
    def up(self) -> str:
        """To the snapshot's root: where data/ and assets/ are."""
        return self.home + ("../" if self.lang == "en" else "")

    @property
    def other(self) -> str:
        """The same page in the other language."""
        return self.up + ("en/" if self.lang == "fa" else "") + self.path

    @property
    def output(self) -> str:
        return self.path if self.lang == "fa" else f"en/{self.path}"

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.path) or "."


@lru_cache(maxsize=1 << 16)
def relative(target: str, start: str) -> str:
    """`posixpath.relpath`, kept: pages link to the same units from the same few folders, and
    `relpath` makes both paths absolute each time (~15 links a page)."""
    return posixpath.relpath(target, start)

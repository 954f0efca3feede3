"""Reading a published snapshot: from a folder, or from any web server by HTTP(S).

`sandogh verify-results` depends on the published files only (issue 5, item 3), read by their
paths under the snapshot's root (docs/publish.md). A file that is not there reads as None; any
other failure (a server error, a timeout, a file that cannot be read) raises `SourceError`, since
a verifier must not mistake a failed download for a missing file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

import httpx

from sandogh.core.errors import SandoghError

_NOT_FOUND = (404, 410)
_PARALLEL = 8  # downloads at once: a national snapshot has ~400,000 files


class SourceError(SandoghError):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"cannot read {where}: {reason}")


class Source(Protocol):
    """A snapshot's files by their path under its root (`data/elections.json`, …)."""

    location: str

    def read(self, relative: str) -> bytes | None: ...

    def read_many(self, relatives: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
        """Each file with its path, in the order asked."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class FolderSource:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    def read(self, relative: str) -> bytes | None:
        path = self.root / relative
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise SourceError(str(path), error.strerror or str(error)) from error

    def read_many(self, relatives: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
        for relative in relatives:
            yield relative, self.read(relative)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


class HttpSource:
    def __init__(self, base: str, *, transport: httpx.BaseTransport | None = None) -> None:
        self.location = base
        self._base = base.rstrip("/") + "/"
        self._client = httpx.Client(
            timeout=60.0,
            follow_redirects=True,
            transport=transport,
            limits=httpx.Limits(max_connections=_PARALLEL),
        )

    def read(self, relative: str) -> bytes | None:
        url = self._base + relative
        try:
            response = self._client.get(url)
        except httpx.HTTPError as error:
            raise SourceError(url, str(error) or error.__class__.__name__) from error
        if response.status_code in _NOT_FOUND:
            return None
        if response.status_code != httpx.codes.OK:
            raise SourceError(url, f"HTTP {response.status_code}")
        return response.content

    def read_many(self, relatives: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
        listed = list(relatives)
        with ThreadPoolExecutor(_PARALLEL) as pool:
            yield from zip(listed, pool.map(self.read, listed), strict=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._client.close()


def open_source(location: str) -> FolderSource | HttpSource:
    """An `http://` or `https://` URL, or a folder."""
    if location.startswith(("http://", "https://")):
        return HttpSource(location)
    root = Path(location)
    if not root.is_dir():
        raise SourceError(location, "no such folder")
    return FolderSource(root)


def read_document(location: str) -> bytes:
    """One file, from a path or an `http://` or `https://` URL: what a verifier is given from a
    second source (the pre-election record), beside the snapshot it checks."""
    if location.startswith(("http://", "https://")):
        base, _, name = location.rpartition("/")
        with HttpSource(base) as source:
            data = source.read(name)
    else:
        try:
            data = Path(location).read_bytes()
        except OSError as error:
            raise SourceError(location, error.strerror or str(error)) from error
    if data is None:
        raise SourceError(location, "not found")
    return data

"""The box's build: one hash of the code it runs, which it names in every report it signs.

Issue 12 (seed-facts.md: 25,000 of 33,000 boxes "updated" at one report) and docs/fleet.md. The
build is what anyone can recompute from a release, with nothing but coreutils:

    cd site-packages   # the directory that holds the installed `sandogh` package
    find sandogh -type f ! -path '*/__pycache__/*' ! -name '*.pyc' | LC_ALL=C sort \\
        | xargs sha256sum | sha256sum

that is, the SHA-256 of the manifest whose lines are `HEX  PATH\\n` (`sha256sum`'s own form: the
file's lower-case hex SHA-256, two spaces, its path), one per regular file of the package, its
path relative to the package's parent with `/` between names, sorted by the path's UTF-8 bytes;
compiled files (`__pycache__`, `.pyc`) are left out, as the interpreter writes them on its own.
The build is `sha256:` and that hash's hex, as every digest sandogh prints (`report.digests`).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import sandogh
from sandogh.core.report.digests import sha256_text


def manifest(package: Path) -> bytes:
    """The manifest of the package directory `package` (see the module docstring)."""
    files = sorted(
        (
            path
            for path in package.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        ),
        key=lambda path: path.relative_to(package.parent).as_posix().encode(),
    )
    return b"".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  "
        f"{path.relative_to(package.parent).as_posix()}\n".encode()
        for path in files
    )


def build_of(package: Path) -> str:
    """The build of the package directory `package`: `sha256:` and the manifest's SHA-256."""
    return sha256_text(manifest(package))


@functools.cache
def installed_build() -> str:
    """The build of the `sandogh` package this process runs, read once per process."""
    return build_of(Path(sandogh.__file__).parent)

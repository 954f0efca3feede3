"""Candidates' photos on the ballot screen: files of the box's own `photos/` folder, each shown
only when the definition names it by its SHA-256 (docs/formats.md, a candidate's `photo`).

The definition travels to the box in the enrolment document; the image files do not (they are
copied into the folder with the box's set-up). A file is shown only if its bytes hash to the
digest the definition gives and are a JPEG, PNG or WebP image: a missing, altered or foreign file
leaves the candidate's initials in its place, never a broken image or another person's face. The
box serves nothing else from the folder, and reads a file at most once (photos do not change on
election day).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from sandogh.locale import Lang

PREFIX = "sha256:"
_TYPES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
MAX_BYTES = 2 * 1024 * 1024  # a passport photo is tens of kilobytes


def image_type(data: bytes) -> str | None:
    """The media type of an image the screen may show, by its first bytes; None for any other."""
    for magic, kind in _TYPES:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def photo_digests(document: str | None) -> dict[tuple[str, str], str]:
    """(contest, candidate code) → the hex SHA-256 of the photo the enrolment document names."""
    parsed = json.loads(document) if document else {}
    items = parsed.get("contests") if isinstance(parsed, Mapping) else None
    found: dict[tuple[str, str], str] = {}
    for item in items if isinstance(items, list) else []:
        people = item.get("candidates") if isinstance(item, Mapping) else None
        for person in people if isinstance(people, list) else []:
            if not isinstance(person, Mapping):
                continue
            code, photo = person.get("code"), person.get("photo")
            if isinstance(code, str) and isinstance(photo, str) and photo.startswith(PREFIX):
                found[(str(item.get("id")), code)] = photo.removeprefix(PREFIX)
    return found


class Photos:
    """The photos in `folder` that the definition names; `None` as folder: none."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._read: dict[str, tuple[bytes, str] | None] = {}

    def image(self, digest: str) -> tuple[bytes, str] | None:
        """The bytes and media type of the photo whose SHA-256 is `digest`, if the folder holds
        it as an image; the digest must be one the definition names (the caller's check)."""
        if digest in self._read:
            return self._read[digest]
        found: tuple[bytes, str] | None = None
        if self._folder is not None and len(digest) == 64 and digest.isalnum():
            path = self._folder / digest
            data = path.read_bytes() if path.is_file() and _small(path) else b""
            kind = image_type(data)
            if kind is not None and hashlib.sha256(data).hexdigest() == digest:
                found = (data, kind)
        self._read[digest] = found
        return found

    def shown(self, named: Mapping[tuple[str, str], str]) -> dict[tuple[str, str], str]:
        """Of the photos the definition names, those this box can show."""
        return {key: digest for key, digest in named.items() if self.image(digest) is not None}


def _small(path: Path) -> bool:
    return path.stat().st_size <= MAX_BYTES


def initials(name: str, lang: Lang) -> str:
    """The first letters of a name's first and last words, for the tile of a candidate without a
    photo: "م پ" for مسعود پزشکیان (Persian letters stand apart, not joined into a word), "MP"."""
    words = name.split()
    if not words:
        return ""
    letters = [words[0][0]] + ([words[-1][0]] if len(words) > 1 else [])
    return (" " if lang == "fa" else "").join(letters).upper()

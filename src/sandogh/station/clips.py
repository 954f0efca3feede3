"""The audio ballot's clips, made on the box and kept in its directory (issue 13).

A clip is named by the SHA-256 of its language and text, so a text is made once and then read
from the folder. The texts are the ballot's own words, each contest's and each candidate's and the
screens' instructions, all made together the first time a screen needs any of them (`make`): no
file's name or time tells which candidate a voter heard or chose, and nothing here logs.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from sandogh.locale import Lang
from sandogh.station.speech import Speech

_CLIP_ID = re.compile(r"[0-9a-f]{64}")
_PRIVATE = 0o700


def clip_id(text: str, lang: Lang) -> str:
    return hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()


class Clips:
    """Clips of `speech` in `folder` (made with the box's own rights only)."""

    def __init__(self, speech: Speech, folder: Path) -> None:
        self._speech = speech
        self._folder = folder

    def make(self, texts: Iterable[tuple[str, Lang]]) -> None:
        """Each of `texts` as a clip, unless the folder holds it already."""
        self._folder.mkdir(mode=_PRIVATE, parents=True, exist_ok=True)
        for text, lang in texts:
            path = self._folder / f"{clip_id(text, lang)}.wav"
            if path.exists():
                continue
            partial = path.with_suffix(".part")
            partial.write_bytes(self._speech.wav(text, lang))
            os.replace(partial, path)  # a clip is whole or absent, even after a crash

    def read(self, clip: str) -> bytes | None:
        """The clip named `clip`, or None if there is none (or the name is not a clip's)."""
        if not _CLIP_ID.fullmatch(clip):
            return None
        path = self._folder / f"{clip}.wav"
        return path.read_bytes() if path.exists() else None

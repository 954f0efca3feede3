"""Speech for the audio ballot (issue 13): a voter who cannot read the screen hears it through
headphones, in Persian or English, from speech made on the box itself (no network, no service).

`Speech` is the port: a text in a language, as a WAV clip. `EspeakSpeech` runs espeak-ng (the
Debian package `espeak-ng`, scripts/system-packages) with its Persian and English voices;
`SilentSpeech` is the fake beside it, a short silent clip, so that screens can be tested without
the program. What is said is only ever the ballot's own words (contests, candidates,
instructions), never a voter's choice: `station.clips` keeps one clip a text.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import Protocol

from sandogh.locale import Lang

#: espeak-ng's voice for each of the box's languages
VOICES: dict[Lang, str] = {"fa": "fa", "en": "en"}
PROGRAM = "espeak-ng"
SECONDS = 20.0  # longer than any sentence of a ballot takes to make


class SpeechError(RuntimeError):
    """The box could not make speech (the program is missing or failed): its words say which."""


class Speech(Protocol):
    def wav(self, text: str, lang: Lang) -> bytes:
        """`text` said in `lang`, as a WAV file's bytes."""
        ...


class EspeakSpeech:
    """espeak-ng, run once a clip: the text goes on its standard input (never its command line,
    where a name could read as an option) and the clip comes back in a file of its own."""

    def __init__(self, program: str = PROGRAM, *, speed: int = 150) -> None:
        found = shutil.which(program)
        if found is None:
            raise SpeechError(f"{program} is not installed (Debian package espeak-ng)")
        self._program = found
        self._speed = speed

    def wav(self, text: str, lang: Lang) -> bytes:
        with tempfile.TemporaryDirectory(prefix="sandogh-speech-") as folder:
            clip = Path(folder) / "clip.wav"
            command = [self._program, "-v", VOICES[lang], "-s", str(self._speed), "-b", "1"]
            done = subprocess.run(
                [*command, "-w", str(clip)],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=SECONDS,
                check=False,
            )
            if done.returncode != 0 or not clip.exists():
                raise SpeechError(f"{PROGRAM} failed: {done.stderr.decode(errors='replace')}")
            return clip.read_bytes()


class SilentSpeech:
    """The fake: a tenth of a second of silence for any text, and a note of what was asked."""

    def __init__(self) -> None:
        self.said: list[tuple[str, Lang]] = []

    def wav(self, text: str, lang: Lang) -> bytes:
        self.said.append((text, lang))
        out = io.BytesIO()
        with wave.open(out, "wb") as clip:
            clip.setnchannels(1)
            clip.setsampwidth(2)
            clip.setframerate(8000)
            clip.writeframes(b"\0\0" * 800)
        return out.getvalue()

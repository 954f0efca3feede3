"""The audio ballot's clips on the box: one file a text and language, named by their SHA-256,
made once; a name that is not a clip's (another file of the box, a path) reads nothing."""

from __future__ import annotations

from pathlib import Path

from sandogh.locale import Lang
from sandogh.station.clips import Clips, clip_id
from sandogh.station.speech import SilentSpeech


def test_a_clip_is_made_once_and_named_by_its_text(tmp_path: Path) -> None:
    speech = SilentSpeech()
    clips = Clips(speech, tmp_path / "clips")
    texts: list[tuple[str, Lang]] = [
        ("ریاست جمهوری", "fa"),
        ("President", "en"),
        ("ریاست جمهوری", "en"),
    ]
    clips.make(texts)
    clips.make(texts)
    assert len(speech.said) == 3
    assert {p.name for p in (tmp_path / "clips").iterdir()} == {
        f"{clip_id(text, lang)}.wav" for text, lang in texts
    }
    assert clips.read(clip_id("President", "en")) == speech.wav("President", "en")


def test_only_a_clip_is_read(tmp_path: Path) -> None:
    (tmp_path / "station.sqlite").write_text("the box's own")
    clips = Clips(SilentSpeech(), tmp_path / "clips")
    clips.make([("x", "fa")])
    for name in ("../station.sqlite", "../station", "A" * 64, clip_id("y", "fa"), ""):
        assert clips.read(name) is None
    assert (tmp_path / "clips").stat().st_mode & 0o077 == 0

"""The audio ballot's speech: espeak-ng itself says Persian and English (scripts/system-packages
installs it, as on the box), and the fake beside it gives a short silent clip of the same form."""

from __future__ import annotations

import io
import wave

import pytest

from sandogh.station.speech import EspeakSpeech, SilentSpeech, SpeechError


def _seconds(clip: bytes) -> float:
    with wave.open(io.BytesIO(clip)) as read:
        assert read.getnchannels() == 1
        return read.getnframes() / read.getframerate()


def test_espeak_ng_says_a_candidate_in_persian_and_english() -> None:
    speech = EspeakSpeech()
    # a name that reads like an option on a command line goes in as text all the same
    persian = speech.wav("کد بیست و پنج، مسعود پزشکیان", "fa")
    english = speech.wav("-v code twenty-five, Masoud Pezeshkian", "en")
    assert _seconds(persian) > 1.0
    assert _seconds(english) > 1.0


def test_a_box_without_espeak_ng_is_told_so() -> None:
    with pytest.raises(SpeechError, match="espeak-ng"):
        EspeakSpeech("espeak-ng-not-installed")


def test_the_fake_is_a_tenth_of_a_second_of_silence() -> None:
    speech = SilentSpeech()
    clip = speech.wav("any", "fa")
    assert _seconds(clip) == pytest.approx(0.1)
    assert speech.said == [("any", "fa")]

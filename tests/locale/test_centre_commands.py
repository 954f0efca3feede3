"""What `sandogh serve` and `server-key` say (`locale.centre_commands`): both languages alike."""

from __future__ import annotations

from sandogh.locale.centre_commands import EN, FA
from sandogh.locale.messages import placeholders


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }

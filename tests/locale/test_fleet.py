"""The fleet's words: both languages complete with the same placeholders, a name for every
hand-over state, and no machine word on a Persian line."""

from __future__ import annotations

from sandogh.core.fleet import Step
from sandogh.locale.fleet import EN, FA, step_name
from sandogh.locale.messages import placeholders


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert FA.keys() == EN.keys()
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }
    assert [k for k, v in FA.items() if "ي" in v or "ك" in v] == []


def test_every_step_has_a_persian_name_without_a_machine_word() -> None:
    names = [step_name(step, "fa") for step in (*Step, None)]
    assert len(set(names)) == len(names)
    assert [n for n in names if any("a" <= c <= "z" for c in n)] == []

"""A refused step on the pre-election record: a Persian and an English word for every reason
the service gives (`AnchorRefusal`), the same placeholders in both, and no English on a Persian
line but for the command it names."""

from __future__ import annotations

import re

from sandogh.locale.anchor_refusals import EN, FA
from sandogh.locale.messages import placeholders
from sandogh.services.anchor import AnchorRefusal


def test_every_reason_is_worded_in_both_languages() -> None:
    assert FA.keys() == EN.keys() == {reason.value for reason in AnchorRefusal}
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }
    named = re.compile(r"\{\w+\}|sandogh anchor draft|--lang en")
    assert [k for k, v in FA.items() if re.search("[A-Za-z]", named.sub("", v))] == []
    assert [k for k, v in FA.items() if "ي" in v or "ك" in v] == []

"""The audit pages' words exist in Persian and English with the same placeholders, and every
role, the audit board's included, is named in both."""

from __future__ import annotations

from string import Formatter

from sandogh.core.access import Role
from sandogh.server.console import audit_labels
from sandogh.server.console.labels import label


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_audit_word_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(audit_labels.FA) == set(audit_labels.EN)
    for key, persian in audit_labels.FA.items():
        assert _fields(persian) == _fields(audit_labels.EN[key]), key


def test_every_role_is_named_in_both_languages() -> None:
    for role in Role:
        persian, english = label(f"role_{role.value}", "fa"), label(f"role_{role.value}", "en")
        assert persian != english
        assert not any("a" <= ch <= "z" for ch in persian), persian
    assert label("role_audit-board", "fa") == "هیئت حسابرسی برگه‌ها"

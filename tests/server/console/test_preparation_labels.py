"""The preparation pages' words exist in Persian and English with the same placeholders, no key
shadows another catalogue's, the Persian words carry no Latin letters, and every field a problem
or a form can name has its words."""

from __future__ import annotations

from string import Formatter

from sandogh.server.console import audit_labels, candidacy_labels, labels, preparation_labels


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_preparation_word_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(preparation_labels.FA) == set(preparation_labels.EN)
    for key, persian in preparation_labels.FA.items():
        assert _fields(persian) == _fields(preparation_labels.EN[key]), key
        words = "".join(text for text, _, _, _ in Formatter().parse(persian))
        assert not any("a" <= ch.lower() <= "z" for ch in words), persian


def test_no_preparation_word_shadows_another_catalogue() -> None:
    others = set(labels.FA) | set(audit_labels.FA) | set(candidacy_labels.FA)
    assert not set(preparation_labels.FA) & others

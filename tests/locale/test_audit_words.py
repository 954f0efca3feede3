"""Every decision, escalation, kind of audit and refusal `sandogh audit` can show has its words
in Persian and in English, with the same placeholders."""

from __future__ import annotations

from string import Formatter

from sandogh.core.audit.plan import AuditKind, Escalation
from sandogh.core.audit.rounds import Decision
from sandogh.locale.audit_words import DECISIONS, ESCALATIONS, KINDS, REFUSALS, SAID
from sandogh.services import audit_errors


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_code_is_named_in_both_languages() -> None:
    assert set(DECISIONS) == {d.value for d in Decision}
    assert set(ESCALATIONS) == {e.value for e in Escalation}
    assert set(KINDS) == {k.value for k in AuditKind}
    codes = {
        error.code
        for error in vars(audit_errors).values()
        if isinstance(error, type) and issubclass(error, audit_errors.AuditRefusedError)
    }
    assert codes - {"refused"} <= set(REFUSALS)
    for table in (DECISIONS, ESCALATIONS, KINDS, REFUSALS, SAID):
        for key, words in table.items():
            assert set(words) == {"fa", "en"}, key
            assert _fields(words["fa"]) == _fields(words["en"]), key

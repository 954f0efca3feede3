"""The E2E path's refusals: both languages complete with the same placeholders, Persian spelt
with Persian letters, a sentence for every reason the centre refuses a chain and every fault a
guardian refuses a snapshot for, and none of them quoting a machine word."""

from __future__ import annotations

from sandogh.locale.e2e_refusals import EN, FA, chain_refusal_key
from sandogh.locale.messages import placeholders
from sandogh.services.chains import ChainRefusal
from sandogh.services.origin_faults import OriginFault


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    assert FA.keys() == EN.keys()
    assert {k: placeholders(v) for k, v in FA.items()} == {
        k: placeholders(v) for k, v in EN.items()
    }
    assert [k for k, v in FA.items() if "ي" in v or "ك" in v] == []


def test_every_refusal_and_fault_has_its_sentence_and_no_other_is_kept() -> None:
    chains = {chain_refusal_key(reason.value) for reason in ChainRefusal}
    origins = {f"origin_{fault.name.lower()}" for fault in OriginFault}
    assert FA.keys() == chains | origins
    codes = [reason.value for reason in ChainRefusal] + [fault.value for fault in OriginFault]
    assert [(k, c) for k in FA for c in codes if c in FA[k] or c in EN[k]] == []

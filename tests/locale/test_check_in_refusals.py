"""Why a voter got no ballot card: both languages complete, Persian spelt with Persian letters, a
sentence for every reason the centre or the box refuses a check-in and every fault of a typed
code, none quoting a machine word, and a runoff's naming no place."""

from __future__ import annotations

from sandogh.core.station.check_in_bounds import Impossible
from sandogh.core.voters import CodeFault
from sandogh.locale.check_in_refusals import EN, FA, check_in_refusal_key, code_fault_key
from sandogh.locale.messages import placeholders
from sandogh.services.check_in_rules import DeviceRefusal, RefusalReason
from sandogh.station.box_check_in import LocalRefusal

CENTRE_CHECK_IN = (
    Impossible.AFTER_FINAL_REPORT,
    Impossible.OVER_CAPACITY,
    Impossible.EARLIER_ROUND_MISSING,
)


def test_both_languages_have_the_same_keys_and_no_placeholders() -> None:
    assert FA.keys() == EN.keys()
    assert {placeholders(v) for v in (*FA.values(), *EN.values())} == {frozenset()}
    assert [k for k, v in FA.items() if "ي" in v or "ك" in v] == []


def test_every_reason_and_fault_has_its_sentence_and_no_other_is_kept() -> None:
    reasons = [*RefusalReason, *DeviceRefusal, *LocalRefusal, *CENTRE_CHECK_IN]
    keys = {check_in_refusal_key(r.value) for r in reasons}
    faults = {code_fault_key(f.value) for f in CodeFault}
    assert "check_in_refused_other" not in keys
    assert FA.keys() == keys | faults | {"check_in_refused_other"}
    assert check_in_refusal_key("http-502") == "check_in_refused_other"
    # the machine words of more than one word ("dead" is a word of both)
    codes = [c for c in [r.value for r in reasons] + [f.value for f in CodeFault] if "-" in c]
    assert [(k, c) for k in FA for c in codes if c in FA[k] or c in EN[k]] == []


def test_a_runoff_refusal_says_where_to_go_without_naming_it() -> None:
    key = check_in_refusal_key(RefusalReason.RUNOFF_ELSEWHERE)
    assert "دور نخست" in FA[key]
    assert "first round" in EN[key]

"""Names and documents an applicant may be registered with (review S19, F10): a right-to-left
override, other direction marks and zero-width characters, a blank name, a stray ZWNJ, unknown or
repeated documents are each refused, the field named; Persian's ZWNJ inside a word is kept."""

from __future__ import annotations

import dataclasses
import datetime

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.candidacy.applicant_checks import (
    BadField,
    Fault,
    applicant_problems,
    tidied,
)
from sandogh.core.candidacy.conditions import Applicant, Conditions, Education
from sandogh.core.definition.model import Name

CONDITIONS = Conditions(
    Name("ماده ۲۸", "Art. 28"), documents=("birth-certificate", "national-card", "degree")
)
PERSON = Applicant(
    "0000000001",
    "علی‌اکبر رضایی",
    "Ali-Akbar Rezaei",
    datetime.date(1980, 1, 1),
    Education.MASTER,
    documents=(("degree", "sha256:aa"),),
)


def problems(**changed: object) -> tuple[BadField, ...]:
    return applicant_problems(dataclasses.replace(PERSON, **changed), CONDITIONS)  # type: ignore[arg-type]


def test_a_persian_name_with_its_zwnj_is_fit() -> None:
    assert problems() == ()
    assert problems(name_en="") == ()  # the English name is optional


def test_the_reviewer_s_names_are_refused_with_the_field_named() -> None:
    assert problems(name_fa="علی\u202eیمب") == (BadField("name_fa", Fault.HIDDEN, "U+202E"),)
    assert problems(name_fa=" ", name_en="") == (BadField("name_fa", Fault.BLANK),)
    assert problems(name_en="Ali\u200b") == (BadField("name_en", Fault.HIDDEN, "U+200B"),)
    assert problems(name_fa="علی\u200d\u2067") == (
        BadField("name_fa", Fault.HIDDEN, "U+200D U+2067"),
    )
    assert problems(name_fa="\u200c\u200c") == (BadField("name_fa", Fault.BLANK),)
    assert problems(name_fa="علی\u200c") == (BadField("name_fa", Fault.STRAY_ZWNJ),)
    assert problems(name_fa="علی\nرضا") == (BadField("name_fa", Fault.HIDDEN, "U+000A"),)


def test_documents_are_the_calendar_s_kinds_each_once() -> None:
    handed = (("degree", "sha256:aa"), ("foo", "sha256:bb"), ("degree", "sha256:cc"))
    assert problems(documents=handed) == (
        BadField("documents", Fault.UNKNOWN_DOCUMENT, "foo"),
        BadField("documents", Fault.DUPLICATE_DOCUMENT, "degree"),
    )
    unlisted = dataclasses.replace(PERSON, documents=(("foo", "x"), ("foo", "y")))
    assert applicant_problems(unlisted, None) == (
        BadField("documents", Fault.DUPLICATE_DOCUMENT, "foo"),
    )


def test_tidied_trims_the_names() -> None:
    made = tidied(dataclasses.replace(PERSON, name_fa="  علی ", name_en=" Ali "))
    assert (made.name_fa, made.name_en) == ("علی", "Ali")


@given(st.text(alphabet=st.characters(categories=["Cf", "Cc"], exclude_characters="\u200c")))
def test_no_control_or_format_character_passes(hidden: str) -> None:
    faults = {b.fault for b in problems(name_fa=f"علی{hidden}رضا")}
    assert (Fault.HIDDEN in faults) == bool(hidden)

"""The keys of the box on a draft ballot: codes, correction, blank, the seats of a contest."""

from __future__ import annotations

from sandogh.core.report import Choice
from sandogh.station.web.draft import Draft, Refusal
from tests.station.build import BALLOT


def test_codes_up_to_the_seats_then_correction_and_blank() -> None:
    draft = Draft(BALLOT)
    assert draft.next() is Refusal.NOTHING_CHOSEN
    assert draft.type_code("99") is Refusal.UNKNOWN_CODE
    assert draft.type_code("21") is None
    assert draft.type_code("25") is Refusal.SEATS_FULL  # the presidency has one seat
    draft.correct()
    assert draft.type_code("25") is None
    assert draft.next() is None
    assert draft.type_code("31") is None
    assert draft.type_code("31") is Refusal.REPEATED_CODE
    assert draft.type_code("34") is None
    assert draft.type_code("32") is Refusal.SEATS_FULL  # two seats
    draft.blank()  # a blank vote takes back the codes typed in this contest
    assert draft.reviewing
    assert draft.choices() == (Choice("president", ("25",)), Choice("parliament"))


def test_back_from_the_review_clears_the_confirmations() -> None:
    draft = Draft(BALLOT)
    draft.blank()
    draft.blank()
    draft.confirmations = 1
    draft.back()
    assert (draft.step, draft.confirmations, draft.reviewing) == (1, 0, False)


def test_a_tile_pressed_chooses_and_pressed_again_takes_back() -> None:
    draft = Draft(BALLOT)
    assert draft.toggle("21") is None
    assert draft.toggle("25") is Refusal.SEATS_FULL  # one seat, taken
    assert draft.toggle("21") is None  # taken back
    assert draft.chosen() == []
    assert draft.toggle("99") is Refusal.UNKNOWN_CODE
    assert draft.toggle("25") is None
    assert draft.next() is None
    for code in ("34", "31", "34"):  # the last press takes 34 back, 31 stays first
        assert draft.toggle(code) is None
    assert draft.chosen() == ["31"]

"""Every reason of an outcome in Persian, from the same figures as the English."""

from __future__ import annotations

import re

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Constituency, Name
from sandogh.core.definition.rule import PluralityRule, ThresholdRule
from sandogh.core.rules import Lot, Outcome, decide
from sandogh.publish.reasons import persian, reasons_json

ASCII_DIGIT = re.compile("[0-9]")


def _outcome(
    rule: ThresholdRule | PluralityRule,
    votes: dict[str, int],
    seats: int,
    *,
    lot: Lot | None = None,
    alternates: int = 0,
    withdrawn: frozenset[str] = frozenset(),
) -> Outcome:
    constituency = Constituency("K", Name("کرمان", "Kerman"), ("IR-08",), seats, alternates)
    candidates = [Candidate(code, Name(code, code), "K") for code in votes]
    valid = sum(votes.values())
    counts = Counts(cast=valid + 7, valid=valid, papers_used=valid + 7, votes=votes)
    return decide(rule, constituency, candidates, counts, withdrawn=withdrawn, lot=lot)


OUTCOMES = [
    # a threshold of 20 % of valid ballots, one elected, a runoff for the other seat
    _outcome(ThresholdRule(), {"31": 5000, "32": 1500, "33": 1400, "34": 900}, 2),
    # plurality with alternates, a withdrawal, a tie broken by lot
    _outcome(
        PluralityRule(),
        {"51": 900, "52": 700, "53": 700, "54": 650, "55": 10},
        1,
        lot=Lot("۱۴۰۳-کرمان", ("دبیر هیئت",)),
        alternates=1,
        withdrawn=frozenset({"51"}),
    ),
    # a tie left for the boards
    _outcome(PluralityRule(), {"41": 12, "42": 12}, 1),
]


def test_every_reason_has_a_persian_sentence_in_persian_digits() -> None:
    keys = set()
    for outcome in OUTCOMES:
        for reason, both in zip(outcome.reasons, reasons_json(outcome), strict=True):
            keys.add(reason.key)
            assert both["en"] == reason.text
            assert both["fa"] != reason.text, reason.key
            assert not ASCII_DIGIT.search(both["fa"]), both["fa"]
    assert keys >= {
        "threshold-needed",
        "threshold-reached",
        "runoff",
        "advances-to-runoff",
        "below-threshold",
        "elected",
        "alternate",
        "not-elected",
        "withdrawn",
        "lot-drawn",
        "lot-required",
    }


def test_the_threshold_is_said_exactly() -> None:
    (needed,) = [r for r in OUTCOMES[0].reasons if r.key == "threshold-needed"]

    assert persian(OUTCOMES[0], needed) == (
        "دست‌کم ۲۰٪ از آرای صحیح (۸٬۸۰۰ رأی) لازم است: دقیقاً ۱٬۷۶۰، پس ۱٬۷۶۰ رأی."
    )


def test_a_partial_counts_reasons_say_leading_never_elected() -> None:
    """Session 21, F4: no outcome word of election until the count is complete, in either
    language, whatever the rule (threshold, runoff, alternates, withdrawal, lots)."""
    keys = set()
    for outcome in OUTCOMES:
        for reason, both in zip(outcome.reasons, reasons_json(outcome, partial=True), strict=True):
            keys.add(reason.key)
            assert not re.search("منتخب|راه یافت|: علی‌البدل", both["fa"]), both["fa"]
            assert not re.search(r"\belected\b|\badvances\b|: alternate", both["en"]), both
            assert not ASCII_DIGIT.search(both["fa"]), both["fa"]
    assert keys >= {"threshold-reached", "below-threshold", "elected", "not-elected", "runoff"}

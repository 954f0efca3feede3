"""A report's printed figures against the results and each other (reference/seed-facts.md)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from sandogh.core.counting.statement import (
    Basis,
    Check,
    PrintedMargin,
    Statement,
    StatementCheck,
    Term,
    Verdict,
    check_statement,
)
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.counting.turnout import Turnout

KERMAN_ELIGIBLE = 2_324_254
# Kerman, 2024 runoff, as stored; the split of the invalid ballots and papers used are synthetic.
STORED = Counts(
    papers_used=1_278_340,
    cast=1_276_092,
    valid=1_252_840,
    invalid={InvalidKind.BLANK: 20_000, InvalidKind.NON_CANDIDATE: 3_252},
    votes={"21": 773_591, "25": 479_249},
)
ROUND_1 = Turnout(eligible=KERMAN_ELIGIBLE, cast=1_068_000, papers_used=1_069_157)
# What one report printed, the margin slip included.
PRINTED = Statement(
    unit="IR-08",
    contest="president",
    cast=1_276_092,
    valid=1_252_840,
    invalid=23_252,
    votes={"21": 773_591, "25": 479_249},
    margin=PrintedMargin("21", "25", 294_349),
    turnout_percent=Decimal("55"),
    previous_turnout_percent=Decimal("46"),
    turnout_change_points=Decimal("9"),
)


def _checks(statement: Statement = PRINTED) -> tuple[StatementCheck, ...]:
    return check_statement(statement, STORED, eligible=KERMAN_ELIGIBLE, seats=1, previous=ROUND_1)


def test_only_the_margin_disagrees_in_the_kerman_report() -> None:
    checks = _checks()
    verdicts = {(c.figure, c.basis): c.verdict for c in checks}
    assert verdicts == {
        ("cast", Basis.STORED): Verdict.AGREES,
        ("valid", Basis.STORED): Verdict.AGREES,
        ("invalid", Basis.STORED): Verdict.AGREES,
        ("votes[21]", Basis.STORED): Verdict.AGREES,
        ("votes[25]", Basis.STORED): Verdict.AGREES,
        ("margin[21-25]", Basis.STORED): Verdict.DISAGREES,
        ("turnout", Basis.STORED): Verdict.AGREES,
        ("previous_turnout", Basis.STORED): Verdict.AGREES,
        ("turnout_change", Basis.STORED): Verdict.AGREES,
        ("cast", Basis.PRINTED): Verdict.AGREES,
        ("valid", Basis.PRINTED): Verdict.AGREES,
        ("margin[21-25]", Basis.PRINTED): Verdict.DISAGREES,
        ("turnout_change", Basis.PRINTED): Verdict.AGREES,
    }


def test_the_margin_check_says_what_it_was_made_from() -> None:
    among_printed = [c for c in _checks() if c.check is Check.MARGIN and c.basis is Basis.PRINTED]
    assert among_printed == [
        StatementCheck(
            figure="margin[21-25]",
            check=Check.MARGIN,
            basis=Basis.PRINTED,
            printed=294_349,
            expected=Fraction(294_342),
            terms=(
                Term("votes[21]", Fraction(773_591), Basis.PRINTED),
                Term("votes[25]", Fraction(479_249), Basis.PRINTED),
            ),
        )
    ]
    assert among_printed[0].difference == 7  # "disagrees (7 more)"


def test_the_identities_among_printed_figures_hold_for_cast_and_valid() -> None:
    checks = {(c.check, c.basis): c for c in _checks()}
    cast = checks[Check.CAST, Basis.PRINTED]
    assert (cast.printed, cast.expected) == (1_276_092, Fraction(1_252_840 + 23_252))
    votes = checks[Check.VOTES, Basis.PRINTED]
    assert (votes.figure, votes.printed) == ("valid", 1_252_840)
    assert votes.expected == Fraction(773_591 + 479_249)


def test_a_printed_percent_agrees_when_the_exact_value_rounds_to_it() -> None:
    runoff = Counts(cast=30_530_157, papers_used=30_573_931)  # 49.7524… % of papers used

    def turnout_verdict(printed: str, tolerance: Fraction) -> Verdict:
        statement = Statement("IR", "president", turnout_percent=Decimal(printed))
        (check,) = check_statement(statement, runoff, eligible=61_452_321, seats=1)
        assert check.tolerance == tolerance
        return check.verdict

    assert turnout_verdict("49.8", Fraction(1, 20)) is Verdict.AGREES
    assert turnout_verdict("50", Fraction(1, 2)) is Verdict.AGREES
    assert turnout_verdict("49.75", Fraction(1, 200)) is Verdict.AGREES
    assert turnout_verdict("49.7", Fraction(1, 20)) is Verdict.DISAGREES  # as ballots cast give
    assert turnout_verdict("49.80", Fraction(1, 200)) is Verdict.DISAGREES


def test_a_tie_rounds_either_way() -> None:
    exact = Counts(papers_used=4975)  # 49.75 % of 10,000
    for printed in ("49.7", "49.8"):
        statement = Statement("IR", "president", turnout_percent=Decimal(printed))
        (check,) = check_statement(statement, exact, eligible=10_000, seats=1)
        assert check.verdict is Verdict.AGREES


def test_a_printed_change_agrees_with_printed_turnouts_within_their_rounding() -> None:
    def verdict(change: str) -> Verdict:
        statement = Statement(
            "IR-08",
            "president",
            turnout_percent=Decimal("55"),
            previous_turnout_percent=Decimal("46"),
            turnout_change_points=Decimal(change),
        )
        checks = check_statement(statement, STORED, eligible=None, seats=1)
        (among,) = [c for c in checks if c.basis is Basis.PRINTED]
        return among.verdict

    # 45.5 → 55.49 is a change of 9.99, printed 10: still consistent with 46 and 55.
    assert verdict("9") is Verdict.AGREES
    assert verdict("10") is Verdict.AGREES
    assert verdict("11") is Verdict.DISAGREES
    assert verdict("9.0") is Verdict.AGREES


def test_what_the_store_cannot_tell_is_unknown_not_wrong() -> None:
    checks = check_statement(PRINTED, STORED, eligible=None, seats=1)
    unknown = {c.figure for c in checks if c.verdict is Verdict.UNKNOWN}
    assert unknown == {"turnout", "previous_turnout", "turnout_change"}
    (turnout,) = [c for c in checks if c.figure == "turnout" and c.basis is Basis.STORED]
    assert turnout.expected is None
    assert turnout.difference is None
    assert turnout.terms == (Term("papers_used", Fraction(1_278_340), Basis.STORED),)


def test_the_votes_identity_needs_one_seat_and_every_candidate_with_votes() -> None:
    only_one = Statement("IR-08", "president", valid=1_252_840, votes={"21": 773_591})
    checks = check_statement(only_one, STORED, eligible=None, seats=1)
    assert Check.VOTES not in {c.check for c in checks}
    checks = check_statement(PRINTED, STORED, eligible=None, seats=2)
    assert Check.VOTES not in {c.check for c in checks}


def test_a_printed_figure_that_is_wrong_is_named_with_its_difference() -> None:
    slip = Statement("IR-08", "president", cast=1_276_029, valid=1_252_840, invalid=23_252)
    checks = check_statement(slip, STORED, eligible=None, seats=1)
    wrong = [(c.figure, c.basis, c.difference) for c in checks if c.verdict is Verdict.DISAGREES]
    assert wrong == [("cast", Basis.STORED, Fraction(-63)), ("cast", Basis.PRINTED, Fraction(-63))]

import datetime

from sandogh.core.candidacy.conditions import (
    Applicant,
    Conditions,
    Education,
    full_years,
    unmet,
)
from sandogh.core.definition.model import Name

D = datetime.date


def test_age_is_in_full_years_on_the_registration_day() -> None:
    assert full_years(D(1993, 10, 20), D(2023, 10, 19)) == 29
    assert full_years(D(1993, 10, 20), D(2023, 10, 20)) == 30
    assert full_years(D(2000, 2, 29), D(2025, 2, 28)) == 24


def test_a_council_applicant_short_of_residence_and_education_hears_both() -> None:
    council = Conditions(
        Name("قانون انتخابات شوراها", "councils law (iran-candidacy.md §5)"),
        min_age=25,
        education=Education.ASSOCIATE,
        residence_months=12,
        documents=("no-criminal-record",),
    )
    applicant = Applicant(
        "0013542419", "الف", "A", D(1990, 1, 1), Education.DIPLOMA, D(2025, 6, 1), ()
    )
    found = unmet(applicant, council, D(2026, 1, 11))
    assert [u.condition for u in found] == ["education", "residence", "document"]
    assert found[1].detail == "7 months in the constituency, under 12"
